/*
 * vbr-per-connection.c: a physical connection carries at most 5 VBRs by
 * default (Express Connect quota); the VBRs past the quota cannot be
 * created.
 */
#include "lint/lint.h"

#define VBRS_PER_CONNECTION 5u

static void check(struct ecrc_check *ck)
{
	const struct ecrc_cloud *cloud = ck->design->cloud;

	for (const struct ecrc_region *r = cloud ? cloud->regions : NULL; r; r = r->next)
		for (const struct ecrc_physical_connection *pc = r->connections; pc; pc = pc->next) {
			struct ecrc_finding *f;
			size_t k = 0;

			if (pc->n_vbrs <= VBRS_PER_CONNECTION)
				continue;
			f = ecrc_report(
			    ck, &pc->node,
			    "%s carries %zu VBRs; the default quota is %u per physical connection: move %zu "
			    "of them to another connection or raise the quota first",
			    pc->id, pc->n_vbrs, VBRS_PER_CONNECTION, pc->n_vbrs - VBRS_PER_CONNECTION);
			for (const struct ecrc_vbr *v = pc->vbrs; v; v = v->next_on_connection)
				if (++k > VBRS_PER_CONNECTION)
					ecrc_report_note(ck, f, &v->node, "%s is VBR number %zu on %s", v->id,
					                 k, pc->id);
		}
}

const struct ecrc_rule ecrc_rule_vbr_per_connection = {
    .id = "vbr-per-connection",
    .severity = ECRC_SEV_ERROR,
    .summary = "more than 5 VBRs on one physical connection (default quota)",
    .check = check,
};
