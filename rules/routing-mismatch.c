/*
 * routing-mismatch.c: an uplink with <bgp> talks BGP; one without uses
 * static routes. Its VBR's routing= must say the same.
 */
#include "lint/lint.h"

static void check(struct ecrc_check *ck)
{
	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink *u = ck->facts->uplinks[i].uplink;
		const struct ecrc_vbr *v = ck->facts->uplinks[i].vbr;
		struct ecrc_finding *f;

		if (!v)
			continue;
		if (u->bgp && v->routing == ECRC_ROUTING_STATIC) {
			f = ecrc_report(ck, &u->node,
			                "%s runs BGP but %s, its VBR on %s, uses static routing: no BGP "
			                "session will come up; remove <bgp> or set routing=\"bgp\" on %s",
			                u->id, v->id, v->connection_id, v->id);
			ecrc_report_note(ck, f, &v->node, "%s has routing=\"static\"", v->id);
		} else if (!u->bgp && v->routing == ECRC_ROUTING_BGP) {
			f = ecrc_report(ck, &u->node,
			                "%s has no <bgp> (static routing) but %s, its VBR on %s, expects "
			                "BGP: add <bgp> to %s or set routing=\"static\" on %s",
			                u->id, v->id, v->connection_id, u->id, v->id);
			ecrc_report_note(ck, f, &v->node, "%s routes with BGP", v->id);
		}
	}
}

const struct ecrc_rule ecrc_rule_routing_mismatch = {
    .id = "routing-mismatch",
    .severity = ECRC_SEV_ERROR,
    .summary = "VBR routing and the uplink disagree (bgp vs static)",
    .check = check,
};
