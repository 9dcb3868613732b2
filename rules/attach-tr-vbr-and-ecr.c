/*
 * attach-tr-vbr-and-ecr.c: a transit router with both a VBR attachment and
 * an ECR connection. Alibaba, "Create an ECR connection"
 * (https://www.alibabacloud.com/help/en/cen/user-guide/connect-ecrs): "If a virtual border router (VBR) is
 * connected to a transit router, the transit router does not support ECR connections. If an ECR is connected
 * to a transit router, the transit router does not support VBR connections."
 *
 * The ECR-to-TR associations are sorted by transit router once, so each
 * router's ECR connections are adjacent: no pairing over the whole design.
 */
#include <stdlib.h>

#include "lint/lint.h"

static int cmp_loc(const struct ecrc_loc *a, const struct ecrc_loc *b)
{
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

/* By transit router (in file order), then association in file order. */
static int by_tr(const void *pa, const void *pb)
{
	const struct ecrc_associate *a = *(const struct ecrc_associate *const *)pa;
	const struct ecrc_associate *b = *(const struct ecrc_associate *const *)pb;
	int c = cmp_loc(&a->target->loc, &b->target->loc);

	if (c)
		return c;
	if (a->target != b->target)
		return (uintptr_t)a->target < (uintptr_t)b->target ? -1 : 1;
	return cmp_loc(&a->node.loc, &b->node.loc);
}

static void check_tr(struct ecrc_check *ck, const struct ecrc_associate *const *ecrs, size_t n)
{
	const struct ecrc_transit_router *tr = (const struct ecrc_transit_router *)ecrs[0]->target;
	const char *ecr = ecrs[0]->ecr->id;

	for (const struct ecrc_attach *at = tr->attaches; at; at = at->next) {
		struct ecrc_finding *f;

		if (at->kind != ECRC_ATT_VBR)
			continue;
		f = ecrc_report(ck, &at->node,
		                "transit router %s has a VBR attachment (%s) and an ECR connection (%s); a "
		                "transit router accepts one or the other, never both: remove this attachment "
		                "and associate %s with %s instead, or attach %s to another transit router",
		                tr->id, at->target_id, ecr, at->target_id, ecr, at->target_id);
		for (size_t k = 0; k < n; k++)
			ecrc_report_note(ck, f, &ecrs[k]->node, "%s connects to %s here", ecrs[k]->ecr->id,
			                 tr->id);
	}
}

static void check(struct ecrc_check *ck)
{
	const struct ecrc_associate **v;
	size_t n = 0;

	for (const struct ecrc_ecr *ecr = ck->design->cloud->ecrs; ecr; ecr = ecr->next)
		n += ecr->n_associates;
	v = ecrc_xcalloc(n + 1, sizeof(*v));
	n = 0;
	for (const struct ecrc_ecr *ecr = ck->design->cloud->ecrs; ecr; ecr = ecr->next)
		for (const struct ecrc_associate *a = ecr->associates; a; a = a->next)
			if (a->kind == ECRC_ASSOC_TR && a->target && a->target->kind == ECRC_K_TRANSIT_ROUTER)
				v[n++] = a;
	if (n)
		qsort(v, n, sizeof(*v), by_tr);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;

		while (j < n && v[j]->target == v[i]->target)
			j++;
		check_tr(ck, v + i, j - i);
		i = j;
	}
	free(v);
}

const struct ecrc_rule ecrc_rule_attach_tr_vbr_and_ecr = {
    .id = "attach-tr-vbr-and-ecr",
    .severity = ECRC_SEV_ERROR,
    .summary = "a transit router with both a VBR attachment and an ECR connection",
    .check = check,
};
