/*
 * test_timers.c: the RFC timer arithmetic that lint and the engine share
 * (common/timers.c), table-driven: BFD transmit intervals and detection
 * times (RFC 5880 6.8.2, 6.8.4, 6.8.7) with asymmetric intervals and a
 * multiplier of 1, the jitter range and detection windows; BGP hold and
 * keepalive negotiation (RFC 4271 4.2, 4.4, 10) with hold 0, keepalive 0,
 * keepalive above a third of the hold time, and the smallest hold times.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/common.h"

#define MS 1000ull

struct bfd_case {
	const char *what;
	struct ecrc_bfd_config a, b;
	uint64_t a_tx, b_tx, a_detect, b_detect; /* ms */
	uint64_t a_best, a_bound;                /* a's window after a silent failure, ms */
};

static const struct bfd_case bfd_cases[] = {
    {"300/300/3 both ends", {300 * MS, 300 * MS, 3}, {300 * MS, 300 * MS, 3}, 300, 300, 900, 900, 600, 900},
    {"asymmetric: a fast, b slow (b's min-rx slows a down)",
     {100 * MS, 100 * MS, 3},
     {1000 * MS, 1000 * MS, 3},
     1000,
     1000,
     3000,
     3000,
     2000,
     3000},
    {"asymmetric: a sends slowly, b receives fast",
     {500 * MS, 200 * MS, 3},
     {200 * MS, 200 * MS, 3},
     500,
     200,
     600,
     1500,
     400,
     600},
    {"asymmetric multipliers: each side uses the other's",
     {200 * MS, 200 * MS, 5},
     {200 * MS, 200 * MS, 3},
     200,
     200,
     600,
     1000,
     400,
     600},
    {"multiplier 1 on b: a waits one interval; b's jitter stays within 90%",
     {300 * MS, 300 * MS, 3},
     {300 * MS, 300 * MS, 1},
     300,
     300,
     300,
     900,
     30,
     300},
    {"50 ms both ends", {50 * MS, 50 * MS, 3}, {50 * MS, 50 * MS, 3}, 50, 50, 150, 150, 100, 150},
    {"the slow rate while not Up (6.8.3)",
     {1000 * MS, 300 * MS, 3},
     {1000 * MS, 300 * MS, 3},
     1000,
     1000,
     3000,
     3000,
     2000,
     3000},
};

static void test_bfd_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bfd_cases) / sizeof(bfd_cases[0]); i++) {
		const struct bfd_case *c = &bfd_cases[i];
		struct ecrc_bfd_timers t;
		ecrc_bfd_timers(&c->a, &c->b, &t);
		print_message("%s\n", c->what);
		assert_int_equal(t.a_tx_us, c->a_tx * MS);
		assert_int_equal(t.b_tx_us, c->b_tx * MS);
		assert_int_equal(t.a_detect_us, c->a_detect * MS);
		assert_int_equal(t.b_detect_us, c->b_detect * MS);
		/* the two-argument forms say the same */
		assert_int_equal(ecrc_bfd_tx_interval_us(c->a.desired_min_tx_us, c->b.required_min_rx_us),
		                 t.a_tx_us);
		assert_int_equal(ecrc_bfd_detect_time_us(c->b.detect_mult, c->a.required_min_rx_us,
		                                         c->b.desired_min_tx_us),
		                 t.a_detect_us);
		uint64_t best, bound;
		ecrc_bfd_detect_window_us(t.a_detect_us, t.b_tx_us, c->b.detect_mult, &best, &bound);
		assert_int_equal(best, c->a_best * MS);
		assert_int_equal(bound, c->a_bound * MS);
	}
}

static void test_bfd_jitter(void **state)
{
	(void)state;
	uint64_t lo, hi;
	ecrc_bfd_jitter_range_us(300 * MS, 3, &lo, &hi);
	assert_int_equal(lo, 225 * MS); /* "reduced by a random value of 0 to 25%" */
	assert_int_equal(hi, 300 * MS);
	ecrc_bfd_jitter_range_us(300 * MS, 1, &lo, &hi);
	assert_int_equal(lo, 225 * MS); /* "no less than 75%" */
	assert_int_equal(hi, 270 * MS); /* "no more than 90%" */
	/* a window never goes below zero */
	uint64_t best, bound;
	ecrc_bfd_detect_window_us(100 * MS, 300 * MS, 3, &best, &bound);
	assert_int_equal(best, 0);
	assert_int_equal(bound, 100 * MS);
}

