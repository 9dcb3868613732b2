/*
 * emit.c: the emit driver. Lowers and renders every selected CPE in memory
 * first, then writes the files and a MANIFEST of their SHA-256s into a
 * fresh directory beside the output directory and swaps the two in one
 * atomic step, so that the output directory is always entirely the old
 * tree or entirely the new one, even under kill -9.
 */
#define _GNU_SOURCE /* syncfs(2), renameat2(2) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
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
		if (strchr(comment ? "\\`$&>" : "\\`$|&>", u)) { /* a comment may say "show | compare" */
			snprintf(why, n, "'%c'", u);
			return 1;
		}
		if (u == '<') {
			const char *close = memchr(c, '>', (size_t)(end - c));
			size_t plen = strlen(ECRC_REDACTED_PREFIX);
			if (!close || (size_t)(end - c) < plen ||
			    memcmp(c, ECRC_REDACTED_PREFIX, plen) != 0) {
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
				ecrc_diag_add(
				    diags, "input", ECRC_SEV_ERROR, ecrc_attr_loc(&c->node, "id"), &c->node,
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

/* ---- writing ----------------------------------------------------------------
 *
 * The output directory is replaced as one unit. For DIR = PARENT/BASE:
 *   1. temporaries of dead runs are cleaned up (below);
 *   2. the new tree is written into PARENT/.BASE.ecrc-new-PID (mode 0700
 *      while it is written, so files holding keys are never readable by
 *      others there), with the files of the old tree this run does not
 *      write linked in (they stay, as they always did);
 *   3. every file and the directory are synced, the directory given its
 *      final mode (the old tree's, or 0777 less the umask);
 *   4. renameat2(RENAME_EXCHANGE) swaps the two directories in one step
 *      (a new DIR: renameat2(RENAME_NOREPLACE));
 *   5. PARENT is synced and the old tree, now under the temporary name,
 *      removed.
 * Killed at any point, DIR is the old tree or the new one, entirely. A file
 * system without RENAME_EXCHANGE (EINVAL) gets two renames instead: DIR to
 * PARENT/.BASE.ecrc-old-PID, then the new tree to DIR; between them DIR
 * does not exist, and a run killed there is repaired by the next run, which
 * renames the old tree back before anything else. */

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

static char *str_printf(const char *fmt, ...) ECRC_PRINTF(1, 2);

static char *str_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = ecrc_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* mkdir -p of a directory's parents, recording what it made (outermost
 * first). path is neither empty nor "/"-only (checked by the caller). */
static int make_dirs(const char *dir, char ***made, size_t *n_made, char *err, size_t errlen)
{
	char *path = ecrc_xstrdup(dir);
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		path[--len] = '\0';
	for (char *p = path + 1; p <= path + len; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (p[-1] == '/') /* "a//b" */
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
	}
	free(path);
	return 0;
}

/* Creates name in dfd with mode (less the umask), or exactly mode when
 * exact (a file that holds a key stays 0600 whatever the umask). */
static int write_at(int dfd, const char *name, const char *text, size_t len, mode_t mode, bool exact)
{
	int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
	if (fd < 0)
		return -1;
	if (exact && fchmod(fd, mode) != 0) {
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

/* A copy of a file of the old tree (when it cannot be linked), its mode kept. */
static int copy_at(int from_dfd, int to_dfd, const char *name)
{
	int in = openat(from_dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (in < 0)
		return -1;
	struct stat st;
	char *buf = NULL;
	size_t len = 0;
	char why[128];
	int rc = -1;
	if (fstat(in, &st) == 0 && ecrc_input_read(in, SIZE_MAX / 2, &buf, &len, why, sizeof why) == 0) {
		rc = write_at(to_dfd, name, buf, len, st.st_mode & 07777, true);
		free(buf);
	}
	int saved = errno;
	close(in);
	errno = saved;
	return rc;
}

/* rm -rf of a tree this code made: regular files and directories only,
 * never following a link. */
static void remove_tree(int parent_fd, const char *name)
{
	int fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		unlinkat(parent_fd, name, 0);
		return;
	}
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	for (struct dirent *e; (e = readdir(d));) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) != 0 && (errno == EISDIR || errno == EPERM))
			remove_tree(dirfd(d), e->d_name);
	}
	closedir(d);
	unlinkat(parent_fd, name, AT_REMOVEDIR);
}

/* The temporary names of run PID for output directory BASE. */
static char *tmp_name(const char *base, const char *what, long pid)
{
	return str_printf(".%s.ecrc-%s-%ld", base, what, pid);
}

/* Is NAME ".BASE.ecrc-WHAT-PID"? Sets *pid. */
static bool is_tmp_name(const char *name, const char *base, const char *what, long *pid)
{
	size_t bl = strlen(base), wl = strlen(what);
	if (name[0] != '.' || strncmp(name + 1, base, bl) != 0 || strncmp(name + 1 + bl, ".ecrc-", 6) != 0 ||
	    strncmp(name + 7 + bl, what, wl) != 0 || name[7 + bl + wl] != '-')
		return false;
	const char *digits = name + 8 + bl + wl;
	char *end;
	errno = 0;
	long v = strtol(digits, &end, 10);
	if (!*digits || *end || errno || v <= 0)
		return false;
	*pid = v;
	return true;
}

static bool pid_alive(long pid)
{
	return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* The temporaries of an earlier run, inside the output directory (before
 * the tree was swapped as a whole, each file had one: ".NAME.ecrc-PID",
 * and ".NAME.ecrc-PID.bak"): never carried over; removed with the old tree. */
static bool is_old_file_tmp(const char *name)
{
	const char *p = strstr(name, ".ecrc-");
	if (name[0] != '.' || !p)
		return false;
	p += 6;
	if (!(*p >= '0' && *p <= '9'))
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	return !*p || strcmp(p, ".bak") == 0;
}

/* Step 1: what dead runs left in PARENT for BASE. A run killed between
 * the two renames of the fallback left no DIR and its old tree: renamed
 * back first. The temporaries of live runs are left alone. */
static void clean_dead_runs(int parent_fd, const char *base)
{
	struct stat st;
	bool have_dir = fstatat(parent_fd, base, &st, AT_SYMLINK_NOFOLLOW) == 0;
	int fd = openat(parent_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	char **doomed = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		long pid;
		if (is_tmp_name(e->d_name, base, "old", &pid) && !pid_alive(pid)) {
			if (!have_dir && renameat(parent_fd, e->d_name, parent_fd, base) == 0) {
				have_dir = true;
				continue;
			}
		} else if (!is_tmp_name(e->d_name, base, "new", &pid) || pid_alive(pid)) {
			continue;
		}
		doomed = ecrc_xrealloc(doomed, (n + 1) * sizeof *doomed);
		doomed[n++] = ecrc_xstrdup(e->d_name);
	}
	closedir(d);
	for (size_t i = 0; i < n; i++) {
		remove_tree(parent_fd, doomed[i]);
		free(doomed[i]);
	}
	free(doomed);
}

static bool written(const struct ecrc_emit_output *out, const char *name)
{
	for (size_t i = 0; i < out->n_files; i++)
		if (strcmp(out->files[i].name, name) == 0)
			return true;
	return false;
}

/* The old tree may hold only regular files (ours, or anything else the
 * user put there, which is carried over): refuses anything else, since
 * the directory is replaced as a whole. */
static int check_old_tree(int old_fd, const char *dir, char *err, size_t errlen)
{
	int fd = openat(old_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* not dup: its own offset */
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return fail(err, errlen, "cannot read directory %s: %s", dir, strerror(errno));
	}
	int rc = 0;
	for (struct dirent *e; (e = readdir(d)) && rc == 0;) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		struct stat st;
		if (fstatat(old_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			rc = fail(err, errlen, "cannot read %s/%s: %s", dir, e->d_name, strerror(errno));
		else if (!S_ISREG(st.st_mode))
			rc = fail(
			    err, errlen,
			    "%s/%s is %s; emit replaces the output directory as a whole and carries over "
			    "only regular files: move it away, or emit into a directory of its own",
			    dir, e->d_name,
			    S_ISDIR(st.st_mode)   ? "a directory"
			    : S_ISLNK(st.st_mode) ? "a symbolic link"
			                          : "not a regular file");
	}
	closedir(d);
	return rc;
}

/* Step 2's carry-over: every regular file of the old tree this run does
 * not write, linked (or copied) into the new one. */
static int carry_over(int old_fd, int new_fd, const struct ecrc_emit_output *out, const char *dir, char *err,
                      size_t errlen)
{
	int fd = openat(old_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* not dup: its own offset */
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return fail(err, errlen, "cannot read directory %s: %s", dir, strerror(errno));
	}
	int rc = 0;
	for (struct dirent *e; (e = readdir(d)) && rc == 0;) {
		if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
			continue;
		if (written(out, e->d_name) || is_old_file_tmp(e->d_name))
			continue;
		if (linkat(old_fd, e->d_name, new_fd, e->d_name, 0) != 0 &&
		    copy_at(old_fd, new_fd, e->d_name) != 0)
			rc = fail(err, errlen, "cannot carry %s/%s over into the new tree: %s", dir,
			          e->d_name, strerror(errno));
	}
	closedir(d);
	return rc;
}

/* Every file of the new tree on disk, then the directory: one syncfs(2)
 * of the file system (an fsync per file costs a journal commit each: half
 * a second for a thousand CPEs), or, where that fails, fsync file by file. */
static int sync_tree(int new_fd, const struct ecrc_emit_output *out)
{
	if (syncfs(new_fd) != 0) {
		for (size_t i = 0; i < out->n_files; i++) {
			int fd = openat(new_fd, out->files[i].name, O_RDONLY | O_CLOEXEC);
			if (fd < 0 || fsync(fd) != 0) {
				int saved = errno;
				if (fd >= 0)
					close(fd);
				errno = saved;
				return -1;
			}
			close(fd);
		}
	}
	return fsync(new_fd);
}

/* Step 4: new_name takes base's place. Returns 0; or -1 with *mixed set
 * when the fallback could not put the old tree back (err says where). */
static int swap_in(int parent_fd, const char *parent, const char *new_name, const char *base, bool exists,
                   char *err, size_t errlen, bool *mixed)
{
	if (!exists) {
		if (renameat2(parent_fd, new_name, parent_fd, base, RENAME_NOREPLACE) == 0)
			return 0;
		if (errno != EINVAL && errno != ENOSYS)
			return fail(err, errlen, "cannot rename %s/%s to %s/%s: %s", parent, new_name, parent,
			            base, strerror(errno));
		if (renameat(parent_fd, new_name, parent_fd, base) == 0)
			return 0;
		return fail(err, errlen, "cannot rename %s/%s to %s/%s: %s", parent, new_name, parent, base,
		            strerror(errno));
	}
	if (renameat2(parent_fd, new_name, parent_fd, base, RENAME_EXCHANGE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return fail(err, errlen, "cannot exchange %s/%s with %s/%s: %s", parent, new_name, parent,
		            base, strerror(errno));
	/* no RENAME_EXCHANGE on this file system: two renames */
	char *old_name = tmp_name(base, "old", (long)getpid());
	int rc = -1;
	if (renameat(parent_fd, base, parent_fd, old_name) != 0) {
		fail(err, errlen, "cannot rename %s/%s: %s", parent, base, strerror(errno));
	} else if (renameat(parent_fd, new_name, parent_fd, base) == 0) {
		renameat(parent_fd, old_name, parent_fd, new_name); /* removed with the temporaries */
		rc = 0;
	} else {
		int saved = errno;
		if (renameat(parent_fd, old_name, parent_fd, base) == 0) {
			errno = saved;
			fail(err, errlen, "cannot rename %s/%s to %s/%s: %s", parent, new_name, parent, base,
			     strerror(saved));
		} else {
			*mixed = true;
			fail(err, errlen,
			     "cannot rename %s/%s to %s/%s (%s), nor put the old tree back: %s/%s does not "
			     "exist, "
			     "the old tree is %s/%s and the new one %s/%s",
			     parent, new_name, parent, base, strerror(saved), parent, base, parent, old_name,
			     parent, new_name);
		}
	}
	free(old_name);
	return rc;
}

static mode_t current_umask(void)
{
	mode_t m = umask(022);
	umask(m);
	return m;
}

int ecrc_emit_write(const char *dir, const struct ecrc_emit_output *out, char *err, size_t errlen)
{
	/* DIR = PARENT/BASE; a symbolic link to a directory stands for it */
	if (!*dir)
		return fail(err, errlen, "the output directory is an empty string; give -o DIR");
	char *path = NULL, *parent = NULL, *new_name = NULL;
	char **made = NULL;
	size_t n_made = 0;
	int parent_fd = -1, old_fd = -1, new_fd = -1, rc = -1;
	bool mixed = false, created = false, exists = false;
	struct stat st;
	if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode)) {
		path = realpath(dir, NULL);
		if (!path)
			return fail(err, errlen, "%s is a symbolic link that leads nowhere: %s", dir,
			            strerror(errno));
	} else {
		path = ecrc_xstrdup(dir);
	}
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		path[--len] = '\0';
	char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (strcmp(path, "/") == 0 || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		fail(err, errlen,
		     "cannot write into '%s': emit replaces its output directory as a whole; name a "
		     "directory of "
		     "its own (for example %s%secrc-out)",
		     dir, strcmp(path, "/") == 0 ? "/" : dir,
		     strcmp(path, "/") == 0 || dir[strlen(dir) - 1] == '/' ? "" : "/");
		goto out;
	}
	parent = slash ? (slash == path ? ecrc_xstrdup("/") : str_printf("%.*s", (int)(slash - path), path))
	               : ecrc_xstrdup(".");
	if (strcmp(parent, ".") != 0 && strcmp(parent, "/") != 0 &&
	    make_dirs(parent, &made, &n_made, err, errlen))
		goto out;
	parent_fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (parent_fd < 0) {
		fail(err, errlen, "cannot open directory %s: %s", parent, strerror(errno));
		goto out;
	}

	/* 1. what dead runs left */
	clean_dead_runs(parent_fd, base);

	exists = fstatat(parent_fd, base, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (exists && !S_ISDIR(st.st_mode)) {
		fail(err, errlen, "%s is not a directory", dir);
		goto out;
	}
	mode_t final_mode = exists ? (st.st_mode & 07777) : (0777 & ~current_umask());
	if (exists) {
		old_fd = openat(parent_fd, base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (old_fd < 0) {
			fail(err, errlen, "cannot open directory %s: %s", dir, strerror(errno));
			goto out;
		}
		if (check_old_tree(old_fd, dir, err, errlen))
			goto out;
	}

	/* 2. the new tree, beside the old one */
	new_name = tmp_name(base, "new", (long)getpid());
	if (mkdirat(parent_fd, new_name, 0700) != 0) {
		fail(err, errlen, "cannot create directory %s/%s: %s", parent, new_name, strerror(errno));
		goto out;
	}
	created = true;
	new_fd = openat(parent_fd, new_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (new_fd < 0) {
		fail(err, errlen, "cannot open directory %s/%s: %s", parent, new_name, strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < out->n_files; i++)
		if (write_at(new_fd, out->files[i].name, out->files[i].text, out->files[i].len,
		             out->files[i].secret ? 0600 : 0644, out->files[i].secret)) {
			fail(err, errlen, "cannot write %s/%s/%s: %s", parent, new_name, out->files[i].name,
			     strerror(errno));
			goto out;
		}
	if (exists && carry_over(old_fd, new_fd, out, dir, err, errlen))
		goto out;

	/* 3. on disk, with the final mode */
	if (sync_tree(new_fd, out) != 0) {
		fail(err, errlen, "cannot sync %s/%s: %s", parent, new_name, strerror(errno));
		goto out;
	}
	if (fchmod(new_fd, final_mode) != 0) {
		fail(err, errlen, "cannot set the mode of %s/%s: %s", parent, new_name, strerror(errno));
		goto out;
	}

	/* 4. swapped in */
	if (swap_in(parent_fd, parent, new_name, base, exists, err, errlen, &mixed))
		goto out;
	fsync(parent_fd);
	rc = 0;

out:
	/* 5. the old tree (after a swap) or the unfinished new one (after a
	 * failure) goes; so do directories this call made, on failure */
	if (created && !mixed)
		remove_tree(parent_fd, new_name);
	if (rc != 0 && !mixed) {
		for (size_t i = n_made; i-- > 0;)
			rmdir(made[i]);
	}
	if (new_fd >= 0)
		close(new_fd);
	if (old_fd >= 0)
		close(old_fd);
	if (parent_fd >= 0)
		close(parent_fd);
	for (size_t i = 0; i < n_made; i++)
		free(made[i]);
	free(made);
	free(new_name);
	free(parent);
	free(path);
	return mixed ? -2 : rc;
}
