/*
 * decide.c: the decision process, as numbered elimination steps.
 *
 * RFC 4271 9.1.1 computes a degree of preference (LOCAL_PREF) for each
 * route; 9.1.2.2 breaks ties among the routes to one destination:
 *
 *   a) Remove from consideration all routes that are not tied for
 *      having the smallest number of AS numbers present in their
 *      AS_PATH attributes.
 *   b) Remove from consideration all routes that are not tied for
 *      having the lowest Origin number in their Origin attribute.
 *   c) Remove from consideration routes with less-preferred
 *      MULTI_EXIT_DISC attributes. MULTI_EXIT_DISC is only comparable
 *      between routes learned from the same neighboring AS [...]
 *      Routes that do not have the MULTI_EXIT_DISC attribute are
 *      considered to have the lowest possible MULTI_EXIT_DISC value.
 *   d) If at least one of the candidate routes was received via EBGP,
 *      remove from consideration all routes that were received via IBGP.
 *   e) Remove from consideration any routes with less-preferred interior
 *      cost.
 *   f) Remove from consideration all routes other than the route that
 *      was advertised by the BGP speaker with the lowest BGP Identifier
 *      value.
 *   g) Prefer the route received from the lowest peer address.
 *
 * The steps here, in order (eng_bgp_decision):
 *   0  locally originated over learned            (our deviation, below)
 *   1  highest LOCAL_PREF                         (9.1.1)
 *   2  shortest AS_PATH                           (9.1.2.2 a)
 *   3  lowest ORIGIN                              (9.1.2.2 b)
 *   4  lowest MED among routes from the same neighbor AS (9.1.2.2 c)
 *      -- the survivors of steps 0..4 form the ECMP set --
 *   5  eBGP over iBGP                             (9.1.2.2 d)
 *   6  lowest BGP identifier                      (9.1.2.2 f)
 *   7  lowest peer address                        (9.1.2.2 g)
 *   8  lowest adjacency index                     (our deviation, below)
 *
 * Each step is an elimination over the whole candidate set, as the RFC
 * words it, not a pairwise comparison: step 4 is not transitive pairwise
 * (MEDs compare only within one neighbor AS), and a set elimination makes
 * the result independent of the order in which routes arrived. The tests
 * check every insertion order.
 *
 * Our deviations:
 *   - Step 0: a route this router originates (a CPE's discard anchor, a
 *     VPC's own CIDR) beats any learned one, as the "weight" of locally
 *     sourced routes does on IOS-XE, EOS and FRR. The RFC leaves local
 *     routes to policy.
 *   - Step e (interior cost) is left out: the engine has no IGP, every
 *     next hop is directly connected and costs the same.
 *   - Multipath (not in RFC 4271): the routes still tied after step 4
 *     form the ECMP set, so AS_PATHs of equal length but different
 *     content do form ECMP, as with FRR's "bestpath as-path
 *     multipath-relax". The Alibaba ECR (eng_ecr_decision) compares MED
 *     across neighbor ASes at step 4, so its ECMP set has equal AS_PATH
 *     length, ORIGIN and MED (Alibaba's ECMP-over-ECR guide; docs/engine.md, A3). The set never mixes
 *     eBGP- and iBGP-learned routes: it keeps those learned the way the
 *     best was (FRR's "maximum-paths" and "maximum-paths ibgp" are two
 *     sets). The CPE IR's maximum-paths caps it, keeping the best and
 *     then the lowest BGP identifiers.
 *   - Step 8 makes the order total, so that two identical routes from two
 *     sessions always resolve the same way.
 *
 * The Alibaba Cloud transit router and VPC route tables have their own
 * tables below (eng_tr_decision, eng_vpc_decision), with their sources.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

/* ---- helpers: keep the candidates whose key is the smallest -------------------- */

typedef uint64_t (*key_fn)(const struct eng_path *p);

