/*
 * vendor_fixture.h: what the proprietary-backend tests (test_vendor_junos,
 * _vrp, _comware, _eos) share: a hand-built CPE IR that exercises every
 * field a config carries (several interfaces on two ports, a static-only
 * uplink, prepend, MED, origin incomplete, ge/le ranges, MD5, custom
 * timers, BFD on with equal and with different intervals, BFD off), the
 * render/read/compare round trip, and line assertions on rendered text.
 * Included by each test file; everything here is static.
 */
#ifndef ECRC_TEST_VENDOR_FIXTURE_H
#define ECRC_TEST_VENDOR_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <glob.h>

#include "lint/lint.h"
#include "vendors/vendor.h"

static struct ecrc_ipnet fx_net(const char *s)
{
	struct ecrc_ipnet p;
	assert_true(ecrc_parse_ipnet(s, &p));
	return p;
}

static uint32_t fx_ip(const char *s)
{
	uint32_t a;
	assert_true(ecrc_parse_ipv4(s, &a));
	return a;
}

static struct ecrc_ir_prefix_list fx_list(struct ecrc_arena *a, const char *name, size_t n,
                                          const char *const *pfx, const uint8_t *ge, const uint8_t *le)
{
	struct ecrc_ir_prefix_list l = {.name = name, .n_entries = n};
	l.entries = ecrc_arena_alloc(a, n * sizeof *l.entries);
	for (size_t i = 0; i < n; i++) {
		l.entries[i].prefix = fx_net(pfx[i]);
		l.entries[i].ge = ge ? ge[i] : 0;
		l.entries[i].le = le ? le[i] : 0;
	}
	return l;
}

/* The reference CPE. port_a and port_b are parent port names in the
 * platform's own naming. Interfaces: two uplinks with BGP on port_a (VLAN
 * 1308) and port_b (VLAN 1309, MTU 8500), a third BGP uplink on port_a
 * (VLAN 1400) and a static-only uplink on port_b (VLAN 1500). */
