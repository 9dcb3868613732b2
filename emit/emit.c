/*
 * emit.c: the emit driver. Lowers and renders every selected CPE in memory
 * first, then writes the files and a MANIFEST of their SHA-256s: each to a
 * temporary name, all synced to disk, then all renamed into place, with the
 * files they replace kept until every rename succeeded. A run that fails
 * anywhere leaves the output directory as it was.
 */
#define _GNU_SOURCE /* syncfs(2): one flush for all files instead of one fsync each */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emit/emit.h"
#include "lint/lint.h"
#include "vendors/vendor.h"

const struct ecrc_cpe *ecrc_emit_find_cpe(const struct ecrc_design *d, const char *id)
{
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			if (c->id && strcmp(c->id, id) == 0)
				return c;
	return NULL;
}

char *ecrc_emit_default_dir(const struct ecrc_design *d)
{
	size_t n = strlen("ecrc-out/") + strlen(d->name) + 1;
	char *s = ecrc_xmalloc(n);
	snprintf(s, n, "ecrc-out/%s", d->name);
	return s;
}

static bool selected(const struct ecrc_emit_options *opt, const char *id)
{
	if (!opt->n_cpes)
		return true;
	for (size_t i = 0; i < opt->n_cpes; i++)
		if (strcmp(opt->cpes[i], id) == 0)
			return true;
	return false;
}

void ecrc_emit_output_add(struct ecrc_emit_output *out, char *name, char *text, size_t len)
{
	out->files = ecrc_xrealloc(out->files, (out->n_files + 1) * sizeof *out->files);
	struct ecrc_emit_file *f = &out->files[out->n_files++];
	f->name = name;
	f->text = text;
	f->len = len;
	f->secret = false;
	unsigned char dg[32];
	ecrc_sha256(text, len, dg);
	ecrc_sha256_hex(dg, f->sha256);
}

/* The length of the CPE's MD5 key that starts at p, or 0. */
static size_t key_at(const struct ecrc_ir_cpe *cpe, const char *p, const char *end)
{
	for (size_t i = 0; i < cpe->n_neighbors; i++) {
		const char *k = cpe->neighbors[i].md5_key;
		size_t n = k && !cpe->neighbors[i].md5_redacted ? strlen(k) : 0;
		if (n && (size_t)(end - p) >= n && memcmp(p, k, n) == 0)
			return n;
	}
	return 0;
}

static size_t check_line(const struct ecrc_vendor *v, const struct ecrc_ir_cpe *cpe, const char *p,
			 const char *end, char *why, size_t n)
{
	const char *s = p;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	bool comment = s < end && *s == v->comment[0];
	char quote = 0; /* inside a quoted string: only plain characters */
	for (const char *c = s; c < end; c++) {
		unsigned char u = (unsigned char)*c;
		size_t k = comment ? 0 : key_at(cpe, c, end);
		if (k) {
			c += k - 1; /* the key was checked when it was read (lower.c) */
			continue;
		}
		if (u < 0x20 || u >= 0x7f) {
			snprintf(why, n, "byte 0x%02x (control or non-ASCII)", u);
			return 1;
		}
		if (strchr("\\`$|&>", u)) {
			snprintf(why, n, "'%c'", u);
			return 1;
		}
		if (u == '<') {
			const char *close = memchr(c, '>', (size_t)(end - c));
			size_t plen = strlen(ECRC_REDACTED_PREFIX);
			if (!close || (size_t)(end - c) < plen || memcmp(c, ECRC_REDACTED_PREFIX, plen) != 0) {
				snprintf(why, n, "'<' outside a --redact-secrets placeholder");
				return 1;
			}
			c = close;
			continue;
		}
		if (comment || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
		    strchr(" -./:_", u))
			continue;
		if (quote && u != (unsigned char)quote) {
			snprintf(why, n, "'%c' inside a quoted string", u);
			return 1;
		}
		if (u == (unsigned char)v->comment[0]) {
			snprintf(why, n, "'%c' (%s's comment character) after the first word", u, v->name);
			return 1;
		}
		if (!v->syntax_chars || !strchr(v->syntax_chars, u)) {
			snprintf(why, n, "'%c', which %s statements do not use", u, v->name);
			return 1;
		}
		if (u == '"' || u == '\'')
			quote = quote ? 0 : (char)u;
	}
	if (quote) {
		snprintf(why, n, "a quoted string that does not end on its line");
		return 1;
	}
	return 0;
}

size_t ecrc_emit_check_text(const struct ecrc_vendor *v, const struct ecrc_ir_cpe *cpe, const char *text,
			    size_t len, char *why, size_t n)
{
	const char *end = text + len;
	size_t no = 1;
	for (const char *p = text; p < end; no++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		if (check_line(v, cpe, p, e, why, n))
			return no;
		p = nl ? nl + 1 : end;
	}
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(const struct ecrc_emit_file *const *)a)->name,
	              (*(const struct ecrc_emit_file *const *)b)->name);
}