static size_t keep_min(const struct eng_path **c, size_t n, key_fn key)
{
	uint64_t best = UINT64_MAX;
	for (size_t i = 0; i < n; i++) {
		uint64_t k = key(c[i]);
		if (k < best)
			best = k;
	}
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (key(c[i]) == best)
			c[m++] = c[i];
	return m;
}

static uint64_t adj_index(const struct eng_path *p)
{
	return p->from ? (uint64_t)p->from->index + 1 : 0;
}

/* ---- the BGP steps ------------------------------------------------------------------ */

static uint64_t key_local(const struct eng_path *p)
{
	return p->from ? 1 : 0;
}

static size_t step_local(const struct eng_path **c, size_t n)
{
	return keep_min(c, n, key_local);
}

static uint64_t key_local_pref(const struct eng_path *p)
{
	return UINT32_MAX - (uint64_t)p->attrs->local_pref; /* highest wins */
}

static size_t step_local_pref(const struct eng_path **c, size_t n)
{
	return keep_min(c, n, key_local_pref);
}

static uint64_t key_as_path_len(const struct eng_path *p)
{
	return p->attrs->as_path->len;
}

static size_t step_as_path(const struct eng_path **c, size_t n)
{
	return keep_min(c, n, key_as_path_len);
}

static uint64_t key_origin(const struct eng_path *p)
{
	return p->attrs->origin;
}

static size_t step_origin(const struct eng_path **c, size_t n)
{
	return keep_min(c, n, key_origin);
}

/* The neighboring AS: the leftmost AS of the AS_PATH (RFC 4271 9.1.2.2 c);
 * 0 for an empty path (a route from within the AS). */
static uint32_t neighbor_as(const struct eng_path *p)
{
	return p->attrs->as_path->len ? p->attrs->as_path->asn[0] : 0;
}

uint32_t eng_path_neighbor_as(const struct eng_path *p)
{
	return neighbor_as(p);
}

static uint32_t med_of(const struct eng_path *p)
{
	return p->attrs->has_med ? p->attrs->med : 0; /* missing MED: the lowest */
}

static uint64_t key_med(const struct eng_path *p)
{
	return med_of(p);
}

/* Step 4 in two passes, whatever the number of neighbor ASes: group the
 * candidates by neighbor AS (an open-addressing table holding each AS's
 * lowest MED), then keep those whose MED is their AS's lowest. A route is
 * thus compared only with routes from its own neighbor AS, as 9.1.2.2 c
 * says, and a decision over n paths costs O(n), not O(n^2) (issue 12: 2,000
 * uplinks on one CPE took 18 s to verify). */
struct med_slot {
	uint32_t as, med;
	bool used;
};

static size_t step_med(const struct eng_path **c, size_t n)
{
	if (n < 2)
		return n;
	/* most often every candidate comes from one neighbor AS: compare
	 * their MEDs directly */
	uint32_t as0 = neighbor_as(c[0]);
	size_t same = 1;
	while (same < n && neighbor_as(c[same]) == as0)
		same++;
	if (same == n)
		return keep_min(c, n, key_med);
	size_t cap = 16;
	while (cap < 2 * n)
		cap <<= 1;
	struct med_slot stack[64];
	struct med_slot *slot = cap <= 64 ? stack : ecrc_xmalloc(cap * sizeof(*slot));
	memset(slot, 0, cap * sizeof(*slot));
	for (size_t i = 0; i < n; i++) {
		uint32_t as = neighbor_as(c[i]), med = med_of(c[i]);
		size_t h = (size_t)((as * 0x9e3779b1u) & (cap - 1));
		while (slot[h].used && slot[h].as != as)
			h = (h + 1) & (cap - 1);
		if (!slot[h].used)
			slot[h] = (struct med_slot){.as = as, .med = med, .used = true};
		else if (med < slot[h].med)
			slot[h].med = med;
	}
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t as = neighbor_as(c[i]);
		size_t h = (size_t)((as * 0x9e3779b1u) & (cap - 1));
		while (slot[h].as != as)
			h = (h + 1) & (cap - 1);
		if (med_of(c[i]) == slot[h].med)
			c[m++] = c[i];
	}
	if (slot != stack)
		free(slot);
	return m;
}

