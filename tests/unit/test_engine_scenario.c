/*
 * test_engine_scenario.c: the engine end to end on hand-built input (the
 * reference design and variants): convergence, sessions, routes, drills,
 * determinism, the steady-state shortcut against packet-by-packet
 * simulation, and drills leaving the converged state as they found it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "test_engine_fixture.h"

static char hops[256];

static void test_reference_converges(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	struct ecrc_engine *e = fx_engine(&f);
	uint64_t t = ecrc_engine_converge(e);
	assert_true(t > 0);
	assert_true(t < 30000000); /* well within 30 s */
	assert_int_equal(ecrc_engine_n_sessions(e), 2);
	for (size_t i = 0; i < 2; i++) {
		struct ecrc_engine_session_info s;
		ecrc_engine_session(e, i, &s);
		assert_true(s.established);
		assert_null(s.reason);
		assert_int_equal(s.hold_s, 90);
		assert_int_equal(s.cpe_keepalive_s, 30);
		assert_int_equal(s.vbr_keepalive_s, 30);
		assert_int_equal(s.bfd_cpe_state, ECRC_BFD_UP);
		assert_int_equal(s.bfd_vbr_state, ECRC_BFD_UP);
		assert_int_equal(s.cpe_detect_ms, 900);
		assert_int_equal(s.vbr_detect_ms, 900);
		assert_int_equal(s.cpe_tx_ms, 300);
		assert_int_equal(s.vbr_tx_ms, 300);
	}
	assert_string_equal(fx_hops(e, "ecr-1", "192.168.0.0/16", hops, sizeof(hops)), "vbr-1,vbr-2");
	assert_string_equal(fx_hops(e, "tr-bj", "192.168.0.0/16", hops, sizeof(hops)), "ecr-1");
	assert_string_equal(fx_hops(e, "vpc-prod", "192.168.0.0/16", hops, sizeof(hops)), "tr-bj");
	assert_string_equal(fx_hops(e, "cpe1", "10.0.0.0/16", hops, sizeof(hops)), "vbr-1");
	assert_string_equal(fx_hops(e, "cpe2", "10.0.0.0/16", hops, sizeof(hops)), "vbr-2");
	struct ecrc_engine_reach r;
	assert_true(ecrc_engine_reach_dc(e, "vpc-prod", fx_net("192.168.0.0/16"), &r));
	assert_true(r.reachable);
	assert_int_equal(r.n_circuits, 2);
	assert_true(ecrc_engine_reach_vpc(e, "idc-bj", fx_net("10.0.0.0/16"), &r));
	assert_true(r.reachable);
	assert_int_equal(r.n_circuits, 2);
	ecrc_engine_free(e);
}

static void test_reference_circuit_drill(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	struct ecrc_engine *e = fx_engine(&f);
	ecrc_engine_converge(e);
	struct ecrc_engine_failure fail = { ECRC_FAIL_SILENT, "pc-bj-1" };
	struct ecrc_engine_drill_result d;
	char err[128];
	assert_int_equal(ecrc_engine_drill(e, &fail, 1, &d, err, sizeof(err)), 0);
	assert_int_equal(d.detected_by, ECRC_DETECT_BFD);
	assert_int_equal(d.detect_bound_us, 900000);
	assert_int_equal(d.detect_best_us, 600000);
	assert_true(d.detect_us >= d.detect_best_us && d.detect_us <= d.detect_bound_us);
	assert_true(d.converged_us >= d.detect_us && d.converged_us <= d.detect_bound_us);
	assert_true(d.failover_us <= d.detect_bound_us);
	assert_int_equal(d.n_detections, 2);
	for (size_t i = 0; i < d.n_detections; i++) {
		assert_int_equal(d.detections[i].by, ECRC_DETECT_BFD);
		assert_true(d.detections[i].detect_us <= 900000);
		assert_true(d.detections[i].detect_us >= 600000);
	}
	assert_true(d.reachable);
	bool ecr_seen = false;
	for (size_t i = 0; i < d.n_routes; i++) {
		if (strcmp(d.routes[i].router, "ecr-1") == 0 && d.routes[i].prefix.len == 16 &&
		    d.routes[i].prefix.addr == fx_ip("192.168.0.0")) {
			assert_int_equal(d.routes[i].n_next_hops, 1);
			assert_string_equal(d.routes[i].next_hops[0], "vbr-2");
			ecr_seen = true;
		}
	}
	assert_true(ecr_seen);
	/* the converged state is back */
	assert_string_equal(fx_hops(e, "ecr-1", "192.168.0.0/16", hops, sizeof(hops)), "vbr-1,vbr-2");
	ecrc_engine_drill_result_free(&d);
	ecrc_engine_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_converges),
		cmocka_unit_test(test_reference_circuit_drill),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
