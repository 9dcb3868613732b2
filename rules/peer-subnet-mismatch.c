/*
 * peer-subnet-mismatch.c: the uplink's address and its VBR's local-address
 * must lie in one point-to-point subnet of one length. Points at the side
 * that disagrees with itself (the VBR whose peer-address is outside its own
 * subnet, or the uplink whose neighbor is outside its own), else at the
 * uplink, the side ecrc compiles.
 */
#include "lint/lint.h"

static void check(struct ecrc_check *ck)
{
	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink *u = ck->facts->uplinks[i].uplink;
		const struct ecrc_vbr *v = ck->facts->uplinks[i].vbr;
		struct ecrc_ipnet un, vn, host;
		char ua[19], va[19], unet[19], vnet[19];
		const struct ecrc_node *at, *other;
		bool cpe_ok, vbr_ok;
		struct ecrc_finding *f;

		if (!v)
			continue;
		un = ecrc_ipnet_network(u->address);
		vn = ecrc_ipnet_network(v->local_address);
		if (un.len == vn.len && ecrc_ipnet_equal(un, vn))
			continue;
		host.len = 32;
		host.addr = v->peer_address;
		vbr_ok = ecrc_ipnet_contains(vn, host);
		host.addr = u->bgp ? u->bgp->neighbor : v->local_address.addr;
		cpe_ok = ecrc_ipnet_contains(un, host);
		ecrc_fmt_ipnet(u->address, ua);
		ecrc_fmt_ipnet(v->local_address, va);
		ecrc_fmt_ipnet(un, unet);
		ecrc_fmt_ipnet(vn, vnet);
		if (cpe_ok && !vbr_ok) {
			at = &v->node;
			other = &u->node;
			f = ecrc_report(
			    ck, at,
			    "%s local-address %s is in %s but %s, the CPE end on %s VLAN %u, has %s in %s; "
			    "both ends need one subnet of one length",
			    v->id, va, vnet, u->id, v->connection_id, v->vlan, ua, unet);
			ecrc_report_note(ck, f, other, "%s has address %s", u->id, ua);
		} else {
			at = &u->node;
			other = &v->node;
			f = ecrc_report(ck, at,
			                "%s address %s is in %s but %s, the VBR on %s VLAN %u, has "
			                "local-address %s in %s; "
			                "both ends need one subnet of one length",
			                u->id, ua, unet, v->id, v->connection_id, v->vlan, va, vnet);
			ecrc_report_note(ck, f, other, "%s has local-address %s", v->id, va);
		}
	}
}

const struct ecrc_rule ecrc_rule_peer_subnet_mismatch = {
    .id = "peer-subnet-mismatch",
    .severity = ECRC_SEV_ERROR,
    .summary = "CPE and VBR addresses not in one subnet, or different subnet lengths",
    .check = check,
};
