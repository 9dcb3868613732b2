/*
 * test_engine_decide.c: the decision process. One case per step of the BGP
 * table (which step decides, and who wins), every insertion order of the
 * candidates, multipath and its cap, the MED rule that compares only
 * within one neighbor AS, and the transit router and VPC tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "test_engine_fixture.h"

/* ---- building candidates by hand ----------------------------------------------------- */

struct world {
	struct eng_router self, peers[8];
	struct eng_adj adj[8];
	struct eng_aspath *paths[8];
	struct eng_attrs attrs[8];
};

static struct world W;

static void world_init(enum eng_router_kind self_kind)
{
	for (int i = 0; i < 8; i++)
		free(W.paths[i]);
	memset(&W, 0, sizeof(W));
	W.self.kind = self_kind;
	W.self.region = 1;
	for (int i = 0; i < 8; i++) {
		W.peers[i].kind = ENG_R_VBR;
		W.adj[i] = (struct eng_adj){.index = (uint32_t)i,
		                            .self = &W.self,
		                            .peer = &W.peers[i],
		                            .peer_kind = ECRC_ENGINE_ATT_VBR};
	}
}

/* Candidate i: from adjacency i (or local), with an AS_PATH of n ASes
 * starting with first_as. */
static struct eng_path cand(int i, bool local, uint32_t first_as, uint32_t n_as)
{
	struct eng_aspath *p = calloc(1, sizeof(*p) + 8 * sizeof(uint32_t));
	p->len = n_as;
	for (uint32_t k = 0; k < n_as; k++)
		p->asn[k] = k == 0 ? first_as : 64000 + k;
	free(W.paths[i]);
	W.paths[i] = p;
	W.attrs[i] = (struct eng_attrs){.as_path = p, .local_pref = 100, .origin = ENG_ORIGIN_IGP};
	return (struct eng_path){.from = local ? NULL : &W.adj[i],
	                         .attrs = &W.attrs[i],
	                         .bgp_id = 100,
	                         .peer_addr = 100,
	                         .ebgp = true};
}

static int32_t best_of(const struct eng_decision_table *t, struct eng_path *v, size_t n, uint8_t *step)
{
	int32_t best;
	uint8_t s = eng_decide(t, v, n, 0, &best);
	if (step)
		*step = s;
	return best;
}

/* Which candidate wins, and at which step, in both orders. */
static void expect_pair(const struct eng_decision_table *t, struct eng_path x, struct eng_path y, int winner,
                        uint8_t step)
{
	struct eng_path v[2] = {x, y};
	uint8_t s;
	int32_t b = best_of(t, v, 2, &s);
	assert_int_equal(b, winner);
	assert_int_equal(s, step);
	struct eng_path w[2] = {y, x};
	b = best_of(t, w, 2, &s);
	assert_int_equal(b, 1 - winner);
	assert_int_equal(s, step);
}

/* ---- one case per step ---------------------------------------------------------------------- */

static void test_step0_local(void **state)
{
	(void)state;
	world_init(ENG_R_CPE);
	struct eng_path local = cand(0, true, 0, 0), learned = cand(1, false, 64512, 1);
	W.attrs[1].local_pref = 500; /* not even a higher preference beats a local route */
	expect_pair(&eng_bgp_decision, local, learned, 0, 0);
}

static void test_step1_local_pref(void **state)
{
	(void)state;
	world_init(ENG_R_ECR);
	struct eng_path a = cand(0, false, 65001, 3), b = cand(1, false, 65002, 1);
	W.attrs[0].local_pref = 200; /* a longer AS_PATH, but preferred */
	expect_pair(&eng_bgp_decision, a, b, 0, 1);
}

static void test_step2_as_path(void **state)
{
	(void)state;
	world_init(ENG_R_ECR);
	struct eng_path a = cand(0, false, 65001, 3), b = cand(1, false, 65002, 1);
	b.bgp_id = 999; /* a worse tie-breaker does not matter */
	expect_pair(&eng_bgp_decision, a, b, 1, 2);
}

static void test_step3_origin(void **state)
{
	(void)state;
	world_init(ENG_R_ECR);
	struct eng_path a = cand(0, false, 65001, 1), b = cand(1, false, 65002, 1);
	W.attrs[0].origin = ENG_ORIGIN_INCOMPLETE;
	expect_pair(&eng_bgp_decision, a, b, 1, 3);
}

