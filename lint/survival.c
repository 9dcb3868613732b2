/*
 * survival.c: how a redundancy group (a data center's uplinks whose VBRs
 * associate with one ECR, the facts' ECMP group) survives the failure of
 * ONE shared-risk element: a CPE, a CPE port, a physical connection, an
 * Alibaba device or an access point (rules.md, "judged by survival, not
 * by pairs"). Computed once per group when the facts are built; the five
 * redundancy-same-* rules only read it.
 *
 * For each kind of element, the group's members are keyed by the element
 * they ride (a member whose element is unknown, say a connection without
 * device=, rides an element of its own), counted in a small hash table,
 * and judged:
 *  - an element every member rides: its failure leaves no working path;
 *  - else an element every advertiser of some prefix rides (two or more of
 *    them: a prefix with one advertiser has no redundancy to lose, which
 *    ecmp-prefix-mismatch reports): its failure leaves that prefix with no
 *    working path;
 *  - else, in an active-active group of three or more paths, the most
 *    loaded element when its failure leaves a single path although the
 *    members are spread over enough elements to do better (it holds more
 *    than ceil(paths / elements)): ECMP is lost.
 * A finding of a kind whose members are exactly those of a finding of a
 * finer kind (port within CPE; connection within device within access
 * point) is marked shadowed: one mistake, one finding, at the finest kind.
 * Cost: linear in the members and their routes (plus a binary search per
 * route into the group's sorted prefixes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/lint.h"

const char *ecrc_risk_kind_name(enum ecrc_risk_kind k)
{
	static const char *const names[ECRC_RISK__COUNT] = {"CPE", "CPE port", "physical connection",
	                                                    "Alibaba device", "access point"};
	return names[k];
}

/* The element a member rides, as a (pointer, string) key; false when unknown. */
static bool member_key(const struct ecrc_uplink_facts *m, enum ecrc_risk_kind k, const void **p,
                       const char **s)
{
	const struct ecrc_uplink *u = m->uplink;
	const struct ecrc_physical_connection *pc = u->connection;
	*p = NULL;
	*s = NULL;
	switch (k) {
	case ECRC_RISK_CPE:
		*p = u->cpe;
		return u->cpe != NULL;
	case ECRC_RISK_PORT:
		*p = u->cpe;
		*s = u->interface;
		return u->cpe && u->interface;
	case ECRC_RISK_CONNECTION:
		*p = pc;
		return pc != NULL;
	case ECRC_RISK_DEVICE:
		*s = pc ? pc->device : NULL;
		return *s != NULL;
	case ECRC_RISK_ACCESS_POINT:
		*s = pc ? pc->access_point : NULL;
		return *s != NULL;
	default:
		return false;
	}
}

static uint64_t key_hash(const void *p, const char *s)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15ull;
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a'); /* ports compare case-insensitively */
		h = (h ^ c) * 0x100000001b3ull;
	}
	return h ^ (h >> 29);
}

static bool key_equal(enum ecrc_risk_kind k, const void *p1, const char *s1, const void *p2, const char *s2)
{
	if (p1 != p2)
		return false;
	if (!s1 || !s2)
		return s1 == s2;
	return k == ECRC_RISK_PORT ? strcasecmp(s1, s2) == 0 : strcmp(s1, s2) == 0;
}

struct kind_scan {
	size_t *elem;  /* elem[i]: the element member i rides, or SIZE_MAX */
	size_t *count; /* per element */
	size_t *first; /* per element: its first member */
	size_t n_elems;
};

static void scan(const struct ecrc_ecmp_group *g, enum ecrc_risk_kind k, struct kind_scan *ks)
{
	size_t n = g->n_members, cap = 4;
	while (cap < 2 * n)
		cap *= 2;
	size_t *slot = malloc(cap * sizeof *slot); /* element index + 1, 0 = empty */
	if (!slot)
		ecrc_oom();
	memset(slot, 0, cap * sizeof *slot);
	ks->elem = ecrc_xcalloc(n, sizeof *ks->elem);
	ks->count = ecrc_xcalloc(n, sizeof *ks->count);
	ks->first = ecrc_xcalloc(n, sizeof *ks->first);
	ks->n_elems = 0;
	for (size_t i = 0; i < n; i++) {
		const void *p;
		const char *s;
		if (!member_key(g->members[i], k, &p, &s)) {
			ks->elem[i] = SIZE_MAX;
			continue;
		}
		size_t h = (size_t)key_hash(p, s) & (cap - 1);
		for (;;) {
			if (!slot[h]) {
				slot[h] = ++ks->n_elems;
				ks->first[ks->n_elems - 1] = i;
				break;
			}
			const void *p2;
			const char *s2;
			member_key(g->members[ks->first[slot[h] - 1]], k, &p2, &s2);
			if (key_equal(k, p, s, p2, s2))
				break;
			h = (h + 1) & (cap - 1);
		}
		ks->elem[i] = slot[h] - 1;
		ks->count[slot[h] - 1]++;
	}
	free(slot);
}

