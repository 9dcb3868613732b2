/*
 * bfd-timers-range.c: the BFD timers a VBR accepts: min-tx and min-rx
 * 200..1000 ms, detect multiplier 3..10 (Alibaba's API reference).
 */
#include "lint/lint.h"

#define VBR_BFD_MIN_MS 200u
#define VBR_BFD_MAX_MS 1000u
#define VBR_BFD_MIN_MULT 3u
#define VBR_BFD_MAX_MULT 10u

static void check(struct ecrc_check *ck)
{
	const struct ecrc_cloud *cloud = ck->design->cloud;

	for (const struct ecrc_region *r = cloud ? cloud->regions : NULL; r; r = r->next)
		for (const struct ecrc_vbr *v = r->vbrs; v; v = v->next) {
			const struct ecrc_bfd *b = v->bgp_peer ? v->bgp_peer->bfd : NULL;
			struct ecrc_buf what = {0};

			if (!b)
				continue;
			if (b->min_tx_ms < VBR_BFD_MIN_MS || b->min_tx_ms > VBR_BFD_MAX_MS)
				ecrc_buf_printf(&what, "min-tx %u ms", b->min_tx_ms);
			if (b->min_rx_ms < VBR_BFD_MIN_MS || b->min_rx_ms > VBR_BFD_MAX_MS)
				ecrc_buf_printf(&what, "%smin-rx %u ms", what.len ? ", " : "", b->min_rx_ms);
			if (what.len)
				ecrc_buf_printf(&what, " (a VBR accepts %u..%u ms)", VBR_BFD_MIN_MS,
				                VBR_BFD_MAX_MS);
			if (b->multiplier < VBR_BFD_MIN_MULT || b->multiplier > VBR_BFD_MAX_MULT)
				ecrc_buf_printf(&what, "%smultiplier %u (a VBR accepts %u..%u)",
				                what.len ? ", " : "", b->multiplier, VBR_BFD_MIN_MULT,
				                VBR_BFD_MAX_MULT);
			if (what.len)
				ecrc_report(ck, &b->node, "%s BFD timers out of range: %s", v->id, what.p);
			ecrc_buf_free(&what);
		}
}

const struct ecrc_rule ecrc_rule_bfd_timers_range = {
    .id = "bfd-timers-range",
    .severity = ECRC_SEV_ERROR,
    .summary = "VBR BFD min-tx/min-rx outside 200..1000 ms or multiplier outside 3..10",
    .check = check,
};
