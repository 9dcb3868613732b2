/*
 * prefix-reserved.c: address space a design must not use on the
 * interconnect (rules.md, added in v1.1):
 *  - a data center prefix or a VPC block (primary or secondary) inside, or
 *    covering part of, 100.64.0.0/10, which Alibaba Cloud uses for its own
 *    services (domain.md; docs/rules/prefix-reserved.md cites the pages);
 *  - a default route (0.0.0.0/0) advertised by an uplink, written as an
 *    <advertise> or implied by a data center <prefix>: the data center
 *    would draw every destination the cloud does not know.
 * One pass over the prefixes.
 */
#include "lint/lint.h"

static const struct ecrc_ipnet shared_space = {.addr = 0x64400000u, .len = 10}; /* 100.64.0.0/10 */

static void check_block(struct ecrc_check *ck, struct ecrc_ipnet p, const struct ecrc_node *at,
                        const char *what, const char *owner)
{
	char a[19];
	struct ecrc_ipnet net = ecrc_ipnet_network(p);
	if (net.len == 0 || !ecrc_ipnet_overlaps(net, shared_space))
		return;
	ecrc_fmt_ipnet(net, a);
	ecrc_report(
	    ck, at,
	    "%s %s of %s %s 100.64.0.0/10, which Alibaba Cloud reserves for its own services: routes and "
	    "addresses there collide with the cloud's; renumber into private space (10.0.0.0/8, "
	    "172.16.0.0/12, 192.168.0.0/16)",
	    what, a, owner, ecrc_ipnet_contains(shared_space, net) ? "is inside" : "covers part of");
}

static void check(struct ecrc_check *ck)
{
	const struct ecrc_design *d = ck->design;
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next) {
		for (const struct ecrc_prefix_node *p = dc->prefixes; p; p = p->next) {
			if (p->prefix.len == 0)
				ecrc_report(
				    ck, &p->node,
				    "data center prefix 0.0.0.0/0 of %s: its uplinks would advertise a "
				    "default route to the cloud, which then sends every destination it has "
				    "no route for to the data center; list the prefixes the data center "
				    "really has",
				    dc->id);
			else
				check_block(ck, p->prefix, &p->node, "data center prefix", dc->id);
		}
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			for (const struct ecrc_uplink *u = c->uplinks; u; u = u->next) {
				if (!u->bgp)
					continue;
				for (const struct ecrc_advertise *a = u->bgp->advertises; a; a = a->next)
					if (a->prefix.len == 0)
						ecrc_report(
						    ck, &a->node,
						    "%s advertises a default route (0.0.0.0/0) to its VBR: "
						    "the cloud would send every destination it has no route "
						    "for to the data center; advertise the data center's own "
						    "prefixes only",
						    u->id);
			}
	}
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next)
		for (const struct ecrc_vpc *vpc = r->vpcs; vpc; vpc = vpc->next) {
			check_block(ck, vpc->cidr, &vpc->node, "CIDR", vpc->id);
			for (const struct ecrc_prefix_node *c = vpc->cidrs; c; c = c->next)
				check_block(ck, c->prefix, &c->node, "secondary CIDR", vpc->id);
		}
}

const struct ecrc_rule ecrc_rule_prefix_reserved = {
    .id = "prefix-reserved",
    .severity = ECRC_SEV_ERROR,
    .summary = "a data center prefix or VPC block in 100.64.0.0/10 (reserved by Alibaba Cloud), or a "
               "default route advertised",
    .check = check,
};
