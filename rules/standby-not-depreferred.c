/*
 * standby-not-depreferred.c: in an active-standby data center the cloud
 * must prefer the primary. Alibaba's ECR (and transit router) choose the
 * shorter AS_PATH, so every prefix a standby uplink advertises must carry
 * a strictly longer AS_PATH than the primary's for that prefix; equal
 * lengths make the ECR balance over both, a shorter one makes it prefer
 * the standby. Needs exactly one primary (standby-role reports the rest).
 */
#include "lint/lint.h"

static void check_dc(struct ecrc_check *ck, const struct ecrc_dc_facts *df)
{
	const struct ecrc_uplink_facts *primary = NULL;
	char net[19];

	for (size_t i = 0; i < df->n_uplinks; i++)
		if (df->uplinks[i]->uplink->role == ECRC_ROLE_PRIMARY) {
			if (primary)
				return;
			primary = df->uplinks[i];
		}
	if (!primary || !primary->uplink->bgp)
		return;
	for (size_t i = 0; i < df->n_uplinks; i++) {
		const struct ecrc_uplink_facts *s = df->uplinks[i];

		if (s->uplink->role != ECRC_ROLE_STANDBY)
			continue;
		for (size_t k = 0; k < s->n_routes; k++) {
			const struct ecrc_route *r = &s->routes[k];
			const struct ecrc_route *p = ecrc_uplink_route(primary, r->prefix);
			struct ecrc_finding *f;

			if (!p || r->as_path_len > p->as_path_len)
				continue;
			ecrc_fmt_ipnet(r->prefix, net);
			f = ecrc_report(ck, r->at,
			                "standby %s advertises %s with AS_PATH %s (%zu AS%s), not longer "
			                "than primary %s's %s (%zu): the cloud would %s; prepend at least "
			                "%zu more (as-path-prepend=\"%zu\")",
			                s->uplink->id, net, r->as_path_text, r->as_path_len,
			                r->as_path_len == 1 ? "" : "es", primary->uplink->id, p->as_path_text,
			                p->as_path_len,
			                r->as_path_len == p->as_path_len ? "balance over both circuits"
			                                                 : "prefer the standby",
			                p->as_path_len - r->as_path_len + 1,
			                (r->n_own - 1) + p->as_path_len - r->as_path_len + 1);
			ecrc_report_note(ck, f, p->at, "primary %s advertises %s with AS_PATH %s",
			                 primary->uplink->id, net, p->as_path_text);
		}
	}
}

static void check(struct ecrc_check *ck)
{
	for (size_t d = 0; d < ck->facts->n_dcs; d++)
		if (ck->facts->dcs[d].dc->redundancy == ECRC_ACTIVE_STANDBY)
			check_dc(ck, &ck->facts->dcs[d]);
}

const struct ecrc_rule ecrc_rule_standby_not_depreferred = {
    .id = "standby-not-depreferred",
    .severity = ECRC_SEV_ERROR,
    .summary = "a standby uplink's AS_PATH is not strictly longer than the primary's for some prefix",
    .check = check,
};
