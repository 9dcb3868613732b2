/*
 * bfd.c: Bidirectional Forwarding Detection, asynchronous mode, single hop
 * (RFC 5880, RFC 5881). One endpoint per side of a circuit; the state
 * machine of RFC 5880 6.2 with its three-way handshake, the timer
 * negotiation of 6.8.2-6.8.4, the transmit jitter of 6.8.7, the slow
 * rate of 6.8.3 while not Up, and the Poll Sequence that announces the
 * faster rate once Up. A session that goes from Up to Down tells the BGP
 * session it protects (RFC 5882 4.3).
 *
 * Every state change goes through eng_bfd_set_state(), which logs "from X
 * to Y" from the name table; packets are handled by one handler per state
 * (bfd_rx_down, bfd_rx_init, bfd_rx_up), like FRR bfdd's bs_*_handler and
 * BIRD's bfd_session_update_state.
 *
 * Elision: once both endpoints are Up, the circuit delivers and no Poll
 * Sequence runs, the periodic packets change nothing but the receive
 * time. bfd_quiesce() then stops the timers and keeps each endpoint's next
 * transmission time and jitter stream; eng_bfd_wake() replays the skipped
 * transmissions (same jitter draws, same order) before anything changes
 * the session, so the result equals packet-by-packet simulation.
 */
#include <string.h>

#include "engine/internal.h"

#define SLOW_TX_US 1000000u /* RFC 5880 6.8.3: "not less than one second" while not Up */

static const char *const state_names[] = {
    [ECRC_BFD_ADMIN_DOWN] = "AdminDown",
    [ECRC_BFD_DOWN] = "Down",
    [ECRC_BFD_INIT] = "Init",
    [ECRC_BFD_UP] = "Up",
};

static const char *diag_name(uint8_t diag)
{
	switch (diag) {
	case ENG_BFD_DIAG_NONE:
		return "no diagnostic";
	case ENG_BFD_DIAG_DETECT_EXPIRED:
		return "control detection time expired";
	case ENG_BFD_DIAG_NEIGHBOR_DOWN:
		return "neighbor signaled session down";
	case ENG_BFD_DIAG_PATH_DOWN:
		return "path down";
	case ENG_BFD_DIAG_ADMIN_DOWN:
		return "administratively down";
	default:
		return "diagnostic";
	}
}

const char *ecrc_engine_bfd_state_name(enum ecrc_engine_bfd_state s)
{
	return (unsigned)s < 4 ? state_names[s] : "?";
}

/* ---- RFC 5880 arithmetic (common/timers.c) ------------------------------------- */

uint64_t eng_bfd_detect_time_us(const struct eng_bfd *b)
{
	return ecrc_bfd_detect_time_us(b->remote_detect_mult, b->required_min_rx_us,
	                               b->remote_desired_min_tx_us);
}

static uint64_t tx_interval(const struct eng_bfd *b)
{
	return ecrc_bfd_tx_interval_us(b->desired_min_tx_us, b->remote_min_rx_us);
}

/* 6.8.7: each interval jittered within ecrc_bfd_jitter_range_us(). */
static uint64_t jittered(struct eng_bfd *b, uint64_t interval)
{
	uint64_t lo, hi;
	ecrc_bfd_jitter_range_us(interval, b->detect_mult, &lo, &hi);
	return lo + eng_prng_below(&b->prng, hi - lo + 1);
}

/* ---- set up ------------------------------------------------------------------------- */

void eng_bfd_init(struct eng *e, struct eng_bfd *b, struct eng_circuit *c, const char *name,
                  const struct ecrc_engine_bfd *cfg, uint64_t stream_seed)
{
	(void)e;
	memset(b, 0, sizeof(*b));
	b->c = c;
	b->name = name;
	b->enabled = cfg && cfg->enabled;
	b->alive = true;
	/* 6.8.1: the initial values */
	b->state = ECRC_BFD_DOWN;
	b->remote_state = ECRC_BFD_DOWN;
	b->local_discr = (uint32_t)(stream_seed >> 32) | 1u;
	b->remote_min_rx_us = 1;
	if (b->enabled) {
		b->config_tx_us = cfg->min_tx_ms * 1000u;
		b->config_rx_us = cfg->min_rx_ms * 1000u;
		b->detect_mult = (uint8_t)cfg->multiplier;
	}
	b->desired_min_tx_us = b->config_tx_us > SLOW_TX_US ? b->config_tx_us : SLOW_TX_US;
	b->required_min_rx_us = b->config_rx_us;
	ENG_TIMER_INIT(&b->tx, eng_bfd_tx_expired, b);
	ENG_TIMER_INIT(&b->detect, eng_bfd_detect_expired, b);
	eng_prng_seed(&b->prng, stream_seed);
	b->down_at = ECRC_ENGINE_NEVER;
}

