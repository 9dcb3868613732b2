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
	static const char *const evil[] = {"vbr; x", "vbr ! x", "vbr # x", "vbr\" x", "vbr$x", "vbr|x",
					   "vbr\\x", "vbr`x`", "vbr<x>", "vbr\tx", "vbr\rx", "vbr\xc3\xa9"};
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_backend_passes),
	    cmocka_unit_test(test_injection_caught),
	    cmocka_unit_test(test_comment_character_only_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
