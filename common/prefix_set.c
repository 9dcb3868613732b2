/*
 * prefix_set.c: comparing two route filters as sets of prefixes
 * (prefix_set.h). Written here rather than taken from a library: what is
 * needed is a walk of the binary prefix tree down to the filters' entries,
 * some hundred lines; the prefix-tree libraries at hand (radix trees for
 * longest-match lookup) answer "which entry holds this address", not "do
 * these two first-match filters accept the same set".
 *
 * Cost. Each filter is flattened into its entries in evaluation order
 * (an entry a same range earlier in its term hides is dropped: it can
 * never decide). At each node the walk keeps only the entries that can hold
 * a route below it: those whose prefix lies inside the node, and those
 * whose prefix holds the node with a length range reaching its depth. An
 * entry is thus carried by its own prefix's ancestors (at most 32 nodes)
 * and by the nodes below it that the walk visits on the way to longer
 * entries; evaluation at a node costs the entries it carries. A budget of
 * entry evaluations bounds the pathological case (thousands of terms, each
 * with the same broad range, over thousands of long prefixes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/prefix_set.h"

#define DEFAULT_BUDGET (1ull << 26)

static uint32_t mask_of(uint8_t len)
{
	return len ? 0xffffffffu << (32 - len) : 0;
}

static void bounds(const struct ecrc_pfx_entry *e, uint8_t *lo, uint8_t *hi)
{
	uint8_t len = e->prefix.len > 32 ? 32 : e->prefix.len;
	if (e->ge == 0 && e->le == 0) {
		*lo = *hi = len;
		return;
	}
	*lo = e->ge ? e->ge : len;
	*hi = e->le ? e->le : 32;
}

bool ecrc_pfx_range_holds(struct ecrc_ipnet p, uint8_t ge, uint8_t le, struct ecrc_ipnet q)
{
	struct ecrc_ipnet net = ecrc_ipnet_network(p);
	if (ge == 0 && le == 0)
		return ecrc_ipnet_equal(net, ecrc_ipnet_network(q));
	uint8_t lo = ge ? ge : net.len, hi = le ? le : 32;
	return ecrc_ipnet_contains(net, q) && q.len >= lo && q.len <= hi;
}

static bool holds(const struct ecrc_pfx_entry *e, struct ecrc_ipnet q)
{
	return ecrc_pfx_range_holds(e->prefix, e->ge, e->le, q);
}

/* ---- a filter, flattened ---------------------------------------------------- */

struct item {
	const struct ecrc_pfx_entry *e; /* NULL: a term that matches every route */
	uint32_t term;
	struct ecrc_ipnet net; /* e's prefix, host bits cleared */
	uint8_t lo, hi;
};

struct flat {
	const struct ecrc_pfx_filter *f;
	struct item *v;
	size_t n;
};

static int cmp_range(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a, *y = *(const struct item *const *)b;
	if (x->net.addr != y->net.addr)
		return x->net.addr < y->net.addr ? -1 : 1;
	if (x->net.len != y->net.len)
		return x->net.len < y->net.len ? -1 : 1;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->hi != y->hi)
		return x->hi < y->hi ? -1 : 1;
	return x < y ? -1 : x > y; /* the earlier first */
}

static void flatten(const struct ecrc_pfx_filter *f, struct flat *out)
{
	size_t cap = 1;
	for (size_t t = 0; t < f->n; t++)
		cap += f->terms[t].all ? 1 : f->terms[t].n;
	out->f = f;
	out->v = ecrc_xcalloc(cap, sizeof(*out->v));
	out->n = 0;
	bool *hidden = ecrc_xcalloc(cap, sizeof(*hidden));
	const struct item **by = ecrc_xcalloc(cap, sizeof(*by));
	for (size_t t = 0; t < f->n; t++) {
		const struct ecrc_pfx_term *term = &f->terms[t];
		if (term->never)
			continue;
		if (term->all) {
			out->v[out->n++] = (struct item){.e = NULL, .term = (uint32_t)t};
			break; /* nothing after it is reached */
		}
		size_t first = out->n;
		for (size_t k = 0; k < term->n; k++) {
			struct item *it = &out->v[out->n++];
			it->e = &term->entries[k];
			it->term = (uint32_t)t;
			it->net = ecrc_ipnet_network(it->e->prefix);
			if (it->net.len > 32)
				it->net.len = 32;
			bounds(it->e, &it->lo, &it->hi);
		}
		/* within a term, a range an earlier entry already has never decides */
		size_t m = out->n - first;
		for (size_t k = 0; k < m; k++)
			by[k] = &out->v[first + k];
		qsort(by, m, sizeof(*by), cmp_range);
		for (size_t k = 1; k < m; k++)
			if (by[k - 1]->net.addr == by[k]->net.addr && by[k - 1]->net.len == by[k]->net.len &&
			    by[k - 1]->lo == by[k]->lo && by[k - 1]->hi == by[k]->hi)
				hidden[by[k] - out->v] = true;
	}
	size_t n = 0;
	for (size_t i = 0; i < out->n; i++)
		if (!hidden[i])
			out->v[n++] = out->v[i];
	out->n = n;
	free(hidden);
	free(by);
}

