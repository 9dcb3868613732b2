/*
 * test_vendor_limit.c: no design lints clean of vendor-limit and then fails
 * to emit on a limit, for any vendor. For every vendor of the registry,
 * designs are generated at the edges of each limit the vendor declares
 * (hold time, keepalive within hold, BFD intervals and multiplier,
 * max-prefixes, platform): below, at and above each bound. Each one is
 * linted and lowered; lint reports vendor-limit exactly when the lowering
 * refuses the design, and at least one refusal and one success are seen
 * per vendor that declares limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emit/emit.h"
#include "lint/lint.h"
#include "vendors/vendor.h"

#define DESIGN                                                                                               \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                       \
	"<design name=\"edges\" version=\"1\">\n"                                                            \
	"  <datacenter id=\"idc\">\n"                                                                        \
	"    <prefix>192.168.0.0/16</prefix>\n"                                                              \
	"    <cpe id=\"cpe1\" vendor=\"%s\" %s asn=\"65003\" router-id=\"10.255.0.1\">\n"                    \
	"      <uplink id=\"up1\" connection=\"pc1\" interface=\"%s\" vlan=\"1308\" "                        \
	"address=\"10.10.1.5/30\">\n"                                                                        \
	"        <bgp neighbor=\"10.10.1.6\" remote-asn=\"64512\" keepalive=\"%u\" hold=\"%u\" "             \
	"max-prefixes=\"%u\">\n"                                                                             \
	"          <bfd min-tx=\"%u\" min-rx=\"%u\" multiplier=\"%u\"/>\n"                                   \
	"        </bgp>\n"                                                                                   \
	"      </uplink>\n"                                                                                  \
	"    </cpe>\n"                                                                                       \
	"  </datacenter>\n"                                                                                  \
	"  <cloud provider=\"alibaba\">\n"                                                                   \
	"    <region id=\"cn-beijing\">\n"                                                                   \
	"      <physical-connection id=\"pc1\"/>\n"                                                          \
	"      <vbr id=\"vbr1\" connection=\"pc1\" vlan=\"1308\" local-address=\"10.10.1.6/30\" "            \
	"peer-address=\"10.10.1.5\">\n"                                                                      \
	"        <bgp-peer peer-asn=\"65003\"/>\n"                                                           \
	"      </vbr>\n"                                                                                     \
	"    </region>\n"                                                                                    \
	"  </cloud>\n"                                                                                       \
	"</design>\n"

struct values {
	const char *platform; /* "platform=\"srx\"" or "" */
	uint32_t keepalive, hold, max_prefixes, tx, rx, mult;
};

static unsigned refused, accepted;

/* Lints and lowers one design; fails when they disagree. */
static void judge(const struct ecrc_vendor *v, const struct values *x)
{
	char xml[4096];
	snprintf(xml, sizeof xml, DESIGN, v->name, x->platform, v->iface_example, x->keepalive, x->hold,
	         x->max_prefixes, x->tx, x->rx, x->mult);
	struct ecrc_diags diags;
	ecrc_diags_init(&diags);
	bool fatal = false;
	struct ecrc_design *d = ecrc_load_memory("edges.xml", xml, strlen(xml), &diags, &fatal);
	if (!d || !ecrc_design_intact(&diags)) {
		/* outside the format itself (a schema error): not a vendor limit */
		ecrc_design_free(d);
		ecrc_diags_free(&diags);
		return;
	}
	struct ecrc_lint_options lo = {0};
	ecrc_lint_design(d, &lo, &diags);
	bool lint_says = false;
	for (size_t i = 0; i < diags.n; i++)
		lint_says |= diags.v[i].rule && strcmp(diags.v[i].rule, "vendor-limit") == 0;
	struct ecrc_diags ediags;
	ecrc_diags_init(&ediags);
	struct ecrc_emit_options eo = {.force = true};
	struct ecrc_emit_output out;
	bool emit_refuses = ecrc_emit_render(d, &eo, &ediags, &out) != 0;
	if (!emit_refuses)
		ecrc_emit_output_free(&out);
	if (lint_says != emit_refuses)
		fail_msg("%s: lint %s vendor-limit but emit %s: %s keepalive %u hold %u max-prefixes %u BFD "
		         "%u/%u/%u",
		         v->name, lint_says ? "reports" : "does not report",
		         emit_refuses ? "refuses" : "accepts", x->platform, x->keepalive, x->hold,
		         x->max_prefixes, x->tx, x->rx, x->mult);
	refused += emit_refuses;
	accepted += !emit_refuses;
	ecrc_diags_free(&ediags);
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
}

