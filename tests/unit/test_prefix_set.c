/*
 * test_prefix_set.c: check/prefix_set.c, the comparison of two route
 * filters as sets of prefixes (drift-accept). Hand cases (equal sets in
 * other words, a deny before a permit, a narrowed list, a /8 with every
 * length), then random first-match filters inside 10.0.0.0/14 compared
 * with brute force over every prefix of length 14..22 there: the regions
 * the walk reports must be exactly the prefixes where the filters differ.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/prefix_set.h"

/* A filter built by hand: up to four terms of up to eight entries. */
struct filter {
	struct ecrc_pfx_entry e[4][8];
	struct ecrc_pfx_term t[4];
	struct ecrc_pfx_filter f;
};

static struct ecrc_ipnet net(const char *s)
{
	struct ecrc_ipnet n;
	assert_true(ecrc_parse_ipnet(s, &n));
	return n;
}

/* Adds an entry to term `term` (a permit term unless set otherwise). */
static void add(struct filter *f, size_t term, const char *p, uint8_t ge, uint8_t le, bool deny)
{
	struct ecrc_pfx_term *t = &f->t[term];
	f->e[term][t->n] = (struct ecrc_pfx_entry){net(p), ge, le, deny, (uint32_t)(term * 10 + t->n + 1)};
	t->entries = f->e[term];
	t->n++;
	t->who = (uint32_t)(term * 10 + 9);
	if (f->f.n < term + 1)
		f->f.n = term + 1;
	f->f.terms = f->t;
}

static size_t compare(struct filter *a, struct filter *b, struct ecrc_pfx_diff **d)
{
	a->f.terms = a->t;
	b->f.terms = b->t;
	return ecrc_pfx_compare(&a->f, &b->f, NULL, 0, d);
}

static void test_same_set_other_entries(void **state)
{
	(void)state;
	struct filter a = {0}, b = {0};
	struct ecrc_pfx_diff *d;
	add(&a, 0, "10.0.0.0/16", 0, 32, false);
	add(&b, 0, "10.0.1.0/24", 0, 0, false);
	add(&b, 0, "10.0.0.0/17", 0, 32, false);
	add(&b, 0, "10.0.128.0/17", 0, 32, false);
	add(&b, 0, "10.0.0.0/16", 0, 0, false);
	assert_int_equal(compare(&a, &b, &d), 0);
	assert_null(d);
	/* ge 16 le 32 is le 32 on a /16 */
	struct filter c = {0};
	add(&c, 0, "10.0.0.0/16", 16, 32, false);
	assert_int_equal(compare(&a, &c, &d), 0);
	/* the same set in two route-map terms */
	struct filter t2 = {0};
	add(&t2, 0, "10.0.0.0/17", 0, 32, false);
	add(&t2, 1, "10.0.0.0/16", 0, 32, false);
	assert_int_equal(compare(&a, &t2, &d), 0);
}

static void test_deny_before_permit(void **state)
{
	(void)state;
	struct filter a = {0}, b = {0};
	struct ecrc_pfx_diff *d;
	char s[64];
	add(&a, 0, "10.0.0.0/16", 0, 32, false);
	add(&b, 0, "10.0.5.0/24", 0, 32, true);
	add(&b, 0, "10.0.0.0/16", 0, 32, false);
	assert_int_equal(compare(&a, &b, &d), 1);
	ecrc_pfx_diff_format(&d[0], s, sizeof s);
	assert_string_equal(s, "10.0.5.0/24 le 32");
	assert_true(d[0].a_accepts);
	assert_int_equal(d[0].who_a, 1);
	assert_int_equal(d[0].who_b, 1); /* the deny entry passed it on */
	free(d);
	/* the same deny after the permit changes nothing */
	struct filter c = {0};
	add(&c, 0, "10.0.0.0/16", 0, 32, false);
	add(&c, 0, "10.0.5.0/24", 0, 32, true);
	assert_int_equal(compare(&a, &c, &d), 0);
	/* a deny entry only passes the route on: a later term can still
	 * permit it, so this is the whole /16 again */
	struct filter e = {0};
	add(&e, 0, "10.0.5.0/24", 0, 32, true);
	add(&e, 0, "10.0.0.0/16", 0, 32, false);
	add(&e, 1, "10.0.5.0/24", 0, 32, false);
	assert_int_equal(compare(&a, &e, &d), 0);
	/* a deny term before the permit term takes the routes away */
	struct filter g = {0};
	add(&g, 0, "10.0.5.0/24", 0, 32, false);
	g.t[0].deny = true;
	add(&g, 1, "10.0.0.0/16", 0, 32, false);
	assert_int_equal(compare(&a, &g, &d), 1);
	free(d);
}

