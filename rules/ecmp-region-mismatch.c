/*
 * ecmp-region-mismatch.c: the VBRs of an active-active ECMP group must be
 * in one region (seed: "ECMP takes effect automatically when both VBRs are
 * in the same region and use the same routing method"). The region most
 * members use is taken as intended (the first member's on a tie); each VBR
 * elsewhere is reported: when its circuit is already in the intended
 * region the <vbr> is only filed under the wrong <region>, and the advice
 * is to move the element, not the circuit.
 */
#include <stdlib.h>

#include "lint/lint.h"

static void check_group(struct ecrc_check *ck, const struct ecrc_ecmp_group *g)
{
	size_t *count, ref = 0;

	if (g->n_members < 2)
		return;
	count = ecrc_xcalloc(g->n_members, sizeof(*count));
	/* count[i]: members in the region of member i, for its first member. */
	for (size_t i = 0; i < g->n_members; i++)
		for (size_t j = 0; j <= i; j++)
			if (g->members[j]->vbr->region == g->members[i]->vbr->region) {
				count[j]++;
				break;
			}
	for (size_t i = 1; i < g->n_members; i++)
		if (count[i] > count[ref])
			ref = i;
	for (size_t i = 0; i < g->n_members; i++) {
		const struct ecrc_vbr *v = g->members[i]->vbr, *rv = g->members[ref]->vbr;
		struct ecrc_finding *f;

		if (v->region == rv->region || !v->region || !rv->region)
			continue;
		if (v->connection && v->connection->region == rv->region) {
			/* the circuit is already in the group's region: the <vbr>
			 * is filed under the wrong <region> */
			f = ecrc_report(
			    ck, &v->node,
			    "%s is filed under region %s, but its physical connection %s is in %s, like %s "
			    "of the same ECMP group of %s on %s: a VBR lives in the region of its circuit; "
			    "move the <vbr id=\"%s\"> element into <region id=\"%s\">",
			    v->id, v->region->id, v->connection->id, rv->region->id, rv->id, g->dc->id,
			    g->ecr->id, v->id, rv->region->id);
			ecrc_report_note(ck, f, &v->connection->node, "%s is in %s", v->connection->id,
			                 rv->region->id);
			continue;
		}
		f = ecrc_report(
		    ck, &v->node,
		    "%s is in %s but %s, in the same ECMP group of %s on %s, is in %s: ECMP takes effect "
		    "only when both VBRs are in the same region; move %s's circuit to %s",
		    v->id, v->region->id, rv->id, g->dc->id, g->ecr->id, rv->region->id,
		    g->members[i]->uplink->id, rv->region->id);
		ecrc_report_note(ck, f, &rv->node, "%s is in %s", rv->id, rv->region->id);
	}
	free(count);
}

static void check(struct ecrc_check *ck)
{
	for (size_t d = 0; d < ck->facts->n_dcs; d++) {
		const struct ecrc_dc_facts *df = &ck->facts->dcs[d];

		if (df->dc->redundancy != ECRC_ACTIVE_ACTIVE)
			continue;
		for (size_t k = 0; k < df->n_groups; k++)
			check_group(ck, &df->groups[k]);
	}
}

const struct ecrc_rule ecrc_rule_ecmp_region_mismatch = {
    .id = "ecmp-region-mismatch",
    .severity = ECRC_SEV_ERROR,
    .summary = "the VBRs of an ECMP group are in different regions",
    .check = check,
};
