/*
 * timers.c: the RFC timer arithmetic, in one place for lint (facts and
 * rules), the engine (its BFD and BGP machines, drill bounds, session
 * report) and the lab's predictions, so that they never disagree about a
 * design. BFD per RFC 5880 (6.8.2 transmit interval, 6.8.4 detection
 * time, 6.8.7 jitter); BGP per RFC 4271 (4.2 hold time, 4.4 and 10
 * keepalive). Times in microseconds for BFD, seconds for BGP, as the
 * protocols carry them.
 */
#include "common/common.h"

static uint64_t max_u64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/* ---- BFD (RFC 5880) -------------------------------------------------------- */

uint64_t ecrc_bfd_tx_interval_us(uint64_t a_desired_min_tx_us, uint64_t b_required_min_rx_us)
{
	/* 6.8.7: "the larger of bfd.DesiredMinTxInterval and
	 * bfd.RemoteMinRxInterval" (6.8.2: "the transmitting system [...]
	 * MUST NOT transmit [...] faster than the remote system is willing
	 * to receive") */
	return max_u64(a_desired_min_tx_us, b_required_min_rx_us);
}

uint64_t ecrc_bfd_detect_time_us(uint32_t b_detect_mult, uint64_t a_required_min_rx_us,
                                 uint64_t b_desired_min_tx_us)
{
	/* 6.8.4: "the value of Detect Mult received from the remote system,
	 * multiplied by the agreed transmit interval of the remote system (the
	 * greater of bfd.RequiredMinRxInterval and the last received Desired
	 * Min TX Interval)" */
	return (uint64_t)b_detect_mult * max_u64(a_required_min_rx_us, b_desired_min_tx_us);
}

void ecrc_bfd_jitter_range_us(uint64_t interval_us, uint32_t detect_mult, uint64_t *min_us, uint64_t *max_us)
{
	/* 6.8.7: "The periodic transmission of BFD Control packets MUST be
	 * jittered on a per-packet basis by up to 25%, that is, the interval
	 * MUST be reduced by a random value of 0 to 25% [...] If
	 * bfd.DetectMult is equal to 1, the interval between transmitted BFD
	 * Control packets MUST be no more than 90% of the negotiated
	 * transmission interval, and MUST be no less than 75%" */
	*min_us = interval_us - interval_us * 25 / 100;
	*max_us = detect_mult == 1 ? interval_us * 90 / 100 : interval_us;
}

void ecrc_bfd_timers(const struct ecrc_bfd_config *a, const struct ecrc_bfd_config *b,
                     struct ecrc_bfd_timers *out)
{
	out->a_tx_us = ecrc_bfd_tx_interval_us(a->desired_min_tx_us, b->required_min_rx_us);
	out->b_tx_us = ecrc_bfd_tx_interval_us(b->desired_min_tx_us, a->required_min_rx_us);
	out->a_detect_us =
	    ecrc_bfd_detect_time_us(b->detect_mult, a->required_min_rx_us, b->desired_min_tx_us);
	out->b_detect_us =
	    ecrc_bfd_detect_time_us(a->detect_mult, b->required_min_rx_us, a->desired_min_tx_us);
}

void ecrc_bfd_detect_window_us(uint64_t detect_us, uint64_t remote_tx_us, uint32_t remote_detect_mult,
                               uint64_t *best_us, uint64_t *bound_us)
{
	/* The detection timer restarts at every packet received (6.8.4), so
	 * after a silent failure it expires one Detection Time after the
	 * last packet that got through: at most that late, and at least that
	 * minus the longest gap between two of the remote's packets (6.8.7). */
	uint64_t shortest, longest;
	ecrc_bfd_jitter_range_us(remote_tx_us, remote_detect_mult, &shortest, &longest);
	*bound_us = detect_us;
	*best_us = detect_us > longest ? detect_us - longest : 0;
}

/* ---- BGP (RFC 4271) ---------------------------------------------------------- */

uint32_t ecrc_bgp_negotiated_hold(uint32_t a_hold_s, uint32_t b_hold_s)
{
	/* 4.2: "the calculated value [of the Hold Timer] MUST be the smaller
	 * of its configured Hold Time and the Hold Time received in the OPEN
	 * message. The Hold Time MUST be either zero or at least three
	 * seconds." */
	return a_hold_s < b_hold_s ? a_hold_s : b_hold_s;
}

bool ecrc_bgp_hold_acceptable(uint32_t hold_s)
{
	/* 6.2: "An implementation MUST reject Hold Time values of one or two
	 * seconds." */
	return hold_s != 1 && hold_s != 2;
}

uint32_t ecrc_bgp_keepalive(uint32_t configured_keepalive_s, uint32_t negotiated_hold_s)
{
	/* 4.4: "If the negotiated Hold Time interval is zero, then periodic
	 * KEEPALIVE messages MUST NOT be sent." */
	if (negotiated_hold_s == 0)
		return 0;
	/* A configured keepalive of 0 turns keepalives off (see "keepalive 0"
	 * in docs/engine.md: an assumption, as RFC 4271 leaves the value to
	 * the implementation). */
	if (configured_keepalive_s == 0)
		return 0;
	/* 10: "A reasonable maximum time between KEEPALIVE messages would be
	 * one third of the Hold Time interval. KEEPALIVE messages MUST NOT be
	 * sent more frequently than one per second." */
	uint32_t third = negotiated_hold_s / 3;
	if (third == 0)
		third = 1;
	return configured_keepalive_s > third ? third : configured_keepalive_s;
}

void ecrc_bgp_timers(uint32_t a_keepalive_s, uint32_t a_hold_s, uint32_t b_keepalive_s, uint32_t b_hold_s,
                     struct ecrc_bgp_timers *out)
{
	out->hold_s = ecrc_bgp_negotiated_hold(a_hold_s, b_hold_s);
	out->a_keepalive_s = ecrc_bgp_keepalive(a_keepalive_s, out->hold_s);
	out->b_keepalive_s = ecrc_bgp_keepalive(b_keepalive_s, out->hold_s);
}

void ecrc_bgp_hold_window_us(uint32_t hold_s, uint32_t remote_keepalive_s, uint64_t *best_us,
                             uint64_t *bound_us)
{
	/* 6.5: the hold timer restarts at every KEEPALIVE or UPDATE received
	 * (8.2.2) and expires one hold time after the last; without BFD the
	 * hold timer is the only detector. The remote sends KEEPALIVEs at most
	 * one keepalive interval apart (its jitter only shortens it, 10); a
	 * remote that sends none lets the timer run out at any moment. */
	if (hold_s == 0) {
		*best_us = *bound_us = ECRC_TIME_NEVER;
		return;
	}
	uint64_t hold = (uint64_t)hold_s * 1000000u, ka = (uint64_t)remote_keepalive_s * 1000000u;
	*bound_us = hold;
	*best_us = ka != 0 && hold > ka ? hold - ka : 0;
}