void ecrc_emit_output_add_manifest(struct ecrc_emit_output *out)
{
	/* MANIFEST: "<sha256>  <file>" per line, by file name, as sha256sum
	 * writes it, so that "sha256sum -c MANIFEST" checks the directory. */
	const struct ecrc_emit_file **sorted = ecrc_xcalloc(out->n_files ? out->n_files : 1, sizeof *sorted);
	for (size_t i = 0; i < out->n_files; i++)
		sorted[i] = &out->files[i];
	qsort(sorted, out->n_files, sizeof *sorted, by_name);
	struct ecrc_buf m = {0};
	for (size_t i = 0; i < out->n_files; i++)
		ecrc_buf_printf(&m, "%s  %s\n", sorted[i]->sha256, sorted[i]->name);
	free(sorted);
	size_t mlen = m.len;
	ecrc_emit_output_add(out, ecrc_xstrdup("MANIFEST"), ecrc_buf_take(&m), mlen);
}

int ecrc_emit_render(struct ecrc_design *d, const struct ecrc_emit_options *opt, struct ecrc_diags *diags,
                     struct ecrc_emit_output *out)
{
	size_t errors = 0, warnings = 0, notes = 0;
	ecrc_diags_count(diags, &errors, &warnings, &notes);
	ecrc_sha256(d->source, d->source_len, d->sha256);

	struct ecrc_lower_options lo = {
	    .redact_secrets = opt->redact_secrets,
	    .forced = opt->force && errors > 0,
	    .vendor_override = opt->vendor,
	    .getenv_fn = opt->getenv_fn,
	    .facts = ecrc_facts_build(d),
	};
	struct ecrc_arena *arena = ecrc_arena_new();
	bool failed = false;
	memset(out, 0, sizeof *out);

	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next) {
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next) {
			if (!selected(opt, c->id))
				continue;
			struct ecrc_ir_cpe *ir = ecrc_lower_cpe(d, c, &lo, arena, diags);
			if (!ir) {
				failed = true; /* keep going: report every CPE's problem at once */
				continue;
			}
			const struct ecrc_vendor *v = ecrc_vendor_find(ir->vendor);
			struct ecrc_buf b = {0};
			v->render(ir, &b);
			size_t len = b.len;
			char why[160];
			size_t bad = ecrc_emit_check_text(v, ir, b.p, len, why, sizeof why);
			if (bad) {
				ecrc_diag_add(diags, "input", ECRC_SEV_ERROR, ecrc_attr_loc(&c->node, "id"), &c->node,
					      "cpe %s: line %zu of its %s config holds %s; a value escaped the "
					      "load-time checks (a bug in ecrc: please report it); nothing written",
					      c->id, bad, v->name, why);
				ecrc_buf_free(&b);
				failed = true;
				continue;
			}
			char *name = ecrc_xmalloc(strlen(c->id) + strlen(v->ext) + 1);
			strcpy(name, c->id);
			strcat(name, v->ext);
			ecrc_emit_output_add(out, name, ecrc_buf_take(&b), len);
			for (size_t i = 0; i < ir->n_neighbors; i++)
				out->files[out->n_files - 1].secret |=
				    ir->neighbors[i].md5_key && !ir->neighbors[i].md5_redacted;
		}
	}
	ecrc_arena_free(arena);
	if (failed) {
		ecrc_diags_sort(diags);
		ecrc_emit_output_free(out);
		return -1;
	}

	ecrc_emit_output_add_manifest(out);
	return 0;
}

void ecrc_emit_output_free(struct ecrc_emit_output *out)
{
	for (size_t i = 0; i < out->n_files; i++) {
		free(out->files[i].name);
		free(out->files[i].text);
	}
	free(out->files);
	memset(out, 0, sizeof *out);
}

/* ---- writing ---------------------------------------------------------------- */

static int fail(char *err, size_t errlen, const char *fmt, ...) ECRC_PRINTF(3, 4);

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	int saved = errno;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	errno = saved;
	return -1;
}

/* mkdir -p, recording the directories it made (outermost first). */
static int make_dirs(const char *dir, char ***made, size_t *n_made, char *err, size_t errlen)
{
	char *path = ecrc_xstrdup(dir);
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		path[--len] = '\0';
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		struct stat st;
		if (stat(path, &st) == 0) {
			if (!S_ISDIR(st.st_mode)) {
				fail(err, errlen, "%s is not a directory", path);
				free(path);
				return -1;
			}
		} else if (errno != ENOENT || mkdir(path, 0777) != 0) {
			fail(err, errlen, "cannot create directory %s: %s", path, strerror(errno));
			free(path);
			return -1;
		} else {
			*made = ecrc_xrealloc(*made, (*n_made + 1) * sizeof **made);
			(*made)[(*n_made)++] = ecrc_xstrdup(path);
		}
		*p = saved;
		if (!saved)
			break;
	}
	free(path);
	return 0;
}

