/*
 * test_emit_roundtrip.c: for every fixture design, every CPE and every
 * vendor of the registry: lower -> render -> read back -> the same IR
 * (ecrc_ir_equal), with the MD5 keys present and redacted. This is what
 * lets verify check a config a person edited (OpenBGPD's config regress:
 * parse, print, parse again, compare).
 */
#include <dirent.h>
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

static const char *env_key(const char *name)
{
	(void)name;
	return "RoundTrip-Key.7";
}

/* Every mismatch is reported, then the test fails once. */
static size_t failures;

static void round_trip_design(const char *path, bool redact, size_t *checked)
{
	struct ecrc_diags diags;
	bool fatal = false;
	ecrc_diags_init(&diags);
	struct ecrc_design *d = ecrc_load_file(path, &diags, &fatal);
	assert_non_null(d);
	assert_true(ecrc_design_intact(&diags));
	ecrc_sha256(d->source, d->source_len, d->sha256);
	const struct ecrc_facts *facts = ecrc_facts_build(d);
	for (size_t v = 0; v < ecrc_vendors_count; v++) {
		const struct ecrc_vendor *vendor = ecrc_vendors[v];
		struct ecrc_lower_options opt = {.getenv_fn = env_key,
		                                 .vendor_override = vendor->name,
		                                 .redact_secrets = redact,
		                                 .facts = facts};
		for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
			for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next) {
				struct ecrc_arena *a = ecrc_arena_new();
				struct ecrc_ir_cpe *ir = ecrc_lower_cpe(d, c, &opt, a, &diags);
				if (!ir)
					fail_msg("%s: lowering %s for %s failed: %s", path, c->id,
					         vendor->name, diags.n ? diags.v[diags.n - 1].message : "?");
				struct ecrc_buf b = {0};
				assert_int_equal(vendor->render(ir, &b), 0);
				struct ecrc_ir_cpe *back = NULL;
				char err[256], why[256];
				const char *base = strrchr(path, '/') + 1;
				if (vendor->read(b.p, b.len, a, &back, err, sizeof err) != 0) {
					fprintf(stderr, "%s %s %s%s: read: %s\n", base, c->id, vendor->name,
					        redact ? " (redacted)" : "", err);
					failures++;
				} else if (!ecrc_ir_equal(ir, back, why, sizeof why)) {
					fprintf(stderr, "%s %s %s%s: round trip: %s\n", base, c->id,
					        vendor->name, redact ? " (redacted)" : "", why);
					failures++;
				}
				ecrc_buf_free(&b);
				ecrc_arena_free(a);
				(*checked)++;
			}
	}
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
}

static void run(bool redact)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/fixtures/designs", ECRC_SOURCE_DIR);
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	size_t designs = 0, checked = 0;
	failures = 0;
	for (struct dirent *e; (e = readdir(dp));) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0)
			continue;
		char path[2048];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		round_trip_design(path, redact, &checked);
		designs++;
	}
	closedir(dp);
	if (failures)
		fail_msg("%zu of %zu round trips failed", failures, checked);
	assert_true(designs >= 4);
	assert_true(checked >= designs * ecrc_vendors_count);
}

static void test_round_trip_all(void **state)
{
	(void)state;
	run(false);
}

static void test_round_trip_redacted(void **state)
{
	(void)state;
	run(true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip_all),
	    cmocka_unit_test(test_round_trip_redacted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
