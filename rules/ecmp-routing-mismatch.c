/*
 * ecmp-routing-mismatch.c: the VBRs of an active-active ECMP group must use
 * one routing method (seed: "... and use the same routing method"). A
 * member whose uplink and VBR disagree is routing-mismatch's and left out.
 * The method most members use is taken as intended (the first member's on
 * a tie); each VBR using the other is reported.
 */
#include "lint/lint.h"

static bool consistent(const struct ecrc_uplink_facts *uf)
{
	return (uf->uplink->bgp != NULL) == (uf->vbr->routing == ECRC_ROUTING_BGP);
}

static void check_group(struct ecrc_check *ck, const struct ecrc_ecmp_group *g)
{
	const struct ecrc_uplink_facts *first_bgp = NULL, *first_static = NULL, *ref;
	size_t n_bgp = 0, n_static = 0;
	enum ecrc_routing want;

	for (size_t i = 0; i < g->n_members; i++) {
		const struct ecrc_uplink_facts *uf = g->members[i];

		if (!consistent(uf))
			continue;
		if (uf->vbr->routing == ECRC_ROUTING_BGP) {
			if (!n_bgp++)
				first_bgp = uf;
		} else if (!n_static++) {
			first_static = uf;
		}
	}
	if (!n_bgp || !n_static)
		return;
	if (n_bgp != n_static)
		want = n_bgp > n_static ? ECRC_ROUTING_BGP : ECRC_ROUTING_STATIC;
	else
		want = first_bgp < first_static ? ECRC_ROUTING_BGP : ECRC_ROUTING_STATIC;
	ref = want == ECRC_ROUTING_BGP ? first_bgp : first_static;
	for (size_t i = 0; i < g->n_members; i++) {
		const struct ecrc_uplink_facts *uf = g->members[i];
		struct ecrc_finding *f;

		if (!consistent(uf) || uf->vbr->routing == want)
			continue;
		f = ecrc_report(
		    ck, &uf->vbr->node,
		    "%s (for %s) uses %s routing but %s (for %s), in the same ECMP group of %s on %s, uses "
		    "%s: ECMP takes effect only when both VBRs use the same routing method",
		    uf->vbr->id, uf->uplink->id, uf->vbr->routing == ECRC_ROUTING_BGP ? "BGP" : "static",
		    ref->vbr->id, ref->uplink->id, g->dc->id, g->ecr->id,
		    want == ECRC_ROUTING_BGP ? "BGP" : "static");
		ecrc_report_note(ck, f, &ref->vbr->node, "%s uses %s routing", ref->vbr->id,
		                 want == ECRC_ROUTING_BGP ? "BGP" : "static");
	}
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

const struct ecrc_rule ecrc_rule_ecmp_routing_mismatch = {
    .id = "ecmp-routing-mismatch",
    .severity = ECRC_SEV_ERROR,
    .summary = "an ECMP group mixes BGP and static routing",
    .check = check,
};
