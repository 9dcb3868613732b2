/*
 * test_engine_bfd.c: the BFD state machine (every transition of RFC 5880
 * 6.2 and 6.8.6, the packet checks, the Poll Sequence, the slow rate, the
 * tie to BGP), the interval and detection arithmetic (6.8.2-6.8.4) and the
 * transmit jitter (6.8.7).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "test_engine_fixture.h"

/* An engine built but not started: the endpoints are driven by hand. */
struct bench {
	struct fx f;
	struct ecrc_engine *E;
	struct eng *e;
	struct eng_circuit *c;
	struct eng_bfd *a, *b; /* the CPE's and the VBR's endpoints */
};

static struct bench *bench_new(void)
{
	struct bench *t = calloc(1, sizeof(*t));
	fx_reference(&t->f);
	t->E = fx_engine(&t->f);
	t->e = eng_of(t->E);
	t->c = t->e->circuits[0];
	t->a = &t->c->cpe_bfd;
	t->b = &t->c->vbr_bfd;
	return t;
}

static void bench_free(struct bench *t)
{
	ecrc_engine_free(t->E);
	free(t);
}

/* A packet from the VBR side to the CPE side. */
static struct eng_bfd_packet from_b(const struct bench *t, uint8_t state)
{
	return (struct eng_bfd_packet){
	    .state = state,
	    .detect_mult = 3,
	    .my_discr = t->b->local_discr,
	    .your_discr = state == ECRC_BFD_DOWN || state == ECRC_BFD_ADMIN_DOWN ? 0 : t->a->local_discr,
	    .desired_min_tx_us = 300000,
	    .required_min_rx_us = 300000,
	};
}

static void rx(struct bench *t, uint8_t state)
{
	struct eng_bfd_packet p = from_b(t, state);
	eng_bfd_rx(t->e, t->a, &p);
}

/* Brings the CPE endpoint into a state through valid packets. */
static void reach_state(struct bench *t, uint8_t state)
{
	if (state == ECRC_BFD_DOWN)
		return;
	rx(t, ECRC_BFD_DOWN); /* Down -> Init */
	assert_int_equal(t->a->state, ECRC_BFD_INIT);
	if (state == ECRC_BFD_UP) {
		rx(t, ECRC_BFD_UP); /* Init -> Up */
		assert_int_equal(t->a->state, ECRC_BFD_UP);
	}
}

struct transition {
	uint8_t from, received, to, diag;
};

static void test_rx_transitions(void **state)
{
	(void)state;
	/* RFC 5880 6.8.6, and the diagram of 6.2 */
	const struct transition table[] = {
	    {ECRC_BFD_DOWN, ECRC_BFD_DOWN, ECRC_BFD_INIT, ENG_BFD_DIAG_NONE},
	    {ECRC_BFD_DOWN, ECRC_BFD_INIT, ECRC_BFD_UP, ENG_BFD_DIAG_NONE},
	    {ECRC_BFD_DOWN, ECRC_BFD_UP, ECRC_BFD_DOWN, ENG_BFD_DIAG_NONE},
	    {ECRC_BFD_DOWN, ECRC_BFD_ADMIN_DOWN, ECRC_BFD_DOWN, ENG_BFD_DIAG_NONE},
	    {ECRC_BFD_INIT, ECRC_BFD_DOWN, ECRC_BFD_INIT, ENG_BFD_DIAG_NONE},
	    {ECRC_BFD_INIT, ECRC_BFD_INIT, ECRC_BFD_UP, ENG_BFD_DIAG_NONE},
	    {ECRC_BFD_INIT, ECRC_BFD_UP, ECRC_BFD_UP, ENG_BFD_DIAG_NONE},
	    {ECRC_BFD_INIT, ECRC_BFD_ADMIN_DOWN, ECRC_BFD_DOWN, ENG_BFD_DIAG_NEIGHBOR_DOWN},
	    {ECRC_BFD_UP, ECRC_BFD_DOWN, ECRC_BFD_DOWN, ENG_BFD_DIAG_NEIGHBOR_DOWN},
	    {ECRC_BFD_UP, ECRC_BFD_INIT, ECRC_BFD_UP, ENG_BFD_DIAG_NONE},
	    {ECRC_BFD_UP, ECRC_BFD_UP, ECRC_BFD_UP, ENG_BFD_DIAG_NONE},
	    {ECRC_BFD_UP, ECRC_BFD_ADMIN_DOWN, ECRC_BFD_DOWN, ENG_BFD_DIAG_NEIGHBOR_DOWN},
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		struct bench *t = bench_new();
		reach_state(t, table[i].from);
		rx(t, table[i].received);
		if (t->a->state != table[i].to)
			fail_msg("%s + received %s: %s, want %s", ecrc_engine_bfd_state_name(table[i].from),
			         ecrc_engine_bfd_state_name(table[i].received),
			         ecrc_engine_bfd_state_name(t->a->state),
			         ecrc_engine_bfd_state_name(table[i].to));
		if (table[i].to != table[i].from)
			assert_int_equal(t->a->local_diag, table[i].diag);
		bench_free(t);
	}
}

