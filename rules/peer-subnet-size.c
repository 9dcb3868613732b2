/*
 * peer-subnet-size.c: the peering subnet Alibaba accepts for a VBR: /24 to
 * /30, host addresses only (not the network or broadcast address), two
 * different addresses, and nothing inside 100.64.0.0/10.
 */
#include "lint/lint.h"

static bool in_range(uint8_t len)
{
	return len >= 24 && len <= 30;
}

/* "network" or "broadcast" when the host is one of them, else NULL. */
static const char *edge_address(struct ecrc_ipnet a)
{
	uint32_t mask = ecrc_mask(a.len);

	if ((a.addr & ~mask) == 0)
		return "network";
	if ((a.addr & ~mask) == ~mask)
		return "broadcast";
	return NULL;
}

static void check_vbr(struct ecrc_check *ck, const struct ecrc_vbr *v)
{
	const struct ecrc_ipnet shared = {.addr = 0x64400000u, .len = 10}; /* 100.64.0.0/10 */
	char la[19], net[19], pa[16];
	const char *edge;

	ecrc_fmt_ipnet(v->local_address, la);
	ecrc_fmt_ipnet(ecrc_ipnet_network(v->local_address), net);
	if (!in_range(v->local_address.len)) {
		ecrc_report(ck, &v->node,
		            "%s local-address %s has a /%u subnet; Alibaba accepts /24 to /30 for a VBR's "
		            "peering subnet",
		            v->id, la, v->local_address.len);
	} else if ((edge = edge_address(v->local_address))) {
		ecrc_report(ck, &v->node, "%s local-address %s is the %s address of %s; use a host address",
		            v->id, la, edge, net);
	}
	if (v->peer_address == v->local_address.addr)
		ecrc_report(ck, &v->node,
		            "%s peer-address %s is its own local-address: the two ends of a circuit need two "
		            "addresses",
		            v->id, ecrc_fmt_ipv4(v->peer_address, pa));
	if (ecrc_ipnet_contains(shared, v->local_address))
		ecrc_report(ck, &v->node,
		            "%s local-address %s is inside 100.64.0.0/10, which Alibaba Cloud does not "
		            "accept for a VBR",
		            v->id, la);
}

static void check(struct ecrc_check *ck)
{
	const struct ecrc_cloud *cloud = ck->design->cloud;

	for (const struct ecrc_region *r = cloud ? cloud->regions : NULL; r; r = r->next)
		for (const struct ecrc_vbr *v = r->vbrs; v; v = v->next)
			check_vbr(ck, v);
	/* The CPE end: a host address of its subnet. */
	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink *u = ck->facts->uplinks[i].uplink;
		char ua[19], net[19];
		const char *edge;

		if (!in_range(u->address.len) || !(edge = edge_address(u->address)))
			continue;
		ecrc_report(ck, &u->node, "%s address %s is the %s address of %s; use a host address", u->id,
		            ecrc_fmt_ipnet(u->address, ua), edge,
		            ecrc_fmt_ipnet(ecrc_ipnet_network(u->address), net));
	}
}

const struct ecrc_rule ecrc_rule_peer_subnet_size = {
    .id = "peer-subnet-size",
    .severity = ECRC_SEV_ERROR,
    .summary = "peering subnet outside /24../30, a network or broadcast address, local == peer, or inside "
               "100.64.0.0/10",
    .check = check,
};