static char *join(const char *dir, const char *prefix, const char *name, const char *suffix)
{
	size_t n = strlen(dir) + strlen(prefix) + strlen(name) + strlen(suffix) + 2;
	char *s = ecrc_xmalloc(n);
	snprintf(s, n, "%s/%s%s%s", dir, prefix, name, suffix);
	return s;
}

/* A file that holds a key is created 0600 (and stays so whatever the
 * umask), others 0644 less the umask. */
static int write_all(const char *path, const char *text, size_t len, bool secret)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, secret ? 0600 : 0644);
	if (fd < 0)
		return -1;
	if (secret && fchmod(fd, 0600) != 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int saved = errno ? errno : EIO;
			close(fd);
			errno = saved;
			return -1;
		}
		done += (size_t)w;
	}
	return close(fd);
}

/* Every temporary file on disk before any rename: one syncfs(2) of the
 * file system (an fsync per file costs a journal commit each: half a
 * second for a thousand CPEs), or, where that fails, fsync file by file. */
static int sync_files(const char *dir, char *const *paths, size_t n)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0 && syncfs(dfd) == 0) {
		close(dfd);
		return 0;
	}
	if (dfd >= 0)
		close(dfd);
	for (size_t i = 0; i < n; i++) {
		int fd = open(paths[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fsync(fd) != 0) {
			int saved = errno;
			if (fd >= 0)
				close(fd);
			errno = saved;
			return -1;
		}
		close(fd);
	}
	return 0;
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int ecrc_emit_write(const char *dir, const struct ecrc_emit_output *out, char *err, size_t errlen)
{
	char **made = NULL;
	size_t n_made = 0, n = out->n_files;
	char **tmp = ecrc_xcalloc(n ? n : 1, sizeof *tmp);
	char **dst = ecrc_xcalloc(n ? n : 1, sizeof *dst);
	char **bak = ecrc_xcalloc(n ? n : 1, sizeof *bak); /* NULL: nothing was there */
	size_t n_tmp = 0, n_renamed = 0;
	int rc = -1;
	char pid[32], pid_bak[40];
	snprintf(pid, sizeof pid, ".ecrc-%ld", (long)getpid());
	snprintf(pid_bak, sizeof pid_bak, "%s.bak", pid);

	if (make_dirs(dir, &made, &n_made, err, errlen))
		goto out;
	for (size_t i = 0; i < n; i++)
		dst[i] = join(dir, "", out->files[i].name, "");

	/* 1. every file under a temporary name, then all synced */
	for (; n_tmp < n; n_tmp++) {
		tmp[n_tmp] = join(dir, ".", out->files[n_tmp].name, pid);
		if (write_all(tmp[n_tmp], out->files[n_tmp].text, out->files[n_tmp].len, out->files[n_tmp].secret)) {
			fail(err, errlen, "cannot write %s: %s", tmp[n_tmp], strerror(errno));
			unlink(tmp[n_tmp]);
			goto out;
		}
	}
	if (sync_files(dir, tmp, n_tmp)) {
		fail(err, errlen, "cannot sync the files in %s: %s", dir, strerror(errno));
		goto out;
	}
	/* 2. keep what would be replaced, under a second name (nothing to keep
	 * in a directory this call made) */
	for (size_t i = 0; i < n && !n_made; i++) {
		char *b = join(dir, ".", out->files[i].name, pid_bak);
		int r = link(dst[i], b);
		if (r != 0 && errno == EEXIST && unlink(b) == 0)
			r = link(dst[i], b);
		if (r == 0) {
			bak[i] = b;
			continue;
		}
		free(b);
		if (errno != ENOENT) {
			fail(err, errlen, "cannot keep a copy of %s: %s", dst[i], strerror(errno));
			goto out;
		}
	}
	/* 3. into place */
	for (; n_renamed < n; n_renamed++)
		if (rename(tmp[n_renamed], dst[n_renamed]) != 0) {
			fail(err, errlen, "cannot rename %s to %s: %s", tmp[n_renamed], dst[n_renamed],
			     strerror(errno));
			goto out;
		}
	sync_dir(dir);
	rc = 0;

out:
	if (rc != 0) {
		/* put back what the renames replaced, and remove what they added */
		for (size_t i = 0; i < n_renamed; i++) {
			if (bak[i])
				rename(bak[i], dst[i]);
			else
				unlink(dst[i]);
		}
		for (size_t i = n_renamed; i < n_tmp; i++)
			unlink(tmp[i]);
		for (size_t i = n_made; i-- > 0;)
			rmdir(made[i]);
	}
	for (size_t i = 0; i < n; i++) {
		if (bak[i] && rc == 0)
			unlink(bak[i]);
		else if (bak[i] && i >= n_renamed)
			unlink(bak[i]);
		free(bak[i]);
		free(tmp[i]);
		free(dst[i]);
	}
	for (size_t i = 0; i < n_made; i++)
		free(made[i]);
	free(made);
	free(tmp);
	free(dst);
	free(bak);
	return rc;
}
