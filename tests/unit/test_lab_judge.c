/*
 * test_lab_judge.c: the lab's agreement rule (docs/lab.md, "When a drill
 * agrees with the engine"), without FRR: measured drills are built by
 * hand and judged against hand-made predictions. The point of the rule is
 * that a wrong engine fails it, so most cases here are wrong engines: every
 * bound doubled, every bound halved, the wrong detector, a late or early
 * ECR, routes after the failure that differ.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lab/lab.h"

static struct ecrc_ipnet net(const char *s)
{
	struct ecrc_ipnet n;
	assert_true(ecrc_parse_ipnet(s, &n));
	return n;
}

/* The reference design's pc-bj-1 drill: BFD 300 x 3 on both sides, window
 * [600, 900] ms per side; after it ecr-1 uses vbr-2 alone and cpe1 has no
 * cloud route. */
struct fixture {
	const char *ecr_before[2], *ecr_after_engine[1], *ecr_after_frr[2];
	struct ecrc_lab_route x_after[2], m_after[2];
	struct ecrc_lab_expect_drill x;
	struct ecrc_lab_drill d;
	struct ecrc_lab_result res;
};

static void setup(struct fixture *f)
{
	memset(f, 0, sizeof *f);
	f->ecr_after_engine[0] = "vbr-2";
	f->ecr_after_frr[0] = "vbr-2";
	f->x_after[0] = (struct ecrc_lab_route){"ecr-1", net("192.168.0.0/16"), f->ecr_after_engine, 1};
	f->x_after[1] = (struct ecrc_lab_route){"cpe1", net("10.0.1.0/24"), NULL, 0};
	f->m_after[0] = (struct ecrc_lab_route){"ecr-1", net("192.168.0.0/16"), f->ecr_after_frr, 1};
	f->m_after[1] = (struct ecrc_lab_route){"cpe1", net("10.0.1.0/24"), NULL, 0};
	f->x = (struct ecrc_lab_expect_drill){
	    .name = "pc-bj-1",
	    .detected_by = "bfd",
	    .detect_ms = 812,
	    .detect_best_ms = 600,
	    .detect_bound_ms = 900,
	    .converged_ms = 932,
	    .cpe = {"bfd", 812, 600, 900},
	    .vbr = {"bfd", 830, 600, 900},
	    .routes_after = f->x_after,
	    .n_routes_after = 2,
	};
	f->d = (struct ecrc_lab_drill){
	    .name = "pc-bj-1",
	    .detected_by = "bfd",
	    .cpe_detect_ms = 719,
	    .vbr_detect_ms = 730,
	    .detect_ms = 719,
	    .converged_ms = 850,
	    .ecr_converged_ms = 850,
	    .drop_ms = 30,
	    .poll_max_ms = 20,
	    .recovered_ms = 2000,
	    .expect = &f->x,
	    .routes_after = f->m_after,
	    .n_routes_after = 2,
	};
	f->res.ok = true;
}

static const struct ecrc_verify_check *find_check(const struct fixture *f, const char *kind)
{
	for (size_t i = 0; i < f->res.checks.n; i++)
		if (strcmp(f->res.checks.v[i].check, kind) == 0)
			return &f->res.checks.v[i];
	return NULL;
}

/* Judges and returns whether the drill agreed; the `drill` check says the
 * same as d->agrees, and so does res->ok. */
static bool judge(struct fixture *f)
{
	ecrc_lab_judge_drill(&f->d, &f->res);
	const struct ecrc_verify_check *c = find_check(f, "drill");
	assert_non_null(c);
	assert_int_equal(c->ok, f->d.agrees);
	assert_int_equal(f->res.ok, f->d.agrees);
	return f->d.agrees;
}

static void teardown(struct fixture *f)
{
	ecrc_verify_checks_free(&f->res.checks);
	ecrc_arena_free(f->res.checks.arena); /* the result owns it (lab.h) */
}

static void test_measured_inside_every_window_agrees(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	assert_true(judge(&f));
	const struct ecrc_verify_check *r = find_check(&f, "drill-routes");
	assert_non_null(r);
	assert_true(r->ok);
	assert_non_null(strstr(r->message, "2 of 2 routes after the failure equal"));
	teardown(&f);
}

/* Issue 12: "an engine with every bound doubled would pass". */
static void test_engine_with_bounds_doubled_disagrees(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.x.cpe.best_ms = f.x.vbr.best_ms = 1200;
	f.x.cpe.bound_ms = f.x.vbr.bound_ms = 1800;
	f.x.detect_best_ms = 1200;
	f.x.detect_bound_ms = 1800;
	assert_false(judge(&f));
	assert_non_null(strstr(find_check(&f, "drill")->message, "a side outside its window"));
	teardown(&f);
}

static void test_engine_with_bounds_halved_disagrees(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.x.cpe.best_ms = f.x.vbr.best_ms = 300;
	f.x.cpe.bound_ms = f.x.vbr.bound_ms = 450;
	assert_false(judge(&f));
	teardown(&f);
}

/* Only one side wrong is enough: per side, not the first detection. */
static void test_one_side_outside_disagrees(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.x.vbr.best_ms = 400; /* an engine that thinks the VBR detects in [400, 600] */
	f.x.vbr.bound_ms = 600;
	assert_false(judge(&f));
	teardown(&f);
}

static void test_other_detector_disagrees(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.x.detected_by = "hold-timer";
	assert_false(judge(&f));
	assert_non_null(strstr(find_check(&f, "drill")->message, "the engine says hold-timer"));
	teardown(&f);
}