static void scan_free(struct kind_scan *ks)
{
	free(ks->elem);
	free(ks->count);
	free(ks->first);
}

/* A finding: element e of the scan, for `why`. */
static void add_risk(struct ecrc_arena *a, struct ecrc_risk_list *rl, const struct ecrc_ecmp_group *g,
                     const struct kind_scan *ks, size_t e, enum ecrc_risk_why why,
                     const struct ecrc_ipnet *prefix)
{
	struct ecrc_risk *r = &rl->v[rl->n++];
	r->why = why;
	r->prefix = prefix;
	r->n_members = ks->count[e];
	r->members = ecrc_arena_alloc(a, r->n_members * sizeof *r->members);
	size_t m = 0;
	for (size_t i = 0; i < g->n_members; i++)
		if (ks->elem[i] == e)
			r->members[m++] = g->members[i];
	r->remaining = g->n_members - r->n_members;
	r->n_elements = ks->n_elems;
}

static int ipnet_cmp_p(const void *a, const void *b)
{
	return ecrc_ipnet_cmp(*(const struct ecrc_ipnet *)a, *(const struct ecrc_ipnet *)b);
}

static void judge_kind(struct ecrc_arena *a, const struct ecrc_ecmp_group *g, enum ecrc_risk_kind k,
                       struct ecrc_risk_list *rl, const size_t *adv_first, const size_t *adv_elem_all)
{
	struct kind_scan ks;
	size_t n = g->n_members;
	scan(g, k, &ks);
	rl->v = ecrc_arena_alloc(a, (ks.n_elems + 1) * sizeof *rl->v);
	rl->n = 0;

	/* every path on one element */
	for (size_t e = 0; e < ks.n_elems; e++)
		if (ks.count[e] == n) {
			add_risk(a, rl, g, &ks, e, ECRC_RISK_LOSES_ALL, NULL);
			scan_free(&ks);
			return;
		}

	/* every advertiser of a prefix on one element: walk each prefix's
	 * advertisers (adv_first/adv_elem_all: a list per prefix) */
	bool *reported = ecrc_xcalloc(ks.n_elems + 1, sizeof *reported);
	for (size_t p = 0; p < g->n_prefixes; p++) {
		size_t e = SIZE_MAX;
		bool one = true;
		for (size_t x = adv_first[p]; x < adv_first[p + 1]; x++) {
			size_t el = ks.elem[adv_elem_all[x]];
			if (el == SIZE_MAX || (e != SIZE_MAX && el != e)) {
				one = false;
				break;
			}
			e = el;
		}
		/* one advertiser: no redundancy for the prefix to lose, which is
		 * ecmp-prefix-mismatch's (or ecmp-single-path's) finding */
		if (!one || e == SIZE_MAX || reported[e] || adv_first[p + 1] - adv_first[p] < 2)
			continue;
		reported[e] = true;
		add_risk(a, rl, g, &ks, e, ECRC_RISK_LOSES_PREFIX, &g->prefixes[p]);
		/* only the prefix's advertisers ride it for this finding */
		struct ecrc_risk *r = &rl->v[rl->n - 1];
		r->n_members = 0;
		for (size_t x = adv_first[p]; x < adv_first[p + 1]; x++)
			r->members[r->n_members++] = g->members[adv_elem_all[x]];
	}
	free(reported);

	/* active-active, three or more paths: one left where a better spread exists */
	if (!rl->n && g->dc->redundancy == ECRC_ACTIVE_ACTIVE && n >= 3 && ks.n_elems >= 2) {
		size_t worst = 0;
		for (size_t e = 1; e < ks.n_elems; e++)
			if (ks.count[e] > ks.count[worst])
				worst = e;
		size_t fair = (n + ks.n_elems - 1) / ks.n_elems;
		if (n - ks.count[worst] <= 1 && ks.count[worst] > fair)
			add_risk(a, rl, g, &ks, worst, ECRC_RISK_SINGLE_PATH, NULL);
	}
	scan_free(&ks);
}

static bool same_members(const struct ecrc_risk *x, const struct ecrc_risk *y)
{
	if (x->why != y->why || x->n_members != y->n_members || x->prefix != y->prefix)
		return false;
	for (size_t i = 0; i < x->n_members; i++)
		if (x->members[i] != y->members[i])
			return false;
	return true;
}

/* Marks each finding of `coarse` that a finding of `fine` already makes. */
static void shadow(struct ecrc_survival *s, enum ecrc_risk_kind coarse, enum ecrc_risk_kind fine)
{
	for (size_t i = 0; i < s->risks[coarse].n; i++)
		for (size_t j = 0; j < s->risks[fine].n; j++)
			if (same_members(&s->risks[coarse].v[i], &s->risks[fine].v[j]))
				s->risks[coarse].v[i].shadowed = true;
}

