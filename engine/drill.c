/*
 * drill.c: failure drills and reachability. A drill starts from the
 * converged state, injects its failures at one instant, runs until the
 * network settles, measures (who detected what, how, when; which
 * forwarding entries changed; whether every data center prefix and VPC
 * CIDR that was reachable still is), and puts the converged state back
 * through the undo log: it touches only what its failure changes.
 *
 * Reachability follows the forwarding tables hop by hop (longest match at
 * each router, every ECMP branch), over circuits that deliver and routers
 * that are alive, with a memo per router so that many VPCs behind one
 * transit router cost one walk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

#define SEC 1000000ull

/* ---- reachability ------------------------------------------------------------------------- */

struct walk_res {
	bool reach, hole;
	size_t c_off, c_len;
};

static void push_circuit(struct eng *e, uint32_t c)
{
	if (e->n_walk_circuits == e->cap_walk_circuits) {
		e->cap_walk_circuits = e->cap_walk_circuits ? e->cap_walk_circuits * 2 : 256;
		e->walk_circuits = ecrc_xrealloc(e->walk_circuits, e->cap_walk_circuits * sizeof(uint32_t));
	}
	e->walk_circuits[e->n_walk_circuits++] = c;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Sorts and deduplicates walk_circuits[off..end); returns the new length. */
static size_t unique_circuits(struct eng *e, size_t off)
{
	size_t n = e->n_walk_circuits - off;
	if (n == 0)
		return 0;
	uint32_t *v = e->walk_circuits + off;
	qsort(v, n, sizeof(*v), cmp_u32);
	size_t m = 1;
	for (size_t i = 1; i < n; i++)
		if (v[i] != v[m - 1])
			v[m++] = v[i];
	e->n_walk_circuits = off + m;
	return m;
}

static void walk_begin(struct eng *e)
{
	if (e->cap_walk_memo < e->n_routers) {
		e->walk_memo = ecrc_xrealloc(e->walk_memo, e->n_routers * sizeof(*e->walk_memo));
		memset(e->walk_memo + e->cap_walk_memo, 0,
		       (e->n_routers - e->cap_walk_memo) * sizeof(*e->walk_memo));
		e->cap_walk_memo = e->n_routers;
	}
	e->walk_gen++;
	e->n_walk_circuits = 0;
}

static struct walk_res walk(struct eng *e, struct eng_router *r, struct ecrc_ipnet p,
                            enum eng_router_kind dest, int depth)
{
	struct eng_walk *w = &e->walk_memo[r->index];
	if (w->gen == e->walk_gen) {
		if (w->state == 1)
			return (struct walk_res){.hole = true}; /* a forwarding loop */
		return (struct walk_res){w->reach, w->hole, w->c_off, w->c_len};
	}
	*w = (struct eng_walk){.gen = e->walk_gen, .state = 1};
	struct walk_res res = {0};
	struct eng_rib_entry *en = r->alive && depth < 32 ? eng_lookup(e, r, p, true) : NULL;
	if (!en) {
		res.hole = true;
	} else if (!en->paths[en->best].from) {
		res.reach = r->kind == dest;
		res.hole = !res.reach;
	} else {
		struct walk_res stackbuf[8];
		int32_t stackc[8];
		size_t n = 0, cap = en->n_paths;
		struct walk_res *kids = cap <= 8 ? stackbuf : ecrc_xmalloc(cap * sizeof(*kids));
		int32_t *via = cap <= 8 ? stackc : ecrc_xmalloc(cap * sizeof(*via));
		for (uint32_t i = 0; i < en->n_paths; i++) {
			const struct eng_path *pa = &en->paths[i];
			if (!pa->in_fib)
				continue;
			const struct eng_adj *a = pa->from;
			if (a->type == ENG_ADJ_EBGP && !eng_circuit_delivers(a->circuit)) {
				res.hole = true; /* into a dead circuit */
				continue;
			}
			struct walk_res k = walk(e, a->peer, p, dest, depth + 1);
			res.reach |= k.reach;
			res.hole |= k.hole;
			kids[n] = k;
			via[n] = a->type == ENG_ADJ_EBGP ? (int32_t)a->circuit->index : -1;
			n++;
		}
		size_t off = e->n_walk_circuits;
		for (size_t i = 0; i < n; i++) {
			if (!kids[i].reach)
				continue;
			if (via[i] >= 0)
				push_circuit(e, (uint32_t)via[i]);
			for (size_t j = 0; j < kids[i].c_len; j++)
				push_circuit(e, e->walk_circuits[kids[i].c_off + j]);
		}
		res.c_off = off;
		res.c_len = unique_circuits(e, off);
		if (kids != stackbuf)
			free(kids);
		if (via != stackc)
			free(via);
	}
	w = &e->walk_memo[r->index];
	w->state = 2;
	w->reach = res.reach;
	w->hole = res.hole;
	w->c_off = res.c_off;
	w->c_len = res.c_len;
	return res;
}

/* From a VPC, within the current walk generation (walks of one prefix
 * share the memo). */
static struct ecrc_engine_reach reach_from_vpc(struct eng *e, struct eng_router *vpc, struct ecrc_ipnet p)
{
	struct walk_res w = walk(e, vpc, p, ENG_R_CPE, 0);
	return (struct ecrc_engine_reach){
	    .reachable = w.reach && !w.hole, .blackholed = w.hole, .n_circuits = w.reach ? w.c_len : 0};
}

/* From a data center: every CPE that is alive and holds a route. */
static struct ecrc_engine_reach reach_from_dc(struct eng *e, const struct eng_dc *dc, struct ecrc_ipnet p)
{
	bool reach = false, hole = false;
	struct walk_res stackbuf[4];
	struct walk_res *res = dc->n_cpes <= 4 ? stackbuf : ecrc_xmalloc(dc->n_cpes * sizeof(*res));
	size_t n = 0;
	for (size_t i = 0; i < dc->n_cpes; i++) {
		struct eng_router *cpe = dc->cpes[i];
		if (!cpe->alive || !eng_lookup(e, cpe, p, true))
			continue;
		struct walk_res w = walk(e, cpe, p, ENG_R_VPC, 0);
		reach |= w.reach;
		hole |= w.hole;
		res[n++] = w;
	}
	size_t off = e->n_walk_circuits;
	for (size_t i = 0; i < n; i++)
		if (res[i].reach)
			for (size_t j = 0; j < res[i].c_len; j++)
				push_circuit(e, e->walk_circuits[res[i].c_off + j]);
	size_t len = unique_circuits(e, off);
	if (res != stackbuf)
		free(res);
	return (struct ecrc_engine_reach){
	    .reachable = reach && !hole, .blackholed = hole, .n_circuits = reach ? len : 0};
}

/* ---- reachability over time (outage_us) ---------------------------------------------- */

struct outage {
	size_t n;        /* pairs of the affected data centers, in order */
	bool *skip;      /* broken before the failure: not the drill's doing */
	uint64_t *since; /* broken from then on, ECRC_ENGINE_NEVER while it works */
	uint64_t longest;
	bool any;            /* some pair broke */
	uint64_t last_fixed; /* when the last broken pair worked again */
};

/* Walks every pair of the affected data centers: which have no working
 * path now. */
static void pairs_broken(struct eng *e, const bool *dc_affected, bool *broken)
{
	size_t k = 0;
	for (size_t d = 0; d < e->n_dcs; d++) {
		if (!dc_affected[d])
			continue;
		const struct eng_dc *dc = &e->dcs[d];
		for (size_t i = 0; i < dc->n_pairs; i++, k++) {
			const struct eng_pair *p = &dc->pairs[i];
			if (i == 0 || p->prefix != dc->pairs[i - 1].prefix ||
			    p->to_dc != dc->pairs[i - 1].to_dc)
				walk_begin(e);
			struct ecrc_ipnet net = eng_prefix(e, p->prefix);
			struct ecrc_engine_reach r =
			    p->to_dc ? reach_from_vpc(e, p->vpc, net) : reach_from_dc(e, dc, net);
			broken[k] = !r.reachable || r.blackholed;
		}
	}
}

static void outage_begin(struct eng *e, const bool *dc_affected, size_t n_pairs, struct outage *o)
{
	o->n = n_pairs;
	o->skip = ecrc_xcalloc(n_pairs ? n_pairs : 1, sizeof(*o->skip));
	o->since = ecrc_xmalloc((n_pairs ? n_pairs : 1) * sizeof(*o->since));
	for (size_t i = 0; i < n_pairs; i++)
		o->since[i] = ECRC_ENGINE_NEVER;
	o->longest = 0;
	o->any = false;
	o->last_fixed = 0;
	pairs_broken(e, dc_affected, o->skip);
}

static void outage_watch(struct eng *e, const bool *dc_affected, struct outage *o, bool *scratch)
{
	pairs_broken(e, dc_affected, scratch);
	for (size_t i = 0; i < o->n; i++) {
		if (o->skip[i])
			continue;
		if (scratch[i] && o->since[i] == ECRC_ENGINE_NEVER) {
			o->since[i] = e->now;
			o->any = true;
		} else if (!scratch[i] && o->since[i] != ECRC_ENGINE_NEVER) {
			if (e->now - o->since[i] > o->longest)
				o->longest = e->now - o->since[i];
			o->since[i] = ECRC_ENGINE_NEVER;
			o->last_fixed = e->now;
		}
	}
}

/* The longest stretch; ECRC_ENGINE_NEVER when a pair is still broken
 * (then *last_fixed too). */
static uint64_t outage_end(struct outage *o, uint64_t *last_fixed)
{
	uint64_t longest = o->longest;
	*last_fixed = o->any ? o->last_fixed : 0;
	for (size_t i = 0; i < o->n; i++)
		if (!o->skip[i] && o->since[i] != ECRC_ENGINE_NEVER)
			longest = *last_fixed = ECRC_ENGINE_NEVER;
	free(o->skip);
	free(o->since);
	return longest;
}

/* The time of the next event, false when none is queued. */
static bool next_event_at(const struct eng *e, uint64_t *t)
{
	bool fifo = e->fifo_head < e->fifo_tail;
	if (!fifo && e->n_heap == 0)
		return false;
	*t = fifo ? e->fifo[e->fifo_head].time : e->heap[0].time;
	if (fifo && e->n_heap > 0 && e->heap[0].time < *t)
		*t = e->heap[0].time;
	return true;
}

static const struct eng_dc *dc_find(const struct eng *e, const char *id)
{
	for (size_t i = 0; i < e->n_dcs; i++)
		if (strcmp(e->dcs[i].m->id, id) == 0)
			return &e->dcs[i];
	return NULL;
}

bool ecrc_engine_reach_dc(struct ecrc_engine *E, const char *vpc_id, struct ecrc_ipnet dc_prefix,
                          struct ecrc_engine_reach *out)
{
	struct eng *e = eng_of(E);
	struct eng_router *r = eng_router_find(e, vpc_id);
	memset(out, 0, sizeof(*out));
	if (!r || r->kind != ENG_R_VPC)
		return false;
	walk_begin(e);
	*out = reach_from_vpc(e, r, dc_prefix);
	return true;
}

bool ecrc_engine_reach_vpc(struct ecrc_engine *E, const char *dc_id, struct ecrc_ipnet vpc_cidr,
                           struct ecrc_engine_reach *out)
{
	struct eng *e = eng_of(E);
	const struct eng_dc *dc = dc_find(e, dc_id);
	memset(out, 0, sizeof(*out));
	if (!dc)
		return false;
	walk_begin(e);
	*out = reach_from_dc(e, dc, vpc_cidr);
	return true;
}

/* ---- names ----------------------------------------------------------------------------------- */

const char *ecrc_engine_failure_kind_name(enum ecrc_engine_failure_kind k)
{
	switch (k) {
	case ECRC_FAIL_SILENT:
		return "silent";
	case ECRC_FAIL_CARRIER:
		return "carrier";
	case ECRC_FAIL_CPE_DOWN:
		return "cpe-down";
	case ECRC_FAIL_BGP_RESET:
		return "bgp-reset";
	}
	return "?";
}

const char *ecrc_engine_detect_name(enum ecrc_engine_detect d)
{
	switch (d) {
	case ECRC_DETECT_NONE:
		return "none";
	case ECRC_DETECT_BFD:
		return "bfd";
	case ECRC_DETECT_HOLD_TIMER:
		return "hold-timer";
	case ECRC_DETECT_CARRIER:
		return "carrier";
	case ECRC_DETECT_NOTIFICATION:
		return "notification";
	case ECRC_DETECT_STOPPED:
		return "stopped";
	}
	return "?";
}

/* ---- drills ------------------------------------------------------------------------------------- */

struct target {
	struct eng_circuit *c;
	enum ecrc_engine_failure_kind kind; /* the first failure that hits it */
};

struct targets {
	struct target *v;
	size_t n, cap;
};

static void add_target(struct targets *t, struct eng_circuit *c, enum ecrc_engine_failure_kind kind)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].c == c)
			return;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->v = ecrc_xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n++] = (struct target){.c = c, .kind = kind};
}

