/*
 * test_emit_check.c: the emit driver's last check of every rendered line
 * (ecrc_emit_check_text), the defence behind the load-time value checks:
 * every backend's own output passes it, MD5 keys with their punctuation
 * included, and a value that carries a statement separator, a comment
 * character, a quote or a shell character into any backend's output is
 * caught, with the line it is on.
 */
#include "emit/emit.h"
#include "ir_sample.h"

static void test_every_backend_passes(void **state)
{
	(void)state;
	for (size_t i = 0; i < ecrc_vendors_count; i++) {
		const struct ecrc_vendor *v = ecrc_vendors[i];
		struct ecrc_ir_cpe cpe = sample_ir(v->name, "p1", "p2");
		cpe.neighbors[0].md5_key = "Ab+c=d@e%f^g*h,i~j[k]l(m)";
		char *t = sample_render(v, &cpe);
		char why[160] = "";
		size_t bad = ecrc_emit_check_text(v, &cpe, t, strlen(t), why, sizeof why);
		if (bad)
			fail_msg("%s: line %zu: %s", v->name, bad, why);
		/* the redaction placeholder passes too */
		cpe.neighbors[0].md5_key = ECRC_REDACTED_PREFIX "ECRC_MD5_KEY>";
		cpe.neighbors[0].md5_redacted = true;
		free(t);
		t = sample_render(v, &cpe);
		bad = ecrc_emit_check_text(v, &cpe, t, strlen(t), why, sizeof why);
		if (bad)
			fail_msg("%s, redacted: line %zu: %s", v->name, bad, why);
		free(t);
	}
}

/* The line number of the first line of t that contains s. */
static size_t line_of(const char *t, const char *s)
{
	const char *at = strstr(t, s);
	assert_non_null(at);
	size_t no = 1;
	for (const char *p = t; p < at; p++)
		no += *p == '\n';
	return no;
}

static void test_injection_caught(void **state)
{
	(void)state;
	static const char *const evil[] = {"vbr; x", "vbr ! x", "vbr # x", "vbr\" x",
	                                   "vbr$x",  "vbr|x",   "vbr\\x",  "vbr`x`",
	                                   "vbr<x>", "vbr\tx",  "vbr\rx",  "vbr\xc3\xa9"};
	for (size_t i = 0; i < ecrc_vendors_count; i++) {
		const struct ecrc_vendor *v = ecrc_vendors[i];
		for (size_t k = 0; k < sizeof evil / sizeof evil[0]; k++) {
			struct ecrc_ir_cpe cpe = sample_ir(v->name, "p1", "p2");
			cpe.neighbors[1].description = evil[k];
			char *t = sample_render(v, &cpe);
			char why[160] = "";
			size_t bad = ecrc_emit_check_text(v, &cpe, t, strlen(t), why, sizeof why);
			if (!bad)
				fail_msg("%s: description '%s' passed the check", v->name, evil[k]);
			assert_int_equal(bad, line_of(t, evil[k]));
			free(t);
		}
	}
}

static void test_comment_character_only_first(void **state)
{
	(void)state;
	const struct ecrc_vendor *v = &ecrc_vendor_cisco_iosxe;
	struct ecrc_ir_cpe cpe = sample_ir(v->name, "p1", "p2");
	char why[160];
	const char ok[] = "! a comment may say anything printable: ; { } \" # (!)\n !\nhostname x\n";
	assert_int_equal(ecrc_emit_check_text(v, &cpe, ok, strlen(ok), why, sizeof why), 0);
	const char bad[] = "hostname x\nhostname x ! y\n";
	assert_int_equal(ecrc_emit_check_text(v, &cpe, bad, strlen(bad), why, sizeof why), 2);
	assert_non_null(strstr(why, "comment character"));
	const char amp[] = "! a & b\n";
	assert_int_equal(ecrc_emit_check_text(v, &cpe, amp, strlen(amp), why, sizeof why), 1);
}

/* Every file opens with how to apply it safely on its platform (vendors.md
 * point 8): the load command and the confirm/rollback step. */
