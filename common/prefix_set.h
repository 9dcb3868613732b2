/*
 * prefix_set.h: whether two route filters accept the same set of IPv4
 * prefixes, and where they differ (common/prefix_set.c).
 *
 * A filter is any function that says, for one prefix, whether it is
 * accepted, and which of its rules decided (an id the caller chooses: a
 * config line, an entry index). Each filter must be built from prefix
 * ranges "P/L, lengths lo..hi" (a prefix-list entry, ge/le): then whether a
 * prefix q is accepted depends, below any node of the prefix tree that no
 * range's P lies strictly inside, only on q's length. The comparison walks
 * the tree down to the ranges' prefixes (the cuts) and compares both
 * filters at each length there: O(cuts x 32) evaluations, whatever the
 * sizes of the sets (a /8 with every length is 2^25 prefixes).
 */
#ifndef ECRC_COMMON_PREFIX_SET_H
#define ECRC_COMMON_PREFIX_SET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/common.h"

/* Accepted? *who says which rule decided (0 when none did). */
typedef bool (*ecrc_pfx_filter)(void *ctx, struct ecrc_ipnet q, uint32_t *who);

/* One region where the filters differ: every prefix inside node of a
 * length in lo..hi (node.len <= lo <= hi <= 32), accepted by exactly one of
 * them (a_accepts says which), decided by rules who_a and who_b. */
struct ecrc_pfx_diff {
	struct ecrc_ipnet node;
	uint8_t lo, hi;
	bool a_accepts;
	uint32_t who_a, who_b;
};

/* Compares filters a and b over the whole IPv4 prefix space, given every
 * prefix either builds its ranges from (cuts, in any order, duplicates
 * allowed). Returns the number of regions where they differ, in tree
 * order, in *out (malloc'd; free it); 0 and NULL when they accept the same
 * set. Regions of one node, adjacent lengths and the same deciding rules
 * are merged. */
size_t ecrc_pfx_compare(const struct ecrc_ipnet *cuts, size_t n_cuts, ecrc_pfx_filter a, void *ctx_a,
                        ecrc_pfx_filter b, void *ctx_b, struct ecrc_pfx_diff **out);

/* A range "P/L ge G le E" in the convention of prefix lists (ge = le = 0:
 * exactly P/L; ge alone: G..32; le alone: L..E): does it hold q? */
bool ecrc_pfx_range_holds(struct ecrc_ipnet p, uint8_t ge, uint8_t le, struct ecrc_ipnet q);

/* "10.0.0.0/16", "10.0.0.0/16 le 32", "10.0.0.0/16 ge 20 le 24" for a region. */
void ecrc_pfx_diff_format(const struct ecrc_pfx_diff *d, char *buf, size_t n);

#endif