static struct ecrc_ir_cpe *fx_cpe(struct ecrc_arena *a, const char *vendor, const char *port_a,
                                  const char *port_b)
{
	struct ecrc_ir_cpe *c = ecrc_arena_alloc(a, sizeof *c);
	c->id = "cpe1";
	c->hostname = "BJ-CPE1";
	c->vendor = vendor;
	c->design_name = "beijing-idc-ecmp";
	memcpy(c->design_sha256, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 65);
	c->asn = 65003;
	c->router_id = fx_ip("10.255.0.1");
	c->maximum_paths = 2;

	c->n_ifaces = 4;
	c->ifaces = ecrc_arena_alloc(a, 4 * sizeof *c->ifaces);
	c->ifaces[0] = (struct ecrc_ir_iface){.parent = port_a,
	                                      .vlan = 1308,
	                                      .address = fx_net("10.10.1.5/30"),
	                                      .mtu = 1500,
	                                      .description = "to vbr-1 on pc-bj-1"};
	c->ifaces[1] = (struct ecrc_ir_iface){.parent = port_b,
	                                      .vlan = 1309,
	                                      .address = fx_net("10.10.2.5/30"),
	                                      .mtu = 8500,
	                                      .description = "to vbr-2 on pc-bj-2"};
	c->ifaces[2] = (struct ecrc_ir_iface){.parent = port_a,
	                                      .vlan = 1400,
	                                      .address = fx_net("10.10.3.1/29"),
	                                      .mtu = 1500,
	                                      .description = "to vbr-3 on pc-bj-1"};
	c->ifaces[3] = (struct ecrc_ir_iface){.parent = port_b,
	                                      .vlan = 1500,
	                                      .address = fx_net("10.10.4.1/30"),
	                                      .mtu = 1500,
	                                      .description = "to vbr-4 on pc-bj-2"};

	c->n_statics = 4;
	c->statics = ecrc_arena_alloc(a, 4 * sizeof *c->statics);
	c->statics[0].prefix = fx_net("192.168.0.0/16");
	c->statics[1].prefix = fx_net("172.16.0.0/12");
	c->statics[2] = (struct ecrc_ir_static){
	    .prefix = fx_net("10.2.0.0/16"), .has_next_hop = true, .next_hop = fx_ip("10.10.4.2")};
	c->statics[3] = (struct ecrc_ir_static){
	    .prefix = fx_net("10.3.0.0/16"), .has_next_hop = true, .next_hop = fx_ip("10.10.4.2")};

	c->n_neighbors = 3;
	struct ecrc_ir_neighbor *nb = c->neighbors = ecrc_arena_alloc(a, 3 * sizeof *nb);

	/* custom timers, MD5, BFD 300/300/3, two export terms */
	nb[0] = (struct ecrc_ir_neighbor){.address = fx_ip("10.10.1.6"),
	                                  .remote_as = 64512,
	                                  .description = "vbr-1 pc-bj-1",
	                                  .iface = 0,
	                                  .keepalive_s = 10,
	                                  .hold_s = 30,
	                                  .md5_key = "s3cr3t-Key_1",
	                                  .bfd = true,
	                                  .bfd_min_tx_ms = 300,
	                                  .bfd_min_rx_ms = 300,
	                                  .bfd_multiplier = 3,
	                                  .max_prefixes = 1000,
	                                  .import_policy = "ECRC-IN-cpe1-up"};
	static const char *const in0[] = {"10.0.0.0/16", "10.1.0.0/16"};
	static const uint8_t in0_ge[] = {0, 17}, in0_le[] = {0, 24};
	nb[0].import_list = fx_list(a, "ECRC-IN-cpe1-up", 2, in0, in0_ge, in0_le);
	nb[0].export_policy = "ECRC-OUT-cpe1-up";
	nb[0].n_export_terms = 2;
	nb[0].export_terms = ecrc_arena_alloc(a, 2 * sizeof *nb[0].export_terms);
	static const char *const out0a[] = {"192.168.0.0/16"}, *const out0b[] = {"172.16.0.0/12"};
	nb[0].export_terms[0].match = fx_list(a, "ECRC-OUT-cpe1-up-1", 1, out0a, NULL, NULL);
	nb[0].export_terms[0].prepend = ecrc_arena_alloc(a, 3 * sizeof(uint32_t));
	nb[0].export_terms[0].prepend[0] = 65003;
	nb[0].export_terms[0].prepend[1] = 65003;
	nb[0].export_terms[0].prepend[2] = 4200000001u;
	nb[0].export_terms[0].n_prepend = 3;
	nb[0].export_terms[0].has_med = true;
	nb[0].export_terms[0].med = 100;
	nb[0].export_terms[0].origin = ECRC_IR_ORIGIN_INCOMPLETE;
	nb[0].export_terms[1].match = fx_list(a, "ECRC-OUT-cpe1-up-2", 1, out0b, NULL, NULL);
	nb[0].export_terms[1].origin = ECRC_IR_ORIGIN_IGP;

	/* default timers, no MD5, BFD with different intervals */
	nb[1] = (struct ecrc_ir_neighbor){.address = fx_ip("10.10.2.6"),
	                                  .remote_as = 64512,
	                                  .description = "vbr-2 pc-bj-2",
	                                  .iface = 1,
	                                  .keepalive_s = 30,
	                                  .hold_s = 90,
	                                  .timers_default = true,
	                                  .bfd = true,
	                                  .bfd_min_tx_ms = 200,
	                                  .bfd_min_rx_ms = 400,
	                                  .bfd_multiplier = 5,
	                                  .max_prefixes = 500,
	                                  .import_policy = "ECRC-IN-cpe1-up2"};
	static const char *const in1[] = {"10.0.0.0/8"};
	static const uint8_t in1_ge[] = {16}, in1_le[] = {24};
	nb[1].import_list = fx_list(a, "ECRC-IN-cpe1-up2", 1, in1, in1_ge, in1_le);
	nb[1].export_policy = "ECRC-OUT-cpe1-up2";
	nb[1].n_export_terms = 1;
	nb[1].export_terms = ecrc_arena_alloc(a, sizeof *nb[1].export_terms);
	static const char *const out1[] = {"192.168.0.0/16", "172.16.0.0/12"};
	nb[1].export_terms[0].match = fx_list(a, "ECRC-OUT-cpe1-up2-1", 2, out1, NULL, NULL);
	nb[1].export_terms[0].has_med = true;
	nb[1].export_terms[0].med = 0;

	/* BFD off, another AS, timers with keepalive a third of hold */
	nb[2] = (struct ecrc_ir_neighbor){.address = fx_ip("10.10.3.2"),
	                                  .remote_as = 45104,
	                                  .description = "vbr-3 pc-bj-1",
	                                  .iface = 2,
	                                  .keepalive_s = 60,
	                                  .hold_s = 180,
	                                  .md5_key = "<REDACTED ECRC_KEY_3>",
	                                  .md5_redacted = true,
	                                  .max_prefixes = 100,
	                                  .import_policy = "ECRC-IN-cpe1-up3"};
	static const char *const in2[] = {"10.0.0.0/16", "10.8.0.0/13", "10.16.0.0/12"};
	static const uint8_t in2_ge[] = {0, 13, 20}, in2_le[] = {0, 32, 28};
	nb[2].import_list = fx_list(a, "ECRC-IN-cpe1-up3", 3, in2, in2_ge, in2_le);
	nb[2].export_policy = "ECRC-OUT-cpe1-up3";
	nb[2].n_export_terms = 1;
	nb[2].export_terms = ecrc_arena_alloc(a, sizeof *nb[2].export_terms);
	nb[2].export_terms[0].match = fx_list(a, "ECRC-OUT-cpe1-up3-1", 1, out0a, NULL, NULL);
	nb[2].export_terms[0].prepend = ecrc_arena_alloc(a, sizeof(uint32_t));
	nb[2].export_terms[0].prepend[0] = 65003;
	nb[2].export_terms[0].n_prepend = 1;
	/* the maximum-prefix recovers as the lowering makes it for this vendor,
	 * on the vendor's default platform */
	const struct ecrc_vendor *v = ecrc_vendor_find(vendor);
	c->platform = v ? ecrc_vendor_platform(v, NULL)->name : NULL;
	for (size_t i = 0; v && i < 3; i++) {
		nb[i].max_prefix_recovers = true;
		nb[i].max_prefix_restart_s = v->prefix_restart_unit_s ? ECRC_MAX_PREFIX_RESTART_S : 0;
		nb[i].max_prefix_warn_pct = v->prefix_warn ? ECRC_MAX_PREFIX_WARN_PCT : 0;
	}
	ecrc_ir_link(c, a); /* as the lowering and the readers do */
	return c;
}

