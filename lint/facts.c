/*
 * facts.c: the facts the rules derive from a design, computed once and
 * shared (struct ecrc_facts in lint.h): the routes each VBR receives, BGP
 * hold-time and BFD negotiation per circuit, ECMP groups per data center,
 * and which VPCs each data center reaches.
 *
 * Cost: every step is linear in the size of the design (plus sorting each
 * uplink's routes); objects are grouped through ordinals and stamps, never
 * compared pairwise across the whole design.
 */
#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"

/* ---- a pointer map: model node -> facts -------------------------------- */

struct ptrmap {
	const void **keys;
	const void **vals;
	size_t cap; /* a power of two, at least twice the entries */
};

static void ptrmap_init(struct ptrmap *m, struct ecrc_arena *a, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n + 1)
		cap *= 2;
	m->cap = cap;
	m->keys = ecrc_arena_alloc(a, cap * sizeof(*m->keys));
	m->vals = ecrc_arena_alloc(a, cap * sizeof(*m->vals));
}

static size_t ptr_hash(const void *p, size_t cap)
{
	uint64_t x = (uint64_t)(uintptr_t)p;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return (size_t)x & (cap - 1);
}

static void ptrmap_put(struct ptrmap *m, const void *key, const void *val)
{
	size_t i = ptr_hash(key, m->cap);

	while (m->keys[i] && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	m->keys[i] = key;
	m->vals[i] = val;
}

static const void *ptrmap_get(const struct ptrmap *m, const void *key)
{
	size_t i;

	if (!key || !m->cap)
		return NULL;
	i = ptr_hash(key, m->cap);
	while (m->keys[i]) {
		if (m->keys[i] == key)
			return m->vals[i];
		i = (i + 1) & (m->cap - 1);
	}
	return NULL;
}

struct ecrc_facts_index {
	struct ptrmap nodes; /* uplink, datacenter, ecr, vpc -> their facts */
};

/* ---- negotiation ------------------------------------------------------- */

static uint32_t max_u32(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

void ecrc_bfd_negotiate(const struct ecrc_bfd *cpe, const struct ecrc_bfd *vbr, struct ecrc_bfd_session *out)
{
	memset(out, 0, sizeof(*out));
	out->cpe = cpe;
	out->vbr = vbr;
	if (!cpe || !vbr)
		return;
	out->on_both = true;
	/* RFC 5880 6.8.2, 6.8.4, 6.8.7 (common/timers.c): each side transmits
	 * at the larger of its Desired Min TX and the remote's Required Min
	 * RX, and declares the session down after the remote's Detect Mult
	 * times the larger of its own Required Min RX and the remote's
	 * Desired Min TX. */
	struct ecrc_bfd_config a = {(uint64_t)cpe->min_tx_ms * 1000u, (uint64_t)cpe->min_rx_ms * 1000u,
	                            cpe->multiplier};
	struct ecrc_bfd_config b = {(uint64_t)vbr->min_tx_ms * 1000u, (uint64_t)vbr->min_rx_ms * 1000u,
	                            vbr->multiplier};
	struct ecrc_bfd_timers t;
	ecrc_bfd_timers(&a, &b, &t);
	out->cpe_tx_ms = (uint32_t)(t.a_tx_us / 1000u);
	out->vbr_tx_ms = (uint32_t)(t.b_tx_us / 1000u);
	out->cpe_detect_ms = (uint32_t)(t.a_detect_us / 1000u);
	out->vbr_detect_ms = (uint32_t)(t.b_detect_us / 1000u);
	out->detect_ms = max_u32(out->cpe_detect_ms, out->vbr_detect_ms);
}

void ecrc_bgp_negotiate(const struct ecrc_bgp *cpe, const struct ecrc_bgp_peer *vbr,
                        struct ecrc_bgp_session *out)
{
	memset(out, 0, sizeof(*out));
	if (!cpe || !vbr)
		return;
	/* RFC 4271 4.2, 4.4, 10 (common/timers.c): the smaller hold time; a
	 * keepalive of 0, or a hold time of 0, sends no keepalives. */
	struct ecrc_bgp_timers t;
	ecrc_bgp_timers(cpe->keepalive_s, cpe->hold_s, vbr->keepalive_s, vbr->hold_s, &t);
	out->hold_s = t.hold_s;
	out->cpe_keepalive_s = t.a_keepalive_s;
	out->vbr_keepalive_s = t.b_keepalive_s;
}

/* ---- routes ------------------------------------------------------------ */

struct route_slot {
	struct ecrc_route route;
	size_t order; /* document order, so the first <advertise> of a prefix wins */
};

static int route_slot_cmp(const void *a, const void *b)
{
	const struct route_slot *x = a, *y = b;
	int c = ecrc_ipnet_cmp(x->route.prefix, y->route.prefix);

	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static const char *as_path_text(struct ecrc_arena *a, const uint32_t *path, size_t n)
{
	struct ecrc_buf b = {0};
	char asn[12];
	char *text;

	for (size_t i = 0; i < n; i++) {
		if (i)
			ecrc_buf_putc(&b, ' ');
		ecrc_buf_puts(&b, ecrc_fmt_asn(path[i], asn));
	}
	text = ecrc_arena_strdup(a, b.p ? b.p : "");
	ecrc_buf_free(&b);
	return text;
}

static void route_fill(struct ecrc_arena *a, struct ecrc_route *r, const struct ecrc_cpe *cpe,
                       uint32_t prepend, const uint32_t *origin_path, size_t n_origin)
{
	size_t n = 1 + (size_t)prepend + n_origin;
	uint32_t *path = ecrc_arena_alloc(a, n * sizeof(*path));

	r->n_own = 1 + (size_t)prepend;
	for (size_t i = 0; i < r->n_own; i++)
		path[i] = cpe->asn;
	for (size_t i = 0; i < n_origin; i++)
		path[r->n_own + i] = origin_path[i];
	r->as_path = path;
	r->as_path_len = n;
	r->as_path_text = as_path_text(a, path, n);
}

static void uplink_routes(struct ecrc_arena *a, struct ecrc_uplink_facts *uf)
{
	const struct ecrc_uplink *u = uf->uplink;
	const struct ecrc_bgp *bgp = u->bgp;
	const struct ecrc_cpe *cpe = u->cpe;
	struct route_slot *slots;
	struct ecrc_route *routes;
	size_t n = 0, cap, kept = 0;

	if (!bgp || !cpe)
		return;
	if (bgp->n_advertises)
		cap = bgp->n_advertises;
	else if (cpe->dc)
		cap = cpe->dc->n_prefixes;
	else
		return;
	if (!cap)
		return;
	slots = ecrc_xcalloc(cap, sizeof(*slots));
	if (bgp->n_advertises) {
		for (const struct ecrc_advertise *ad = bgp->advertises; ad && n < cap; ad = ad->next) {
			struct ecrc_route *r = &slots[n].route;

			r->prefix = ecrc_ipnet_network(ad->prefix);
			route_fill(a, r, cpe, ad->as_path_prepend, ad->origin_as_path, ad->n_origin_as_path);
			r->origin = ad->origin;
			r->has_med = ad->has_med;
			r->med = ad->med;
			r->advertise = ad;
			r->at = &ad->node;
			slots[n].order = n;
			n++;
		}
	} else {
		for (const struct ecrc_prefix_node *p = cpe->dc->prefixes; p && n < cap; p = p->next) {
			struct ecrc_route *r = &slots[n].route;

			r->prefix = ecrc_ipnet_network(p->prefix);
			route_fill(a, r, cpe, 0, NULL, 0);
			r->origin = ECRC_ORIGIN_IGP;
			r->dc_prefix = p;
			r->at = &bgp->node;
			slots[n].order = n;
			n++;
		}
	}
	qsort(slots, n, sizeof(*slots), route_slot_cmp);
	routes = ecrc_arena_alloc(a, n * sizeof(*routes));
	for (size_t i = 0; i < n; i++) {
		if (kept && ecrc_ipnet_equal(routes[kept - 1].prefix, slots[i].route.prefix))
			continue;
		routes[kept++] = slots[i].route;
	}
	free(slots);
	uf->routes = routes;
	uf->n_routes = kept;
}

const struct ecrc_route *ecrc_uplink_route(const struct ecrc_uplink_facts *uf, struct ecrc_ipnet prefix)
{
	size_t lo = 0, hi;

	if (!uf)
		return NULL;
	prefix = ecrc_ipnet_network(prefix);
	hi = uf->n_routes;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = ecrc_ipnet_cmp(uf->routes[mid].prefix, prefix);

		if (c == 0)
			return &uf->routes[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int ipnet_qsort_cmp(const void *a, const void *b)
{
	return ecrc_ipnet_cmp(*(const struct ecrc_ipnet *)a, *(const struct ecrc_ipnet *)b);
}

/* The sorted union of the members' prefixes. */
static void group_prefixes(struct ecrc_arena *a, struct ecrc_ecmp_group *g)
{
	struct ecrc_ipnet *all;
	size_t n = 0, kept = 0;

	for (size_t i = 0; i < g->n_members; i++)
		n += g->members[i]->n_routes;
	if (!n)
		return;
	all = ecrc_arena_alloc(a, n * sizeof(*all));
	for (size_t i = 0; i < g->n_members; i++)
		for (size_t j = 0; j < g->members[i]->n_routes; j++)
			all[kept++] = g->members[i]->routes[j].prefix;
	qsort(all, n, sizeof(*all), ipnet_qsort_cmp);
	kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!kept || !ecrc_ipnet_equal(all[kept - 1], all[i]))
			all[kept++] = all[i];
	g->prefixes = all;
	g->n_prefixes = kept;
}

/* ---- reachability ------------------------------------------------------ */

/* Reach lists are collected into a growable malloc'ed vector, then copied
 * into the arena; `stamp` (one slot per VPC ordinal) deduplicates. */
struct reach_vec {
	struct ecrc_vpc_reach *v;
	size_t n, cap;
};

static void reach_push(struct reach_vec *rv, const struct ecrc_vpc_reach *r)
{
	if (rv->n == rv->cap) {
		rv->cap = rv->cap ? 2 * rv->cap : 8;
		rv->v = ecrc_xrealloc(rv->v, rv->cap * sizeof(*rv->v));
	}
	rv->v[rv->n++] = *r;
}

static const struct ecrc_vpc_reach *reach_finish(struct ecrc_arena *a, struct reach_vec *rv, size_t *n)
{
	struct ecrc_vpc_reach *out = NULL;

	*n = rv->n;
	if (rv->n) {
		out = ecrc_arena_alloc(a, rv->n * sizeof(*out));
		memcpy(out, rv->v, rv->n * sizeof(*out));
	}
	free(rv->v);
	memset(rv, 0, sizeof(*rv));
	return out;
}

struct builder {
	struct ecrc_arena *arena;
	struct ecrc_facts *f;
	size_t *vpc_stamp; /* per VPC ordinal: the pass that last saw it (1-based) */
	size_t stamp;
	struct ptrmap vbr_tr; /* VBR -> the transit router it is attached to */
};

static size_t vpc_ordinal(const struct builder *b, const struct ecrc_vpc *vpc, bool *ok)
{
	const struct ecrc_vpc_facts *vf = ptrmap_get(&b->f->index->nodes, vpc);

	*ok = vf != NULL;
	return vf ? (size_t)(vf - b->f->vpcs) : 0;
}

/* Adds r unless its VPC was already added in the current stamp pass. */
static void reach_add(struct builder *b, struct reach_vec *rv, const struct ecrc_vpc_reach *r)
{
	bool ok;
	size_t i = vpc_ordinal(b, r->vpc, &ok);

	if (!ok || b->vpc_stamp[i] == b->stamp)
		return;
	b->vpc_stamp[i] = b->stamp;
	reach_push(rv, r);
}

static void tr_vpcs(struct builder *b, struct reach_vec *rv, const struct ecrc_transit_router *tr,
                    const struct ecrc_ecr *ecr, const struct ecrc_associate *as)
{
	for (const struct ecrc_attach *at = tr->attaches; at; at = at->next) {
		struct ecrc_vpc_reach r = {0};

		if (at->kind != ECRC_ATT_VPC || !at->target || at->target->kind != ECRC_K_VPC)
			continue;
		r.vpc = (const struct ecrc_vpc *)at->target;
		r.ecr = ecr;
		r.tr = tr;
		r.associate = as;
		r.attach = at;
		reach_add(b, rv, &r);
	}
}

static void ecr_reach(struct builder *b, struct ecrc_ecr_facts *ef)
{
	struct reach_vec rv = {0};

	b->stamp++;
	for (const struct ecrc_associate *as = ef->ecr->associates; as; as = as->next) {
		struct ecrc_vpc_reach r = {0};

		if (!as->target)
			continue;
		if (as->kind == ECRC_ASSOC_VPC && as->target->kind == ECRC_K_VPC) {
			r.vpc = (const struct ecrc_vpc *)as->target;
			r.ecr = ef->ecr;
			r.associate = as;
			reach_add(b, &rv, &r);
		} else if (as->kind == ECRC_ASSOC_TR && as->target->kind == ECRC_K_TRANSIT_ROUTER) {
			tr_vpcs(b, &rv, (const struct ecrc_transit_router *)as->target, ef->ecr, as);
		}
	}
	ef->reach = reach_finish(b->arena, &rv, &ef->n_reach);
}

/* ---- building ---------------------------------------------------------- */

static void uplink_facts(struct builder *b, struct ecrc_uplink_facts *uf, const struct ecrc_uplink *u)
{
	const struct ecrc_vbr *vbr = u->vbr;

	uf->uplink = u;
	uf->vbr = vbr;
	if (vbr) {
		uf->ecr = vbr->ecr;
		uf->vbr_local_asn = ecrc_vbr_local_asn(vbr);
	}
	uplink_routes(b->arena, uf);
	if (vbr && u->bgp && vbr->bgp_peer) {
		uf->has_bgp_session = true;
		ecrc_bgp_negotiate(u->bgp, vbr->bgp_peer, &uf->bgp);
		ecrc_bfd_negotiate(u->bgp->bfd, vbr->bgp_peer->bfd, &uf->bfd);
	}
	if (uf->ecr) {
		const struct ecrc_ecr_facts *ef = ptrmap_get(&b->f->index->nodes, uf->ecr);

		if (ef) {
			uf->reach = ef->reach;
			uf->n_reach = ef->n_reach;
		}
	} else if (vbr) {
		const struct ecrc_transit_router *tr = ptrmap_get(&b->vbr_tr, vbr);
		struct reach_vec rv = {0};

		if (tr) {
			b->stamp++;
			tr_vpcs(b, &rv, tr, NULL, NULL);
			uf->reach = reach_finish(b->arena, &rv, &uf->n_reach);
		}
	}
}

static void dc_groups(struct builder *b, struct ecrc_dc_facts *df, size_t *ecr_slot, size_t *ecr_stamp,
                      size_t dc_pass)
{
	struct ecrc_arena *a = b->arena;
	size_t n_groups = 0;

	/* First pass: one group per distinct ECR, in order of first uplink. */
	for (size_t i = 0; i < df->n_uplinks; i++) {
		const struct ecrc_ecr_facts *ef = ptrmap_get(&b->f->index->nodes, df->uplinks[i]->ecr);
		size_t e;

		if (!ef)
			continue;
		e = (size_t)(ef - b->f->ecrs);
		if (ecr_stamp[e] != dc_pass) {
			ecr_stamp[e] = dc_pass;
			ecr_slot[e] = n_groups++;
		}
	}
	if (!n_groups)
		return;
	df->groups = ecrc_arena_alloc(a, n_groups * sizeof(*df->groups));
	df->n_groups = n_groups;
	/* Second pass: count members; third: fill them. */
	for (size_t i = 0; i < df->n_uplinks; i++) {
		const struct ecrc_ecr_facts *ef = ptrmap_get(&b->f->index->nodes, df->uplinks[i]->ecr);
		struct ecrc_ecmp_group *g;

		if (!ef)
			continue;
		g = &df->groups[ecr_slot[ef - b->f->ecrs]];
		g->dc = df->dc;
		g->ecr = ef->ecr;
		g->n_members++;
	}
	for (size_t k = 0; k < n_groups; k++) {
		df->groups[k].members =
		    ecrc_arena_alloc(a, df->groups[k].n_members * sizeof(*df->groups[k].members));
		df->groups[k].n_members = 0;
	}
	for (size_t i = 0; i < df->n_uplinks; i++) {
		struct ecrc_uplink_facts *uf = &b->f->uplinks[df->uplinks[i] - b->f->uplinks];
		const struct ecrc_ecr_facts *ef = ptrmap_get(&b->f->index->nodes, uf->ecr);
		struct ecrc_ecmp_group *g;

		if (!ef)
			continue;
		g = &df->groups[ecr_slot[ef - b->f->ecrs]];
		g->members[g->n_members++] = uf;
		uf->group = g;
	}
	for (size_t k = 0; k < n_groups; k++) {
		group_prefixes(a, &df->groups[k]);
		df->groups[k].survival = ecrc_survival_build(a, &df->groups[k]);
	}
}

static void dc_reach(struct builder *b, struct ecrc_dc_facts *df)
{
	struct reach_vec rv = {0};

	b->stamp++;
	for (size_t i = 0; i < df->n_uplinks; i++)
		for (size_t j = 0; j < df->uplinks[i]->n_reach; j++)
			reach_add(b, &rv, &df->uplinks[i]->reach[j]);
	df->reach = reach_finish(b->arena, &rv, &df->n_reach);
}

static void vpc_dcs(struct builder *b)
{
	struct ecrc_facts *f = b->f;
	bool ok;

	for (size_t d = 0; d < f->n_dcs; d++)
		for (size_t j = 0; j < f->dcs[d].n_reach; j++) {
			size_t i = vpc_ordinal(b, f->dcs[d].reach[j].vpc, &ok);

			if (ok)
				f->vpcs[i].n_dcs++;
		}
	for (size_t i = 0; i < f->n_vpcs; i++) {
		f->vpcs[i].dcs = ecrc_arena_alloc(b->arena, f->vpcs[i].n_dcs * sizeof(*f->vpcs[i].dcs));
		f->vpcs[i].n_dcs = 0;
	}
	for (size_t d = 0; d < f->n_dcs; d++)
		for (size_t j = 0; j < f->dcs[d].n_reach; j++) {
			size_t i = vpc_ordinal(b, f->dcs[d].reach[j].vpc, &ok);

			if (ok)
				f->vpcs[i].dcs[f->vpcs[i].n_dcs++] = f->dcs[d].dc;
		}
}

static const struct ecrc_facts *facts_build(const struct ecrc_design *d);

const struct ecrc_facts *ecrc_facts_build(const struct ecrc_design *d)
{
	if (!d->memo)
		return facts_build(d);
	if (!d->memo->facts)
		d->memo->facts = facts_build(d);
	return d->memo->facts;
}

static const struct ecrc_facts *facts_build(const struct ecrc_design *d)
{
	struct ecrc_arena *a = d->arena;
	struct ecrc_facts *f = ecrc_arena_alloc(a, sizeof(*f));
	struct builder b = {.arena = a, .f = f};
	size_t n_uplinks = 0, n_vpcs = 0, n_vbrs = 0, k;
	size_t *ecr_slot, *ecr_stamp;

	f->design = d;
	f->index = ecrc_arena_alloc(a, sizeof(*f->index));
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			n_uplinks += c->n_uplinks;
	for (const struct ecrc_region *r = d->cloud ? d->cloud->regions : NULL; r; r = r->next) {
		n_vpcs += r->n_vpcs;
		n_vbrs += r->n_vbrs;
	}
	f->n_dcs = d->n_dcs;
	f->n_ecrs = d->cloud ? d->cloud->n_ecrs : 0;
	f->dcs = ecrc_arena_alloc(a, (f->n_dcs ? f->n_dcs : 1) * sizeof(*f->dcs));
	f->uplinks = ecrc_arena_alloc(a, (n_uplinks ? n_uplinks : 1) * sizeof(*f->uplinks));
	f->ecrs = ecrc_arena_alloc(a, (f->n_ecrs ? f->n_ecrs : 1) * sizeof(*f->ecrs));
	f->vpcs = ecrc_arena_alloc(a, (n_vpcs ? n_vpcs : 1) * sizeof(*f->vpcs));
	ptrmap_init(&f->index->nodes, a, f->n_dcs + n_uplinks + f->n_ecrs + n_vpcs);
	ptrmap_init(&b.vbr_tr, a, n_vbrs);

	/* The cloud side first: VPC ordinals, ECRs, VBR -> TR attachments. */
	for (const struct ecrc_region *r = d->cloud ? d->cloud->regions : NULL; r; r = r->next) {
		for (const struct ecrc_vpc *v = r->vpcs; v; v = v->next) {
			f->vpcs[f->n_vpcs].vpc = v;
			ptrmap_put(&f->index->nodes, v, &f->vpcs[f->n_vpcs++]);
		}
		for (const struct ecrc_transit_router *tr = r->trs; tr; tr = tr->next)
			for (const struct ecrc_attach *at = tr->attaches; at; at = at->next)
				if (at->kind == ECRC_ATT_VBR && at->target &&
				    at->target->kind == ECRC_K_VBR && !ptrmap_get(&b.vbr_tr, at->target))
					ptrmap_put(&b.vbr_tr, at->target, tr);
	}
	b.vpc_stamp = ecrc_xcalloc(f->n_vpcs ? f->n_vpcs : 1, sizeof(*b.vpc_stamp));
	k = 0;
	for (const struct ecrc_ecr *e = d->cloud ? d->cloud->ecrs : NULL; e && k < f->n_ecrs; e = e->next) {
		f->ecrs[k].ecr = e;
		ptrmap_put(&f->index->nodes, e, &f->ecrs[k]);
		ecr_reach(&b, &f->ecrs[k]);
		k++;
	}
	f->n_ecrs = k;

	/* Then each data center, its uplinks, its ECMP groups, its reach. */
	ecr_slot = ecrc_xcalloc(f->n_ecrs ? f->n_ecrs : 1, sizeof(*ecr_slot));
	ecr_stamp = ecrc_xcalloc(f->n_ecrs ? f->n_ecrs : 1, sizeof(*ecr_stamp));
	k = 0;
	for (const struct ecrc_datacenter *dc = d->dcs; dc && k < f->n_dcs; dc = dc->next, k++) {
		struct ecrc_dc_facts *df = &f->dcs[k];
		size_t n = 0;

		df->dc = dc;
		ptrmap_put(&f->index->nodes, dc, df);
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			n += c->n_uplinks;
		df->uplinks = ecrc_arena_alloc(a, (n ? n : 1) * sizeof(*df->uplinks));
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			for (const struct ecrc_uplink *u = c->uplinks; u && f->n_uplinks < n_uplinks;
			     u = u->next) {
				struct ecrc_uplink_facts *uf = &f->uplinks[f->n_uplinks++];

				uplink_facts(&b, uf, u);
				ptrmap_put(&f->index->nodes, u, uf);
				df->uplinks[df->n_uplinks++] = uf;
			}
		dc_groups(&b, df, ecr_slot, ecr_stamp, k + 1);
		dc_reach(&b, df);
	}
	f->n_dcs = k;
	vpc_dcs(&b);
	free(ecr_slot);
	free(ecr_stamp);
	free(b.vpc_stamp);
	return f;
}

/* ---- lookups ----------------------------------------------------------- */

const struct ecrc_uplink_facts *ecrc_facts_uplink(const struct ecrc_facts *f, const struct ecrc_uplink *u)
{
	return f ? ptrmap_get(&f->index->nodes, u) : NULL;
}

const struct ecrc_dc_facts *ecrc_facts_dc(const struct ecrc_facts *f, const struct ecrc_datacenter *dc)
{
	return f ? ptrmap_get(&f->index->nodes, dc) : NULL;
}

const struct ecrc_ecr_facts *ecrc_facts_ecr(const struct ecrc_facts *f, const struct ecrc_ecr *ecr)
{
	return f ? ptrmap_get(&f->index->nodes, ecr) : NULL;
}

const struct ecrc_vpc_facts *ecrc_facts_vpc(const struct ecrc_facts *f, const struct ecrc_vpc *vpc)
{
	return f ? ptrmap_get(&f->index->nodes, vpc) : NULL;
}
