/*
 * test_emit_driver.c: the emit driver: everything rendered in memory with
 * a MANIFEST of SHA-256s; the --force mark only when lint found errors; a
 * CPE filter; nothing at all when a key is missing; and the writer: it
 * creates the directory, replaces files atomically, gives identical trees
 * for identical input, and leaves a directory as it was when it fails
 * half way (a rename blocked by a directory in the way) or cannot start.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "emit/emit.h"
#include "lint/lint.h"

static const char *env_key(const char *name)
{
	(void)name;
	return "Driver-Key.1";
}

static const char *env_none(const char *name)
{
	(void)name;
	return NULL;
}

static struct ecrc_design *load(const char *name, struct ecrc_diags *diags)
{
	char path[1024];
	bool fatal = false;
	snprintf(path, sizeof path, "%s/fixtures/designs/%s", ECRC_SOURCE_DIR, name);
	ecrc_diags_init(diags);
	struct ecrc_design *d = ecrc_load_file(path, diags, &fatal);
	assert_non_null(d);
	return d;
}

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

/* The names in a directory, sorted, "a b c". */
static char *listing(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	if (n < 0)
		return ecrc_xstrdup("(none)");
	struct ecrc_buf b = {0};
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, ".."))
			ecrc_buf_printf(&b, "%s%s", b.len ? " " : "", names[i]->d_name);
		free(names[i]);
	}
	free(names);
	ecrc_buf_puts(&b, "");
	return ecrc_buf_take(&b);
}

static void test_render(void **state)
{
	(void)state;
	struct ecrc_diags diags;
	struct ecrc_design *d = load("beijing-idc-ecmp.xml", &diags);
	struct ecrc_emit_options opt = {.getenv_fn = env_key};
	struct ecrc_emit_output out;
	assert_int_equal(ecrc_emit_render(d, &opt, &diags, &out), 0);
	assert_int_equal(out.n_files, 3);
	assert_string_equal(out.files[0].name, "cpe1.vrp");
	assert_string_equal(out.files[1].name, "cpe2.ios");
	assert_string_equal(out.files[2].name, "MANIFEST");
	/* the header names the design's digest: the SHA-256 of the file's bytes */
	char hex[65];
	ecrc_sha256_hex(d->sha256, hex);
	assert_non_null(strstr(out.files[1].text, hex));
	assert_null(strstr(out.files[1].text, "WARNING"));
	/* MANIFEST: sha256sum's format, sorted by name, the digests of the texts */
	char want[300];
	unsigned char dg[32];
	char h0[65], h1[65];
	ecrc_sha256(out.files[0].text, out.files[0].len, dg);
	ecrc_sha256_hex(dg, h0);
	ecrc_sha256(out.files[1].text, out.files[1].len, dg);
	ecrc_sha256_hex(dg, h1);
	snprintf(want, sizeof want, "%s  cpe1.vrp\n%s  cpe2.ios\n", h0, h1);
	assert_string_equal(out.files[2].text, want);
	ecrc_emit_output_free(&out);

	/* --cpe and --vendor */
	const char *only[] = {"cpe2"};
	opt.cpes = only;
	opt.n_cpes = 1;
	opt.vendor = "bird";
	assert_int_equal(ecrc_emit_render(d, &opt, &diags, &out), 0);
	assert_int_equal(out.n_files, 2);
	assert_string_equal(out.files[0].name, "cpe2.bird.conf");
	ecrc_emit_output_free(&out);
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
}

static void test_forced_mark(void **state)
{
	(void)state;
	struct ecrc_diags diags;
	struct ecrc_design *d = load("beijing-idc-ecmp.xml", &diags);
	struct ecrc_emit_options opt = {.getenv_fn = env_key, .force = true};
	struct ecrc_emit_output out;
	/* --force without errors: no mark */
	assert_int_equal(ecrc_emit_render(d, &opt, &diags, &out), 0);
	assert_null(strstr(out.files[0].text, "--force"));
	ecrc_emit_output_free(&out);
	/* with an error found by lint: every file starts with the mark */
	ecrc_diag_add(&diags, "vlan-mismatch", ECRC_SEV_ERROR, d->node.loc, NULL, "test error");
	assert_int_equal(ecrc_emit_render(d, &opt, &diags, &out), 0);
	assert_true(strncmp(out.files[0].text, "# WARNING: emitted with --force", 31) == 0);
	assert_true(strncmp(out.files[1].text, "! WARNING: emitted with --force", 31) == 0);
	ecrc_emit_output_free(&out);
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
}

static void test_missing_key_renders_nothing(void **state)
{
	(void)state;
	struct ecrc_diags diags;
	struct ecrc_design *d = load("two-uplinks-md5.xml", &diags);
	struct ecrc_emit_options opt = {.getenv_fn = env_none};
	struct ecrc_emit_output out;
	assert_int_equal(ecrc_emit_render(d, &opt, &diags, &out), -1);
	assert_int_equal(out.n_files, 0);
	size_t e, w, n;
	ecrc_diags_count(&diags, &e, &w, &n);
	assert_int_equal(e, 2); /* both CPEs' problems, not just the first */
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
}

