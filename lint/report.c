/*
 * report.c: the lint report in the four formats of cli.md: GCC-style text
 * (color only when asked), JSON and SARIF 2.1.0 (built with jansson, never
 * by hand-escaping), and JUnit XML (built with libxml2's xmlTextWriter).
 * Input is already sorted; output is deterministic.
 */
#include <string.h>

#include <jansson.h>
#include <libxml/xmlwriter.h>

#include "lint/lint.h"

bool ecrc_parse_format(const char *s, enum ecrc_format *out)
{
	static const char *const names[] = {"text", "json", "sarif", "junit"};
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum ecrc_format)i;
			return true;
		}
	return false;
}

/* ---- text ------------------------------------------------------------------ */

#define BOLD "\033[1m"
#define RESET "\033[0m"

static const char *sev_color(enum ecrc_severity s)
{
	switch (s) {
	case ECRC_SEV_ERROR:
		return "\033[1;31m";
	case ECRC_SEV_WARNING:
		return "\033[1;35m";
	case ECRC_SEV_NOTE:
		return "\033[1;36m";
	}
	return "";
}

static void text_loc(FILE *out, struct ecrc_loc loc, bool color)
{
	if (color)
		fputs(BOLD, out);
	if (loc.line)
		fprintf(out, "%s:%u:%u:", loc.file, loc.line, loc.col);
	else
		fprintf(out, "%s:", loc.file);
	if (color)
		fputs(RESET, out);
}

static void write_text(FILE *out, const struct ecrc_report_design *designs, size_t n,
                       const struct ecrc_report_options *opt)
{
	for (size_t i = 0; i < n; i++) {
		const struct ecrc_diags *d = designs[i].diags;
		for (size_t k = 0; k < d->n; k++) {
			const struct ecrc_finding *f = &d->v[k];
			text_loc(out, f->loc, opt->color);
			if (opt->color)
				fprintf(out, " %s%s:%s %s", sev_color(f->severity),
				        ecrc_severity_name(f->severity), RESET, f->message);
			else
				fprintf(out, " %s: %s", ecrc_severity_name(f->severity), f->message);
			if (strcmp(f->rule, "input") != 0)
				fprintf(out, " [%s]", f->rule);
			fputc('\n', out);
			for (size_t j = 0; j < f->n_notes; j++) {
				text_loc(out, f->notes[j].loc, opt->color);
				if (opt->color)
					fprintf(out, " %snote:%s %s\n", sev_color(ECRC_SEV_NOTE), RESET,
					        f->notes[j].message);
				else
					fprintf(out, " note: %s\n", f->notes[j].message);
			}
		}
	}
}

/* ---- JSON ------------------------------------------------------------------ */

static json_t *jstr(const char *s)
{
	json_t *j = json_string(s ? s : "");
	if (!j) /* not UTF-8: cannot happen for loaded designs, but be safe */
		j = json_string("(invalid UTF-8)");
	return j;
}

static json_t *json_finding(const struct ecrc_finding *f)
{
	json_t *jf = json_object();
	json_object_set_new(jf, "rule", jstr(f->rule));
	json_object_set_new(jf, "severity", jstr(ecrc_severity_name(f->severity)));
	json_object_set_new(jf, "file", jstr(f->loc.file));
	json_object_set_new(jf, "line", json_integer(f->loc.line));
	json_object_set_new(jf, "column", json_integer(f->loc.col));
	json_object_set_new(jf, "message", jstr(f->message));
	json_t *notes = json_array();
	for (size_t j = 0; j < f->n_notes; j++) {
		json_t *jn = json_object();
		json_object_set_new(jn, "file", jstr(f->notes[j].loc.file));
		json_object_set_new(jn, "line", json_integer(f->notes[j].loc.line));
		json_object_set_new(jn, "column", json_integer(f->notes[j].loc.col));
		json_object_set_new(jn, "message", jstr(f->notes[j].message));
		json_array_append_new(notes, jn);
	}
	json_object_set_new(jf, "notes", notes);
	return jf;
}