static int resolve(struct eng *e, const struct ecrc_engine_failure *f, size_t n, struct targets *t, char *err,
                   size_t errlen)
{
	for (size_t i = 0; i < n; i++) {
		switch (f[i].kind) {
		case ECRC_FAIL_SILENT:
		case ECRC_FAIL_CARRIER: {
			struct eng_link *l = eng_idmap_get(&e->link_ids, f[i].target);
			if (!l) {
				snprintf(err, errlen, "no circuit rides a physical connection named %s",
				         f[i].target);
				return -1;
			}
			for (size_t k = 0; k < l->n_circuits; k++)
				add_target(t, l->circuits[k], f[i].kind);
			break;
		}
		case ECRC_FAIL_CPE_DOWN: {
			struct eng_router *r = eng_router_find(e, f[i].target);
			if (!r || r->kind != ENG_R_CPE) {
				snprintf(err, errlen, "no CPE named %s", f[i].target);
				return -1;
			}
			for (size_t k = 0; k < e->n_circuits; k++)
				if (e->circuits[k]->cpe == r)
					add_target(t, e->circuits[k], f[i].kind);
			break;
		}
		case ECRC_FAIL_BGP_RESET: {
			struct eng_circuit *c = eng_idmap_get(&e->circuit_ids, f[i].target);
			if (!c) {
				snprintf(err, errlen, "no uplink with a BGP session named %s", f[i].target);
				return -1;
			}
			add_target(t, c, f[i].kind);
			break;
		}
		default:
			snprintf(err, errlen, "unknown failure kind");
			return -1;
		}
	}
	return 0;
}

