/*
 * redundancy-same-access-point.c: the physical connections of one
 * redundancy group share an access point (on different devices: the same
 * device is redundancy-same-device). Alibaba's
 * CreateHighReliablePhysicalConnection describes one access point with two
 * circuits as "development and testing"; the modes with an availability SLA
 * use two access points.
 *
 * Pairs are formed within each group only; a connection shared by several
 * groups is reported once, at the later of the two connections in the file.
 */
#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"

struct pair {
	const struct ecrc_physical_connection *later, *earlier;
	const struct ecrc_uplink *u_later, *u_earlier;
	const struct ecrc_ecmp_group *g;
};

static bool before(const struct ecrc_node *a, const struct ecrc_node *b)
{
	return a->loc.line != b->loc.line ? a->loc.line < b->loc.line : a->loc.col < b->loc.col;
}

static int by_later(const void *pa, const void *pb)
{
	const struct pair *a = pa, *b = pb;

	if (a->later != b->later)
		return before(&a->later->node, &b->later->node) ? -1 : 1;
	if (a->earlier != b->earlier)
		return before(&a->earlier->node, &b->earlier->node) ? -1 : 1;
	if (a->u_earlier != b->u_earlier)
		return before(&a->u_earlier->node, &b->u_earlier->node) ? -1 : 1;
	if (a->u_later != b->u_later)
		return before(&a->u_later->node, &b->u_later->node) ? -1 : 1;
	return 0;
}

/* Two connections in one access point on different (or unknown) devices. */
static bool same_access_point(const struct ecrc_physical_connection *a,
			      const struct ecrc_physical_connection *b)
{
	if (a == b || !a->access_point || !b->access_point)
		return false;
	if (strcmp(a->access_point, b->access_point) != 0)
		return false;
	return !(a->device && b->device && strcmp(a->device, b->device) == 0);
}

struct pairs {
	struct pair *v;
	size_t n, cap;
};

static void add_pair(struct pairs *ps, const struct ecrc_ecmp_group *g, const struct ecrc_uplink *a,
		     const struct ecrc_uplink *b)
{
	bool b_later = before(&a->connection->node, &b->connection->node);
	struct pair *p;

	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 16;
		ps->v = ecrc_xrealloc(ps->v, ps->cap * sizeof(*ps->v));
	}
	p = &ps->v[ps->n++];
	p->later = b_later ? b->connection : a->connection;
	p->earlier = b_later ? a->connection : b->connection;
	p->u_later = b_later ? b : a;
	p->u_earlier = b_later ? a : b;
	p->g = g;
}

static void collect(struct pairs *ps, const struct ecrc_ecmp_group *g)
{
	for (size_t k = 1; k < g->n_members; k++) {
		const struct ecrc_uplink *u = g->members[k]->uplink;

		for (size_t j = 0; u->connection && j < k; j++) {
			const struct ecrc_uplink *o = g->members[j]->uplink;

			if (o->connection && same_access_point(o->connection, u->connection))
				add_pair(ps, g, o, u);
		}
	}
}

static void check(struct ecrc_check *ck)
{
	struct pairs ps = { 0 };
	struct ecrc_finding *f = NULL;

	for (size_t d = 0; d < ck->facts->n_dcs; d++)
		for (size_t g = 0; g < ck->facts->dcs[d].n_groups; g++)
			collect(&ps, &ck->facts->dcs[d].groups[g]);
	if (ps.n)
		qsort(ps.v, ps.n, sizeof(*ps.v), by_later);
	for (size_t i = 0; i < ps.n; i++) {
		const struct pair *p = &ps.v[i];

		if (i > 0 && ps.v[i - 1].later == p->later) {
			/* one finding per connection; other groups on it are notes */
			if (f && ps.v[i - 1].g != p->g)
				ecrc_report_note(ck, f, &p->u_later->node, "%s's circuit %s to %s rides %s too",
						 p->g->dc->id, p->u_later->id, p->g->ecr->id, p->later->id);
			continue;
		}
		f = ecrc_report(ck, &p->later->node,
				"physical connections %s and %s share access point %s, and %s's circuits to %s "
				"ride them (%s, %s): a power, fire or fibre-route incident at %s takes down "
				"both; order %s at another access point",
				p->earlier->id, p->later->id, p->later->access_point, p->g->dc->id, p->g->ecr->id,
				p->u_earlier->id, p->u_later->id, p->later->access_point, p->later->id);
		ecrc_report_note(ck, f, &p->earlier->node, "%s is at %s too", p->earlier->id,
				 p->earlier->access_point);
	}
	free(ps.v);
}

const struct ecrc_rule ecrc_rule_redundancy_same_access_point = {
	.id = "redundancy-same-access-point",
	.severity = ECRC_SEV_WARNING,
	.summary = "the physical connections of one redundancy group share an access point",
	.check = check,
};
