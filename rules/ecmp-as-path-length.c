/*
 * ecmp-as-path-length.c: for each prefix the uplinks of an active-active
 * ECMP group advertise, the AS_PATHs the VBRs receive must have one length;
 * the ECR prefers the shortest and uses only those. Each uplink with a
 * longer AS_PATH than the shortest is reported at its <advertise>.
 */
#include "lint/lint.h"

static void check_prefix(struct ecrc_check *ck, const struct ecrc_ecmp_group *g, struct ecrc_ipnet p)
{
	const struct ecrc_route *shortest = NULL;
	const struct ecrc_uplink_facts *shortest_by = NULL;
	size_t n = 0;
	char net[19];

	for (size_t i = 0; i < g->n_members; i++) {
		const struct ecrc_route *r = ecrc_uplink_route(g->members[i], p);

		if (!r)
			continue;
		n++;
		if (!shortest || r->as_path_len < shortest->as_path_len) {
			shortest = r;
			shortest_by = g->members[i];
		}
	}
	if (n < 2)
		return;
	ecrc_fmt_ipnet(p, net);
	for (size_t i = 0; i < g->n_members; i++) {
		const struct ecrc_route *r = ecrc_uplink_route(g->members[i], p);
		struct ecrc_finding *f;

		if (!r || r->as_path_len == shortest->as_path_len)
			continue;
		f = ecrc_report(ck, r->at,
		                "AS_PATH length differs for %s: %s sends %zu ASes (%s), %s sends %zu (%s); "
		                "%s prefers the shorter and will not form ECMP",
		                net, g->members[i]->uplink->id, r->as_path_len, r->as_path_text,
		                shortest_by->uplink->id, shortest->as_path_len, shortest->as_path_text,
		                g->ecr->id);
		ecrc_report_note(ck, f, shortest->at, "%s advertises %s with AS_PATH %s",
		                 shortest_by->uplink->id, net, shortest->as_path_text);
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

const struct ecrc_rule ecrc_rule_ecmp_as_path_length = {
    .id = "ecmp-as-path-length",
    .severity = ECRC_SEV_ERROR,
    .summary = "AS_PATH lengths differ for a prefix within an ECMP group: the ECR prefers the shorter one",
    .check = check,
};