/* The RFC arithmetic for one side: the latest and the earliest it can
 * notice the failure, from the converged state. */
static void side_bounds(const struct eng *e, const struct eng_bgp *x, enum ecrc_engine_failure_kind kind,
                        uint64_t *bound, uint64_t *best)
{
	switch (kind) {
	case ECRC_FAIL_CARRIER:
		*bound = *best = 0;
		return;
	case ECRC_FAIL_BGP_RESET:
		*bound = *best = x->is_cpe ? 0 : e->opt.link_delay_us;
		return;
	default:
		break;
	}
	const struct eng_bfd *b = x->bfd;
	if (b->enabled && b->peer && b->state == ECRC_BFD_UP) {
		/* RFC 5880 6.8.4: detection time from the last packet; the
		 * silent side's packets come at most one interval apart */
		uint64_t gap = ecrc_bfd_tx_interval_us(b->peer->desired_min_tx_us, b->peer->remote_min_rx_us);
		ecrc_bfd_detect_window_us(eng_bfd_detect_time_us(b), gap, b->peer->detect_mult, best, bound);
		return;
	}
	/* RFC 4271 6.5: the hold time from the last KEEPALIVE, which came at
	 * most one keepalive interval before the failure; no BFD and no hold
	 * timer: nothing notices (ECRC_TIME_NEVER) */
	ecrc_bgp_hold_window_us(x->hold_s, x->peer->keepalive_s, best, bound);
}

