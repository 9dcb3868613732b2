/*
 * attach-ecr-multiple-tr.c: one ECR associated with two transit routers in
 * one region. Alibaba, "Create an ECR connection"
 * (https://www.alibabacloud.com/help/en/cen/user-guide/connect-ecrs): "In a region, an ECR can be connected
 * to only one transit router."
 */
#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"

static const char *tr_region(const struct ecrc_associate *a)
{
	const struct ecrc_transit_router *tr = (const struct ecrc_transit_router *)a->target;

	return tr->region ? tr->region->id : "";
}

/* By region, then in file order: the first association in a region is the
 * one the others are reported against. */
static int by_region(const void *pa, const void *pb)
{
	const struct ecrc_associate *a = *(const struct ecrc_associate *const *)pa;
	const struct ecrc_associate *b = *(const struct ecrc_associate *const *)pb;
	int c = strcmp(tr_region(a), tr_region(b));

	if (c)
		return c;
	if (a->node.loc.line != b->node.loc.line)
		return a->node.loc.line < b->node.loc.line ? -1 : 1;
	return a->node.loc.col < b->node.loc.col ? -1 : a->node.loc.col > b->node.loc.col;
}

/* v[0..n) are one ECR's associations with transit routers of one region. */
static void check_region(struct ecrc_check *ck, const struct ecrc_associate *const *v, size_t n)
{
	const struct ecrc_associate *first = v[0];

	for (size_t k = 1; k < n; k++) {
		struct ecrc_finding *f;

		if (v[k]->target == first->target)
			continue; /* the same router twice is not two routers */
		f = ecrc_report(
		    ck, &v[k]->node,
		    "%s is associated with two transit routers in %s (%s and %s); in one region an "
		    "ECR connects to at most one transit router: remove this association, or move "
		    "what %s connects to onto %s",
		    first->ecr->id, tr_region(v[k]), first->target_id, v[k]->target_id, v[k]->target_id,
		    first->target_id);
		ecrc_report_note(ck, f, &first->node, "%s is first associated with %s here", first->ecr->id,
		                 first->target_id);
	}
}

static void check_ecr(struct ecrc_check *ck, const struct ecrc_ecr *ecr)
{
	const struct ecrc_associate **v = ecrc_xcalloc(ecr->n_associates + 1, sizeof(*v));
	size_t n = 0;

	for (const struct ecrc_associate *a = ecr->associates; a; a = a->next)
		if (a->kind == ECRC_ASSOC_TR && a->target && a->target->kind == ECRC_K_TRANSIT_ROUTER)
			v[n++] = a;
	if (n > 1)
		qsort(v, n, sizeof(*v), by_region);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;

		while (j < n && strcmp(tr_region(v[j]), tr_region(v[i])) == 0)
			j++;
		check_region(ck, v + i, j - i);
		i = j;
	}
	free(v);
}

static void check(struct ecrc_check *ck)
{
	for (const struct ecrc_ecr *ecr = ck->design->cloud->ecrs; ecr; ecr = ecr->next)
		if (ecr->n_associates > 1)
			check_ecr(ck, ecr);
}

const struct ecrc_rule ecrc_rule_attach_ecr_multiple_tr = {
    .id = "attach-ecr-multiple-tr",
    .severity = ECRC_SEV_ERROR,
    .summary = "one ECR associated with two transit routers in one region",
    .check = check,
};
