/*
 * rib.c: the routing tables. Interned prefixes, AS paths and attributes;
 * per router a table of entries (one per prefix) holding the candidate
 * paths (Adj-RIB-In), the result of the decision process (best and ECMP
 * set), and what was advertised over each adjacency (Adj-RIB-Out). A route
 * arriving runs the decision process and the exports; exports are queued
 * as events, never delivered at once.
 *
 * Everything here is allocated from the engine's arena and freed with it;
 * arrays grow by copying into a new block so that the undo log's saved
 * pointers stay valid during a drill.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

/* ---- prefixes ---------------------------------------------------------------------- */

static uint32_t hash_u64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return (uint32_t)x;
}

static uint32_t prefix_hash(struct ecrc_ipnet p)
{
	return hash_u64(((uint64_t)p.addr << 8) | p.len);
}

int32_t eng_prefix_find(const struct eng *e, struct ecrc_ipnet p)
{
	if (e->cap_prefix_slots == 0)
		return -1;
	p = ecrc_ipnet_network(p);
	size_t mask = e->cap_prefix_slots - 1;
	for (size_t i = prefix_hash(p) & mask;; i = (i + 1) & mask) {
		uint32_t v = e->prefix_slots[i];
		if (v == 0)
			return -1;
		if (ecrc_ipnet_equal(e->prefixes[v - 1], p))
			return (int32_t)(v - 1);
	}
}

static void prefix_slots_grow(struct eng *e)
{
	size_t cap = e->cap_prefix_slots ? e->cap_prefix_slots * 2 : 256;
	uint32_t *slots = ecrc_xcalloc(cap, sizeof(*slots));
	for (size_t id = 0; id < e->n_prefixes; id++) {
		size_t i = prefix_hash(e->prefixes[id]) & (cap - 1);
		while (slots[i])
			i = (i + 1) & (cap - 1);
		slots[i] = (uint32_t)id + 1;
	}
	free(e->prefix_slots);
	e->prefix_slots = slots;
	e->cap_prefix_slots = cap;
}

uint32_t eng_prefix_intern(struct eng *e, struct ecrc_ipnet p)
{
	p = ecrc_ipnet_network(p);
	int32_t id = eng_prefix_find(e, p);
	if (id >= 0)
		return (uint32_t)id;
	if ((e->n_prefixes + 1) * 2 > e->cap_prefix_slots)
		prefix_slots_grow(e);
	if (e->n_prefixes == e->cap_prefixes) {
		e->cap_prefixes = e->cap_prefixes ? e->cap_prefixes * 2 : 256;
		e->prefixes = ecrc_xrealloc(e->prefixes, e->cap_prefixes * sizeof(*e->prefixes));
	}
	uint32_t nid = (uint32_t)e->n_prefixes++;
	e->prefixes[nid] = p;
	e->len_mask |= 1ull << p.len;
	size_t mask = e->cap_prefix_slots - 1;
	size_t i = prefix_hash(p) & mask;
	while (e->prefix_slots[i])
		i = (i + 1) & mask;
	e->prefix_slots[i] = nid + 1;
	return nid;
}

struct ecrc_ipnet eng_prefix(const struct eng *e, uint32_t id)
{
	return e->prefixes[id];
}

/* ---- AS paths and attributes, interned ------------------------------------------------ */

static uint32_t aspath_hash(const uint32_t *asn, size_t n)
{
	uint64_t h = 0x84222325cbf29ce4ULL ^ n;
	for (size_t i = 0; i < n; i++)
		h = (h ^ asn[i]) * 0x100000001b3ULL;
	return hash_u64(h);
}

static void aspath_grow(struct eng *e)
{
	size_t cap = e->cap_aspath_slots ? e->cap_aspath_slots * 2 : 256;
	struct eng_aspath **slots = ecrc_xcalloc(cap, sizeof(*slots));
	for (size_t i = 0; i < e->cap_aspath_slots; i++) {
		struct eng_aspath *p = e->aspath_slots[i];
		while (p) {
			struct eng_aspath *next = p->next_in_bucket;
			size_t b = p->hash & (cap - 1);
			p->next_in_bucket = slots[b];
			slots[b] = p;
			p = next;
		}
	}
	free(e->aspath_slots);
	e->aspath_slots = slots;
	e->cap_aspath_slots = cap;
}