static void test_apply_procedure(void **state)
{
	(void)state;
	static const struct {
		const char *vendor, *platform, *phrase;
	} want[] = {
	    {"cisco-iosxe", NULL, "! enter 'configure terminal revert timer 10' and paste this file"},
	    {"juniper-junos", "mx",
	     "# 'load merge FILE', 'show | compare', 'commit check', then 'commit confirmed 10'."},
	    {"juniper-junos", "srx",
	     "# host-inbound-traffic admits BGP and BFD; the zone's transit policies are yours."},
	    {"huawei-vrp", "v8",
	     "# takes effect until its last command, 'commit trial 600', which applies it for"},
	    {"huawei-vrp", "v5",
	     "# rollback point first ('save ecrc-before.cfg'), then 'system-view' and paste"},
	    {"h3c-comware", NULL,
	     "# How to apply (Comware 7): 'system-view', 'configuration commit delay 10', then"},
	    {"arista-eos", NULL,
	     "! diffs', then 'commit timer 00:10:00'. Check 'show ip bgp summary' and 'show bfd"},
	    {"frr", NULL, "! running daemons. Check 'show bgp summary' and 'show bfd peers', then 'write"},
	    {"bird", NULL, "# 'birdc configure \"FILE\" timeout 600'. Check 'birdc show protocols', then"},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct ecrc_vendor *v = ecrc_vendor_find(want[i].vendor);
		assert_non_null(v);
		struct ecrc_ir_cpe cpe = sample_ir(v->name, "p1", "p2");
		if (want[i].platform)
			cpe.platform = want[i].platform;
		char *t = sample_render(v, &cpe);
		const char *body = strstr(t, "How to apply");
		if (!body || !strstr(t, want[i].phrase))
			fail_msg("%s %s: no apply procedure line '%s' in:\n%s", v->name,
			         want[i].platform ? want[i].platform : "", want[i].phrase, t);
		free(t);
	}
}

/* The standby of an active-standby data center lowers LOCAL_PREF on what
 * it accepts from the cloud (vendors.md point 9), on every vendor, and the
 * reader reads it back. */
static void test_standby_local_pref(void **state)
{
	(void)state;
	static const struct {
		const char *vendor, *line;
	} want[] = {
	    {"cisco-iosxe", "\n set local-preference 50\n"},
	    {"juniper-junos", "\n                local-preference 50;\n"},
	    {"huawei-vrp", "\n apply local-preference 50\n"},
	    {"h3c-comware", "\n apply local-preference 50\n"},
	    {"arista-eos", "\n   set local-preference 50\n"},
	    {"frr", "\n set local-preference 50\n"},
	    {"bird", "\n\t\tbgp_local_pref = 50;\n"},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct ecrc_vendor *v = ecrc_vendor_find(want[i].vendor);
		assert_non_null(v);
		struct ecrc_ir_cpe cpe = sample_ir(v->name, "p1", "p2");
		cpe.neighbors[0].import_local_pref = ECRC_STANDBY_LOCAL_PREF;
		char *t = sample_render(v, &cpe);
		if (!strstr(t, want[i].line))
			fail_msg("%s: no standby local-preference line '%s' in:\n%s", v->name, want[i].line,
			         t);
		struct ecrc_arena *a = ecrc_arena_new();
		struct ecrc_ir_cpe *back = NULL;
		char err[256] = "";
		if (v->read(t, strlen(t), a, &back, err, sizeof err) != 0)
			fail_msg("%s: read: %s", v->name, err);
		assert_int_equal(back->neighbors[0].import_local_pref, ECRC_STANDBY_LOCAL_PREF);
		assert_int_equal(back->neighbors[1].import_local_pref, 0);
		ecrc_arena_free(a);
		free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_backend_passes),         cmocka_unit_test(test_injection_caught),
	    cmocka_unit_test(test_comment_character_only_first), cmocka_unit_test(test_apply_procedure),
	    cmocka_unit_test(test_standby_local_pref),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
