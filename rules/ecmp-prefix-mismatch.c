/*
 * ecmp-prefix-mismatch.c: every BGP uplink of an active-active ECMP group
 * must advertise the same prefixes (seed: "Network ... Must match"). For
 * each uplink, the prefixes of the group it does not advertise are listed
 * with an uplink that does. Linear per group: the group's sorted prefix
 * union is walked against each member's sorted routes.
 */
#include "lint/lint.h"

#define LISTED 8 /* prefixes named in one message; the rest are counted */

static const struct ecrc_uplink_facts *advertiser(const struct ecrc_ecmp_group *g, struct ecrc_ipnet p,
                                                  const struct ecrc_route **route)
{
	for (size_t i = 0; i < g->n_members; i++)
		if ((*route = ecrc_uplink_route(g->members[i], p)))
			return g->members[i];
	return NULL;
}

static void check_member(struct ecrc_check *ck, const struct ecrc_ecmp_group *g,
                         const struct ecrc_uplink_facts *uf)
{
	struct ecrc_buf list = {0};
	const struct ecrc_route *notes[LISTED];
	const struct ecrc_uplink_facts *note_by[LISTED];
	size_t missing = 0, r = 0, first = 0;
	struct ecrc_finding *f;
	char net[19];

	for (size_t k = 0; k < g->n_prefixes; k++) {
		const struct ecrc_uplink_facts *by;
		const struct ecrc_route *route;
		int c = 1;

		while (r < uf->n_routes && (c = ecrc_ipnet_cmp(uf->routes[r].prefix, g->prefixes[k])) < 0)
			r++;
		if (r < uf->n_routes && c == 0)
			continue;
		by = advertiser(g, g->prefixes[k], &route);
		if (!missing)
			first = k;
		if (missing < LISTED) {
			ecrc_buf_printf(&list, "%s%s (%s)", missing ? ", " : "",
			                ecrc_fmt_ipnet(g->prefixes[k], net), by ? by->uplink->id : "?");
			notes[missing] = route;
			note_by[missing] = by;
		}
		missing++;
	}
	if (missing) {
		if (missing > LISTED)
			ecrc_buf_printf(&list, " and %zu more", missing - LISTED);
		if (missing == 1)
			f = ecrc_report(
			    ck, &uf->uplink->bgp->node,
			    "%s does not advertise %s to %s although %s does: the prefix reaches the cloud "
			    "over one circuit and does not form ECMP; add <advertise prefix=\"%s\"/>",
			    uf->uplink->id, ecrc_fmt_ipnet(g->prefixes[first], net), g->ecr->id,
			    note_by[0] ? note_by[0]->uplink->id : "another uplink", net);
		else
			f = ecrc_report(
			    ck, &uf->uplink->bgp->node,
			    "%s does not advertise %zu prefixes that other uplinks of %s advertise to %s: "
			    "%s; they reach the cloud over one circuit and do not form ECMP",
			    uf->uplink->id, missing, g->dc->id, g->ecr->id, list.p);
		for (size_t i = 0; i < missing && i < LISTED; i++)
			if (notes[i])
				ecrc_report_note(ck, f, notes[i]->at, "%s advertises %s",
				                 note_by[i]->uplink->id,
				                 ecrc_fmt_ipnet(notes[i]->prefix, net));
	}
	ecrc_buf_free(&list);
}

static void check(struct ecrc_check *ck)
{
	for (size_t d = 0; d < ck->facts->n_dcs; d++) {
		const struct ecrc_dc_facts *df = &ck->facts->dcs[d];

		if (df->dc->redundancy != ECRC_ACTIVE_ACTIVE)
			continue;
		for (size_t k = 0; k < df->n_groups; k++) {
			const struct ecrc_ecmp_group *g = &df->groups[k];
			size_t n_bgp = 0;

			for (size_t i = 0; i < g->n_members; i++)
				n_bgp += g->members[i]->uplink->bgp != NULL;
			if (n_bgp < 2)
				continue;
			for (size_t i = 0; i < g->n_members; i++)
				if (g->members[i]->uplink->bgp)
					check_member(ck, g, g->members[i]);
		}
	}
}

const struct ecrc_rule ecrc_rule_ecmp_prefix_mismatch = {
    .id = "ecmp-prefix-mismatch",
    .severity = ECRC_SEV_ERROR,
    .summary = "the uplinks of an ECMP group advertise different prefix sets",
    .check = check,
};