static void test_detection_timer(void **state)
{
	(void)state;
	/* 6.8.4: Init or Up, and a Detection Time without a packet: Down,
	 * diagnostic 1, RemoteDiscr cleared */
	for (uint8_t from = ECRC_BFD_INIT; from <= ECRC_BFD_UP; from++) {
		struct bench *t = bench_new();
		reach_state(t, from);
		assert_true(t->a->detect.armed);
		assert_int_equal(t->a->detect.deadline - t->e->now, 900000); /* 3 x max(300, 300) ms */
		t->e->now = t->a->detect.deadline;
		eng_bfd_detect_expired(t->e, &t->a->detect);
		assert_int_equal(t->a->state, ECRC_BFD_DOWN);
		assert_int_equal(t->a->local_diag, ENG_BFD_DIAG_DETECT_EXPIRED);
		assert_int_equal(t->a->remote_discr, 0);
		assert_false(t->a->detect.armed);
		bench_free(t);
	}
	/* in Down the timer means nothing */
	struct bench *t = bench_new();
	eng_bfd_detect_expired(t->e, &t->a->detect);
	assert_int_equal(t->a->state, ECRC_BFD_DOWN);
	bench_free(t);
}

static void test_admin_down(void **state)
{
	(void)state;
	for (uint8_t from = ECRC_BFD_DOWN; from <= ECRC_BFD_UP; from++) {
		struct bench *t = bench_new();
		reach_state(t, from);
		eng_bfd_admin(t->e, t->a, true);
		assert_int_equal(t->a->state, ECRC_BFD_ADMIN_DOWN);
		assert_int_equal(t->a->local_diag, ENG_BFD_DIAG_ADMIN_DOWN);
		/* "If bfd.SessionState is AdminDown: Discard the packet" */
		rx(t, ECRC_BFD_INIT);
		assert_int_equal(t->a->state, ECRC_BFD_ADMIN_DOWN);
		eng_bfd_admin(t->e, t->a, false);
		assert_int_equal(t->a->state, ECRC_BFD_DOWN);
		bench_free(t);
	}
}

static void test_packet_checks(void **state)
{
	(void)state;
	struct bench *t = bench_new();
	struct eng_bfd_packet p = from_b(t, ECRC_BFD_DOWN);
	p.detect_mult = 0; /* "If the Detect Mult field is zero, the packet MUST be discarded" */
	eng_bfd_rx(t->e, t->a, &p);
	assert_int_equal(t->a->state, ECRC_BFD_DOWN);
	p = from_b(t, ECRC_BFD_DOWN);
	p.my_discr = 0; /* "If the My Discriminator field is zero, the packet MUST be discarded" */
	eng_bfd_rx(t->e, t->a, &p);
	assert_int_equal(t->a->state, ECRC_BFD_DOWN);
	p = from_b(t, ECRC_BFD_DOWN);
	p.your_discr = t->a->local_discr + 2; /* no session with that discriminator */
	eng_bfd_rx(t->e, t->a, &p);
	assert_int_equal(t->a->state, ECRC_BFD_DOWN);
	p = from_b(t, ECRC_BFD_INIT);
	p.your_discr = 0; /* zero Your Discriminator with a state other than Down/AdminDown */
	eng_bfd_rx(t->e, t->a, &p);
	assert_int_equal(t->a->state, ECRC_BFD_DOWN);
	/* and a valid one is taken */
	rx(t, ECRC_BFD_DOWN);
	assert_int_equal(t->a->state, ECRC_BFD_INIT);
	assert_int_equal(t->a->remote_discr, t->b->local_discr);
	bench_free(t);
}

