/*
 * ecmp-attribute-mismatch.c: the other attributes the decision process
 * looks at before ECMP (RFC 4271 9.1.2.2) must agree within an active-
 * active ECMP group, per prefix. ORIGIN: the lowest wins (IGP before
 * INCOMPLETE), so an uplink sending a worse origin loses its share of the
 * traffic: an error, at that uplink. MED: Alibaba's ECMP-over-ECR guide says any differing
 * attribute ends ECMP, so the ECR is taken to compare MED across neighbor
 * ASes (as the engine's ECR does, docs/engine.md A3): an error too, at
 * each uplink whose MED is above the lowest. A missing MED counts as 0.
 */
#include "lint/lint.h"

static const char *origin_name(enum ecrc_origin o)
{
	return o == ECRC_ORIGIN_IGP ? "igp" : "incomplete";
}

static uint32_t med_of(const struct ecrc_route *r)
{
	return r->has_med ? r->med : 0;
}

static void check_prefix(struct ecrc_check *ck, const struct ecrc_ecmp_group *g, struct ecrc_ipnet p)
{
	const struct ecrc_route *best_origin = NULL, *best_med = NULL;
	const struct ecrc_uplink_facts *best_origin_by = NULL, *best_med_by = NULL;
	bool origin_differs = false, med_differs = false;
	size_t n = 0;
	char net[19], m1[16], m2[16];

	for (size_t i = 0; i < g->n_members; i++) {
		const struct ecrc_route *r = ecrc_uplink_route(g->members[i], p);

		if (!r)
			continue;
		if (n) {
			origin_differs |= r->origin != best_origin->origin;
			med_differs |= med_of(r) != med_of(best_med);
		}
		if (!best_origin || r->origin < best_origin->origin) {
			best_origin = r;
			best_origin_by = g->members[i];
		}
		if (!best_med || med_of(r) < med_of(best_med)) {
			best_med = r;
			best_med_by = g->members[i];
		}
		n++;
	}
	if (n < 2 || (!origin_differs && !med_differs))
		return;
	ecrc_fmt_ipnet(p, net);
	for (size_t i = 0; i < g->n_members; i++) {
		const struct ecrc_route *r = ecrc_uplink_route(g->members[i], p);
		const char *id = g->members[i]->uplink->id;
		struct ecrc_finding *f;

		if (!r)
			continue;
		if (origin_differs) {
			if (r->origin == best_origin->origin)
				continue;
			f = ecrc_report(ck, r->at,
			                "origin differs for %s: %s sends %s, %s sends %s; %s prefers %s and "
			                "will not form ECMP; set origin=\"%s\"",
			                net, id, origin_name(r->origin), best_origin_by->uplink->id,
			                origin_name(best_origin->origin), g->ecr->id,
			                origin_name(best_origin->origin), origin_name(best_origin->origin));
			ecrc_report_note(ck, f, best_origin->at, "%s advertises %s with origin %s",
			                 best_origin_by->uplink->id, net, origin_name(best_origin->origin));
		} else {
			if (med_of(r) == med_of(best_med))
				continue;
			snprintf(m1, sizeof(m1), "%u", med_of(r));
			snprintf(m2, sizeof(m2), "%u", med_of(best_med));
			f = ecrc_report(
			    ck, r->at,
			    "MED differs for %s: %s sends %s, %s sends %s%s; %s treats the paths as unequal, "
			    "prefers %s and will not form ECMP; set the same med on every uplink",
			    net, id, m1, best_med_by->uplink->id, m2, best_med->has_med ? "" : " (none)",
			    g->ecr->id, best_med_by->uplink->id);
			ecrc_report_note(ck, f, best_med->at, "%s advertises %s with MED %s%s",
			                 best_med_by->uplink->id, net, m2,
			                 best_med->has_med ? "" : " (none)");
		}
	}
}

static void check(struct ecrc_check *ck)
{
	for (size_t d = 0; d < ck->facts->n_dcs; d++) {
		const struct ecrc_dc_facts *df = &ck->facts->dcs[d];

		if (df->dc->redundancy != ECRC_ACTIVE_ACTIVE)
			continue;
		for (size_t k = 0; k < df->n_groups; k++)
			for (size_t j = 0; j < df->groups[k].n_prefixes; j++)
				check_prefix(ck, &df->groups[k], df->groups[k].prefixes[j]);
	}
}

const struct ecrc_rule ecrc_rule_ecmp_attribute_mismatch = {
    .id = "ecmp-attribute-mismatch",
    .severity = ECRC_SEV_ERROR,
    .summary = "origin or MED differs within an ECMP group: the ECR does not form ECMP",
    .check = check,
};
