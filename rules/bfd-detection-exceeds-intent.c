/*
 * bfd-detection-exceeds-intent.c: the negotiated BFD detection time of a
 * circuit (RFC 5880 6.8.4, the slower of the two sides) against the data
 * center's max-failover-ms. Points at the <bfd> whose timer sets that
 * detection time: the waiting side's min-rx, or the remote side's min-tx,
 * whichever is larger. Propagation after detection is verify's business.
 */
#include "lint/lint.h"

static void check(struct ecrc_check *ck)
{
	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink_facts *uf = &ck->facts->uplinks[i];
		const struct ecrc_bfd_session *s = &uf->bfd;
		const struct ecrc_datacenter *dc = uf->uplink->cpe ? uf->uplink->cpe->dc : NULL;
		const struct ecrc_bfd *waiter, *sender, *culprit, *other;
		const char *waiter_id, *sender_id, *culprit_id, *culprit_attr;
		struct ecrc_finding *f;
		uint32_t culprit_ms;

		if (!uf->has_bgp_session || !s->on_both || !dc || !dc->has_max_failover_ms ||
		    s->detect_ms <= dc->max_failover_ms)
			continue;
		/* The side that waits longest: the VBR on a tie. */
		if (s->vbr_detect_ms >= s->cpe_detect_ms) {
			waiter = s->vbr;
			waiter_id = uf->vbr->id;
			sender = s->cpe;
			sender_id = uf->uplink->id;
		} else {
			waiter = s->cpe;
			waiter_id = uf->uplink->id;
			sender = s->vbr;
			sender_id = uf->vbr->id;
		}
		if (waiter->min_rx_ms >= sender->min_tx_ms) {
			culprit = waiter;
			other = sender;
			culprit_id = waiter_id;
			culprit_attr = "min-rx";
			culprit_ms = waiter->min_rx_ms;
		} else {
			culprit = sender;
			other = waiter;
			culprit_id = sender_id;
			culprit_attr = "min-tx";
			culprit_ms = sender->min_tx_ms;
		}
		f = ecrc_report(
		    ck, &culprit->node,
		    "BFD on %s detects a silent failure after %u ms, more than %s's max-failover-ms %u: %s "
		    "waits %u x %u ms (%s's multiplier x %s's %s %u ms); lower %s's %s",
		    uf->uplink->connection_id, s->detect_ms, dc->id, dc->max_failover_ms, waiter_id,
		    sender->multiplier, culprit_ms, sender_id, culprit_id, culprit_attr, culprit_ms,
		    culprit_id, culprit_attr);
		ecrc_report_note(ck, f, &other->node, "%s has min-tx %u, min-rx %u, multiplier %u",
		                 other == s->cpe ? uf->uplink->id : uf->vbr->id, other->min_tx_ms,
		                 other->min_rx_ms, other->multiplier);
		ecrc_report_note(ck, f, &dc->node, "%s has max-failover-ms %u", dc->id, dc->max_failover_ms);
	}
}

const struct ecrc_rule ecrc_rule_bfd_detection_exceeds_intent = {
    .id = "bfd-detection-exceeds-intent",
    .severity = ECRC_SEV_ERROR,
    .summary = "the negotiated BFD detection time (RFC 5880 6.8.4) exceeds the data center's max-failover-ms",
    .check = check,
};
