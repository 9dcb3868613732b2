/*
 * ecmp-split-ecr.c: the uplinks of an active-active data center must reach
 * one ECR; ECMP forms only among the VBRs of one ECR. The largest group
 * (the first on a tie) is taken as intended; each uplink of the other
 * groups is reported at its VBR's <associate> in the other ECR, the element
 * to move.
 */
#include "lint/lint.h"

static const struct ecrc_node *association(const struct ecrc_ecr *ecr, const struct ecrc_vbr *vbr)
{
	for (const struct ecrc_associate *as = ecr->associates; as; as = as->next)
		if (as->kind == ECRC_ASSOC_VBR && as->target == &vbr->node)
			return &as->node;
	return &ecr->node;
}

static void check(struct ecrc_check *ck)
{
	for (size_t d = 0; d < ck->facts->n_dcs; d++) {
		const struct ecrc_dc_facts *df = &ck->facts->dcs[d];
		const struct ecrc_ecmp_group *main_group;
		const struct ecrc_uplink_facts *ref;

		if (df->dc->redundancy != ECRC_ACTIVE_ACTIVE || df->n_groups < 2)
			continue;
		main_group = &df->groups[0];
		for (size_t k = 1; k < df->n_groups; k++)
			if (df->groups[k].n_members > main_group->n_members)
				main_group = &df->groups[k];
		ref = main_group->members[0];
		for (size_t k = 0; k < df->n_groups; k++) {
			const struct ecrc_ecmp_group *g = &df->groups[k];

			if (g == main_group)
				continue;
			for (size_t i = 0; i < g->n_members; i++) {
				const struct ecrc_uplink_facts *uf = g->members[i];
				struct ecrc_finding *f;

				f = ecrc_report(
				    ck, association(g->ecr, uf->vbr),
				    "%s reaches %s through %s, but %s's other uplinks reach %s (%s through "
				    "%s): ECMP forms only among VBRs of one ECR; associate %s with %s",
				    uf->uplink->id, g->ecr->id, uf->vbr->id, df->dc->id, main_group->ecr->id,
				    ref->uplink->id, ref->vbr->id, uf->vbr->id, main_group->ecr->id);
				ecrc_report_note(ck, f, association(main_group->ecr, ref->vbr),
				                 "%s is associated with %s here", ref->vbr->id,
				                 main_group->ecr->id);
			}
		}
	}
}

const struct ecrc_rule ecrc_rule_ecmp_split_ecr = {
    .id = "ecmp-split-ecr",
    .severity = ECRC_SEV_ERROR,
    .summary = "an active-active data center's uplinks reach different ECRs",
    .check = check,
};
