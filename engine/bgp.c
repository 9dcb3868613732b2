/*
 * bgp.c: the BGP-4 session (RFC 4271) on one side of a circuit. The finite
 * state machine of section 8 (Idle, Connect, Active, OpenSent,
 * OpenConfirm, Established) with one handler per state and one
 * transition function, eng_bgp_set_state(), that logs "from X to Y" and
 * does what entering and leaving a state implies (routes advertised on
 * Established, withdrawn when leaving it, the automatic restart after
 * Idle). The OPEN checks of 6.2 (peer AS, hold time), the hold time
 * negotiation of 4.2, KEEPALIVE and hold timers, NOTIFICATION, and the
 * TCP underneath in three messages (SYN, SYN-ACK, RST) with RFC 2385 MD5:
 * a segment whose signature the receiver cannot check is dropped, so with
 * MD5 on one side only the connection never opens.
 *
 * Elision: once both sides are Established on one connection over a
 * circuit that delivers, the KEEPALIVEs only move the peer's hold timer.
 * bgp_quiesce() stops the keepalive and hold timers and keeps when the
 * next KEEPALIVE is due and when the last one arrived; eng_bgp_wake()
 * replays them before anything changes the session.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine/internal.h"

#define CONNECT_RETRY_S 120u /* RFC 4271 10: ConnectRetryTime, suggested 120 s */
#define OPEN_HOLD_S 240u     /* RFC 4271 8.2.2: "a large value [...] 4 minutes is suggested" */
#define IDLE_HOLD_INIT_S 1u  /* FRR's BGP_INIT_START_TIMER */
#define IDLE_HOLD_MAX_S 120u
#define US 1000000ull

/* NOTIFICATION codes (RFC 4271 4.5) and Cease subcodes (RFC 4486, RFC 9384) */
enum {
	NOTIF_OPEN_ERROR = 2,
	OPEN_BAD_PEER_AS = 2,
	OPEN_UNACCEPTABLE_HOLD = 6,
	NOTIF_HOLD_EXPIRED = 4,
	NOTIF_FSM_ERROR = 5,
	NOTIF_CEASE = 6,
	CEASE_MAX_PREFIX = 1,
	CEASE_ADMIN_SHUTDOWN = 2,
	CEASE_ADMIN_RESET = 4,
	CEASE_BFD_DOWN = 10,
};

static const char *const state_names[] = {
    [ECRC_BGP_IDLE] = "Idle",
    [ECRC_BGP_CONNECT] = "Connect",
    [ECRC_BGP_ACTIVE] = "Active",
    [ECRC_BGP_OPENSENT] = "OpenSent",
    [ECRC_BGP_OPENCONFIRM] = "OpenConfirm",
    [ECRC_BGP_ESTABLISHED] = "Established",
};

const char *ecrc_engine_bgp_state_name(enum ecrc_engine_bgp_state s)
{
	return (unsigned)s < 6 ? state_names[s] : "?";
}

/* ---- messages ----------------------------------------------------------------------- */

bool eng_circuit_delivers(const struct eng_circuit *c)
{
	return c->link->up && c->cpe->alive && c->vbr != NULL;
}

static void send_msg(struct eng *e, struct eng_bgp *b, struct eng_bgp_msg msg, uint64_t extra_delay)
{
	if (!b->alive || !b->peer || !eng_circuit_delivers(b->c))
		return; /* lost on the wire */
	struct eng_event ev = {
	    .time = e->now + e->opt.link_delay_us + extra_delay,
	    .handler = eng_bgp_deliver,
	    .obj = b->peer,
	    .u.bgp = msg,
	};
	eng_push(e, &ev);
}

static void send_notification(struct eng *e, struct eng_bgp *b, uint8_t code, uint8_t subcode)
{
	eng_trace(e, "bgp %s: sends NOTIFICATION %u/%u", b->name, code, subcode);
	send_msg(e, b,
	         (struct eng_bgp_msg){
	             .type = ENG_MSG_NOTIFICATION, .code = code, .subcode = subcode, .conn = b->conn},
	         0);
}

