/*
 * predict.c: what the reference engine predicts for the lab, on the same
 * input the lab runs: the CPEs' IRs as the lab compiled them (vendor frr)
 * and the cloud model of the design. It fills the lab's expectation: each
 * session (hold, keepalive, BFD detection per side), each route the lab
 * reads (next hops by VBR), and each silent-failure drill (how and when it
 * is detected, the best case and the bound, per side).
 */
#include <stdio.h>
#include <string.h>

#include "engine/engine.h"
#include "lab/lab.h"

/* ---- the cloud model, from the design ----------------------------------- */

static enum ecrc_engine_attach attach_kind(enum ecrc_attach_kind k)
{
	switch (k) {
	case ECRC_ATT_ECR:
		return ECRC_ENGINE_ATT_ECR;
	case ECRC_ATT_VBR:
		return ECRC_ENGINE_ATT_VBR;
	case ECRC_ATT_VPN:
		return ECRC_ENGINE_ATT_VPN;
	case ECRC_ATT_CCN:
		return ECRC_ENGINE_ATT_CCN;
	case ECRC_ATT_VPC:
		return ECRC_ENGINE_ATT_VPC;
	case ECRC_ATT_ANY:
		break;
	}
	return ECRC_ENGINE_ATT_ANY;
}

static void bfd_of(const struct ecrc_bfd *b, struct ecrc_engine_bfd *out)
{
	memset(out, 0, sizeof *out);
	if (!b)
		return;
	*out = (struct ecrc_engine_bfd){true, b->min_tx_ms, b->min_rx_ms, b->multiplier};
}

static struct ecrc_ipnet *prefix_list(struct ecrc_arena *a, const struct ecrc_prefix_node *head, size_t n,
                                      const struct ecrc_ipnet *first)
{
	struct ecrc_ipnet *v = ecrc_arena_alloc(a, (n + 1) * sizeof(*v));
	size_t k = 0;

	if (first)
		v[k++] = *first;
	for (const struct ecrc_prefix_node *p = head; p; p = p->next)
		v[k++] = ecrc_ipnet_network(p->prefix);
	return v;
}

/* Everything of the design the engine models besides the CPEs. */
static void cloud_model(const struct ecrc_design *d, struct ecrc_arena *a, struct ecrc_engine_model *m)
{
	const struct ecrc_cloud *cl = d->cloud;
	size_t n_vbrs = 0, n_trs = 0, n_vpcs = 0, n_attaches = 0, n_policies = 0, n_assoc = 0;

	for (const struct ecrc_region *rg = cl->regions; rg; rg = rg->next) {
		n_vbrs += rg->n_vbrs;
		n_trs += rg->n_trs;
		n_vpcs += rg->n_vpcs;
		for (const struct ecrc_transit_router *t = rg->trs; t; t = t->next) {
			n_attaches += t->n_attaches;
			n_policies += t->n_policies;
		}
	}
	for (const struct ecrc_ecr *e = cl->ecrs; e; e = e->next)
		n_assoc += e->n_associates;

	struct ecrc_engine_vbr *vbrs = ecrc_arena_alloc(a, (n_vbrs + 1) * sizeof(*vbrs));
	struct ecrc_engine_tr *trs = ecrc_arena_alloc(a, (n_trs + 1) * sizeof(*trs));
	struct ecrc_engine_vpc *vpcs = ecrc_arena_alloc(a, (n_vpcs + 1) * sizeof(*vpcs));
	struct ecrc_engine_tr_attach *att = ecrc_arena_alloc(a, (n_attaches + 1) * sizeof(*att));
	struct ecrc_engine_route_policy *pol = ecrc_arena_alloc(a, (n_policies + 1) * sizeof(*pol));
	struct ecrc_engine_ecr *ecrs = ecrc_arena_alloc(a, (cl->n_ecrs + 1) * sizeof(*ecrs));
	struct ecrc_engine_ecr_tr *ecr_trs = ecrc_arena_alloc(a, (n_assoc + 1) * sizeof(*ecr_trs));
	struct ecrc_engine_ecr_vpc *ecr_vpcs = ecrc_arena_alloc(a, (n_assoc + 1) * sizeof(*ecr_vpcs));

	for (const struct ecrc_region *rg = cl->regions; rg; rg = rg->next) {
		for (const struct ecrc_vbr *v = rg->vbrs; v; v = v->next) {
			struct ecrc_engine_vbr *ev = &vbrs[m->n_vbrs++];
			const struct ecrc_bgp_peer *bp = v->bgp_peer;
			ev->id = v->id;
			ev->connection_id = v->connection_id;
			ev->region_id = rg->id;
			ev->local_asn = ecrc_vbr_local_asn(v);
			ev->local_address = v->local_address.addr;
			ev->peer_address = v->peer_address;
			ev->bgp = v->routing == ECRC_ROUTING_BGP && bp;
			ev->route_quota = v->route_quota;
			ev->ecr_id = v->ecr ? v->ecr->id : NULL;
			if (bp) {
				ev->peer_asn = bp->peer_asn;
				ev->keepalive_s = bp->keepalive_s;
				ev->hold_s = bp->hold_s;
				ev->md5 = bp->auth_md5;
				bfd_of(bp->bfd, &ev->bfd);
			}
		}
		for (const struct ecrc_transit_router *t = rg->trs; t; t = t->next) {
			trs[m->n_trs++] = (struct ecrc_engine_tr){t->id, rg->id};
			for (const struct ecrc_attach *at = t->attaches; at; at = at->next)
				att[m->n_tr_attaches++] = (struct ecrc_engine_tr_attach){
				    t->id, attach_kind(at->kind), at->target_id};
			for (const struct ecrc_route_policy *p = t->policies; p; p = p->next)
				pol[m->n_policies++] = (struct ecrc_engine_route_policy){
				    .tr_id = t->id,
				    .region_out = p->direction == ECRC_DIR_REGION_OUT,
				    .priority = p->priority,
				    .permit = p->action == ECRC_ACTION_PERMIT,
				    .source = attach_kind(p->source),
				    .destination = attach_kind(p->destination),
				};
		}
		for (const struct ecrc_vpc *v = rg->vpcs; v; v = v->next) {
			struct ecrc_ipnet primary = ecrc_ipnet_network(v->cidr);
			vpcs[m->n_vpcs++] = (struct ecrc_engine_vpc){
			    v->id, rg->id, prefix_list(a, v->cidrs, v->n_cidrs + 1, &primary),
			    v->n_cidrs + 1};
		}
	}
	for (const struct ecrc_ecr *e = cl->ecrs; e; e = e->next) {
		ecrs[m->n_ecrs++] = (struct ecrc_engine_ecr){e->id, e->asn};
		for (const struct ecrc_associate *as = e->associates; as; as = as->next) {
			if (as->kind == ECRC_ASSOC_TR)
				ecr_trs[m->n_ecr_trs++] = (struct ecrc_engine_ecr_tr){
				    e->id, as->target_id, prefix_list(a, as->allowed, as->n_allowed, NULL),
				    as->n_allowed};
			else if (as->kind == ECRC_ASSOC_VPC)
				ecr_vpcs[m->n_ecr_vpcs++] =
				    (struct ecrc_engine_ecr_vpc){e->id, as->target_id};
		}
	}
	m->vbrs = vbrs;
	m->trs = trs;
	m->vpcs = vpcs;
	m->tr_attaches = att;
	m->policies = pol;
	m->ecrs = ecrs;
	m->ecr_trs = ecr_trs;
	m->ecr_vpcs = ecr_vpcs;
}