const struct eng_aspath *eng_aspath_intern(struct eng *e, const uint32_t *asn, size_t n)
{
	if (e->n_aspaths + 1 > e->cap_aspath_slots)
		aspath_grow(e);
	uint32_t h = aspath_hash(asn, n);
	size_t b = h & (e->cap_aspath_slots - 1);
	for (struct eng_aspath *p = e->aspath_slots[b]; p; p = p->next_in_bucket)
		if (p->hash == h && p->len == n && (n == 0 || memcmp(p->asn, asn, n * sizeof(*asn)) == 0))
			return p;
	struct eng_aspath *p = ecrc_arena_alloc(e->arena, sizeof(*p) + n * sizeof(uint32_t));
	p->hash = h;
	p->len = (uint32_t)n;
	if (n)
		memcpy(p->asn, asn, n * sizeof(*asn));
	p->next_in_bucket = e->aspath_slots[b];
	e->aspath_slots[b] = p;
	e->n_aspaths++;
	return p;
}

const struct eng_aspath *eng_aspath_prepend(struct eng *e, const struct eng_aspath *p, const uint32_t *asn,
                                            size_t n)
{
	if (n == 0)
		return p;
	size_t len = n + p->len;
	uint32_t stackbuf[64];
	uint32_t *buf = len <= 64 ? stackbuf : ecrc_xmalloc(len * sizeof(uint32_t));
	memcpy(buf, asn, n * sizeof(uint32_t));
	if (p->len)
		memcpy(buf + n, p->asn, p->len * sizeof(uint32_t));
	const struct eng_aspath *r = eng_aspath_intern(e, buf, len);
	if (buf != stackbuf)
		free(buf);
	return r;
}

bool eng_aspath_contains(const struct eng_aspath *p, uint32_t asn)
{
	for (uint32_t i = 0; i < p->len; i++)
		if (p->asn[i] == asn)
			return true;
	return false;
}