struct bgp_case {
	const char *what;
	uint32_t a_keepalive, a_hold, b_keepalive, b_hold;
	uint32_t hold, a_ka, b_ka;
	uint64_t a_best_ms, a_bound_ms; /* a's hold-timer window, from b's keepalive */
};

#define NEVER_MS (ECRC_TIME_NEVER / MS)

static const struct bgp_case bgp_cases[] = {
    {"30/90 both ends", 30, 90, 30, 90, 90, 30, 30, 60000, 90000},
    {"the smaller hold wins (4.2)", 30, 90, 60, 180, 90, 30, 30, 60000, 90000},
    {"10/30 against 30/90: 30 s hold, keepalives capped at 10 s", 10, 30, 30, 90, 30, 10, 10, 20000, 30000},
    {"keepalive above a third of the hold time: capped (10)", 60, 90, 30, 90, 90, 30, 30, 60000, 90000},
    {"keepalive not shorter than the hold: capped", 100, 90, 30, 90, 90, 30, 30, 60000, 90000},
    {"keepalive 0: none sent, the peer's hold timer may run out at any time", 30, 90, 0, 90, 90, 30, 0, 0,
     90000},
    {"hold 0 on one side: no hold timer, no keepalives (4.4)", 30, 0, 30, 90, 0, 0, 0, NEVER_MS, NEVER_MS},
    {"hold 0 and keepalive 0", 0, 0, 0, 0, 0, 0, 0, NEVER_MS, NEVER_MS},
    {"hold 3: keepalive 1 s, never faster (10)", 5, 3, 1, 90, 3, 1, 1, 2000, 3000},
    {"hold 4: a third rounds down to 1 s", 30, 4, 30, 4, 4, 1, 1, 3000, 4000},
};

static void test_bgp_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bgp_cases) / sizeof(bgp_cases[0]); i++) {
		const struct bgp_case *c = &bgp_cases[i];
		print_message("%s\n", c->what);
		struct ecrc_bgp_timers t;
		ecrc_bgp_timers(c->a_keepalive, c->a_hold, c->b_keepalive, c->b_hold, &t);
		assert_int_equal(t.hold_s, c->hold);
		assert_int_equal(t.a_keepalive_s, c->a_ka);
		assert_int_equal(t.b_keepalive_s, c->b_ka);
		/* symmetric: swapping the sides swaps the keepalives */
		struct ecrc_bgp_timers u;
		ecrc_bgp_timers(c->b_keepalive, c->b_hold, c->a_keepalive, c->a_hold, &u);
		assert_int_equal(u.hold_s, t.hold_s);
		assert_int_equal(u.a_keepalive_s, t.b_keepalive_s);
		assert_int_equal(u.b_keepalive_s, t.a_keepalive_s);
		uint64_t best, bound;
		ecrc_bgp_hold_window_us(t.hold_s, t.b_keepalive_s, &best, &bound);
		if (c->a_bound_ms == NEVER_MS) {
			assert_true(bound == ECRC_TIME_NEVER && best == ECRC_TIME_NEVER);
		} else {
			assert_int_equal(bound, c->a_bound_ms * MS);
			assert_int_equal(best, c->a_best_ms * MS);
		}
	}
}

static void test_hold_acceptable(void **state)
{
	(void)state;
	/* 6.2: "MUST reject Hold Time values of one or two seconds" */
	assert_true(ecrc_bgp_hold_acceptable(0));
	assert_false(ecrc_bgp_hold_acceptable(1));
	assert_false(ecrc_bgp_hold_acceptable(2));
	assert_true(ecrc_bgp_hold_acceptable(3));
	assert_true(ecrc_bgp_hold_acceptable(65535));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bfd_table),
	    cmocka_unit_test(test_bfd_jitter),
	    cmocka_unit_test(test_bgp_table),
	    cmocka_unit_test(test_hold_acceptable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