/* The last packet queued for the VBR endpoint, if any (the queue is emptied). */
static bool last_packet_to_b(struct bench *t, struct eng_bfd_packet *out)
{
	bool found = false;
	uint64_t seq = 0;
	struct eng_event ev;
	while (eng_pop(t->e, &ev))
		if (ev.handler == eng_bfd_deliver && ev.obj == t->b && (!found || ev.seq > seq)) {
			*out = ev.u.bfd;
			seq = ev.seq;
			found = true;
		}
	return found;
}

static void test_slow_rate_and_poll(void **state)
{
	(void)state;
	struct bench *t = bench_new();
	/* 6.8.3: not Up, at least one second */
	assert_int_equal(t->a->desired_min_tx_us, 1000000);
	reach_state(t, ECRC_BFD_UP);
	/* Up: the configured rate, announced with a Poll Sequence */
	assert_int_equal(t->a->desired_min_tx_us, 300000);
	assert_true(t->a->poll);
	/* a packet with P set is answered at once with F set (6.8.6) */
	struct eng_bfd_packet p = from_b(t, ECRC_BFD_UP);
	p.poll = true;
	eng_bfd_rx(t->e, t->a, &p);
	struct eng_bfd_packet reply = {0};
	assert_true(last_packet_to_b(t, &reply));
	assert_true(reply.final);
	assert_false(reply.poll);
	/* F from the remote ends the local Poll Sequence */
	p = from_b(t, ECRC_BFD_UP);
	p.final = true;
	eng_bfd_rx(t->e, t->a, &p);
	assert_false(t->a->poll);
	/* Down again: back to the slow rate */
	rx(t, ECRC_BFD_DOWN);
	assert_int_equal(t->a->state, ECRC_BFD_DOWN);
	assert_int_equal(t->a->desired_min_tx_us, 1000000);
	bench_free(t);
}

static void test_down_tears_down_bgp(void **state)
{
	(void)state;
	/* RFC 5882 4.3: Up -> Down takes the BGP session it protects down */
	struct fx f;
	fx_reference(&f);
	struct ecrc_engine *E = fx_engine(&f);
	ecrc_engine_converge(E);
	struct eng *e = eng_of(E);
	struct eng_circuit *c = e->circuits[0];
	assert_int_equal(c->cpe_bgp.state, ECRC_BGP_ESTABLISHED);
	assert_int_equal(c->cpe_bfd.state, ECRC_BFD_UP);
	struct eng_bfd_packet p = {
	    .state = ECRC_BFD_DOWN,
	    .detect_mult = 3,
	    .my_discr = c->vbr_bfd.local_discr,
	    .desired_min_tx_us = 1000000,
	    .required_min_rx_us = 300000,
	};
	eng_bfd_rx(e, &c->cpe_bfd, &p);
	assert_int_equal(c->cpe_bfd.state, ECRC_BFD_DOWN);
	assert_int_equal(c->cpe_bgp.state, ECRC_BGP_IDLE);
	assert_int_equal(c->cpe_bgp.down_by, ECRC_DETECT_BFD);
	ecrc_engine_free(E);
}

