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
	struct ecrc_engine_failure fail = {ECRC_FAIL_SILENT, "pc-bj-1"};
	struct ecrc_engine_drill_result d;
	char err[128];
	assert_int_equal(ecrc_engine_drill(e, &fail, 1, &d, err, sizeof(err)), 0);
	assert_int_equal(d.detected_by, ECRC_DETECT_BFD);
	assert_int_equal(d.detect_bound_us, 900000);
	assert_int_equal(d.detect_best_us, 600000);
	assert_true(d.detect_us >= d.detect_best_us && d.detect_us <= d.detect_bound_us);
	/* convergence is not detection: the VBR's processing comes on top
	 * (issue 12), and the traffic's outage ends with the failover */
	assert_true(d.converged_us >= d.detect_us);
	assert_true(d.failover_us > d.detect_us);
	assert_true(d.failover_us <= d.detect_bound_us + ECRC_ENGINE_CLOUD_HOP_DELAY_US);
	assert_int_equal(d.outage_us, d.failover_us);
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

/* ---- comparing drills --------------------------------------------------------------------- */

static struct ecrc_engine_drill_result drill(struct ecrc_engine *e, enum ecrc_engine_failure_kind kind,
                                             const char *target)
{
	struct ecrc_engine_failure fail = {kind, target};
	struct ecrc_engine_drill_result d;
	char err[128];
	if (ecrc_engine_drill(e, &fail, 1, &d, err, sizeof(err)) != 0)
		fail_msg("drill %s: %s", target, err);
	return d;
}

static void assert_same_drill(const struct ecrc_engine_drill_result *a,
                              const struct ecrc_engine_drill_result *b)
{
	assert_int_equal(a->fail_at_us, b->fail_at_us);
	assert_int_equal(a->detected_by, b->detected_by);
	assert_int_equal(a->detect_us, b->detect_us);
	assert_int_equal(a->detect_bound_us, b->detect_bound_us);
	assert_int_equal(a->detect_best_us, b->detect_best_us);
	assert_int_equal(a->converged_us, b->converged_us);
	assert_int_equal(a->failover_us, b->failover_us);
	assert_int_equal(a->reachable, b->reachable);
	assert_int_equal(a->n_detections, b->n_detections);
	for (size_t i = 0; i < a->n_detections; i++) {
		assert_string_equal(a->detections[i].side, b->detections[i].side);
		assert_int_equal(a->detections[i].by, b->detections[i].by);
		assert_int_equal(a->detections[i].detect_us, b->detections[i].detect_us);
	}
	assert_int_equal(a->n_routes, b->n_routes);
	for (size_t i = 0; i < a->n_routes; i++) {
		assert_string_equal(a->routes[i].router, b->routes[i].router);
		assert_true(ecrc_ipnet_equal(a->routes[i].prefix, b->routes[i].prefix));
		assert_int_equal(a->routes[i].n_next_hops, b->routes[i].n_next_hops);
		for (size_t k = 0; k < a->routes[i].n_next_hops; k++)
			assert_string_equal(a->routes[i].next_hops[k], b->routes[i].next_hops[k]);
	}
	assert_int_equal(a->n_reach, b->n_reach);
	for (size_t i = 0; i < a->n_reach; i++) {
		assert_int_equal(a->reach[i].reach.reachable, b->reach[i].reach.reachable);
		assert_int_equal(a->reach[i].reach.n_circuits, b->reach[i].reach.n_circuits);
	}
}

static const struct {
	enum ecrc_engine_failure_kind kind;
	const char *target;
} drills[] = {
    {ECRC_FAIL_SILENT, "pc-bj-1"}, {ECRC_FAIL_SILENT, "pc-bj-2"},    {ECRC_FAIL_CARRIER, "pc-bj-1"},
    {ECRC_FAIL_CPE_DOWN, "cpe2"},  {ECRC_FAIL_BGP_RESET, "cpe1-up"},
};
#define N_DRILLS (sizeof(drills) / sizeof(drills[0]))

