/*
 * cloud.c: the simulated network. Builds the routers (CPEs from the IR;
 * VBRs, ECRs, transit routers and VPC route tables from the cloud model),
 * the adjacencies between them and the circuits (a CPE uplink's BGP and
 * BFD sessions with its VBR over a physical connection); and says, per
 * kind of router, what it accepts and what it advertises to whom. The
 * Alibaba Cloud behaviour modelled here is documented, with its sources
 * and the assumptions made where the documentation is silent, in
 * docs/engine.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

/* ---- a small string map ----------------------------------------------------------- */

static void idmap_put(struct eng_idmap *m, const char *key, void *value)
{
	if ((m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		struct eng_idmap_slot *slots = ecrc_xcalloc(cap, sizeof(*slots));
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->slots[i].key)
				continue;
			size_t j = eng_hash_str(m->slots[i].key, 0) & (cap - 1);
			while (slots[j].key)
				j = (j + 1) & (cap - 1);
			slots[j] = m->slots[i];
		}
		free(m->slots);
		m->slots = slots;
		m->cap = cap;
	}
	size_t j = eng_hash_str(key, 0) & (m->cap - 1);
	while (m->slots[j].key) {
		if (strcmp(m->slots[j].key, key) == 0) {
			m->slots[j].value = value;
			return;
		}
		j = (j + 1) & (m->cap - 1);
	}
	m->slots[j] = (struct eng_idmap_slot){.key = key, .value = value};
	m->n++;
}

void *eng_idmap_get(const struct eng_idmap *m, const char *key)
{
	if (!key || m->cap == 0)
		return NULL;
	size_t j = eng_hash_str(key, 0) & (m->cap - 1);
	while (m->slots[j].key) {
		if (strcmp(m->slots[j].key, key) == 0)
			return m->slots[j].value;
		j = (j + 1) & (m->cap - 1);
	}
	return NULL;
}

struct eng_router *eng_router_find(const struct eng *e, const char *id)
{
	return eng_idmap_get(&e->router_ids, id);
}

/* ---- building ------------------------------------------------------------------------- */

#define GROW(arr, n, cap)                                                                                    \
	do {                                                                                                 \
		if ((n) == (cap)) {                                                                          \
			(cap) = (cap) ? (cap)*2 : 8;                                                         \
			(arr) = ecrc_xrealloc((arr), (cap) * sizeof(*(arr)));                                \
		}                                                                                            \
	} while (0)

static int fail(char *err, size_t errlen, const char *fmt, ...) ECRC_PRINTF(3, 4);

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static struct eng_router *add_router(struct eng *e, enum eng_router_kind kind, const char *id,
                                     const struct eng_decision_table *decision)
{
	struct eng_router *r = ecrc_arena_alloc(e->arena, sizeof(*r));
	r->kind = kind;
	r->id = id;
	r->index = (uint32_t)e->n_routers;
	r->alive = true;
	r->decision = decision;
	GROW(e->routers, e->n_routers, e->cap_routers);
	e->routers[e->n_routers++] = r;
	idmap_put(&e->router_ids, id, r);
	return r;
}

static enum ecrc_engine_attach attach_kind_of(const struct eng_router *r)
{
	switch (r->kind) {
	case ENG_R_ECR:
		return ECRC_ENGINE_ATT_ECR;
	case ENG_R_VBR:
		return ECRC_ENGINE_ATT_VBR;
	case ENG_R_VPC:
		return ECRC_ENGINE_ATT_VPC;
	default:
		return ECRC_ENGINE_ATT_ANY;
	}
}

static struct eng_adj *add_adj(struct eng *e, struct eng_router *self, struct eng_router *peer,
                               enum eng_adj_type type)
{
	struct eng_adj *a = ecrc_arena_alloc(e->arena, sizeof(*a));
	a->type = type;
	a->self = self;
	a->peer = peer;
	a->peer_kind = attach_kind_of(peer);
	a->index = (uint32_t)self->n_adjs;
	GROW(self->adjs, self->n_adjs, self->cap_adjs);
	self->adjs[self->n_adjs++] = a;
	return a;
}

static struct eng_adj *connect_routers(struct eng *e, struct eng_router *x, struct eng_router *y,
                                       enum eng_adj_type type)
{
	struct eng_adj *a = add_adj(e, x, y, type);
	struct eng_adj *b = add_adj(e, y, x, type);
	a->reverse = b;
	b->reverse = a;
	return a;
}

