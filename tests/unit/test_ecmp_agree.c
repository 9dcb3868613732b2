/*
 * test_ecmp_agree.c: lint's ecmp-* rules and verify's engine agree on
 * every fixture. For each active-active ECMP group (lint's facts: a data
 * center's uplinks whose VBRs associate with one ECR) whose sessions all
 * come up in verify, in a design with no lint error but the ECMP rules'
 * (another error, such as a CPE using the ECR's ASN, breaks ECMP for its
 * own reason), and each prefix every member advertises: lint reports
 * an error of ecmp-as-path-length or ecmp-attribute-mismatch at one of the
 * members' routes exactly when verify's ECR holds the prefix over fewer
 * VBRs than the group has (ECMP does not form). Both follow Alibaba's
 * ECMP guide: equal AS_PATH length, ORIGIN and MED (docs/engine.md, A3).
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
	size_t designs, skipped, prefixes, no_ecmp;
	bool saw_med;
};

static bool established(const struct ecrc_verify_report *rp, const char *uplink)
{
	for (size_t i = 0; i < rp->n_sessions; i++)
		if (strcmp(rp->sessions[i].uplink_id, uplink) == 0)
			return rp->sessions[i].established;
	return false;
}

/* An error of the ECMP attribute rules pointing at this route. */
static bool lint_error_at(const struct ecrc_diags *diags, const struct ecrc_route *r)
{
	for (size_t i = 0; i < diags->n; i++) {
		const struct ecrc_finding *f = &diags->v[i];
		if (f->severity == ECRC_SEV_ERROR && f->node == r->at &&
		    (strcmp(f->rule, "ecmp-as-path-length") == 0 ||
		     strcmp(f->rule, "ecmp-attribute-mismatch") == 0))
			return true;
	}
	return false;
}

static void check_group(const char *path, const struct ecrc_ecmp_group *g, const struct ecrc_diags *diags,
                        struct ecrc_verify_report *rp, struct tally *t)
{
	if (g->n_members < 2 || !g->ecr)
		return;
	for (size_t i = 0; i < g->n_members; i++)
		if (!g->members[i]->has_bgp_session || !established(rp, g->members[i]->uplink->id))
			return;
	for (size_t k = 0; k < g->n_prefixes; k++) {
		struct ecrc_ipnet p = g->prefixes[k];
		bool lint_says_no = false, all = true;
		for (size_t i = 0; i < g->n_members && all; i++) {
			const struct ecrc_route *r = ecrc_uplink_route(g->members[i], p);
			if (!r)
				all = false;
			else
				lint_says_no |= lint_error_at(diags, r);
		}
		if (!all)
			continue; /* ecmp-prefix-mismatch's business */
		struct ecrc_engine_route er;
		assert_true(ecrc_engine_route(rp->engine, g->ecr->id, p, false, &er));
		size_t width = er.present ? er.n_next_hops : 0;
		char net[19];
		print_message("%s %s %s: lint %s, verify %zu of %zu paths\n", path, g->ecr->id,
		              ecrc_fmt_ipnet(p, net), lint_says_no ? "error" : "ok", width, g->n_members);
		assert_true(width >= 1);
		/* agree: lint's error exactly where the ECR does not balance */
		assert_int_equal(lint_says_no, width < g->n_members);
		t->prefixes++;
		t->no_ecmp += lint_says_no;
		if (lint_says_no && strstr(path, "/bad-med-only.xml"))
			t->saw_med = true;
	}
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
	ecrc_lint_design(d, &(struct ecrc_lint_options){0}, &diags);
	for (size_t i = 0; i < diags.n; i++)
		if (diags.v[i].severity == ECRC_SEV_ERROR && strncmp(diags.v[i].rule, "ecmp-", 5) != 0) {
			t->skipped++;
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
	struct ecrc_verify_options vo = {.seed = 1};
	if (vm && ecrc_verify_run(d, vm, &vo, &rp, err, sizeof(err)) == 0) {
		t->designs++;
		for (size_t i = 0; i < facts->n_dcs; i++) {
			const struct ecrc_dc_facts *df = &facts->dcs[i];
			if (df->dc->redundancy != ECRC_ACTIVE_ACTIVE)
				continue;
			for (size_t k = 0; k < df->n_groups; k++)
				check_group(path, &df->groups[k], &diags, &rp, t);
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
	print_message(
	    "%zu designs (%zu with other lint errors skipped), %zu ECMP group prefixes, %zu without ECMP\n",
	    t.designs, t.skipped, t.prefixes, t.no_ecmp);
	assert_true(t.designs >= 50);
	assert_true(t.prefixes >= 50);
	assert_true(t.no_ecmp >= 3); /* as-path-length twice, origin, MED */
	assert_true(t.saw_med);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_fixture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