/* The slack is the measurement's grain (longest round + drop time) plus a
 * tenth of the window: at the edge it agrees, one millisecond past it not. */
static void test_slack_edge(void **state)
{
	(void)state;
	struct fixture f;
	/* slack = 20 + 30 + (900 - 600) / 10 = 80: [520, 980] */
	setup(&f);
	f.d.cpe_detect_ms = 980;
	f.d.ecr_converged_ms = 1000;
	assert_true(judge(&f));
	teardown(&f);
	setup(&f);
	f.d.cpe_detect_ms = 981;
	assert_false(judge(&f));
	teardown(&f);
	setup(&f);
	f.d.vbr_detect_ms = 520;
	f.d.ecr_converged_ms = 640;
	assert_true(judge(&f));
	teardown(&f);
	setup(&f);
	f.d.vbr_detect_ms = 519;
	assert_false(judge(&f));
	teardown(&f);
}

/* A 50 ms design: the slack shrinks with the interval (5 ms of it), so a
 * 300 ms engine on a 50 ms design cannot pass. */
static void test_slack_scales_with_interval(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.x.cpe = (struct ecrc_lab_expect_side){"bfd", 120, 100, 150};
	f.x.vbr = f.x.cpe;
	f.d.poll_max_ms = 10;
	f.d.drop_ms = 5;
	f.d.cpe_detect_ms = 170; /* 150 + 10 + 5 + 5 */
	f.d.vbr_detect_ms = 110;
	f.d.ecr_converged_ms = 230;
	assert_true(judge(&f));
	teardown(&f);
	setup(&f);
	f.x.cpe = (struct ecrc_lab_expect_side){"bfd", 120, 100, 150};
	f.x.vbr = f.x.cpe;
	f.d.poll_max_ms = 10;
	f.d.drop_ms = 5;
	f.d.cpe_detect_ms = 171;
	f.d.vbr_detect_ms = 110;
	f.d.ecr_converged_ms = 230;
	assert_false(judge(&f));
	teardown(&f);
}

/* Convergence is compared, not only detection: the ECR must move after
 * the VBR's window opens and within its bound plus three of the cloud's
 * processing delays. */
static void test_ecr_convergence_outside_disagrees(void **state)
{
	(void)state;
	struct fixture f;
	int64_t late = 900 + 3 * (ECRC_ENGINE_CLOUD_HOP_DELAY_US / 1000) + 80;
	setup(&f);
	f.d.ecr_converged_ms = late;
	assert_true(judge(&f));
	teardown(&f);
	setup(&f);
	f.d.ecr_converged_ms = late + 1;
	assert_false(judge(&f));
	assert_non_null(strstr(find_check(&f, "drill")->message, "the ECR converged after"));
	teardown(&f);
	setup(&f);
	f.d.ecr_converged_ms = 500; /* before any side could have detected */
	assert_false(judge(&f));
	teardown(&f);
}

/* An engine whose routes after the failure are wrong (here: it keeps the
 * failed VBR in the ECMP set) disagrees even with every time right. */
static void test_routes_after_differ_disagrees(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.ecr_after_engine[0] = "vbr-1";
	assert_false(judge(&f));
	const struct ecrc_verify_check *r = find_check(&f, "drill-routes");
	assert_non_null(r);
	assert_false(r->ok);
	assert_non_null(strstr(r->message, "ecr-1 192.168.0.0/16 via vbr-2 in FRR, via vbr-1 in the engine"));
	teardown(&f);

	/* FRR still has a route the engine says is gone */
	setup(&f);
	f.m_after[1].next_hops = f.ecr_after_frr;
	f.m_after[1].n_next_hops = 1;
	assert_false(judge(&f));
	assert_non_null(
	    strstr(find_check(&f, "drill-routes")->message, "cpe1 10.0.1.0/24 via vbr-2 in FRR, no route"));
	teardown(&f);

	/* a route the lab did not read at all counts as no route */
	setup(&f);
	f.d.n_routes_after = 1;
	assert_true(judge(&f));
	teardown(&f);
}

static void test_no_prediction_disagrees(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.d.expect = NULL;
	assert_false(judge(&f));
	teardown(&f);
}

static void test_nothing_to_detect_on_both_agrees(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.d.detected_by = NULL;
	f.d.cpe_detect_ms = f.d.vbr_detect_ms = f.d.detect_ms = -1;
	f.x.detected_by = NULL;
	assert_true(judge(&f));
	teardown(&f);
	/* but not detected in FRR where the engine detects is a disagreement */
	setup(&f);
	f.d.detected_by = NULL;
	f.d.cpe_detect_ms = f.d.vbr_detect_ms = f.d.detect_ms = -1;
	assert_false(judge(&f));
	teardown(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_measured_inside_every_window_agrees),
	    cmocka_unit_test(test_engine_with_bounds_doubled_disagrees),
	    cmocka_unit_test(test_engine_with_bounds_halved_disagrees),
	    cmocka_unit_test(test_one_side_outside_disagrees),
	    cmocka_unit_test(test_other_detector_disagrees),
	    cmocka_unit_test(test_slack_edge),
	    cmocka_unit_test(test_slack_scales_with_interval),
	    cmocka_unit_test(test_ecr_convergence_outside_disagrees),
	    cmocka_unit_test(test_routes_after_differ_disagrees),
	    cmocka_unit_test(test_no_prediction_disagrees),
	    cmocka_unit_test(test_nothing_to_detect_on_both_agrees),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
