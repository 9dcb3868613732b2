/*
 * test_rule_fixtures.c: the rule catalog against its fixtures and pages.
 * Every XML file under fixtures/rules/<id>/ declares the findings it expects in a
 * comment `<!-- ecrc-expect: RULE@LINE ... -->` (or `none`); the design is
 * linted with every rule and the multiset of (rule, line) must be exactly
 * that. Every rule in the table must have a page and a bad and a good
 * fixture; every page and fixture directory must name a rule.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "lint/lint.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct ecrc_buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ecrc_buf_putn(&b, chunk, n);
	fclose(f);
	return ecrc_buf_take(&b);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted names in dir (files or directories), NULL-terminated. */
static char **list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	*n = 0;
	if (!d)
		return ecrc_xcalloc(1, sizeof(char *));
	size_t cap = 16;
	char **v = ecrc_xcalloc(cap, sizeof *v);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (*n + 1 >= cap) {
			cap *= 2;
			v = ecrc_xrealloc(v, cap * sizeof *v);
		}
		v[(*n)++] = ecrc_xstrdup(e->d_name);
	}
	closedir(d);
	v[*n] = NULL;
	qsort(v, *n, sizeof *v, cmp_str);
	return v;
}

static void free_list(char **v)
{
	for (size_t i = 0; v[i]; i++)
		free(v[i]);
	free(v);
}

static bool ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcmp(s + a - b, suf) == 0;
}

static const char *srcdir(void)
{
	const char *s = getenv("ECRC_SOURCE_DIR");
	return s ? s : ECRC_SOURCE_DIR;
}

/* "rule@line" strings, sorted. Returns false when the comment is missing
 * or malformed. */
static bool parse_expect(const char *text, char ***out, size_t *n)
{
	const char *c = strstr(text, "<!-- ecrc-expect:");
	*n = 0;
	*out = ecrc_xcalloc(1, sizeof(char *));
	if (!c)
		return false;
	c += strlen("<!-- ecrc-expect:");
	const char *end = strstr(c, "-->");
	if (!end)
		return false;
	char *body = ecrc_xmalloc((size_t)(end - c) + 1);
	memcpy(body, c, (size_t)(end - c));
	body[end - c] = '\0';
	size_t cap = 1;
	for (char *tok = strtok(body, " \t\r\n"); tok; tok = strtok(NULL, " \t\r\n")) {
		if (strcmp(tok, "none") == 0)
			continue;
		if (!strchr(tok, '@')) {
			free(body);
			return false;
		}
		if (*n + 1 >= cap) {
			cap = cap * 2 + 2;
			*out = ecrc_xrealloc(*out, cap * sizeof **out);
		}
		(*out)[(*n)++] = ecrc_xstrdup(tok);
	}
	(*out)[*n] = NULL;
	free(body);
	qsort(*out, *n, sizeof **out, cmp_str);
	return true;
}

static void test_fixtures_match_expectations(void **state)
{
	(void)state;
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/fixtures/rules", srcdir());
	size_t nrules;
	char **rules = list_dir(dir, &nrules);
	size_t failures = 0, checked = 0;
	for (size_t r = 0; r < nrules; r++) {
		char sub[4600];
		snprintf(sub, sizeof sub, "%s/%s", dir, rules[r]);
		size_t nfiles;
		char **files = list_dir(sub, &nfiles);
		for (size_t f = 0; f < nfiles; f++) {
			if (!ends_with(files[f], ".xml"))
				continue;
			char path[5200];
			snprintf(path, sizeof path, "%s/%s", sub, files[f]);
			char *text = slurp(path);
			char **want = NULL;
			size_t nwant;
			if (!text || !parse_expect(text, &want, &nwant)) {
				fprintf(stderr, "FAIL %s: no <!-- ecrc-expect: ... --> comment\n", path);
				failures++;
				free(text);
				if (want)
					free_list(want);
				continue;
			}
			struct ecrc_diags diags;
			ecrc_diags_init(&diags);
			bool fatal;
			struct ecrc_design *d = ecrc_load_file(path, &diags, &fatal);
			if (d && ecrc_design_intact(&diags))
				ecrc_lint_design(d, NULL, &diags);
			ecrc_diags_sort(&diags);
			char **got = ecrc_xcalloc(diags.n + 1, sizeof *got);
			for (size_t i = 0; i < diags.n; i++) {
				char buf[256];
				snprintf(buf, sizeof buf, "%s@%u", diags.v[i].rule, diags.v[i].loc.line);
				got[i] = ecrc_xstrdup(buf);
			}
			qsort(got, diags.n, sizeof *got, cmp_str);
			bool same = diags.n == nwant;
			for (size_t i = 0; same && i < nwant; i++)
				same = strcmp(got[i], want[i]) == 0;
			if (!same) {
				failures++;
				fprintf(stderr, "FAIL %s\n  expected:", path);
				for (size_t i = 0; i < nwant; i++)
					fprintf(stderr, " %s", want[i]);
				fprintf(stderr, "\n  got:     ");
				for (size_t i = 0; i < diags.n; i++)
					fprintf(stderr, " %s", got[i]);
				fprintf(stderr, "\n");
				for (size_t i = 0; i < diags.n; i++)
					fprintf(stderr, "    %s:%u:%u: %s [%s]\n", files[f],
					        diags.v[i].loc.line, diags.v[i].loc.col, diags.v[i].message,
					        diags.v[i].rule);
			}
			/* a bad fixture must expect its own rule; a good one nothing of it */
			bool names_own = false;
			for (size_t i = 0; i < nwant; i++)
				if (strncmp(want[i], rules[r], strlen(rules[r])) == 0 &&
				    want[i][strlen(rules[r])] == '@')
					names_own = true;
			if (strncmp(files[f], "bad-", 4) == 0 && !names_own) {
				fprintf(stderr, "FAIL %s: a bad fixture must expect a %s finding\n", path,
				        rules[r]);
				failures++;
			}
			if (strncmp(files[f], "good-", 5) == 0 && names_own) {
				fprintf(stderr, "FAIL %s: a good fixture must not expect a %s finding\n",
				        path, rules[r]);
				failures++;
			}
			checked++;
			free_list(got);
			free_list(want);
			ecrc_design_free(d);
			ecrc_diags_free(&diags);
			free(text);
		}
		free_list(files);
	}
	free_list(rules);
	fprintf(stderr, "%zu fixtures checked, %zu failed\n", checked, failures);
	assert_true(checked > 0);
	assert_int_equal(failures, 0);
}