static json_t *build_json(const struct ecrc_report_design *designs, size_t n)
{
	json_t *root = json_object();
	json_object_set_new(root, "version", json_integer(1));
	json_t *jd = json_array();
	size_t e = 0, w = 0, no = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *one = json_object();
		json_object_set_new(one, "file", jstr(designs[i].file));
		json_t *fs = json_array();
		for (size_t k = 0; k < designs[i].diags->n; k++)
			json_array_append_new(fs, json_finding(&designs[i].diags->v[k]));
		json_object_set_new(one, "findings", fs);
		/* silenced findings, with what silenced them and why; never counted */
		json_t *sup = json_array();
		for (size_t k = 0; k < designs[i].diags->n_suppressed; k++) {
			const struct ecrc_finding *f = &designs[i].diags->suppressed[k];
			json_t *jf = json_finding(f);
			json_t *js = json_object();
			json_object_set_new(js, "kind", jstr(f->suppression.how));
			json_object_set_new(
			    js, "reason", f->suppression.reason ? jstr(f->suppression.reason) : json_null());
			json_object_set_new(js, "file", jstr(f->suppression.loc.file));
			json_object_set_new(js, "line", json_integer(f->suppression.loc.line));
			json_object_set_new(js, "column", json_integer(f->suppression.loc.col));
			json_object_set_new(jf, "suppression", js);
			json_array_append_new(sup, jf);
		}
		json_object_set_new(one, "suppressed", sup);
		json_array_append_new(jd, one);
		size_t a, b, c;
		ecrc_diags_count(designs[i].diags, &a, &b, &c);
		e += a;
		w += b;
		no += c;
	}
	json_object_set_new(root, "designs", jd);
	json_t *sum = json_object();
	json_object_set_new(sum, "errors", json_integer((json_int_t)e));
	json_object_set_new(sum, "warnings", json_integer((json_int_t)w));
	json_object_set_new(sum, "notes", json_integer((json_int_t)no));
	json_object_set_new(root, "summary", sum);
	return root;
}

/* ---- SARIF 2.1.0 ------------------------------------------------------------- */

static const char *sarif_level(enum ecrc_severity s)
{
	return s == ECRC_SEV_ERROR ? "error" : s == ECRC_SEV_WARNING ? "warning" : "note";
}