/* The ECR's step 4: MED compared across neighbor ASes too. Alibaba's ECMP-over-ECR guide says the routes the
 * data center advertises to the VBRs "must have identical attributes. If any attribute differs, the routing
 * system treats the paths as unequal and ECMP does not take effect": an assumption (A3 in docs/engine.md)
 * that the ECR compares MED whatever the neighbor AS, the lowest winning (a missing MED counts as 0, as in
 * step 4). */
static size_t step_med_always(const struct eng_path **c, size_t n)
{
	return keep_min(c, n, key_med);
}

static uint64_t key_ebgp(const struct eng_path *p)
{
	return p->ebgp ? 0 : 1;
}

static size_t step_ebgp(const struct eng_path **c, size_t n)
{
	return keep_min(c, n, key_ebgp);
}

static uint64_t key_bgp_id(const struct eng_path *p)
{
	return p->bgp_id;
}

static size_t step_bgp_id(const struct eng_path **c, size_t n)
{
	return keep_min(c, n, key_bgp_id);
}

static uint64_t key_peer_addr(const struct eng_path *p)
{
	return p->peer_addr;
}

static size_t step_peer_addr(const struct eng_path **c, size_t n)
{
	return keep_min(c, n, key_peer_addr);
}

static size_t step_adj_index(const struct eng_path **c, size_t n)
{
	return keep_min(c, n, adj_index);
}

static const struct eng_decision_step bgp_steps[] = {
    {0, "locally originated over learned", step_local, key_local, false},
    {1, "highest LOCAL_PREF (RFC 4271 9.1.1)", step_local_pref, key_local_pref, false},
    {2, "shortest AS_PATH (RFC 4271 9.1.2.2 a)", step_as_path, key_as_path_len, false},
    {3, "lowest ORIGIN (RFC 4271 9.1.2.2 b)", step_origin, key_origin, false},
    {4, "lowest MED among routes from the same neighbor AS (RFC 4271 9.1.2.2 c)", step_med, key_med, true},
    {5, "eBGP over iBGP (RFC 4271 9.1.2.2 d)", step_ebgp, key_ebgp, false},
    {6, "lowest BGP identifier (RFC 4271 9.1.2.2 f)", step_bgp_id, key_bgp_id, false},
    {7, "lowest peer address (RFC 4271 9.1.2.2 g)", step_peer_addr, key_peer_addr, false},
    {8, "lowest adjacency index", step_adj_index, adj_index, false},
};

const struct eng_decision_table eng_bgp_decision = {
    .name = "bgp",
    .steps = bgp_steps,
    .n_steps = sizeof(bgp_steps) / sizeof(bgp_steps[0]),
    .multipath_steps = 5, /* steps 0..4 */
};

/* The ECR: the same steps, with MED compared across neighbor ASes, so its
 * ECMP set holds routes of equal AS_PATH length, ORIGIN and MED (Alibaba's ECMP-over-ECR guide). */
static const struct eng_decision_step ecr_steps[] = {
    {0, "locally originated over learned", step_local, key_local, false},
    {1, "highest LOCAL_PREF (RFC 4271 9.1.1)", step_local_pref, key_local_pref, false},
    {2, "shortest AS_PATH (RFC 4271 9.1.2.2 a)", step_as_path, key_as_path_len, false},
    {3, "lowest ORIGIN (RFC 4271 9.1.2.2 b)", step_origin, key_origin, false},
    {4, "lowest MED, across neighbor ASes (Alibaba's ECMP guide: any differing attribute ends ECMP)",
     step_med_always, key_med, false},
    {5, "eBGP over iBGP (RFC 4271 9.1.2.2 d)", step_ebgp, key_ebgp, false},
    {6, "lowest BGP identifier (RFC 4271 9.1.2.2 f)", step_bgp_id, key_bgp_id, false},
    {7, "lowest peer address (RFC 4271 9.1.2.2 g)", step_peer_addr, key_peer_addr, false},
    {8, "lowest adjacency index", step_adj_index, adj_index, false},
};