/* The filter over the entries carried to this node (a subsequence of the
 * flattened filter, in order). */
static bool eval(const struct ecrc_pfx_filter *f, const struct item *const *it, size_t n, struct ecrc_ipnet q,
                 uint32_t *who, uint64_t *work)
{
	uint32_t deny_who = 0, skip = UINT32_MAX;
	*work += n;
	for (size_t i = 0; i < n; i++) {
		const struct item *x = it[i];
		if (x->term == skip)
			continue;
		if (!x->e) {
			*who = f->terms[x->term].who;
			return !f->terms[x->term].deny;
		}
		if (!holds(x->e, q))
			continue;
		if (x->e->deny) {
			if (!deny_who)
				deny_who = x->e->who;
			skip = x->term;
			continue;
		}
		*who = x->e->who;
		return !f->terms[x->term].deny;
	}
	*who = deny_who;
	return f->default_accept;
}

bool ecrc_pfx_accepts(const struct ecrc_pfx_filter *f, struct ecrc_ipnet q, uint32_t *who)
{
	uint32_t deny_who = 0;
	for (size_t t = 0; t < f->n; t++) {
		const struct ecrc_pfx_term *term = &f->terms[t];
		if (term->never)
			continue;
		if (term->all) {
			*who = term->who;
			return !term->deny;
		}
		for (size_t k = 0; k < term->n; k++) {
			const struct ecrc_pfx_entry *e = &term->entries[k];
			if (!holds(e, q))
				continue;
			if (e->deny) {
				if (!deny_who)
					deny_who = e->who;
				break;
			}
			*who = e->who;
			return !term->deny;
		}
	}
	*who = deny_who;
	return f->default_accept;
}

/* ---- the walk ------------------------------------------------------------------ */

struct walk {
	const struct ecrc_pfx_filter *fa, *fb;
	const struct ecrc_pfx_entry *mask;
	struct ecrc_ipnet mask_net;
	struct ecrc_pfx_diff *v;
	size_t n, cap;
	uint64_t work, budget;
	bool over;
};

static bool contains(struct ecrc_ipnet outer, struct ecrc_ipnet inner)
{
	return outer.len <= inner.len && ((outer.addr ^ inner.addr) & mask_of(outer.len)) == 0;
}

/* Can the item hold a prefix inside node? */
static bool relevant(const struct item *x, struct ecrc_ipnet node)
{
	if (!x->e)
		return true;
	if (contains(x->net, node))
		return x->hi >= node.len && x->lo <= 32;
	return contains(node, x->net);
}

static void add(struct walk *w, struct ecrc_ipnet node, uint8_t len, bool a_acc, uint32_t who_a,
                uint32_t who_b)
{
	if (w->n) {
		struct ecrc_pfx_diff *last = &w->v[w->n - 1];
		if (ecrc_ipnet_equal(last->node, node) && last->hi + 1 == len && last->a_accepts == a_acc &&
		    last->who_a == who_a && last->who_b == who_b) {
			last->hi = len;
			return;
		}
	}
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 8;
		w->v = ecrc_xrealloc(w->v, w->cap * sizeof(*w->v));
	}
	w->v[w->n++] = (struct ecrc_pfx_diff){node, len, len, a_acc, who_a, who_b};
}

