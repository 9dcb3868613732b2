/*
 * prefix-host-bits.c: a prefix with host bits set (192.168.1.0/16). Every
 * value of prefix syntax is checked: data center prefixes, advertise and
 * accept prefixes, VPC CIDRs, allowed prefixes and allow-ingress sources.
 * Interface addresses (uplink address=, VBR local-address=) are host
 * addresses, not prefixes.
 */
#include "lint/lint.h"

static void check_one(struct ecrc_check *ck, const struct ecrc_node *at, const char *what,
                      struct ecrc_ipnet p)
{
	char given[19], network[19], meant[19];
	struct ecrc_ipnet alt = {p.addr, 32};

	if (!(p.addr & ~ecrc_mask(p.len)))
		return;
	/* The shortest length at which the address is a network address. */
	while (alt.len > 0 && !(p.addr & ((uint32_t)1 << (32 - alt.len))))
		alt.len--;
	ecrc_fmt_ipnet(p, given);
	ecrc_fmt_ipnet(ecrc_ipnet_network(p), network);
	ecrc_fmt_ipnet(alt, meant);
	ecrc_report(ck, at,
	            "%s %s has host bits set: its network is %s; write %s, or %s if the length is what "
	            "is wrong",
	            what, given, network, network, meant);
}

static void check_uplink(struct ecrc_check *ck, const struct ecrc_uplink *u)
{
	if (!u->bgp)
		return;
	for (const struct ecrc_advertise *a = u->bgp->advertises; a; a = a->next)
		check_one(ck, &a->node, "advertised prefix", a->prefix);
	for (const struct ecrc_accept *a = u->bgp->accepts; a; a = a->next)
		check_one(ck, &a->node, "accepted prefix", a->prefix);
}

static void check_vpc(struct ecrc_check *ck, const struct ecrc_vpc *vpc)
{
	check_one(ck, &vpc->node, "cidr", vpc->cidr);
	for (const struct ecrc_prefix_node *c = vpc->cidrs; c; c = c->next)
		check_one(ck, &c->node, "<cidr>", c->prefix);
	for (const struct ecrc_allow_ingress *in = vpc->ingress; in; in = in->next)
		check_one(ck, &in->node, "allow-ingress source", in->source);
}

static void check(struct ecrc_check *ck)
{
	const struct ecrc_design *d = ck->design;

	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next) {
		for (const struct ecrc_prefix_node *p = dc->prefixes; p; p = p->next)
			check_one(ck, &p->node, "data center prefix", p->prefix);
		for (const struct ecrc_cpe *cpe = dc->cpes; cpe; cpe = cpe->next)
			for (const struct ecrc_uplink *u = cpe->uplinks; u; u = u->next)
				check_uplink(ck, u);
	}
	for (const struct ecrc_ecr *ecr = d->cloud->ecrs; ecr; ecr = ecr->next)
		for (const struct ecrc_associate *a = ecr->associates; a; a = a->next)
			for (const struct ecrc_prefix_node *p = a->allowed; p; p = p->next)
				check_one(ck, &p->node, "allowed prefix", p->prefix);
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next)
		for (const struct ecrc_vpc *vpc = r->vpcs; vpc; vpc = vpc->next)
			check_vpc(ck, vpc);
}

const struct ecrc_rule ecrc_rule_prefix_host_bits = {
    .id = "prefix-host-bits",
    .severity = ECRC_SEV_WARNING,
    .summary = "a prefix with host bits set",
    .check = check,
};
