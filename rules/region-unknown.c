/*
 * region-unknown.c: a <region id> that is not an Alibaba Cloud region id,
 * with did-you-mean (cn-shangai -> cn-shanghai), and a physical connection
 * whose access point id names another region (ap-cn-beijing-ft-A filed
 * under cn-shanghai): the VBR is created in the region of its circuit's
 * access point, so the design's <region> would be wrong (rules.md, added
 * in v1.1). The region list is domain.md's, checked against Alibaba's
 * "Regions and zones" and region-id reference pages (docs/rules/
 * region-unknown.md); a new region is one line in `regions` below.
 * One pass over the regions and their connections; the did-you-mean is
 * an edit distance against the short fixed list.
 */
#include <string.h>

#include "lint/lint.h"

static const char *const regions[] = {
    "cn-qingdao",     "cn-beijing",     "cn-zhangjiakou", "cn-huhehaote",   "cn-wulanchabu",
    "cn-hangzhou",    "cn-shanghai",    "cn-nanjing",     "cn-fuzhou",      "cn-shenzhen",
    "cn-heyuan",      "cn-guangzhou",   "cn-chengdu",     "cn-wuhan-lr",    "cn-hongkong",
    "ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ap-northeast-1", "ap-northeast-2", "us-west-1",      "us-east-1",      "eu-central-1",
    "eu-west-1",      "me-east-1",      "me-central-1",
};
#define N_REGIONS (sizeof regions / sizeof regions[0])

static bool known(const char *id)
{
	for (size_t i = 0; i < N_REGIONS; i++)
		if (strcmp(regions[i], id) == 0)
			return true;
	return false;
}

static const char *closest(const char *id)
{
	const char *best = NULL;
	unsigned best_d = 4; /* at most three edits away */
	for (size_t i = 0; i < N_REGIONS; i++) {
		unsigned e = ecrc_edit_distance(id, regions[i]);
		if (e < best_d) {
			best_d = e;
			best = regions[i];
		}
	}
	return best;
}

/* The region an access point id names: "ap-" + region id + "-" + site,
 * the longest region id that fits; NULL when it names none. */
static const char *access_point_region(const char *ap)
{
	if (strncmp(ap, "ap-", 3) != 0)
		return NULL;
	const char *rest = ap + 3, *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < N_REGIONS; i++) {
		size_t n = strlen(regions[i]);
		if (n > best_len && strncmp(rest, regions[i], n) == 0 &&
		    (rest[n] == '-' || rest[n] == '\0')) {
			best = regions[i];
			best_len = n;
		}
	}
	return best;
}

static void check(struct ecrc_check *ck)
{
	for (const struct ecrc_region *r = ck->design->cloud->regions; r; r = r->next) {
		if (!known(r->id)) {
			const char *near = closest(r->id);
			if (near)
				ecrc_report(
				    ck, &r->node,
				    "region id '%s' is not an Alibaba Cloud region; did you mean '%s'? Every "
				    "VBR, transit router and VPC under it would be created nowhere",
				    r->id, near);
			else
				ecrc_report(
				    ck, &r->node,
				    "region id '%s' is not an Alibaba Cloud region (region ids look like "
				    "cn-beijing or ap-southeast-1; see `ecrc rules region-unknown`)",
				    r->id);
			continue; /* its access points cannot be judged against it */
		}
		for (const struct ecrc_physical_connection *pc = r->connections; pc; pc = pc->next) {
			if (!pc->access_point)
				continue;
			const char *named = access_point_region(pc->access_point);
			if (!named || strcmp(named, r->id) == 0)
				continue;
			struct ecrc_finding *f = ecrc_report(
			    ck, &pc->node,
			    "%s's access point %s is in %s, but the connection is filed under region %s: a "
			    "circuit's VBRs live in the region of its access point; move the "
			    "<physical-connection> and its VBRs into <region id=\"%s\">, or correct the "
			    "access point",
			    pc->id, pc->access_point, named, r->id, named);
			ecrc_report_note(ck, f, &r->node, "region %s starts here", r->id);
		}
	}
}

const struct ecrc_rule ecrc_rule_region_unknown = {
    .id = "region-unknown",
    .severity = ECRC_SEV_ERROR,
    .summary = "a region id that is not an Alibaba Cloud region (with did-you-mean), or an access point "
               "whose id names another region",
    .check = check,
};
