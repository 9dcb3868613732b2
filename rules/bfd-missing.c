/*
 * bfd-missing.c: BFD on neither side of a BGP session. A silent circuit
 * failure is then noticed only when the negotiated hold timer expires: a
 * warning, or an error when the data center's max-failover-ms is below the
 * negotiated hold time (or the hold time is 0 and nothing ever expires).
 */
#include "lint/lint.h"

static void check(struct ecrc_check *ck)
{
	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink_facts *uf = &ck->facts->uplinks[i];
		const struct ecrc_datacenter *dc;
		struct ecrc_finding *f;
		uint32_t hold;

		if (!uf->has_bgp_session || uf->bfd.cpe || uf->bfd.vbr)
			continue;
		dc = uf->uplink->cpe ? uf->uplink->cpe->dc : NULL;
		hold = uf->bgp.hold_s;
		if (dc && dc->has_max_failover_ms &&
		    (hold == 0 || (uint64_t)hold * 1000 > dc->max_failover_ms)) {
			if (hold == 0)
				f = ecrc_report_sev(
				    ck, ECRC_SEV_ERROR, &uf->uplink->bgp->node,
				    "BFD is off on both %s and %s and the negotiated hold time is 0: a "
				    "silent failure of %s is never detected, against %s's max-failover-ms "
				    "%u; add <bfd/> on both sides",
				    uf->uplink->id, uf->vbr->id, uf->uplink->connection_id, dc->id,
				    dc->max_failover_ms);
			else
				f = ecrc_report_sev(
				    ck, ECRC_SEV_ERROR, &uf->uplink->bgp->node,
				    "BFD is off on both %s and %s: a silent failure of %s is detected only "
				    "when the %u s hold timer expires, %u ms more than %s's max-failover-ms "
				    "%u; add <bfd/> on both sides",
				    uf->uplink->id, uf->vbr->id, uf->uplink->connection_id, hold,
				    hold * 1000 - dc->max_failover_ms, dc->id, dc->max_failover_ms);
			ecrc_report_note(ck, f, &uf->vbr->bgp_peer->node, "%s's BGP peer has no <bfd>",
			                 uf->vbr->id);
			ecrc_report_note(ck, f, &dc->node, "%s has max-failover-ms %u", dc->id,
			                 dc->max_failover_ms);
		} else {
			if (hold == 0)
				f = ecrc_report(
				    ck, &uf->uplink->bgp->node,
				    "BFD is off on both %s and %s and the negotiated hold time is 0: a "
				    "silent failure of %s is never detected; add <bfd/> on both sides",
				    uf->uplink->id, uf->vbr->id, uf->uplink->connection_id);
			else
				f = ecrc_report(
				    ck, &uf->uplink->bgp->node,
				    "BFD is off on both %s and %s: a silent failure of %s is detected only "
				    "when the %u s hold timer expires; add <bfd/> on both sides",
				    uf->uplink->id, uf->vbr->id, uf->uplink->connection_id, hold);
			ecrc_report_note(ck, f, &uf->vbr->bgp_peer->node, "%s's BGP peer has no <bfd>",
			                 uf->vbr->id);
		}
	}
}

const struct ecrc_rule ecrc_rule_bfd_missing = {
    .id = "bfd-missing",
    .severity = ECRC_SEV_WARNING,
    .summary = "BFD on neither side of a BGP session; error when max-failover-ms is below the hold time",
    .check = check,
};
