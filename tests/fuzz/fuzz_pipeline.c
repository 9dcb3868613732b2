/*
 * fuzz_pipeline.c: libFuzzer target for the whole pipeline on designs that
 * stay valid XML. A structure-aware mutator: the valid designs of
 * fixtures/ (fixtures/designs and every fixtures/rules/RULE/good*.xml) are
 * the templates, and the fuzz input is a program of edits to their
 * attribute values (a number, an edge number, an IPv4 prefix or address,
 * another attribute's value, an empty or a free string), so that almost
 * every input reaches lint, emit and verify instead of stopping in the
 * XML parser (fuzz_loader.c covers that). Each input is:
 *   loaded and linted;
 *   when intact, emitted in memory (--force --redact-secrets, every CPE):
 *   every file's digest is its text's, MANIFEST lists them, every byte of
 *   a config is printable ASCII, a tab or a newline (nothing injected), and a
 *   second render gives the same bytes;
 *   verified with the circuit drills (`ecrc verify --drill=circuits` on
 *   the same bytes, through a memfd), which must exit 0..2.
 * Any other outcome aborts. Input layout: byte 0 picks the template; then
 * edits of 4 + n bytes: attribute index (2 bytes), kind, length, value.
 */
#define _GNU_SOURCE /* memfd_create */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "cli/cli.h"
#include "emit/emit.h"
#include "lint/lint.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct span {
	size_t start, end; /* the value between the quotes */
};

struct template
{
	char *text;
	size_t len;
	struct span *spans;
	size_t n_spans;
};

static struct template *templates;
static size_t n_templates;

static char *slurp(const char *path, size_t *len)
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
	*len = b.len;
	return ecrc_buf_take(&b);
}

/* Every attribute value in double quotes inside a start tag (outside
 * comments): the places the edits go. */
static void add_template(const char *path)
{
	size_t len;
	char *text = slurp(path, &len);
	if (!text)
		return;
	struct template t = {text, len, NULL, 0};
	bool in_tag = false;
	for (size_t i = 0; i < len; i++) {
		if (!in_tag && strncmp(text + i, "<!--", 4) == 0) {
			const char *e = strstr(text + i + 4, "-->");
			i = e ? (size_t)(e - text) + 2 : len;
			continue;
		}
		if (text[i] == '<' && i + 1 < len && text[i + 1] != '?' && text[i + 1] != '/')
			in_tag = true;
		else if (text[i] == '>')
			in_tag = false;
		else if (in_tag && text[i] == '=' && i + 1 < len && text[i + 1] == '"') {
			const char *e = memchr(text + i + 2, '"', len - i - 2);
			if (!e)
				break;
			t.spans = ecrc_xrealloc(t.spans, (t.n_spans + 1) * sizeof *t.spans);
			t.spans[t.n_spans++] = (struct span){i + 2, (size_t)(e - text)};
			i = (size_t)(e - text);
		}
	}
	if (!t.n_spans) {
		free(text);
		free(t.spans);
		return;
	}
	templates = ecrc_xrealloc(templates, (n_templates + 1) * sizeof *templates);
	templates[n_templates++] = t;
}

static const char *srcdir(void)
{
	const char *s = getenv("ECRC_SOURCE_DIR");
	return s ? s : ECRC_SOURCE_DIR;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	char path[4096];
	snprintf(path, sizeof path, "%s/fixtures/designs", srcdir());
	DIR *d = opendir(path);
	for (struct dirent *e; d && (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		if (n > 4 && strcmp(e->d_name + n - 4, ".xml") == 0) {
			char f[8192];
			snprintf(f, sizeof f, "%s/%s", path, e->d_name);
			add_template(f);
		}
	}
	if (d)
		closedir(d);
	snprintf(path, sizeof path, "%s/fixtures/rules", srcdir());
	d = opendir(path);
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char sub[8192];
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		DIR *r = opendir(sub);
		for (struct dirent *g; r && (g = readdir(r));) {
			size_t n = strlen(g->d_name);
			if (strncmp(g->d_name, "good", 4) == 0 && n > 4 &&
			    strcmp(g->d_name + n - 4, ".xml") == 0) {
				char f[12288];
				snprintf(f, sizeof f, "%s/%s", sub, g->d_name);
				add_template(f);
			}
		}
		if (r)
			closedir(r);
	}
	if (d)
		closedir(d);
	if (!n_templates) {
		fprintf(stderr, "fuzz_pipeline: no templates under %s/fixtures (set ECRC_SOURCE_DIR)\n",
		        srcdir());
		abort();
	}
	/* the subcommands print their reports: not to the fuzzer's terminal */
	int null = open("/dev/null", O_WRONLY);
	if (null < 0 || dup2(null, STDOUT_FILENO) < 0)
		abort();
	close(null);
	return 0;
}