/* below, at and above a bound (0 = no bound: the format's own edges) */
static size_t edges(uint32_t bound, uint32_t *out)
{
	size_t n = 0;
	if (bound > 1)
		out[n++] = bound - 1;
	if (bound)
		out[n++] = bound;
	if (bound && bound < UINT32_MAX)
		out[n++] = bound + 1;
	return n;
}

static void test_every_vendor_at_every_edge(void **state)
{
	(void)state;
	for (size_t i = 0; i < ecrc_vendors_count; i++) {
		const struct ecrc_vendor *v = ecrc_vendors[i];
		const struct ecrc_vendor_limits *lim = v->limits;
		const struct ecrc_vendor_limits none = {0};
		if (!lim)
			lim = &none;
		refused = accepted = 0;
		const struct values base = {"", 30, 90, 1000, 300, 300, 3};
		uint32_t e[3];
		size_t n;
		judge(v, &base);
		/* hold time, with a keepalive at a third of it, at 0 and at the hold */
		uint32_t holds[12] = {0, 3, 9, 10, 11, 65535};
		size_t nh = 6;
		n = edges(lim->hold_min_s, e);
		for (size_t k = 0; k < n; k++)
			holds[nh++] = e[k];
		for (size_t h = 0; h < nh; h++) {
			struct values x = base;
			x.hold = holds[h];
			uint32_t keep[4] = {holds[h] / 3, 0, holds[h], holds[h] + 1};
			for (size_t k = 0; k < 4; k++) {
				x.keepalive = keep[k] > 65535 ? 65535 : keep[k];
				judge(v, &x);
			}
		}
		/* max-prefixes */
		n = edges(lim->max_prefixes_max, e);
		for (size_t k = 0; k < n; k++) {
			struct values x = base;
			x.max_prefixes = e[k];
			judge(v, &x);
		}
		/* BFD intervals, each side, and the multiplier */
		uint32_t bounds[2] = {lim->bfd_interval_min_ms, lim->bfd_interval_max_ms};
		for (size_t b = 0; b < 2; b++) {
			n = edges(bounds[b], e);
			for (size_t k = 0; k < n; k++) {
				struct values x = base;
				x.tx = e[k];
				judge(v, &x);
				x = base;
				x.rx = e[k];
				judge(v, &x);
			}
		}
		uint32_t mb[2] = {lim->bfd_multiplier_min, lim->bfd_multiplier_max};
		for (size_t b = 0; b < 2; b++) {
			n = edges(mb[b], e);
			for (size_t k = 0; k < n; k++) {
				struct values x = base;
				x.mult = e[k];
				judge(v, &x);
			}
		}
		/* every platform name of the format, the vendor's own and others' */
		static const char *const platforms[] = {"platform=\"mx\"", "platform=\"srx\"",
		                                        "platform=\"v8\"", "platform=\"v5\""};
		for (size_t p = 0; p < 4; p++) {
			struct values x = base;
			x.platform = platforms[p];
			judge(v, &x);
		}
		if (!accepted)
			fail_msg("%s: no generated design was accepted", v->name);
		if (!refused)
			fail_msg(
			    "%s: no generated design was refused (a platform of another vendor at least)",
			    v->name);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_vendor_at_every_edge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