static void check_elision(struct fx *f)
{
	struct fx g = *f;
	struct ecrc_engine *fast = fx_engine(f);
	g.opt.no_elision = true;
	struct ecrc_engine *slow = fx_engine(&g);
	ecrc_engine_converge(fast);
	ecrc_engine_converge(slow);
	for (size_t i = 0; i < N_DRILLS; i++) {
		struct ecrc_engine_drill_result a = drill(fast, drills[i].kind, drills[i].target);
		struct ecrc_engine_drill_result b = drill(slow, drills[i].kind, drills[i].target);
		assert_same_drill(&a, &b);
		/* and the shortcut is what makes drills cheap */
		assert_true(a.events < b.events);
		ecrc_engine_drill_result_free(&a);
		ecrc_engine_drill_result_free(&b);
	}
	ecrc_engine_free(fast);
	ecrc_engine_free(slow);
}

/* Skipping the periodic packets of steady sessions gives exactly what
 * packet-by-packet simulation gives, for every kind of failure, with BFD,
 * with the hold timer alone, and with a circuit delay. */
static void test_elision_is_exact(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	check_elision(&f);
	fx_reference(&f);
	f.vbrs[0].bfd.enabled = false; /* one-sided: the hold timer */
	f.opt.seed = 7;
	check_elision(&f);
	fx_reference(&f);
	f.opt.link_delay_us = 1500;
	f.opt.hop_delay =
	    (struct ecrc_engine_hop_delay){.cpe_us = 200, .vbr_us = 300, .ecr_us = 400, .tr_us = 500};
	check_elision(&f);
}

/* A drill leaves the converged state as it found it: the same drill after
 * others gives the same result as on a fresh engine. */
static void test_drills_independent(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	struct ecrc_engine *e = fx_engine(&f);
	ecrc_engine_converge(e);
	struct ecrc_engine_drill_result first[N_DRILLS];
	for (size_t i = 0; i < N_DRILLS; i++)
		first[i] = drill(e, drills[i].kind, drills[i].target);
	for (size_t i = N_DRILLS; i-- > 0;) {
		struct ecrc_engine_drill_result again = drill(e, drills[i].kind, drills[i].target);
		assert_same_drill(&first[i], &again);
		ecrc_engine_drill_result_free(&again);
		struct ecrc_engine *fresh = fx_engine(&f);
		ecrc_engine_converge(fresh);
		struct ecrc_engine_drill_result alone = drill(fresh, drills[i].kind, drills[i].target);
		assert_same_drill(&first[i], &alone);
		ecrc_engine_drill_result_free(&alone);
		ecrc_engine_free(fresh);
	}
	for (size_t i = 0; i < N_DRILLS; i++)
		ecrc_engine_drill_result_free(&first[i]);
	assert_string_equal(fx_hops(e, "ecr-1", "192.168.0.0/16", hops, sizeof(hops)), "vbr-1,vbr-2");
	assert_string_equal(fx_hops(e, "cpe1", "10.0.0.0/16", hops, sizeof(hops)), "vbr-1");
	ecrc_engine_free(e);
}

static void test_two_failures(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	struct ecrc_engine *e = fx_engine(&f);
	ecrc_engine_converge(e);
	struct ecrc_engine_failure both[] = {{ECRC_FAIL_SILENT, "pc-bj-1"}, {ECRC_FAIL_SILENT, "pc-bj-2"}};
	struct ecrc_engine_drill_result d;
	char err[64];
	assert_int_equal(ecrc_engine_drill(e, both, 2, &d, err, sizeof(err)), 0);
	assert_int_equal(d.n_detections, 4);
	assert_false(d.reachable); /* nothing is left */
	for (size_t i = 0; i < d.n_reach; i++)
		assert_false(d.reach[i].reach.reachable);
	ecrc_engine_drill_result_free(&d);
	ecrc_engine_free(e);
}