static void test_step4_med(void **state)
{
	(void)state;
	world_init(ENG_R_ECR);
	/* the same neighbor AS: the lower MED wins */
	struct eng_path a = cand(0, false, 65001, 1), b = cand(1, false, 65001, 1);
	W.attrs[0].has_med = true;
	W.attrs[0].med = 20;
	W.attrs[1].has_med = true;
	W.attrs[1].med = 10;
	b.bgp_id = 999;
	expect_pair(&eng_bgp_decision, a, b, 1, 4);
	/* a missing MED is the lowest (RFC 4271 9.1.2.2 c) */
	W.attrs[1].has_med = false;
	expect_pair(&eng_bgp_decision, a, b, 1, 4);
	/* different neighbor ASes: MED is not compared, the BGP identifier decides */
	world_init(ENG_R_ECR);
	a = cand(0, false, 65001, 1);
	b = cand(1, false, 65002, 1);
	W.attrs[0].has_med = true;
	W.attrs[0].med = 20;
	W.attrs[1].has_med = true;
	W.attrs[1].med = 10;
	a.bgp_id = 1;
	b.bgp_id = 2;
	expect_pair(&eng_bgp_decision, a, b, 0, 6);
}

static void test_step5_ebgp(void **state)
{
	(void)state;
	world_init(ENG_R_VBR);
	struct eng_path a = cand(0, false, 65001, 1), b = cand(1, false, 65002, 1);
	a.ebgp = false;
	a.bgp_id = 1;
	expect_pair(&eng_bgp_decision, a, b, 1, 5);
}

static void test_step6_bgp_id(void **state)
{
	(void)state;
	world_init(ENG_R_ECR);
	struct eng_path a = cand(0, false, 65001, 1), b = cand(1, false, 65002, 1);
	a.bgp_id = 7;
	b.bgp_id = 3;
	a.peer_addr = 1;
	expect_pair(&eng_bgp_decision, a, b, 1, 6);
}

static void test_step7_peer_addr(void **state)
{
	(void)state;
	world_init(ENG_R_ECR);
	struct eng_path a = cand(0, false, 65001, 1), b = cand(1, false, 65002, 1);
	a.peer_addr = 9;
	b.peer_addr = 8;
	expect_pair(&eng_bgp_decision, a, b, 1, 7);
}

static void test_step8_adjacency(void **state)
{
	(void)state;
	world_init(ENG_R_ECR);
	struct eng_path a = cand(2, false, 65001, 1), b = cand(5, false, 65002, 1);
	expect_pair(&eng_bgp_decision, a, b, 0, 8);
}

/* ---- every insertion order ----------------------------------------------------------------- */

static void permute(struct eng_path *v, size_t n, size_t k, const struct eng_decision_table *t,
                    const struct eng_adj *want_best, const bool *want_fib, uint32_t max_paths, int *count)
{
	if (k == n) {
		int32_t best;
		eng_decide(t, v, n, max_paths, &best);
		assert_ptr_equal(v[best].from, want_best);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(v[i].in_fib, want_fib[v[i].from->index]);
		(*count)++;
		return;
	}
	for (size_t i = k; i < n; i++) {
		struct eng_path x = v[k];
		v[k] = v[i];
		v[i] = x;
		permute(v, n, k + 1, t, want_best, want_fib, max_paths, count);
		v[i] = v[k];
		v[k] = x;
	}
}

static void test_every_order(void **state)
{
	(void)state;
	world_init(ENG_R_ECR);
	/* A (AS 65001, MED 10), B (AS 65002, MED 50), C (AS 65001, MED 20),
	 * D (a longer path), E (AS 65003, no MED). Pairwise MED comparison
	 * is not transitive here (A > C, and neither compares with B), which
	 * is why the steps eliminate over the whole set. */
	struct eng_path v[5] = {
	    cand(0, false, 65001, 1), cand(1, false, 65002, 1), cand(2, false, 65001, 1),
	    cand(3, false, 65004, 2), cand(4, false, 65003, 1),
	};
	W.attrs[0].has_med = true, W.attrs[0].med = 10;
	W.attrs[1].has_med = true, W.attrs[1].med = 50;
	W.attrs[2].has_med = true, W.attrs[2].med = 20;
	v[0].bgp_id = 30;
	v[1].bgp_id = 20;
	v[2].bgp_id = 10; /* the lowest identifier, but out at the MED step */
	v[3].bgp_id = 1;  /* the lowest of all, but out at the AS_PATH step */
	v[4].bgp_id = 40;
	const bool fib[5] = {true, true, false, false, true};
	int count = 0;
	permute(v, 5, 0, &eng_bgp_decision, &W.adj[1], fib, 0, &count);
	assert_int_equal(count, 120);
}