static void send_open(struct eng *e, struct eng_bgp *b)
{
	send_msg(e, b,
	         (struct eng_bgp_msg){.type = ENG_MSG_OPEN,
	                              .conn = b->conn,
	                              .my_as = b->local_as,
	                              .bgp_id = b->bgp_id,
	                              .hold_s = b->hold_cfg_s},
	         0);
}

/* 10: "jitter SHOULD be applied to the timers associated with [...]
 * KeepaliveTimer [...] by multiplying the base value of the appropriate
 * timer by a random factor, which is uniformly distributed in the range
 * from 0.75 to 1.0". */
static uint64_t keepalive_interval(struct eng_bgp *b)
{
	uint64_t base = b->keepalive_s * US;
	return base - base / 4 + eng_prng_below(&b->prng, base / 4 + 1);
}

/* "Each time the local system sends a KEEPALIVE or UPDATE message, it
 * restarts its KeepaliveTimer, unless the negotiated HoldTime value is
 * zero" (8.2.2, Established). */
static void restart_keepalive(struct eng *e, struct eng_bgp *b)
{
	if (b->keepalive_s == 0)
		return;
	b->next_keepalive_us = e->now + keepalive_interval(b);
	if (!b->steady)
		eng_timer_arm(e, &b->keepalive, b->next_keepalive_us);
}

static void send_keepalive(struct eng *e, struct eng_bgp *b)
{
	send_msg(e, b, (struct eng_bgp_msg){.type = ENG_MSG_KEEPALIVE, .conn = b->conn}, 0);
	restart_keepalive(e, b);
}

void eng_bgp_send_update(struct eng *e, struct eng_bgp *b, uint32_t prefix, const struct eng_attrs *attrs)
{
	ENG_SAVE(e, b);
	send_msg(
	    e, b,
	    (struct eng_bgp_msg){.type = ENG_MSG_UPDATE, .conn = b->conn, .prefix = prefix, .attrs = attrs},
	    eng_hop_delay(e, b->is_cpe ? ENG_R_CPE : ENG_R_VBR));
	restart_keepalive(e, b);
}

/* 8.2.2: "restarts its HoldTimer, if the negotiated HoldTime value is
 * non-zero" (on KEEPALIVE and UPDATE). */
static void restart_hold(struct eng *e, struct eng_bgp *b)
{
	b->last_rx_us = e->now;
	if (b->hold_s && !b->steady)
		eng_timer_arm(e, &b->hold, e->now + b->hold_s * US);
}

/* ---- elision ---------------------------------------------------------------------------- */

static void bgp_quiesce(struct eng *e, struct eng_circuit *c)
{
	struct eng_bgp *a = &c->cpe_bgp, *b = &c->vbr_bgp;
	if (e->opt.no_elision || a->steady)
		return;
	if (a->state != ECRC_BGP_ESTABLISHED || b->state != ECRC_BGP_ESTABLISHED || a->conn != b->conn ||
	    !a->alive || !b->alive || !eng_circuit_delivers(c))
		return;
	/* a hold timer that no KEEPALIVE restarts (the peer's keepalive 0)
	 * will expire: that is not a steady state */
	if ((a->hold_s && !b->keepalive_s) || (b->hold_s && !a->keepalive_s))
		return;
	ENG_SAVE(e, a);
	ENG_SAVE(e, b);
	a->steady = b->steady = true;
	eng_timer_stop(&a->keepalive);
	eng_timer_stop(&a->hold);
	eng_timer_stop(&b->keepalive);
	eng_timer_stop(&b->hold);
}