struct side {
	struct eng_bgp *half;
	enum ecrc_engine_failure_kind kind;
	uint64_t bound, best;
};

static void add_pair(struct eng_dc *dc, size_t *cap, struct eng_pair p)
{
	if (dc->n_pairs == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		dc->pairs = ecrc_xrealloc(dc->pairs, *cap * sizeof(*dc->pairs));
	}
	dc->pairs[dc->n_pairs++] = p;
}

/* What a drill of this data center checks: every DC prefix from every VPC
 * that holds a route for it, every VPC CIDR some CPE of the data center
 * holds a route for, in the converged state. Computed once, at the first
 * drill that needs it; whether each was reachable before is asked only of
 * those a drill leaves unreachable (reach_before). */
static void dc_pairs(struct eng *e, struct eng_dc *dc)
{
	if (dc->pairs_ready)
		return;
	size_t cap = 0;
	/* A VPC holds a data center prefix only if a neighbor holding it told
	 * it: search outwards from the CPEs through the routers that hold it
	 * (a search over every VPC would grow with the square of the design). */
	struct eng_router **queue = ecrc_xmalloc((e->n_routers ? e->n_routers : 1) * sizeof(*queue));
	for (size_t k = 0; k < dc->m->n_prefixes; k++) {
		struct ecrc_ipnet p = ecrc_ipnet_network(dc->m->prefixes[k]);
		int32_t id = eng_prefix_find(e, p);
		if (id < 0)
			continue;
		walk_begin(e); /* its memo marks the routers seen */
		size_t head = 0, tail = 0;
		for (size_t i = 0; i < dc->n_cpes; i++) {
			e->walk_memo[dc->cpes[i]->index].gen = e->walk_gen;
			queue[tail++] = dc->cpes[i];
		}
		while (head < tail) {
			struct eng_router *r = queue[head++];
			if (r->kind == ENG_R_VPC)
				add_pair(dc, &cap,
				         (struct eng_pair){.prefix = (uint32_t)id, .to_dc = true, .vpc = r});
			for (size_t a = 0; a < r->n_adjs; a++) {
				struct eng_router *peer = r->adjs[a]->peer;
				struct eng_walk *w = &e->walk_memo[peer->index];
				if (w->gen == e->walk_gen)
					continue;
				const struct eng_rib_entry *en = eng_rib_get(&peer->rib, (uint32_t)id);
				if (!en || en->best < 0)
					continue;
				w->gen = e->walk_gen;
				queue[tail++] = peer;
			}
		}
	}
	free(queue);
	for (size_t r = 0; r < e->n_vpcs; r++) {
		struct eng_router *vpc = e->vpcs[r];
		for (size_t k = 0; k < vpc->vpc->n_routes; k++) {
			struct ecrc_ipnet p = ecrc_ipnet_network(vpc->vpc->routes[k]);
			for (size_t i = 0; i < dc->n_cpes; i++)
				if (eng_lookup(e, dc->cpes[i], p, true)) {
					add_pair(dc, &cap,
					         (struct eng_pair){.prefix = eng_prefix_intern(e, p)});
					break;
				}
		}
	}
	dc->pairs_ready = true;
}

