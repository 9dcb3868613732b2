/*
 * peer-address-mismatch.c: the two ends of a circuit must name each other:
 * the VBR's peer-address is the uplink's address, and the uplink's BGP
 * neighbor is the VBR's local address. Runs only where both ends are in
 * one subnet (otherwise peer-subnet-mismatch reports the circuit).
 */
#include "lint/lint.h"

static void check(struct ecrc_check *ck)
{
	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink *u = ck->facts->uplinks[i].uplink;
		const struct ecrc_vbr *v = ck->facts->uplinks[i].vbr;
		char a[16], b[16], net[19];
		struct ecrc_finding *f;

		if (!v || u->address.len != v->local_address.len ||
		    !ecrc_ipnet_equal(ecrc_ipnet_network(u->address), ecrc_ipnet_network(v->local_address)))
			continue;
		if (u->address.addr != v->peer_address) {
			f = ecrc_report(ck, &v->node,
			                "%s peer-address is %s but %s, its CPE end on %s VLAN %u, has "
			                "address %s; set peer-address=\"%s\"",
			                v->id, ecrc_fmt_ipv4(v->peer_address, a), u->id, v->connection_id,
			                v->vlan, ecrc_fmt_ipv4(u->address.addr, b), b);
			ecrc_report_note(ck, f, &u->node, "%s has address %s", u->id,
			                 ecrc_fmt_ipnet(u->address, net));
		}
		if (u->bgp && u->bgp->neighbor != v->local_address.addr) {
			f = ecrc_report(ck, &u->bgp->node,
			                "%s BGP neighbor is %s but %s, the VBR on %s VLAN %u, has "
			                "local-address %s; set neighbor=\"%s\"",
			                u->id, ecrc_fmt_ipv4(u->bgp->neighbor, a), v->id, v->connection_id,
			                v->vlan, ecrc_fmt_ipv4(v->local_address.addr, b), b);
			ecrc_report_note(ck, f, &v->node, "%s has local-address %s", v->id,
			                 ecrc_fmt_ipnet(v->local_address, net));
		}
	}
}

const struct ecrc_rule ecrc_rule_peer_address_mismatch = {
    .id = "peer-address-mismatch",
    .severity = ECRC_SEV_ERROR,
    .summary = "uplink address != VBR peer-address, or BGP neighbor != VBR local-address",
    .check = check,
};
