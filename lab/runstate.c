/*
 * runstate.c: what each lab run created, recorded on disk as it creates it,
 * so that a run killed with SIGKILL (or a crash, a power cut) can be
 * cleaned up by the next run or by `ecrc lab --cleanup`.
 *
 * One state directory (ECRC_LAB_STATE_DIR, default /run/ecrc-lab) holds a
 * file per run, named after its pid, appended to line by line with
 * O_APPEND as the run goes (written data survives a SIGKILL):
 *   run PID START               the run itself (START: its start time, from
 *                               /proc/PID/stat, so a reused pid is no run)
 *   netns NAME                  a network namespace (its nftables tables,
 *                               veths and routes go with it)
 *   daemon PID START EXE        an FRR daemon, and the binary it runs
 *   dir PATH / rmdir PATH       a directory removed recursively / when empty
 * A run that ends normally removes its file after its own cleanup. A run
 * whose process is gone (no /proc/PID, or a different start time) is dead:
 * its daemons are killed, but only a process whose /proc/PID/exe is the
 * recorded FRR binary and whose start time matches (a pid reused since is
 * left alone), then its namespaces, directories and FRR's crash-log
 * directories are removed, then its file. Processes inside a dead run's
 * namespaces that were not recorded (killed between fork and record) are
 * found with `ip netns pids` and killed when they run an FRR binary.
 *
 * Runs from before the state directory existed, or killed before their
 * file was written, are found by name: namespaces ecrc-PID-* in /run/netns,
 * /var/run/frr/ecrc-PID-*, $TMPDIR/ecrc-lab-PID-*, for a PID that is not a
 * running process and has no state file of a live run.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lab/lab.h"

#define DEFAULT_STATE_DIR "/run/ecrc-lab"

static int state_fd = -1;
static pid_t state_owner;
static char state_path[PATH_MAX];

const char *ecrc_lab_state_dir(void)
{
	const char *d = getenv("ECRC_LAB_STATE_DIR");
	return d && *d ? d : DEFAULT_STATE_DIR;
}

/* Field 22 of /proc/PID/stat: when the process started (clock ticks after
 * boot); 0 when there is no such process. */
static unsigned long long start_time(long pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	char *p = strrchr(buf, ')'); /* the command name may hold blanks and ')' */
	if (!p)
		return 0;
	p++;
	for (int field = 3; field < 22 && p; field++) /* p: the blank before field 3 */
		p = strchr(p + 1, ' ');
	return p ? strtoull(p + 1, NULL, 10) : 0;
}

static void record(const char *fmt, ...) ECRC_PRINTF(1, 2);

static void record(const char *fmt, ...)
{
	pid_t self = getpid();
	if (state_fd >= 0 && state_owner != self) {
		/* a forked child: the record is the parent's to write */
		return;
	}
	if (state_fd < 0) {
		const char *dir = ecrc_lab_state_dir();
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return; /* not fatal: the by-name scan still finds most */
		snprintf(state_path, sizeof state_path, "%s/%ld", dir, (long)self);
		state_fd = open(state_path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
		if (state_fd < 0)
			return;
		state_owner = self;
		dprintf(state_fd, "run %ld %llu\n", (long)self, start_time(self));
	}
	char line[PATH_MAX + 64];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > 0 && (size_t)n < sizeof line)
		(void)!write(state_fd, line, (size_t)n); /* one write: one whole line */
}

void ecrc_lab_record_netns(const char *name)
{
	record("netns %s\n", name);
}

void ecrc_lab_record_dir(const char *path, bool recursive)
{
	record("%s %s\n", recursive ? "dir" : "rmdir", path);
}

void ecrc_lab_record_daemon(pid_t pid, const char *exe)
{
	record("daemon %ld %llu %s\n", (long)pid, start_time(pid), exe);
}

void ecrc_lab_record_done(void)
{
	if (state_fd < 0 || state_owner != getpid())
		return;
	close(state_fd);
	state_fd = -1;
	unlink(state_path);
}

/* ---- cleaning up after dead runs -------------------------------------------- */

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

static bool rm_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return false;
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return true;
}

static bool exe_is(long pid, const char *exe)
{
	char path[64], buf[PATH_MAX];
	snprintf(path, sizeof path, "/proc/%ld/exe", pid);
	ssize_t n = readlink(path, buf, sizeof buf - 1);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	return strcmp(buf, exe) == 0;
}

/* The binary a process runs, when it lies in dir (an FRR daemon). */
static bool exe_in_dir(long pid, const char *dir)
{
	char path[64], buf[PATH_MAX];
	snprintf(path, sizeof path, "/proc/%ld/exe", pid);
	ssize_t n = readlink(path, buf, sizeof buf - 1);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	size_t dl = strlen(dir);
	return strncmp(buf, dir, dl) == 0 && buf[dl] == '/' && !strchr(buf + dl + 1, '/');
}