static uint16_t region_index(const struct eng *e, const char *id)
{
	if (!id)
		return 0;
	for (size_t i = 0; i < e->n_regions; i++)
		if (strcmp(e->regions[i].id, id) == 0)
			return (uint16_t)(i + 1);
	return 0;
}

static int cmp_region(const void *a, const void *b)
{
	return strcmp(((const struct eng_region *)a)->id, ((const struct eng_region *)b)->id);
}

static void add_region(struct eng *e, const char *id, size_t *cap)
{
	if (!id)
		return;
	for (size_t i = 0; i < e->n_regions; i++)
		if (strcmp(e->regions[i].id, id) == 0)
			return;
	GROW(e->regions, e->n_regions, *cap);
	e->regions[e->n_regions++].id = id;
}

static int cmp_policy(const void *a, const void *b)
{
	const struct ecrc_engine_route_policy *x = *(const struct ecrc_engine_route_policy *const *)a;
	const struct ecrc_engine_route_policy *y = *(const struct ecrc_engine_route_policy *const *)b;
	if (x->priority != y->priority)
		return x->priority < y->priority ? -1 : 1;
	return x < y ? -1 : x > y; /* document order among equals */
}

static struct eng_link *link_for(struct eng *e, const char *id)
{
	struct eng_link *l = eng_idmap_get(&e->link_ids, id);
	if (l)
		return l;
	l = ecrc_arena_alloc(e->arena, sizeof(*l));
	l->id = id;
	l->up = true;
	GROW(e->links, e->n_links, e->cap_links);
	e->links[e->n_links++] = l;
	idmap_put(&e->link_ids, id, l);
	return l;
}

static uint64_t stream_seed(const struct eng *e, const char *uplink, const char *side)
{
	return eng_hash_str(side, eng_hash_str(uplink, 0x9e3779b97f4a7c15ULL ^ e->opt.seed));
}

