/*
 * vlan-range.c: a VBR's VLAN is 0..2999 (Alibaba's range); the uplink that
 * tags frames for it must use the same range.
 */
#include "lint/lint.h"

#define VBR_VLAN_MAX 2999u

static void check(struct ecrc_check *ck)
{
	const struct ecrc_cloud *cloud = ck->design->cloud;

	for (const struct ecrc_region *r = cloud ? cloud->regions : NULL; r; r = r->next)
		for (const struct ecrc_vbr *v = r->vbrs; v; v = v->next)
			if (v->vlan > VBR_VLAN_MAX)
				ecrc_report(ck, &v->node,
				            "%s VLAN %u is outside 0..%u, the VLANs a VBR can use", v->id,
				            v->vlan, VBR_VLAN_MAX);
	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink *u = ck->facts->uplinks[i].uplink;

		if (u->vlan > VBR_VLAN_MAX)
			ecrc_report(ck, &u->node, "%s VLAN %u is outside 0..%u, the VLANs a VBR can use",
			            u->id, u->vlan, VBR_VLAN_MAX);
	}
}

const struct ecrc_rule ecrc_rule_vlan_range = {
    .id = "vlan-range",
    .severity = ECRC_SEV_ERROR,
    .summary = "VLAN outside 0..2999",
    .check = check,
};
