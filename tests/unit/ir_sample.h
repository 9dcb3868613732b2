/*
 * ir_sample.h: a hand-built CPE IR for the backend tests (no design, no
 * loader): two uplinks on different parents, one with MD5, BFD 300/300/3,
 * an inbound range and an exact prefix, two export terms (plain, and
 * prepend + MED + incomplete origin); the other with fast timers, jumbo
 * MTU, no BFD, an empty inbound list; a static route via a VBR. Plus the
 * helpers the backend tests share: writing a temporary file and running a
 * real parser on it.
 */
#ifndef ECRC_TESTS_IR_SAMPLE_H
#define ECRC_TESTS_IR_SAMPLE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "vendors/vendor.h"

static struct ecrc_ir_prefix_entry sample_in_entries[] = {
    {.prefix = {.addr = 0xAC100000u, .len = 15}, .ge = 15, .le = 16}, /* 172.16.0.0/15{15,16} */
    {.prefix = {.addr = 0x0A000000u, .len = 16}},                     /* 10.0.0.0/16 exact */
    {.prefix = {.addr = 0x0A640000u, .len = 16}, .ge = 24, .le = 32}, /* 10.100.0.0/16 ge 24 */
};
static struct ecrc_ir_prefix_entry sample_out1[] = {{.prefix = {.addr = 0x0A140000u, .len = 16}}};
static struct ecrc_ir_prefix_entry sample_out2[] = {
    {.prefix = {.addr = 0xAC140000u, .len = 14}},
    {.prefix = {.addr = 0x0A150000u, .len = 16}},
};
static uint32_t sample_prepend[] = {65031, 65031, 65100};
static struct ecrc_ir_export_term sample_terms0[] = {
    {.match = {.name = "ECRC-OUT-cpe2-up-1", .entries = sample_out1, .n_entries = 1}},
    {.match = {.name = "ECRC-OUT-cpe2-up-2", .entries = sample_out2, .n_entries = 2},
     .prepend = sample_prepend,
     .n_prepend = 3,
     .has_med = true,
     .med = 50,
     .origin = ECRC_IR_ORIGIN_INCOMPLETE},
};
static struct ecrc_ir_prefix_entry sample_out_b[] = {
    {.prefix = {.addr = 0x0A140000u, .len = 16}},
    {.prefix = {.addr = 0x0A150000u, .len = 16}},
    {.prefix = {.addr = 0xAC140000u, .len = 14}},
};
static struct ecrc_ir_export_term sample_terms1[] = {
    {.match = {.name = "ECRC-OUT-cpe2.b-1", .entries = sample_out_b, .n_entries = 3}},
};

/* parent1/parent2: the ports, named the way the backend's platform does. */
/* Fills the IR's derived level (ports, interface-neighbor links) as the
 * lowering and the readers do; again after a test edits the lists. */
static inline void sample_relink(struct ecrc_ir_cpe *c)
{
	static struct ecrc_arena *arena;
	if (!arena)
		arena = ecrc_arena_new();
	ecrc_ir_link(c, arena);
}

static inline struct ecrc_ir_cpe sample_ir(const char *vendor, const char *parent1, const char *parent2)
{
	static struct ecrc_ir_iface ifaces[2];
	static struct ecrc_ir_static statics[4];
	static struct ecrc_ir_neighbor nbs[2];
	ifaces[0] = (struct ecrc_ir_iface){.parent = parent1,
	                                   .vlan = 2302,
	                                   .address = {.addr = 0x0AFE2001u, .len = 30}, /* 10.254.32.1/30 */
	                                   .mtu = 1500,
	                                   .description = "to vbr-sz-2 on pc-sz-2",
	                                   .uplink_id = "cpe2-up"};
	ifaces[1] = (struct ecrc_ir_iface){.parent = parent2,
	                                   .vlan = 2303,
	                                   .address = {.addr = 0x0AFE2101u, .len = 30}, /* 10.254.33.1/30 */
	                                   .mtu = 8500,
	                                   .description = "to vbr-sz-3 on pc-sz-3",
	                                   .uplink_id = "cpe2.b"};
	statics[0] = (struct ecrc_ir_static){.prefix = {.addr = 0x0A140000u, .len = 16}};
	statics[1] = (struct ecrc_ir_static){.prefix = {.addr = 0x0A150000u, .len = 16}};
	statics[2] = (struct ecrc_ir_static){.prefix = {.addr = 0xAC140000u, .len = 14}};
	statics[3] = (struct ecrc_ir_static){.prefix = {.addr = 0xAC120000u, .len = 16}, /* 172.18.0.0/16 */
	                                     .has_next_hop = true,
	                                     .next_hop = 0x0AFE2102u};
	nbs[0] = (struct ecrc_ir_neighbor){
	    .address = 0x0AFE2002u, /* 10.254.32.2 */
	    .remote_as = 64800,
	    .description = "vbr-sz-2 pc-sz-2",
	    .iface = 0,
	    .keepalive_s = 30,
	    .hold_s = 90,
	    .timers_default = true,
	    .md5_key = "Sz-Key.2026",
	    .bfd = true,
	    .bfd_min_tx_ms = 300,
	    .bfd_min_rx_ms = 300,
	    .bfd_multiplier = 3,
	    .max_prefixes = 100,
	    .import_policy = "ECRC-IN-cpe2-up",
	    .import_list = {.name = "ECRC-IN-cpe2-up", .entries = sample_in_entries, .n_entries = 3},
	    .export_policy = "ECRC-OUT-cpe2-up",
	    .export_terms = sample_terms0,
	    .n_export_terms = 2,
	};
	nbs[1] = (struct ecrc_ir_neighbor){
	    .address = 0x0AFE2102u, /* 10.254.33.2 */
	    .remote_as = 64800,
	    .description = "vbr-sz-3 pc-sz-3",
	    .iface = 1,
	    .keepalive_s = 10,
	    .hold_s = 30,
	    .max_prefixes = 1000,
	    .import_policy = "ECRC-IN-cpe2.b",
	    .import_list = {.name = "ECRC-IN-cpe2.b"},
	    .export_policy = "ECRC-OUT-cpe2.b",
	    .export_terms = sample_terms1,
	    .n_export_terms = 1,
	};
	struct ecrc_ir_cpe c = {
	    .id = "cpe2",
	    .hostname = "SZ-CPE2",
	    .vendor = vendor,
	    .design_name = "unit-sample",
	    .design_sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	    .asn = 65031,
	    .router_id = 0x0AFF0302u, /* 10.255.3.2 */
	    .ifaces = ifaces,
	    .n_ifaces = 2,
	    .statics = statics,
	    .n_statics = 4,
	    .neighbors = nbs,
	    .n_neighbors = 2,
	    .maximum_paths = 2,
	};
	/* the maximum-prefix recovers as the lowering makes it for this vendor,
	 * on the vendor's default platform */
	const struct ecrc_vendor *v = ecrc_vendor_find(vendor);
	c.platform = v ? ecrc_vendor_platform(v, NULL)->name : NULL;
	for (size_t i = 0; v && i < 2; i++) {
		nbs[i].max_prefix_recovers = true;
		nbs[i].max_prefix_restart_s = v->prefix_restart_unit_s ? ECRC_MAX_PREFIX_RESTART_S : 0;
		nbs[i].max_prefix_warn_pct = v->prefix_warn ? ECRC_MAX_PREFIX_WARN_PCT : 0;
	}
	/* the derived level, as the lowering and the readers fill it in (a
	 * test that edits the interfaces or neighbors calls it again) */
	sample_relink(&c);
	return c;
}