static void test_active_standby(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	f.cpes[1].prepend[0] = 65004;
	f.cpes[1].prepend[1] = 65004;
	f.cpes[1].term.n_prepend = 2;
	struct ecrc_engine *e = fx_engine(&f);
	ecrc_engine_converge(e);
	struct ecrc_engine_route r;
	assert_true(ecrc_engine_route(e, "ecr-1", fx_net("192.168.0.0/16"), false, &r));
	assert_int_equal(r.n_next_hops, 1);
	assert_string_equal(r.next_hops[0], "vbr-1");
	assert_string_equal(r.as_path, "65003");
	struct ecrc_engine_drill_result d = drill(e, ECRC_FAIL_SILENT, "pc-bj-1");
	bool moved = false;
	for (size_t i = 0; i < d.n_routes; i++)
		if (strcmp(d.routes[i].router, "ecr-1") == 0 && d.routes[i].n_next_hops == 1 &&
		    strcmp(d.routes[i].next_hops[0], "vbr-2") == 0)
			moved = true;
	assert_true(moved);
	assert_true(d.reachable);
	ecrc_engine_drill_result_free(&d);
	/* the standby's route reaches the ECR; the VBR of the primary prefers
	 * its own CPE's route, the standby's VBR the shorter one via the ECR */
	assert_true(ecrc_engine_route(e, "vbr-2", fx_net("192.168.0.0/16"), false, &r));
	assert_string_equal(r.next_hops[0], "ecr-1");
	ecrc_engine_free(e);
}

static void test_accepts_everything(void **state)
{
	(void)state;
	/* both CPEs accept anything: the one whose route the ECR does not
	 * prefer learns its own prefix back over the other circuit */
	struct fx f;
	fx_reference(&f);
	for (int i = 0; i < 2; i++)
		f.cpes[i].in_entries[0] =
		    (struct ecrc_ir_prefix_entry){.prefix = fx_net("0.0.0.0/0"), .le = 32};
	struct ecrc_engine *e = fx_engine(&f);
	ecrc_engine_converge(e);
	struct eng *x = eng_of(e);
	struct eng_router *cpe2 = eng_router_find(x, "cpe2");
	int32_t id = eng_prefix_find(x, fx_net("192.168.0.0/16"));
	struct eng_rib_entry *en = eng_rib_get(&cpe2->rib, (uint32_t)id);
	assert_non_null(en);
	assert_int_equal(en->n_paths, 2); /* its anchor, and the route back */
	bool back = false;
	for (uint32_t i = 0; i < en->n_paths; i++)
		if (en->paths[i].from) {
			char buf[64];
			assert_string_equal(eng_aspath_text(en->paths[i].attrs->as_path, buf, sizeof(buf)),
			                    "64512 65003");
			back = true;
		}
	assert_true(back);
	/* the anchor still wins */
	assert_null(en->paths[en->best].from);
	/* cpe1 sees its own AS in the path of cpe2's copy: a loop, dropped */
	struct eng_router *cpe1 = eng_router_find(x, "cpe1");
	en = eng_rib_get(&cpe1->rib, (uint32_t)id);
	assert_int_equal(en->n_paths, 1);
	ecrc_engine_free(e);
}

static void test_allowed_prefix(void **state)
{
	(void)state;
	/* the TR advertises the allowed 10.0.0.0/8 instead of the VPC's /16 */
	struct fx f;
	fx_reference(&f);
	struct ecrc_ipnet allowed = fx_net("10.0.0.0/8");
	for (int i = 0; i < 2; i++)
		f.cpes[i].in_entries[0] =
		    (struct ecrc_ir_prefix_entry){.prefix = fx_net("10.0.0.0/8"), .le = 16};
	fx_link(&f);
	f.ecr_tr.allowed = &allowed;
	f.ecr_tr.n_allowed = 1;
	char err[64];
	struct ecrc_engine *e = ecrc_engine_new(&f.m, &f.opt, err, sizeof(err));
	assert_non_null(e);
	ecrc_engine_converge(e);
	struct ecrc_engine_route r;
	assert_true(ecrc_engine_route(e, "cpe1", fx_net("10.0.0.0/16"), true, &r));
	assert_true(r.present);
	assert_int_equal(r.prefix.len, 8);
	assert_true(ecrc_engine_route(e, "ecr-1", fx_net("10.0.0.0/16"), false, &r));
	assert_false(r.present); /* the specific route is replaced */
	struct ecrc_engine_reach reach;
	assert_true(ecrc_engine_reach_vpc(e, "idc-bj", fx_net("10.0.0.0/16"), &reach));
	assert_true(reach.reachable);
	ecrc_engine_free(e);
}