void eng_bfd_start(struct eng *e, struct eng_bfd *b)
{
	if (!b->enabled)
		return;
	if (!b->peer) {
		/* Nothing would ever answer: the session stays Down, and its
		 * packets, dropped by the other side, change nothing. */
		eng_trace(e, "bfd %s: the other side runs no BFD; the session cannot come up", b->name);
		return;
	}
	ENG_SAVE(e, b);
	/* a random phase, so that sessions do not start in step */
	b->next_tx_us = e->now + eng_prng_below(&b->prng, tx_interval(b));
	eng_timer_arm(e, &b->tx, b->next_tx_us);
}

/* ---- transmission ------------------------------------------------------------------- */

static struct eng_bfd_packet packet_of(const struct eng_bfd *b, bool final)
{
	return (struct eng_bfd_packet){
	    .state = b->state,
	    .diag = b->local_diag,
	    .detect_mult = b->detect_mult,
	    .poll = b->poll && !final,
	    .final = final,
	    .my_discr = b->local_discr,
	    .your_discr = b->remote_discr,
	    .desired_min_tx_us = b->desired_min_tx_us,
	    .required_min_rx_us = b->required_min_rx_us,
	};
}

static void deliver_at(struct eng *e, struct eng_bfd *to, uint64_t at, const struct eng_bfd_packet *pkt)
{
	struct eng_event ev = {.time = at, .handler = eng_bfd_deliver, .obj = to, .u.bfd = *pkt};
	eng_push(e, &ev);
}

static void transmit(struct eng *e, struct eng_bfd *b, bool final)
{
	if (!b->peer || !b->alive || !eng_circuit_delivers(b->c))
		return; /* lost on the wire: nothing to simulate */
	struct eng_bfd_packet pkt = packet_of(b, final);
	deliver_at(e, b->peer, e->now + e->opt.link_delay_us, &pkt);
}

/* Restarts the periodic transmission at the current interval, as FRR
 * bfdd's bs_final_handler does (ptm_bfd_start_xmt_timer) once a Poll
 * Sequence ends, and as this engine also does when the interval drops on
 * going Up: a packet must never announce a Desired Min TX faster than the
 * rate the system really sends at, or the peer's new Detection Time (its
 * Detect Mult x that interval, 6.8.4) runs out before the next packet,
 * which was scheduled at the slow rate of 6.8.3. Sending faster at once is
 * allowed (6.8.3 only holds back an *increase* until the Poll Sequence
 * ends; 6.8.7 bounds the rate by the remote's Required Min RX, which
 * tx_interval() applies). */
static void restart_tx(struct eng *e, struct eng_bfd *b)
{
	if (!b->peer || !b->alive || b->steady || !b->tx.armed)
		return;
	b->next_tx_us = e->now + jittered(b, tx_interval(b));
	eng_timer_arm(e, &b->tx, b->next_tx_us);
}

/* Both endpoints Up, told so by each other, no Poll Sequence, a circuit
 * that delivers: stop the periodic timers (see the file comment). */
static void bfd_quiesce(struct eng *e, struct eng_circuit *c)
{
	struct eng_bfd *a = &c->cpe_bfd, *b = &c->vbr_bfd;
	if (e->opt.no_elision || a->steady)
		return;
	if (!a->enabled || !b->enabled || !a->alive || !b->alive || !eng_circuit_delivers(c))
		return;
	if (a->state != ECRC_BFD_UP || b->state != ECRC_BFD_UP || a->remote_state != ECRC_BFD_UP ||
	    b->remote_state != ECRC_BFD_UP || a->poll || b->poll)
		return;
	ENG_SAVE(e, a);
	ENG_SAVE(e, b);
	a->steady = b->steady = true;
	eng_timer_stop(&a->tx);
	eng_timer_stop(&a->detect);
	eng_timer_stop(&b->tx);
	eng_timer_stop(&b->detect);
}

