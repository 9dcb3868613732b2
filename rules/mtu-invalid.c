/*
 * mtu-invalid.c: a VBR's MTU is 1500 or 8500, and 8500 (jumbo frames) only
 * on a VBR associated with an ECR. The uplink facing it has the same two
 * choices.
 */
#include "lint/lint.h"

static bool mtu_valid(uint32_t mtu)
{
	return mtu == 1500 || mtu == 8500;
}

static void check(struct ecrc_check *ck)
{
	const struct ecrc_cloud *cloud = ck->design->cloud;

	for (const struct ecrc_region *r = cloud ? cloud->regions : NULL; r; r = r->next)
		for (const struct ecrc_vbr *v = r->vbrs; v; v = v->next) {
			if (!mtu_valid(v->mtu))
				ecrc_report(ck, &v->node,
				            "%s mtu %u is not one a VBR offers: use 1500 or 8500", v->id,
				            v->mtu);
			else if (v->mtu == 8500 && !v->ecr)
				ecrc_report(ck, &v->node,
				            "%s mtu 8500 needs an ECR: Alibaba allows jumbo frames only on a "
				            "VBR associated with an Express Connect Router; use 1500 or "
				            "associate %s with an ECR",
				            v->id, v->id);
		}
	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink *u = ck->facts->uplinks[i].uplink;

		if (!mtu_valid(u->mtu))
			ecrc_report(ck, &u->node, "%s mtu %u does not match any VBR MTU: use 1500 or 8500",
			            u->id, u->mtu);
	}
}

const struct ecrc_rule ecrc_rule_mtu_invalid = {
    .id = "mtu-invalid",
    .severity = ECRC_SEV_ERROR,
    .summary = "VBR MTU not 1500/8500, or 8500 on a VBR not associated with an ECR",
    .check = check,
};
