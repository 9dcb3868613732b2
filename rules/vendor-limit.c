/*
 * vendor-limit.c: a value the CPE's vendor (and platform) cannot carry:
 * hold time or keepalive, BFD intervals and multiplier, max-prefixes, a
 * platform the vendor does not have. The limits are each backend's data
 * (struct ecrc_vendor_limits and its platform list, vendors/vendor.h) and
 * are judged by vendors/limits.c, the same function the lowering refuses
 * with, so whatever `ecrc emit` would refuse is reported here first, with
 * the same words and the vendor's accepted range. Under `emit --vendor=NAME`
 * every CPE is judged as NAME. MD5 keys are not judged: lint never reads
 * the environment (the page says why).
 */
#include <stdio.h>

#include "lint/lint.h"
#include "vendors/vendor.h"

struct at {
	struct ecrc_check *ck;
	const struct ecrc_node *node;
	const struct ecrc_cpe *cpe;
	const char *what; /* "uplink cpe1-up" or "cpe cpe1" */
	bool override;
};

static void report(void *ctx, const char *attr, const char *msg)
{
	struct at *a = ctx;
	(void)attr;
	struct ecrc_finding *f = ecrc_report(a->ck, a->node, "%s: %s; emit would refuse it", a->what, msg);
	ecrc_report_note(a->ck, f, &a->cpe->node, "%s is emitted for %s%s", a->cpe->id,
	                 a->override ? "--vendor=" : "vendor=", a->cpe->vendor ? a->cpe->vendor : "");
}

static void check(struct ecrc_check *ck)
{
	for (const struct ecrc_datacenter *dc = ck->design->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *cpe = dc->cpes; cpe; cpe = cpe->next) {
			const char *name = ck->opt->vendor_override ? ck->opt->vendor_override : cpe->vendor;
			const struct ecrc_vendor *v = name ? ecrc_vendor_find(name) : NULL;
			char what[96];
			if (!v)
				continue;
			struct at a = {ck, &cpe->node, cpe, what, ck->opt->vendor_override != NULL};
			snprintf(what, sizeof what, "cpe %s", cpe->id);
			/* under --vendor a platform of another vendor falls back to the default */
			if (!ck->opt->vendor_override && cpe->platform)
				ecrc_vendor_check_platform(v, ecrc_platform_names[cpe->platform], report, &a);
			for (const struct ecrc_uplink *u = cpe->uplinks; u; u = u->next) {
				const struct ecrc_bgp *bgp = u->bgp;
				if (!bgp)
					continue;
				snprintf(what, sizeof what, "uplink %s", u->id);
				a.node = &bgp->node;
				ecrc_vendor_check_bgp(v, bgp->keepalive_s, bgp->hold_s, bgp->max_prefixes,
				                      report, &a);
				if (bgp->bfd) {
					a.node = &bgp->bfd->node;
					ecrc_vendor_check_bfd(v, bgp->bfd->min_tx_ms, bgp->bfd->min_rx_ms,
					                      bgp->bfd->multiplier, report, &a);
				}
			}
		}
}

const struct ecrc_rule ecrc_rule_vendor_limit = {
    .id = "vendor-limit",
    .severity = ECRC_SEV_ERROR,
    .summary = "a value the CPE's vendor or platform cannot carry (what emit would refuse)",
    .check = check,
};
