/*
 * run.c: verify's run over the engine. Converges the model, reads every
 * session and the routes the design's intent names (the data center
 * prefixes on the ECRs, transit routers and VPCs that reach them; the VPC
 * CIDRs on the CPEs), checks them (sessions established and BFD up, ECMP
 * width or the active-standby primary, each VPC's route reachable, each
 * CPE's route present, no CPE hearing its own prefixes back), then runs
 * the drills and checks each against reachability and max-failover-ms.
 * Everything lands in struct ecrc_verify_report; text.c and json.c print it.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify/verify.h"

static void check(struct ecrc_verify_report *rp, const char *name, const char *subject, bool ok, bool warning,
                  const char *fmt, ...) ECRC_PRINTF(6, 7);

static void check(struct ecrc_verify_report *rp, const char *name, const char *subject, bool ok, bool warning,
                  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ecrc_verify_checks_vadd(&rp->checks, name, subject, ok, warning, fmt, ap);
	va_end(ap);
}

static bool keep_check(struct ecrc_verify_report *rp, bool ok)
{
	return ecrc_verify_checks_keep(&rp->checks, ok);
}

static void lines_add(struct ecrc_verify_lines *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = ecrc_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = s;
}

static void on_trace(void *ctx, uint64_t time_us, const char *line)
{
	struct ecrc_verify_report *rp = ctx;
	if (rp->trace_into)
		lines_add(rp->trace_into, ecrc_arena_printf(rp->a, "%" PRIu64 ".%06" PRIu64 " %s",
		                                            time_us / 1000000, time_us % 1000000, line));
}

static void join(char *buf, size_t n, const char *const *v, size_t k)
{
	buf[0] = '\0';
	for (size_t i = 0; i < k; i++) {
		strncat(buf, i ? ", " : "", n - strlen(buf) - 1);
		strncat(buf, v[i], n - strlen(buf) - 1);
	}
}

uint64_t ecrc_verify_ms(uint64_t us)
{
	return (us + 500) / 1000;
}

/* ---- sessions ------------------------------------------------------------------------------- */

static void do_sessions(struct ecrc_verify_report *rp, struct ecrc_engine *E)
{
	rp->n_sessions = ecrc_engine_n_sessions(E);
	rp->sessions = ecrc_arena_alloc(rp->a, (rp->n_sessions ? rp->n_sessions : 1) * sizeof(*rp->sessions));
	for (size_t i = 0; i < rp->n_sessions; i++) {
		struct ecrc_engine_session_info *s = &rp->sessions[i];
		ecrc_engine_session(E, i, s);
		if (s->established)
			check(rp, "session-established", s->uplink_id, true, false,
			      "hold %u s, keepalive %u s", s->hold_s, s->cpe_keepalive_s);
		else
			check(rp, "session-established", s->uplink_id, false, false, "%s", s->reason);
		/* a session that went down while converging (a hold timer no
		 * KEEPALIVE restarts, a BFD flap) is not one to deploy */
		if (s->bgp_flaps || s->bfd_flaps)
			check(rp, "session-stable", s->uplink_id, false, false,
			      "went down %u times while coming up (BFD %u times): %s", s->bgp_flaps,
			      s->bfd_flaps, s->flap_reason ? s->flap_reason : "BFD flapped");
		if (s->bfd_cpe != s->bfd_vbr)
			check(rp, "bfd-up", s->uplink_id, false, true,
			      "BFD on the %s only: it never comes up, the hold time (%u s) detects failures",
			      s->bfd_cpe ? "CPE" : "VBR", s->hold_s);
		else if (s->bfd_cpe && s->established)
			check(rp, "bfd-up", s->uplink_id,
			      s->bfd_cpe_state == ECRC_BFD_UP && s->bfd_vbr_state == ECRC_BFD_UP, false,
			      "detection %u ms on the CPE, %u ms on the VBR", s->cpe_detect_ms,
			      s->vbr_detect_ms);
	}
}

/* ---- routes ----------------------------------------------------------------------------------- */

struct want {
	const char *router;
	int rank;     /* ECRs, transit routers, VPCs, CPEs */
	size_t order; /* document order within the rank */
	struct ecrc_ipnet prefix;
	bool lpm; /* a CPE's route for a VPC CIDR: longest match */
};

struct wants {
	struct want *v;
	size_t n, cap;
};