static void materialize(struct eng *e, struct eng_bgp *x, struct eng_bgp *y)
{
	if (x->keepalive_s == 0)
		return;
	uint64_t d = e->opt.link_delay_us;
	while (x->next_keepalive_us < e->now) {
		uint64_t t = x->next_keepalive_us;
		if (t + d < e->now) {
			if (t + d > y->last_rx_us)
				y->last_rx_us = t + d;
		} else {
			struct eng_event ev = {
			    .time = t + d,
			    .handler = eng_bgp_deliver,
			    .obj = y,
			    .u.bgp = {.type = ENG_MSG_KEEPALIVE, .conn = x->conn},
			};
			eng_push(e, &ev);
		}
		x->next_keepalive_us = t + keepalive_interval(x);
	}
}

void eng_bgp_wake(struct eng *e, struct eng_bgp *b)
{
	struct eng_circuit *c = b->c;
	struct eng_bgp *x = &c->cpe_bgp, *y = &c->vbr_bgp;
	if (!x->steady)
		return;
	ENG_SAVE(e, x);
	ENG_SAVE(e, y);
	materialize(e, x, y);
	materialize(e, y, x);
	x->steady = y->steady = false;
	struct eng_bgp *both[2] = {x, y};
	for (int i = 0; i < 2; i++) {
		struct eng_bgp *h = both[i];
		if (h->keepalive_s)
			eng_timer_arm(e, &h->keepalive, h->next_keepalive_us);
		if (h->hold_s)
			eng_timer_arm(e, &h->hold, h->last_rx_us + h->hold_s * US);
	}
}

/* ---- the transition function -------------------------------------------------------------- */

static void stop_timers(struct eng_bgp *b)
{
	eng_timer_stop(&b->connect_retry);
	eng_timer_stop(&b->hold);
	eng_timer_stop(&b->keepalive);
	eng_timer_stop(&b->idle_hold);
}

void eng_bgp_set_state(struct eng *e, struct eng_bgp *b, uint8_t state)
{
	uint8_t old = b->state;
	if (old == state)
		return;
	ENG_SAVE(e, b);
	eng_trace(e, "bgp %s: from %s to %s", b->name, state_names[old], state_names[state]);
	b->state = state;
	if (old == ECRC_BGP_ESTABLISHED) {
		e->last_change = e->now;
		eng_adj_down(e, b->adj);
	}
	switch (state) {
	case ECRC_BGP_IDLE:
		/* 8.2.2: in Idle, "all BGP resources" are released */
		stop_timers(b);
		b->conn = 0;
		b->steady = false;
		if (!b->shutdown && b->alive) {
			/* 8.1.1: the automatic restart after IdleHoldTime, longer
			 * after each failure to establish (DampPeerOscillations);
			 * a passive speaker is listening again at once */
			uint64_t wait = b->restart_after_s ? (uint64_t)b->restart_after_s * US
			                : b->passive       ? 0
			                                   : b->idle_hold_s * US;
			b->restart_after_s = 0;
			eng_timer_arm(e, &b->idle_hold, e->now + wait);
			if (old != ECRC_BGP_ESTABLISHED && b->idle_hold_s < IDLE_HOLD_MAX_S)
				b->idle_hold_s = b->idle_hold_s * 2 > IDLE_HOLD_MAX_S ? IDLE_HOLD_MAX_S
				                                                      : b->idle_hold_s * 2;
		}
		break;
	case ECRC_BGP_ESTABLISHED:
		b->idle_hold_s = IDLE_HOLD_INIT_S;
		b->error = ENG_BGP_ERR_NONE;
		b->error_detail[0] = '\0';
		e->last_change = e->now;
		if (e->recording)
			e->drill_recovered = true;
		eng_adj_up(e, b->adj);
		bgp_quiesce(e, b->c);
		break;
	default:
		break;
	}
}