static void build_circuit(struct eng *e, struct eng_router *cpe, const struct ecrc_ir_neighbor *n)
{
	const struct ecrc_ir_cpe *ir = cpe->ir;
	struct eng_router *vbr = n->vbr_id ? eng_router_find(e, n->vbr_id) : NULL;
	if (vbr && vbr->kind != ENG_R_VBR)
		vbr = NULL;
	const char *uplink = n->uplink_id ? n->uplink_id : n->description;
	struct eng_circuit *c = ecrc_arena_alloc(e->arena, sizeof(*c));
	c->index = (uint32_t)e->n_circuits;
	c->uplink_id = uplink;
	c->nbr = n;
	c->cpe = cpe;
	c->vbr = vbr;
	c->link = link_for(e, n->connection_id ? n->connection_id : uplink);
	GROW(c->link->circuits, c->link->n_circuits, c->link->cap_circuits);
	c->link->circuits[c->link->n_circuits++] = c;
	GROW(e->circuits, e->n_circuits, e->cap_circuits);
	e->circuits[e->n_circuits++] = c;
	idmap_put(&e->circuit_ids, uplink, c);

	/* the CPE side of the session, from the IR */
	struct eng_bgp *cb = &c->cpe_bgp, *vb = &c->vbr_bgp;
	cb->c = c;
	cb->peer = vb;
	cb->name = ecrc_arena_printf(e->arena, "%s@%s", uplink, cpe->id);
	cb->is_cpe = true;
	cb->alive = true;
	cb->configured = true;
	cb->local_as = ir->asn;
	cb->remote_as = n->remote_as;
	cb->bgp_id = ir->router_id;
	cb->address = n->iface < ir->n_ifaces ? ir->ifaces[n->iface].address.addr : 0;
	cb->hold_cfg_s = n->hold_s;
	cb->keepalive_cfg_s = n->keepalive_s;
	cb->md5 = n->md5_key != NULL;
	cb->max_prefixes = n->max_prefixes;
	cb->max_prefix_recovers = n->max_prefix_recovers;
	cb->max_prefix_restart_s = n->max_prefix_restart_s;
	cb->idle_hold_s = 1;
	cb->down_at = ECRC_ENGINE_NEVER;

	/* the VBR side, from the cloud model */
	const struct ecrc_engine_vbr *mv = vbr ? vbr->vbr : NULL;
	vb->c = c;
	vb->peer = cb;
	vb->name = ecrc_arena_printf(e->arena, "%s@%s", uplink, vbr ? vbr->id : "(no VBR)");
	vb->passive = true;
	vb->alive = true;
	vb->configured = mv && mv->bgp;
	vb->idle_hold_s = 1;
	vb->down_at = ECRC_ENGINE_NEVER;
	if (mv) {
		vb->local_as = mv->local_asn;
		vb->remote_as = mv->peer_asn;
		vb->bgp_id = mv->local_address;
		vb->address = mv->local_address;
		vb->hold_cfg_s = mv->hold_s;
		vb->keepalive_cfg_s = mv->keepalive_s;
		vb->md5 = mv->md5;
	}
	eng_bgp_init_timers(cb);
	eng_bgp_init_timers(vb);

	/* BFD, each side as configured */
	struct ecrc_engine_bfd cpe_cfg = {.enabled = n->bfd,
	                                  .min_tx_ms = n->bfd_min_tx_ms,
	                                  .min_rx_ms = n->bfd_min_rx_ms,
	                                  .multiplier = n->bfd_multiplier};
	struct ecrc_engine_bfd vbr_cfg = {0};
	if (mv && mv->bgp)
		vbr_cfg = mv->bfd;
	eng_prng_seed(&cb->prng, stream_seed(e, uplink, "bgp-cpe"));
	eng_prng_seed(&vb->prng, stream_seed(e, uplink, "bgp-vbr"));
	eng_bfd_init(e, &c->cpe_bfd, c, cb->name, &cpe_cfg, stream_seed(e, uplink, "cpe"));
	eng_bfd_init(e, &c->vbr_bfd, c, vb->name, &vbr_cfg, stream_seed(e, uplink, "vbr"));
	if (c->cpe_bfd.enabled && c->vbr_bfd.enabled) {
		c->cpe_bfd.peer = &c->vbr_bfd;
		c->vbr_bfd.peer = &c->cpe_bfd;
	}
	c->cpe_bfd.client = cb;
	c->vbr_bfd.client = vb;
	cb->bfd = &c->cpe_bfd;
	vb->bfd = &c->vbr_bfd;

	/* the adjacency the routes flow over */
	if (vbr) {
		c->cpe_adj = connect_routers(e, cpe, vbr, ENG_ADJ_EBGP);
		c->vbr_adj = c->cpe_adj->reverse;
		c->cpe_adj->circuit = c->vbr_adj->circuit = c;
		c->cpe_adj->bgp = cb;
		c->vbr_adj->bgp = vb;
		c->cpe_adj->nbr = n;
		cb->adj = c->cpe_adj;
		vb->adj = c->vbr_adj;
	}
}

