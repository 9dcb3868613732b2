/*
 * security-group-blocks-dc.c: a VPC that a data center reaches, with no
 * <allow-ingress> covering that data center's prefixes. Alibaba's ECMP-over-ECR guide lists it as a
 * prerequisite: "Security group rules on ECS instances that allow inbound
 * traffic from the data center." A prefix counts as covered when the union
 * of the VPC's allow-ingress sources contains it, whatever their protocol.
 */
#include <stdlib.h>

#include "lint/lint.h"

struct span {
	uint64_t first, last; /* inclusive */
};

static struct span span_of(struct ecrc_ipnet p)
{
	struct ecrc_ipnet n = ecrc_ipnet_network(p);
	struct span s = {n.addr, (uint64_t)n.addr + ((uint64_t)1 << (32 - n.len)) - 1};

	return s;
}

static int by_first(const void *pa, const void *pb)
{
	const struct span *a = pa, *b = pb;

	return a->first < b->first ? -1 : a->first > b->first;
}

/* Sorts and merges overlapping or adjacent spans; returns the new count. */
static size_t merge(struct span *v, size_t n)
{
	size_t m = 0;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), by_first);
	for (size_t i = 1; i < n; i++) {
		if (v[i].first <= v[m].last + 1) {
			if (v[i].last > v[m].last)
				v[m].last = v[i].last;
		} else {
			v[++m] = v[i];
		}
	}
	return m + 1;
}

static bool covered(const struct span *v, size_t n, struct ecrc_ipnet p)
{
	struct span want = span_of(p);
	size_t lo = 0, hi = n; /* after the last span with first <= want.first */

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].first <= want.first)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && v[lo - 1].last >= want.last;
}

static void check_pair(struct ecrc_check *ck, const struct ecrc_vpc *vpc, const struct span *v, size_t n,
                       const struct ecrc_datacenter *dc)
{
	const struct ecrc_prefix_node *first = NULL;
	struct ecrc_buf missing = {0};
	struct ecrc_finding *f;
	size_t n_missing = 0;
	char buf[19];

	for (const struct ecrc_prefix_node *p = dc->prefixes; p; p = p->next) {
		if (covered(v, n, p->prefix))
			continue;
		if (!first)
			first = p;
		if (n_missing < 4)
			ecrc_buf_printf(&missing, "%s%s", n_missing ? ", " : "",
			                ecrc_fmt_ipnet(p->prefix, buf));
		n_missing++;
	}
	if (!first)
		return;
	if (n_missing > 4)
		ecrc_buf_printf(&missing, " and %zu more", n_missing - 4);
	ecrc_fmt_ipnet(ecrc_ipnet_network(first->prefix), buf);
	f = ecrc_report(
	    ck, &vpc->node,
	    "%s is reachable from %s, but no allow-ingress rule of %s covers %s's prefix%s %s: its "
	    "instances drop traffic from the data center; add <allow-ingress source=\"%s\"/>%s",
	    vpc->id, dc->id, vpc->id, dc->id, n_missing > 1 ? "es" : "", missing.p, buf,
	    n_missing > 1 ? " and one for each other prefix" : "");
	n_missing = 0;
	for (const struct ecrc_prefix_node *p = first; p && n_missing < 4; p = p->next) {
		if (covered(v, n, p->prefix))
			continue;
		ecrc_report_note(ck, f, &p->node, "%s owns %s", dc->id, ecrc_fmt_ipnet(p->prefix, buf));
		n_missing++;
	}
	ecrc_buf_free(&missing);
}

static void check_vpc(struct ecrc_check *ck, const struct ecrc_vpc_facts *vf)
{
	const struct ecrc_vpc *vpc = vf->vpc;
	struct span *v = ecrc_xcalloc(vpc->n_ingress + 1, sizeof(*v));
	size_t n = 0;

	for (const struct ecrc_allow_ingress *in = vpc->ingress; in; in = in->next)
		v[n++] = span_of(in->source);
	n = merge(v, n);
	for (size_t d = 0; d < vf->n_dcs; d++)
		check_pair(ck, vpc, v, n, vf->dcs[d]);
	free(v);
}

static void check(struct ecrc_check *ck)
{
	for (size_t i = 0; i < ck->facts->n_vpcs; i++)
		if (ck->facts->vpcs[i].n_dcs > 0)
			check_vpc(ck, &ck->facts->vpcs[i]);
}

const struct ecrc_rule ecrc_rule_security_group_blocks_dc = {
    .id = "security-group-blocks-dc",
    .severity = ECRC_SEV_WARNING,
    .summary = "a reachable VPC has no allow-ingress covering the data center's prefixes",
    .check = check,
};