/* Leaving Established (or an earlier state) for Idle, noting how. */
static void go_idle(struct eng *e, struct eng_bgp *b, enum ecrc_engine_detect by)
{
	if (b->state == ECRC_BGP_ESTABLISHED && b->down_at == ECRC_ENGINE_NEVER) {
		b->down_at = e->now;
		b->down_by = (uint8_t)by;
	}
	if (b->state == ECRC_BGP_ESTABLISHED) {
		b->flaps++;
		const char *who = b->is_cpe ? b->c->cpe->id : b->c->vbr->id;
		const char *peer = b->is_cpe ? b->c->vbr->id : b->c->cpe->id;
		if (by == ECRC_DETECT_HOLD_TIMER && b->peer && b->peer->keepalive_s == 0)
			snprintf(b->flap_detail, sizeof(b->flap_detail),
			         "hold timer expired on %s: %s sends no KEEPALIVEs", who, peer);
		else
			snprintf(b->flap_detail, sizeof(b->flap_detail), "%s on %s",
			         ecrc_engine_detect_name(by), who);
	}
	eng_bgp_set_state(e, b, ECRC_BGP_IDLE);
}

static void set_error(struct eng_bgp *b, enum eng_bgp_error err, const char *fmt, ...) ECRC_PRINTF(3, 4);

/* The reason, prefixed with the router that has it. */
static void set_error(struct eng_bgp *b, enum eng_bgp_error err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	b->error = (uint8_t)err;
	const char *who = b->is_cpe ? b->c->cpe->id : b->c->vbr ? b->c->vbr->id : "?";
	int n = snprintf(b->error_detail, sizeof(b->error_detail), "%s: ", who);
	if (n > 0 && (size_t)n < sizeof(b->error_detail))
		vsnprintf(b->error_detail + n, sizeof(b->error_detail) - (size_t)n, fmt, ap);
	va_end(ap);
}

static void connect_out(struct eng *e, struct eng_bgp *b)
{
	eng_timer_arm(e, &b->connect_retry, e->now + CONNECT_RETRY_S * US);
	send_msg(e, b, (struct eng_bgp_msg){.type = ENG_MSG_SYN}, 0);
}

static void connection_open(struct eng *e, struct eng_bgp *b)
{
	eng_timer_stop(&b->connect_retry);
	send_open(e, b);
	eng_timer_arm(e, &b->hold, e->now + OPEN_HOLD_S * US);
	eng_bgp_set_state(e, b, ECRC_BGP_OPENSENT);
}

/* 6.2: the OPEN checks this engine models. */
static bool open_acceptable(struct eng *e, struct eng_bgp *b, const struct eng_bgp_msg *m)
{
	if (m->my_as != b->remote_as) {
		/* "If the Autonomous System field of the OPEN message is
		 * unacceptable, then the Error Subcode MUST be set to Bad Peer
		 * AS." */
		set_error(b, ENG_BGP_ERR_BAD_PEER_AS, "OPEN from AS %u, expected remote AS %u", m->my_as,
		          b->remote_as);
		send_notification(e, b, NOTIF_OPEN_ERROR, OPEN_BAD_PEER_AS);
		return false;
	}
	if (!ecrc_bgp_hold_acceptable(m->hold_s)) {
		/* "An implementation MUST reject Hold Time values of one or two
		 * seconds." */
		set_error(b, ENG_BGP_ERR_BAD_HOLD, "OPEN with hold time %u s (1 and 2 are refused)",
		          m->hold_s);
		send_notification(e, b, NOTIF_OPEN_ERROR, OPEN_UNACCEPTABLE_HOLD);
		return false;
	}
	b->hold_s = ecrc_bgp_negotiated_hold(b->hold_cfg_s, m->hold_s);
	b->keepalive_s = ecrc_bgp_keepalive(b->keepalive_cfg_s, b->hold_s);
	return true;
}

/* ---- one handler per state ------------------------------------------------------------------ */

static void bgp_idle(struct eng *e, struct eng_bgp *b, enum eng_bgp_event ev, const struct eng_bgp_msg *m)
{
	(void)m;
	switch (ev) {
	case ENG_BGP_MANUAL_START:
	case ENG_BGP_AUTOMATIC_START:
	case ENG_BGP_AUTOMATIC_START_PASSIVE:
		if (b->shutdown)
			return;
		if (b->passive || ev == ENG_BGP_AUTOMATIC_START_PASSIVE) {
			/* 8.2.1.5 PassiveTcpEstablishment: listen for the peer */
			eng_bgp_set_state(e, b, ECRC_BGP_ACTIVE);
		} else {
			/* "initiates a TCP connection to the other BGP peer,
			 * [...] changes its state to Connect" */
			connect_out(e, b);
			eng_bgp_set_state(e, b, ECRC_BGP_CONNECT);
		}
		break;
	default:
		break; /* "any other event [...] is ignored in the Idle state" */
	}
}