struct dead_run {
	long pid;
	struct ecrc_buf log; /* what was removed, for the caller */
	size_t removed;
};

static void say(struct dead_run *r, const char *fmt, ...) ECRC_PRINTF(2, 3);

static void say(struct dead_run *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ecrc_buf_puts(&r->log, "  ");
	ecrc_buf_vprintf(&r->log, fmt, ap);
	ecrc_buf_putc(&r->log, '\n');
	va_end(ap);
	r->removed++;
}

/* SIGKILL, then up to 3 s for the process to be gone (it is not our child:
 * its parent, or init, reaps it). */
static void kill_and_wait(long pid)
{
	kill((pid_t)pid, SIGKILL);
	for (int i = 0; i < 150 && start_time(pid) != 0; i++) {
		char path[64], st[64] = "";
		snprintf(path, sizeof path, "/proc/%ld/stat", pid);
		FILE *f = fopen(path, "r");
		if (f) {
			if (!fgets(st, sizeof st, f))
				st[0] = '\0';
			fclose(f);
		}
		const char *z = strrchr(st, ')');
		if (z && z[1] == ' ' && z[2] == 'Z')
			break; /* a zombie holds nothing any more */
		struct timespec ts = {0, 20 * 1000000L};
		nanosleep(&ts, NULL);
	}
}

/* Every process in namespace ns whose binary lies in frr_dir. */
static void kill_in_netns(struct dead_run *r, const char *ns, const char *frr_dir)
{
	const char *argv[] = {"ip", "netns", "pids", ns, NULL};
	struct ecrc_buf out = {0};
	if (ecrc_lab_run_cmd(argv, NULL, &out, 10000) == 0 && out.p) {
		char *save = NULL;
		for (char *tok = strtok_r(out.p, "\n", &save); tok; tok = strtok_r(NULL, "\n", &save)) {
			long pid = strtol(tok, NULL, 10);
			if (pid > 1 && exe_in_dir(pid, frr_dir)) {
				kill_and_wait(pid);
				say(r, "killed process %ld in namespace %s", pid, ns);
			}
		}
	}
	ecrc_buf_free(&out);
}

static bool netns_exists(const char *name)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "/run/netns/%s", name);
	struct stat st;
	return lstat(path, &st) == 0;
}

static void del_netns(struct dead_run *r, const char *name)
{
	if (!netns_exists(name))
		return;
	const char *argv[] = {"ip", "netns", "del", name, NULL};
	struct ecrc_buf out = {0};
	if (ecrc_lab_run_cmd(argv, NULL, &out, 10000) == 0)
		say(r, "removed namespace %s", name);
	else
		say(r, "could not remove namespace %s: %s", name, out.p ? out.p : "");
	ecrc_buf_free(&out);
}

static char *dir_of(const char *path)
{
	char *d = ecrc_xstrdup(path);
	char *s = strrchr(d, '/');
	if (s)
		*s = '\0';
	return d;
}

/* One dead run's state file, replayed: daemons, then namespaces, then
 * directories, then the file itself. */
static void clean_recorded(struct dead_run *r, const char *file, const char *frr_dir)
{
	FILE *f = fopen(file, "r");
	if (!f)
		return;
	struct ecrc_buf nets = {0}, dirs = {0}, rmdirs = {0};
	char *exe_dir = NULL;
	char line[PATH_MAX + 64];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		long pid;
		unsigned long long st;
		int off = 0;
		if (sscanf(line, "daemon %ld %llu %n", &pid, &st, &off) == 2 && off > 0) {
			const char *exe = line + off;
			if (!exe_dir)
				exe_dir = dir_of(exe);
			if (start_time(pid) == st && st != 0 && exe_is(pid, exe)) {
				kill_and_wait(pid);
				say(r, "killed %s (pid %ld)", exe, pid);
			}
			/* FRR's crash-log buffers of that daemon */
			char crash[PATH_MAX];
			const char *base = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe;
			snprintf(crash, sizeof crash, "/var/tmp/frr/%s.%ld", base, pid);
			if (rm_tree(crash))
				say(r, "removed %s", crash);
		} else if (strncmp(line, "netns ", 6) == 0) {
			ecrc_buf_puts(&nets, line + 6);
			ecrc_buf_putc(&nets, '\n');
		} else if (strncmp(line, "dir ", 4) == 0) {
			ecrc_buf_puts(&dirs, line + 4);
			ecrc_buf_putc(&dirs, '\n');
		} else if (strncmp(line, "rmdir ", 6) == 0) {
			ecrc_buf_puts(&rmdirs, line + 6);
			ecrc_buf_putc(&rmdirs, '\n');
		}
	}
	fclose(f);
	char *save = NULL;
	for (char *ns = nets.p ? strtok_r(nets.p, "\n", &save) : NULL; ns; ns = strtok_r(NULL, "\n", &save)) {
		if (netns_exists(ns))
			kill_in_netns(r, ns, exe_dir ? exe_dir : frr_dir);
		del_netns(r, ns);
	}
	for (char *d = rmdirs.p ? strtok_r(rmdirs.p, "\n", &save) : NULL; d; d = strtok_r(NULL, "\n", &save))
		if (rmdir(d) == 0)
			say(r, "removed %s", d);
	for (char *d = dirs.p ? strtok_r(dirs.p, "\n", &save) : NULL; d; d = strtok_r(NULL, "\n", &save))
		if (rm_tree(d))
			say(r, "removed %s", d);
	ecrc_buf_free(&nets);
	ecrc_buf_free(&dirs);
	ecrc_buf_free(&rmdirs);
	free(exe_dir);
	unlink(file);
}

