/*
 * redundancy-same-port.c: two uplinks of one redundancy group (the facts'
 * ECMP group) on one port of one CPE, as VLAN sub-interfaces of the same
 * physical interface. Seed 1: "Do not terminate both circuits on the same
 * CPE device or the same port of a single CPE." Port names are compared as
 * written, ignoring case.
 */
#include <strings.h>

#include "lint/lint.h"

static bool same_port(const struct ecrc_uplink *a, const struct ecrc_uplink *b)
{
	return a->cpe == b->cpe && a->interface && b->interface && strcasecmp(a->interface, b->interface) == 0;
}

/* Reports member k against the first earlier member on its port. */
static void check_member(struct ecrc_check *ck, const struct ecrc_ecmp_group *g, size_t k)
{
	const struct ecrc_uplink *u = g->members[k]->uplink;

	for (size_t j = 0; j < k; j++) {
		const struct ecrc_uplink *o = g->members[j]->uplink;
		struct ecrc_finding *f;

		if (!same_port(o, u))
			continue;
		f = ecrc_report(ck, &u->node,
				"uplinks %s and %s of %s both use port %s of CPE %s, so one port, optic or "
				"cable failure takes down both circuits to %s; put this circuit on another CPE "
				"(at least on another port)",
				o->id, u->id, g->dc->id, u->interface, u->cpe->id, g->ecr->id);
		ecrc_report_note(ck, f, &o->node, "%s uses %s of %s too (VLAN %u)", o->id, o->interface,
				 o->cpe->id, (unsigned)o->vlan);
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

const struct ecrc_rule ecrc_rule_redundancy_same_port = {
	.id = "redundancy-same-port",
	.severity = ECRC_SEV_ERROR,
	.summary = "two uplinks of one redundancy group on one CPE port",
	.check = check,
};