/* The body of section "## title" of a rule page, trimmed, or NULL. */
static char *page_section(const char *page, const char *title)
{
	if (!page)
		return NULL;
	char head[96];
	snprintf(head, sizeof head, "\n## %s", title);
	const char *s = strstr(page, head);
	if (!s)
		return NULL;
	s = strchr(s + 1, '\n');
	if (!s)
		return NULL;
	const char *e = strstr(s, "\n## ");
	size_t n = e ? (size_t)(e - s) : strlen(s);
	while (n && (*s == '\n' || *s == ' ')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	char *out = ecrc_xmalloc(n + 1);
	memcpy(out, s, n);
	out[n] = '\0';
	/* one paragraph of plain text: fold newlines */
	for (char *c = out; *c; c++)
		if (*c == '\n')
			*c = ' ';
	return out;
}

static json_t *sarif_location(struct ecrc_loc loc)
{
	json_t *pl = json_object();
	json_t *al = json_object();
	json_object_set_new(al, "uri", jstr(loc.file));
	json_object_set_new(pl, "artifactLocation", al);
	if (loc.line) {
		json_t *region = json_object();
		json_object_set_new(region, "startLine", json_integer(loc.line));
		json_object_set_new(region, "startColumn", json_integer(loc.col ? loc.col : 1));
		json_object_set_new(pl, "region", region);
	}
	json_t *l = json_object();
	json_object_set_new(l, "physicalLocation", pl);
	return l;
}

/* One SARIF result; a suppressed finding carries `suppressions` (SARIF
 * 2.1.0 section 3.27.23), which GitHub code scanning shows as dismissed. */
static json_t *sarif_result(const struct ecrc_finding *f)
{
	json_t *res = json_object();
	json_object_set_new(res, "ruleId", jstr(f->rule));
	for (size_t r = 0; r < ecrc_rules_count; r++)
		if (strcmp(ecrc_rules[r]->id, f->rule) == 0)
			json_object_set_new(res, "ruleIndex", json_integer((json_int_t)r));
	json_object_set_new(res, "level", jstr(sarif_level(f->severity)));
	json_t *m = json_object();
	json_object_set_new(m, "text", jstr(f->message));
	json_object_set_new(res, "message", m);
	json_t *locs = json_array();
	json_array_append_new(locs, sarif_location(f->loc));
	json_object_set_new(res, "locations", locs);
	if (f->n_notes) {
		json_t *rel = json_array();
		for (size_t j = 0; j < f->n_notes; j++) {
			json_t *rl = sarif_location(f->notes[j].loc);
			json_object_set_new(rl, "id", json_integer((json_int_t)j + 1));
			json_t *nm = json_object();
			json_object_set_new(nm, "text", jstr(f->notes[j].message));
			json_object_set_new(rl, "message", nm);
			json_array_append_new(rel, rl);
		}
		json_object_set_new(res, "relatedLocations", rel);
	}
	/* stable across edits that only move lines: rule, file, message */
	struct ecrc_buf key = {0};
	ecrc_buf_printf(&key, "%s\n%s\n%s", f->rule, f->loc.file, f->message);
	unsigned char dg[32];
	char hex[65];
	ecrc_sha256(key.p, key.len, dg);
	ecrc_sha256_hex(dg, hex);
	ecrc_buf_free(&key);
	json_t *fp = json_object();
	json_object_set_new(fp, "ecrcFindingHash/v1", jstr(hex));
	json_object_set_new(res, "partialFingerprints", fp);
	if (f->suppression.how) {
		json_t *sp = json_object();
		json_object_set_new(sp, "kind", jstr("inSource"));
		json_object_set_new(sp, "status", jstr("accepted"));
		if (f->suppression.reason && *f->suppression.reason)
			json_object_set_new(sp, "justification", jstr(f->suppression.reason));
		json_object_set_new(sp, "location", sarif_location(f->suppression.loc));
		json_t *sps = json_array();
		json_array_append_new(sps, sp);
		json_object_set_new(res, "suppressions", sps);
	}
	return res;
}

static json_t *build_sarif(const struct ecrc_report_design *designs, size_t n)
{
	json_t *root = json_object();
	json_object_set_new(root, "$schema", jstr("https://json.schemastore.org/sarif-2.1.0.json"));
	json_object_set_new(root, "version", jstr("2.1.0"));
	json_t *run = json_object();
	json_t *tool = json_object();
	json_t *driver = json_object();
	json_object_set_new(driver, "name", jstr("ecrc"));
	json_object_set_new(driver, "version", jstr(ECRC_VERSION));
	json_object_set_new(driver, "semanticVersion", jstr(ECRC_VERSION));
	json_object_set_new(driver, "informationUri", jstr(ECRC_URL));
	json_t *rules = json_array();
	for (size_t i = 0; i < ecrc_rules_count; i++) {
		const struct ecrc_rule *r = ecrc_rules[i];
		const char *page = ecrc_rule_doc(r->id);
		json_t *jr = json_object();
		json_object_set_new(jr, "id", jstr(r->id));
		json_object_set_new(jr, "name", jstr(r->id));
		json_t *sd = json_object();
		json_object_set_new(sd, "text", jstr(r->summary));
		json_object_set_new(jr, "shortDescription", sd);
		char *full = page_section(page, "What it finds");
		json_t *fd = json_object();
		json_object_set_new(fd, "text", jstr(full ? full : r->summary));
		json_object_set_new(jr, "fullDescription", fd);
		free(full);
		char *fix = page_section(page, "How to fix");
		json_t *help = json_object();
		struct ecrc_buf ht = {0};
		ecrc_buf_printf(&ht, "%s. %s See `ecrc rules %s`.", r->summary, fix ? fix : "", r->id);
		json_object_set_new(help, "text", jstr(ht.p));
		json_object_set_new(help, "markdown", jstr(page ? page : ht.p));
		ecrc_buf_free(&ht);
		free(fix);
		json_object_set_new(jr, "help", help);
		json_object_set_new(jr, "helpUri",
		                    json_sprintf("%s/blob/main/docs/rules/%s.md", ECRC_URL, r->id));
		json_t *dc = json_object();
		json_object_set_new(dc, "level", jstr(sarif_level(r->severity)));
		json_object_set_new(jr, "defaultConfiguration", dc);
		json_array_append_new(rules, jr);
	}
	json_object_set_new(driver, "rules", rules);
	json_object_set_new(tool, "driver", driver);
	json_object_set_new(run, "tool", tool);

	json_t *results = json_array();
	json_t *notifications = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct ecrc_diags *d = designs[i].diags;
		for (size_t k = 0; k < d->n; k++) {
			const struct ecrc_finding *f = &d->v[k];
			if (strcmp(f->rule, "input") == 0) {
				json_t *no = json_object();
				json_object_set_new(no, "level", jstr("error"));
				json_t *m = json_object();
				json_object_set_new(m, "text",
				                    json_sprintf("%s: %s", f->loc.file, f->message));
				json_object_set_new(no, "message", m);
				json_array_append_new(notifications, no);
				continue;
			}
			json_array_append_new(results, sarif_result(f));
		}
		for (size_t k = 0; k < d->n_suppressed; k++)
			json_array_append_new(results, sarif_result(&d->suppressed[k]));
	}
	json_t *inv = json_object();
	json_object_set_new(inv, "executionSuccessful", json_boolean(json_array_size(notifications) == 0));
	json_object_set_new(inv, "toolExecutionNotifications", notifications);
	json_t *invs = json_array();
	json_array_append_new(invs, inv);
	json_object_set_new(run, "invocations", invs);
	json_object_set_new(run, "columnKind", jstr("unicodeCodePoints"));
	json_object_set_new(run, "results", results);
	json_t *runs = json_array();
	json_array_append_new(runs, run);
	json_object_set_new(root, "runs", runs);
	return root;
}