const char *eng_aspath_text(const struct eng_aspath *p, char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (uint32_t i = 0; i < p->len && used + 12 < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s%u", i ? " " : "", p->asn[i]);
	return buf;
}

static uint32_t attrs_hash(const struct eng_attrs *a)
{
	uint64_t h = (uint64_t)(uintptr_t)a->as_path;
	h = h * 31 + a->local_pref;
	h = h * 31 + (a->has_med ? a->med + 1ULL : 0);
	h = h * 31 + a->origin;
	return hash_u64(h);
}

static bool attrs_equal(const struct eng_attrs *a, const struct eng_attrs *b)
{
	return a->as_path == b->as_path && a->local_pref == b->local_pref && a->has_med == b->has_med &&
	       (!a->has_med || a->med == b->med) && a->origin == b->origin;
}

static void attrs_grow(struct eng *e)
{
	size_t cap = e->cap_attr_slots ? e->cap_attr_slots * 2 : 256;
	struct eng_attrs **slots = ecrc_xcalloc(cap, sizeof(*slots));
	for (size_t i = 0; i < e->cap_attr_slots; i++) {
		struct eng_attrs *a = e->attr_slots[i];
		while (a) {
			struct eng_attrs *next = a->next_in_bucket;
			size_t b = a->hash & (cap - 1);
			a->next_in_bucket = slots[b];
			slots[b] = a;
			a = next;
		}
	}
	free(e->attr_slots);
	e->attr_slots = slots;
	e->cap_attr_slots = cap;
}

const struct eng_attrs *eng_attrs_intern(struct eng *e, const struct eng_attrs *a)
{
	if (e->n_attrs + 1 > e->cap_attr_slots)
		attrs_grow(e);
	struct eng_attrs key = *a;
	if (!key.has_med)
		key.med = 0;
	key.hash = attrs_hash(&key);
	size_t b = key.hash & (e->cap_attr_slots - 1);
	for (struct eng_attrs *x = e->attr_slots[b]; x; x = x->next_in_bucket)
		if (x->hash == key.hash && attrs_equal(x, &key))
			return x;
	struct eng_attrs *n = ecrc_arena_alloc(e->arena, sizeof(*n));
	*n = key;
	n->next_in_bucket = e->attr_slots[b];
	e->attr_slots[b] = n;
	e->n_attrs++;
	return n;
}

/* ---- prefix lists (the IR's import filters and export terms) ------------------------- */

bool eng_prefix_list_match(const struct ecrc_ir_prefix_list *l, struct ecrc_ipnet p)
{
	for (size_t i = 0; i < l->n_entries; i++) {
		const struct ecrc_ir_prefix_entry *en = &l->entries[i];
		struct ecrc_ipnet want = ecrc_ipnet_network(en->prefix);
		if (en->ge == 0 && en->le == 0) {
			if (ecrc_ipnet_equal(want, p))
				return true;
			continue;
		}
		uint8_t ge = en->ge ? en->ge : want.len;
		uint8_t le = en->le ? en->le : 32;
		if (ecrc_ipnet_contains(want, p) && p.len >= ge && p.len <= le)
			return true;
	}
	return false;
}

/* ---- the table ------------------------------------------------------------------------ */

struct eng_rib_entry *eng_rib_get(struct eng_rib *r, uint32_t prefix)
{
	if (r->cap == 0)
		return NULL;
	size_t mask = r->cap - 1;
	for (size_t i = hash_u64(prefix) & mask;; i = (i + 1) & mask) {
		struct eng_rib_entry *en = r->slots[i];
		if (!en)
			return NULL;
		if (en->prefix == prefix)
			return en;
	}
}

static void rib_grow(struct eng_rib *r)
{
	size_t cap = r->cap ? r->cap * 2 : 16;
	struct eng_rib_entry **slots = ecrc_xcalloc(cap, sizeof(*slots));
	for (size_t k = 0; k < r->n; k++) {
		struct eng_rib_entry *en = r->list[k];
		size_t i = hash_u64(en->prefix) & (cap - 1);
		while (slots[i])
			i = (i + 1) & (cap - 1);
		slots[i] = en;
	}
	free(r->slots);
	r->slots = slots;
	r->cap = cap;
}

/* Entries are never removed: one that lost its last path stays, empty.
 * A drill that creates one leaves it behind, empty again after the undo. */
struct eng_rib_entry *eng_rib_get_or_add(struct eng *e, struct eng_rib *r, uint32_t prefix)
{
	struct eng_rib_entry *en = eng_rib_get(r, prefix);
	if (en)
		return en;
	if ((r->n + 1) * 2 > r->cap)
		rib_grow(r);
	en = ecrc_arena_alloc(e->arena, sizeof(*en));
	en->prefix = prefix;
	en->best = -1;
	size_t mask = r->cap - 1;
	size_t i = hash_u64(prefix) & mask;
	while (r->slots[i])
		i = (i + 1) & mask;
	r->slots[i] = en;
	if (r->n == r->cap_list) {
		r->cap_list = r->cap_list ? r->cap_list * 2 : 16;
		r->list = ecrc_xrealloc(r->list, r->cap_list * sizeof(*r->list));
	}
	r->list[r->n++] = en;
	return en;
}

/* Saves an entry (and its arrays) before its first change in a drill, and
 * remembers it so that the drill can report what changed. */
void eng_rib_touch(struct eng *e, struct eng_router *r, struct eng_rib_entry *en)
{
	size_t rec = e->n_undo;
	if (!ENG_SAVE(e, en))
		return;
	eng_save_extra(e, en->paths, en->n_paths * sizeof(*en->paths));
	eng_save_extra(e, en->out, en->n_out * sizeof(*en->out));
	if (e->n_touched == e->cap_touched) {
		e->cap_touched = e->cap_touched ? e->cap_touched * 2 : 256;
		e->touched = ecrc_xrealloc(e->touched, e->cap_touched * sizeof(*e->touched));
	}
	e->touched[e->n_touched++] = (struct eng_touched){.router = r, .entry = en, .rec = rec};
}

static void paths_reserve(struct eng *e, struct eng_rib_entry *en, uint32_t n)
{
	if (n <= en->cap_paths)
		return;
	uint32_t cap = en->cap_paths ? en->cap_paths * 2 : 1;
	while (cap < n)
		cap *= 2;
	struct eng_path *p = ecrc_arena_alloc(e->arena, cap * sizeof(*p));
	if (en->n_paths)
		memcpy(p, en->paths, en->n_paths * sizeof(*p));
	en->paths = p;
	en->cap_paths = cap;
}

static void out_reserve(struct eng *e, struct eng_rib_entry *en, uint32_t n)
{
	if (n <= en->cap_out)
		return;
	uint32_t cap = en->cap_out ? en->cap_out * 2 : 1;
	while (cap < n)
		cap *= 2;
	struct eng_out *o = ecrc_arena_alloc(e->arena, cap * sizeof(*o));
	if (en->n_out)
		memcpy(o, en->out, en->n_out * sizeof(*o));
	en->out = o;
	en->cap_out = cap;
}

static int32_t path_from(const struct eng_rib_entry *en, const struct eng_adj *from)
{
	for (uint32_t i = 0; i < en->n_paths; i++)
		if (en->paths[i].from == from)
			return (int32_t)i;
	return -1;
}

/* The Adj-RIB-Out record for an adjacency: index, or where it would go
 * (records are sorted by adjacency index). */
static uint32_t out_find(const struct eng_rib_entry *en, uint32_t adj, bool *found)
{
	uint32_t lo = 0, hi = en->n_out;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (en->out[mid].adj < adj)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < en->n_out && en->out[lo].adj == adj;
	return lo;
}

/* ---- exports ------------------------------------------------------------------------------ */

void eng_route_deliver(struct eng *e, const struct eng_event *ev)
{
	struct eng_adj *a = ev->obj;
	struct eng_path meta = {
	    .bgp_id = ev->u.route.bgp_id,
	    .peer_addr = ev->u.route.peer_addr,
	    .region = ev->u.route.region,
	    .ebgp = ev->u.route.ebgp,
	    .is_static = ev->u.route.is_static,
	};
	eng_rib_update(e, a->self, a, ev->u.route.prefix, ev->u.route.attrs, &meta);
}

void eng_send_route(struct eng *e, struct eng_adj *to, uint32_t prefix, const struct eng_attrs *attrs,
                    const struct eng_path *meta)
{
	if (to->type == ENG_ADJ_EBGP) {
		eng_bgp_send_update(e, to->bgp, prefix, attrs);
		return;
	}
	struct eng_event ev = {
	    .time = e->now + eng_hop_delay(e, to->self->kind),
	    .handler = eng_route_deliver,
	    .obj = to->reverse,
	    .u.route =
	        {
	            .prefix = prefix,
	            .attrs = attrs,
	            .bgp_id = meta ? meta->bgp_id : 0,
	            .peer_addr = meta ? meta->peer_addr : 0,
	            .region = meta ? meta->region : 0,
	            .ebgp = meta ? meta->ebgp : false,
	            .is_static = meta ? meta->is_static : false,
	        },
	};
	eng_push(e, &ev);
}

/* Advertises (or withdraws) the entry over one adjacency when what the
 * router would send differs from what it sent last. */
static void export_one(struct eng *e, struct eng_router *r, struct eng_rib_entry *en, struct eng_adj *to)
{
	struct eng_path meta = {0};
	const struct eng_attrs *attrs = eng_adj_is_up(to) ? eng_export(e, r, en, to, &meta) : NULL;
	bool found;
	uint32_t i = out_find(en, to->index, &found);
	if (!found && !attrs)
		return;
	if (found && en->out[i].attrs == attrs)
		return;
	eng_rib_touch(e, r, en);
	if (attrs && !found) {
		out_reserve(e, en, en->n_out + 1);
		memmove(&en->out[i + 1], &en->out[i], (en->n_out - i) * sizeof(*en->out));
		en->n_out++;
		en->out[i] = (struct eng_out){.adj = to->index, .attrs = attrs};
	} else if (attrs) {
		en->out[i].attrs = attrs;
	} else {
		memmove(&en->out[i], &en->out[i + 1], (en->n_out - i - 1) * sizeof(*en->out));
		en->n_out--;
	}
	if (eng_adj_is_up(to))
		eng_send_route(e, to, en->prefix, attrs, &meta);
}

static void export_all(struct eng *e, struct eng_router *r, struct eng_rib_entry *en)
{
	for (size_t i = 0; i < r->n_adjs; i++)
		export_one(e, r, en, r->adjs[i]);
	if (r->kind == ENG_R_TR)
		eng_tr_aggregates(e, r, en);
}

/* The best path as it matters to exports: where from and with what. */
struct best_id {
	const struct eng_adj *from;
	const struct eng_attrs *attrs;
	uint32_t bgp_id;
	bool any;
};

static struct best_id best_of(const struct eng_rib_entry *en)
{
	struct best_id b = {0};
	if (en->best >= 0) {
		const struct eng_path *p = &en->paths[en->best];
		b = (struct best_id){.from = p->from, .attrs = p->attrs, .bgp_id = p->bgp_id, .any = true};
	}
	return b;
}

static int cmp_adj_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t) * (const struct eng_adj *const *)a,
	          y = (uintptr_t) * (const struct eng_adj *const *)b;
	return x < y ? -1 : x > y;
}