/* The data centers, with the CPEs the lab compiled (a CPE without a
 * circuit in the lab is lowered here, the same way). */
static int cpes_and_dcs(const struct ecrc_lab *lab, struct ecrc_arena *a, struct ecrc_engine_model *m,
                        char *err, size_t errlen)
{
	const struct ecrc_design *d = lab->design;
	size_t n_cpes = 0;

	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		n_cpes += dc->n_cpes;
	const struct ecrc_ir_cpe **irs = ecrc_arena_alloc(a, (n_cpes + 1) * sizeof(*irs));
	struct ecrc_engine_dc *dcs = ecrc_arena_alloc(a, (d->n_dcs + 1) * sizeof(*dcs));

	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next) {
		const char **ids = ecrc_arena_alloc(a, (dc->n_cpes + 1) * sizeof(*ids));
		size_t k = 0;
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next) {
			const struct ecrc_lab_router *r = ecrc_lab_router_find(lab, c->id);
			const struct ecrc_ir_cpe *ir = r ? r->ir : NULL;
			if (!ir) {
				struct ecrc_lower_options lo = {.vendor_override = "frr"};
				struct ecrc_diags diags;
				ecrc_diags_init(&diags);
				ir = ecrc_lower_cpe(d, c, &lo, a, &diags);
				ecrc_diags_free(&diags);
				if (!ir) {
					snprintf(err, errlen, "cannot compile %s for the engine", c->id);
					return -1;
				}
			}
			irs[m->n_cpes++] = ir;
			ids[k++] = c->id;
		}
		dcs[m->n_dcs++] = (struct ecrc_engine_dc){
		    dc->id, prefix_list(a, dc->prefixes, dc->n_prefixes, NULL), dc->n_prefixes, ids, k};
	}
	m->cpes = irs;
	m->dcs = dcs;
	return 0;
}

/* ---- the prediction ------------------------------------------------------- */

static int64_t ms(uint64_t us)
{
	return us == ECRC_ENGINE_NEVER ? -1 : (int64_t)((us + 500) / 1000);
}

static const char *copy(struct ecrc_arena *a, const char *s)
{
	return s ? ecrc_arena_strdup(a, s) : NULL;
}

/* One side's detections over every affected session: the first detection
 * and its method, the earliest best case, the latest bound. */
static void side_of(struct ecrc_arena *a, const struct ecrc_engine_drill_result *r, const char *side,
                    struct ecrc_lab_expect_side *out)
{
	bool any = false;