/* ---- JUnit ------------------------------------------------------------------ */

static bool junit_fails(const struct ecrc_finding *f, const struct ecrc_report_options *opt)
{
	return f->severity == ECRC_SEV_ERROR || (opt->werror && f->severity == ECRC_SEV_WARNING);
}

/* A design that could not be read or parsed: nothing was evaluated. */
static bool junit_unloadable(const struct ecrc_diags *d)
{
	for (size_t k = 0; k < d->n; k++)
		if (!strcmp(d->v[k].rule, "input") || !strcmp(d->v[k].rule, "xml-malformed"))
			return true;
	return false;
}

/* Was rule r evaluated on this (loaded) design? Front-end rules always
 * are; the others when enabled and the model is intact (lint.c skips
 * them otherwise); any rule with a finding was. */
static bool junit_evaluated(const struct ecrc_rule *r, const struct ecrc_diags *d, bool intact,
                            const struct ecrc_report_options *opt)
{
	for (size_t k = 0; k < d->n; k++)
		if (!strcmp(d->v[k].rule, r->id))
			return true;
	if (r->frontend)
		return true;
	if (!intact || !ecrc_rule_enabled(opt->lint, r->id))
		return false;
	return r->check || !strcmp(r->id, "suppression-unused");
}

/* The testcases of a design's suite and how many of them fail. */
static void junit_count(const struct ecrc_diags *d, const struct ecrc_report_options *opt, size_t *tests,
                        size_t *failures)
{
	*tests = *failures = 0;
	if (junit_unloadable(d)) {
		*tests = *failures = 1;
		return;
	}
	bool intact = ecrc_design_intact(d);
	for (size_t r = 0; r < ecrc_rules_count; r++) {
		if (!junit_evaluated(ecrc_rules[r], d, intact, opt))
			continue;
		(*tests)++;
		for (size_t k = 0; k < d->n; k++)
			if (!strcmp(d->v[k].rule, ecrc_rules[r]->id) && junit_fails(&d->v[k], opt)) {
				(*failures)++;
				break;
			}
	}
}