int eng_build(struct eng *e, const struct ecrc_engine_model *m, char *err, size_t errlen)
{
	/* regions, numbered in lexicographic order of their ids */
	size_t cap_regions = 0;
	for (size_t i = 0; i < m->n_vbrs; i++)
		add_region(e, m->vbrs[i].region_id, &cap_regions);
	for (size_t i = 0; i < m->n_trs; i++)
		add_region(e, m->trs[i].region_id, &cap_regions);
	for (size_t i = 0; i < m->n_vpcs; i++)
		add_region(e, m->vpcs[i].region_id, &cap_regions);
	if (e->n_regions)
		qsort(e->regions, e->n_regions, sizeof(*e->regions), cmp_region);

	/* routers */
	for (size_t i = 0; i < m->n_cpes; i++) {
		const struct ecrc_ir_cpe *ir = m->cpes[i];
		if (eng_router_find(e, ir->id))
			return fail(err, errlen, "duplicate id %s", ir->id);
		struct eng_router *r = add_router(e, ENG_R_CPE, ir->id, &eng_bgp_decision);
		r->ir = ir;
		r->asn = ir->asn;
		r->router_id = ir->router_id;
		r->max_paths = ir->maximum_paths ? ir->maximum_paths : 1;
		r->dc = UINT32_MAX;
	}
	for (size_t i = 0; i < m->n_vbrs; i++) {
		const struct ecrc_engine_vbr *v = &m->vbrs[i];
		if (eng_router_find(e, v->id))
			return fail(err, errlen, "duplicate id %s", v->id);
		struct eng_router *r = add_router(e, ENG_R_VBR, v->id, &eng_bgp_decision);
		r->vbr = v;
		r->asn = v->local_asn;
		r->router_id = v->local_address;
		r->max_paths = 1;
		r->region = region_index(e, v->region_id);
	}
	for (size_t i = 0; i < m->n_ecrs; i++) {
		if (eng_router_find(e, m->ecrs[i].id))
			return fail(err, errlen, "duplicate id %s", m->ecrs[i].id);
		struct eng_router *r = add_router(e, ENG_R_ECR, m->ecrs[i].id, &eng_ecr_decision);
		r->asn = m->ecrs[i].asn;
		r->router_id = (uint32_t)i + 1;
	}
	for (size_t i = 0; i < m->n_trs; i++) {
		if (eng_router_find(e, m->trs[i].id))
			return fail(err, errlen, "duplicate id %s", m->trs[i].id);
		struct eng_router *r = add_router(e, ENG_R_TR, m->trs[i].id, &eng_tr_decision);
		r->router_id = (uint32_t)i + 1;
		r->region = region_index(e, m->trs[i].region_id);
	}
	for (size_t i = 0; i < m->n_vpcs; i++) {
		if (eng_router_find(e, m->vpcs[i].id))
			return fail(err, errlen, "duplicate id %s", m->vpcs[i].id);
		struct eng_router *r = add_router(e, ENG_R_VPC, m->vpcs[i].id, &eng_vpc_decision);
		r->vpc = &m->vpcs[i];
		r->router_id = (uint32_t)i + 1;
		for (size_t k = 0; k < m->vpcs[i].n_routes; k++)
			eng_prefix_intern(e, m->vpcs[i].routes[k]);
		r->region = region_index(e, m->vpcs[i].region_id);
	}

	e->vpcs = ecrc_arena_alloc(e->arena, (m->n_vpcs ? m->n_vpcs : 1) * sizeof(*e->vpcs));
	for (size_t i = 0; i < e->n_routers; i++)
		if (e->routers[i]->kind == ENG_R_VPC)
			e->vpcs[e->n_vpcs++] = e->routers[i];

	/* cloud adjacencies */
	for (size_t i = 0; i < m->n_vbrs; i++) {
		const struct ecrc_engine_vbr *v = &m->vbrs[i];
		if (!v->ecr_id)
			continue;
		struct eng_router *vbr = eng_router_find(e, v->id), *ecr = eng_router_find(e, v->ecr_id);
		if (!ecr || ecr->kind != ENG_R_ECR)
			return fail(err, errlen, "VBR %s: unknown ECR %s", v->id, v->ecr_id);
		vbr->upstream = connect_routers(e, vbr, ecr, ENG_ADJ_CLOUD);
	}
	for (size_t i = 0; i < m->n_ecr_trs; i++) {
		const struct ecrc_engine_ecr_tr *a = &m->ecr_trs[i];
		struct eng_router *ecr = eng_router_find(e, a->ecr_id), *tr = eng_router_find(e, a->tr_id);
		if (!ecr || ecr->kind != ENG_R_ECR || !tr || tr->kind != ENG_R_TR)
			return fail(err, errlen, "unknown ECR or transit router in association %s - %s",
			            a->ecr_id, a->tr_id);
		struct eng_adj *ecr_side = connect_routers(e, ecr, tr, ENG_ADJ_CLOUD);
		struct eng_adj *tr_side = ecr_side->reverse;
		tr->has_ecr = true;
		if (a->n_allowed) {
			tr_side->aggs = ecrc_arena_alloc(e->arena, a->n_allowed * sizeof(*tr_side->aggs));
			tr_side->n_aggs = a->n_allowed;
			for (size_t k = 0; k < a->n_allowed; k++)
				tr_side->aggs[k].prefix = eng_prefix_intern(e, a->allowed[k]);
		}
	}
	for (size_t i = 0; i < m->n_ecr_vpcs; i++) {
		const struct ecrc_engine_ecr_vpc *a = &m->ecr_vpcs[i];
		struct eng_router *ecr = eng_router_find(e, a->ecr_id), *vpc = eng_router_find(e, a->vpc_id);
		if (!ecr || ecr->kind != ENG_R_ECR || !vpc || vpc->kind != ENG_R_VPC)
			return fail(err, errlen, "unknown ECR or VPC in association %s - %s", a->ecr_id,
			            a->vpc_id);
		connect_routers(e, ecr, vpc, ENG_ADJ_CLOUD);
	}
	for (size_t i = 0; i < m->n_tr_attaches; i++) {
		const struct ecrc_engine_tr_attach *a = &m->tr_attaches[i];
		struct eng_router *tr = eng_router_find(e, a->tr_id);
		if (!tr || tr->kind != ENG_R_TR)
			return fail(err, errlen, "unknown transit router %s", a->tr_id);
		if (a->kind != ECRC_ENGINE_ATT_VPC && a->kind != ECRC_ENGINE_ATT_VBR)
			continue; /* VPN and CCN attachments only matter to policies */
		struct eng_router *t = eng_router_find(e, a->target_id);
		if (!t || (a->kind == ECRC_ENGINE_ATT_VPC && t->kind != ENG_R_VPC) ||
		    (a->kind == ECRC_ENGINE_ATT_VBR && t->kind != ENG_R_VBR))
			return fail(err, errlen, "transit router %s: unknown attachment %s", a->tr_id,
			            a->target_id);
		struct eng_adj *adj = connect_routers(e, tr, t, ENG_ADJ_CLOUD);
		if (t->kind == ENG_R_VBR && !t->upstream)
			t->upstream = adj->reverse;
	}
	for (size_t i = 0; i < m->n_policies; i++) {
		struct eng_router *tr = eng_router_find(e, m->policies[i].tr_id);
		if (!tr || tr->kind != ENG_R_TR)
			return fail(err, errlen, "route policy of an unknown transit router %s",
			            m->policies[i].tr_id);
		tr->n_policies++;
	}
	for (size_t i = 0; i < e->n_routers; i++) {
		struct eng_router *r = e->routers[i];
		if (r->n_policies == 0)
			continue;
		r->policies = ecrc_arena_alloc(e->arena, r->n_policies * sizeof(*r->policies));
		size_t n = 0;
		for (size_t k = 0; k < m->n_policies; k++)
			if (strcmp(m->policies[k].tr_id, r->id) == 0)
				r->policies[n++] = &m->policies[k];
		qsort(r->policies, r->n_policies, sizeof(*r->policies), cmp_policy);
	}

	/* circuits: every BGP neighbor of every CPE */
	for (size_t i = 0; i < m->n_cpes; i++) {
		struct eng_router *cpe = eng_router_find(e, m->cpes[i]->id);
		for (size_t k = 0; k < cpe->ir->n_neighbors; k++)
			build_circuit(e, cpe, &cpe->ir->neighbors[k]);
	}

	/* data centers */
	e->dcs = ecrc_arena_alloc(e->arena, (m->n_dcs ? m->n_dcs : 1) * sizeof(*e->dcs));
	e->n_dcs = m->n_dcs;
	for (size_t i = 0; i < m->n_dcs; i++) {
		struct eng_dc *dc = &e->dcs[i];
		dc->m = &m->dcs[i];
		dc->cpes =
		    ecrc_arena_alloc(e->arena, (dc->m->n_cpes ? dc->m->n_cpes : 1) * sizeof(*dc->cpes));
		for (size_t k = 0; k < dc->m->n_cpes; k++) {
			struct eng_router *r = eng_router_find(e, dc->m->cpe_ids[k]);
			if (!r || r->kind != ENG_R_CPE)
				return fail(err, errlen, "data center %s: unknown CPE %s", dc->m->id,
				            dc->m->cpe_ids[k]);
			r->dc = (uint32_t)i;
			dc->cpes[dc->n_cpes++] = r;
		}
		for (size_t k = 0; k < dc->m->n_prefixes; k++)
			eng_prefix_intern(e, dc->m->prefixes[k]);
	}
	return 0;
}