static void want(struct wants *w, const char *router, int rank, size_t order, struct ecrc_ipnet p, bool lpm)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		w->v = ecrc_xrealloc(w->v, w->cap * sizeof(*w->v));
	}
	w->v[w->n++] = (struct want){router, rank, order, ecrc_ipnet_network(p), lpm};
}

static int cmp_want(const void *a, const void *b)
{
	const struct want *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return ecrc_ipnet_cmp(x->prefix, y->prefix);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Document order of every ECR, transit router and VPC. */
struct orders {
	const char **ids;
	size_t *order;
	size_t n;
};

static void orders_build(const struct ecrc_design *d, struct orders *o)
{
	size_t n = d->cloud->n_ecrs, k = 0;
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next)
		n += r->n_trs + r->n_vpcs;
	o->ids = ecrc_xmalloc((n ? n : 1) * sizeof(*o->ids));
	o->order = ecrc_xmalloc((n ? n : 1) * sizeof(*o->order));
	for (const struct ecrc_ecr *e = d->cloud->ecrs; e; e = e->next)
		o->ids[k++] = e->id;
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next)
		for (const struct ecrc_transit_router *t = r->trs; t; t = t->next)
			o->ids[k++] = t->id;
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next)
		for (const struct ecrc_vpc *v = r->vpcs; v; v = v->next)
			o->ids[k++] = v->id;
	o->n = k;
	/* sorted by id for lookup, keeping each one's document position */
	const char **sorted = ecrc_xmalloc((n ? n : 1) * sizeof(*sorted));
	memcpy(sorted, o->ids, k * sizeof(*sorted));
	qsort(sorted, k, sizeof(*sorted), cmp_str);
	for (size_t i = 0; i < k; i++) {
		const char **at = bsearch(&o->ids[i], sorted, k, sizeof(*sorted), cmp_str);
		o->order[at - sorted] = i;
	}
	free(o->ids);
	o->ids = sorted;
}

static size_t order_of(const struct orders *o, const char *id)
{
	const char **at = bsearch(&id, o->ids, o->n, sizeof(*o->ids), cmp_str);
	return at ? o->order[at - o->ids] : o->n;
}

/* Which routes the report shows: the data center prefixes on each ECR of
 * the data center's groups and on each transit router and VPC it reaches;
 * the routes those VPCs originate (one per vSwitch CIDR) on each of its
 * CPEs, by longest match (behind allowed prefixes the CPE holds the
 * aggregate). */
static void collect_wants(const struct ecrc_design *d, const struct ecrc_facts *f, struct wants *w)
{
	struct orders o;
	orders_build(d, &o);
	size_t cpe_order = 0;
	for (size_t i = 0; i < f->n_dcs; i++) {
		const struct ecrc_dc_facts *df = &f->dcs[i];
		for (size_t g = 0; g < df->n_groups; g++) {
			const struct ecrc_ecmp_group *grp = &df->groups[g];
			if (!grp->ecr)
				continue;
			size_t ord = order_of(&o, grp->ecr->id);
			for (size_t k = 0; k < grp->n_prefixes; k++)
				want(w, grp->ecr->id, 0, ord, grp->prefixes[k], false);
		}
		for (size_t r = 0; r < df->n_reach; r++) {
			const struct ecrc_vpc_reach *re = &df->reach[r];
			size_t tr_ord = re->tr ? order_of(&o, re->tr->id) : 0,
			       vpc_ord = order_of(&o, re->vpc->id);
			for (size_t g = 0; g < df->n_groups; g++)
				for (size_t k = 0; k < df->groups[g].n_prefixes; k++) {
					if (re->tr)
						want(w, re->tr->id, 1, tr_ord, df->groups[g].prefixes[k],
						     false);
					want(w, re->vpc->id, 2, vpc_ord, df->groups[g].prefixes[k], false);
				}
		}
		for (const struct ecrc_cpe *c = df->dc->cpes; c; c = c->next, cpe_order++)
			for (size_t r = 0; r < df->n_reach; r++) {
				const struct ecrc_vpc *vpc = df->reach[r].vpc;
				size_t n = ecrc_vpc_n_routes(vpc);
				struct ecrc_vpc_route *vr = ecrc_xcalloc(n, sizeof(*vr));
				n = ecrc_vpc_routes(vpc, vr);
				for (size_t k = 0; k < n; k++)
					want(w, c->id, 3, cpe_order, vr[k].prefix, true);
				free(vr);
			}
	}
	free(o.ids);
	free(o.order);
	if (w->n > 1)
		qsort(w->v, w->n, sizeof(*w->v), cmp_want);
	size_t m = 0;
	for (size_t i = 0; i < w->n; i++)
		if (m == 0 || strcmp(w->v[m - 1].router, w->v[i].router) != 0 ||
		    !ecrc_ipnet_equal(w->v[m - 1].prefix, w->v[i].prefix))
			w->v[m++] = w->v[i];
	w->n = m;
}