/* Replays x's skipped transmissions before now: delivered ones move y's
 * receive time, ones still on the wire become events. */
static void materialize(struct eng *e, struct eng_bfd *x, struct eng_bfd *y)
{
	uint64_t d = e->opt.link_delay_us;
	struct eng_bfd_packet pkt = packet_of(x, false);
	while (x->next_tx_us < e->now) {
		uint64_t t = x->next_tx_us;
		if (t + d < e->now) {
			if (t + d > y->last_rx_us)
				y->last_rx_us = t + d;
		} else {
			deliver_at(e, y, t + d, &pkt);
		}
		x->next_tx_us = t + jittered(x, tx_interval(x));
	}
}

void eng_bfd_wake(struct eng *e, struct eng_bfd *b)
{
	struct eng_circuit *c = b->c;
	struct eng_bfd *x = &c->cpe_bfd, *y = &c->vbr_bfd;
	if (!x->steady)
		return;
	ENG_SAVE(e, x);
	ENG_SAVE(e, y);
	materialize(e, x, y);
	materialize(e, y, x);
	x->steady = y->steady = false;
	eng_timer_arm(e, &x->tx, x->next_tx_us);
	eng_timer_arm(e, &y->tx, y->next_tx_us);
	eng_timer_arm(e, &x->detect, x->last_rx_us + eng_bfd_detect_time_us(x));
	eng_timer_arm(e, &y->detect, y->last_rx_us + eng_bfd_detect_time_us(y));
}

/* ---- the transition function ---------------------------------------------------------- */

void eng_bfd_set_state(struct eng *e, struct eng_bfd *b, uint8_t state, uint8_t diag)
{
	uint8_t old = b->state;
	if (old == state)
		return;
	ENG_SAVE(e, b);
	if (diag != ENG_BFD_DIAG_NONE)
		eng_trace(e, "bfd %s: from %s to %s (%s)", b->name, state_names[old], state_names[state],
		          diag_name(diag));
	else
		eng_trace(e, "bfd %s: from %s to %s", b->name, state_names[old], state_names[state]);
	b->state = state;
	if (state == ECRC_BFD_UP || old == ECRC_BFD_UP)
		e->last_change = e->now; /* a session change: the protection came or went */
	switch (state) {
	case ECRC_BFD_UP:
		b->local_diag = ENG_BFD_DIAG_NONE;
		/* 6.8.3: the slow rate ends. "When the value of
		 * bfd.DesiredMinTxInterval is changed, a Poll Sequence MUST be
		 * initiated" */
		if (b->desired_min_tx_us != b->config_tx_us) {
			bool faster = b->config_tx_us < b->desired_min_tx_us;
			b->desired_min_tx_us = b->config_tx_us;
			b->poll = true;
			if (faster)
				restart_tx(e, b);
		}
		break;
	case ECRC_BFD_INIT:
		eng_timer_arm(e, &b->detect, e->now + eng_bfd_detect_time_us(b));
		break;
	case ECRC_BFD_DOWN:
	case ECRC_BFD_ADMIN_DOWN:
		b->local_diag = diag;
		b->poll = false;
		eng_timer_stop(&b->detect);
		/* 6.8.3: "When bfd.SessionState is not Up, the system MUST set
		 * bfd.DesiredMinTxInterval to a value of not less than one
		 * second" */
		if (b->desired_min_tx_us < SLOW_TX_US)
			b->desired_min_tx_us = SLOW_TX_US;
		break;
	}
	if (old == ECRC_BFD_UP) {
		b->flaps++;
		if (b->down_at == ECRC_ENGINE_NEVER)
			b->down_at = e->now;
		/* RFC 5882 4.3: the session it protects goes down with it */
		if (b->client)
			eng_bgp_event(e, b->client, ENG_BGP_BFD_DOWN, NULL);
	}
}

/* ---- reception: one handler per state (6.8.6) ------------------------------------------- */

