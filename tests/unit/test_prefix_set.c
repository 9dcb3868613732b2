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

struct rule {
	struct ecrc_ipnet p;
	uint8_t ge, le;
	bool deny;
};

struct filter {
	struct rule r[16];
	size_t n;
};

/* first match decides; no match: reject */
static bool eval(void *ctx, struct ecrc_ipnet q, uint32_t *who)
{
	const struct filter *f = ctx;
	for (size_t i = 0; i < f->n; i++)
		if (ecrc_pfx_range_holds(f->r[i].p, f->r[i].ge, f->r[i].le, q)) {
			*who = (uint32_t)i + 1;
			return !f->r[i].deny;
		}
	*who = 0;
	return false;
}

static struct ecrc_ipnet net(const char *s)
{
	struct ecrc_ipnet n;
	assert_true(ecrc_parse_ipnet(s, &n));
	return n;
}

static void add(struct filter *f, const char *p, uint8_t ge, uint8_t le, bool deny)
{
	f->r[f->n++] = (struct rule){net(p), ge, le, deny};
}

static size_t compare(struct filter *a, struct filter *b, struct ecrc_pfx_diff **d)
{
	struct ecrc_ipnet cuts[32];
	size_t n = 0;
	for (size_t i = 0; i < a->n; i++)
		cuts[n++] = a->r[i].p;
	for (size_t i = 0; i < b->n; i++)
		cuts[n++] = b->r[i].p;
	return ecrc_pfx_compare(cuts, n, eval, a, eval, b, d);
}

static void test_same_set_other_entries(void **state)
{
	(void)state;
	struct filter a = {0}, b = {0};
	struct ecrc_pfx_diff *d;
	add(&a, "10.0.0.0/16", 0, 32, false);
	add(&b, "10.0.1.0/24", 0, 0, false);
	add(&b, "10.0.0.0/17", 0, 32, false);
	add(&b, "10.0.128.0/17", 0, 32, false);
	add(&b, "10.0.0.0/16", 0, 0, false);
	assert_int_equal(compare(&a, &b, &d), 0);
	assert_null(d);
	/* ge 16 le 32 is le 32 on a /16 */
	struct filter c = {0};
	add(&c, "10.0.0.0/16", 16, 32, false);
	assert_int_equal(compare(&a, &c, &d), 0);
}

static void test_deny_before_permit(void **state)
{
	(void)state;
	struct filter a = {0}, b = {0};
	struct ecrc_pfx_diff *d;
	char s[64];
	add(&a, "10.0.0.0/16", 0, 32, false);
	add(&b, "10.0.5.0/24", 0, 32, true);
	add(&b, "10.0.0.0/16", 0, 32, false);
	assert_int_equal(compare(&a, &b, &d), 1);
	ecrc_pfx_diff_format(&d[0], s, sizeof s);
	assert_string_equal(s, "10.0.5.0/24 le 32");
	assert_true(d[0].a_accepts);
	assert_int_equal(d[0].who_a, 1);
	assert_int_equal(d[0].who_b, 1); /* the deny entry decided */
	free(d);
	/* the same deny after the permit changes nothing */
	struct filter c = {0};
	add(&c, "10.0.0.0/16", 0, 32, false);
	add(&c, "10.0.5.0/24", 0, 32, true);
	assert_int_equal(compare(&a, &c, &d), 0);
}

static void test_narrowed(void **state)
{
	(void)state;
	struct filter a = {0}, b = {0};
	struct ecrc_pfx_diff *d;
	add(&a, "10.0.0.0/16", 0, 32, false);
	add(&b, "10.0.0.0/24", 0, 0, false);
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
	add(&a, "10.0.0.0/8", 0, 32, false);
	add(&b, "10.0.0.0/8", 0, 31, false);
	assert_int_equal(compare(&a, &b, &d), 1);
	ecrc_pfx_diff_format(&d[0], s, sizeof s);
	assert_string_equal(s, "10.0.0.0/8 ge 32");
	free(d);
	/* accepting everything against nothing: one region */
	struct filter all = {0}, none = {0};
	add(&all, "0.0.0.0/0", 0, 32, false);
	assert_int_equal(compare(&all, &none, &d), 1);
	ecrc_pfx_diff_format(&d[0], s, sizeof s);
	assert_string_equal(s, "0.0.0.0/0 le 32");
	free(d);
}

/* ---- random filters against brute force ---------------------------------- */

static uint32_t seed_state;

static uint32_t rnd(uint32_t n)
{
	seed_state = seed_state * 1103515245u + 12345u;
	return (seed_state >> 8) % n;
}

/* A rule inside 10.0.0.0/14, lengths 14..20, its range within 14..22 and
 * never "ge alone" (which would reach /32, outside the brute force). */
static void random_filter(struct filter *f)
{
	f->n = 1 + rnd(6);
	for (size_t i = 0; i < f->n; i++) {
		uint8_t len = (uint8_t)(14 + rnd(7));
		uint32_t addr = (10u << 24) | (rnd(1u << (len - 14)) << (32 - len));
		struct rule *r = &f->r[i];
		r->p = (struct ecrc_ipnet){addr, len};
		r->deny = rnd(4) == 0;
		switch (rnd(3)) {
		case 0: /* exact */
			r->ge = r->le = 0;
			break;
		case 1: /* le */
			r->ge = 0;
			r->le = (uint8_t)(len + rnd(23 - len));
			break;
		default: /* ge le */
			r->ge = (uint8_t)(len + rnd(23 - len));
			r->le = (uint8_t)(r->ge + rnd(23 - r->ge));
			break;
		}
	}
}

static void test_random_against_brute_force(void **state)
{
	(void)state;
	/* every prefix of 10.0.0.0/14 of length 14..22: 511 */
	static struct ecrc_ipnet universe[512];
	size_t nu = 0;
	for (uint8_t len = 14; len <= 22; len++)
		for (uint32_t k = 0; k < (1u << (len - 14)); k++)
			universe[nu++] = (struct ecrc_ipnet){(10u << 24) | (k << (32 - len)), len};
	for (uint32_t seed = 1; seed <= 2000; seed++) {
		struct filter a = {0}, b = {0};
		struct ecrc_pfx_diff *d;
		seed_state = seed;
		random_filter(&a);
		random_filter(&b);
		size_t n = compare(&a, &b, &d);
		size_t covered = 0;
		for (size_t u = 0; u < nu; u++) {
			uint32_t w;
			bool x = eval(&a, universe[u], &w), y = eval(&b, universe[u], &w);
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
			covered += in;
		}
		/* no region outside the universe (both reject there) */
		for (size_t i = 0; i < n; i++) {
			assert_true(d[i].hi <= 22);
			assert_true(ecrc_ipnet_contains((struct ecrc_ipnet){10u << 24, 14}, d[i].node));
		}
		(void)covered;
		free(d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_same_set_other_entries),
	    cmocka_unit_test(test_deny_before_permit),
	    cmocka_unit_test(test_narrowed),
	    cmocka_unit_test(test_large_sets_cheap),
	    cmocka_unit_test(test_random_against_brute_force),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
