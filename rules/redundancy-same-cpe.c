/*
 * redundancy-same-cpe.c: two uplinks of one redundancy group (a data
 * center's uplinks whose VBRs associate with one ECR, the facts' ECMP group)
 * on one CPE. Seed 1: "Do not terminate both circuits on the same CPE device
 * or the same port of a single CPE." When the two uplinks also share the
 * port, redundancy-same-port reports it instead: one finding per mistake.
 */
#include <strings.h>

#include "lint/lint.h"

static bool same_port(const struct ecrc_uplink *a, const struct ecrc_uplink *b)
{
	return a->cpe == b->cpe && a->interface && b->interface && strcasecmp(a->interface, b->interface) == 0;
}

/* Reports member k against the first earlier member on its CPE, unless an
 * earlier member shares its port. */
static void check_member(struct ecrc_check *ck, const struct ecrc_ecmp_group *g, size_t k)
{
	const struct ecrc_uplink *u = g->members[k]->uplink, *first = NULL;
	struct ecrc_finding *f;

	for (size_t j = 0; j < k; j++) {
		const struct ecrc_uplink *o = g->members[j]->uplink;

		if (same_port(o, u))
			return;
		if (o->cpe == u->cpe && !first)
			first = o;
	}
	if (!first)
		return;
	f = ecrc_report(ck, &u->node,
			"uplinks %s and %s of %s both terminate on CPE %s, so one router failure takes down "
			"both circuits to %s; move this circuit to another CPE",
			first->id, u->id, g->dc->id, u->cpe->id, g->ecr->id);
	ecrc_report_note(ck, f, &first->node, "%s is also on %s, port %s", first->id, u->cpe->id,
			 first->interface ? first->interface : "?");
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

const struct ecrc_rule ecrc_rule_redundancy_same_cpe = {
	.id = "redundancy-same-cpe",
	.severity = ECRC_SEV_ERROR,
	.summary = "two uplinks of one redundancy group on one CPE",
	.check = check,
};
