/*
 * prefix_set.h: whether two route filters accept the same set of IPv4
 * prefixes, and where they differ (common/prefix_set.c).
 *
 * A filter is what a router runs on a received route: terms in order (a
 * route-map's entries, a policy's terms), each with a list of prefix ranges
 * ("P/L ge G le E", first match), or matching every route. The first entry
 * of a term's list to hold the route decides whether the term matches: a
 * permit entry, it does; a deny entry (or none), the route goes on to the
 * next term. The first matching term permits or denies; no term: the
 * filter's default.
 *
 * Below any node of the binary prefix tree that no entry's prefix lies
 * strictly inside, whether a route is accepted depends only on its length.
 * The comparison walks the tree down to the entries' prefixes, carrying to
 * each node only the entries that can hold a route below it, and compares
 * both filters once per length there: about 32 x (entries) nodes, whatever
 * the sizes of the sets (a /8 with every length is 2^25 routes).
 */
#ifndef ECRC_COMMON_PREFIX_SET_H
#define ECRC_COMMON_PREFIX_SET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/common.h"

/* One entry of a list, in the convention of prefix lists: ge = le = 0,
 * exactly P/L; ge alone, G..32; le alone, L..E. who is the caller's (a
 * config line, an index + 1): it is reported as the rule that decided. */
struct ecrc_pfx_entry {
	struct ecrc_ipnet prefix;
	uint8_t ge, le;
	bool deny;
	uint32_t who;
};

struct ecrc_pfx_term {
	const struct ecrc_pfx_entry *entries;
	size_t n;
	bool all;   /* no list: matches every route (entries ignored) */
	bool never; /* matches no route (a match ecrc cannot evaluate) */
	bool deny;  /* a matching term rejects the route */
	uint32_t who;
};

struct ecrc_pfx_filter {
	const struct ecrc_pfx_term *terms;
	size_t n;
	bool default_accept;
};

/* Whether f accepts q; *who is the entry or term that decided, or the
 * first deny entry that passed q on when no term did (0: none). */
bool ecrc_pfx_accepts(const struct ecrc_pfx_filter *f, struct ecrc_ipnet q, uint32_t *who);

/* One region where two filters differ: every prefix inside node of a
 * length in lo..hi (node.len <= lo <= hi <= 32), accepted by exactly one of
 * them (a_accepts says which), decided by who_a and who_b. */
struct ecrc_pfx_diff {
	struct ecrc_ipnet node;
	uint8_t lo, hi;
	bool a_accepts;
	uint32_t who_a, who_b;
};

/* Compares a and b over the prefixes a range holds (mask: NULL for every
 * prefix). Returns the number of regions where they differ, in tree
 * order, in *out (malloc'd; free it; NULL when none); regions of one node,
 * adjacent lengths and the same deciding rules are merged. Work is bounded:
 * when the entries are so many and so nested that the walk would take more
 * than `budget` entry evaluations (0: the default, 2^26), it stops and
 * returns SIZE_MAX with *out NULL, and the caller says it could not
 * compare. */
size_t ecrc_pfx_compare(const struct ecrc_pfx_filter *a, const struct ecrc_pfx_filter *b,
                        const struct ecrc_pfx_entry *mask, uint64_t budget, struct ecrc_pfx_diff **out);

/* Does the range hold q? */
bool ecrc_pfx_range_holds(struct ecrc_ipnet p, uint8_t ge, uint8_t le, struct ecrc_ipnet q);

/* "10.0.0.0/16", "10.0.0.0/16 le 32", "10.0.0.0/16 ge 20 le 24" for a region. */
void ecrc_pfx_diff_format(const struct ecrc_pfx_diff *d, char *buf, size_t n);

#endif