const struct ecrc_survival *ecrc_survival_build(struct ecrc_arena *a, const struct ecrc_ecmp_group *g)
{
	struct ecrc_survival *s = ecrc_arena_alloc(a, sizeof *s);
	memset(s, 0, sizeof *s);
	if (g->n_members < 2)
		return s; /* one path: ecmp-single-path's finding, nothing to survive */

	/* each prefix's advertisers, as member indices grouped by prefix */
	size_t n_routes = 0;
	for (size_t i = 0; i < g->n_members; i++)
		n_routes += g->members[i]->n_routes;
	size_t *adv_first = ecrc_xcalloc(g->n_prefixes + 2, sizeof *adv_first);
	size_t *adv = ecrc_xcalloc(n_routes + 1, sizeof *adv);
	size_t *fill = ecrc_xcalloc(g->n_prefixes + 1, sizeof *fill);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < g->n_members; i++)
			for (size_t j = 0; j < g->members[i]->n_routes; j++) {
				const struct ecrc_ipnet *hit =
				    bsearch(&g->members[i]->routes[j].prefix, g->prefixes, g->n_prefixes,
				            sizeof *g->prefixes, ipnet_cmp_p);
				if (!hit)
					continue;
				size_t p = (size_t)(hit - g->prefixes);
				if (pass == 0)
					adv_first[p + 1]++;
				else
					adv[adv_first[p] + fill[p]++] = i;
			}
		if (pass == 0)
			for (size_t p = 0; p < g->n_prefixes; p++)
				adv_first[p + 1] += adv_first[p];
	}
	for (int k = 0; k < ECRC_RISK__COUNT; k++)
		judge_kind(a, g, (enum ecrc_risk_kind)k, &s->risks[k], adv_first, adv);
	free(adv_first);
	free(adv);
	free(fill);

	shadow(s, ECRC_RISK_CPE, ECRC_RISK_PORT);
	shadow(s, ECRC_RISK_DEVICE, ECRC_RISK_CONNECTION);
	shadow(s, ECRC_RISK_ACCESS_POINT, ECRC_RISK_DEVICE);
	shadow(s, ECRC_RISK_ACCESS_POINT, ECRC_RISK_CONNECTION);
	return s;
}

/* The element a finding's members share, for messages: "CPE cpe1". */
const char *ecrc_risk_element(const struct ecrc_risk *r, enum ecrc_risk_kind k, char *buf, size_t len)
{
	const struct ecrc_uplink *u = r->members[0]->uplink;
	switch (k) {
	case ECRC_RISK_CPE:
		snprintf(buf, len, "CPE %s", u->cpe->id);
		break;
	case ECRC_RISK_PORT:
		snprintf(buf, len, "port %s of CPE %s", u->interface, u->cpe->id);
		break;
	case ECRC_RISK_CONNECTION:
		snprintf(buf, len, "physical connection %s", u->connection->id);
		break;
	case ECRC_RISK_DEVICE:
		snprintf(buf, len, "Alibaba device %s", u->connection->device);
		break;
	default:
		snprintf(buf, len, "access point %s", u->connection->access_point);
		break;
	}
	return buf;
}

struct ecrc_finding *ecrc_risk_report(struct ecrc_check *ck, const struct ecrc_ecmp_group *g,
                                      const struct ecrc_risk *r, enum ecrc_risk_kind k,
                                      const struct ecrc_node *at, const char *advice)
{
	char elem[256], pfx[19];
	struct ecrc_buf ids = {0};
	for (size_t i = 0; i < r->n_members; i++)
		ecrc_buf_printf(&ids, "%s%s", i ? ", " : "", r->members[i]->uplink->id);
	struct ecrc_finding *f = NULL;
	ecrc_risk_element(r, k, elem, sizeof elem);
	switch (r->why) {
	case ECRC_RISK_LOSES_ALL:
		f = ecrc_report(
		    ck, at, "%s carries every path of %s to %s (%s): its failure leaves no working path; %s",
		    elem, g->dc->id, g->ecr->id, ids.p, advice);
		break;
	case ECRC_RISK_LOSES_PREFIX:
		ecrc_fmt_ipnet(*r->prefix, pfx);
		f = ecrc_report(
		    ck, at,
		    "%s carries every path of %s's %s to %s (%s): its failure leaves no working path "
		    "for that prefix; advertise it over a circuit that does not depend on it too, or %s",
		    elem, g->dc->id, pfx, g->ecr->id, ids.p, advice);
		break;
	case ECRC_RISK_SINGLE_PATH:
		f = ecrc_report(
		    ck, at,
		    "%s carries %zu of the %zu paths of %s to %s (%s): its failure leaves a single "
		    "path and no ECMP, although the group has %zu %ss to spread over; %s",
		    elem, r->n_members, r->n_members + r->remaining, g->dc->id, g->ecr->id, ids.p,
		    r->n_elements, ecrc_risk_kind_name(k), advice);
		break;
	}
	for (size_t i = 0; i + 1 < r->n_members; i++)
		ecrc_report_note(ck, f, &r->members[i]->uplink->node, "%s rides %s too",
		                 r->members[i]->uplink->id, elem);
	ecrc_buf_free(&ids);
	return f;
}