static void do_routes(struct ecrc_verify_report *rp, struct ecrc_engine *E, const struct wants *w)
{
	rp->routes = ecrc_arena_alloc(rp->a, (w->n ? w->n : 1) * sizeof(*rp->routes));
	rp->shown = ecrc_xmalloc((w->n ? w->n : 1) * sizeof(*rp->shown));
	for (size_t i = 0; i < w->n; i++) {
		const struct want *x = &w->v[i];
		struct ecrc_engine_route r;
		if (!ecrc_engine_route(E, x->router, x->prefix, x->lpm, &r))
			continue;
		if (rp->n_shown == 0 || strcmp(rp->shown[rp->n_shown - 1], x->router) != 0)
			rp->shown[rp->n_shown++] = x->router;
		struct ecrc_verify_route *v = &rp->routes[rp->n_routes++];
		*v = (struct ecrc_verify_route){
		    .router = x->router, .asked = x->prefix, .prefix = x->prefix, .present = r.present};
		if (!r.present)
			continue;
		v->prefix = r.prefix;
		v->n_hops = r.n_next_hops;
		v->hops = ecrc_arena_alloc(rp->a, (r.n_next_hops ? r.n_next_hops : 1) * sizeof(*v->hops));
		memcpy(v->hops, r.next_hops, r.n_next_hops * sizeof(*v->hops));
		v->as_path = ecrc_arena_strdup(rp->a, r.as_path);
	}
	qsort(rp->shown, rp->n_shown, sizeof(*rp->shown), cmp_str);
	size_t m = 0;
	for (size_t i = 0; i < rp->n_shown; i++)
		if (m == 0 || strcmp(rp->shown[m - 1], rp->shown[i]) != 0)
			rp->shown[m++] = rp->shown[i];
	rp->n_shown = m;
}

bool ecrc_verify_shown(const struct ecrc_verify_report *rp, const char *router)
{
	return bsearch(&router, rp->shown, rp->n_shown, sizeof(*rp->shown), cmp_str) != NULL;
}

/* ---- intent checks on the converged state --------------------------------------------------- */

static void check_groups(struct ecrc_verify_report *rp, struct ecrc_engine *E, const struct ecrc_facts *f)
{
	for (size_t i = 0; i < f->n_dcs; i++) {
		const struct ecrc_dc_facts *df = &f->dcs[i];
		bool standby = df->dc->redundancy == ECRC_ACTIVE_STANDBY;
		/* what verify cannot judge, said every time (vendors.md point 9) */
		if (standby)
			check(rp, "standby-direction", df->dc->id, true, false,
			      "cloud to data center: the primary, checked below; data center to cloud: "
			      "decided inside "
			      "the data center, not simulated: the standby CPE sets LOCAL_PREF %u on the "
			      "cloud routes it "
			      "accepts, which makes traffic prefer the primary only where the CPEs share "
			      "routes (iBGP "
			      "between them, or an IGP that keeps the preference)",
			      ECRC_STANDBY_LOCAL_PREF);
		for (size_t g = 0; g < df->n_groups; g++) {
			const struct ecrc_ecmp_group *grp = &df->groups[g];
			if (!grp->ecr)
				continue;
			size_t width = 0;
			const char *primary = NULL;
			for (size_t k = 0; k < grp->n_members; k++) {
				const struct ecrc_uplink_facts *uf = grp->members[k];
				if (!uf->has_bgp_session)
					continue;
				width++;
				if (uf->uplink->role == ECRC_ROLE_PRIMARY && uf->vbr)
					primary = uf->vbr->id;
			}
			if (width == 0)
				continue;
			for (size_t k = 0; k < grp->n_prefixes; k++) {
				struct ecrc_engine_route r;
				ecrc_engine_route(E, grp->ecr->id, grp->prefixes[k], false, &r);
				size_t n = r.present ? r.n_next_hops : 0;
				bool pass = standby
				                ? primary && n == 1 && strcmp(r.next_hops[0], primary) == 0
				                : n == width;
				if (!keep_check(rp, pass))
					continue;
				char subject[128], pbuf[19], hops[512];
				snprintf(subject, sizeof subject, "%s %s", grp->ecr->id,
				         ecrc_fmt_ipnet(grp->prefixes[k], pbuf));
				join(hops, sizeof hops, r.next_hops, n);
				if (!standby) {
					check(rp, "ecmp-width", subject, n == width, false,
					      "%zu of %zu paths%s%s%s", n, width, n ? " (" : "", hops,
					      n ? ")" : "");
				} else if (!primary) {
					check(rp, "standby-primary", subject, false, false,
					      "no primary uplink with a BGP session; %zu paths%s%s%s", n,
					      n ? " (" : "", hops, n ? ")" : "");
				} else {
					check(rp, "standby-primary", subject, pass, false,
					      "%s%s, the primary is %s", n ? "via " : "no route", hops,
					      primary);
				}
			}
		}
	}
}