/* The forwarding set as a sorted list of adjacencies (NULL = local), plus
 * `extra` (a path no longer in en->paths that was in the set) when
 * with_extra; out has room for n_paths + 1. */
static size_t fib_set(const struct eng_rib_entry *en, const struct eng_adj **out, bool with_extra,
                      const struct eng_adj *extra)
{
	size_t n = 0;
	for (uint32_t i = 0; i < en->n_paths; i++)
		if (en->paths[i].in_fib)
			out[n++] = en->paths[i].from;
	if (with_extra)
		out[n++] = extra;
	qsort(out, n, sizeof(*out), cmp_adj_ptr);
	return n;
}

/* The whole decision, and whether the forwarding set changed: the set
 * before is what the in_fib marks still say (they are the last
 * decision's), plus the changed path's adjacency if it was in the set. */
static bool decide_all(struct eng_router *r, struct eng_rib_entry *en, bool was_in_fib,
                       const struct eng_adj *from)
{
	size_t cap = (size_t)en->n_paths + 1;
	const struct eng_adj *stack[2][64];
	const struct eng_adj **before = cap <= 64 ? stack[0] : ecrc_xmalloc(cap * sizeof(*before));
	const struct eng_adj **after = cap <= 64 ? stack[1] : ecrc_xmalloc(cap * sizeof(*after));
	size_t n_before = fib_set(en, before, was_in_fib, from);
	eng_decide_entry(r->decision, en, r->max_paths);
	size_t n_after = fib_set(en, after, false, NULL);
	bool changed = n_before != n_after || memcmp(before, after, n_after * sizeof(*after)) != 0;
	if (before != stack[0])
		free(before);
	if (after != stack[1])
		free(after);
	return changed;
}