static void test_multipath(void **state)
{
	(void)state;
	/* the reference: two CPE ASes, equal AS_PATH length, different
	 * content: ECMP over both, the lower identifier is the best */
	world_init(ENG_R_ECR);
	struct eng_path v[2] = {cand(0, false, 65003, 1), cand(1, false, 65004, 1)};
	v[0].bgp_id = 2;
	v[1].bgp_id = 1;
	int32_t best;
	eng_decide(&eng_bgp_decision, v, 2, 0, &best);
	assert_int_equal(best, 1);
	assert_true(v[0].in_fib && v[1].in_fib);
	/* prepended on one side: one path */
	world_init(ENG_R_ECR);
	struct eng_path w[2] = {cand(0, false, 65003, 1), cand(1, false, 65004, 3)};
	eng_decide(&eng_bgp_decision, w, 2, 0, &best);
	assert_int_equal(best, 0);
	assert_true(w[0].in_fib);
	assert_false(w[1].in_fib);
	/* an eBGP and an iBGP path equal through MED: the set keeps the
	 * kind the best was learned by */
	world_init(ENG_R_ECR);
	struct eng_path x[3] = {cand(0, false, 65003, 1), cand(1, false, 65004, 1), cand(2, false, 65005, 1)};
	x[0].ebgp = false;
	eng_decide(&eng_bgp_decision, x, 3, 0, &best);
	assert_true(best == 1 || best == 2);
	assert_false(x[0].in_fib);
	assert_true(x[1].in_fib && x[2].in_fib);
}

static void test_max_paths(void **state)
{
	(void)state;
	world_init(ENG_R_CPE);
	struct eng_path v[4] = {cand(0, false, 65001, 1), cand(1, false, 65002, 1), cand(2, false, 65003, 1),
	                        cand(3, false, 65005, 1)};
	v[0].bgp_id = 4;
	v[1].bgp_id = 3;
	v[2].bgp_id = 2;
	v[3].bgp_id = 1;
	const bool fib[4] = {false, false, true, true};
	int count = 0;
	permute(v, 4, 0, &eng_bgp_decision, &W.adj[3], fib, 2, &count);
	assert_int_equal(count, 24);
	/* maximum-paths 1: the best alone */
	int32_t best;
	eng_decide(&eng_bgp_decision, v, 4, 1, &best);
	size_t n = 0;
	for (int i = 0; i < 4; i++)
		n += v[i].in_fib;
	assert_int_equal(n, 1);
	assert_true(v[best].in_fib);
}

static void test_empty_and_single(void **state)
{
	(void)state;
	int32_t best = 7;
	assert_int_equal(eng_decide(&eng_bgp_decision, NULL, 0, 0, &best), 0);
	assert_int_equal(best, -1);
	world_init(ENG_R_ECR);
	struct eng_path v[1] = {cand(0, false, 65001, 2)};
	assert_int_equal(eng_decide(&eng_bgp_decision, v, 1, 0, &best), 0);
	assert_int_equal(best, 0);
	assert_true(v[0].in_fib);
}

/* ---- the transit router and the VPC -------------------------------------------------------- */

static void test_transit_router(void **state)
{
	(void)state;
	/* step 1: link type, VBR/ECR over CCN over VPN */
	world_init(ENG_R_TR);
	struct eng_path a = cand(0, false, 65001, 3), b = cand(1, false, 65002, 1);
	W.adj[1].peer_kind = ECRC_ENGINE_ATT_VPN;
	expect_pair(&eng_tr_decision, a, b, 0, 1);
	/* step 2: BGP over static */
	world_init(ENG_R_TR);
	a = cand(0, false, 65001, 3);
	b = cand(1, false, 65002, 1);
	b.is_static = true;
	expect_pair(&eng_tr_decision, a, b, 0, 2);
	/* step 3: the shorter AS_PATH */
	world_init(ENG_R_TR);
	a = cand(0, false, 65001, 3);
	b = cand(1, false, 65002, 1);
	expect_pair(&eng_tr_decision, a, b, 1, 3);
	/* step 4: same region over cross-region */
	world_init(ENG_R_TR);
	a = cand(0, false, 65001, 1);
	b = cand(1, false, 65002, 1);
	a.region = 2;
	b.region = 1; /* the TR's */
	expect_pair(&eng_tr_decision, a, b, 1, 4);
	/* equal so far: ECMP; then the region id, the node id pick the best */
	world_init(ENG_R_TR);
	struct eng_path v[2] = {cand(0, false, 65001, 1), cand(1, false, 65002, 1)};
	v[0].region = v[1].region = 1;
	v[0].bgp_id = 9;
	v[1].bgp_id = 4;
	int32_t best;
	assert_int_equal(eng_decide(&eng_tr_decision, v, 2, 0, &best), 6);
	assert_int_equal(best, 1);
	assert_true(v[0].in_fib && v[1].in_fib);
}