/* ---- who is up ---------------------------------------------------------------------- */

bool eng_adj_is_up(const struct eng_adj *a)
{
	if (a->type == ENG_ADJ_EBGP)
		return a->bgp->alive && a->bgp->state == ECRC_BGP_ESTABLISHED;
	return a->self->alive && a->peer->alive;
}

/* ---- transit router route policies ------------------------------------------------------ */

static bool kind_matches(enum ecrc_engine_attach want, enum ecrc_engine_attach have)
{
	return want == ECRC_ENGINE_ATT_ANY || want == have;
}

/* The regional gateway attachments between which the default policy
 * rejects advertisement. */
static bool gateway_kind(enum ecrc_engine_attach k)
{
	return k == ECRC_ENGINE_ATT_ECR || k == ECRC_ENGINE_ATT_VBR || k == ECRC_ENGINE_ATT_VPN ||
	       k == ECRC_ENGINE_ATT_CCN;
}

/* The first policy that matches decides, by priority (smaller first).
 * Alibaba, "Create an ECR connection": "After you connect an ECR to a transit router, a default routing
 * policy whose direction is Egress Regional Gateway, priority is 5000, and
 * action is Reject is automatically added [...] This routing policy
 * disables route advertisement between IPsec connections, ECRs, VBRs, and
 * Cloud Connect Network (CCN) instances." Priorities of the design's
 * policies are 1..100, so they all come before it. */