static void test_narrowed(void **state)
{
	(void)state;
	struct filter a = {0}, b = {0};
	struct ecrc_pfx_diff *d;
	add(&a, 0, "10.0.0.0/16", 0, 32, false);
	add(&b, 0, "10.0.0.0/24", 0, 0, false);
	size_t n = compare(&a, &b, &d);
	/* /16 itself, one sibling subtree per level down to /24 (8 of them,
	 * every length), the /24's own children (every length) */
	assert_true(n > 8);
	for (size_t i = 0; i < n; i++) {
		assert_true(d[i].a_accepts);
		assert_true(ecrc_pfx_range_holds(net("10.0.0.0/16"), 0, 32, d[i].node));
		/* 10.0.0.0/24 itself is in neither */
		assert_false(ecrc_ipnet_equal(d[i].node, net("10.0.0.0/24")) && d[i].lo == 24);
	}
	free(d);
}

/* A /8 with every length is 2^25 prefixes; the walk visits a few nodes. */
static void test_large_sets_cheap(void **state)
{
	(void)state;
	struct filter a = {0}, b = {0};
	struct ecrc_pfx_diff *d;
	char s[64];
	add(&a, 0, "10.0.0.0/8", 0, 32, false);
	add(&b, 0, "10.0.0.0/8", 0, 31, false);
	assert_int_equal(compare(&a, &b, &d), 1);
	ecrc_pfx_diff_format(&d[0], s, sizeof s);
	assert_string_equal(s, "10.0.0.0/8 ge 32");
	free(d);
	/* accepting everything against nothing: one region */
	struct filter all = {0}, none = {0};
	all.t[0].all = true;
	all.f.n = 1;
	assert_int_equal(compare(&all, &none, &d), 1);
	ecrc_pfx_diff_format(&d[0], s, sizeof s);
	assert_string_equal(s, "0.0.0.0/0 le 32");
	free(d);
	/* a mask: only what the range holds */
	struct filter w = {0};
	add(&w, 0, "10.0.0.0/8", 0, 32, false);
	struct ecrc_pfx_entry m = {net("10.1.0.0/16"), 0, 24, false, 0};
	w.f.terms = w.t;
	none.f.terms = none.t;
	assert_int_equal(ecrc_pfx_compare(&w.f, &none.f, &m, 0, &d), 1);
	ecrc_pfx_diff_format(&d[0], s, sizeof s);
	assert_string_equal(s, "10.1.0.0/16 le 24");
	free(d);
}

/* ---- random filters against brute force ---------------------------------- */

static uint32_t seed_state;

static uint32_t rnd(uint32_t n)
{
	seed_state = seed_state * 1103515245u + 12345u;
	return (seed_state >> 8) % n;
}

/* An independent evaluator for the brute force: the semantics of
 * prefix_set.h written out once more. */
static bool in_range(const struct ecrc_pfx_entry *e, struct ecrc_ipnet q)
{
	uint32_t m = e->prefix.len ? 0xffffffffu << (32 - e->prefix.len) : 0;
	if (q.len < e->prefix.len || ((q.addr ^ e->prefix.addr) & m))
		return false;
	unsigned lo = e->ge ? e->ge : e->prefix.len, hi = e->le ? e->le : e->ge ? 32 : e->prefix.len;
	return q.len >= lo && q.len <= hi;
}

static bool brute(const struct filter *f, struct ecrc_ipnet q)
{
	for (size_t t = 0; t < f->f.n; t++) {
		if (f->t[t].all)
			return !f->t[t].deny;
		for (size_t k = 0; k < f->t[t].n; k++)
			if (in_range(&f->t[t].entries[k], q)) {
				if (!f->t[t].entries[k].deny)
					return !f->t[t].deny;
				break;
			}
	}
	return f->f.default_accept;
}

/* Up to four terms of up to six entries inside 10.0.0.0/14, lengths
 * 14..20, ranges within 14..22 (never "ge" alone, which reaches /32,
 * outside the brute force), deny entries and deny terms, sometimes a
 * default of accept (then the brute force must see lengths 23..32 too:
 * it checks them through one representative per length). */
static void random_filter(struct filter *f)
{
	memset(f, 0, sizeof *f);
	size_t terms = 1 + rnd(4);
	for (size_t t = 0; t < terms; t++) {
		size_t n = rnd(7);
		f->t[t].deny = rnd(4) == 0;
		f->t[t].who = (uint32_t)(100 + t);
		f->t[t].entries = f->e[t];
		if (n == 0 && rnd(2)) {
			f->t[t].all = true;
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			uint8_t len = (uint8_t)(14 + rnd(7));
			uint32_t addr = (10u << 24) | (rnd(1u << (len - 14)) << (32 - len));
			struct ecrc_pfx_entry *r = &f->e[t][i];
			*r = (struct ecrc_pfx_entry){
			    {addr, len}, 0, 0, rnd(4) == 0, (uint32_t)(t * 10 + i + 1)};
			switch (rnd(3)) {
			case 0: /* exact */
				break;
			case 1: /* le */
				r->le = (uint8_t)(len + rnd(23 - len));
				break;
			default: /* ge le */
				r->ge = (uint8_t)(len + rnd(23 - len));
				r->le = (uint8_t)(r->ge + rnd(23 - r->ge));
				break;
			}
		}
		f->t[t].n = n;
	}
	f->f.n = terms;
	f->f.terms = f->t;
	f->f.default_accept = rnd(8) == 0;
}

