/*
 * limits.c: what a platform accepts where the design format allows more,
 * judged in one place. The data is each backend's struct ecrc_vendor_limits
 * (and its platform list); the lowering (emit/lower.c) refuses a value that
 * fails, and the rule vendor-limit (rules/vendor-limit.c) reports the same
 * value at lint time with the same words, so that no design lints clean and
 * then fails to emit.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vendors/vendor.h"

static void say(ecrc_limit_fn fn, void *ctx, const char *attr, const char *fmt, ...) ECRC_PRINTF(4, 5);

static void say(ecrc_limit_fn fn, void *ctx, const char *attr, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fn(ctx, attr, msg);
}

size_t ecrc_vendor_check_bgp(const struct ecrc_vendor *v, uint32_t keepalive_s, uint32_t hold_s,
                             uint32_t max_prefixes, ecrc_limit_fn fn, void *ctx)
{
	const struct ecrc_vendor_limits *lim = v->limits;
	size_t n = 0;
	if (!lim)
		return 0;
	if (lim->hold_min_s && hold_s && hold_s < lim->hold_min_s) {
		say(fn, ctx, "hold", "hold time %u s: %s accepts 0 or %u..65535", hold_s, v->name,
		    lim->hold_min_s);
		n++;
	}
	if (lim->keepalive_within_hold && (keepalive_s > hold_s || (hold_s == 0) != (keepalive_s == 0))) {
		say(fn, ctx, "keepalive",
		    "keepalive %u s with hold time %u s: %s needs the keepalive within the hold time, and 0 "
		    "with "
		    "hold time 0",
		    keepalive_s, hold_s, v->name);
		n++;
	}
	if (lim->max_prefixes_max && max_prefixes > lim->max_prefixes_max) {
		say(fn, ctx, "max-prefixes", "max-prefixes %u: %s accepts 1..%u", max_prefixes, v->name,
		    lim->max_prefixes_max);
		n++;
	}
	return n;
}

size_t ecrc_vendor_check_bfd(const struct ecrc_vendor *v, uint32_t min_tx_ms, uint32_t min_rx_ms,
                             uint32_t multiplier, ecrc_limit_fn fn, void *ctx)
{
	const struct ecrc_vendor_limits *lim = v->limits;
	size_t n = 0;
	if (!lim)
		return 0;
	const uint32_t val[2] = {min_tx_ms, min_rx_ms};
	const char *const attr[2] = {"min-tx", "min-rx"};
	for (int i = 0; i < 2; i++)
		if ((lim->bfd_interval_min_ms && val[i] < lim->bfd_interval_min_ms) ||
		    (lim->bfd_interval_max_ms && val[i] > lim->bfd_interval_max_ms)) {
			say(fn, ctx, attr[i], "BFD %s %u ms is outside what %s accepts (%u..%u ms)", attr[i],
			    val[i], v->name, lim->bfd_interval_min_ms, lim->bfd_interval_max_ms);
			n++;
		}
	if ((lim->bfd_multiplier_min && multiplier < lim->bfd_multiplier_min) ||
	    (lim->bfd_multiplier_max && multiplier > lim->bfd_multiplier_max)) {
		say(fn, ctx, "multiplier", "BFD multiplier %u is outside what %s accepts (%u..%u)",
		    multiplier, v->name, lim->bfd_multiplier_min, lim->bfd_multiplier_max);
		n++;
	}
	return n;
}

size_t ecrc_vendor_check_platform(const struct ecrc_vendor *v, const char *platform, ecrc_limit_fn fn,
                                  void *ctx)
{
	if (!platform || ecrc_vendor_platform(v, platform))
		return 0;
	say(fn, ctx, "platform", "%s has no platform \"%s\"; its platforms are %s", v->name, platform,
	    ecrc_vendor_platform_names(v));
	return 1;
}