static void test_never_up_leaves_bgp_alone(void **state)
{
	(void)state;
	/* one-sided BFD: the CPE's session never comes up, BGP establishes
	 * anyway and nothing tears it down */
	struct fx f;
	fx_reference(&f);
	f.vbrs[0].bfd.enabled = false;
	struct ecrc_engine *E = fx_engine(&f);
	ecrc_engine_converge(E);
	struct ecrc_engine_session_info s;
	ecrc_engine_session(E, 0, &s);
	assert_true(s.established);
	assert_true(s.bfd_cpe);
	assert_false(s.bfd_vbr);
	assert_int_equal(s.bfd_cpe_state, ECRC_BFD_DOWN);
	assert_int_equal(s.cpe_detect_ms, 0); /* no negotiated numbers */
	ecrc_engine_free(E);
}

static void test_arithmetic(void **state)
{
	(void)state;
	/* 300/300/3 on both ends: 900 ms */
	assert_int_equal(ecrc_bfd_detect_time_us(3, 300000, 300000), 900000);
	assert_int_equal(ecrc_bfd_tx_interval_us(300000, 300000), 300000);
	/* the VBR's defaults 1000/1000/3 and a CPE at 300/300/3: 3000 ms on
	 * both sides, 1000 ms transmit both ways */
	assert_int_equal(ecrc_bfd_detect_time_us(3, 300000, 1000000), 3000000); /* the CPE's */
	assert_int_equal(ecrc_bfd_detect_time_us(3, 1000000, 300000), 3000000); /* the VBR's */
	assert_int_equal(ecrc_bfd_tx_interval_us(300000, 1000000), 1000000);
	assert_int_equal(ecrc_bfd_tx_interval_us(1000000, 300000), 1000000);
	/* asymmetric multipliers: each side uses the other's */
	assert_int_equal(ecrc_bfd_detect_time_us(5, 200000, 200000), 1000000);

	/* and the same through a converged engine */
	struct fx f;
	fx_reference(&f);
	f.vbrs[0].bfd =
	    (struct ecrc_engine_bfd){.enabled = true, .min_tx_ms = 1000, .min_rx_ms = 1000, .multiplier = 3};
	struct ecrc_engine *E = fx_engine(&f);
	ecrc_engine_converge(E);
	struct ecrc_engine_session_info s;
	ecrc_engine_session(E, 0, &s);
	assert_int_equal(s.bfd_cpe_state, ECRC_BFD_UP);
	assert_int_equal(s.cpe_detect_ms, 3000);
	assert_int_equal(s.vbr_detect_ms, 3000);
	assert_int_equal(s.cpe_tx_ms, 1000);
	assert_int_equal(s.vbr_tx_ms, 1000);
	/* what the endpoints negotiated in the simulation, not just the formula */
	struct eng *e = eng_of(E);
	assert_int_equal(eng_bfd_detect_time_us(&e->circuits[0]->cpe_bfd), 3000000);
	assert_int_equal(eng_bfd_detect_time_us(&e->circuits[0]->vbr_bfd), 3000000);
	ecrc_engine_free(E);
}

static void check_jitter(uint8_t mult, uint64_t lo_pct, uint64_t hi_pct)
{
	struct bench *t = bench_new();
	t->a->detect_mult = mult;
	t->a->desired_min_tx_us = 300000;
	t->a->remote_min_rx_us = 300000;
	uint64_t lo = UINT64_MAX, hi = 0;
	for (int i = 0; i < 20000; i++) {
		uint64_t before = t->e->now;
		eng_bfd_tx_expired(t->e, &t->a->tx);
		uint64_t gap = t->a->next_tx_us - before;
		lo = gap < lo ? gap : lo;
		hi = gap > hi ? gap : hi;
		t->e->now = t->a->next_tx_us;
		struct eng_event ev; /* drop the packets and timers it queued */
		while (eng_pop(t->e, &ev))
			;
	}
	assert_true(lo >= 300000 * lo_pct / 100);
	assert_true(hi <= 300000 * hi_pct / 100);
	/* the whole range is used */
	assert_true(lo < 300000 * lo_pct / 100 + 3000);
	assert_true(hi > 300000 * hi_pct / 100 - 3000);
	bench_free(t);
}

static void test_jitter(void **state)
{
	(void)state;
	check_jitter(3, 75, 100); /* 6.8.7: reduced by 0 to 25% */
	check_jitter(1, 75, 90);  /* and 75..90% when bfd.DetectMult is 1 */
}

