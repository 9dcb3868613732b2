/*
 * proc.c: how the lab runs programs (fork and exec of an argv array, never a
 * shell), and the cleanup list: every daemon it started (by pid), every
 * namespace and directory it created, removed on every way out: a normal
 * return, an error, a timeout, SIGINT/SIGTERM/SIGHUP (the handler only sets
 * a flag; every wait in the lab checks it) and exit() (atexit). What it
 * registers is also recorded on disk (runstate.c), for SIGKILL.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lab/lab.h"

/* ---- the cleanup list ----------------------------------------------------- */

struct tracked_pid {
	pid_t pid;
	char label[16]; /* the daemon's name, for FRR's crash-log directory */
	bool reaped;
};

struct strlist {
	char **v;
	size_t n, cap;
};

static struct {
	pid_t owner; /* only this process cleans up (not a forked child) */
	struct tracked_pid *pids;
	size_t n_pids, cap_pids;
	struct strlist netns, dirs, rmdirs;
	bool hooks;
} reg;

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

int ecrc_lab_interrupted(void)
{
	return (int)interrupted;
}

static void at_exit(void)
{
	ecrc_lab_cleanup();
}

void ecrc_lab_cleanup_init(void)
{
	struct sigaction sa;

	reg.owner = getpid();
	if (reg.hooks)
		return;
	reg.hooks = true;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: sleeps and reads return early */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	atexit(at_exit);
}

static void strlist_add(struct strlist *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = ecrc_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = ecrc_xstrdup(s);
}

static void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void track_pid(pid_t pid, const char *label)
{
	if (reg.n_pids == reg.cap_pids) {
		reg.cap_pids = reg.cap_pids ? 2 * reg.cap_pids : 32;
		reg.pids = ecrc_xrealloc(reg.pids, reg.cap_pids * sizeof(*reg.pids));
	}
	struct tracked_pid *t = &reg.pids[reg.n_pids++];
	memset(t, 0, sizeof *t);
	t->pid = pid;
	snprintf(t->label, sizeof t->label, "%s", label ? label : "");
}

static struct tracked_pid *find_pid(pid_t pid)
{
	for (size_t i = 0; i < reg.n_pids; i++)
		if (reg.pids[i].pid == pid)
			return &reg.pids[i];
	return NULL;
}

void ecrc_lab_track_netns(const char *name)
{
	strlist_add(&reg.netns, name);
	ecrc_lab_record_netns(name);
}

void ecrc_lab_track_dir(const char *path)
{
	strlist_add(&reg.dirs, path);
	ecrc_lab_record_dir(path, true);
}

void ecrc_lab_track_rmdir(const char *path)
{
	strlist_add(&reg.rmdirs, path);
	ecrc_lab_record_dir(path, false);
}

/* ---- time ------------------------------------------------------------------ */

int64_t ecrc_lab_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool ecrc_lab_sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	if (interrupted)
		return false;
	nanosleep(&ts, NULL); /* EINTR: a signal, checked below */
	return !interrupted;
}

/* ---- running programs ------------------------------------------------------- */

