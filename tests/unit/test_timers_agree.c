/*
 * test_timers_agree.c: lint and verify say the same about every session's
 * timers. For every design under fixtures/ that loads and compiles, the
 * negotiated hold time, each side's keepalive and each side's BFD transmit
 * interval and detection time in lint's facts equal what verify's report
 * (verify/: ecrc_verify_run) says about that session (both use
 * common/timers.c). The keepalive-0 design is checked by name: lint's
 * keepalive 0, verify's keepalive 0, and verify's session losing its hold
 * timer (a failed session-stable check) as lint's bgp-timers warns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture_walk.h"

#include "lint/lint.h"
#include "verify/verify.h"

struct tally {
	size_t designs, sessions, bfd_sessions;
	bool saw_keepalive_zero;
};

static const struct ecrc_uplink_facts *uplink_facts(const struct ecrc_facts *f, const char *id)
{
	for (size_t i = 0; i < f->n_uplinks; i++)
		if (strcmp(f->uplinks[i].uplink->id, id) == 0)
			return &f->uplinks[i];
	return NULL;
}

static void check_design(const char *path, struct tally *t)
{
	struct ecrc_diags diags;
	bool fatal = false;
	ecrc_diags_init(&diags);
	struct ecrc_design *d = ecrc_load_file(path, &diags, &fatal);
	if (!d || fatal || !ecrc_design_intact(&diags)) {
		if (d)
			ecrc_design_free(d);
		ecrc_diags_free(&diags);
		return;
	}
	const struct ecrc_facts *facts = ecrc_facts_build(d);
	struct ecrc_diags lower;
	ecrc_diags_init(&lower);
	struct ecrc_verify_model *vm =
	    ecrc_verify_model_new(d, &(struct ecrc_verify_model_options){.facts = facts}, &lower);
	char err[256] = "";
	struct ecrc_verify_report rp = {0};
	struct ecrc_verify_options vo = {.seed = 1, .all_checks = true};
	if (vm && ecrc_verify_run(d, vm, &vo, &rp, err, sizeof(err)) == 0) {
		t->designs++;
		for (size_t i = 0; i < rp.n_sessions; i++) {
			const struct ecrc_engine_session_info s = rp.sessions[i];
			const struct ecrc_uplink_facts *uf = uplink_facts(facts, s.uplink_id);
			if (!uf || !uf->has_bgp_session || !s.vbr_id)
				continue;
			t->sessions++;
			print_message("%s %s: lint hold %u keepalive %u/%u, verify hold %u keepalive %u/%u\n",
			              path, s.uplink_id, uf->bgp.hold_s, uf->bgp.cpe_keepalive_s,
			              uf->bgp.vbr_keepalive_s, s.hold_s, s.cpe_keepalive_s,
			              s.vbr_keepalive_s);
			assert_int_equal(uf->bgp.hold_s, s.hold_s);
			assert_int_equal(uf->bgp.cpe_keepalive_s, s.cpe_keepalive_s);
			assert_int_equal(uf->bgp.vbr_keepalive_s, s.vbr_keepalive_s);
			assert_int_equal(uf->bfd.on_both, s.bfd_cpe && s.bfd_vbr);
			if (uf->bfd.on_both) {
				t->bfd_sessions++;
				assert_int_equal(uf->bfd.cpe_tx_ms, s.cpe_tx_ms);
				assert_int_equal(uf->bfd.vbr_tx_ms, s.vbr_tx_ms);
				assert_int_equal(uf->bfd.cpe_detect_ms, s.cpe_detect_ms);
				assert_int_equal(uf->bfd.vbr_detect_ms, s.vbr_detect_ms);
			}
			if (strstr(path, "/keepalive-zero.xml") && strcmp(s.uplink_id, "cpe1-up") == 0) {
				/* lint: "keepalive 0 sends no keepalives, so the
				 * peer's hold timer expires"; verify: keepalive 0,
				 * and the VBR's hold timer ends the session */
				t->saw_keepalive_zero = true;
				assert_int_equal(s.cpe_keepalive_s, 0);
				assert_true(s.bgp_flaps > 0);
				assert_non_null(s.flap_reason);
				assert_non_null(strstr(
				    s.flap_reason, "hold timer expired on vbr-1: cpe1 sends no KEEPALIVEs"));
				bool failed = false;
				for (size_t k = 0; k < rp.checks.n; k++)
					failed |= strcmp(rp.checks.v[k].check, "session-stable") == 0 &&
					          strcmp(rp.checks.v[k].subject, "cpe1-up") == 0 &&
					          !rp.checks.v[k].ok;
				assert_true(failed);
			}
		}
	}
	ecrc_verify_report_free(&rp);
	ecrc_verify_model_free(vm);
	ecrc_diags_free(&lower);
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
}

static void check_one(const char *path, void *ctx)
{
	check_design(path, ctx);
}

static void test_every_fixture(void **state)
{
	(void)state;
	struct tally t = {0};
	fixture_walk(ECRC_SOURCE_DIR "/fixtures", check_one, &t);
	print_message("%zu designs, %zu sessions, %zu with BFD on both sides\n", t.designs, t.sessions,
	              t.bfd_sessions);
	/* the walk really covered the fixtures */
	assert_true(t.designs >= 50);
	assert_true(t.sessions >= 100);
	assert_true(t.bfd_sessions >= 50);
	assert_true(t.saw_keepalive_zero);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_fixture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
