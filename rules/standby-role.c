/*
 * standby-role.c: the roles of an active-standby data center: every uplink
 * has one, exactly one is primary, and at least one is standby (else there
 * is nothing to fail over to). The data center itself is reported only
 * when every uplink has a role and there is not more than one primary, so
 * one mistake gives one finding. In an active-active data center roles mean
 * nothing and are reported, so a design never says one thing and does
 * another.
 */
#include "lint/lint.h"

static const char *role_name(enum ecrc_role r)
{
	return r == ECRC_ROLE_PRIMARY ? "primary" : "standby";
}

static void check_dc(struct ecrc_check *ck, const struct ecrc_dc_facts *df)
{
	const struct ecrc_datacenter *dc = df->dc;
	const struct ecrc_uplink *primary = NULL;
	size_t n_standby = 0, n_primary = 0, n_unset = 0;

	for (size_t i = 0; i < df->n_uplinks; i++) {
		const struct ecrc_uplink *u = df->uplinks[i]->uplink;
		struct ecrc_finding *f;

		if (dc->redundancy == ECRC_ACTIVE_ACTIVE) {
			if (u->role != ECRC_ROLE_NONE)
				ecrc_report(ck, &u->node,
				            "%s has role=\"%s\" but %s is active-active, where roles mean "
				            "nothing; remove role or set redundancy=\"active-standby\" on %s",
				            u->id, role_name(u->role), dc->id, dc->id);
			continue;
		}
		if (u->role == ECRC_ROLE_NONE) {
			n_unset++;
			ecrc_report(
			    ck, &u->node,
			    "%s has no role in active-standby %s; set role=\"primary\" or role=\"standby\"",
			    u->id, dc->id);
		} else if (u->role == ECRC_ROLE_STANDBY) {
			n_standby++;
		} else if (n_primary++) {
			f = ecrc_report(ck, &u->node,
			                "%s is a second primary in active-standby %s: exactly one uplink "
			                "carries the traffic; set role=\"standby\"",
			                u->id, dc->id);
			ecrc_report_note(ck, f, &primary->node, "%s is the primary", primary->id);
		} else {
			primary = u;
		}
	}
	/* The data center as a whole, once each uplink's role is settled. */
	if (dc->redundancy != ECRC_ACTIVE_STANDBY || n_unset || n_primary > 1)
		return;
	if (!primary)
		ecrc_report(ck, &dc->node,
		            "%s is active-standby but no uplink has role=\"primary\": nothing says which "
		            "circuit carries the traffic",
		            dc->id);
	else if (!n_standby)
		ecrc_report(ck, &dc->node,
		            "%s is active-standby but no uplink has role=\"standby\": when %s fails there is "
		            "nothing to fail over to",
		            dc->id, primary->id);
}

static void check(struct ecrc_check *ck)
{
	for (size_t d = 0; d < ck->facts->n_dcs; d++)
		check_dc(ck, &ck->facts->dcs[d]);
}

const struct ecrc_rule ecrc_rule_standby_role = {
    .id = "standby-role",
    .severity = ECRC_SEV_ERROR,
    .summary = "an active-standby data center without exactly one primary uplink, or an uplink with no role",
    .check = check,
};
