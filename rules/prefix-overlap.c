/*
 * prefix-overlap.c: address space that two parties of the interconnect
 * claim at once (rules.md, extended in v1.1):
 *  - a data center prefix that overlaps a VPC block (primary or secondary);
 *  - a data center prefix that overlaps another data center's prefix: the
 *    ECR learns both and sends the overlap to one data center only;
 *  - two VPCs whose blocks overlap and that are reachable from the same
 *    ECR or the same transit router: the router holds one route per
 *    prefix, so one VPC's addresses in the overlap are unreachable.
 * Alibaba's Express Connect limits page: "ensure that your cloud and
 * on-premises CIDR blocks do not conflict".
 *
 * All prefixes of the design are sorted once by network and length and
 * swept with a stack of the prefixes that contain the current one: two
 * prefixes overlap only when one contains the other, so the stack holds
 * exactly the overlapping earlier ones. Whether two VPCs share an ECR or
 * transit router is a walk of their short lists of both, built once from
 * the facts. Cost O(n log n + overlaps).
 */
#include <stdlib.h>

#include "lint/lint.h"

struct item {
	struct ecrc_ipnet net;      /* host bits cleared */
	uint64_t last;              /* last address, inclusive */
	const struct ecrc_node *at; /* the <prefix>, the <vpc> or its <cidr> */
	const char *owner;          /* data center or VPC id */
	const void *party;          /* the data center or the VPC */
	bool is_vpc;
	size_t vpc; /* is_vpc: its ordinal in the facts */
	size_t seq; /* file order, the last sort key */
};

/* The ECRs and transit routers from which each VPC is reachable. */
struct routers {
	const struct ecrc_node ***of; /* of[vpc ordinal]: NULL-terminated */
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
                const void *party, bool is_vpc, size_t vpc)
{
	struct item *it = &v[*n];
	it->net = ecrc_ipnet_network(p);
	it->last = (uint64_t)it->net.addr + ((uint64_t)1 << (32 - it->net.len)) - 1;
	it->at = at;
	it->owner = owner;
	it->party = party;
	it->is_vpc = is_vpc;
	it->vpc = vpc;
	it->seq = (*n)++;
}

static void push_router(const struct ecrc_node ***list, size_t *n, const struct ecrc_node *r)
{
	for (size_t i = 0; i < *n; i++)
		if ((*list)[i] == r)
			return;
	*list = ecrc_xrealloc(*list, (*n + 2) * sizeof **list);
	(*list)[(*n)++] = r;
	(*list)[*n] = NULL;
}

static void routers_build(const struct ecrc_facts *facts, struct routers *rt)
{
	size_t *count = ecrc_xcalloc(facts->n_vpcs + 1, sizeof *count);
	rt->of = ecrc_xcalloc(facts->n_vpcs + 1, sizeof *rt->of);
	for (size_t e = 0; e < facts->n_ecrs; e++) {
		const struct ecrc_ecr_facts *ef = &facts->ecrs[e];
		for (size_t k = 0; k < ef->n_reach; k++) {
			const struct ecrc_vpc_facts *vf = ecrc_facts_vpc(facts, ef->reach[k].vpc);
			if (!vf)
				continue;
			size_t i = (size_t)(vf - facts->vpcs);
			push_router(&rt->of[i], &count[i], &ef->ecr->node);
			if (ef->reach[k].tr)
				push_router(&rt->of[i], &count[i], &ef->reach[k].tr->node);
		}
	}
	/* a VPC attached to a transit router that no ECR reaches */
	for (const struct ecrc_region *r = facts->design->cloud->regions; r; r = r->next)
		for (const struct ecrc_transit_router *tr = r->trs; tr; tr = tr->next)
			for (const struct ecrc_attach *a = tr->attaches; a; a = a->next) {
				if (a->kind != ECRC_ATT_VPC || !a->target)
					continue;
				const struct ecrc_vpc_facts *vf =
				    ecrc_facts_vpc(facts, (const struct ecrc_vpc *)a->target);
				if (!vf)
					continue;
				size_t i = (size_t)(vf - facts->vpcs);
				push_router(&rt->of[i], &count[i], &tr->node);
			}
	free(count);
}

static void routers_free(const struct ecrc_facts *facts, struct routers *rt)
{
	for (size_t i = 0; i <= facts->n_vpcs; i++)
		free(rt->of[i]);
	free(rt->of);
}

