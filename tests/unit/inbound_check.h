/*
 * inbound_check.h: what every backend test asserts about the default
 * inbound list (docs/design-format.md, <vswitch>): the cloud advertises one
 * route per vSwitch CIDR, so a CPE without <accept> must accept a /24
 * inside each reachable VPC block, and never the data center's own prefix.
 * The design is lowered and rendered for the vendor; the test checks the
 * vendor's own line for the block, then reads the rendered text back with
 * the vendor's reader and matches routes against the list it holds. A
 * second design puts the data center's prefix inside the VPC block: the
 * block is split around it, and that prefix and the routes inside it
 * are still rejected.
 */
#ifndef ECRC_TESTS_INBOUND_CHECK_H
#define ECRC_TESTS_INBOUND_CHECK_H

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

/* Whether a route (prefix) passes an IR prefix list: some entry holds it
 * with a matching length (exact, or within ge..le). */
static inline bool inbound_accepts(const struct ecrc_ir_prefix_list *l, const char *route)
{
	struct ecrc_ipnet r;
	assert_true(ecrc_parse_ipnet(route, &r));
	for (size_t i = 0; i < l->n_entries; i++) {
		const struct ecrc_ir_prefix_entry *e = &l->entries[i];
		if (!ecrc_ipnet_contains(e->prefix, r))
			continue;
		if (e->ge == 0 && e->le == 0) {
			if (r.len == e->prefix.len)
				return true;
			continue;
		}
		unsigned lo = e->ge > e->prefix.len ? e->ge : e->prefix.len, hi = e->le ? e->le : 32;
		if (r.len >= lo && r.len <= hi)
			return true;
	}
	return false;
}

/* Lowers cpe1 of `xml` for `vendor`, renders it, asserts `line` is in the
 * text (when not NULL), reads the text back and returns the first
 * neighbor's import list (allocated from `a`). */
static inline struct ecrc_ir_prefix_list inbound_list(const char *vendor_name, const char *xml,
                                                      const char *line, struct ecrc_arena *a)
{
	const struct ecrc_vendor *v = ecrc_vendor_find(vendor_name);
	assert_non_null(v);
	struct ecrc_diags diags;
	bool fatal = false;
	ecrc_diags_init(&diags);
	struct ecrc_design *d = ecrc_load_memory("inbound.xml", xml, strlen(xml), &diags, &fatal);
	assert_non_null(d);
	assert_true(ecrc_design_intact(&diags));
	struct ecrc_lower_options opt = {.vendor_override = vendor_name};
	struct ecrc_ir_cpe *ir = ecrc_lower_cpe(d, d->dcs->cpes, &opt, a, &diags);
	assert_non_null(ir);
	struct ecrc_buf b = {0};
	assert_int_equal(v->render(ir, &b), 0);
	if (line && !strstr(b.p, line)) {
		fprintf(stderr, "--- %s config ---\n%s--- lacks ---\n%s\n", vendor_name, b.p, line);
		fail();
	}
	struct ecrc_ir_cpe *back = NULL;
	char err[256];
	if (v->read(b.p, b.len, a, &back, err, sizeof err) != 0)
		fail_msg("%s: reading the rendered config back: %s", vendor_name, err);
	assert_true(back->n_neighbors >= 1);
	struct ecrc_ir_prefix_list l = back->neighbors[0].import_list;
	ecrc_buf_free(&b);
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
	return l;
}

/* The design: one CPE, one VBR, ECR -> TR -> VPC. DC_PREFIX and VPC_CIDR
 * are filled in by the caller. */
#define INBOUND_DESIGN(DC_PREFIX, VPC_CIDR)                                                                  \
	"<design name=\"inbound\" version=\"1\">\n"                                                          \
	"  <datacenter id=\"dc\">\n"                                                                         \
	"    <prefix>" DC_PREFIX "</prefix>\n"                                                               \
	"    <cpe id=\"cpe1\" vendor=\"frr\" asn=\"65001\">\n"                                               \
	"      <uplink id=\"up1\" connection=\"pc1\" interface=\"eth1\" vlan=\"100\" "                       \
	"address=\"10.10.1.5/30\">\n"                                                                        \
	"        <bgp neighbor=\"10.10.1.6\" remote-asn=\"64512\"/>\n"                                       \
	"      </uplink>\n"                                                                                  \
	"    </cpe>\n"                                                                                       \
	"  </datacenter>\n"                                                                                  \
	"  <cloud>\n"                                                                                        \
	"    <ecr id=\"ecr1\" asn=\"64512\"><associate vbr=\"vbr1\"/><associate "                            \
	"transit-router=\"tr1\"/></ecr>\n"                                                                   \
	"    <region id=\"cn-beijing\">\n"                                                                   \
	"      <physical-connection id=\"pc1\"/>\n"                                                          \
	"      <vbr id=\"vbr1\" connection=\"pc1\" vlan=\"100\" local-address=\"10.10.1.6/30\" "             \
	"peer-address=\"10.10.1.5\"><bgp-peer peer-asn=\"65001\"/></vbr>\n"                                  \
	"      <transit-router id=\"tr1\"><attach vpc=\"vpc1\"/></transit-router>\n"                         \
	"      <vpc id=\"vpc1\" cidr=\"" VPC_CIDR "\">\n"                                                    \
	"        <vswitch id=\"vsw-h\" cidr=\"10.0.1.0/24\" zone=\"cn-beijing-h\"/>\n"                       \
	"      </vpc>\n"                                                                                     \
	"    </region>\n"                                                                                    \
	"  </cloud>\n"                                                                                       \
	"</design>\n"

/* `line`: the vendor's rendering of "every route inside 10.0.0.0/16". */
static inline void inbound_check(const char *vendor_name, const char *line)
{
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_prefix_list l =
	    inbound_list(vendor_name, INBOUND_DESIGN("192.168.0.0/16", "10.0.0.0/16"), line, a);
	assert_true(inbound_accepts(&l, "10.0.1.0/24"));   /* the vSwitch route */
	assert_true(inbound_accepts(&l, "10.0.200.0/24")); /* a vSwitch created later */
	assert_true(inbound_accepts(&l, "10.0.3.4/32"));
	assert_false(inbound_accepts(&l, "192.168.0.0/16")); /* the data center's own */
	assert_false(inbound_accepts(&l, "192.168.1.0/24"));
	assert_false(inbound_accepts(&l, "10.1.0.0/24")); /* outside the VPC */
	assert_false(inbound_accepts(&l, "0.0.0.0/0"));
	assert_false(inbound_accepts(&l, "10.0.0.0/8"));

	/* the data center's prefix inside the VPC block (an error for lint,
	 * prefix-overlap): the list still rejects it and what lies in it */
	l = inbound_list(vendor_name, INBOUND_DESIGN("10.0.128.0/17", "10.0.0.0/16"), NULL, a);
	assert_true(inbound_accepts(&l, "10.0.1.0/24"));
	assert_true(inbound_accepts(&l, "10.0.64.0/18"));
	assert_false(inbound_accepts(&l, "10.0.128.0/17"));
	assert_false(inbound_accepts(&l, "10.0.200.0/24"));
	assert_false(inbound_accepts(&l, "10.0.0.0/16")); /* it contains the data center's prefix */
	ecrc_arena_free(a);
}

#endif