static void bgp_connect(struct eng *e, struct eng_bgp *b, enum eng_bgp_event ev, const struct eng_bgp_msg *m)
{
	(void)m;
	switch (ev) {
	case ENG_BGP_CONNECT_RETRY_EXPIRES:
		/* "restarts the ConnectRetryTimer, [...] initiates a TCP
		 * connection to the other BGP peer, continues to listen" */
		if (b->error == ENG_BGP_ERR_NONE)
			set_error(b, ENG_BGP_ERR_NO_CONNECTION,
			          "no TCP connection (circuit down or MD5 mismatch)");
		connect_out(e, b);
		break;
	case ENG_BGP_TCP_CR_ACKED:
	case ENG_BGP_TCP_CONFIRMED:
		connection_open(e, b);
		break;
	case ENG_BGP_TCP_FAILS:
		/* "restarts the ConnectRetryTimer, continues to listen for a
		 * connection [...] and changes its state to Active" */
		eng_timer_arm(e, &b->connect_retry, e->now + CONNECT_RETRY_S * US);
		eng_bgp_set_state(e, b, ECRC_BGP_ACTIVE);
		break;
	case ENG_BGP_MANUAL_STOP:
		eng_bgp_set_state(e, b, ECRC_BGP_IDLE);
		break;
	default:
		break;
	}
}

static void bgp_active(struct eng *e, struct eng_bgp *b, enum eng_bgp_event ev, const struct eng_bgp_msg *m)
{
	(void)m;
	switch (ev) {
	case ENG_BGP_CONNECT_RETRY_EXPIRES:
		if (b->passive)
			break;
		connect_out(e, b);
		eng_bgp_set_state(e, b, ECRC_BGP_CONNECT);
		break;
	case ENG_BGP_TCP_CR_ACKED:
	case ENG_BGP_TCP_CONFIRMED:
		connection_open(e, b);
		break;
	case ENG_BGP_MANUAL_STOP:
		eng_bgp_set_state(e, b, ECRC_BGP_IDLE);
		break;
	default:
		break;
	}
}

/* What OpenSent and OpenConfirm do alike (8.2.2): the hold timer, a
 * NOTIFICATION, a lost connection, anything unexpected. */
static void bgp_opening(struct eng *e, struct eng_bgp *b, enum eng_bgp_event ev, const struct eng_bgp_msg *m)
{
	switch (ev) {
	case ENG_BGP_HOLD_EXPIRES:
		send_notification(e, b, NOTIF_HOLD_EXPIRED, 0);
		go_idle(e, b, ECRC_DETECT_HOLD_TIMER);
		break;
	case ENG_BGP_NOTIF:
		set_error(b, ENG_BGP_ERR_PEER_NOTIFICATION, "the peer sent NOTIFICATION %u/%u", m->code,
		          m->subcode);
		go_idle(e, b, ECRC_DETECT_NOTIFICATION);
		break;
	case ENG_BGP_CARRIER_DOWN:
	case ENG_BGP_TCP_FAILS:
	case ENG_BGP_MANUAL_STOP:
		go_idle(e, b, ECRC_DETECT_CARRIER);
		break;
	case ENG_BGP_BFD_DOWN:
		break; /* BFD only matters to an established session */
	default:
		send_notification(e, b, NOTIF_FSM_ERROR, 0);
		go_idle(e, b, ECRC_DETECT_NONE);
		break;
	}
}