static void bfd_rx_down(struct eng *e, struct eng_bfd *b, uint8_t received)
{
	/* "If bfd.SessionState is Down: If received State is Down, set
	 * bfd.SessionState to Init. Else if received State is Init, set
	 * bfd.SessionState to Up" */
	if (received == ECRC_BFD_DOWN)
		eng_bfd_set_state(e, b, ECRC_BFD_INIT, ENG_BFD_DIAG_NONE);
	else if (received == ECRC_BFD_INIT)
		eng_bfd_set_state(e, b, ECRC_BFD_UP, ENG_BFD_DIAG_NONE);
}

static void bfd_rx_init(struct eng *e, struct eng_bfd *b, uint8_t received)
{
	/* "Else if bfd.SessionState is Init: If received State is Init or Up,
	 * set bfd.SessionState to Up" */
	if (received == ECRC_BFD_INIT || received == ECRC_BFD_UP)
		eng_bfd_set_state(e, b, ECRC_BFD_UP, ENG_BFD_DIAG_NONE);
}

static void bfd_rx_up(struct eng *e, struct eng_bfd *b, uint8_t received)
{
	/* "Else (bfd.SessionState is Up): If received State is Down, set
	 * bfd.LocalDiag to 3 (Neighbor signaled session down), set
	 * bfd.SessionState to Down" */
	if (received == ECRC_BFD_DOWN)
		eng_bfd_set_state(e, b, ECRC_BFD_DOWN, ENG_BFD_DIAG_NEIGHBOR_DOWN);
}

static void (*const rx_handler[])(struct eng *, struct eng_bfd *, uint8_t) = {
    [ECRC_BFD_ADMIN_DOWN] = NULL,
    [ECRC_BFD_DOWN] = bfd_rx_down,
    [ECRC_BFD_INIT] = bfd_rx_init,
    [ECRC_BFD_UP] = bfd_rx_up,
};

void eng_bfd_rx(struct eng *e, struct eng_bfd *b, const struct eng_bfd_packet *pkt)
{
	if (!b->enabled || !b->alive || !eng_circuit_delivers(b->c))
		return; /* lost on the wire, or nobody listens */
	ENG_SAVE(e, b);
	if (b->steady) {
		if (pkt->state == ECRC_BFD_UP && !pkt->poll && !pkt->final) {
			b->last_rx_us = e->now;
			return;
		}
		eng_bfd_wake(e, b);
	}
	/* 6.8.6 */
	if (pkt->detect_mult == 0) /* "If the Detect Mult field is zero, the packet MUST be discarded" */
		return;
	if (pkt->my_discr == 0) /* "If the My Discriminator field is zero, the packet MUST be discarded" */
		return;
	if (pkt->your_discr != 0 && pkt->your_discr != b->local_discr)
		return; /* "If no session is found, the packet MUST be discarded" */
	if (pkt->your_discr == 0 && pkt->state != ECRC_BFD_DOWN && pkt->state != ECRC_BFD_ADMIN_DOWN)
		return; /* "If the Your Discriminator field is zero and the State field is not Down or
		           AdminDown" */
	/* "Set bfd.RemoteDiscr to the value of My Discriminator. Set
	 * bfd.RemoteState to the value of the State (Sta) field. [...] Set
	 * bfd.RemoteMinRxInterval to the value of Required Min RX Interval." */
	b->remote_discr = pkt->my_discr;
	b->remote_state = pkt->state;
	b->remote_min_rx_us = pkt->required_min_rx_us;
	b->remote_desired_min_tx_us = pkt->desired_min_tx_us;
	b->remote_detect_mult = pkt->detect_mult;
	b->last_rx_us = e->now;
	/* "If a Poll Sequence is being transmitted by the local system and the
	 * Final (F) bit in the received packet is set, the Poll Sequence MUST
	 * be terminated." */
	if (pkt->final && b->poll) {
		b->poll = false;
		restart_tx(e, b); /* FRR's bs_final_handler */
	}
	/* "If bfd.SessionState is AdminDown: Discard the packet" */
	if (b->state == ECRC_BFD_ADMIN_DOWN)
		return;
	/* "If received state is AdminDown: If bfd.SessionState is not Down,
	 * set bfd.LocalDiag to 3 (Neighbor signaled session down), set
	 * bfd.SessionState to Down" */
	if (pkt->state == ECRC_BFD_ADMIN_DOWN) {
		if (b->state != ECRC_BFD_DOWN)
			eng_bfd_set_state(e, b, ECRC_BFD_DOWN, ENG_BFD_DIAG_NEIGHBOR_DOWN);
	} else {
		rx_handler[b->state](e, b, pkt->state);
	}
	/* 6.8.4: the detection timer runs from the last packet received */
	if (b->state == ECRC_BFD_INIT || b->state == ECRC_BFD_UP)
		eng_timer_arm(e, &b->detect, e->now + eng_bfd_detect_time_us(b));
	/* "If the Poll (P) bit is set, send a BFD Control packet to the remote
	 * system with the Poll (P) bit clear, and the Final (F) bit set" */
	if (pkt->poll)
		transmit(e, b, true);
	bfd_quiesce(e, b->c);
}