static void junit_finding_text(struct ecrc_buf *t, const struct ecrc_finding *f)
{
	if (f->loc.line)
		ecrc_buf_printf(t, "%s:%u:%u: ", f->loc.file, f->loc.line, f->loc.col);
	else
		ecrc_buf_printf(t, "%s: ", f->loc.file);
	ecrc_buf_printf(t, "%s: %s", ecrc_severity_name(f->severity), f->message);
	if (strcmp(f->rule, "input") != 0)
		ecrc_buf_printf(t, " [%s]", f->rule);
	for (size_t j = 0; j < f->n_notes; j++)
		ecrc_buf_printf(t, "\n%s:%u:%u: note: %s", f->notes[j].loc.file, f->notes[j].loc.line,
		                f->notes[j].loc.col, f->notes[j].message);
}

static void junit_failure(xmlTextWriterPtr w, const struct ecrc_finding *f)
{
	xmlTextWriterStartElement(w, (const xmlChar *)"failure");
	xmlTextWriterWriteAttribute(w, (const xmlChar *)"message", (const xmlChar *)f->message);
	xmlTextWriterWriteAttribute(w, (const xmlChar *)"type",
	                            (const xmlChar *)ecrc_severity_name(f->severity));
	struct ecrc_buf t = {0};
	junit_finding_text(&t, f);
	xmlTextWriterWriteString(w, (const xmlChar *)t.p);
	ecrc_buf_free(&t);
	xmlTextWriterEndElement(w);
}

/* One testsuite per design. A design that was read and parsed has one
 * testcase per rule evaluated on it, a <failure> per finding at error
 * level (warnings too with --werror), the other findings as system-out.
 * A design that could not be read or parsed is one failing testcase,
 * "load", and nothing else: no rule ran, so none passed. */
