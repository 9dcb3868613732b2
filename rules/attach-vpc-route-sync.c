/*
 * attach-vpc-route-sync.c: a VPC associated with an ECR and attached to a
 * transit router with route synchronization on. Alibaba, "Create an ECR connection"
 * (https://www.alibabacloud.com/help/en/cen/user-guide/connect-ecrs): "If you want to connect a VPC to a
 * transit router and an ECR, route synchronization cannot be enabled between the VPC and the transit router."
 *
 * The ECRs' VPC associations are sorted by VPC once; each route-sync
 * attachment is then one binary search.
 */
#include <stdlib.h>

#include "lint/lint.h"

static int by_vpc(const void *pa, const void *pb)
{
	const struct ecrc_associate *a = *(const struct ecrc_associate *const *)pa;
	const struct ecrc_associate *b = *(const struct ecrc_associate *const *)pb;

	if (a->target != b->target)
		return (uintptr_t)a->target < (uintptr_t)b->target ? -1 : 1;
	if (a->node.loc.line != b->node.loc.line)
		return a->node.loc.line < b->node.loc.line ? -1 : 1;
	return a->node.loc.col < b->node.loc.col ? -1 : a->node.loc.col > b->node.loc.col;
}

/* Index of the first association of vpc in the sorted array, or n. */
static size_t first_of(const struct ecrc_associate *const *v, size_t n, const struct ecrc_node *vpc)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((uintptr_t)v[mid]->target < (uintptr_t)vpc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo]->target == vpc ? lo : n;
}

static void check_attach(struct ecrc_check *ck, const struct ecrc_associate *const *v, size_t n,
                         const struct ecrc_attach *at)
{
	struct ecrc_finding *f;
	size_t i;

	if (at->kind != ECRC_ATT_VPC || !at->route_sync || !at->target)
		return;
	i = first_of(v, n, at->target);
	if (i == n)
		return;
	f = ecrc_report(ck, &at->node,
	                "%s is attached to transit router %s with route-sync=\"true\" and is also associated "
	                "with %s; a VPC connected to both a transit router and an ECR cannot synchronize "
	                "routes with the transit router: set route-sync=\"false\"",
	                at->target_id, at->tr->id, v[i]->ecr->id);
	for (; i < n && v[i]->target == at->target; i++)
		ecrc_report_note(ck, f, &v[i]->node, "%s associates %s here", v[i]->ecr->id, at->target_id);
}

static void check(struct ecrc_check *ck)
{
	const struct ecrc_design *d = ck->design;
	const struct ecrc_associate **v;
	size_t n = 0;

	for (const struct ecrc_ecr *ecr = d->cloud->ecrs; ecr; ecr = ecr->next)
		n += ecr->n_associates;
	v = ecrc_xcalloc(n + 1, sizeof(*v));
	n = 0;
	for (const struct ecrc_ecr *ecr = d->cloud->ecrs; ecr; ecr = ecr->next)
		for (const struct ecrc_associate *a = ecr->associates; a; a = a->next)
			if (a->kind == ECRC_ASSOC_VPC && a->target && a->target->kind == ECRC_K_VPC)
				v[n++] = a;
	if (n) {
		qsort(v, n, sizeof(*v), by_vpc);
		for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next)
			for (const struct ecrc_transit_router *tr = r->trs; tr; tr = tr->next)
				for (const struct ecrc_attach *at = tr->attaches; at; at = at->next)
					check_attach(ck, v, n, at);
	}
	free(v);
}

const struct ecrc_rule ecrc_rule_attach_vpc_route_sync = {
    .id = "attach-vpc-route-sync",
    .severity = ECRC_SEV_ERROR,
    .summary = "a VPC associated with an ECR and attached to a transit router with route-sync on",
    .check = check,
};
