/*
 * mtu-mismatch.c: an uplink and its VBR should use one MTU; with different
 * MTUs, large packets are dropped in one direction. Values mtu-invalid
 * refuses are left to it.
 */
#include "lint/lint.h"

static void check(struct ecrc_check *ck)
{
	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink *u = ck->facts->uplinks[i].uplink;
		const struct ecrc_vbr *v = ck->facts->uplinks[i].vbr;
		struct ecrc_finding *f;

		if (!v || u->mtu == v->mtu || (u->mtu != 1500 && u->mtu != 8500) ||
		    (v->mtu != 1500 && v->mtu != 8500))
			continue;
		f = ecrc_report(ck, &u->node,
		                "%s mtu is %u but %s, its VBR on %s, uses %u: packets larger than %u bytes "
		                "are dropped on the way %s; set mtu=\"%u\"",
		                u->id, u->mtu, v->id, v->connection_id, v->mtu,
		                u->mtu < v->mtu ? u->mtu : v->mtu,
		                u->mtu < v->mtu ? "into the data center" : "to the cloud", v->mtu);
		ecrc_report_note(ck, f, &v->node, "%s has mtu %u", v->id, v->mtu);
	}
}

const struct ecrc_rule ecrc_rule_mtu_mismatch = {
    .id = "mtu-mismatch",
    .severity = ECRC_SEV_WARNING,
    .summary = "uplink MTU != VBR MTU",
    .check = check,
};
