/*
 * attach-tr-edition.c: an ECR associated with a transit router that is not
 * Enterprise Edition. Alibaba, "Create an ECR connection"
 * (https://www.alibabacloud.com/help/en/cen/user-guide/connect-ecrs): "Only Enterprise Edition transit
 * routers support ECR connections."
 */
#include "lint/lint.h"

static void check_association(struct ecrc_check *ck, const struct ecrc_associate *a)
{
	const struct ecrc_transit_router *tr;
	struct ecrc_finding *f;

	if (a->kind != ECRC_ASSOC_TR || !a->target || a->target->kind != ECRC_K_TRANSIT_ROUTER)
		return;
	tr = (const struct ecrc_transit_router *)a->target;
	if (tr->edition == ECRC_EDITION_ENTERPRISE)
		return;
	f = ecrc_report(ck, &a->node,
	                "%s is associated with transit router %s, which is Basic Edition; only Enterprise "
	                "Edition transit routers accept ECR connections: associate %s with an Enterprise "
	                "Edition transit router in %s",
	                a->ecr->id, tr->id, a->ecr->id, tr->region ? tr->region->id : "its region");
	ecrc_report_note(ck, f, &tr->node, "%s is declared edition=\"basic\" here", tr->id);
}

static void check(struct ecrc_check *ck)
{
	for (const struct ecrc_ecr *ecr = ck->design->cloud->ecrs; ecr; ecr = ecr->next)
		for (const struct ecrc_associate *a = ecr->associates; a; a = a->next)
			check_association(ck, a);
}

const struct ecrc_rule ecrc_rule_attach_tr_edition = {
    .id = "attach-tr-edition",
    .severity = ECRC_SEV_ERROR,
    .summary = "an ECR associated with a transit router that is not Enterprise Edition",
    .check = check,
};
