/*
 * vswitch-outside-vpc.c: a vSwitch whose CIDR is not inside one of its
 * VPC's blocks (primary or secondary), or two vSwitches of one VPC that
 * overlap. Alibaba creates a vSwitch only inside the VPC's CIDR blocks and
 * never overlapping another vSwitch of the VPC ("Create and manage a
 * vSwitch"); a design that says otherwise describes a VPC that cannot
 * exist, and the routes verify and the inbound filters derive from it
 * (one per vSwitch CIDR) are wrong.
 */
#include "lint/lint.h"

static bool inside_vpc(const struct ecrc_vpc *vpc, struct ecrc_ipnet p)
{
	if (ecrc_ipnet_contains(ecrc_ipnet_network(vpc->cidr), p))
		return true;
	for (const struct ecrc_prefix_node *c = vpc->cidrs; c; c = c->next)
		if (ecrc_ipnet_contains(ecrc_ipnet_network(c->prefix), p))
			return true;
	return false;
}

static bool overlap(struct ecrc_ipnet a, struct ecrc_ipnet b)
{
	return ecrc_ipnet_contains(a, b) || ecrc_ipnet_contains(b, a);
}

static void check_vpc(struct ecrc_check *ck, const struct ecrc_vpc *vpc)
{
	char buf[19], blk[19];

	for (const struct ecrc_vswitch *vs = vpc->vswitches; vs; vs = vs->next) {
		struct ecrc_ipnet p = ecrc_ipnet_network(vs->cidr);
		if (!inside_vpc(vpc, p)) {
			struct ecrc_finding *f = ecrc_report(
			    ck, &vs->node,
			    "vSwitch %s (%s) lies outside every CIDR block of %s (%s%s): Alibaba creates a "
			    "vSwitch only inside its VPC's blocks; correct the vSwitch's cidr, or add the "
			    "block "
			    "as <cidr> of %s",
			    vs->id, ecrc_fmt_ipnet(p, buf), vpc->id,
			    ecrc_fmt_ipnet(ecrc_ipnet_network(vpc->cidr), blk),
			    vpc->n_cidrs ? " and its secondary blocks" : "", vpc->id);
			ecrc_report_note(ck, f, &vpc->node, "%s's blocks", vpc->id);
		}
		for (const struct ecrc_vswitch *o = vpc->vswitches; o != vs; o = o->next) {
			struct ecrc_ipnet q = ecrc_ipnet_network(o->cidr);
			if (!overlap(p, q))
				continue;
			struct ecrc_finding *f = ecrc_report(
			    ck, &vs->node,
			    "vSwitch %s (%s) overlaps vSwitch %s (%s) of the same VPC %s: the "
			    "vSwitches of a VPC have disjoint CIDR blocks; give %s a free range",
			    vs->id, ecrc_fmt_ipnet(p, buf), o->id, ecrc_fmt_ipnet(q, blk), vpc->id, vs->id);
			ecrc_report_note(ck, f, &o->node, "%s is declared here", o->id);
			break;
		}
	}
}

static void check(struct ecrc_check *ck)
{
	for (const struct ecrc_region *r = ck->design->cloud->regions; r; r = r->next)
		for (const struct ecrc_vpc *vpc = r->vpcs; vpc; vpc = vpc->next)
			check_vpc(ck, vpc);
}

const struct ecrc_rule ecrc_rule_vswitch_outside_vpc = {
    .id = "vswitch-outside-vpc",
    .severity = ECRC_SEV_ERROR,
    .summary = "a vSwitch CIDR outside its VPC's blocks, or two vSwitches of a VPC that overlap",
    .check = check,
};
