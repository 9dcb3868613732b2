/*
 * test_engine_bgp.c: the BGP session: the FSM state by state (RFC 4271 8),
 * the OPEN checks (peer AS, hold time), hold time and keepalive
 * negotiation, MD5 on one side only, the hold timer as the detector without
 * BFD, maximum-prefix, the VBR route quota, resets, carrier loss, a CPE
 * that stops.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "test_engine_fixture.h"

#define SEC 1000000ull

static struct ecrc_engine *converged(struct fx *f)
{
	struct ecrc_engine *E = fx_engine(f);
	ecrc_engine_converge(E);
	return E;
}

static void session(struct ecrc_engine *E, size_t i, struct ecrc_engine_session_info *s)
{
	assert_true(i < ecrc_engine_n_sessions(E));
	ecrc_engine_session(E, i, s);
}

/* ---- negotiation -------------------------------------------------------------------- */

static void test_reference_timers(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	struct ecrc_engine *E = converged(&f);
	struct ecrc_engine_session_info s;
	session(E, 0, &s);
	assert_true(s.established);
	assert_int_equal(s.cpe_state, ECRC_BGP_ESTABLISHED);
	assert_int_equal(s.vbr_state, ECRC_BGP_ESTABLISHED);
	assert_int_equal(s.hold_s, 90);
	assert_int_equal(s.cpe_keepalive_s, 30);
	assert_int_equal(s.vbr_keepalive_s, 30);
	ecrc_engine_free(E);
}

static void test_negotiated_smaller_hold(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	f.cpes[0].nbr.hold_s = 30;
	f.cpes[0].nbr.keepalive_s = 10;
	struct ecrc_engine *E = converged(&f);
	struct ecrc_engine_session_info s;
	session(E, 0, &s);
	assert_true(s.established);
	assert_int_equal(s.hold_s, 30);
	assert_int_equal(s.cpe_keepalive_s, 10);
	assert_int_equal(s.vbr_keepalive_s, 10); /* the VBR's 30 capped at 30/3 */
	ecrc_engine_free(E);
}

/* ---- sessions that do not come up ---------------------------------------------------------- */

static void test_bad_peer_as(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	f.vbrs[0].peer_asn = 65099; /* the VBR expects another AS than the CPE's */
	struct ecrc_engine *E = converged(&f);
	struct ecrc_engine_session_info s;
	session(E, 0, &s);
	assert_false(s.established);
	assert_non_null(s.reason);
	assert_non_null(strstr(s.reason, "OPEN from AS 65003"));
	session(E, 1, &s);
	assert_true(s.established);
	/* the ECR has only the other circuit */
	char buf[64];
	assert_string_equal(fx_hops(E, "ecr-1", "192.168.0.0/16", buf, sizeof(buf)), "vbr-2");
	ecrc_engine_free(E);

	fx_reference(&f);
	f.cpes[1].nbr.remote_as = 64513; /* the CPE expects another AS than the VBR's */
	E = converged(&f);
	session(E, 1, &s);
	assert_false(s.established);
	assert_non_null(strstr(s.reason, "expected remote AS 64513"));
	ecrc_engine_free(E);
}

static void test_md5_one_side(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	f.cpes[0].nbr.md5_key = "secret";
	struct ecrc_engine *E = converged(&f);
	struct ecrc_engine_session_info s;
	session(E, 0, &s);
	assert_false(s.established);
	assert_non_null(strstr(s.reason, "MD5"));
	ecrc_engine_free(E);

	/* on both sides it is fine */
	fx_reference(&f);
	f.cpes[0].nbr.md5_key = "secret";
	f.vbrs[0].md5 = true;
	E = converged(&f);
	session(E, 0, &s);
	assert_true(s.established);
	ecrc_engine_free(E);

	/* and on the VBR only it is not */
	fx_reference(&f);
	f.vbrs[1].md5 = true;
	E = converged(&f);
	session(E, 1, &s);
	assert_false(s.established);
	ecrc_engine_free(E);
}