static void inject(struct eng *e, const struct ecrc_engine_failure *f)
{
	eng_trace(e, "drill: %s %s", ecrc_engine_failure_kind_name(f->kind), f->target);
	switch (f->kind) {
	case ECRC_FAIL_SILENT:
	case ECRC_FAIL_CARRIER: {
		struct eng_link *l = eng_idmap_get(&e->link_ids, f->target);
		for (size_t k = 0; k < l->n_circuits; k++) {
			eng_bfd_wake(e, &l->circuits[k]->cpe_bfd);
			eng_bgp_wake(e, &l->circuits[k]->cpe_bgp);
		}
		ENG_SAVE(e, l);
		l->up = false;
		if (f->kind == ECRC_FAIL_SILENT)
			break;
		/* carrier: both ends notice at once */
		for (size_t k = 0; k < l->n_circuits; k++) {
			struct eng_circuit *c = l->circuits[k];
			eng_bgp_event(e, &c->cpe_bgp, ENG_BGP_CARRIER_DOWN, NULL);
			eng_bgp_event(e, &c->vbr_bgp, ENG_BGP_CARRIER_DOWN, NULL);
			eng_bfd_path_down(e, &c->cpe_bfd);
			eng_bfd_path_down(e, &c->vbr_bfd);
		}
		break;
	}
	case ECRC_FAIL_CPE_DOWN: {
		struct eng_router *r = eng_router_find(e, f->target);
		for (size_t k = 0; k < e->n_circuits; k++) {
			struct eng_circuit *c = e->circuits[k];
			if (c->cpe != r)
				continue;
			eng_bfd_wake(e, &c->cpe_bfd);
			eng_bgp_wake(e, &c->cpe_bgp);
			eng_bfd_stop(e, &c->cpe_bfd);
			eng_bgp_stop(e, &c->cpe_bgp);
		}
		ENG_SAVE(e, r);
		r->alive = false;
		break;
	}
	case ECRC_FAIL_BGP_RESET: {
		struct eng_circuit *c = eng_idmap_get(&e->circuit_ids, f->target);
		eng_bgp_event(e, &c->cpe_bgp, ENG_BGP_ADMIN_RESET, NULL);
		break;
	}
	}
}

static int cmp_drill_route(const void *a, const void *b)
{
	const struct ecrc_engine_drill_route *x = a, *y = b;
	int c = strcmp(x->router, y->router);
	return c ? c : ecrc_ipnet_cmp(x->prefix, y->prefix);
}

