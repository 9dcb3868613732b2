/*
 * vswitch.c: what a VPC advertises. A VPC's system route table holds one
 * system route per vSwitch CIDR, and those system routes (not the VPC's
 * blocks) are what it propagates to a transit router or an ECR (Alibaba,
 * "Propagate routes to a transit router", doc-detail 86980). A VPC written
 * without <vswitch> is modelled with one placeholder per block: the
 * block's first /24, or the block itself when it is longer than /24. The
 * rules, emit's tests and verify's front end share this one definition.
 */
#include "lint/lint.h"

size_t ecrc_vpc_n_routes(const struct ecrc_vpc *vpc)
{
	return vpc->n_vswitches ? vpc->n_vswitches : 1 + vpc->n_cidrs;
}

static struct ecrc_vpc_route placeholder(const struct ecrc_node *at, struct ecrc_ipnet block)
{
	struct ecrc_ipnet p = ecrc_ipnet_network(block);
	if (p.len < 24)
		p.len = 24;
	return (struct ecrc_vpc_route){.prefix = p, .at = at, .vswitch = NULL, .assumed = true};
}

size_t ecrc_vpc_routes(const struct ecrc_vpc *vpc, struct ecrc_vpc_route *out)
{
	size_t n = 0;
	if (vpc->n_vswitches) {
		for (const struct ecrc_vswitch *vs = vpc->vswitches; vs; vs = vs->next)
			out[n++] = (struct ecrc_vpc_route){.prefix = ecrc_ipnet_network(vs->cidr),
			                                   .at = &vs->node,
			                                   .vswitch = vs,
			                                   .assumed = false};
		return n;
	}
	out[n++] = placeholder(&vpc->node, vpc->cidr);
	for (const struct ecrc_prefix_node *c = vpc->cidrs; c; c = c->next)
		out[n++] = placeholder(&c->node, c->prefix);
	return n;
}