static void test_unacceptable_hold(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	f.vbrs[0].hold_s = 2; /* RFC 4271 4.2: 1 and 2 are refused */
	f.vbrs[0].keepalive_s = 0;
	struct ecrc_engine *E = converged(&f);
	struct ecrc_engine_session_info s;
	session(E, 0, &s);
	assert_false(s.established);
	assert_non_null(strstr(s.reason, "hold time 2"));
	ecrc_engine_free(E);
}

static void test_no_vbr_bgp(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	f.vbrs[0].bgp = false;
	struct ecrc_engine *E = converged(&f);
	struct ecrc_engine_session_info s;
	session(E, 0, &s);
	assert_false(s.established);
	assert_string_equal(s.reason, "the VBR has no BGP peer");
	ecrc_engine_free(E);
}

/* ---- the FSM state by state ----------------------------------------------------------------------- */

struct fsm {
	struct fx f;
	struct ecrc_engine *E;
	struct eng *e;
	struct eng_bgp *cpe, *vbr;
};

static void fsm_new(struct fsm *t)
{
	fx_reference(&t->f);
	t->E = fx_engine(&t->f);
	t->e = eng_of(t->E);
	t->cpe = &t->e->circuits[0]->cpe_bgp;
	t->vbr = &t->e->circuits[0]->vbr_bgp;
}

static void test_fsm_start(void **state)
{
	(void)state;
	struct fsm t;
	fsm_new(&t);
	assert_int_equal(t.cpe->state, ECRC_BGP_IDLE);
	/* 8.2.2 Idle + ManualStart: the active side connects, the passive listens */
	eng_bgp_event(t.e, t.cpe, ENG_BGP_MANUAL_START, NULL);
	assert_int_equal(t.cpe->state, ECRC_BGP_CONNECT);
	assert_true(t.cpe->connect_retry.armed);
	eng_bgp_event(t.e, t.vbr, ENG_BGP_MANUAL_START, NULL);
	assert_int_equal(t.vbr->state, ECRC_BGP_ACTIVE);
	/* Connect + ConnectRetryTimer_Expires: stays in Connect, tries again */
	eng_bgp_event(t.e, t.cpe, ENG_BGP_CONNECT_RETRY_EXPIRES, NULL);
	assert_int_equal(t.cpe->state, ECRC_BGP_CONNECT);
	/* Connect + TcpConnectionFails: Active */
	eng_bgp_event(t.e, t.cpe, ENG_BGP_TCP_FAILS, NULL);
	assert_int_equal(t.cpe->state, ECRC_BGP_ACTIVE);
	/* Active + ConnectRetryTimer_Expires: Connect */
	eng_bgp_event(t.e, t.cpe, ENG_BGP_CONNECT_RETRY_EXPIRES, NULL);
	assert_int_equal(t.cpe->state, ECRC_BGP_CONNECT);
	/* Connect + ManualStop: Idle */
	eng_bgp_event(t.e, t.cpe, ENG_BGP_MANUAL_STOP, NULL);
	assert_int_equal(t.cpe->state, ECRC_BGP_IDLE);
	/* Idle ignores everything but a start */
	eng_bgp_event(t.e, t.cpe, ENG_BGP_OPEN, &(struct eng_bgp_msg){.my_as = 64512});
	assert_int_equal(t.cpe->state, ECRC_BGP_IDLE);
	ecrc_engine_free(t.E);
}

