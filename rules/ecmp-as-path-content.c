/*
 * ecmp-as-path-content.c: equal AS_PATH lengths within an active-active
 * ECMP group, but paths that differ beyond the CPEs' own ASNs (their
 * origin-as-path, or prepends traded against it). Different CPE ASNs alone
 * are fine: Alibaba's ECMP-over-ECR guide allows them. The paths most uplinks send are taken as
 * intended (the first uplink's on a tie); the others are reported.
 */
#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"

static const char *tail_text(const struct ecrc_route *r)
{
	const char *t = r->as_path_text;

	/* as_path_text is the ASNs separated by single spaces: skip n_own of them. */
	for (size_t i = 0; i < r->n_own && *t; i++) {
		t = strchr(t, ' ');
		if (!t)
			return "";
		t++;
	}
	return t;
}

static bool same_tail(const struct ecrc_route *a, const struct ecrc_route *b)
{
	size_t na = a->as_path_len - a->n_own, nb = b->as_path_len - b->n_own;

	return na == nb &&
	       (na == 0 || memcmp(a->as_path + a->n_own, b->as_path + b->n_own, na * sizeof(uint32_t)) == 0);
}

static void check_prefix(struct ecrc_check *ck, const struct ecrc_ecmp_group *g, struct ecrc_ipnet p)
{
	const struct ecrc_route **r;
	const struct ecrc_uplink_facts **by;
	size_t *cls, *count;
	size_t n = 0, ref = 0;
	char net[19];

	if (g->n_members < 2)
		return;
	r = ecrc_xcalloc(g->n_members, sizeof(*r));
	by = ecrc_xcalloc(g->n_members, sizeof(*by));
	cls = ecrc_xcalloc(g->n_members, sizeof(*cls));
	count = ecrc_xcalloc(g->n_members, sizeof(*count));
	for (size_t i = 0; i < g->n_members; i++) {
		const struct ecrc_route *x = ecrc_uplink_route(g->members[i], p);

		if (!x)
			continue;
		if (n && x->as_path_len != r[0]->as_path_len) {
			n = 0; /* lengths differ: ecmp-as-path-length's */
			break;
		}
		r[n] = x;
		by[n++] = g->members[i];
	}
	for (size_t i = 0; i < n; i++) {
		cls[i] = i;
		for (size_t j = 0; j < i; j++)
			if (same_tail(r[i], r[j])) {
				cls[i] = cls[j];
				break;
			}
		count[cls[i]]++;
	}
	for (size_t i = 1; i < n; i++)
		if (count[i] > count[ref])
			ref = i;
	ecrc_fmt_ipnet(p, net);
	for (size_t i = 0; i < n; i++) {
		struct ecrc_finding *f;
		const char *mine = tail_text(r[i]), *theirs = tail_text(r[ref]);

		if (cls[i] == ref)
			continue;
		f = ecrc_report(
		    ck, r[i]->at,
		    "AS_PATH for %s differs beyond the CPEs' own ASNs: %s sends %s, %s sends %s (behind the "
		    "CPE: %s vs %s); the lengths match, so %s still balances them, but the seed asks for "
		    "identical AS-Paths and a router without multipath relax would not",
		    net, by[i]->uplink->id, r[i]->as_path_text, by[ref]->uplink->id, r[ref]->as_path_text,
		    *mine ? mine : "nothing", *theirs ? theirs : "nothing", g->ecr->id);
		ecrc_report_note(ck, f, r[ref]->at, "%s advertises %s with AS_PATH %s", by[ref]->uplink->id,
		                 net, r[ref]->as_path_text);
	}
	free(r);
	free(by);
	free(cls);
	free(count);
}

static void check(struct ecrc_check *ck)
{
	for (size_t d = 0; d < ck->facts->n_dcs; d++) {
		const struct ecrc_dc_facts *df = &ck->facts->dcs[d];

		if (df->dc->redundancy != ECRC_ACTIVE_ACTIVE)
			continue;
		for (size_t k = 0; k < df->n_groups; k++)
			for (size_t j = 0; j < df->groups[k].n_prefixes; j++)
				check_prefix(ck, &df->groups[k], df->groups[k].prefixes[j]);
	}
}

const struct ecrc_rule ecrc_rule_ecmp_as_path_content = {
    .id = "ecmp-as-path-content",
    .severity = ECRC_SEV_WARNING,
    .summary = "equal AS_PATH lengths in an ECMP group, but paths that differ beyond the CPEs' own ASNs",
    .check = check,
};