/* The forwarding entries the drill changed: the undo log holds each
 * touched entry as it was before. */
static void changed_routes(struct eng *e, struct ecrc_engine_drill_result *out)
{
	size_t cap = 0;
	for (size_t i = 0; i < e->n_touched; i++) {
		const struct eng_touched *t = &e->touched[i];
		const struct eng_rib_entry *old = (const void *)(e->undo_data + e->undo[t->rec].off);
		const struct eng_path *old_paths = (const void *)(e->undo_data + e->undo[t->rec + 1].off);
		const struct eng_rib_entry *en = t->entry;
		bool alive = t->router->alive;
		/* compare the forwarding sets as sets of adjacencies */
		bool same = true;
		size_t n_old = 0, n_new = 0;
		for (uint32_t k = 0; k < old->n_paths; k++)
			n_old += old_paths[k].in_fib;
		for (uint32_t k = 0; alive && k < en->n_paths; k++)
			n_new += en->paths[k].in_fib;
		if (n_old != n_new)
			same = false;
		for (uint32_t k = 0; same && alive && k < en->n_paths; k++) {
			if (!en->paths[k].in_fib)
				continue;
			bool found = false;
			for (uint32_t j = 0; j < old->n_paths && !found; j++)
				found = old_paths[j].in_fib && old_paths[j].from == en->paths[k].from;
			same = found;
		}
		if (same)
			continue;
		if (out->n_routes == cap) {
			cap = cap ? cap * 2 : 16;
			out->routes = ecrc_xrealloc(out->routes, cap * sizeof(*out->routes));
		}
		struct ecrc_engine_drill_route *dr = &out->routes[out->n_routes++];
		dr->router = t->router->id;
		dr->prefix = eng_prefix(e, en->prefix);
		const char **names;
		size_t n = alive && en->best >= 0 ? eng_next_hops(e, en, &names) : 0;
		dr->next_hops = ecrc_xmalloc((n ? n : 1) * sizeof(*dr->next_hops));
		if (n)
			memcpy(dr->next_hops, names, n * sizeof(*names));
		dr->n_next_hops = n;
	}
	if (out->n_routes > 1)
		qsort(out->routes, out->n_routes, sizeof(*out->routes), cmp_drill_route);
}

int ecrc_engine_drill(struct ecrc_engine *E, const struct ecrc_engine_failure *f, size_t n,
                      struct ecrc_engine_drill_result *out, char *err, size_t errlen)
{
	struct eng *e = eng_of(E);
	memset(out, 0, sizeof(*out));
	if (!e->converged) {
		snprintf(err, errlen, "the engine has not converged");
		return -1;
	}
	struct targets t = {0};
	if (n == 0 || resolve(e, f, n, &t, err, errlen) != 0) {
		if (n == 0)
			snprintf(err, errlen, "a drill needs at least one failure");
		free(t.v);
		return -1;
	}

	/* The instant: after the convergence window, at a point within one
	 * second drawn from the seed and the drill, so that each drill meets
	 * the periodic timers at its own phase. */
	uint64_t h = eng_hash_str("drill", e->opt.seed * 0x9e3779b97f4a7c15ULL + 1);
	for (size_t i = 0; i < n; i++)
		h = eng_hash_str(f[i].target, eng_hash_str(ecrc_engine_failure_kind_name(f[i].kind), h));
	uint64_t at = e->opt.start_us + e->opt.converge_limit_us + SEC + h % SEC;

	/* what the converged state says before anything happens */
	struct side *sides = ecrc_xmalloc(2 * t.n * sizeof(*sides));
	size_t n_sides = 0;
	uint64_t max_finite = 0;
	bool dc_hit[64] = {false};
	bool *dc_affected = e->n_dcs <= 64 ? dc_hit : ecrc_xcalloc(e->n_dcs, sizeof(bool));
	for (size_t i = 0; i < t.n; i++) {
		struct eng_circuit *c = t.v[i].c;
		if (c->cpe->dc < e->n_dcs)
			dc_affected[c->cpe->dc] = true;
		struct eng_bgp *halves[2] = {&c->cpe_bgp, &c->vbr_bgp};
		for (int k = 0; k < 2; k++) {
			struct eng_bgp *x = halves[k];
			if (x->state != ECRC_BGP_ESTABLISHED)
				continue;
			if (t.v[i].kind == ECRC_FAIL_CPE_DOWN && x->is_cpe)
				continue; /* the side that stops detects nothing */
			struct side *s = &sides[n_sides++];
			s->half = x;
			s->kind = t.v[i].kind;
			side_bounds(e, x, s->kind, &s->bound, &s->best);
			if (s->bound != ECRC_ENGINE_NEVER && s->bound > max_finite)
				max_finite = s->bound;
		}
	}
	size_t n_pairs = 0;
	for (size_t d = 0; d < e->n_dcs; d++) {
		if (dc_affected[d]) {
			dc_pairs(e, &e->dcs[d]);
			n_pairs += e->dcs[d].n_pairs;
		}
	}

