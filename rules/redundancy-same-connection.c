/*
 * redundancy-same-connection.c: two uplinks of one redundancy group (the
 * facts' ECMP group) riding one physical connection: two VBRs on one circuit
 * are two VLANs, not two circuits.
 */
#include "lint/lint.h"

/* Reports member k against the first earlier member on its connection. */
static void check_member(struct ecrc_check *ck, const struct ecrc_ecmp_group *g, size_t k)
{
	const struct ecrc_uplink *u = g->members[k]->uplink;
	const struct ecrc_physical_connection *pc = u->connection;

	for (size_t j = 0; pc && j < k; j++) {
		const struct ecrc_uplink *o = g->members[j]->uplink;
		struct ecrc_finding *f;

		if (o->connection != pc)
			continue;
		f = ecrc_report(ck, &u->node,
				"uplinks %s and %s of %s both ride physical connection %s, so one circuit "
				"failure takes down both paths to %s; order a second circuit and move this "
				"uplink and its VBR%s%s onto it",
				o->id, u->id, g->dc->id, pc->id, g->ecr->id, u->vbr ? " " : "",
				u->vbr ? u->vbr->id : "");
		ecrc_report_note(ck, f, &o->node, "%s rides %s too (VLAN %u)", o->id, pc->id, (unsigned)o->vlan);
		ecrc_report_note(ck, f, &pc->node, "physical connection %s", pc->id);
		return;
	}
}

static void check(struct ecrc_check *ck)
{
	for (size_t d = 0; d < ck->facts->n_dcs; d++) {
		const struct ecrc_dc_facts *df = &ck->facts->dcs[d];

		for (size_t g = 0; g < df->n_groups; g++)
			for (size_t k = 1; k < df->groups[g].n_members; k++)
				check_member(ck, &df->groups[g], k);
	}
}

const struct ecrc_rule ecrc_rule_redundancy_same_connection = {
	.id = "redundancy-same-connection",
	.severity = ECRC_SEV_ERROR,
	.summary = "two uplinks of one redundancy group on one physical connection",
	.check = check,
};