/* Writes text to a new temporary file; returns its malloc'd path. */
static inline char *sample_write_temp(const char *text)
{
	char *path = malloc(64);
	snprintf(path, 64, "/tmp/ecrc-test-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		abort();
	size_t len = strlen(text);
	if (write(fd, text, len) != (ssize_t)len)
		abort();
	close(fd);
	return path;
}

/* Is the real tool there? Without it a test skips, except in CI (CI=true),
 * where the tool is part of the environment and its absence a failure. */
static inline bool sample_have_tool(const char *tool)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
	if (system(cmd) == 0)
		return true;
	const char *ci = getenv("CI");
	if (ci && strcmp(ci, "true") == 0) {
		fprintf(stderr, "CI=true and %s is not installed\n", tool);
		abort();
	}
	fprintf(stderr, "skipped: %s is not installed\n", tool);
	return false;
}

/* Runs "COMMAND FILE" quietly (its output is shown when it fails);
 * returns its exit status. */
static inline int sample_run_on(const char *command, const char *path)
{
	char full[700];
	snprintf(full, sizeof full, "%s %s >%s.out 2>&1", command, path, path);
	int st = system(full);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	snprintf(full, sizeof full, "%s.out", path);
	if (WEXITSTATUS(st) != 0) {
		FILE *f = fopen(full, "r");
		int c;
		while (f && (c = fgetc(f)) != EOF)
			fputc(c, stderr);
		if (f)
			fclose(f);
	}
	unlink(full);
	return WEXITSTATUS(st);
}

static inline char *sample_render(const struct ecrc_vendor *v, const struct ecrc_ir_cpe *cpe)
{
	struct ecrc_buf b = {0};
	assert_int_equal(v->render(cpe, &b), 0);
	return ecrc_buf_take(&b);
}

/* Fails unless text contains the (multi-line) snippet. */
static inline void sample_has(const char *text, const char *snippet)
{
	if (!strstr(text, snippet))
		fail_msg("missing \"%s\" in\n%s", snippet, text);
}

/* Renders, reads back and compares; returns the text (malloc'd). */
static inline char *sample_round_trip(const struct ecrc_vendor *v, const struct ecrc_ir_cpe *cpe)
{
	char *t = sample_render(v, cpe);
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *back;
	char err[256], why[256];
	if (v->read(t, strlen(t), a, &back, err, sizeof err) != 0)
		fail_msg("%s read: %s\n%s", v->name, err, t);
	if (!ecrc_ir_equal(cpe, back, why, sizeof why))
		fail_msg("%s round trip: %s", v->name, why);
	ecrc_arena_free(a);
	return t;
}

/* A copy of text with the first occurrence of from replaced by to. */
static inline char *sample_edit(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	if (!at)
		fail_msg("\"%s\" not found", from);
	struct ecrc_buf b = {0};
	ecrc_buf_putn(&b, text, (size_t)(at - text));
	ecrc_buf_puts(&b, to);
	ecrc_buf_puts(&b, at + strlen(from));
	return ecrc_buf_take(&b);
}

/* The reader refuses text with a "line N: ..." error mentioning what. */
static inline void sample_read_fails(const struct ecrc_vendor *v, const char *text, const char *what)
{
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *back;
	char err[256];
	assert_int_equal(v->read(text, strlen(text), a, &back, err, sizeof err), -1);
	if (!strstr(err, what) || strncmp(err, "line ", 5) != 0)
		fail_msg("error \"%s\" is not \"line N: ...%s...\"", err, what);
	ecrc_arena_free(a);
}

#endif