const struct eng_decision_table eng_ecr_decision = {
    .name = "ecr",
    .steps = ecr_steps,
    .n_steps = sizeof(ecr_steps) / sizeof(ecr_steps[0]),
    .multipath_steps = 5, /* steps 0..4 */
};

/* ---- the transit router ------------------------------------------------------------
 *
 * Alibaba Cloud, "Multi-region VBR ECMP routing" and the route selection
 * rules of Enterprise Edition transit routers (domain.md): after the
 * longest prefix, compare the link type (VBR > CCN > VPN), then BGP over
 * static, then the shorter AS_PATH, then the same region over a
 * cross-region route; routes still equal form ECMP. Then preference,
 * region id (the lexicographically smallest) and node id pick one.
 * Assumption: a route learned from an ECR ranks with a VBR's (both are
 * Express Connect), and a VPC's CIDR with them (it never competes with a
 * data center route for the same prefix).
 */

static uint64_t key_link_type(const struct eng_path *p)
{
	if (!p->from)
		return 0;
	switch (p->from->peer_kind) {
	case ECRC_ENGINE_ATT_CCN:
		return 1;
	case ECRC_ENGINE_ATT_VPN:
		return 2;
	default:
		return 0;
	}
}

static size_t step_link_type(const struct eng_path **c, size_t n)
{
	return keep_min(c, n, key_link_type);
}

static uint64_t key_bgp_over_static(const struct eng_path *p)
{
	return p->is_static ? 1 : 0;
}

static size_t step_bgp_over_static(const struct eng_path **c, size_t n)
{
	return keep_min(c, n, key_bgp_over_static);
}

/* Regions are numbered from 1 in lexicographic order of their ids; the
 * path's region is where the route entered the cloud. */
static uint64_t key_same_region(const struct eng_path *p)
{
	const struct eng_router *tr = p->from ? p->from->self : NULL;
	return (tr && p->region == tr->region) ? 0 : 1;
}

static size_t step_same_region(const struct eng_path **c, size_t n)
{
	return keep_min(c, n, key_same_region);
}

static uint64_t key_region_id(const struct eng_path *p)
{
	return p->region;
}

static size_t step_region_id(const struct eng_path **c, size_t n)
{
	return keep_min(c, n, key_region_id);
}

static const struct eng_decision_step tr_steps[] = {
    {1, "link type: VBR or ECR > CCN > VPN", step_link_type, key_link_type, false},
    {2, "BGP over static", step_bgp_over_static, key_bgp_over_static, false},
    {3, "shorter AS_PATH", step_as_path, key_as_path_len, false},
    {4, "same region over cross-region", step_same_region, key_same_region, false},
    {5, "lowest region id", step_region_id, key_region_id, false},
    {6, "lowest node id", step_bgp_id, key_bgp_id, false},
    {7, "lowest attachment index", step_adj_index, adj_index, false},
};

const struct eng_decision_table eng_tr_decision = {
    .name = "transit-router",
    .steps = tr_steps,
    .n_steps = sizeof(tr_steps) / sizeof(tr_steps[0]),
    .multipath_steps = 4,
};

/* ---- the VPC route table ----------------------------------------------------------
 *
 * A VPC holds its own CIDRs (system routes) and the data center prefixes
 * learned from an associated ECR or from its transit router. Assumption
 * (docs/engine.md): "a VPC can receive dynamic routes from only one source
 * at a time" (Alibaba, Create and manage an ECR), so a direct ECR
 * association wins over the transit router; equal routes form ECMP.
 */

static uint64_t key_vpc_source(const struct eng_path *p)
{
	if (!p->from)
		return 0;
	return p->from->peer->kind == ENG_R_ECR ? 1 : 2;
}

static size_t step_vpc_source(const struct eng_path **c, size_t n)
{
	return keep_min(c, n, key_vpc_source);
}

