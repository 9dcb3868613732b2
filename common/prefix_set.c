/*
 * prefix_set.c: comparing two route filters as sets of prefixes
 * (prefix_set.h). Written here rather than taken from a library: what is
 * needed is a walk of the binary prefix tree down to a handful of cuts,
 * some forty lines; the prefix-tree libraries at hand (radix trees for
 * longest-match lookup) answer "which entry holds this address", not "do
 * these two first-match filters accept the same set".
 */
#include <stdio.h>
#include <stdlib.h>

#include "common/prefix_set.h"

static uint32_t mask_of(uint8_t len)
{
	return len ? 0xffffffffu << (32 - len) : 0;
}

bool ecrc_pfx_range_holds(struct ecrc_ipnet p, uint8_t ge, uint8_t le, struct ecrc_ipnet q)
{
	struct ecrc_ipnet net = ecrc_ipnet_network(p);
	if (ge == 0 && le == 0)
		return ecrc_ipnet_equal(net, ecrc_ipnet_network(q));
	uint8_t lo = ge ? ge : net.len, hi = le ? le : 32;
	return ecrc_ipnet_contains(net, q) && q.len >= lo && q.len <= hi;
}

struct walk {
	ecrc_pfx_filter a, b;
	void *ca, *cb;
	struct ecrc_pfx_diff *v;
	size_t n, cap;
};

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

static void compare_at(struct walk *w, struct ecrc_ipnet node, uint8_t len)
{
	struct ecrc_ipnet q = {node.addr, len};
	uint32_t who_a = 0, who_b = 0;
	bool x = w->a(w->ca, q, &who_a), y = w->b(w->cb, q, &who_b);
	if (x != y)
		add(w, node, len, x, who_a, who_b);
}

/* cuts[0..n) are the cuts strictly inside node (longer, and within it). */
static void walk(struct walk *w, struct ecrc_ipnet node, struct ecrc_ipnet *cuts, size_t n)
{
	if (n == 0) {
		/* below here every range either holds the whole node or none
		 * of it: only the length matters */
		for (unsigned len = node.len; len <= 32; len++)
			compare_at(w, node, (uint8_t)len);
		return;
	}
	compare_at(w, node, node.len);
	/* partition by the next bit; a cut that is the child itself is not
	 * strictly inside it */
	uint32_t bit = 0x80000000u >> node.len;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		if (cuts[lo].addr & bit) {
			struct ecrc_ipnet t = cuts[lo];
			cuts[lo] = cuts[--hi];
			cuts[hi] = t;
		} else
			lo++;
	}
	uint8_t clen = (uint8_t)(node.len + 1);
	for (int side = 0; side < 2; side++) {
		struct ecrc_ipnet *c = side ? cuts + lo : cuts;
		size_t m = side ? n - lo : lo, k = 0;
		for (size_t i = 0; i < m; i++)
			if (c[i].len > clen)
				c[k++] = c[i];
		struct ecrc_ipnet child = {node.addr | (side ? bit : 0), clen};
		walk(w, child, c, k);
	}
}

size_t ecrc_pfx_compare(const struct ecrc_ipnet *cuts, size_t n_cuts, ecrc_pfx_filter a, void *ctx_a,
                        ecrc_pfx_filter b, void *ctx_b, struct ecrc_pfx_diff **out)
{
	struct walk w = {.a = a, .b = b, .ca = ctx_a, .cb = ctx_b};
	struct ecrc_ipnet *c = ecrc_xcalloc(n_cuts + 1, sizeof(*c));
	size_t n = 0;
	for (size_t i = 0; i < n_cuts; i++) {
		struct ecrc_ipnet p = cuts[i];
		if (p.len > 32)
			continue;
		p.addr &= mask_of(p.len);
		if (p.len > 0)
			c[n++] = p;
	}
	walk(&w, (struct ecrc_ipnet){0, 0}, c, n);
	free(c);
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
