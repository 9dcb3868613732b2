/*
 * attach-regional-gateway-policy.c: a transit router with an ECR connection
 * and VPN or CCN attachments, and no region-out route-policy that decides
 * about routes between them before the default one. Alibaba, "Create an ECR connection"
 * (https://www.alibabacloud.com/help/en/cen/user-guide/connect-ecrs): "After you connect an ECR to a transit
 * router, a default routing policy whose direction is Egress Regional Gateway, priority is 5000, and action
 * is Reject is automatically added ... This routing policy disables route advertisement between IPsec
 * connections, ECRs, VBRs, and Cloud Connect Network (CCN) instances."
 *
 * Both directions are checked (routes from the ECR to the attachment and
 * back). An explicit deny is the author's decision and is not reported.
 * VBR attachments are left to attach-tr-vbr-and-ecr: a transit router with
 * an ECR connection accepts no VBR, so advice about a policy for one would
 * point the wrong way.
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

static bool kind_matches(enum ecrc_attach_kind policy, enum ecrc_attach_kind kind)
{
	return policy == ECRC_ATT_ANY || policy == kind;
}

/* True when a region-out policy, permit or deny, matches routes from `from`
 * to `to` and so decides before the default reject at priority 5000. */
static bool decided(const struct ecrc_transit_router *tr, enum ecrc_attach_kind from,
                    enum ecrc_attach_kind to)
{
	for (const struct ecrc_route_policy *p = tr->policies; p; p = p->next)
		if (p->direction == ECRC_DIR_REGION_OUT && p->priority < 5000 &&
		    kind_matches(p->source, from) && kind_matches(p->destination, to))
			return true;
	return false;
}

static struct ecrc_finding *report(struct ecrc_check *ck, const struct ecrc_transit_router *tr,
                                   const char *ecr, const char *what, const struct ecrc_attach *first,
                                   bool in, bool out)
{
	const char *k = ecrc_attach_kind_name(first->kind);

	if (!in && !out)
		return ecrc_report(
		    ck, &tr->node,
		    "transit router %s has an ECR connection (%s) and %s attachments (%s), but "
		    "no region-out route-policy lets routes pass between ecr and %s: the "
		    "default priority-5000 reject policy stops route advertisement between "
		    "them; add <route-policy direction=\"region-out\" priority=\"10\" "
		    "action=\"permit\" source=\"%s\" destination=\"ecr\"/> and the same with "
		    "source and destination swapped",
		    tr->id, ecr, what, first->target_id, k, k);
	return ecrc_report(ck, &tr->node,
	                   "transit router %s has an ECR connection (%s) and %s attachments (%s), but no "
	                   "region-out route-policy lets routes pass from %s to %s: the default "
	                   "priority-5000 reject policy stops them; add <route-policy "
	                   "direction=\"region-out\" priority=\"10\" action=\"permit\" source=\"%s\" "
	                   "destination=\"%s\"/>",
	                   tr->id, ecr, what, first->target_id, in ? "ecr" : k, in ? k : "ecr",
	                   in ? "ecr" : k, in ? k : "ecr");
}

/* ecrs[0..n) are the ECR connections of one transit router. */
static void check_kind(struct ecrc_check *ck, const struct ecrc_associate *const *ecrs, size_t n,
                       enum ecrc_attach_kind kind, const char *what)
{
	const struct ecrc_transit_router *tr = (const struct ecrc_transit_router *)ecrs[0]->target;
	const struct ecrc_attach *first = NULL;
	struct ecrc_finding *f;
	bool in, out;

	for (const struct ecrc_attach *at = tr->attaches; at && !first; at = at->next)
		if (at->kind == kind)
			first = at;
	if (!first)
		return;
	in = decided(tr, kind, ECRC_ATT_ECR);
	out = decided(tr, ECRC_ATT_ECR, kind);
	if (in && out)
		return;
	f = report(ck, tr, ecrs[0]->ecr->id, what, first, in, out);
	for (size_t i = 0; i < n; i++)
		ecrc_report_note(ck, f, &ecrs[i]->node, "%s connects to %s here", ecrs[i]->ecr->id, tr->id);
	for (const struct ecrc_attach *at = first; at; at = at->next)
		if (at->kind == kind)
			ecrc_report_note(ck, f, &at->node, "%s is attached to %s here", at->target_id,
			                 tr->id);
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
		check_kind(ck, v + i, j - i, ECRC_ATT_VPN, "VPN");
		check_kind(ck, v + i, j - i, ECRC_ATT_CCN, "CCN");
		i = j;
	}
	free(v);
}

const struct ecrc_rule ecrc_rule_attach_regional_gateway_policy = {
    .id = "attach-regional-gateway-policy",
    .severity = ECRC_SEV_WARNING,
    .summary = "a transit router with an ECR connection and VPN or CCN attachments, but no region-out "
               "route-policy between them: the default priority-5000 reject stops their routes",
    .check = check,
};