static const struct eng_decision_step vpc_steps[] = {
    {1, "system route, then ECR association over transit router", step_vpc_source, key_vpc_source, false},
    {2, "shorter AS_PATH", step_as_path, key_as_path_len, false},
    {3, "lowest next hop index", step_adj_index, adj_index, false},
};

const struct eng_decision_table eng_vpc_decision = {
    .name = "vpc",
    .steps = vpc_steps,
    .n_steps = sizeof(vpc_steps) / sizeof(vpc_steps[0]),
    .multipath_steps = 2,
};

/* ---- the driver ------------------------------------------------------------------------ */

static int cmp_tiebreak(const void *a, const void *b)
{
	const struct eng_path *x = *(const struct eng_path *const *)a;
	const struct eng_path *y = *(const struct eng_path *const *)b;
	if (x->bgp_id != y->bgp_id)
		return x->bgp_id < y->bgp_id ? -1 : 1;
	if (x->peer_addr != y->peer_addr)
		return x->peer_addr < y->peer_addr ? -1 : 1;
	uint64_t ix = adj_index(x), iy = adj_index(y);
	return ix < iy ? -1 : ix > iy;
}

static uint8_t decide(const struct eng_decision_table *t, struct eng_path *paths, size_t n,
                      uint32_t max_paths, int32_t *best, uint32_t *n_fib, bool *capped)
{
	for (size_t i = 0; i < n; i++)
		paths[i].in_fib = false;
	*n_fib = 0;
	*capped = false;
	if (n == 0) {
		*best = -1;
		return 0;
	}
	const struct eng_path *stackbuf[32], *ecmp_stack[32];
	const struct eng_path **c = n <= 32 ? stackbuf : ecrc_xmalloc(n * sizeof(*c));
	const struct eng_path **ecmp = n <= 32 ? ecmp_stack : ecrc_xmalloc(n * sizeof(*ecmp));
	for (size_t i = 0; i < n; i++)
		c[i] = &paths[i];
	size_t m = n, n_ecmp = 0;
	uint8_t decided = 0;
	for (size_t s = 0; s < t->n_steps; s++) {
		if (s == t->multipath_steps) {
			memcpy(ecmp, c, m * sizeof(*c));
			n_ecmp = m;
		}
		if (m > 1) {
			size_t k = t->steps[s].keep(c, m);
			if (k == 1 && m > 1)
				decided = t->steps[s].number;
			m = k;
		}
	}
	if (t->multipath_steps >= t->n_steps) {
		memcpy(ecmp, c, m * sizeof(*c));
		n_ecmp = m;
	}
	const struct eng_path *b = c[0];
	*best = (int32_t)(b - paths);
	/* multipath never mixes eBGP- and iBGP-learned routes */
	size_t k = 0;
	for (size_t i = 0; i < n_ecmp; i++)
		if (ecmp[i]->ebgp == b->ebgp)
			ecmp[k++] = ecmp[i];
	n_ecmp = k;
	*n_fib = (uint32_t)n_ecmp;
	if (max_paths && n_ecmp > max_paths) {
		*capped = true;
		*n_fib = max_paths;
		/* the best first, then the others by the tie-breakers */
		qsort(ecmp, n_ecmp, sizeof(*ecmp), cmp_tiebreak);
		size_t kept = 0;
		paths[*best].in_fib = true;
		kept++;
		for (size_t i = 0; i < n_ecmp && kept < max_paths; i++) {
			struct eng_path *p = &paths[ecmp[i] - paths];
			if (!p->in_fib) {
				p->in_fib = true;
				kept++;
			}
		}
	} else {
		for (size_t i = 0; i < n_ecmp; i++)
			paths[ecmp[i] - paths].in_fib = true;
	}
	if (c != stackbuf)
		free(c);
	if (ecmp != ecmp_stack)
		free(ecmp);
	return decided;
}

uint8_t eng_decide(const struct eng_decision_table *t, struct eng_path *paths, size_t n, uint32_t max_paths,
                   int32_t *best)
{
	uint32_t n_fib;
	bool capped;
	return decide(t, paths, n, max_paths, best, &n_fib, &capped);
}