static void child_exec(const char *const *argv) ECRC_NORETURN;
static void child_exec(const char *const *argv)
{
	/* Restore what the lab changed for itself before the program runs. */
	union {
		const char *const *in;
		char *const *exec;
	} args = {argv}; /* execvp's prototype predates const */

	signal(SIGPIPE, SIG_DFL);
	execvp(argv[0], args.exec);
	dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

pid_t ecrc_lab_spawn(const char *const *argv, const char *log_path)
{
	const char *label = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	int fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);

	if (fd < 0)
		return -1;
	/* ip netns exec NS /usr/lib/frr/bgpd ...: the daemon is the last
	 * program named by path; `ip` execs it in place, so the pid is the
	 * daemon's. */
	for (size_t i = 1; argv[i]; i++)
		if (argv[i][0] == '/') {
			label = strrchr(argv[i], '/') + 1;
			break;
		}
	pid_t pid = fork();
	if (pid < 0) {
		close(fd);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		setpgid(0, 0); /* a terminal's Ctrl-C reaches ecrc, which stops the daemons in order */
		if (null >= 0)
			dup2(null, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		child_exec(argv);
	}
	close(fd);
	setpgid(pid, pid);
	track_pid(pid, label);
	/* on disk at once: the binary the daemon will run (ip execs it in
	 * place), which the next run checks before it kills this pid */
	const char *exe = argv[0];
	for (size_t i = 1; argv[i]; i++)
		if (argv[i][0] == '/') {
			exe = argv[i];
			break;
		}
	ecrc_lab_record_daemon(pid, exe);
	return pid;
}

bool ecrc_lab_alive(pid_t pid, int *status)
{
	struct tracked_pid *t = find_pid(pid);
	int st = 0;

	if (t && t->reaped)
		return false;
	pid_t r = waitpid(pid, &st, WNOHANG);
	if (r == 0)
		return true;
	if (t)
		t->reaped = true;
	if (status)
		*status = st;
	return false;
}

static void describe_status(struct ecrc_buf *out, const char *prog, int st)
{
	if (WIFSIGNALED(st))
		ecrc_buf_printf(out, "%s: killed by signal %d\n", prog, WTERMSIG(st));
}

static int pipe_cloexec(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

int ecrc_lab_run_cmd(const char *const *argv, const char *stdin_text, struct ecrc_buf *out, int timeout_ms)
{
	int outp[2], inp[2] = {-1, -1};

	if (pipe_cloexec(outp) != 0)
		return -1;
	if (stdin_text && pipe_cloexec(inp) != 0) {
		close(outp[0]);
		close(outp[1]);
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		close(outp[0]);
		close(outp[1]);
		if (stdin_text) {
			close(inp[0]);
			close(inp[1]);
		}
		return -1;
	}
	if (pid == 0) {
		/* Its own process group: a terminal's Ctrl-C reaches ecrc, which
		 * lets a short command (an `ip netns del` of the cleanup) finish. */
		setpgid(0, 0);
		if (stdin_text)
			dup2(inp[0], 0);
		else {
			int null = open("/dev/null", O_RDONLY);
			if (null >= 0)
				dup2(null, 0);
		}
		dup2(outp[1], 1);
		dup2(outp[1], 2);
		child_exec(argv);
	}
	close(outp[1]);
	if (stdin_text) {
		close(inp[0]);
		/* The texts the lab feeds (nft rule sets) are far below a pipe's
		 * capacity; a short write would only truncate the input, which the
		 * program then reports. */
		ssize_t w = write(inp[1], stdin_text, strlen(stdin_text));
		(void)w;
		close(inp[1]);
	}

	int64_t deadline = ecrc_lab_now_ms() + timeout_ms;
	bool timed_out = false;
	char buf[4096];
	for (;;) {
		int left = (int)(deadline - ecrc_lab_now_ms());
		if (left <= 0) {
			timed_out = true;
			break;
		}
		struct pollfd pfd = {outp[0], POLLIN, 0};
		int pr = poll(&pfd, 1, left);
		if (pr < 0 && errno == EINTR)
			continue; /* a signal: let the short command finish, the caller checks the flag */
		if (pr <= 0)
			continue;
		ssize_t n = read(outp[0], buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (out)
			ecrc_buf_putn(out, buf, (size_t)n);
	}
	close(outp[0]);
	int st = 0;
	if (timed_out)
		kill(pid, SIGKILL);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (timed_out) {
		if (out)
			ecrc_buf_printf(out, "%s: timed out after %d ms\n", argv[0], timeout_ms);
		return -1;
	}
	if (WIFEXITED(st))
		return WEXITSTATUS(st); /* 127: could not run (the message is in out) */
	if (out)
		describe_status(out, argv[0], st);
	return -1;
}

/* ---- the cleanup ------------------------------------------------------------ */

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

static void rm_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return;
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void stop_daemons(void)
{
	for (size_t i = 0; i < reg.n_pids; i++)
		if (!reg.pids[i].reaped)
			kill(reg.pids[i].pid, SIGTERM);
	int64_t deadline = ecrc_lab_now_ms() + 3000;
	for (;;) {
		bool running = false;
		for (size_t i = 0; i < reg.n_pids; i++) {
			struct tracked_pid *t = &reg.pids[i];
			int st;
			if (t->reaped)
				continue;
			pid_t r = waitpid(t->pid, &st, WNOHANG);
			if (r == t->pid || (r < 0 && errno == ECHILD))
				t->reaped = true;
			else
				running = true;
		}
		if (!running || ecrc_lab_now_ms() >= deadline)
			break;
		struct timespec ts = {0, 20 * 1000000L};
		nanosleep(&ts, NULL);
	}
	for (size_t i = 0; i < reg.n_pids; i++) {
		struct tracked_pid *t = &reg.pids[i];
		if (t->reaped)
			continue;
		kill(t->pid, SIGKILL);
		while (waitpid(t->pid, NULL, 0) < 0 && errno == EINTR)
			;
		t->reaped = true;
	}
	/* FRR keeps crash-log buffers in /var/tmp/frr/<daemon>.<pid> and removes
	 * them on a clean exit; remove what a killed daemon left. */
	for (size_t i = 0; i < reg.n_pids; i++) {
		char path[96];
		if (!reg.pids[i].label[0])
			continue;
		snprintf(path, sizeof path, "/var/tmp/frr/%s.%ld", reg.pids[i].label, (long)reg.pids[i].pid);
		rm_tree(path);
	}
	free(reg.pids);
	reg.pids = NULL;
	reg.n_pids = reg.cap_pids = 0;
}

void ecrc_lab_cleanup(void)
{
	if (reg.owner != getpid())
		return; /* a forked child before exec: not ours to clean */
	stop_daemons();
	for (size_t i = reg.netns.n; i-- > 0;) {
		const char *argv[] = {"ip", "netns", "del", reg.netns.v[i], NULL};
		struct ecrc_buf out = {0};
		if (ecrc_lab_run_cmd(argv, NULL, &out, 10000) != 0)
			fprintf(stderr, "ecrc lab: could not remove namespace %s: %s", reg.netns.v[i],
			        out.len ? out.p : "unknown error\n");
		ecrc_buf_free(&out);
	}
	for (size_t i = reg.rmdirs.n; i-- > 0;)
		rmdir(reg.rmdirs.v[i]);
	for (size_t i = reg.dirs.n; i-- > 0;)
		rm_tree(reg.dirs.v[i]);
	strlist_free(&reg.netns);
	strlist_free(&reg.rmdirs);
	strlist_free(&reg.dirs);
	ecrc_lab_record_done();
}