static void bgp_opensent(struct eng *e, struct eng_bgp *b, enum eng_bgp_event ev, const struct eng_bgp_msg *m)
{
	if (ev != ENG_BGP_OPEN) {
		bgp_opening(e, b, ev, m);
		return;
	}
	if (!open_acceptable(e, b, m)) {
		go_idle(e, b, ECRC_DETECT_NONE);
		return;
	}
	/* "sends a KEEPALIVE message, sets a KeepaliveTimer, sets the HoldTimer
	 * according to the negotiated value, changes its state to OpenConfirm" */
	eng_timer_stop(&b->hold);
	send_keepalive(e, b);
	restart_hold(e, b);
	eng_bgp_set_state(e, b, ECRC_BGP_OPENCONFIRM);
}

static void bgp_openconfirm(struct eng *e, struct eng_bgp *b, enum eng_bgp_event ev,
                            const struct eng_bgp_msg *m)
{
	switch (ev) {
	case ENG_BGP_KEEPALIVE:
		/* "restarts the HoldTimer and changes its state to Established" */
		restart_hold(e, b);
		eng_bgp_set_state(e, b, ECRC_BGP_ESTABLISHED);
		break;
	case ENG_BGP_KEEPALIVE_EXPIRES:
		send_keepalive(e, b);
		break;
	default:
		bgp_opening(e, b, ev, m);
		break;
	}
}

static void bgp_established(struct eng *e, struct eng_bgp *b, enum eng_bgp_event ev,
                            const struct eng_bgp_msg *m)
{
	switch (ev) {
	case ENG_BGP_KEEPALIVE:
		restart_hold(e, b);
		break;
	case ENG_BGP_UPDATE:
		restart_hold(e, b);
		eng_rib_update(e, b->adj->self, b->adj, m->prefix, m->attrs,
		               &(struct eng_path){.bgp_id = b->peer->bgp_id,
		                                  .peer_addr = b->peer->address,
		                                  .region = b->c->vbr->region,
		                                  .ebgp = true});
		if (b->max_prefixes && b->adj->accepted > b->max_prefixes)
			bgp_established(e, b, ENG_BGP_MAX_PREFIX, NULL);
		break;
	case ENG_BGP_KEEPALIVE_EXPIRES:
		send_keepalive(e, b);
		break;
	case ENG_BGP_HOLD_EXPIRES:
		/* 6.5: "If a system does not receive successive KEEPALIVE,
		 * UPDATE, and/or NOTIFICATION messages within the period
		 * specified in the Hold Time field of the OPEN message, then the
		 * NOTIFICATION message with the Hold Timer Expired Error Code is
		 * sent and the BGP connection is closed." */
		eng_trace(e, "bgp %s: hold timer expired (%u s)", b->name, b->hold_s);
		send_notification(e, b, NOTIF_HOLD_EXPIRED, 0);
		go_idle(e, b, ECRC_DETECT_HOLD_TIMER);
		break;
	case ENG_BGP_NOTIF:
		set_error(b, ENG_BGP_ERR_PEER_NOTIFICATION, "the peer sent NOTIFICATION %u/%u", m->code,
		          m->subcode);
		go_idle(e, b, ECRC_DETECT_NOTIFICATION);
		break;
	case ENG_BGP_BFD_DOWN:
		/* RFC 5882 4.3, RFC 9384: Cease, "BFD Down" */
		send_notification(e, b, NOTIF_CEASE, CEASE_BFD_DOWN);
		go_idle(e, b, ECRC_DETECT_BFD);
		break;
	case ENG_BGP_CARRIER_DOWN:
		/* the directly connected interface is gone: fast external
		 * fallover (IOS-XE, FRR and EOS default) */
		go_idle(e, b, ECRC_DETECT_CARRIER);
		break;
	case ENG_BGP_MAX_PREFIX:
		/* RFC 4486: Cease, "Maximum Number of Prefixes Reached". A limit
		 * that recovers starts the session again after its restart time
		 * (IOS-XE/FRR "restart", Junos "idle-timeout", Comware
		 * "reconnect", EOS idle-restart-timer; BIRD at once); one that
		 * does not stays down until cleared */
		set_error(b, ENG_BGP_ERR_MAX_PREFIX, "more than %u prefixes received (maximum-prefix%s)",
		          b->max_prefixes,
		          b->max_prefix_recovers ? ", restarts by itself" : ", cleared by hand");
		send_notification(e, b, NOTIF_CEASE, CEASE_MAX_PREFIX);
		if (b->max_prefix_recovers)
			b->restart_after_s =
			    b->max_prefix_restart_s ? b->max_prefix_restart_s : IDLE_HOLD_INIT_S;
		else
			b->shutdown = true;
		go_idle(e, b, ECRC_DETECT_NOTIFICATION);
		break;
	case ENG_BGP_ADMIN_RESET:
		send_notification(e, b, NOTIF_CEASE, CEASE_ADMIN_RESET);
		go_idle(e, b, ECRC_DETECT_NOTIFICATION);
		break;
	case ENG_BGP_MANUAL_STOP:
		send_notification(e, b, NOTIF_CEASE, CEASE_ADMIN_SHUTDOWN);
		go_idle(e, b, ECRC_DETECT_NONE);
		break;
	case ENG_BGP_TCP_FAILS:
		go_idle(e, b, ECRC_DETECT_CARRIER);
		break;
	default:
		send_notification(e, b, NOTIF_FSM_ERROR, 0);
		go_idle(e, b, ECRC_DETECT_NONE);
		break;
	}
}

