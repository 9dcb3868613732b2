/*
 * redundancy-same-device.c: one Alibaba device's failure takes every path of a redundancy group, judged by
 * survival (rules.md): the group's members are counted per element once, when the facts are built
 * (lint/survival.c), and this rule reports what that found for its kind of element. Alibaba's
 * high-reliability modes (CreateHighReliablePhysicalConnection) put circuits on independent devices for this
 * reason. The finding points at the connection; one connection shared by several groups is reported once, the
 * other groups as notes.
 */
#include <stdlib.h>

#include "lint/lint.h"

struct seen {
	const struct ecrc_node *at;
	struct ecrc_finding *f;
};

static void check(struct ecrc_check *ck)
{
	struct seen *seen = NULL;
	size_t n_seen = 0, cap = 0;

	for (size_t d = 0; d < ck->facts->n_dcs; d++) {
		const struct ecrc_dc_facts *df = &ck->facts->dcs[d];
		for (size_t k = 0; k < df->n_groups; k++) {
			const struct ecrc_ecmp_group *g = &df->groups[k];
			const struct ecrc_risk_list *rl = &g->survival->risks[ECRC_RISK_DEVICE];
			for (size_t i = 0; i < rl->n; i++) {
				const struct ecrc_risk *r = &rl->v[i];
				const struct ecrc_uplink *last = r->members[r->n_members - 1]->uplink;
				const struct ecrc_node *at = &last->connection->node;
				size_t j = 0;
				if (r->shadowed)
					continue;
				while (j < n_seen && seen[j].at != at)
					j++;
				if (j < n_seen) {
					/* one finding per connection; other groups on it are notes */
					ecrc_report_note(ck, seen[j].f, &last->node,
					                 "%s's circuit %s to %s rides %s too", g->dc->id,
					                 last->id, g->ecr->id, last->connection->id);
					continue;
				}
				if (n_seen == cap) {
					cap = cap ? 2 * cap : 8;
					seen = ecrc_xrealloc(seen, cap * sizeof(*seen));
				}
				seen[n_seen].at = at;
				seen[n_seen++].f = ecrc_risk_report(
				    ck, g, r, ECRC_RISK_DEVICE, at,
				    "order the circuits on independent devices (a high-reliability mode of "
				    "CreateHighReliablePhysicalConnection)");
			}
		}
	}
	free(seen);
}

const struct ecrc_rule ecrc_rule_redundancy_same_device = {
    .id = "redundancy-same-device",
    .severity = ECRC_SEV_ERROR,
    .summary = "one Alibaba device's failure takes every path of a redundancy group",
    .check = check,
};