	/* snapshot what the undo log does not cover (nothing waits in the
	 * FIFO between runs: a run ends with the instant it reached) */
	size_t n_heap = e->n_heap;
	struct eng_event *heap = ecrc_xmalloc((n_heap ? n_heap : 1) * sizeof(*heap));
	memcpy(heap, e->heap, n_heap * sizeof(*heap));
	uint64_t seq = e->seq, events = e->events, now = e->now, last_change = e->last_change;

	eng_undo_begin(e);
	for (size_t i = 0; i < t.n; i++) {
		struct eng_circuit *c = t.v[i].c;
		ENG_SAVE(e, &c->cpe_bgp);
		ENG_SAVE(e, &c->vbr_bgp);
		c->cpe_bgp.down_at = c->vbr_bgp.down_at = ECRC_ENGINE_NEVER;
		c->cpe_bgp.down_by = c->vbr_bgp.down_by = ECRC_DETECT_NONE;
	}
	e->drill_recovered = false;
	eng_run(e, at - 1);
	uint64_t ev0 = e->events;
	e->now = at;
	e->last_change = at;
	e->drill_failover_at = at;
	struct outage o;
	outage_begin(e, dc_affected, n_pairs, &o);
	for (size_t i = 0; i < n; i++)
		inject(e, &f[i]);
	/* run instant by instant, and after each one that changed a
	 * forwarding entry, walk the pairs again: reachability over time */
	bool *scratch = ecrc_xmalloc((n_pairs ? n_pairs : 1) * sizeof(*scratch));
	outage_watch(e, dc_affected, &o, scratch);
	uint64_t limit = at + max_finite + 120 * SEC, gen = e->fib_gen, next;
	while (next_event_at(e, &next) && next <= limit) {
		eng_run(e, next);
		if (e->fib_gen != gen) {
			gen = e->fib_gen;
			outage_watch(e, dc_affected, &o, scratch);
		}
	}
	eng_run(e, limit);
	free(scratch);
	uint64_t last_fixed;
	out->outage_us = outage_end(&o, &last_fixed);

