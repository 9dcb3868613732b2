/*
 * redundancy-same-port.c: one CPE port's failure takes every path of a redundancy group, judged by survival
 * (rules.md): the group's members are counted per element once, when the facts are built (lint/survival.c),
 * and this rule reports what that found for its kind of element.
 * Alibaba's ECMP-over-ECR guide: "... or the same port of a single CPE". When the port's finding
 * has the same paths as the CPE's, only this one is reported.
 */
#include "lint/lint.h"

static void check(struct ecrc_check *ck)
{
	for (size_t d = 0; d < ck->facts->n_dcs; d++) {
		const struct ecrc_dc_facts *df = &ck->facts->dcs[d];
		for (size_t k = 0; k < df->n_groups; k++) {
			const struct ecrc_ecmp_group *g = &df->groups[k];
			const struct ecrc_risk_list *rl = &g->survival->risks[ECRC_RISK_PORT];
			for (size_t i = 0; i < rl->n; i++) {
				const struct ecrc_risk *r = &rl->v[i];
				if (!r->shadowed)
					ecrc_risk_report(
					    ck, g, r, ECRC_RISK_PORT,
					    &r->members[r->n_members - 1]->uplink->node,
					    "put the circuits on different ports, better on different CPEs");
			}
		}
	}
}

const struct ecrc_rule ecrc_rule_redundancy_same_port = {
    .id = "redundancy-same-port",
    .severity = ECRC_SEV_ERROR,
    .summary = "one CPE port's failure takes every path of a redundancy group",
    .check = check,
};
