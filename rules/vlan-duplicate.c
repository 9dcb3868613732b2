/*
 * vlan-duplicate.c: VBRs on one physical connection need distinct VLANs.
 * Per connection, its VBRs are sorted by VLAN, so equal tags are adjacent.
 */
#include <stdlib.h>

#include "lint/lint.h"

struct tagged {
	const struct ecrc_vbr *vbr;
	size_t order;
};

static int tagged_cmp(const void *a, const void *b)
{
	const struct tagged *x = a, *y = b;

	if (x->vbr->vlan != y->vbr->vlan)
		return x->vbr->vlan < y->vbr->vlan ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void check_connection(struct ecrc_check *ck, const struct ecrc_physical_connection *pc)
{
	struct tagged *t;
	size_t n = 0;

	if (pc->n_vbrs < 2)
		return;
	t = ecrc_xcalloc(pc->n_vbrs, sizeof(*t));
	for (const struct ecrc_vbr *v = pc->vbrs; v && n < pc->n_vbrs; v = v->next_on_connection, n++) {
		t[n].vbr = v;
		t[n].order = n;
	}
	qsort(t, n, sizeof(*t), tagged_cmp);
	for (size_t i = 1, first = 0; i < n; i++) {
		struct ecrc_finding *f;

		if (t[i].vbr->vlan != t[first].vbr->vlan) {
			first = i;
			continue;
		}
		f = ecrc_report(ck, &t[i].vbr->node,
		                "%s uses VLAN %u on %s, which %s already uses: each VBR on a physical "
		                "connection needs its own VLAN",
		                t[i].vbr->id, t[i].vbr->vlan, pc->id, t[first].vbr->id);
		ecrc_report_note(ck, f, &t[first].vbr->node, "%s uses VLAN %u", t[first].vbr->id,
		                 t[first].vbr->vlan);
	}
	free(t);
}

static void check(struct ecrc_check *ck)
{
	const struct ecrc_cloud *cloud = ck->design->cloud;

	for (const struct ecrc_region *r = cloud ? cloud->regions : NULL; r; r = r->next)
		for (const struct ecrc_physical_connection *pc = r->connections; pc; pc = pc->next)
			check_connection(ck, pc);
}

const struct ecrc_rule ecrc_rule_vlan_duplicate = {
    .id = "vlan-duplicate",
    .severity = ECRC_SEV_ERROR,
    .summary = "two VBRs share a VLAN on one physical connection",
    .check = check,
};