/* ---- comparing IRs field by field ------------------------------------------ */

/* What a platform cannot say: the reader returns its own value instead. */
struct fx_caveats {
	uint32_t maximum_paths; /* 0: compared; else what the reader returns */
	bool keepalive_derived; /* the platform sets hold only (keepalive = hold / 3) */
	bool strict;            /* also the project's own comparison, ecrc_ir_equal */
};

static int fx_fail(char *why, size_t n, const char *fmt, ...) ECRC_PRINTF(3, 4);
static int fx_fail(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return -1;
}

static bool fx_str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The range an entry matches, whichever way it is written. */
static void fx_range(const struct ecrc_ir_prefix_entry *e, unsigned *ge, unsigned *le)
{
	if (e->ge == 0 && e->le == 0) {
		*ge = *le = e->prefix.len;
		return;
	}
	*ge = e->ge ? e->ge : e->prefix.len;
	*le = e->le ? e->le : 32;
}

static int fx_list_cmp(const struct ecrc_ir_prefix_list *a, const struct ecrc_ir_prefix_list *b, char *why,
                       size_t n)
{
	if (!fx_str_eq(a->name, b->name))
		return fx_fail(why, n, "list name %s != %s", a->name, b->name);
	if (a->n_entries != b->n_entries)
		return fx_fail(why, n, "list %s: %zu entries != %zu", a->name, a->n_entries, b->n_entries);
	for (size_t i = 0; i < a->n_entries; i++) {
		unsigned ga, la, gb, lb;
		fx_range(&a->entries[i], &ga, &la);
		fx_range(&b->entries[i], &gb, &lb);
		if (!ecrc_ipnet_equal(a->entries[i].prefix, b->entries[i].prefix) || ga != gb || la != lb)
			return fx_fail(why, n, "list %s entry %zu differs (%u-%u vs %u-%u)", a->name, i, ga,
			               la, gb, lb);
	}
	return 0;
}

/* Interfaces are the same when they are the same VLAN on the same port: a
 * platform may list a port's sub-interfaces together (Junos units). */
