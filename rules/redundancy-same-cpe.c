/*
 * redundancy-same-cpe.c: one CPE's failure takes every path of a redundancy group (or, active-active, all but
 * one where a better spread exists), judged by survival (rules.md): the group's members are counted per
 * element once, when the facts are built (lint/survival.c), and this rule reports what that found for its
 * kind of element. (Alibaba Cloud, "Connect a data center to Alibaba Cloud over ECMP circuits using
 * ECR"): "Do not terminate both circuits on the same CPE device or the same port of a single CPE" is the
 * two-circuit case. Two CPEs with two circuits each survive either CPE with two paths: clean.
 */
#include "lint/lint.h"

static void check(struct ecrc_check *ck)
{
	for (size_t d = 0; d < ck->facts->n_dcs; d++) {
		const struct ecrc_dc_facts *df = &ck->facts->dcs[d];
		for (size_t k = 0; k < df->n_groups; k++) {
			const struct ecrc_ecmp_group *g = &df->groups[k];
			const struct ecrc_risk_list *rl = &g->survival->risks[ECRC_RISK_CPE];
			for (size_t i = 0; i < rl->n; i++) {
				const struct ecrc_risk *r = &rl->v[i];
				if (!r->shadowed)
					ecrc_risk_report(ck, g, r, ECRC_RISK_CPE,
					                 &r->members[r->n_members - 1]->uplink->node,
					                 "move a circuit to another CPE");
			}
		}
	}
}

const struct ecrc_rule ecrc_rule_redundancy_same_cpe = {
    .id = "redundancy-same-cpe",
    .severity = ECRC_SEV_ERROR,
    .summary = "one CPE's failure takes every path of a redundancy group (or, active-active, all but one "
               "where a better spread exists)",
    .check = check,
};