static void (*const handler[])(struct eng *, struct eng_bgp *, enum eng_bgp_event,
                               const struct eng_bgp_msg *) = {
    [ECRC_BGP_IDLE] = bgp_idle,
    [ECRC_BGP_CONNECT] = bgp_connect,
    [ECRC_BGP_ACTIVE] = bgp_active,
    [ECRC_BGP_OPENSENT] = bgp_opensent,
    [ECRC_BGP_OPENCONFIRM] = bgp_openconfirm,
    [ECRC_BGP_ESTABLISHED] = bgp_established,
};

void eng_bgp_event(struct eng *e, struct eng_bgp *b, enum eng_bgp_event ev, const struct eng_bgp_msg *msg)
{
	if (!b->configured || !b->alive)
		return;
	ENG_SAVE(e, b);
	/* anything but routine traffic ends the steady state first */
	if (b->steady && ev != ENG_BGP_UPDATE)
		eng_bgp_wake(e, b);
	handler[b->state](e, b, ev, msg);
}

/* ---- the wire --------------------------------------------------------------------------------- */

/* A SYN arrives: RFC 2385 first, then whether anybody listens. */
static void tcp_syn(struct eng *e, struct eng_bgp *b)
{
	struct eng_bgp *peer = b->peer;
	if (!b->configured) {
		send_msg(e, b, (struct eng_bgp_msg){.type = ENG_MSG_RST}, 0);
		return;
	}
	if (b->md5 != peer->md5) {
		/* RFC 2385 2.0: "Upon receipt by a host, the receiving host
		 * MUST [...] discard the segment if the digest does not match"
		 * (or is missing, or unexpected) */
		eng_trace(e, "bgp %s: TCP segment dropped: MD5 signature %s", b->name,
		          b->md5 ? "missing" : "not expected");
		return;
	}
	if (b->shutdown || (b->state != ECRC_BGP_CONNECT && b->state != ECRC_BGP_ACTIVE) || b->conn != 0) {
		/* not listening, or a connection already (collisions, 6.8, are
		 * not modelled: the newer attempt is refused) */
		send_msg(e, b, (struct eng_bgp_msg){.type = ENG_MSG_RST}, 0);
		return;
	}
	struct eng_circuit *c = b->c;
	ENG_SAVE(e, c);
	b->conn = ++c->conn_gen;
	send_msg(e, b, (struct eng_bgp_msg){.type = ENG_MSG_SYNACK, .conn = b->conn}, 0);
	eng_bgp_event(e, b, ENG_BGP_TCP_CONFIRMED, NULL);
}