static void test_handshake_in_simulation(void **state)
{
	(void)state;
	/* the three-way handshake over the simulated circuit, both sides */
	struct fx f;
	fx_reference(&f);
	struct ecrc_engine *E = fx_engine(&f);
	ecrc_engine_converge(E);
	struct eng *e = eng_of(E);
	for (size_t i = 0; i < e->n_circuits; i++) {
		assert_int_equal(e->circuits[i]->cpe_bfd.state, ECRC_BFD_UP);
		assert_int_equal(e->circuits[i]->vbr_bfd.state, ECRC_BFD_UP);
		assert_false(e->circuits[i]->cpe_bfd.poll);
		assert_false(e->circuits[i]->vbr_bfd.poll);
		assert_int_equal(e->circuits[i]->cpe_bfd.remote_desired_min_tx_us, 300000);
	}
	ecrc_engine_free(E);
}

/* Issue 12, item 1: bringing sessions up never flaps. The Poll Sequence
 * that announces the fast rate (6.8.3) must not leave a packet scheduled
 * at the slow rate, or the peer's new detection time (3 x the fast
 * interval) runs out before it. Seeds 1..1000, the reference timers
 * (300/300/3) and 50/50/3, every session: no Up -> Down, no BGP drop. */
static void bring_up_never_flaps(uint32_t tx_ms)
{
	size_t sessions = 0;
	for (uint64_t seed = 1; seed <= 1000; seed++) {
		struct fx f;
		fx_reference(&f);
		for (size_t i = 0; i < f.n_cpes; i++) {
			f.cpes[i].nbr.bfd_min_tx_ms = f.cpes[i].nbr.bfd_min_rx_ms = tx_ms;
			f.vbrs[i].bfd.min_tx_ms = f.vbrs[i].bfd.min_rx_ms = tx_ms;
		}
		f.opt.seed = seed;
		struct ecrc_engine *E = fx_engine(&f);
		ecrc_engine_converge(E);
		for (size_t i = 0; i < ecrc_engine_n_sessions(E); i++) {
			struct ecrc_engine_session_info s;
			ecrc_engine_session(E, i, &s);
			if (s.bfd_flaps || s.bgp_flaps)
				print_message("seed %llu, %u ms, %s: %u BFD flaps, %u BGP flaps (%s)\n",
				              (unsigned long long)seed, tx_ms, s.uplink_id, s.bfd_flaps,
				              s.bgp_flaps, s.flap_reason ? s.flap_reason : "-");
			assert_true(s.established);
			assert_int_equal(s.bfd_cpe_state, ECRC_BFD_UP);
			assert_int_equal(s.bfd_vbr_state, ECRC_BFD_UP);
			assert_int_equal(s.cpe_detect_ms, 3 * tx_ms);
			assert_int_equal(s.bfd_flaps, 0);
			assert_int_equal(s.bgp_flaps, 0);
			sessions++;
		}
		ecrc_engine_free(E);
	}
	assert_int_equal(sessions, 2000);
}

static void test_bring_up_never_flaps_reference(void **state)
{
	(void)state;
	bring_up_never_flaps(300);
}

static void test_bring_up_never_flaps_50ms(void **state)
{
	(void)state;
	bring_up_never_flaps(50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rx_transitions),
	    cmocka_unit_test(test_detection_timer),
	    cmocka_unit_test(test_admin_down),
	    cmocka_unit_test(test_packet_checks),
	    cmocka_unit_test(test_slow_rate_and_poll),
	    cmocka_unit_test(test_down_tears_down_bgp),
	    cmocka_unit_test(test_never_up_leaves_bgp_alone),
	    cmocka_unit_test(test_arithmetic),
	    cmocka_unit_test(test_jitter),
	    cmocka_unit_test(test_handshake_in_simulation),
	    cmocka_unit_test(test_bring_up_never_flaps_reference),
	    cmocka_unit_test(test_bring_up_never_flaps_50ms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
