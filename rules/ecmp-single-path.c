/*
 * ecmp-single-path.c: an active-active data center needs at least two
 * uplinks in its ECMP group (its uplinks whose VBRs associate with one
 * ECR). A data center whose uplinks reach several ECRs is ecmp-split-ecr's;
 * one with no ECR at all and fewer than two uplinks is reported here too.
 * Notes say why each other uplink is not in the group.
 */
#include "lint/lint.h"

static void explain(struct ecrc_check *ck, struct ecrc_finding *f, const struct ecrc_uplink_facts *uf)
{
	const struct ecrc_uplink *u = uf->uplink;

	if (!uf->vbr)
		ecrc_report_note(ck, f, &u->node, "%s has no VBR on %s VLAN %u", u->id, u->connection_id,
		                 u->vlan);
	else if (!uf->ecr)
		ecrc_report_note(ck, f, &uf->vbr->node, "%s, the VBR of %s, is not associated with an ECR",
		                 uf->vbr->id, u->id);
}

static void check(struct ecrc_check *ck)
{
	for (size_t d = 0; d < ck->facts->n_dcs; d++) {
		const struct ecrc_dc_facts *df = &ck->facts->dcs[d];
		const struct ecrc_ecmp_group *g;
		struct ecrc_finding *f;

		if (df->dc->redundancy != ECRC_ACTIVE_ACTIVE || df->n_groups > 1)
			continue;
		if (df->n_groups == 0) {
			if (df->n_uplinks >= 2)
				continue;
			f = ecrc_report(ck, &df->dc->node,
			                "%s is active-active but has %zu uplink%s and none reaches an ECR: "
			                "ECMP needs two circuits to one ECR",
			                df->dc->id, df->n_uplinks, df->n_uplinks == 1 ? "" : "s");
			for (size_t i = 0; i < df->n_uplinks; i++)
				explain(ck, f, df->uplinks[i]);
			continue;
		}
		g = &df->groups[0];
		if (g->n_members >= 2)
			continue;
		f = ecrc_report(ck, &df->dc->node,
		                "%s is active-active but only %s reaches %s: ECMP needs at least two "
		                "circuits to one ECR, and a failure of %s cuts the data center off",
		                df->dc->id, g->members[0]->uplink->id, g->ecr->id,
		                g->members[0]->uplink->connection_id);
		for (size_t i = 0; i < df->n_uplinks; i++)
			if (df->uplinks[i] != g->members[0])
				explain(ck, f, df->uplinks[i]);
	}
}

const struct ecrc_rule ecrc_rule_ecmp_single_path = {
    .id = "ecmp-single-path",
    .severity = ECRC_SEV_ERROR,
    .summary = "fewer than two uplinks in an active-active data center's ECMP group",
    .check = check,
};
