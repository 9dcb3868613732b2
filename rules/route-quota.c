/*
 * route-quota.c: more distinct prefixes advertised over one BGP session than
 * the VBR's route quota (route-quota=, default 110; Alibaba's quota
 * ec_quota_bgp_group_max_route_entry_num). Alibaba's VBR page: "Each BGP
 * peer supports a maximum of 110 dynamic routes. Routes that exceed this
 * limit are dropped." The quota is per BGP peer, so the count is per uplink:
 * the routes its VBR receives, one per prefix, from the shared facts.
 */
#include "lint/lint.h"

static void check_uplink(struct ecrc_check *ck, const struct ecrc_uplink_facts *uf)
{
	const struct ecrc_uplink *u = uf->uplink;
	const struct ecrc_vbr *vbr = uf->vbr;
	struct ecrc_finding *f;

	if (!u->bgp || !vbr || vbr->routing != ECRC_ROUTING_BGP || uf->n_routes <= vbr->route_quota)
		return;
	f = ecrc_report(
	    ck, &u->bgp->node,
	    "%s advertises %zu prefixes to %s%s, more than its route quota of %u: %s drops the "
	    "routes beyond the quota and parts of %s become unreachable from the cloud; aggregate "
	    "the prefixes, or raise the quota in Quota Center and set route-quota on %s",
	    u->id, uf->n_routes, vbr->id,
	    u->bgp->n_advertises ? "" : " (every prefix of its data center, as it has no <advertise>)",
	    (unsigned)vbr->route_quota, vbr->id, u->cpe->dc->id, vbr->id);
	ecrc_report_note(ck, f, &vbr->node, "%s accepts at most %u route%s from one BGP peer", vbr->id,
	                 (unsigned)vbr->route_quota, vbr->route_quota == 1 ? "" : "s");
}

static void check(struct ecrc_check *ck)
{
	for (size_t i = 0; i < ck->facts->n_uplinks; i++)
		check_uplink(ck, &ck->facts->uplinks[i]);
}

const struct ecrc_rule ecrc_rule_route_quota = {
    .id = "route-quota",
    .severity = ECRC_SEV_ERROR,
    .summary = "more prefixes advertised to one VBR than its route-quota (default 110): the rest are dropped",
    .check = check,
};