static bool fx_iface_same(const struct ecrc_ir_iface *x, const struct ecrc_ir_iface *y)
{
	return fx_str_eq(x->parent, y->parent) && x->vlan == y->vlan;
}

static int fx_neighbor_cmp(const struct ecrc_ir_cpe *ca, const struct ecrc_ir_neighbor *a,
                           const struct ecrc_ir_cpe *cb, const struct ecrc_ir_neighbor *b,
                           const struct fx_caveats *cv, char *why, size_t n)
{
	if (a->address != b->address || a->remote_as != b->remote_as ||
	    !fx_iface_same(&ca->ifaces[a->iface], &cb->ifaces[b->iface]))
		return fx_fail(why, n, "neighbor %u: address, remote AS or interface differ", a->address);
	if (!fx_str_eq(a->description, b->description))
		return fx_fail(why, n, "neighbor description '%s' != '%s'", a->description, b->description);
	if (a->hold_s != b->hold_s || a->timers_default != b->timers_default)
		return fx_fail(why, n, "neighbor hold %u/%d != %u/%d", a->hold_s, a->timers_default,
		               b->hold_s, b->timers_default);
	if (a->keepalive_s != b->keepalive_s && !(cv->keepalive_derived && b->keepalive_s == a->hold_s / 3))
		return fx_fail(why, n, "neighbor keepalive %u != %u", a->keepalive_s, b->keepalive_s);
	if (!fx_str_eq(a->md5_key, b->md5_key) || a->md5_redacted != b->md5_redacted)
		return fx_fail(why, n, "neighbor MD5 '%s' != '%s'", a->md5_key, b->md5_key);
	if (a->bfd != b->bfd)
		return fx_fail(why, n, "neighbor BFD %d != %d", a->bfd, b->bfd);
	if (a->bfd && (a->bfd_min_tx_ms != b->bfd_min_tx_ms || a->bfd_min_rx_ms != b->bfd_min_rx_ms ||
	               a->bfd_multiplier != b->bfd_multiplier))
		return fx_fail(why, n, "neighbor BFD %u/%u/%u != %u/%u/%u", a->bfd_min_tx_ms,
		               a->bfd_min_rx_ms, a->bfd_multiplier, b->bfd_min_tx_ms, b->bfd_min_rx_ms,
		               b->bfd_multiplier);
	if (a->max_prefixes != b->max_prefixes)
		return fx_fail(why, n, "neighbor max prefixes %u != %u", a->max_prefixes, b->max_prefixes);
	/* (the platform is compared with the CPE: fx_round_trip checks it) */
	if (a->max_prefix_recovers != b->max_prefix_recovers ||
	    a->max_prefix_restart_s != b->max_prefix_restart_s ||
	    a->max_prefix_warn_pct != b->max_prefix_warn_pct)
		return fx_fail(why, n, "neighbor maximum-prefix restart %d/%u s/%u%% != %d/%u s/%u%%",
		               a->max_prefix_recovers, a->max_prefix_restart_s, a->max_prefix_warn_pct,
		               b->max_prefix_recovers, b->max_prefix_restart_s, b->max_prefix_warn_pct);
	if (!fx_str_eq(a->import_policy, b->import_policy) || !fx_str_eq(a->export_policy, b->export_policy))
		return fx_fail(why, n, "neighbor policies %s/%s != %s/%s", a->import_policy, a->export_policy,
		               b->import_policy, b->export_policy);
	if (fx_list_cmp(&a->import_list, &b->import_list, why, n))
		return -1;
	if (a->n_export_terms != b->n_export_terms)
		return fx_fail(why, n, "export terms %zu != %zu", a->n_export_terms, b->n_export_terms);
	for (size_t t = 0; t < a->n_export_terms; t++) {
		const struct ecrc_ir_export_term *x = &a->export_terms[t], *y = &b->export_terms[t];
		if (fx_list_cmp(&x->match, &y->match, why, n))
			return -1;
		if (x->n_prepend != y->n_prepend ||
		    (x->n_prepend && memcmp(x->prepend, y->prepend, x->n_prepend * sizeof *x->prepend) != 0))
			return fx_fail(why, n, "term %zu prepend differs", t);
		if (x->has_med != y->has_med || (x->has_med && x->med != y->med))
			return fx_fail(why, n, "term %zu MED differs", t);
		if (x->origin != y->origin)
			return fx_fail(why, n, "term %zu origin differs", t);
	}
	return 0;
}

