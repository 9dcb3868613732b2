/*
 * prefix-overlap.c: a data center prefix that overlaps a VPC CIDR (primary
 * or secondary). Alibaba's Express Connect limits page: "ensure that your
 * cloud and on-premises CIDR blocks do not conflict".
 *
 * All prefixes of the design are sorted once by network and length and
 * swept with a stack of the prefixes that contain the current one: two
 * prefixes overlap only when one contains the other, so the stack holds
 * exactly the overlapping earlier ones. Cost O(n log n + overlaps).
 */
#include <stdlib.h>

#include "lint/lint.h"

struct item {
	struct ecrc_ipnet net;      /* host bits cleared */
	uint64_t last;              /* last address, inclusive */
	const struct ecrc_node *at; /* the <prefix>, the <vpc> or its <cidr> */
	const char *owner;          /* data center or VPC id */
	bool is_vpc;
	size_t seq;                 /* file order, the last sort key */
};

static int by_net(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	if (a->net.addr != b->net.addr)
		return a->net.addr < b->net.addr ? -1 : 1;
	if (a->net.len != b->net.len)
		return a->net.len < b->net.len ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void add(struct item *v, size_t *n, struct ecrc_ipnet p, const struct ecrc_node *at, const char *owner,
		bool is_vpc)
{
	struct item *it = &v[*n];
	it->net = ecrc_ipnet_network(p);
	it->last = (uint64_t)it->net.addr + ((uint64_t)1 << (32 - it->net.len)) - 1;
	it->at = at;
	it->owner = owner;
	it->is_vpc = is_vpc;
	it->seq = (*n)++;
}

static void report(struct ecrc_check *ck, const struct item *dc, const struct item *vpc)
{
	char a[19], b[19];
	ecrc_fmt_ipnet(dc->net, a);
	ecrc_fmt_ipnet(vpc->net, b);
	struct ecrc_finding *f = ecrc_report(
		ck, dc->at,
		"data center prefix %s of %s overlaps %s's CIDR %s: addresses in the overlap are routed to "
		"one side only; renumber so that the data center and the VPC do not share addresses",
		a, dc->owner, vpc->owner, b);
	ecrc_report_note(ck, f, vpc->at, "%s has CIDR %s", vpc->owner, b);
}

static void check(struct ecrc_check *ck)
{
	const struct ecrc_design *d = ck->design;
	size_t cap = 0;
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		cap += dc->n_prefixes;
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next)
		for (const struct ecrc_vpc *vpc = r->vpcs; vpc; vpc = vpc->next)
			cap += 1 + vpc->n_cidrs;
	if (cap == 0)
		return;
	struct item *v = ecrc_xcalloc(cap, sizeof *v);
	size_t n = 0;
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_prefix_node *p = dc->prefixes; p; p = p->next)
			add(v, &n, p->prefix, &p->node, dc->id, false);
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next) {
		for (const struct ecrc_vpc *vpc = r->vpcs; vpc; vpc = vpc->next) {
			add(v, &n, vpc->cidr, &vpc->node, vpc->id, true);
			for (const struct ecrc_prefix_node *c = vpc->cidrs; c; c = c->next)
				add(v, &n, c->prefix, &c->node, vpc->id, true);
		}
	}
	qsort(v, n, sizeof *v, by_net);

	const struct item **stack = ecrc_xcalloc(n, sizeof *stack);
	size_t depth = 0;
	for (size_t i = 0; i < n; i++) {
		while (depth > 0 && stack[depth - 1]->last < v[i].net.addr)
			depth--;
		for (size_t k = 0; k < depth; k++) {
			if (stack[k]->is_vpc == v[i].is_vpc)
				continue;
			if (v[i].is_vpc)
				report(ck, stack[k], &v[i]);
			else
				report(ck, &v[i], stack[k]);
		}
		stack[depth++] = &v[i];
	}
	free(stack);
	free(v);
}

const struct ecrc_rule ecrc_rule_prefix_overlap = {
	.id = "prefix-overlap",
	.severity = ECRC_SEV_ERROR,
	.summary = "a data center prefix overlaps a VPC CIDR",
	.check = check,
};