static bool tr_permits(const struct eng_router *tr, bool region_out, enum ecrc_engine_attach src,
                       enum ecrc_engine_attach dst)
{
	for (size_t i = 0; i < tr->n_policies; i++) {
		const struct ecrc_engine_route_policy *p = tr->policies[i];
		if (p->region_out != region_out || !kind_matches(p->source, src))
			continue;
		if (region_out && !kind_matches(p->destination, dst))
			continue;
		return p->permit;
	}
	if (region_out && tr->has_ecr && gateway_kind(src) && gateway_kind(dst))
		return false;
	return true;
}

/* ---- imports ------------------------------------------------------------------------------- */

bool eng_import(struct eng *e, struct eng_router *r, struct eng_adj *from, uint32_t prefix,
                const struct eng_attrs *attrs, bool new_prefix)
{
	char buf[19];
	switch (r->kind) {
	case ENG_R_CPE:
		/* RFC 4271 9.1.2: a route whose AS_PATH holds our own AS is a loop */
		if (eng_aspath_contains(attrs->as_path, r->asn)) {
			if (ENG_TRACING(e))
				eng_trace(e, "%s rejects %s from %s: its own AS %u in the AS_PATH", r->id,
				          ecrc_fmt_ipnet(eng_prefix(e, prefix), buf), from->peer->id, r->asn);
			return false;
		}
		/* the inbound prefix list: accept exactly these, reject the rest */
		if (from->nbr && !eng_prefix_list_match(&from->nbr->import_list, eng_prefix(e, prefix))) {
			if (ENG_TRACING(e))
				eng_trace(e, "%s rejects %s from %s: not in %s", r->id,
				          ecrc_fmt_ipnet(eng_prefix(e, prefix), buf), from->peer->id,
				          from->nbr->import_list.name ? from->nbr->import_list.name
				                                      : "the import list");
			return false;
		}
		return true;
	case ENG_R_VBR:
		if (from->type != ENG_ADJ_EBGP)
			return true;
		if (eng_aspath_contains(attrs->as_path, r->asn))
			return false;
		/* "Each BGP peer supports up to 110 dynamic routes. Routes are
		 * denied when the upper limit is exceeded." (VBR limits) */
		if (new_prefix && from->accepted >= r->vbr->route_quota) {
			if (ENG_TRACING(e))
				eng_trace(e, "%s drops %s from %s: route quota of %u reached", r->id,
				          ecrc_fmt_ipnet(eng_prefix(e, prefix), buf), from->peer->id,
				          r->vbr->route_quota);
			return false;
		}
		return true;
	case ENG_R_TR:
		return tr_permits(r, false, from->peer_kind, ECRC_ENGINE_ATT_ANY);
	default:
		return true;
	}
}

/* ---- exports: one function per kind of router ------------------------------------------- */

static const struct eng_path *best_path(const struct eng_rib_entry *en)
{
	return en->best >= 0 ? &en->paths[en->best] : NULL;
}

static const struct eng_path *path_via(const struct eng_rib_entry *en, const struct eng_adj *a)
{
	for (uint32_t i = 0; i < en->n_paths; i++)
		if (en->paths[i].from == a)
			return &en->paths[i];
	return NULL;
}

/* The CPE: its outbound policy, term by term, then the explicit reject;
 * eBGP puts its own AS in front (RFC 4271 5.1.2). */