static void check_routes(struct ecrc_verify_report *rp, struct ecrc_engine *E, const struct ecrc_facts *f)
{
	for (size_t i = 0; i < rp->n_routes; i++) {
		const struct ecrc_verify_route *x = &rp->routes[i];
		const struct ecrc_node *n = ecrc_design_find(f->design, x->router);
		if (!n || (n->kind != ECRC_K_VPC && n->kind != ECRC_K_CPE))
			continue;
		struct ecrc_engine_reach re = {0};
		if (n->kind == ECRC_K_VPC)
			ecrc_engine_reach_dc(E, x->router, x->asked, &re);
		if (!keep_check(rp, x->present && (n->kind != ECRC_K_VPC || re.reachable)))
			continue;
		char subject[128], pbuf[19], hops[512];
		snprintf(subject, sizeof subject, "%s %s", x->router, ecrc_fmt_ipnet(x->asked, pbuf));
		join(hops, sizeof hops, x->hops, x->n_hops);
		if (n->kind == ECRC_K_VPC) {
			if (!x->present)
				check(rp, "vpc-route", subject, false, false, "no route");
			else
				check(rp, "vpc-route", subject, re.reachable, false,
				      "via %s, %zu circuit%s%s", hops, re.n_circuits,
				      re.n_circuits == 1 ? "" : "s",
				      re.blackholed ? ", with a black hole" : "");
		} else {
			check(rp, "cpe-route", subject, x->present, false, "%s%s",
			      x->present ? "via " : "no route", hops);
		}
	}
	/* a CPE that hears its own data center's prefixes back */
	for (size_t i = 0; i < f->n_dcs; i++) {
		const struct ecrc_datacenter *dc = f->dcs[i].dc;
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			for (const struct ecrc_prefix_node *p = dc->prefixes; p; p = p->next) {
				struct ecrc_engine_route r;
				if (!ecrc_engine_route(E, c->id, p->prefix, false, &r) || !r.learned_via)
					continue;
				char subject[128], pbuf[19];
				snprintf(subject, sizeof subject, "%s %s", c->id,
				         ecrc_fmt_ipnet(p->prefix, pbuf));
				check(rp, "cpe-own-prefix", subject, false, true,
				      "learns its own data center's prefix back from %s (AS_PATH %s)",
				      r.learned_via, r.learned_as_path);
			}
	}
}

/* ---- drills ------------------------------------------------------------------------------------ */