static void test_fsm_open(void **state)
{
	(void)state;
	struct fsm t;
	fsm_new(&t);
	eng_bgp_event(t.e, t.cpe, ENG_BGP_MANUAL_START, NULL);
	t.cpe->conn = 7;
	eng_bgp_event(t.e, t.cpe, ENG_BGP_TCP_CR_ACKED, NULL);
	assert_int_equal(t.cpe->state, ECRC_BGP_OPENSENT);
	assert_true(t.cpe->hold.armed); /* the large OpenSent hold timer */
	assert_int_equal(t.cpe->hold.deadline - t.e->now, 240 * SEC);
	/* OpenSent + an acceptable OPEN: OpenConfirm, hold negotiated */
	struct eng_bgp_msg open = {.type = ENG_MSG_OPEN, .conn = 7, .my_as = 64512, .hold_s = 180};
	eng_bgp_event(t.e, t.cpe, ENG_BGP_OPEN, &open);
	assert_int_equal(t.cpe->state, ECRC_BGP_OPENCONFIRM);
	assert_int_equal(t.cpe->hold_s, 90);
	assert_int_equal(t.cpe->keepalive_s, 30);
	/* OpenConfirm + KEEPALIVE: Established */
	eng_bgp_event(t.e, t.cpe, ENG_BGP_KEEPALIVE, NULL);
	assert_int_equal(t.cpe->state, ECRC_BGP_ESTABLISHED);
	/* Established + HoldTimer_Expires: Idle, by the hold timer */
	eng_bgp_event(t.e, t.cpe, ENG_BGP_HOLD_EXPIRES, NULL);
	assert_int_equal(t.cpe->state, ECRC_BGP_IDLE);
	assert_int_equal(t.cpe->down_by, ECRC_DETECT_HOLD_TIMER);
	assert_true(t.cpe->idle_hold.armed); /* the automatic restart */
	ecrc_engine_free(t.E);
}

static void test_fsm_open_errors(void **state)
{
	(void)state;
	struct fsm t;
	fsm_new(&t);
	eng_bgp_event(t.e, t.cpe, ENG_BGP_MANUAL_START, NULL);
	t.cpe->conn = 1;
	eng_bgp_event(t.e, t.cpe, ENG_BGP_TCP_CR_ACKED, NULL);
	struct eng_bgp_msg open = {.type = ENG_MSG_OPEN, .conn = 1, .my_as = 64999, .hold_s = 90};
	eng_bgp_event(t.e, t.cpe, ENG_BGP_OPEN, &open);
	assert_int_equal(t.cpe->state, ECRC_BGP_IDLE);
	assert_int_equal(t.cpe->error, ENG_BGP_ERR_BAD_PEER_AS);
	/* the restart waits longer after each failure (8.1.1) */
	uint32_t hold1 = t.cpe->idle_hold_s;
	eng_bgp_event(t.e, t.cpe, ENG_BGP_AUTOMATIC_START, NULL);
	t.cpe->conn = 2;
	eng_bgp_event(t.e, t.cpe, ENG_BGP_TCP_CR_ACKED, NULL);
	open = (struct eng_bgp_msg){.type = ENG_MSG_OPEN, .conn = 2, .my_as = 64512, .hold_s = 1};
	eng_bgp_event(t.e, t.cpe, ENG_BGP_OPEN, &open);
	assert_int_equal(t.cpe->state, ECRC_BGP_IDLE);
	assert_int_equal(t.cpe->error, ENG_BGP_ERR_BAD_HOLD);
	assert_true(t.cpe->idle_hold_s > hold1);
	/* OpenSent + NOTIFICATION: Idle */
	eng_bgp_event(t.e, t.cpe, ENG_BGP_AUTOMATIC_START, NULL);
	t.cpe->conn = 3;
	eng_bgp_event(t.e, t.cpe, ENG_BGP_TCP_CR_ACKED, NULL);
	eng_bgp_event(t.e, t.cpe, ENG_BGP_NOTIF, &(struct eng_bgp_msg){.code = 6, .subcode = 2});
	assert_int_equal(t.cpe->state, ECRC_BGP_IDLE);
	assert_int_equal(t.cpe->error, ENG_BGP_ERR_PEER_NOTIFICATION);
	/* OpenSent + its hold timer: Idle */
	eng_bgp_event(t.e, t.cpe, ENG_BGP_AUTOMATIC_START, NULL);
	t.cpe->conn = 4;
	eng_bgp_event(t.e, t.cpe, ENG_BGP_TCP_CR_ACKED, NULL);
	eng_bgp_event(t.e, t.cpe, ENG_BGP_HOLD_EXPIRES, NULL);
	assert_int_equal(t.cpe->state, ECRC_BGP_IDLE);
	ecrc_engine_free(t.E);
}