	/* measure */
	out->fail_at_us = at;
	out->detect_us = ECRC_ENGINE_NEVER;
	out->detect_best_us = ECRC_ENGINE_NEVER;
	out->detections = ecrc_xcalloc(n_sides ? n_sides : 1, sizeof(*out->detections));
	bool all_detected = true;
	for (size_t i = 0; i < n_sides; i++) {
		const struct side *s = &sides[i];
		const struct eng_bgp *x = s->half;
		struct ecrc_engine_detection *d = &out->detections[out->n_detections++];
		d->uplink_id = x->c->uplink_id;
		d->side = x->is_cpe ? "cpe" : "vbr";
		d->router = x->is_cpe ? x->c->cpe->id : x->c->vbr->id;
		d->bound_us = s->bound;
		d->best_us = s->best;
		if (x->down_at != ECRC_ENGINE_NEVER) {
			d->by = x->down_by;
			d->detect_us = x->down_at - at;
		} else {
			d->by = ECRC_DETECT_NONE;
			d->detect_us = ECRC_ENGINE_NEVER;
			all_detected = false;
		}
		if (d->detect_us < out->detect_us) {
			out->detect_us = d->detect_us;
			out->detected_by = d->by;
			out->detected_side = d->side;
		}
		if (s->bound > out->detect_bound_us)
			out->detect_bound_us = s->bound;
		if (s->best < out->detect_best_us)
			out->detect_best_us = s->best;
	}
	if (n_sides == 0)
		out->detect_best_us = 0;
	out->converged_us = e->last_change - at;
	out->failover_us = all_detected ? e->drill_failover_at - at : ECRC_ENGINE_NEVER;
	/* When traffic lost its path, failover is when the last of it got a
	 * working one back, so that a router that passes the change on but
	 * forwards as before (a transit router still pointing at its ECR)
	 * does not count; processing delays make those instants differ. */
	if (last_fixed == ECRC_ENGINE_NEVER)
		out->failover_us = ECRC_ENGINE_NEVER;
	else if (last_fixed != 0)
		out->failover_us = last_fixed - at;
	out->events = e->events - ev0;
	changed_routes(e, out);
	out->reachable = true;
	out->reach = ecrc_xcalloc(n_pairs ? n_pairs : 1, sizeof(*out->reach));
	for (size_t d = 0; d < e->n_dcs; d++) {
		if (!dc_affected[d])
			continue;
		const struct eng_dc *dc = &e->dcs[d];
		for (size_t i = 0; i < dc->n_pairs; i++) {
			const struct eng_pair *p = &dc->pairs[i];
			struct ecrc_engine_drill_reach *r = &out->reach[out->n_reach++];
			r->prefix = eng_prefix(e, p->prefix);
			r->to_dc = p->to_dc;
			if (i == 0 || p->prefix != dc->pairs[i - 1].prefix ||
			    p->to_dc != dc->pairs[i - 1].to_dc)
				walk_begin(e);
			if (p->to_dc) {
				r->from = p->vpc->id;
				r->reach = reach_from_vpc(e, p->vpc, r->prefix);
			} else {
				r->from = dc->m->id;
				r->reach = reach_from_dc(e, dc, r->prefix);
			}
			if (!r->reach.reachable)
				out->reachable = false;
		}
	}
	eng_trace(e, "drill: done, %llu events", (unsigned long long)out->events);

	/* back to the converged state */
	eng_undo_revert(e);
	memcpy(e->heap, heap, n_heap * sizeof(*heap));
	e->n_heap = n_heap;
	e->seq = seq;
	e->events = events;
	e->now = now;
	e->last_change = last_change;

	/* what was unreachable before the failure too is not the drill's doing */
	if (!out->reachable) {
		size_t m = 0;
		out->reachable = true;
		for (size_t i = 0; i < out->n_reach; i++) {
			struct ecrc_engine_drill_reach *r = &out->reach[i];
			if (!r->reach.reachable) {
				walk_begin(e);
				struct ecrc_engine_reach before =
				    r->to_dc ? reach_from_vpc(e, eng_router_find(e, r->from), r->prefix)
				             : reach_from_dc(e, dc_find(e, r->from), r->prefix);
				if (!before.reachable)
					continue;
				out->reachable = false;
			}
			out->reach[m++] = *r;
		}
		out->n_reach = m;
	}
	free(heap);
	if (dc_affected != dc_hit)
		free(dc_affected);
	free(sides);
	free(t.v);
	return 0;
}

void ecrc_engine_drill_result_free(struct ecrc_engine_drill_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_routes; i++)
		free(r->routes[i].next_hops);
	free(r->routes);
	free(r->detections);
	free(r->reach);
	memset(r, 0, sizeof(*r));
}

int ecrc_engine_predict_circuit(struct ecrc_engine *E, const char *connection_id,
                                struct ecrc_engine_prediction *out, char *err, size_t errlen)
{
	struct ecrc_engine_failure f = {.kind = ECRC_FAIL_SILENT, .target = connection_id};
	struct ecrc_engine_drill_result r;
	memset(out, 0, sizeof(*out));
	if (ecrc_engine_drill(E, &f, 1, &r, err, errlen) != 0)
		return -1;
	out->detect_us = r.detect_us;
	out->detect_bound_us = r.detect_bound_us;
	out->detect_best_us = r.detect_best_us;
	out->converged_us = r.converged_us;
	bool have_cpe = false, have_vbr = false;
	for (size_t i = 0; i < r.n_detections; i++) {
		const struct ecrc_engine_detection *d = &r.detections[i];
		if (!have_cpe && strcmp(d->side, "cpe") == 0) {
			out->cpe = *d;
			have_cpe = true;
		} else if (!have_vbr && strcmp(d->side, "vbr") == 0) {
			out->vbr = *d;
			have_vbr = true;
		}
	}
	ecrc_engine_drill_result_free(&r);
	return 0;
}