static void do_drill(struct ecrc_verify_report *rp, struct ecrc_engine *E, const struct ecrc_design *d,
                     const struct ecrc_verify_drill_spec *dr, struct ecrc_verify_drill *out)
{
	char err[256];
	out->spec = dr;
	rp->trace_into = rp->tracing ? &out->trace : NULL;
	int rc = ecrc_engine_drill(E, dr->f, dr->n, &out->r, err, sizeof err);
	rp->trace_into = NULL;
	if (rc != 0) {
		out->error = ecrc_arena_strdup(rp->a, err);
		check(rp, "drill", dr->name, false, false, "%s", err);
		return;
	}
	out->ran = true;
	const struct ecrc_engine_drill_result *r = &out->r;
	bool resets_only;
	out->has_max = ecrc_verify_drill_intent(d, dr, &out->max_ms, &resets_only) && !resets_only;
	out->ok = r->reachable;
	check(rp, "drill-reachable", dr->name, r->reachable, false, "%s",
	      r->reachable ? "every data center prefix and VPC CIDR stays reachable"
	                   : "a data center prefix or VPC CIDR that was reachable is no longer (or ends in a "
	                     "black hole)");
	/* a reset's convergence includes the session coming back: its
	 * failover, not that, is what max-failover-ms bounds, and it has no
	 * detection to wait for; the check is for failures */
	if (!out->has_max)
		return;
	uint32_t max = out->max_ms;
	bool never = r->failover_us == ECRC_ENGINE_NEVER || r->detect_bound_us == ECRC_ENGINE_NEVER;
	bool fo_ok = !never && ecrc_verify_ms(r->failover_us) <= max;
	bool bound_ok = !never && ecrc_verify_ms(r->detect_bound_us) <= max;
	if (never)
		check(rp, "drill-failover", dr->name, false, false,
		      "the failure is never detected (no BFD, hold time 0) > max-failover-ms %u", max);
	else if (!bound_ok)
		check(rp, "drill-failover", dr->name, false, false,
		      "worst-case detection %" PRIu64 " ms (%s) > max-failover-ms %u; this run: %" PRIu64
		      " ms",
		      ecrc_verify_ms(r->detect_bound_us), ecrc_engine_detect_name(r->detected_by), max,
		      ecrc_verify_ms(r->failover_us));
	else
		check(rp, "drill-failover", dr->name, fo_ok, false,
		      "failover after %" PRIu64 " ms (worst-case detection %" PRIu64
		      " ms) %s max-failover-ms %u",
		      ecrc_verify_ms(r->failover_us), ecrc_verify_ms(r->detect_bound_us), fo_ok ? "<=" : ">",
		      max);
	out->ok = out->ok && fo_ok && bound_ok;
	/* reachability over time: no data center/VPC pair without a working
	 * path for longer than the intent */
	bool outage_ok = r->outage_us != ECRC_ENGINE_NEVER && ecrc_verify_ms(r->outage_us) <= max;
	if (r->outage_us == ECRC_ENGINE_NEVER)
		check(rp, "drill-outage", dr->name, false, false,
		      "some data center/VPC traffic has no working path and never gets one back");
	else
		check(rp, "drill-outage", dr->name, outage_ok, false,
		      "longest outage %" PRIu64
		      " ms (some data center/VPC traffic without a working path) %s "
		      "max-failover-ms %u",
		      ecrc_verify_ms(r->outage_us), outage_ok ? "<=" : ">", max);
	out->ok = out->ok && outage_ok;
}

/* ---- --seeds=N: each drill's worst case over seeds 1..N ------------------------------------ */

static struct ecrc_engine *engine_for(const struct ecrc_verify_model *vm, uint64_t seed, char *err,
                                      size_t errlen)
{
	struct ecrc_engine_options eo;
	ecrc_engine_options_init(&eo);
	eo.seed = seed;
	struct ecrc_engine *E = ecrc_engine_new(ecrc_verify_engine_model(vm), &eo, err, errlen);
	if (E)
		ecrc_engine_converge(E);
	return E;
}

/* Is drill result a worse than b? Never recovering first, then the later
 * failover or longer outage, then the later detection, then lost
 * reachability. */
static bool worse(const struct ecrc_engine_drill_result *a, const struct ecrc_engine_drill_result *b)
{
	bool an = a->failover_us == ECRC_ENGINE_NEVER || a->outage_us == ECRC_ENGINE_NEVER;
	bool bn = b->failover_us == ECRC_ENGINE_NEVER || b->outage_us == ECRC_ENGINE_NEVER;
	if (an != bn)
		return an;
	uint64_t ak = a->failover_us > a->outage_us ? a->failover_us : a->outage_us;
	uint64_t bk = b->failover_us > b->outage_us ? b->failover_us : b->outage_us;
	if (!an && ak != bk)
		return ak > bk;
	if (a->detect_us != b->detect_us)
		return a->detect_us > b->detect_us;
	return !a->reachable && b->reachable;
}

/* Runs every seed's convergence and drills; notes each drill's worst seed
 * in worst[] and every session that flapped with some seed. */