/* ---- one RIB entry, incrementally ------------------------------------------------------ */

void eng_groups_add(struct eng_rib_entry *en, const struct eng_path *p)
{
	uint32_t as = neighbor_as(p);
	if (en->groups == ENG_GROUPS_NONE) {
		en->groups = ENG_GROUPS_ONE;
		en->group_as = as;
	} else if (en->groups == ENG_GROUPS_ONE && as != en->group_as)
		en->groups = ENG_GROUPS_MIXED;
}

void eng_decide_entry(const struct eng_decision_table *t, struct eng_rib_entry *en, uint32_t max_paths)
{
	decide(t, en->paths, en->n_paths, max_paths, &en->best, &en->n_fib, &en->fib_capped);
	en->groups = ENG_GROUPS_NONE;
	for (uint32_t i = 0; i < en->n_paths; i++)
		eng_groups_add(en, &en->paths[i]);
}

/* Whether the table orders this entry's paths lexicographically by the
 * steps' keys: always, unless a per_group step meets several groups. */
static bool lexicographic(const struct eng_decision_table *t, const struct eng_rib_entry *en)
{
	if (en->groups != ENG_GROUPS_MIXED)
		return true;
	for (size_t s = 0; s < t->n_steps; s++)
		if (t->steps[s].per_group)
			return false;
	return true;
}

/* Compares two paths on steps [from, to) by their keys. */
static int cmp_keys(const struct eng_decision_table *t, size_t from, size_t to, const struct eng_path *a,
                    const struct eng_path *b)
{
	for (size_t s = from; s < to && s < t->n_steps; s++) {
		uint64_t ka = t->steps[s].key(a), kb = t->steps[s].key(b);
		if (ka != kb)
			return ka < kb ? -1 : 1;
	}
	return 0;
}

bool eng_decide_entry_added(const struct eng_decision_table *t, struct eng_rib_entry *en, uint32_t max_paths,
                            uint32_t idx, bool *fib_changed)
{
	struct eng_path *p = &en->paths[idx];

	*fib_changed = false;
	if (en->n_paths == 1) {
		p->in_fib = true;
		en->best = (int32_t)idx;
		en->n_fib = 1;
		en->fib_capped = false;
		*fib_changed = true;
		return true;
	}
	if (en->best < 0 || en->fib_capped || !lexicographic(t, en) || t->multipath_steps >= t->n_steps)
		return false;
	const struct eng_path *b = &en->paths[en->best];
	int mp = cmp_keys(t, 0, t->multipath_steps, p, b);
	if (mp > 0) { /* worse than the set: changes nothing */
		p->in_fib = false;
		return true;
	}
	if (mp < 0) { /* better than the whole set: alone in it */
		for (uint32_t i = 0; i < en->n_paths; i++)
			en->paths[i].in_fib = false;
		p->in_fib = true;
		en->best = (int32_t)idx;
		en->n_fib = 1;
		*fib_changed = true;
		return true;
	}
	/* tied through the multipath steps: in the set if learned the way
	 * the best was, and perhaps the new best */
	bool better = cmp_keys(t, t->multipath_steps, t->n_steps, p, b) < 0;
	if (p->ebgp != b->ebgp) {
		if (better)
			return false; /* the set changes sides (eBGP over iBGP) */
		p->in_fib = false;
		return true;
	}
	if (max_paths && en->n_fib + 1 > max_paths)
		return false; /* the cap decides who stays */
	p->in_fib = true;
	en->n_fib++;
	if (better)
		en->best = (int32_t)idx;
	*fib_changed = true;
	return true;
}

bool eng_decide_entry_removed(const struct eng_decision_table *t, struct eng_rib_entry *en)
{
	if (en->n_paths == 0) {
		en->best = -1;
		en->n_fib = 0;
		en->fib_capped = false;
		en->groups = ENG_GROUPS_NONE;
		return true;
	}
	return lexicographic(t, en);
}