/* 0 when b (read back) configures what a (rendered) does. */
static int fx_cpe_cmp(const struct ecrc_ir_cpe *a, const struct ecrc_ir_cpe *b, const struct fx_caveats *cv,
                      char *why, size_t n)
{
	if (!fx_str_eq(a->id, b->id) || !fx_str_eq(a->vendor, b->vendor) ||
	    !fx_str_eq(a->design_name, b->design_name) || strcmp(a->design_sha256, b->design_sha256) != 0 ||
	    a->forced != b->forced)
		return fx_fail(why, n, "header fields differ");
	if (!fx_str_eq(a->hostname, b->hostname) || a->asn != b->asn || a->router_id != b->router_id)
		return fx_fail(why, n, "hostname, AS or router-id differ");
	uint32_t paths = cv->maximum_paths ? cv->maximum_paths : a->maximum_paths;
	if (paths != b->maximum_paths)
		return fx_fail(why, n, "maximum paths %u != %u", paths, b->maximum_paths);
	if (a->n_ifaces != b->n_ifaces)
		return fx_fail(why, n, "%zu interfaces != %zu", a->n_ifaces, b->n_ifaces);
	for (size_t i = 0; i < a->n_ifaces; i++) {
		const struct ecrc_ir_iface *x = &a->ifaces[i], *y = NULL;
		for (size_t j = 0; j < b->n_ifaces; j++)
			if (fx_iface_same(x, &b->ifaces[j]))
				y = &b->ifaces[j];
		if (!y || !ecrc_ipnet_equal(x->address, y->address) || x->mtu != y->mtu ||
		    !fx_str_eq(x->description, y->description))
			return fx_fail(why, n, "interface %zu (%s.%u) differs", i, x->parent, x->vlan);
	}
	if (a->n_statics != b->n_statics)
		return fx_fail(why, n, "%zu static routes != %zu", a->n_statics, b->n_statics);
	for (size_t i = 0; i < a->n_statics; i++) {
		const struct ecrc_ir_static *x = &a->statics[i], *y = &b->statics[i];
		if (!ecrc_ipnet_equal(x->prefix, y->prefix) || x->has_next_hop != y->has_next_hop ||
		    x->next_hop != y->next_hop)
			return fx_fail(why, n, "static route %zu differs", i);
	}
	if (a->n_neighbors != b->n_neighbors)
		return fx_fail(why, n, "%zu neighbors != %zu", a->n_neighbors, b->n_neighbors);
	for (size_t i = 0; i < a->n_neighbors; i++)
		if (fx_neighbor_cmp(a, &a->neighbors[i], b, &b->neighbors[i], cv, why, n))
			return -1;
	return 0;
}

/* Renders, reads back and compares; returns the rendered text (malloc'd). */
static char *fx_round_trip(const struct ecrc_vendor *v, const struct ecrc_ir_cpe *cpe,
                           const struct fx_caveats *cv)
{
	struct ecrc_buf out = {0};
	assert_int_equal(v->render(cpe, &out), 0);
	assert_non_null(out.p);
	assert_true(out.len > 0 && out.p[out.len - 1] == '\n');
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *back = NULL;
	char err[256] = "";
	int rc = v->read(out.p, out.len, a, &back, err, sizeof err);
	if (rc != 0)
		fprintf(stderr, "read failed: %s\n--- text ---\n%s", err, out.p);
	assert_int_equal(rc, 0);
	char why[256] = "";
	rc = fx_cpe_cmp(cpe, back, cv, why, sizeof why);
	if (rc != 0)
		fprintf(stderr, "round trip differs: %s\n--- text ---\n%s", why, out.p);
	assert_int_equal(rc, 0);
	if (!fx_str_eq(cpe->platform, back->platform))
		fail_msg("platform %s != %s\n--- text ---\n%s", cpe->platform ? cpe->platform : "(none)",
		         back->platform ? back->platform : "(none)", out.p);
	if (cv->strict && !ecrc_ir_equal(cpe, back, why, sizeof why))
		fail_msg("ecrc_ir_equal: %s\n--- text ---\n%s", why, out.p);
	/* rendering the read-back IR gives the same text */
	struct ecrc_ir_cpe copy = *back;
	copy.maximum_paths = cpe->maximum_paths;
	struct ecrc_buf again = {0};
	assert_int_equal(v->render(&copy, &again), 0);
	assert_string_equal(again.p, out.p);
	ecrc_buf_free(&again);
	ecrc_arena_free(a);
	return ecrc_buf_take(&out);
}

