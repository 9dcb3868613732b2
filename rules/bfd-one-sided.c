/*
 * bfd-one-sided.c: BFD needs both ends. With <bfd> on one side of a BGP
 * session only, no BFD session comes up and failure detection falls back
 * to the BGP hold time. Points at the side without BFD.
 */
#include "lint/lint.h"

static void check(struct ecrc_check *ck)
{
	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink_facts *uf = &ck->facts->uplinks[i];
		struct ecrc_finding *f;

		if (!uf->has_bgp_session || (uf->bfd.cpe != NULL) == (uf->bfd.vbr != NULL))
			continue;
		if (uf->bfd.cpe) {
			f = ecrc_report(
			    ck, &uf->vbr->bgp_peer->node,
			    "BFD is on for %s but off on %s: a one-sided BFD configuration does not provide "
			    "fast failure detection, the %u s hold time does; add <bfd/> to %s's BGP peer",
			    uf->uplink->id, uf->vbr->id, uf->bgp.hold_s, uf->vbr->id);
			ecrc_report_note(ck, f, &uf->bfd.cpe->node, "%s enables BFD here", uf->uplink->id);
		} else {
			f = ecrc_report(
			    ck, &uf->uplink->bgp->node,
			    "BFD is on for %s but off on %s: a one-sided BFD configuration does not provide "
			    "fast failure detection, the %u s hold time does; add <bfd/> to %s's <bgp>",
			    uf->vbr->id, uf->uplink->id, uf->bgp.hold_s, uf->uplink->id);
			ecrc_report_note(ck, f, &uf->bfd.vbr->node, "%s enables BFD here", uf->vbr->id);
		}
	}
}

const struct ecrc_rule ecrc_rule_bfd_one_sided = {
    .id = "bfd-one-sided",
    .severity = ECRC_SEV_ERROR,
    .summary = "BFD on one side of a BGP session only: no fast failure detection",
    .check = check,
};