static void test_vpc(void **state)
{
	(void)state;
	world_init(ENG_R_VPC);
	struct eng_path a = cand(0, false, 65001, 1), b = cand(1, false, 65002, 1);
	W.peers[0].kind = ENG_R_TR;
	W.peers[1].kind = ENG_R_ECR;
	expect_pair(&eng_vpc_decision, a, b, 1, 1);
	/* its own CIDR beats both */
	struct eng_path own = cand(2, true, 0, 0);
	struct eng_path v[3] = {a, b, own};
	int32_t best;
	eng_decide(&eng_vpc_decision, v, 3, 0, &best);
	assert_int_equal(best, 2);
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < 8; i++) {
		free(W.paths[i]);
		W.paths[i] = NULL;
	}
	return 0;
}

/* ---- the incremental decision against the whole one ---------------------------------------
 *
 * eng_rib_update keeps a RIB entry's decision up to date incrementally
 * where a change does not touch the ECMP set. Here random sequences of
 * changes (a path added, replaced or withdrawn, as eng_rib_update makes
 * them) run on one entry, each followed by the incremental update (or the
 * whole decision where it declines), and after each the entry must be
 * what eng_decide makes of the same paths: the same best, the same set.
 * The attributes are drawn from small sets so that ties, mixed neighbor
 * ASes, eBGP and iBGP in one entry, and the max_paths cut all happen. */

static uint32_t rnd_state;

static uint32_t rnd(uint32_t n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) % n;
}

static struct eng_attrs *random_attrs(struct eng_attrs **pool, struct eng_aspath **aspaths, size_t *n_pool,
                                      uint32_t n_as)
{
	struct eng_aspath *p = calloc(1, sizeof(*p) + 4 * sizeof(uint32_t));
	p->len = 1 + rnd(2);
	p->asn[0] = 65001 + rnd(n_as);
	for (uint32_t k = 1; k < p->len; k++)
		p->asn[k] = 64900 + k;
	struct eng_attrs *a = calloc(1, sizeof(*a));
	a->as_path = p;
	a->local_pref = rnd(4) == 0 ? 200 : 100;
	a->origin = (uint8_t)(rnd(4) == 0 ? ENG_ORIGIN_INCOMPLETE : ENG_ORIGIN_IGP);
	a->has_med = rnd(2) == 0;
	a->med = a->has_med ? 10 * rnd(3) : 0;
	pool[*n_pool] = a;
	aspaths[(*n_pool)++] = p;
	return a;
}