void eng_rib_update(struct eng *e, struct eng_router *r, struct eng_adj *from, uint32_t prefix,
                    const struct eng_attrs *attrs, const struct eng_path *meta)
{
	if (!r->alive)
		return;
	struct eng_rib_entry *en = eng_rib_get(&r->rib, prefix);
	if (!en && !attrs)
		return;
	if (!en)
		en = eng_rib_get_or_add(e, &r->rib, prefix);
	int32_t idx = path_from(en, from);
	if (attrs && from && !eng_import(e, r, from, prefix, attrs, idx < 0))
		attrs = NULL; /* rejected: an implicit withdrawal of what it replaces */
	if (!attrs && idx < 0)
		return;

	struct eng_path np = {0};
	if (attrs) {
		np.from = from;
		np.attrs = attrs;
		np.bgp_id = meta ? meta->bgp_id : r->router_id;
		np.peer_addr = meta ? meta->peer_addr : 0;
		np.region = meta ? meta->region : r->region;
		np.ebgp = from ? (from->type == ENG_ADJ_EBGP || (meta && meta->ebgp)) : false;
		np.is_static = meta ? meta->is_static : false;
		if (idx >= 0) {
			const struct eng_path *old = &en->paths[idx];
			if (old->attrs == np.attrs && old->bgp_id == np.bgp_id &&
			    old->peer_addr == np.peer_addr && old->region == np.region &&
			    old->ebgp == np.ebgp && old->is_static == np.is_static)
				return; /* nothing new */
		}
	}

	eng_rib_touch(e, r, en);
	struct best_id ob = best_of(en);
	bool was_in_fib = idx >= 0 && en->paths[idx].in_fib;
	bool decided = false, fib_changed = false;

	/* The change, then the decision: incremental where the change does
	 * not touch the ECMP set (eng_decide_entry_added/_removed), else the
	 * whole table. Either gives the same result; the incremental one keeps
	 * n sessions coming up at O(n) rather than O(n^2) (issue 12). */
	if (attrs && idx >= 0) {
		en->paths[idx] = np;
		eng_groups_add(en, &np);
		if (!was_in_fib)
			decided = eng_decide_entry_added(r->decision, en, r->max_paths, (uint32_t)idx,
			                                 &fib_changed);
	} else if (attrs) {
		paths_reserve(e, en, en->n_paths + 1);
		en->paths[en->n_paths++] = np;
		eng_groups_add(en, &np);
		if (from) {
			ENG_SAVE(e, from);
			from->accepted++;
		}
		decided =
		    eng_decide_entry_added(r->decision, en, r->max_paths, en->n_paths - 1, &fib_changed);
	} else {
		uint32_t last = en->n_paths - 1;
		en->paths[idx] = en->paths[last];
		en->n_paths--;
		if (en->best == (int32_t)last)
			en->best = idx;
		if (from) {
			ENG_SAVE(e, from);
			from->accepted--;
		}
		if (!was_in_fib)
			decided = eng_decide_entry_removed(r->decision, en);
	}
	if (!decided)
		fib_changed = decide_all(r, en, was_in_fib, from);
	if (fib_changed)
		eng_fib_changed(e);

	struct best_id nb = best_of(en);
	bool best_changed =
	    ob.any != nb.any || ob.from != nb.from || ob.attrs != nb.attrs || ob.bgp_id != nb.bgp_id;
	/* A VBR passes routes through by where they came from, not by its
	 * best: any change may change what it sends. */
	if (best_changed || r->kind == ENG_R_VBR)
		export_all(e, r, en);
}