static void junit_suite(xmlTextWriterPtr w, const struct ecrc_report_design *rd,
                        const struct ecrc_report_options *opt)
{
	const struct ecrc_diags *d = rd->diags;
	bool unloadable = junit_unloadable(d), intact = ecrc_design_intact(d);
	size_t tests, failures;
	junit_count(d, opt, &tests, &failures);
	xmlTextWriterStartElement(w, (const xmlChar *)"testsuite");
	xmlTextWriterWriteAttribute(w, (const xmlChar *)"name", (const xmlChar *)rd->file);
	xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"tests", "%zu", tests);
	xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"failures", "%zu", failures);
	xmlTextWriterWriteAttribute(w, (const xmlChar *)"errors", (const xmlChar *)"0");
	xmlTextWriterWriteAttribute(w, (const xmlChar *)"skipped", (const xmlChar *)"0");
	if (unloadable) {
		xmlTextWriterStartElement(w, (const xmlChar *)"testcase");
		xmlTextWriterWriteAttribute(w, (const xmlChar *)"name", (const xmlChar *)"load");
		xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"classname", "ecrc.%s", rd->file);
		/* one <failure>: the first reason, every message in its text */
		const struct ecrc_finding *first = NULL;
		struct ecrc_buf t = {0};
		for (size_t k = 0; k < d->n; k++) {
			if (!first &&
			    (!strcmp(d->v[k].rule, "input") || !strcmp(d->v[k].rule, "xml-malformed")))
				first = &d->v[k];
			if (t.len)
				ecrc_buf_printf(&t, "\n");
			junit_finding_text(&t, &d->v[k]);
		}
		xmlTextWriterStartElement(w, (const xmlChar *)"failure");
		xmlTextWriterWriteFormatAttribute(
		    w, (const xmlChar *)"message", "the design could not be %s: %s",
		    strcmp(first->rule, "input") ? "parsed" : "read", first->message);
		xmlTextWriterWriteAttribute(w, (const xmlChar *)"type", (const xmlChar *)first->rule);
		xmlTextWriterWriteString(w, (const xmlChar *)t.p);
		xmlTextWriterEndElement(w);
		ecrc_buf_free(&t);
		xmlTextWriterEndElement(w);
		xmlTextWriterEndElement(w);
		return;
	}
	for (size_t r = 0; r < ecrc_rules_count; r++) {
		const char *id = ecrc_rules[r]->id;
		if (!junit_evaluated(ecrc_rules[r], d, intact, opt))
			continue;
		xmlTextWriterStartElement(w, (const xmlChar *)"testcase");
		xmlTextWriterWriteAttribute(w, (const xmlChar *)"name", (const xmlChar *)id);
		xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"classname", "ecrc.%s", rd->file);
		struct ecrc_buf others = {0};
		for (size_t k = 0; k < d->n; k++) {
			const struct ecrc_finding *f = &d->v[k];
			if (strcmp(f->rule, id) != 0)
				continue;
			if (junit_fails(f, opt)) {
				junit_failure(w, f);
			} else {
				if (others.len)
					ecrc_buf_printf(&others, "\n");
				junit_finding_text(&others, f);
			}
		}
		if (others.len) {
			xmlTextWriterStartElement(w, (const xmlChar *)"system-out");
			xmlTextWriterWriteString(w, (const xmlChar *)others.p);
			xmlTextWriterEndElement(w);
		}
		ecrc_buf_free(&others);
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
}

static int write_junit(FILE *out, const struct ecrc_report_design *designs, size_t n,
                       const struct ecrc_report_options *opt)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
	if (!buf || !w)
		ecrc_oom();
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, (const xmlChar *)"  ");
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	xmlTextWriterStartElement(w, (const xmlChar *)"testsuites");
	xmlTextWriterWriteAttribute(w, (const xmlChar *)"name", (const xmlChar *)"ecrc lint");
	size_t total_tests = 0, total_fail = 0;
	for (size_t i = 0; i < n; i++) {
		size_t t, f;
		junit_count(designs[i].diags, opt, &t, &f);
		total_tests += t;
		total_fail += f;
	}
	xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"tests", "%zu", total_tests);
	xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)"failures", "%zu", total_fail);
	for (size_t i = 0; i < n; i++)
		junit_suite(w, &designs[i], opt);
	xmlTextWriterEndElement(w);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), out);
	xmlBufferFree(buf);
	return 0;
}

int ecrc_report_write(FILE *out, const struct ecrc_report_design *designs, size_t n,
                      const struct ecrc_report_options *opt)
{
	json_t *root = NULL;
	switch (opt->format) {
	case ECRC_FMT_TEXT:
		write_text(out, designs, n, opt);
		break;
	case ECRC_FMT_JSON:
		root = build_json(designs, n);
		break;
	case ECRC_FMT_SARIF:
		root = build_sarif(designs, n);
		break;
	case ECRC_FMT_JUNIT:
		write_junit(out, designs, n, opt);
		break;
	}
	if (root) {
		json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
		fputc('\n', out);
		json_decref(root);
	}
	if (fflush(out) != 0 || ferror(out))
		return -1;
	return 0;
}