static void make_output(struct ecrc_emit_output *out, const char *a, const char *b)
{
	memset(out, 0, sizeof *out);
	out->n_files = 2;
	out->files = ecrc_xcalloc(2, sizeof *out->files);
	out->files[0] = (struct ecrc_emit_file){
	    .name = ecrc_xstrdup("cpe1.ios"), .text = ecrc_xstrdup(a), .len = strlen(a)};
	out->files[1] = (struct ecrc_emit_file){
	    .name = ecrc_xstrdup("MANIFEST"), .text = ecrc_xstrdup(b), .len = strlen(b)};
}

static void test_write(void **state)
{
	(void)state;
	char base[] = "/tmp/ecrc-emit-test-XXXXXX";
	assert_non_null(mkdtemp(base));
	char dir[256], err[512];
	snprintf(dir, sizeof dir, "%s/a/b", base);
	struct ecrc_emit_output out;
	make_output(&out, "first\n", "m1\n");

	/* creates the directories, writes both files, leaves nothing else */
	assert_int_equal(ecrc_emit_write(dir, &out, err, sizeof err), 0);
	char *l = listing(dir);
	assert_string_equal(l, "MANIFEST cpe1.ios");
	free(l);
	char path[300];
	size_t len;
	snprintf(path, sizeof path, "%s/cpe1.ios", dir);
	char *t = slurp(path, &len);
	assert_string_equal(t, "first\n");
	free(t);
	ecrc_emit_output_free(&out);

	/* a file holding a key is 0600 whatever the umask; others 0644 less
	 * the umask */
	make_output(&out, "keys\n", "m0\n");
	out.files[0].secret = true;
	assert_int_equal(ecrc_emit_write(dir, &out, err, sizeof err), 0);
	struct stat st;
	char path0[300];
	snprintf(path0, sizeof path0, "%s/cpe1.ios", dir);
	assert_int_equal(stat(path0, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	snprintf(path0, sizeof path0, "%s/MANIFEST", dir);
	assert_int_equal(stat(path0, &st), 0);
	mode_t um = umask(022);
	umask(um);
	assert_int_equal(st.st_mode & 0777, 0644 & ~um);
	ecrc_emit_output_free(&out);
	make_output(&out, "first\n", "m1\n");
	assert_int_equal(ecrc_emit_write(dir, &out, err, sizeof err), 0);
	ecrc_emit_output_free(&out);

	/* path edges: refused with a message, never a crash */
	make_output(&out, "x\n", "y\n");
	const char *edges[] = {"", "/", ".", "..", "./", "//"};
	for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
		err[0] = '\0';
		assert_int_equal(ecrc_emit_write(edges[i], &out, err, sizeof err), -1);
		assert_true(strlen(err) > 10);
	}
	ecrc_emit_output_free(&out);

	/* a directory in the old tree (where MANIFEST goes): refused before
	 * anything is written, the tree as it was, nothing left behind */
	make_output(&out, "second\n", "m2\n");
	snprintf(path, sizeof path, "%s/MANIFEST", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(ecrc_emit_write(dir, &out, err, sizeof err), -1);
	assert_non_null(strstr(err, "MANIFEST"));
	l = listing(dir);
	assert_string_equal(l, "MANIFEST cpe1.ios");
	free(l);
	snprintf(path, sizeof path, "%s/cpe1.ios", dir);
	t = slurp(path, &len);
	assert_string_equal(t, "first\n");
	free(t);
	snprintf(path, sizeof path, "%s/MANIFEST", dir);
	assert_int_equal(rmdir(path), 0);

	/* then it goes through, replacing the old file */
	assert_int_equal(ecrc_emit_write(dir, &out, err, sizeof err), 0);
	snprintf(path, sizeof path, "%s/cpe1.ios", dir);
	t = slurp(path, &len);
	assert_string_equal(t, "second\n");
	free(t);

	/* a directory that cannot be made (under a regular file): nothing made */
	snprintf(path, sizeof path, "%s/plain", base);
	int fd = open(path, O_WRONLY | O_CREAT, 0644);
	assert_true(fd >= 0);
	close(fd);
	snprintf(dir, sizeof dir, "%s/plain/sub/dir", base);
	assert_int_equal(ecrc_emit_write(dir, &out, err, sizeof err), -1);
	assert_non_null(strstr(err, "plain"));
	l = listing(base);
	assert_string_equal(l, "a plain");
	free(l);

	/* a directory that cannot be written (not as root: root writes anyway) */
	if (geteuid() != 0) {
		snprintf(dir, sizeof dir, "%s/ro", base);
		assert_int_equal(mkdir(dir, 0555), 0);
		snprintf(path, sizeof path, "%s/ro/new", base);
		assert_int_equal(ecrc_emit_write(path, &out, err, sizeof err), -1);
		l = listing(dir);
		assert_string_equal(l, "");
		free(l);
		chmod(dir, 0755);
	}
	ecrc_emit_output_free(&out);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", base);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_render),
	    cmocka_unit_test(test_forced_mark),
	    cmocka_unit_test(test_missing_key_renders_nothing),
	    cmocka_unit_test(test_write),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