static void random_sequence(const struct eng_decision_table *t, uint32_t seed, uint32_t max_paths,
                            size_t *n_incremental)
{
	enum { STEPS = 200, ADJ = 8 };
	struct eng_attrs *pool[STEPS];
	struct eng_aspath *aspaths[STEPS];
	size_t n_pool = 0;
	struct eng_path paths[ADJ + 1], copy[ADJ + 1];
	struct eng_rib_entry en = {.paths = paths, .cap_paths = ADJ + 1, .best = -1};

	rnd_state = seed;
	for (int step = 0; step < STEPS; step++) {
		int a = (int)rnd(ADJ + 1) - 1; /* -1: the local route */
		struct eng_adj *from = a < 0 ? NULL : &W.adj[a];
		int32_t idx = -1;
		for (uint32_t i = 0; i < en.n_paths; i++)
			if (paths[i].from == from)
				idx = (int32_t)i;
		bool withdraw = idx >= 0 && rnd(3) == 0;
		bool was_in_fib = idx >= 0 && paths[idx].in_fib, decided = false, changed;
		struct eng_path np = {.from = from};
		if (!withdraw) {
			/* odd seeds: one neighbor AS, even: two (MED within
			 * each, so the BGP table is not a lexicographic order) */
			np.attrs = random_attrs(pool, aspaths, &n_pool, seed % 2 ? 1 : 2);
			np.bgp_id = 1 + rnd(3);
			np.peer_addr = 1 + rnd(3);
			np.region = (uint16_t)(1 + rnd(2));
			np.ebgp = from && rnd(3) != 0;
		}
		/* the change, as eng_rib_update makes it */
		if (!withdraw && idx >= 0) {
			paths[idx] = np;
			eng_groups_add(&en, &np);
			if (!was_in_fib)
				decided = eng_decide_entry_added(t, &en, max_paths, (uint32_t)idx, &changed);
		} else if (!withdraw) {
			paths[en.n_paths++] = np;
			eng_groups_add(&en, &np);
			decided = eng_decide_entry_added(t, &en, max_paths, en.n_paths - 1, &changed);
		} else {
			uint32_t last = en.n_paths - 1;
			paths[idx] = paths[last];
			en.n_paths--;
			if (en.best == (int32_t)last)
				en.best = idx;
			if (!was_in_fib)
				decided = eng_decide_entry_removed(t, &en);
		}
		if (decided)
			(*n_incremental)++;
		else
			eng_decide_entry(t, &en, max_paths);

		/* the whole decision over the same paths */
		int32_t best;
		memcpy(copy, paths, en.n_paths * sizeof(*copy));
		eng_decide(t, copy, en.n_paths, max_paths, &best);
		if (best != en.best)
			fail_msg("%s, seed %u, max_paths %u, step %d: best %d, the whole decision says %d",
			         t->name, seed, max_paths, step, en.best, best);
		uint32_t n_fib = 0;
		for (uint32_t i = 0; i < en.n_paths; i++) {
			if (copy[i].in_fib != paths[i].in_fib)
				fail_msg("%s, seed %u, max_paths %u, step %d: path %u in_fib %d, the whole "
				         "decision says %d",
				         t->name, seed, max_paths, step, i, paths[i].in_fib, copy[i].in_fib);
			n_fib += copy[i].in_fib;
		}
		assert_int_equal(en.n_fib, n_fib);
	}
	for (size_t i = 0; i < n_pool; i++) {
		free(pool[i]);
		free(aspaths[i]);
	}
}

static void test_incremental_equals_whole(void **state)
{
	(void)state;
	const struct eng_decision_table *tables[] = {&eng_bgp_decision, &eng_ecr_decision, &eng_tr_decision,
	                                             &eng_vpc_decision};
	const uint32_t caps[] = {0, 2, 3};
	for (size_t t = 0; t < 4; t++) {
		size_t n_incremental = 0;
		world_init(t == 3 ? ENG_R_VPC : t == 2 ? ENG_R_TR : ENG_R_ECR);
		for (int k = 0; k < 4; k++)
			W.adj[k].peer_kind = ECRC_ENGINE_ATT_CCN, W.peers[k].kind = ENG_R_ECR;
		for (size_t c = 0; c < 3; c++)
			for (uint32_t seed = 1; seed <= 300; seed++)
				random_sequence(tables[t], seed, caps[c], &n_incremental);
		/* most changes must have been incremental, or this tests nothing */
		if (n_incremental < 300 * 3 * 200 / 4)
			fail_msg("%s: only %zu of %d changes were decided incrementally", tables[t]->name,
			         n_incremental, 300 * 3 * 200);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_step0_local),
	    cmocka_unit_test(test_step1_local_pref),
	    cmocka_unit_test(test_step2_as_path),
	    cmocka_unit_test(test_step3_origin),
	    cmocka_unit_test(test_step4_med),
	    cmocka_unit_test(test_step5_ebgp),
	    cmocka_unit_test(test_step6_bgp_id),
	    cmocka_unit_test(test_step7_peer_addr),
	    cmocka_unit_test(test_step8_adjacency),
	    cmocka_unit_test(test_every_order),
	    cmocka_unit_test(test_multipath),
	    cmocka_unit_test(test_max_paths),
	    cmocka_unit_test(test_empty_and_single),
	    cmocka_unit_test(test_transit_router),
	    cmocka_unit_test(test_vpc),
	    cmocka_unit_test(test_incremental_equals_whole),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