/* Is the run with this pid alive? With a state file, its start time must
 * match too; without one (an older run), a live pid counts. */
static bool run_alive(long pid)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%ld", ecrc_lab_state_dir(), pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return kill((pid_t)pid, 0) == 0 || errno == EPERM;
	long p = 0;
	unsigned long long st = 0;
	int got = fscanf(f, "run %ld %llu", &p, &st);
	fclose(f);
	if (got != 2)
		return kill((pid_t)pid, 0) == 0 || errno == EPERM;
	return st != 0 && start_time(pid) == st;
}

static struct dead_run *run_of(struct dead_run **runs, size_t *n, long pid)
{
	for (size_t i = 0; i < *n; i++)
		if ((*runs)[i].pid == pid)
			return &(*runs)[i];
	*runs = ecrc_xrealloc(*runs, (*n + 1) * sizeof **runs);
	struct dead_run *r = &(*runs)[(*n)++];
	memset(r, 0, sizeof *r);
	r->pid = pid;
	return r;
}

/* "ecrc-PID-..." or "ecrc-lab-PID-...": the PID, else 0. */
static long pid_in_name(const char *name, const char *prefix)
{
	size_t pl = strlen(prefix);
	if (strncmp(name, prefix, pl) != 0)
		return 0;
	char *end;
	long pid = strtol(name + pl, &end, 10);
	return end != name + pl && *end == '-' && pid > 0 ? pid : 0;
}

size_t ecrc_lab_clean_dead_runs(const char *frr_dir, FILE *log)
{
	struct dead_run *runs = NULL;
	size_t n_runs = 0, total = 0;
	pid_t self = getpid();

	/* 1. the recorded runs */
	const char *sd = ecrc_lab_state_dir();
	DIR *d = opendir(sd);
	if (d) {
		for (struct dirent *e; (e = readdir(d));) {
			char *end;
			long pid = strtol(e->d_name, &end, 10);
			if (pid <= 0 || *end || pid == self || run_alive(pid))
				continue;
			char file[PATH_MAX];
			snprintf(file, sizeof file, "%s/%s", sd, e->d_name);
			clean_recorded(run_of(&runs, &n_runs, pid), file, frr_dir);
		}
		closedir(d);
	}

	/* 2. by name: namespaces, FRR pathspaces, temporary directories */
	d = opendir("/run/netns");
	if (d) {
		for (struct dirent *e; (e = readdir(d));) {
			long pid = pid_in_name(e->d_name, "ecrc-");
			if (!pid || pid == self || run_alive(pid))
				continue;
			struct dead_run *r = run_of(&runs, &n_runs, pid);
			kill_in_netns(r, e->d_name, frr_dir);
			del_netns(r, e->d_name);
		}
		closedir(d);
	}
	d = opendir("/var/run/frr");
	if (d) {
		for (struct dirent *e; (e = readdir(d));) {
			long pid = pid_in_name(e->d_name, "ecrc-");
			if (!pid || pid == self || run_alive(pid))
				continue;
			char path[PATH_MAX];
			snprintf(path, sizeof path, "/var/run/frr/%s", e->d_name);
			if (rm_tree(path))
				say(run_of(&runs, &n_runs, pid), "removed %s", path);
		}
		closedir(d);
	}
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	d = opendir(tmp);
	if (d) {
		for (struct dirent *e; (e = readdir(d));) {
			long pid = pid_in_name(e->d_name, "ecrc-lab-");
			if (!pid || pid == self || run_alive(pid))
				continue;
			char path[PATH_MAX];
			snprintf(path, sizeof path, "%s/%s", tmp, e->d_name);
			if (rm_tree(path))
				say(run_of(&runs, &n_runs, pid), "removed %s", path);
		}
		closedir(d);
	}

	for (size_t i = 0; i < n_runs; i++) {
		if (runs[i].removed && log)
			fprintf(log, "ecrc lab: cleaned up after run %ld, which is gone:\n%s", runs[i].pid,
			        runs[i].log.p);
		total += runs[i].removed;
		ecrc_buf_free(&runs[i].log);
	}
	free(runs);
	return total;
}