/* An ECR or transit router both VPCs are reachable from, or NULL. */
static const struct ecrc_node *shared_router(const struct routers *rt, size_t a, size_t b)
{
	if (!rt->of[a] || !rt->of[b])
		return NULL;
	for (const struct ecrc_node **x = rt->of[a]; *x; x++)
		for (const struct ecrc_node **y = rt->of[b]; *y; y++)
			if (*x == *y)
				return *x;
	return NULL;
}

static void report_dc_vpc(struct ecrc_check *ck, const struct item *dc, const struct item *vpc)
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

/* `later` is the one further down the file: that is where the finding goes. */
static void report_dc_dc(struct ecrc_check *ck, const struct item *earlier, const struct item *later)
{
	char a[19], b[19];
	ecrc_fmt_ipnet(later->net, a);
	ecrc_fmt_ipnet(earlier->net, b);
	struct ecrc_finding *f = ecrc_report(
	    ck, later->at,
	    "data center prefix %s of %s overlaps %s of data center %s: the cloud learns both and sends "
	    "traffic for the overlap to one data center only; renumber one of them, or advertise only "
	    "prefixes each data center owns alone",
	    a, later->owner, b, earlier->owner);
	ecrc_report_note(ck, f, earlier->at, "%s has prefix %s", earlier->owner, b);
}

static void report_vpc_vpc(struct ecrc_check *ck, const struct item *earlier, const struct item *later,
                           const struct ecrc_node *router)
{
	char a[19], b[19];
	ecrc_fmt_ipnet(later->net, a);
	ecrc_fmt_ipnet(earlier->net, b);
	const char *kind = router->kind == ECRC_K_ECR ? "ECR" : "transit router";
	struct ecrc_finding *f = ecrc_report(
	    ck, later->at,
	    "%s's CIDR %s overlaps %s's CIDR %s, and both VPCs are reachable from %s %s: it keeps one "
	    "route per prefix, so the data center cannot reach one VPC's addresses in the overlap; "
	    "renumber one VPC or reach them through different routers",
	    later->owner, a, earlier->owner, b, kind, ecrc_node_id(router));
	ecrc_report_note(ck, f, earlier->at, "%s has CIDR %s", earlier->owner, b);
}

static void check(struct ecrc_check *ck)
{
	const struct ecrc_design *d = ck->design;
	const struct ecrc_facts *facts = ck->facts;
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
			add(v, &n, p->prefix, &p->node, dc->id, dc, false, 0);
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next) {
		for (const struct ecrc_vpc *vpc = r->vpcs; vpc; vpc = vpc->next) {
			const struct ecrc_vpc_facts *vf = ecrc_facts_vpc(facts, vpc);
			size_t ord = vf ? (size_t)(vf - facts->vpcs) : facts->n_vpcs;
			add(v, &n, vpc->cidr, &vpc->node, vpc->id, vpc, true, ord);
			for (const struct ecrc_prefix_node *c = vpc->cidrs; c; c = c->next)
				add(v, &n, c->prefix, &c->node, vpc->id, vpc, true, ord);
		}
	}
	qsort(v, n, sizeof *v, by_net);
	struct routers rt;
	routers_build(facts, &rt);

	const struct item **stack = ecrc_xcalloc(n, sizeof *stack);
	size_t depth = 0;
	for (size_t i = 0; i < n; i++) {
		while (depth > 0 && stack[depth - 1]->last < v[i].net.addr)
			depth--;
		for (size_t k = 0; k < depth; k++) {
			const struct item *o = stack[k], *cur = &v[i];
			const struct item *earlier = o->seq < cur->seq ? o : cur,
			                  *later = o->seq < cur->seq ? cur : o;
			if (o->party == cur->party)
				continue; /* a data center's own prefixes, a VPC's own blocks */
			if (o->is_vpc != cur->is_vpc) {
				report_dc_vpc(ck, cur->is_vpc ? o : cur, cur->is_vpc ? cur : o);
			} else if (!cur->is_vpc) {
				report_dc_dc(ck, earlier, later);
			} else {
				const struct ecrc_node *router = shared_router(&rt, o->vpc, cur->vpc);
				if (router)
					report_vpc_vpc(ck, earlier, later, router);
			}
		}
		stack[depth++] = &v[i];
	}
	free(stack);
	routers_free(facts, &rt);
	free(v);
}

const struct ecrc_rule ecrc_rule_prefix_overlap = {
    .id = "prefix-overlap",
    .severity = ECRC_SEV_ERROR,
    .summary = "a data center prefix overlaps a VPC block or another data center's prefix, or two VPCs "
               "reachable from one ECR or transit router overlap",
    .check = check,
};