static void compare_at(struct walk *w, struct ecrc_ipnet node, uint8_t len, const struct item *const *a,
                       size_t na, const struct item *const *b, size_t nb)
{
	struct ecrc_ipnet q = {node.addr, len};
	uint32_t who_a = 0, who_b = 0;
	if (w->mask && !holds(w->mask, q))
		return;
	bool x = eval(w->fa, a, na, q, &who_a, &w->work), y = eval(w->fb, b, nb, q, &who_b, &w->work);
	if (x != y)
		add(w, node, len, x, who_a, who_b);
}

static bool splits(const struct item *const *v, size_t n, struct ecrc_ipnet node)
{
	for (size_t i = 0; i < n; i++)
		if (v[i]->e && v[i]->net.len > node.len && contains(node, v[i]->net))
			return true;
	return false;
}

static size_t carry(const struct item *const *v, size_t n, struct ecrc_ipnet child, const struct item **out)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (relevant(v[i], child))
			out[m++] = v[i];
	return m;
}

static void walk(struct walk *w, struct ecrc_ipnet node, const struct item *const *a, size_t na,
                 const struct item *const *b, size_t nb)
{
	if (w->over)
		return;
	if (w->mask && !contains(node, w->mask_net) && !contains(w->mask_net, node))
		return; /* nothing of the mask below */
	w->work += na + nb;
	if (w->work > w->budget) {
		w->over = true;
		return;
	}
	bool split =
	    node.len < 32 && (splits(a, na, node) || splits(b, nb, node) ||
	                      (w->mask && w->mask_net.len > node.len && contains(node, w->mask_net)));
	if (!split) {
		/* below here every entry holds the whole node or none of it:
		 * only the length matters */
		for (unsigned len = node.len; len <= 32; len++)
			compare_at(w, node, (uint8_t)len, a, na, b, nb);
		return;
	}
	compare_at(w, node, node.len, a, na, b, nb);
	const struct item **ca = ecrc_xcalloc(na + 1, sizeof(*ca));
	const struct item **cb = ecrc_xcalloc(nb + 1, sizeof(*cb));
	uint8_t clen = (uint8_t)(node.len + 1);
	for (int side = 0; side < 2 && !w->over; side++) {
		struct ecrc_ipnet child = {node.addr | (side ? 0x80000000u >> node.len : 0), clen};
		size_t ma = carry(a, na, child, ca), mb = carry(b, nb, child, cb);
		walk(w, child, ca, ma, cb, mb);
	}
	free(ca);
	free(cb);
}

size_t ecrc_pfx_compare(const struct ecrc_pfx_filter *a, const struct ecrc_pfx_filter *b,
                        const struct ecrc_pfx_entry *mask, uint64_t budget, struct ecrc_pfx_diff **out)
{
	struct flat fa, fb;
	flatten(a, &fa);
	flatten(b, &fb);
	struct walk w = {.fa = a, .fb = b, .mask = mask, .budget = budget ? budget : DEFAULT_BUDGET};
	if (mask)
		w.mask_net = ecrc_ipnet_network(mask->prefix);
	const struct item **pa = ecrc_xcalloc(fa.n + 1, sizeof(*pa)),
	                  **pb = ecrc_xcalloc(fb.n + 1, sizeof(*pb));
	for (size_t i = 0; i < fa.n; i++)
		pa[i] = &fa.v[i];
	for (size_t i = 0; i < fb.n; i++)
		pb[i] = &fb.v[i];
	walk(&w, (struct ecrc_ipnet){0, 0}, pa, fa.n, pb, fb.n);
	free(pa);
	free(pb);
	free(fa.v);
	free(fb.v);
	if (w.over) {
		free(w.v);
		*out = NULL;
		return SIZE_MAX;
	}
	*out = w.v;
	return w.n;
}

void ecrc_pfx_diff_format(const struct ecrc_pfx_diff *d, char *buf, size_t n)
{
	char p[19];
	ecrc_fmt_ipnet(d->node, p);
	if (d->lo == d->node.len && d->hi == d->node.len)
		snprintf(buf, n, "%s", p);
	else if (d->lo == d->node.len)
		snprintf(buf, n, "%s le %u", p, d->hi);
	else if (d->hi == 32)
		snprintf(buf, n, "%s ge %u", p, d->lo);
	else
		snprintf(buf, n, "%s ge %u le %u", p, d->lo, d->hi);
}