static const struct eng_attrs *export_cpe(struct eng *e, struct eng_router *r, struct eng_rib_entry *en,
                                          struct eng_adj *to, struct eng_path *meta)
{
	const struct eng_path *b = best_path(en);
	if (!b || b->from == to || !to->nbr)
		return NULL;
	struct ecrc_ipnet p = eng_prefix(e, en->prefix);
	const struct ecrc_ir_neighbor *n = to->nbr;
	for (size_t i = 0; i < n->n_export_terms; i++) {
		const struct ecrc_ir_export_term *t = &n->export_terms[i];
		if (!eng_prefix_list_match(&t->match, p))
			continue;
		size_t k = 1 + t->n_prepend;
		uint32_t stackbuf[32];
		uint32_t *pre = k <= 32 ? stackbuf : ecrc_xmalloc(k * sizeof(uint32_t));
		pre[0] = r->asn;
		if (t->n_prepend)
			memcpy(pre + 1, t->prepend, t->n_prepend * sizeof(uint32_t));
		struct eng_attrs a = {
		    .as_path = eng_aspath_prepend(e, b->attrs->as_path, pre, k),
		    .local_pref = 100,
		    .has_med = t->has_med,
		    .med = t->med,
		    .origin = t->origin == ECRC_IR_ORIGIN_INCOMPLETE ? ENG_ORIGIN_INCOMPLETE : ENG_ORIGIN_IGP,
		};
		if (pre != stackbuf)
			free(pre);
		meta->bgp_id = r->router_id;
		return eng_attrs_intern(e, &a);
	}
	return NULL;
}

/* The VBR passes its CPE's routes up to its ECR (or transit router) and the
 * cloud's routes down to its CPE, prepending its AS on the eBGP side. */
static const struct eng_attrs *export_vbr(struct eng *e, struct eng_router *r, struct eng_rib_entry *en,
                                          struct eng_adj *to, struct eng_path *meta)
{
	if (to->type == ENG_ADJ_EBGP) {
		const struct eng_path *p = r->upstream ? path_via(en, r->upstream) : NULL;
		if (!p)
			return NULL;
		uint32_t own = r->asn;
		struct eng_attrs a = {
		    .as_path = eng_aspath_prepend(e, p->attrs->as_path, &own, 1),
		    .local_pref = 100,
		    .origin = p->attrs->origin,
		};
		meta->bgp_id = r->router_id;
		return eng_attrs_intern(e, &a);
	}
	if (to != r->upstream)
		return NULL;
	/* the CPE's route: the best if it is one, else the first learned */
	const struct eng_path *p = best_path(en);
	if (!p || !p->from || p->from->type != ENG_ADJ_EBGP) {
		p = NULL;
		for (uint32_t i = 0; i < en->n_paths && !p; i++)
			if (en->paths[i].from && en->paths[i].from->type == ENG_ADJ_EBGP)
				p = &en->paths[i];
	}
	if (!p)
		return NULL;
	*meta = (struct eng_path){
	    .bgp_id = p->bgp_id, .peer_addr = p->peer_addr, .region = r->region, .ebgp = true};
	return p->attrs;
}

/* The ECR: its best route to each associated VBR except the one it came
 * from; to its transit router and associated VPCs only what the VBRs
 * taught it, with MED 1000 towards a TR in the route's region (3000
 * across regions). */
static const struct eng_attrs *export_ecr(struct eng *e, struct eng_router *r, struct eng_rib_entry *en,
                                          struct eng_adj *to, struct eng_path *meta)
{
	const struct eng_path *b = best_path(en);
	if (!b || b->from == to)
		return NULL;
	bool from_vbr = b->from && b->from->peer->kind == ENG_R_VBR;
	*meta = (struct eng_path){.bgp_id = b->bgp_id, .peer_addr = b->peer_addr, .region = b->region};
	switch (to->peer->kind) {
	case ENG_R_VBR:
		return b->attrs;
	case ENG_R_TR: {
		if (!from_vbr)
			return NULL;
		struct eng_attrs a = *b->attrs;
		a.has_med = true;
		a.med = b->region == to->peer->region ? 1000 : 3000;
		meta->bgp_id = r->router_id;
		return eng_attrs_intern(e, &a);
	}
	case ENG_R_VPC:
		return from_vbr ? b->attrs : NULL;
	default:
		return NULL;
	}
}