static int seeds_pass(struct ecrc_verify_report *rp, const struct ecrc_verify_model *vm,
                      const struct ecrc_verify_options *opt, uint64_t *worst, char *err, size_t errlen)
{
	size_t n_drills = opt->drills ? opt->drills->n : 0;
	struct ecrc_engine_drill_result *best = ecrc_xcalloc(n_drills ? n_drills : 1, sizeof(*best));
	bool *have = ecrc_xcalloc(n_drills ? n_drills : 1, sizeof(*have));
	for (uint64_t s = 1; s <= opt->seeds; s++) {
		struct ecrc_engine *E = engine_for(vm, s, err, errlen);
		if (!E) {
			free(best);
			free(have);
			return -1;
		}
		for (size_t i = 0; i < rp->n_sessions && i < ecrc_engine_n_sessions(E); i++) {
			struct ecrc_engine_session_info si;
			ecrc_engine_session(E, i, &si);
			struct ecrc_engine_session_info *x = &rp->sessions[i];
			if ((si.bgp_flaps || si.bfd_flaps) && !x->bgp_flaps && !x->bfd_flaps) {
				x->bgp_flaps = si.bgp_flaps;
				x->bfd_flaps = si.bfd_flaps;
				check(rp, "session-stable", x->uplink_id, false, false,
				      "with seed %" PRIu64
				      ": went down %u times while coming up (BFD %u times): %s",
				      s, si.bgp_flaps, si.bfd_flaps,
				      si.flap_reason ? si.flap_reason : "BFD flapped");
			}
		}
		for (size_t i = 0; i < n_drills; i++) {
			const struct ecrc_verify_drill_spec *dr = &opt->drills->v[i];
			struct ecrc_engine_drill_result r;
			char e2[256];
			if (ecrc_engine_drill(E, dr->f, dr->n, &r, e2, sizeof e2) != 0)
				continue; /* the main run reports it */
			if (!have[i] || worse(&r, &best[i])) {
				if (have[i])
					ecrc_engine_drill_result_free(&best[i]);
				best[i] = r;
				have[i] = true;
				worst[i] = s;
			} else {
				ecrc_engine_drill_result_free(&r);
			}
		}
		ecrc_engine_free(E);
	}
	for (size_t i = 0; i < n_drills; i++)
		if (have[i])
			ecrc_engine_drill_result_free(&best[i]);
	free(best);
	free(have);
	return 0;
}

/* ---- the run --------------------------------------------------------------------------------- */

/* What each VPC a data center reaches originates, in document order, each
 * VPC once: the report lists them, and the placeholders as assumptions. */
static void do_cloud_routes(struct ecrc_verify_report *rp, const struct ecrc_facts *f)
{
	size_t cap = 0;
	for (size_t i = 0; i < f->n_vpcs; i++)
		if (f->vpcs[i].n_dcs)
			cap += ecrc_vpc_n_routes(f->vpcs[i].vpc);
	rp->cloud_routes = ecrc_arena_alloc(rp->a, (cap ? cap : 1) * sizeof(*rp->cloud_routes));
	for (size_t i = 0; i < f->n_vpcs; i++) {
		const struct ecrc_vpc *vpc = f->vpcs[i].vpc;
		if (!f->vpcs[i].n_dcs)
			continue;
		size_t n = ecrc_vpc_n_routes(vpc);
		struct ecrc_vpc_route *vr = ecrc_xcalloc(n, sizeof(*vr));
		n = ecrc_vpc_routes(vpc, vr);
		for (size_t k = 0; k < n; k++)
			rp->cloud_routes[rp->n_cloud_routes++] = (struct ecrc_verify_cloud_route){
			    .vpc = vpc->id,
			    .prefix = vr[k].prefix,
			    .vswitch = vr[k].vswitch ? vr[k].vswitch->id : NULL,
			    .zone = vr[k].vswitch ? vr[k].vswitch->zone : NULL};
		free(vr);
	}
}