static void test_fsm_established_events(void **state)
{
	(void)state;
	const struct {
		enum eng_bgp_event ev;
		enum ecrc_engine_detect by;
		bool restarts;
	} cases[] = {
	    {ENG_BGP_NOTIF, ECRC_DETECT_NOTIFICATION, true},
	    {ENG_BGP_BFD_DOWN, ECRC_DETECT_BFD, true},
	    {ENG_BGP_CARRIER_DOWN, ECRC_DETECT_CARRIER, true},
	    {ENG_BGP_ADMIN_RESET, ECRC_DETECT_NOTIFICATION, true},
	    {ENG_BGP_MAX_PREFIX, ECRC_DETECT_NOTIFICATION, false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx f;
		fx_reference(&f);
		struct ecrc_engine *E = converged(&f);
		struct eng *e = eng_of(E);
		struct eng_bgp *b = &e->circuits[0]->cpe_bgp;
		assert_int_equal(b->state, ECRC_BGP_ESTABLISHED);
		b->down_at = ECRC_ENGINE_NEVER;
		eng_bgp_event(e, b, cases[i].ev, &(struct eng_bgp_msg){.code = 6});
		assert_int_equal(b->state, ECRC_BGP_IDLE);
		assert_int_equal(b->down_by, cases[i].by);
		assert_int_equal(b->idle_hold.armed, cases[i].restarts);
		/* routes learned over it are gone */
		char buf[64];
		assert_string_equal(fx_hops(E, "cpe1", "10.0.0.0/16", buf, sizeof(buf)), "-");
		ecrc_engine_free(E);
	}
}

static void test_keepalive_jitter(void **state)
{
	(void)state;
	/* RFC 4271 10: each KeepaliveTimer restart is jittered to 75..100 % */
	struct fsm t;
	fsm_new(&t);
	t.cpe->state = ECRC_BGP_ESTABLISHED;
	t.cpe->keepalive_s = 30;
	t.cpe->hold_s = 90;
	t.cpe->conn = 1;
	uint64_t lo = UINT64_MAX, hi = 0;
	for (int i = 0; i < 5000; i++) {
		eng_bgp_event(t.e, t.cpe, ENG_BGP_KEEPALIVE_EXPIRES, NULL);
		uint64_t gap = t.cpe->next_keepalive_us - t.e->now;
		lo = gap < lo ? gap : lo;
		hi = gap > hi ? gap : hi;
		t.e->now = t.cpe->next_keepalive_us;
		struct eng_event ev;
		while (eng_pop(t.e, &ev))
			;
	}
	assert_int_equal(t.cpe->state, ECRC_BGP_ESTABLISHED);
	assert_true(lo >= 22500000 && lo < 22600000);
	assert_true(hi <= 30000000 && hi > 29900000);
	ecrc_engine_free(t.E);
}

/* ---- detection without BFD ----------------------------------------------------------------------- */

static void test_hold_timer_detects(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	f.cpes[0].nbr.bfd = false;
	f.vbrs[0].bfd.enabled = false;
	struct ecrc_engine *E = converged(&f);
	struct ecrc_engine_failure fail = {ECRC_FAIL_SILENT, "pc-bj-1"};
	struct ecrc_engine_drill_result d;
	char err[128];
	assert_int_equal(ecrc_engine_drill(E, &fail, 1, &d, err, sizeof(err)), 0);
	assert_int_equal(d.detected_by, ECRC_DETECT_HOLD_TIMER);
	assert_int_equal(d.detect_bound_us, 90 * SEC);
	assert_int_equal(d.detect_best_us, 60 * SEC);
	for (size_t i = 0; i < d.n_detections; i++) {
		assert_int_equal(d.detections[i].by, ECRC_DETECT_HOLD_TIMER);
		assert_true(d.detections[i].detect_us >= 60 * SEC);
		assert_true(d.detections[i].detect_us <= 90 * SEC);
	}
	assert_true(d.reachable);
	ecrc_engine_drill_result_free(&d);
	ecrc_engine_free(E);
}

static void test_no_hold_no_detection(void **state)
{
	(void)state;
	/* hold time 0 and no BFD: nothing ever notices a silent failure */
	struct fx f;
	fx_reference(&f);
	f.cpes[0].nbr.bfd = false;
	f.vbrs[0].bfd.enabled = false;
	f.cpes[0].nbr.hold_s = 0;
	f.cpes[0].nbr.keepalive_s = 0;
	struct ecrc_engine *E = converged(&f);
	struct ecrc_engine_session_info s;
	session(E, 0, &s);
	assert_true(s.established);
	assert_int_equal(s.hold_s, 0);
	assert_int_equal(s.cpe_keepalive_s, 0);
	struct ecrc_engine_failure fail = {ECRC_FAIL_SILENT, "pc-bj-1"};
	struct ecrc_engine_drill_result d;
	char err[128];
	assert_int_equal(ecrc_engine_drill(E, &fail, 1, &d, err, sizeof(err)), 0);
	assert_int_equal(d.detected_by, ECRC_DETECT_NONE);
	assert_true(d.detect_us == ECRC_ENGINE_NEVER);
	assert_true(d.detect_bound_us == ECRC_ENGINE_NEVER);
	assert_true(d.failover_us == ECRC_ENGINE_NEVER);
	assert_false(d.reachable); /* half the flows go into the dead circuit */
	ecrc_engine_drill_result_free(&d);
	ecrc_engine_free(E);
}

/* ---- limits ---------------------------------------------------------------------------------------- */

static void test_maximum_prefix(void **state)
{
	(void)state;
	/* the VPC has two CIDRs; the CPE accepts both, allows one */
	struct fx f;
	fx_reference(&f);
	struct ecrc_ipnet cidrs[2] = {fx_net("10.0.0.0/16"), fx_net("10.1.0.0/16")};
	f.cpes[0].in_entries[1] = (struct ecrc_ir_prefix_entry){.prefix = fx_net("10.1.0.0/16")};
	f.cpes[0].nbr.import_list.n_entries = 2;
	f.cpes[0].nbr.max_prefixes = 1;
	fx_link(&f);
	f.vpc.routes = cidrs;
	f.vpc.n_routes = 2;
	char err[128];
	struct ecrc_engine *E = ecrc_engine_new(&f.m, &f.opt, err, sizeof(err));
	assert_non_null(E);
	ecrc_engine_converge(E);
	struct ecrc_engine_session_info s;
	session(E, 0, &s);
	assert_false(s.established);
	assert_non_null(strstr(s.reason, "maximum-prefix"));
	session(E, 1, &s);
	assert_true(s.established); /* its list accepts only 10.0.0.0/16 */
	ecrc_engine_free(E);
}

/* A maximum-prefix that recovers comes back after its restart time (and,
 * the leak still there, goes down again); one that does not stays down. */
static void test_maximum_prefix_restart(void **state)
{
	(void)state;
	uint32_t flaps[2];
	for (int recovers = 0; recovers < 2; recovers++) {
		struct fx f;
		fx_reference(&f);
		struct ecrc_ipnet cidrs[2] = {fx_net("10.0.0.0/16"), fx_net("10.1.0.0/16")};
		f.cpes[0].in_entries[1] = (struct ecrc_ir_prefix_entry){.prefix = fx_net("10.1.0.0/16")};
		f.cpes[0].nbr.import_list.n_entries = 2;
		f.cpes[0].nbr.max_prefixes = 1;
		f.cpes[0].nbr.max_prefix_recovers = recovers;
		f.cpes[0].nbr.max_prefix_restart_s = 300;
		fx_link(&f);
		f.vpc.routes = cidrs;
		f.vpc.n_routes = 2;
		f.opt.converge_limit_us = 700ull * 1000000; /* two restarts fit */
		char err[128];
		struct ecrc_engine *E = ecrc_engine_new(&f.m, &f.opt, err, sizeof(err));
		assert_non_null(E);
		ecrc_engine_converge(E);
		struct ecrc_engine_session_info s;
		session(E, 0, &s);
		assert_false(s.established);
		assert_non_null(strstr(s.reason, recovers ? "restarts by itself" : "cleared by hand"));
		flaps[recovers] = s.bgp_flaps;
		ecrc_engine_free(E);
	}
	assert_int_equal(flaps[0], 1); /* down once, for good */
	assert_int_equal(flaps[1], 3); /* down at the start, again after 300 s and after 600 s */
}

static void test_route_quota(void **state)
{
	(void)state;
	/* cpe1 advertises three prefixes to a VBR that takes two */
	struct fx f;
	fx_reference(&f);
	struct ecrc_ir_static anchors[3] = {{.prefix = fx_net("192.168.0.0/16")},
	                                    {.prefix = fx_net("192.169.0.0/16")},
	                                    {.prefix = fx_net("192.170.0.0/16")}};
	struct ecrc_ir_prefix_entry out = {.prefix = fx_net("192.168.0.0/14"), .ge = 16, .le = 16};
	f.vbrs[0].route_quota = 2;
	fx_link(&f);
	f.cpes[0].ir.statics = anchors;
	f.cpes[0].ir.n_statics = 3;
	f.cpes[0].term.match.entries = &out;
	char err[128];
	struct ecrc_engine *E = ecrc_engine_new(&f.m, &f.opt, err, sizeof(err));
	assert_non_null(E);
	ecrc_engine_converge(E);
	struct ecrc_engine_route r;
	int n = 0;
	const char *p[] = {"192.168.0.0/16", "192.169.0.0/16", "192.170.0.0/16"};
	for (int i = 0; i < 3; i++) {
		assert_true(ecrc_engine_route(E, "ecr-1", fx_net(p[i]), false, &r));
		n += r.present;
	}
	assert_int_equal(n, 2);
	ecrc_engine_free(E);
}

/* ---- other failures ---------------------------------------------------------------------------------- */

static struct ecrc_engine_drill_result drill(struct ecrc_engine *E, enum ecrc_engine_failure_kind kind,
                                             const char *target)
{
	struct ecrc_engine_failure fail = {kind, target};
	struct ecrc_engine_drill_result d;
	char err[128];
	if (ecrc_engine_drill(E, &fail, 1, &d, err, sizeof(err)) != 0)
		fail_msg("drill: %s", err);
	return d;
}

static void test_reset(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	struct ecrc_engine *E = converged(&f);
	struct ecrc_engine_drill_result d = drill(E, ECRC_FAIL_BGP_RESET, "cpe1-up");
	assert_int_equal(d.detected_by, ECRC_DETECT_NOTIFICATION);
	assert_int_equal(d.detect_us, 0);
	/* the VBR passes the withdrawal on after its processing delay: until
	 * then the ECR still sends half the traffic into vbr-1, which has no
	 * route (the outage) */
	assert_int_equal(d.failover_us, ECRC_ENGINE_CLOUD_HOP_DELAY_US);
	assert_int_equal(d.outage_us, ECRC_ENGINE_CLOUD_HOP_DELAY_US);
	/* the session came back: the last change is its routes returning */
	assert_true(d.converged_us >= 1 * SEC);
	assert_true(d.converged_us < 5 * SEC);
	assert_true(d.reachable);
	char buf[64];
	assert_string_equal(fx_hops(E, "ecr-1", "192.168.0.0/16", buf, sizeof(buf)), "vbr-1,vbr-2");
	ecrc_engine_drill_result_free(&d);
	ecrc_engine_free(E);
}

static void test_carrier(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	struct ecrc_engine *E = converged(&f);
	struct ecrc_engine_drill_result d = drill(E, ECRC_FAIL_CARRIER, "pc-bj-2");
	assert_int_equal(d.n_detections, 2);
	for (size_t i = 0; i < d.n_detections; i++) {
		assert_int_equal(d.detections[i].by, ECRC_DETECT_CARRIER);
		assert_int_equal(d.detections[i].detect_us, 0);
	}
	assert_int_equal(d.detect_bound_us, 0);
	/* detected at once; the ECR moves after the VBR's processing delay */
	assert_int_equal(d.failover_us, ECRC_ENGINE_CLOUD_HOP_DELAY_US);
	assert_int_equal(d.outage_us, ECRC_ENGINE_CLOUD_HOP_DELAY_US);
	assert_true(d.converged_us >= d.failover_us);
	assert_true(d.reachable);
	ecrc_engine_drill_result_free(&d);
	ecrc_engine_free(E);
}

static void test_cpe_down(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	struct ecrc_engine *E = converged(&f);
	struct ecrc_engine_drill_result d = drill(E, ECRC_FAIL_CPE_DOWN, "cpe1");
	assert_int_equal(d.n_detections, 1); /* the VBR; the CPE is gone */
	assert_string_equal(d.detections[0].side, "vbr");
	assert_int_equal(d.detections[0].by, ECRC_DETECT_BFD);
	assert_true(d.detect_us <= 900000);
	assert_true(d.reachable);
	bool ecr = false;
	for (size_t i = 0; i < d.n_routes; i++)
		if (strcmp(d.routes[i].router, "ecr-1") == 0) {
			assert_int_equal(d.routes[i].n_next_hops, 1);
			assert_string_equal(d.routes[i].next_hops[0], "vbr-2");
			ecr = true;
		}
	assert_true(ecr);
	ecrc_engine_drill_result_free(&d);
	ecrc_engine_free(E);
}

static void test_unknown_targets(void **state)
{
	(void)state;
	struct fx f;
	fx_reference(&f);
	struct ecrc_engine *E = converged(&f);
	struct ecrc_engine_drill_result d;
	char err[128];
	struct ecrc_engine_failure bad[] = {
	    {ECRC_FAIL_SILENT, "pc-nope"}, {ECRC_FAIL_CPE_DOWN, "vbr-1"}, {ECRC_FAIL_BGP_RESET, "cpe9-up"}};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(ecrc_engine_drill(E, &bad[i], 1, &d, err, sizeof(err)), -1);
		assert_non_null(strstr(err, bad[i].target));
	}
	ecrc_engine_free(E);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reference_timers),
	    cmocka_unit_test(test_negotiated_smaller_hold),
	    cmocka_unit_test(test_bad_peer_as),
	    cmocka_unit_test(test_md5_one_side),
	    cmocka_unit_test(test_unacceptable_hold),
	    cmocka_unit_test(test_no_vbr_bgp),
	    cmocka_unit_test(test_fsm_start),
	    cmocka_unit_test(test_fsm_open),
	    cmocka_unit_test(test_fsm_open_errors),
	    cmocka_unit_test(test_fsm_established_events),
	    cmocka_unit_test(test_keepalive_jitter),
	    cmocka_unit_test(test_hold_timer_detects),
	    cmocka_unit_test(test_no_hold_no_detection),
	    cmocka_unit_test(test_maximum_prefix),
	    cmocka_unit_test(test_maximum_prefix_restart),
	    cmocka_unit_test(test_route_quota),
	    cmocka_unit_test(test_reset),
	    cmocka_unit_test(test_carrier),
	    cmocka_unit_test(test_cpe_down),
	    cmocka_unit_test(test_unknown_targets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