void eng_bgp_rx(struct eng *e, struct eng_bgp *b, const struct eng_bgp_msg *m)
{
	if (!b->alive || !eng_circuit_delivers(b->c))
		return; /* lost on the wire */
	ENG_SAVE(e, b);
	switch ((enum eng_bgp_msg_type)m->type) {
	case ENG_MSG_SYN:
		tcp_syn(e, b);
		return;
	case ENG_MSG_SYNACK:
		if ((b->state == ECRC_BGP_CONNECT || b->state == ECRC_BGP_ACTIVE) && b->conn == 0) {
			b->conn = m->conn;
			eng_bgp_event(e, b, ENG_BGP_TCP_CR_ACKED, m);
		}
		return;
	case ENG_MSG_RST:
		if (b->state == ECRC_BGP_CONNECT && b->conn == 0)
			eng_bgp_event(e, b, ENG_BGP_TCP_FAILS, m);
		return;
	default:
		break;
	}
	if (m->conn != b->conn || b->conn == 0)
		return; /* from a connection that is gone */
	switch ((enum eng_bgp_msg_type)m->type) {
	case ENG_MSG_OPEN:
		eng_bgp_event(e, b, ENG_BGP_OPEN, m);
		break;
	case ENG_MSG_KEEPALIVE:
		if (b->steady) {
			b->last_rx_us = e->now;
			break;
		}
		eng_bgp_event(e, b, ENG_BGP_KEEPALIVE, m);
		break;
	case ENG_MSG_NOTIFICATION:
		eng_trace(e, "bgp %s: received NOTIFICATION %u/%u", b->name, m->code, m->subcode);
		eng_bgp_event(e, b, ENG_BGP_NOTIF, m);
		break;
	case ENG_MSG_UPDATE:
		eng_bgp_event(e, b, ENG_BGP_UPDATE, m);
		break;
	default:
		break;
	}
}

void eng_bgp_deliver(struct eng *e, const struct eng_event *ev)
{
	eng_bgp_rx(e, ev->obj, &ev->u.bgp);
}

/* The timers' hooks: each expiry is an RFC 4271 8.1.3 event. */
static void connect_retry_expired(struct eng *e, struct eng_timer *t)
{
	eng_bgp_event(e, t->owner, ENG_BGP_CONNECT_RETRY_EXPIRES, NULL);
}

static void hold_expired(struct eng *e, struct eng_timer *t)
{
	eng_bgp_event(e, t->owner, ENG_BGP_HOLD_EXPIRES, NULL);
}

static void keepalive_expired(struct eng *e, struct eng_timer *t)
{
	eng_bgp_event(e, t->owner, ENG_BGP_KEEPALIVE_EXPIRES, NULL);
}

static void idle_hold_expired(struct eng *e, struct eng_timer *t)
{
	struct eng_bgp *b = t->owner;
	eng_bgp_event(e, b, b->passive ? ENG_BGP_AUTOMATIC_START_PASSIVE : ENG_BGP_AUTOMATIC_START, NULL);
}

void eng_bgp_init_timers(struct eng_bgp *b)
{
	ENG_TIMER_INIT(&b->connect_retry, connect_retry_expired, b);
	ENG_TIMER_INIT(&b->hold, hold_expired, b);
	ENG_TIMER_INIT(&b->keepalive, keepalive_expired, b);
	ENG_TIMER_INIT(&b->idle_hold, idle_hold_expired, b);
}

void eng_bgp_stop(struct eng *e, struct eng_bgp *b)
{
	if (!b->configured)
		return;
	eng_bgp_wake(e, b);
	ENG_SAVE(e, b);
	if (b->state == ECRC_BGP_ESTABLISHED && b->down_at == ECRC_ENGINE_NEVER) {
		b->down_at = e->now;
		b->down_by = ECRC_DETECT_STOPPED;
	}
	b->alive = false;
	stop_timers(b);
	b->steady = false;
}