	*out = (struct ecrc_lab_expect_side){NULL, -1, -1, -1};
	for (size_t i = 0; i < r->n_detections; i++) {
		const struct ecrc_engine_detection *d = &r->detections[i];
		if (strcmp(d->side, side) != 0)
			continue;
		int64_t t = ms(d->detect_us), best = ms(d->best_us), bound = ms(d->bound_us);
		if (!any || (t >= 0 && (out->detect_ms < 0 || t < out->detect_ms))) {
			out->detect_ms = t;
			out->detected_by = copy(a, ecrc_engine_detect_name(d->by));
		}
		if (!any || (best >= 0 && best < out->best_ms))
			out->best_ms = best;
		if (!any || bound < 0 || (out->bound_ms >= 0 && bound > out->bound_ms))
			out->bound_ms = bound;
		any = true;
	}
}

void ecrc_lab_predict(const struct ecrc_lab *lab, struct ecrc_lab_expect *x, void *ctx)
{
	struct ecrc_engine_model m;
	struct ecrc_engine_options o;
	struct ecrc_engine *e;
	struct ecrc_arena *a;
	char err[160];

	(void)ctx;
	memset(&m, 0, sizeof m);
	x->arena = a = ecrc_arena_new();
	if (cpes_and_dcs(lab, a, &m, x->message, sizeof x->message) != 0)
		return;
	cloud_model(lab->design, a, &m);
	ecrc_engine_options_init(&o);
	x->seed = o.seed;
	e = ecrc_engine_new(&m, &o, err, sizeof err);
	if (!e) {
		snprintf(x->message, sizeof x->message, "the engine refused the model: %s", err);
		return;
	}
	ecrc_engine_converge(e);

	size_t n = ecrc_engine_n_sessions(e);
	x->sessions = ecrc_arena_alloc(a, (n + 1) * sizeof(*x->sessions));
	for (size_t i = 0; i < n; i++) {
		struct ecrc_engine_session_info s;
		ecrc_engine_session(e, i, &s);
		x->sessions[x->n_sessions++] = (struct ecrc_lab_expect_session){
		    .uplink = copy(a, s.uplink_id),
		    .established = s.established,
		    .hold_s = s.hold_s,
		    .cpe_keepalive_s = s.cpe_keepalive_s,
		    .bfd = s.bfd_cpe && s.bfd_vbr,
		    .cpe_detect_ms = s.cpe_detect_ms,
		    .vbr_detect_ms = s.vbr_detect_ms,
		};
	}

	struct ecrc_lab_route *subjects;
	size_t n_subjects;
	ecrc_lab_route_subjects(lab, &subjects, &n_subjects);
	x->routes = ecrc_arena_alloc(a, (n_subjects + 1) * sizeof(*x->routes));
	for (size_t i = 0; i < n_subjects; i++) {
		struct ecrc_engine_route r;
		struct ecrc_lab_expect_route *xr = &x->routes[x->n_routes++];
		xr->router = copy(a, subjects[i].router);
		xr->prefix = subjects[i].prefix;
		if (!ecrc_engine_route(e, subjects[i].router, subjects[i].prefix, false, &r) || !r.present)
			continue;
		xr->next_hops = ecrc_arena_alloc(a, (r.n_next_hops + 1) * sizeof(*xr->next_hops));
		for (size_t k = 0; k < r.n_next_hops; k++)
			xr->next_hops[xr->n_next_hops++] = copy(a, r.next_hops[k]);
	}
	ecrc_lab_routes_free(subjects, n_subjects);

	const char **targets = ecrc_arena_alloc(a, (lab->n_circuits + 1) * sizeof(*targets));
	size_t n_targets = ecrc_lab_drill_targets(lab, targets);
	x->drills = ecrc_arena_alloc(a, (n_targets + 1) * sizeof(*x->drills));
	for (size_t i = 0; i < n_targets; i++) {
		struct ecrc_engine_failure f = {ECRC_FAIL_SILENT, targets[i]};
		struct ecrc_engine_drill_result r;
		if (ecrc_engine_drill(e, &f, 1, &r, err, sizeof err) != 0) {
			snprintf(x->message, sizeof x->message, "drill %.64s: %s", targets[i], err);
			ecrc_engine_free(e);
			return;
		}
		struct ecrc_lab_expect_drill *xd = &x->drills[x->n_drills++];
		xd->name = copy(a, targets[i]);
		xd->detected_by = r.detected_by == ECRC_DETECT_NONE
		                      ? NULL
		                      : copy(a, ecrc_engine_detect_name(r.detected_by));
		xd->detect_ms = ms(r.detect_us);
		xd->detect_best_ms = ms(r.detect_best_us);
		xd->detect_bound_ms = ms(r.detect_bound_us);
		xd->converged_ms = ms(r.converged_us);
		side_of(a, &r, "cpe", &xd->cpe);
		side_of(a, &r, "vbr", &xd->vbr);
		ecrc_engine_drill_result_free(&r);
	}
	ecrc_engine_free(e);
	x->ok = true;
}