int ecrc_verify_run(const struct ecrc_design *d, const struct ecrc_verify_model *vm,
                    const struct ecrc_verify_options *opt, struct ecrc_verify_report *rp, char *err,
                    size_t errlen)
{
	const struct ecrc_facts *facts = ecrc_verify_facts(vm);
	uint64_t seed = opt->seeds > 1 ? 1 : opt->seed; /* --seeds=N: seeds 1..N, the report's seed 1 */
	*rp = (struct ecrc_verify_report){.a = ecrc_arena_new(),
	                                  .seed = seed,
	                                  .tracing = opt->tracing,
	                                  .seeds = opt->seeds > 1 ? opt->seeds : 0};
	rp->checks = (struct ecrc_verify_checks){.arena = rp->a, .keep_passed = opt->all_checks};
	rp->design = d->name ? d->name : "";

	struct ecrc_engine_options eo;
	ecrc_engine_options_init(&eo);
	eo.seed = seed;
	if (opt->tracing) {
		eo.trace = on_trace;
		eo.trace_ctx = rp;
		rp->trace_into = &rp->trace;
	}
	struct ecrc_engine *E = ecrc_engine_new(ecrc_verify_engine_model(vm), &eo, err, errlen);
	if (!E)
		return -1;
	rp->converge_us = ecrc_engine_converge(E);
	rp->converge_events = ecrc_engine_converge_events(E);
	rp->trace_into = NULL;

	do_sessions(rp, E);
	do_cloud_routes(rp, facts);
	struct wants w = {0};
	collect_wants(d, facts, &w);
	do_routes(rp, E, &w);
	free(w.v);
	check_groups(rp, E, facts);
	check_routes(rp, E, facts);
	size_t n_drills = opt->drills ? opt->drills->n : 0;
	rp->drills = ecrc_xcalloc(n_drills ? n_drills : 1, sizeof(*rp->drills));
	rp->n_drills = n_drills;
	rp->engine = E; /* the sessions', routes' and drills' strings are its */
	uint64_t *worst = ecrc_xcalloc(n_drills ? n_drills : 1, sizeof(*worst));
	for (size_t i = 0; i < n_drills; i++)
		worst[i] = seed;
	if (rp->seeds && seeds_pass(rp, vm, opt, worst, err, errlen) != 0) {
		free(worst);
		return -1;
	}
	for (size_t i = 0; i < n_drills; i++) {
		struct ecrc_engine *DE = E;
		if (worst[i] != seed) {
			/* the drill again on its worst seed's engine, kept with
			 * the report (its results point into it) */
			DE = engine_for(vm, worst[i], err, errlen);
			if (!DE) {
				free(worst);
				return -1;
			}
			rp->seed_engines = ecrc_xrealloc(rp->seed_engines, (rp->n_seed_engines + 1) *
			                                                       sizeof(*rp->seed_engines));
			rp->seed_engines[rp->n_seed_engines++] = DE;
		}
		rp->drills[i].seed = worst[i];
		do_drill(rp, DE, d, &opt->drills->v[i], &rp->drills[i]);
	}
	free(worst);
	return 0;
}

static const char *lowercase(struct ecrc_arena *a, const char *s)
{
	char *r = ecrc_arena_strdup(a, s);
	for (char *p = r; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return r;
}

const char *ecrc_verify_session_state(struct ecrc_arena *a, const struct ecrc_engine_session_info *s)
{
	return s->established ? "established" : lowercase(a, ecrc_engine_bgp_state_name(s->cpe_state));
}

const char *ecrc_verify_bfd_state(struct ecrc_arena *a, const struct ecrc_engine_session_info *s)
{
	if (s->bfd_cpe && s->bfd_vbr && s->bfd_cpe_state == ECRC_BFD_UP && s->bfd_vbr_state == ECRC_BFD_UP)
		return "up";
	return lowercase(a, ecrc_engine_bfd_state_name(s->bfd_cpe ? s->bfd_cpe_state : s->bfd_vbr_state));
}

void ecrc_verify_report_free(struct ecrc_verify_report *rp)
{
	for (size_t i = 0; i < rp->n_drills; i++) {
		ecrc_engine_drill_result_free(&rp->drills[i].r);
		free(rp->drills[i].trace.v);
	}
	free(rp->drills);
	ecrc_verify_checks_free(&rp->checks);
	free(rp->shown);
	free(rp->trace.v);
	ecrc_arena_free(rp->a);
	ecrc_engine_free(rp->engine);
	for (size_t i = 0; i < rp->n_seed_engines; i++)
		ecrc_engine_free(rp->seed_engines[i]);
	free(rp->seed_engines);
	memset(rp, 0, sizeof(*rp));
}