/* A value for one edit, from the input's bytes. */
static void edit_value(struct ecrc_buf *v, uint8_t kind, const uint8_t *p, size_t n, const struct template *t)
{
	static const char *const edges[] = {"0",           "1",     "2",          "3",
	                                    "65535",       "65536", "4294967295", "4294967296",
	                                    "-1",          "00",    "0x10",       "1e3",
	                                    " 1",          "",      "0.0.0.0/0",  "255.255.255.255/32",
	                                    "10.0.0.0/33", "64512", "4200000000", "9000",
	                                    "1500",        "8500",  "4094"};
	uint32_t x = 0;
	for (size_t i = 0; i < n && i < 4; i++)
		x = x << 8 | p[i];
	switch (kind % 7) {
	case 0: /* a number */
		ecrc_buf_printf(v, "%u", (n && p[0] & 1) ? x % 100000 : x);
		break;
	case 1: /* an edge */
		ecrc_buf_puts(v, edges[x % (sizeof edges / sizeof *edges)]);
		break;
	case 2: /* a prefix */
		ecrc_buf_printf(v, "%u.%u.%u.%u/%u", n > 0 ? p[0] : 10, n > 1 ? p[1] : 0, n > 2 ? p[2] : 0,
		                n > 3 ? p[3] : 0, n > 4 ? p[4] % 33 : 24);
		break;
	case 3: /* an address */
		ecrc_buf_printf(v, "%u.%u.%u.%u", n > 0 ? p[0] : 10, n > 1 ? p[1] : 0, n > 2 ? p[2] : 0,
		                n > 3 ? p[3] : 1);
		break;
	case 4: { /* another attribute's value (ids: references that resolve elsewhere) */
		const struct span *s = &t->spans[x % t->n_spans];
		ecrc_buf_putn(v, t->text + s->start, s->end - s->start);
		break;
	}
	case 5: /* empty */
		break;
	default: /* free text, kept inside the quotes and well-formed */
		for (size_t i = 0; i < n; i++) {
			char c = (char)p[i];
			ecrc_buf_putc(
			    v, (c == '"' || c == '<' || c == '&' || (unsigned char)c < 0x20 || c == 0x7f)
			           ? '-'
			           : c);
		}
	}
}

static void check_output(const struct ecrc_emit_output *out)
{
	if (!out->n_files || strcmp(out->files[out->n_files - 1].name, "MANIFEST") != 0)
		abort();
	const struct ecrc_emit_file *m = &out->files[out->n_files - 1];
	for (size_t i = 0; i < out->n_files; i++) {
		const struct ecrc_emit_file *f = &out->files[i];
		unsigned char dg[32];
		char hex[65];
		ecrc_sha256(f->text, f->len, dg);
		ecrc_sha256_hex(dg, hex);
		if (strcmp(hex, f->sha256) != 0)
			abort();
		if (i + 1 == out->n_files)
			break;
		for (size_t k = 0; k < f->len; k++)
			if (f->text[k] != '\n' && f->text[k] != '\t' &&
			    (f->text[k] < 0x20 || f->text[k] > 0x7e))
				abort(); /* a byte no config should hold: injected? */
		char line[400];
		snprintf(line, sizeof line, "%s  %s\n", f->sha256, f->name);
		if (!memmem(m->text, m->len, line, strlen(line)))
			abort();
	}
}

static bool same_output(const struct ecrc_emit_output *a, const struct ecrc_emit_output *b)
{
	if (a->n_files != b->n_files)
		return false;
	for (size_t i = 0; i < a->n_files; i++)
		if (strcmp(a->files[i].name, b->files[i].name) != 0 || a->files[i].len != b->files[i].len ||
		    memcmp(a->files[i].text, b->files[i].text, a->files[i].len) != 0)
			return false;
	return true;
}

static const char *no_env(const char *name)
{
	(void)name;
	return NULL;
}

static void verify_bytes(const char *doc, size_t len)
{
	int fd = memfd_create("fuzz-design", MFD_CLOEXEC);
	if (fd < 0)
		abort();
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, doc + done, len - done);
		if (w <= 0)
			abort();
		done += (size_t)w;
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	char a0[] = "verify", a1[] = "--drill=circuits";
	char *argv[] = {a0, a1, path, NULL};
	int st = ecrc_cmd_verify(3, argv);
	close(fd);
	if (st < 0 || st > 2)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const struct template *t = &templates[data[0] % n_templates];
	/* the edits: the last one per attribute wins */
	char **values = ecrc_xcalloc(t->n_spans, sizeof *values);
	size_t i = 1;
	while (i + 4 <= size) {
		size_t idx = ((size_t)data[i] << 8 | data[i + 1]) % t->n_spans;
		uint8_t kind = data[i + 2], n = data[i + 3] % 48;
		i += 4;
		if (n > size - i)
			n = (uint8_t)(size - i);
		struct ecrc_buf v = {0};
		edit_value(&v, kind, data + i, n, t);
		i += n;
		free(values[idx]);
		values[idx] = v.p ? ecrc_buf_take(&v) : ecrc_xstrdup("");
	}
	struct ecrc_buf doc = {0};
	size_t at = 0;
	for (size_t k = 0; k < t->n_spans; k++) {
		if (!values[k])
			continue;
		ecrc_buf_putn(&doc, t->text + at, t->spans[k].start - at);
		ecrc_buf_puts(&doc, values[k]);
		at = t->spans[k].end;
		free(values[k]);
	}
	free(values);
	ecrc_buf_putn(&doc, t->text + at, t->len - at);

	struct ecrc_diags diags;
	ecrc_diags_init(&diags);
	bool fatal = false;
	struct ecrc_design *d = ecrc_load_memory("fuzz.xml", doc.p, doc.len, &diags, &fatal);
	if (d && ecrc_design_intact(&diags)) {
		struct ecrc_lint_options lo = {0};
		ecrc_lint_design(d, &lo, &diags);
		struct ecrc_emit_options eo = {.force = true, .redact_secrets = true, .getenv_fn = no_env};
		struct ecrc_emit_output a = {0}, b = {0};
		if (ecrc_emit_render(d, &eo, &diags, &a) == 0) {
			check_output(&a);
			if (ecrc_emit_render(d, &eo, &diags, &b) != 0 || !same_output(&a, &b))
				abort(); /* emit is deterministic */
		}
		ecrc_emit_output_free(&a);
		ecrc_emit_output_free(&b);
	}
	bool loaded = d != NULL;
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
	if (loaded)
		verify_bytes(doc.p, doc.len);
	ecrc_buf_free(&doc);
	return 0;
}