static void test_every_rule_has_page_and_fixtures(void **state)
{
	(void)state;
	size_t failures = 0;
	for (size_t i = 0; i < ecrc_rules_count; i++) {
		const char *id = ecrc_rules[i]->id;
		if (!ecrc_rule_doc(id)) {
			fprintf(stderr, "FAIL rule %s has no page docs/rules/%s.md\n", id, id);
			failures++;
		}
		char sub[4200];
		snprintf(sub, sizeof sub, "%s/fixtures/rules/%s", srcdir(), id);
		size_t n;
		char **files = list_dir(sub, &n);
		bool bad = false, good = false;
		/* a lint rule's fixtures are designs; a check rule's (drift-*) are
		 * running configs, run by tests/check/test_check_corpus.sh */
		bool any = ecrc_rules[i]->command != NULL;
		for (size_t f = 0; f < n; f++) {
			bad |= strncmp(files[f], "bad-", 4) == 0 && (any || ends_with(files[f], ".xml"));
			good |= strncmp(files[f], "good-", 5) == 0 && (any || ends_with(files[f], ".xml"));
		}
		free_list(files);
		if (!bad || !good) {
			fprintf(stderr, "FAIL rule %s lacks a %s fixture in fixtures/rules/%s/\n", id,
			        !bad ? "bad-*.xml" : "good-*.xml", id);
			failures++;
		}
		if (!ecrc_rules[i]->summary || !*ecrc_rules[i]->summary) {
			fprintf(stderr, "FAIL rule %s has no summary\n", id);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void test_every_page_and_fixture_dir_names_a_rule(void **state)
{
	(void)state;
	size_t failures = 0;
	char dir[4200];
	snprintf(dir, sizeof dir, "%s/docs/rules", srcdir());
	size_t n;
	char **pages = list_dir(dir, &n);
	for (size_t i = 0; i < n; i++) {
		if (!ends_with(pages[i], ".md"))
			continue;
		pages[i][strlen(pages[i]) - 3] = '\0';
		if (!ecrc_rule_find(pages[i])) {
			fprintf(stderr, "FAIL docs/rules/%s.md names no rule\n", pages[i]);
			failures++;
		}
	}
	free_list(pages);
	snprintf(dir, sizeof dir, "%s/fixtures/rules", srcdir());
	char **dirs = list_dir(dir, &n);
	for (size_t i = 0; i < n; i++) {
		if (!ecrc_rule_find(dirs[i])) {
			fprintf(stderr, "FAIL fixtures/rules/%s names no rule\n", dirs[i]);
			failures++;
		}
	}
	free_list(dirs);
	assert_int_equal(failures, 0);
}

static void test_table_is_sorted_and_unique(void **state)
{
	(void)state;
	assert_true(ecrc_rules_count > 0);
	for (size_t i = 1; i < ecrc_rules_count; i++)
		assert_true(strcmp(ecrc_rules[i - 1]->id, ecrc_rules[i]->id) < 0);
	assert_null(ecrc_rules[ecrc_rules_count]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table_is_sorted_and_unique),
	    cmocka_unit_test(test_every_rule_has_page_and_fixtures),
	    cmocka_unit_test(test_every_page_and_fixture_dir_names_a_rule),
	    cmocka_unit_test(test_fixtures_match_expectations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