/* The transit router: VPC routes to the ECRs (unless allowed prefixes
 * replace them, see eng_tr_aggregates), data center routes to the VPCs;
 * the route policies decide between regional gateway attachments. Routes
 * between VPCs are not modelled (the engine answers data center
 * questions). */
static const struct eng_attrs *export_tr(struct eng *e, struct eng_router *r, struct eng_rib_entry *en,
                                         struct eng_adj *to, struct eng_path *meta)
{
	(void)e;
	const struct eng_path *b = best_path(en);
	if (!b || b->from == to || !b->from)
		return NULL;
	enum ecrc_engine_attach src = b->from->peer_kind, dst = to->peer_kind;
	if (src == ECRC_ENGINE_ATT_VPC && dst == ECRC_ENGINE_ATT_VPC)
		return NULL;
	if (src == ECRC_ENGINE_ATT_VPC && dst == ECRC_ENGINE_ATT_ECR && to->n_aggs)
		return NULL;
	if (!tr_permits(r, true, src, dst))
		return NULL;
	*meta = (struct eng_path){.bgp_id = r->router_id, .region = b->region};
	return b->attrs;
}

/* A VPC advertises its own CIDRs. */
static const struct eng_attrs *export_vpc(struct eng *e, struct eng_router *r, struct eng_rib_entry *en,
                                          struct eng_adj *to, struct eng_path *meta)
{
	(void)e;
	(void)to;
	const struct eng_path *b = best_path(en);
	if (!b || b->from)
		return NULL;
	*meta = (struct eng_path){.bgp_id = r->router_id, .region = r->region};
	return b->attrs;
}

const struct eng_attrs *eng_export(struct eng *e, struct eng_router *r, struct eng_rib_entry *en,
                                   struct eng_adj *to, struct eng_path *meta)
{
	switch (r->kind) {
	case ENG_R_CPE:
		return export_cpe(e, r, en, to, meta);
	case ENG_R_VBR:
		return export_vbr(e, r, en, to, meta);
	case ENG_R_ECR:
		return export_ecr(e, r, en, to, meta);
	case ENG_R_TR:
		return export_tr(e, r, en, to, meta);
	case ENG_R_VPC:
		return export_vpc(e, r, en, to, meta);
	}
	return NULL;
}

/* Alibaba, "Create an ECR connection": "If a route prefix is specified for the transit router in the
 * Express Connect console, only the specified route prefix is advertised
 * to the ECR. Specific routes in the route table of the transit router
 * are not advertised to the ECR." Assumption: the allowed prefix is
 * advertised while at least one VPC route inside it is present (as an
 * aggregate would be). */
void eng_tr_aggregates(struct eng *e, struct eng_router *tr, struct eng_rib_entry *en)
{
	const struct eng_path *b = best_path(en);
	bool now = b && b->from && b->from->peer_kind == ECRC_ENGINE_ATT_VPC &&
	           tr_permits(tr, true, ECRC_ENGINE_ATT_VPC, ECRC_ENGINE_ATT_ECR);
	if (now == (bool)en->contributing)
		return;
	eng_rib_touch(e, tr, en);
	en->contributing = now;
	struct ecrc_ipnet p = eng_prefix(e, en->prefix);
	for (size_t i = 0; i < tr->n_adjs; i++) {
		struct eng_adj *a = tr->adjs[i];
		for (size_t k = 0; k < a->n_aggs; k++) {
			struct eng_aggregate *g = &a->aggs[k];
			if (!ecrc_ipnet_contains(eng_prefix(e, g->prefix), p))
				continue;
			ENG_SAVE(e, g);
			uint32_t old = g->contributors;
			g->contributors = now ? old + 1 : old - 1;
			if ((old == 0) == (g->contributors == 0))
				continue;
			const struct eng_attrs *attrs = NULL;
			if (g->contributors) {
				struct eng_attrs agg = {
				    .as_path = e->empty_path, .local_pref = 100, .origin = ENG_ORIGIN_IGP};
				attrs = eng_attrs_intern(e, &agg);
			}
			struct eng_path meta = {.bgp_id = tr->router_id, .region = tr->region};
			if (eng_adj_is_up(a))
				eng_send_route(e, a, g->prefix, attrs, &meta);
		}
	}
}