void eng_adj_up(struct eng *e, struct eng_adj *a)
{
	struct eng_router *r = a->self;
	for (size_t k = 0; k < r->rib.n; k++)
		export_one(e, r, r->rib.list[k], a);
}

void eng_adj_down(struct eng *e, struct eng_adj *a)
{
	struct eng_router *r = a->self;
	for (size_t k = 0; k < r->rib.n; k++) {
		struct eng_rib_entry *en = r->rib.list[k];
		bool found;
		uint32_t i = out_find(en, a->index, &found);
		if (found) {
			eng_rib_touch(e, r, en);
			memmove(&en->out[i], &en->out[i + 1], (en->n_out - i - 1) * sizeof(*en->out));
			en->n_out--;
		}
		if (path_from(en, a) >= 0)
			eng_rib_update(e, r, a, en->prefix, NULL, NULL);
	}
}

uint64_t eng_hop_delay(const struct eng *e, enum eng_router_kind kind)
{
	const struct ecrc_engine_hop_delay *d = &e->opt.hop_delay;
	switch (kind) {
	case ENG_R_CPE:
		return d->cpe_us;
	case ENG_R_VBR:
		return d->vbr_us;
	case ENG_R_ECR:
		return d->ecr_us;
	case ENG_R_TR:
		return d->tr_us;
	case ENG_R_VPC:
		return d->vpc_us;
	}
	return 0;
}

void eng_fib_changed(struct eng *e)
{
	e->last_change = e->now;
	e->fib_gen++;
	if (e->recording && !e->drill_recovered)
		e->drill_failover_at = e->now;
}
