/*
 * prefix-not-owned.c: an uplink advertises a prefix outside its data
 * center's <prefix> list (a more specific prefix inside the list is owned).
 * Each data center's prefixes are merged once into disjoint address ranges;
 * each advertisement is then one binary search.
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

/* True when the merged spans contain all of p. */
static bool owned(const struct span *v, size_t n, struct ecrc_ipnet p)
{
	struct span want = span_of(p);
	size_t lo = 0, hi = n; /* ends after the last span with first <= want.first */

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].first <= want.first)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && v[lo - 1].last >= want.last;
}

static void list_prefixes(const struct ecrc_datacenter *dc, struct ecrc_buf *out)
{
	char buf[19];
	size_t i = 0;

	for (const struct ecrc_prefix_node *p = dc->prefixes; p; p = p->next, i++) {
		if (i == 4) {
			ecrc_buf_printf(out, " and %zu more", dc->n_prefixes - i);
			break;
		}
		ecrc_buf_printf(out, "%s%s", i ? ", " : "", ecrc_fmt_ipnet(p->prefix, buf));
	}
}

static void report(struct ecrc_check *ck, const struct ecrc_uplink *u, const struct ecrc_advertise *a)
{
	const struct ecrc_datacenter *dc = u->cpe->dc;
	struct ecrc_buf list = {0};
	struct ecrc_finding *f;
	char buf[19];

	list_prefixes(dc, &list);
	f = ecrc_report(
	    ck, &a->node,
	    "%s advertises %s, which is outside %s's prefixes (%s): the data center would attract "
	    "traffic for addresses it does not own; add a <prefix> for it to %s, or remove this "
	    "<advertise>",
	    u->id, ecrc_fmt_ipnet(a->prefix, buf), dc->id, list.p ? list.p : "none", dc->id);
	ecrc_report_note(ck, f, &dc->node, "%s's prefixes are listed here", dc->id);
	ecrc_buf_free(&list);
}

static void check_dc(struct ecrc_check *ck, const struct ecrc_datacenter *dc)
{
	struct span *v = ecrc_xcalloc(dc->n_prefixes + 1, sizeof(*v));
	size_t n = 0;

	for (const struct ecrc_prefix_node *p = dc->prefixes; p; p = p->next)
		v[n++] = span_of(p->prefix);
	n = merge(v, n);
	for (const struct ecrc_cpe *cpe = dc->cpes; cpe; cpe = cpe->next)
		for (const struct ecrc_uplink *u = cpe->uplinks; u; u = u->next)
			for (const struct ecrc_advertise *a = u->bgp ? u->bgp->advertises : NULL; a;
			     a = a->next)
				if (!owned(v, n, a->prefix))
					report(ck, u, a);
	free(v);
}

static void check(struct ecrc_check *ck)
{
	for (const struct ecrc_datacenter *dc = ck->design->dcs; dc; dc = dc->next)
		check_dc(ck, dc);
}

const struct ecrc_rule ecrc_rule_prefix_not_owned = {
    .id = "prefix-not-owned",
    .severity = ECRC_SEV_ERROR,
    .summary = "an uplink advertises a prefix outside its data center's <prefix> list",
    .check = check,
};