/* ---- timers ---------------------------------------------------------------------------------- */

void eng_bfd_deliver(struct eng *e, const struct eng_event *ev)
{
	eng_bfd_rx(e, ev->obj, &ev->u.bfd);
}

void eng_bfd_detect_expired(struct eng *e, struct eng_timer *t)
{
	struct eng_bfd *b = t->owner;
	if (!b->alive)
		return;
	/* 6.8.4: "If a period of a Detection Time passes without the receipt
	 * of a valid, authenticated BFD packet from the remote system, [...]
	 * and bfd.SessionState is Init or Up, the session has gone down -- the
	 * local system MUST set bfd.SessionState to Down and bfd.LocalDiag to
	 * 1". 6.8.1: bfd.RemoteDiscr "MUST be set to zero if the Detection
	 * Time expires". */
	if (b->state == ECRC_BFD_INIT || b->state == ECRC_BFD_UP) {
		b->remote_discr = 0;
		b->remote_state = ECRC_BFD_DOWN;
		eng_bfd_set_state(e, b, ECRC_BFD_DOWN, ENG_BFD_DIAG_DETECT_EXPIRED);
	}
}

/* The periodic transmission. */
void eng_bfd_tx_expired(struct eng *e, struct eng_timer *t)
{
	struct eng_bfd *b = t->owner;
	if (!b->alive)
		return;
	transmit(e, b, false);
	b->next_tx_us = e->now + jittered(b, tx_interval(b));
	if (eng_circuit_delivers(b->c))
		eng_timer_arm(e, &b->tx, b->next_tx_us);
	/* else: a dead circuit loses every packet; nothing to simulate until
	 * it comes back (circuits do not come back within a drill) */
	bfd_quiesce(e, b->c);
}

/* ---- events from outside ----------------------------------------------------------------- */

void eng_bfd_path_down(struct eng *e, struct eng_bfd *b)
{
	if (!b->enabled || !b->alive)
		return;
	eng_bfd_wake(e, b);
	ENG_SAVE(e, b);
	if (b->state != ECRC_BFD_ADMIN_DOWN)
		eng_bfd_set_state(e, b, ECRC_BFD_DOWN, ENG_BFD_DIAG_PATH_DOWN);
}

void eng_bfd_stop(struct eng *e, struct eng_bfd *b)
{
	if (!b->enabled)
		return;
	eng_bfd_wake(e, b);
	ENG_SAVE(e, b);
	b->alive = false;
	b->steady = false;
	eng_timer_stop(&b->tx);
	eng_timer_stop(&b->detect);
}

void eng_bfd_admin(struct eng *e, struct eng_bfd *b, bool down)
{
	if (!b->enabled)
		return;
	eng_bfd_wake(e, b);
	ENG_SAVE(e, b);
	if (down) {
		eng_bfd_set_state(e, b, ECRC_BFD_ADMIN_DOWN, ENG_BFD_DIAG_ADMIN_DOWN);
	} else if (b->state == ECRC_BFD_ADMIN_DOWN) {
		eng_bfd_set_state(e, b, ECRC_BFD_DOWN, ENG_BFD_DIAG_NONE);
		if (!b->tx.armed && b->peer) {
			b->next_tx_us = e->now + jittered(b, tx_interval(b));
			eng_timer_arm(e, &b->tx, b->next_tx_us);
		}
	}
}
