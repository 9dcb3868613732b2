/*
 * vlan-mismatch.c: an uplink and the VBR it peers with must tag the same
 * 802.1Q VLAN. The pairing is the loader's: same connection and VLAN; else
 * same connection and the VBR's peer-address is the uplink's address; else
 * the connection's only VBR. So a finding here means the circuit was
 * recognised by its addresses or by being alone, and only the tag differs.
 */
#include "lint/lint.h"

static void check(struct ecrc_check *ck)
{
	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink *u = ck->facts->uplinks[i].uplink;
		const struct ecrc_vbr *v = ck->facts->uplinks[i].vbr;
		struct ecrc_finding *f;

		if (!v || u->vlan == v->vlan)
			continue;
		f = ecrc_report(ck, &u->node,
		                "%s tags VLAN %u but %s, its VBR on %s, uses VLAN %u: frames will not reach "
		                "the VBR; set vlan=\"%u\"",
		                u->id, u->vlan, v->id, v->connection_id, v->vlan, v->vlan);
		ecrc_report_note(ck, f, &v->node, "%s uses VLAN %u", v->id, v->vlan);
	}
}

const struct ecrc_rule ecrc_rule_vlan_mismatch = {
    .id = "vlan-mismatch",
    .severity = ECRC_SEV_ERROR,
    .summary = "uplink VLAN != VBR VLAN on the same connection",
    .check = check,
};