static void test_tr_default_policy(void **state)
{
	(void)state;
	/* two ECRs on one TR: the default priority-5000 reject keeps the data
	 * center routes of one from the other; a permit policy lets them through */
	for (int permit = 0; permit < 2; permit++) {
		struct fx f;
		fx_reference(&f);
		f.vbrs[1].ecr_id = "ecr-2";
		f.vbrs[1].local_asn = 64513;
		f.cpes[1].nbr.remote_as = 64513;
		fx_link(&f);
		struct ecrc_engine_ecr ecrs[2] = {{"ecr-1", 64512}, {"ecr-2", 64513}};
		struct ecrc_engine_ecr_tr assoc[2] = {{"ecr-1", "tr-bj", NULL, 0},
		                                      {"ecr-2", "tr-bj", NULL, 0}};
		struct ecrc_engine_route_policy pol = {
		    "tr-bj", true, 10, true, ECRC_ENGINE_ATT_ECR, ECRC_ENGINE_ATT_ECR};
		f.m.ecrs = ecrs;
		f.m.n_ecrs = 2;
		f.m.ecr_trs = assoc;
		f.m.n_ecr_trs = 2;
		f.m.policies = &pol;
		f.m.n_policies = (size_t)permit;
		char err[64];
		struct ecrc_engine *e = ecrc_engine_new(&f.m, &f.opt, err, sizeof(err));
		assert_non_null(e);
		ecrc_engine_converge(e);
		/* the TR ECMPs over both ECRs either way */
		assert_string_equal(fx_hops(e, "tr-bj", "192.168.0.0/16", hops, sizeof(hops)), "ecr-1,ecr-2");
		struct ecrc_engine_route r;
		assert_true(ecrc_engine_route(e, "ecr-2", fx_net("192.168.0.0/16"), false, &r));
		assert_string_equal(r.next_hops[0], "vbr-2");
		/* the TR's best is ecr-1's (the lower node id); ecr-2 learns it
		 * through the TR only with the permit */
		struct eng *x = eng_of(e);
		struct eng_rib_entry *en =
		    eng_rib_get(&eng_router_find(x, "ecr-2")->rib,
		                (uint32_t)eng_prefix_find(x, fx_net("192.168.0.0/16")));
		assert_int_equal(en->n_paths, permit ? 2 : 1);
		ecrc_engine_free(e);
	}
}

static void test_uplink_without_vbr(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	f.cpes[1].nbr.vbr_id = NULL;
	f.n_cpes = 2;
	struct ecrc_engine *e = fx_engine(&f);
	ecrc_engine_converge(e);
	struct ecrc_engine_session_info s;
	ecrc_engine_session(e, 1, &s);
	assert_false(s.established);
	assert_string_equal(s.reason, "no VBR pairs with this uplink");
	assert_string_equal(fx_hops(e, "ecr-1", "192.168.0.0/16", hops, sizeof(hops)), "vbr-1");
	ecrc_engine_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reference_converges), cmocka_unit_test(test_reference_circuit_drill),
	    cmocka_unit_test(test_elision_is_exact),    cmocka_unit_test(test_drills_independent),
	    cmocka_unit_test(test_two_failures),        cmocka_unit_test(test_active_standby),
	    cmocka_unit_test(test_accepts_everything),  cmocka_unit_test(test_allowed_prefix),
	    cmocka_unit_test(test_tr_default_policy),   cmocka_unit_test(test_uplink_without_vbr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