/* ---- every fixture design, lowered for this vendor -------------------------- */

static const char *fx_getenv(const char *name)
{
	/* a key for every auth-key-env the fixture designs name */
	(void)name;
	return "fixture-Key-1";
}

/* Lowers every CPE of every design under fixtures/designs/ for vendor v
 * (as `emit --vendor` does), renders it, reads it back and compares. */
static void fx_designs_round_trip(const struct ecrc_vendor *v, const struct fx_caveats *cv)
{
	glob_t g;
	assert_int_equal(glob(ECRC_SOURCE_DIR "/fixtures/designs/*.xml", 0, NULL, &g), 0);
	assert_true(g.gl_pathc > 0);
	size_t cpes = 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct ecrc_diags diags;
		bool fatal = false;
		ecrc_diags_init(&diags);
		struct ecrc_design *d = ecrc_load_file(g.gl_pathv[i], &diags, &fatal);
		assert_non_null(d);
		struct ecrc_lower_options lo = {.vendor_override = v->name, .getenv_fn = fx_getenv};
		struct ecrc_arena *a = ecrc_arena_new();
		for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next) {
			for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next) {
				struct ecrc_ir_cpe *ir = ecrc_lower_cpe(d, c, &lo, a, &diags);
				if (!ir)
					fail_msg("%s: cpe %s does not lower", g.gl_pathv[i], c->id);
				free(fx_round_trip(v, ir, cv));
				cpes++;
			}
		}
		ecrc_arena_free(a);
		ecrc_design_free(d);
		ecrc_diags_free(&diags);
	}
	assert_true(cpes > 0);
	globfree(&g);
}

/* ---- line assertions --------------------------------------------------------- */

/* True when text has a line equal to line (leading blanks included). */
static bool fx_has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = text; p && *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		if (len == n && memcmp(p, line, n) == 0)
			return true;
		p = eol ? eol + 1 : NULL;
	}
	return false;
}

#define assert_line(text, line)                                                                              \
	do {                                                                                                 \
		if (!fx_has_line((text), (line)))                                                            \
			fail_msg("missing line '%s' in:\n%s", (line), (text));                               \
	} while (0)

#define assert_no_line(text, line)                                                                           \
	do {                                                                                                 \
		if (fx_has_line((text), (line)))                                                             \
			fail_msg("unexpected line '%s' in:\n%s", (line), (text));                            \
	} while (0)

/* The line number in text where line first appears (0: nowhere). */
static size_t fx_line_no(const char *text, const char *line)
{
	size_t n = strlen(line), no = 0;
	for (const char *p = text; p && *p;) {
		no++;
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		if (len == n && memcmp(p, line, n) == 0)
			return no;
		p = eol ? eol + 1 : NULL;
	}
	return 0;
}

/* Reads text that must fail, and checks the message starts "line N: ". */
static void fx_read_fails(const struct ecrc_vendor *v, const char *text, unsigned line, const char *needle)
{
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *back = NULL;
	char err[256] = "", want[32];
	int rc = v->read(text, strlen(text), a, &back, err, sizeof err);
	if (rc != -1)
		fail_msg("read accepted:\n%s", text);
	snprintf(want, sizeof want, "line %u: ", line);
	if (strncmp(err, want, strlen(want)) != 0 || (needle && !strstr(err, needle)))
		fail_msg("error '%s' is not '%s...%s'", err, want, needle ? needle : "");
	ecrc_arena_free(a);
}

/* text with the first occurrence of from replaced by to (malloc'd). */
static char *fx_replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	assert_non_null(at);
	size_t n = strlen(text) - strlen(from) + strlen(to);
	char *s = malloc(n + 1);
	assert_non_null(s);
	size_t pre = (size_t)(at - text);
	memcpy(s, text, pre);
	memcpy(s + pre, to, strlen(to));
	strcpy(s + pre + strlen(to), at + strlen(from));
	return s;
}

#endif