static void test_random_against_brute_force(void **state)
{
	(void)state;
	/* every prefix of 10.0.0.0/14 of length 14..22: 511; beyond, one
	 * prefix per length (every entry stops at /22 and inside the /14) */
	static struct ecrc_ipnet universe[600];
	size_t nu = 0;
	for (uint8_t len = 14; len <= 22; len++)
		for (uint32_t k = 0; k < (1u << (len - 14)); k++)
			universe[nu++] = (struct ecrc_ipnet){(10u << 24) | (k << (32 - len)), len};
	for (uint8_t len = 23; len <= 32; len++)
		universe[nu++] = (struct ecrc_ipnet){10u << 24, len};
	for (uint32_t seed = 1; seed <= 3000; seed++) {
		struct filter a, b;
		struct ecrc_pfx_diff *d;
		seed_state = seed;
		random_filter(&a);
		random_filter(&b);
		size_t n = ecrc_pfx_compare(&a.f, &b.f, NULL, 0, &d);
		assert_true(n != SIZE_MAX);
		for (size_t u = 0; u < nu; u++) {
			uint32_t who;
			bool x = brute(&a, universe[u]), y = brute(&b, universe[u]);
			assert_int_equal(ecrc_pfx_accepts(&a.f, universe[u], &who), x);
			size_t in = 0;
			for (size_t i = 0; i < n; i++)
				if (ecrc_ipnet_contains(d[i].node, universe[u]) &&
				    universe[u].len >= d[i].lo && universe[u].len <= d[i].hi) {
					in++;
					assert_int_equal(d[i].a_accepts, x);
				}
			if (in > 1)
				fail_msg("seed %u: a prefix in %zu regions", seed, in);
			if ((x != y) != (in == 1))
				fail_msg("seed %u: prefix of length %u: filters %s, regions %s", seed,
				         universe[u].len, x != y ? "differ" : "agree",
				         in ? "say they differ" : "say they agree");
		}
		/* every region, inside the universe or not: each of its
		 * lengths really differs there */
		for (size_t i = 0; i < n; i++)
			for (unsigned len = d[i].lo; len <= d[i].hi; len++) {
				struct ecrc_ipnet q = {d[i].node.addr, (uint8_t)len};
				if (brute(&a, q) == brute(&b, q) || brute(&a, q) != d[i].a_accepts)
					fail_msg("seed %u: region %zu does not differ at length %u", seed, i,
					         len);
			}
		free(d);
	}
}

/* The work is bounded: thousands of long prefixes under thousands of
 * terms with the same broad range stop at the budget, not after minutes. */
static void test_budget(void **state)
{
	(void)state;
	enum { N = 3000 };
	struct ecrc_pfx_entry *e = calloc(2 * N, sizeof(*e));
	struct ecrc_pfx_term *t = calloc(N + 1, sizeof(*t));
	for (size_t i = 0; i < N; i++) {
		e[i] = (struct ecrc_pfx_entry){{(10u << 24) | ((uint32_t)i << 8), 24}, 0, 32, false, 1};
		e[N + i] = (struct ecrc_pfx_entry){{10u << 24, 8}, 0, 32, true, 2};
		t[i] = (struct ecrc_pfx_term){.entries = &e[N + i], .n = 1};
	}
	t[N] = (struct ecrc_pfx_term){.entries = e, .n = N};
	struct ecrc_pfx_filter heavy = {t, N + 1, false}, none = {0};
	struct ecrc_pfx_diff *d;
	assert_int_equal(ecrc_pfx_compare(&heavy, &none, NULL, 1u << 20, &d), SIZE_MAX);
	assert_null(d);
	/* the same long prefixes in one plain list: well within it */
	struct ecrc_pfx_filter plain = {&t[N], 1, false};
	size_t n = ecrc_pfx_compare(&plain, &none, NULL, 1u << 24, &d);
	assert_true(n != SIZE_MAX && n > 0);
	free(d);
	free(e);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_same_set_other_entries),
	    cmocka_unit_test(test_deny_before_permit),
	    cmocka_unit_test(test_narrowed),
	    cmocka_unit_test(test_large_sets_cheap),
	    cmocka_unit_test(test_random_against_brute_force),
	    cmocka_unit_test(test_budget),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
