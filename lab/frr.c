/*
 * frr.c: the FRR instances. Each router runs zebra, staticd, bfdd and bgpd
 * inside its namespace, in the foreground as children of ecrc (so the pids
 * the cleanup stops are the daemons' own), as FRR's own user, separated
 * with FRR's pathspace option (-N <router name>) and with every path that
 * could be shared (vty sockets, zebra's API socket, bfdd's control socket,
 * pid files, logs, config) pointed into the router's private directory.
 * The config is applied the way FRR's own init does, by vtysh, which hands
 * each daemon its part of the integrated file.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lab/lab.h"

#define DEFAULT_FRR_DIR "/usr/lib/frr"
#define START_TIMEOUT_MS 15000

static const char *const daemon_names[ECRC_LAB_N_DAEMONS] = {"zebra", "staticd", "bfdd", "bgpd"};

static int write_file(const char *path, const char *text, uid_t uid, gid_t gid, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	size_t len = strlen(text), off = 0;

	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	if (fchown(fd, uid, gid) != 0) {
		snprintf(err, errlen, "%s: chown: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return close(fd);
}

static char *path_of(const struct ecrc_lab_router *r, const char *file)
{
	struct ecrc_buf b = {0};

	ecrc_buf_printf(&b, "%s/%s", r->dir, file);
	return ecrc_buf_take(&b);
}

static int start_daemon(struct ecrc_lab_router *r, enum ecrc_lab_daemon d, const char *frr_dir, char *err,
                        size_t errlen)
{
	const char *name = daemon_names[d];
	char prog[512], pidf[64], logf[64], out[64];
	char *pid_path, *log_arg, *out_path, *zserv, *empty, *bfdctl;
	const char *argv[24];
	size_t n = 0;

	snprintf(prog, sizeof prog, "%s/%s", frr_dir, name);
	snprintf(pidf, sizeof pidf, "%s.pid", name);
	snprintf(logf, sizeof logf, "%s.log", name);
	snprintf(out, sizeof out, "%s.out", name);
	pid_path = path_of(r, pidf);
	out_path = path_of(r, out);
	zserv = path_of(r, "zserv.api");
	empty = path_of(r, "daemon.conf");
	bfdctl = path_of(r, "bfdd.sock");
	char *logp = path_of(r, logf);
	struct ecrc_buf lb = {0};
	ecrc_buf_printf(&lb, "file:%s", logp);
	log_arg = ecrc_buf_take(&lb);
	free(logp);

	argv[n++] = "ip";
	argv[n++] = "netns";
	argv[n++] = "exec";
	argv[n++] = r->name;
	argv[n++] = prog;
	argv[n++] = "-N";
	argv[n++] = r->name;
	argv[n++] = "-P"; /* no TCP vty */
	argv[n++] = "0";
	argv[n++] = "-f";
	argv[n++] = empty;
	argv[n++] = "--vty_socket";
	argv[n++] = r->dir;
	argv[n++] = "-z";
	argv[n++] = zserv;
	argv[n++] = "-i";
	argv[n++] = pid_path;
	argv[n++] = "--log";
	argv[n++] = log_arg;
	if (d == ECRC_LAB_BFDD) {
		argv[n++] = "--bfdctl";
		argv[n++] = bfdctl;
	}
	argv[n] = NULL;

	pid_t pid = ecrc_lab_spawn(argv, out_path);
	if (pid < 0)
		snprintf(err, errlen, "%s: cannot start %s: %s", r->id, prog, strerror(errno));
	else
		r->pid[d] = pid;
	free(pid_path);
	free(out_path);
	free(zserv);
	free(empty);
	free(bfdctl);
	free(log_arg);
	return pid < 0 ? -1 : 0;
}

/* The last lines a daemon wrote, for an error message. */
static void tail_of(const struct ecrc_lab_router *r, enum ecrc_lab_daemon d, char *buf, size_t n)
{
	char file[64];
	snprintf(file, sizeof file, "%s.out", daemon_names[d]);
	char *path = path_of(r, file);
	FILE *f = fopen(path, "r");
	size_t len = 0;

	buf[0] = '\0';
	free(path);
	if (!f)
		return;
	if (fseek(f, 0, SEEK_END) == 0) {
		long size = ftell(f);
		long from = size > (long)n - 1 ? size - ((long)n - 1) : 0;
		if (fseek(f, from, SEEK_SET) == 0)
			len = fread(buf, 1, n - 1, f);
	}
	buf[len] = '\0';
	while (len && (buf[len - 1] == '\n'))
		buf[--len] = '\0';
	fclose(f);
}

/* Waits until each listed daemon of every router answers on its vty. */
static int wait_vty(struct ecrc_lab *lab, const enum ecrc_lab_daemon *ds, size_t n_ds, char *err,
                    size_t errlen)
{
	int64_t deadline = ecrc_lab_now_ms() + START_TIMEOUT_MS;

	for (size_t i = 0; i < lab->n_routers; i++) {
		struct ecrc_lab_router *r = &lab->routers[i];
		for (size_t k = 0; k < n_ds; k++) {
			enum ecrc_lab_daemon d = ds[k];
			char file[32], verr[256];
			snprintf(file, sizeof file, "%s.vty", daemon_names[d]);
			char *path = path_of(r, file);
			while (!r->vty[d]) {
				int st;
				if (!ecrc_lab_alive(r->pid[d], &st)) {
					char tail[600];
					tail_of(r, d, tail, sizeof tail);
					snprintf(err, errlen, "%s: %s exited at start%s%s", r->id,
					         daemon_names[d], tail[0] ? ": " : "", tail);
					free(path);
					return -1;
				}
				r->vty[d] = ecrc_lab_vty_open(path, verr, sizeof verr);
				if (r->vty[d])
					break;
				if (ecrc_lab_now_ms() > deadline) {
					snprintf(err, errlen, "%s: %s did not open its vty within %d s (%s)",
					         r->id, daemon_names[d], START_TIMEOUT_MS / 1000, verr);
					free(path);
					return -1;
				}
				if (!ecrc_lab_sleep_ms(20)) {
					snprintf(err, errlen, "interrupted");
					free(path);
					return -1;
				}
			}
			free(path);
		}
	}
	return 0;
}

static int apply_config(struct ecrc_lab_router *r, char *err, size_t errlen)
{
	char *conf = path_of(r, "frr.conf");
	const char *argv[] = {"vtysh", "--config_dir", r->dir, "--vty_socket", r->dir, "-f", conf, NULL};
	struct ecrc_buf out = {0};
	int rc = ecrc_lab_run_cmd(argv, NULL, &out, 30000);

	if (rc != 0) {
		size_t len = out.len;
		while (len && out.p[len - 1] == '\n')
			len--;
		snprintf(err, errlen, "%s: FRR refused its config (vtysh -f %s, status %d)%s%.*s", r->id,
		         conf, rc, len ? ":\n" : "", (int)len, out.len ? out.p : "");
	}
	ecrc_buf_free(&out);
	free(conf);
	return rc == 0 ? 0 : -1;
}

int ecrc_lab_start_frr(struct ecrc_lab *lab, const struct ecrc_lab_options *opt, char *err, size_t errlen)
{
	const char *frr_dir = opt && opt->frr_dir ? opt->frr_dir : DEFAULT_FRR_DIR;
	struct passwd *pw = getpwnam("frr");

	if (!pw) {
		snprintf(err, errlen, "there is no user \"frr\": is FRR installed?");
		return -1;
	}
	uid_t uid = pw->pw_uid;
	gid_t gid = pw->pw_gid;
	/* The daemons run as frr: they must reach and write their directories. */
	if (chown(lab->base, uid, gid) != 0 || chmod(lab->base, 0750) != 0) {
		snprintf(err, errlen, "%s: %s", lab->base, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < lab->n_routers; i++) {
		struct ecrc_lab_router *r = &lab->routers[i];
		if (mkdir(r->dir, 0750) != 0 || chown(r->dir, uid, gid) != 0) {
			snprintf(err, errlen, "%s: %s", r->dir, strerror(errno));
			return -1;
		}
		char *conf = path_of(r, "frr.conf"), *vt = path_of(r, "vtysh.conf"),
		     *dc = path_of(r, "daemon.conf");
		int rc = write_file(conf, r->config, 0, gid, err, errlen);
		if (rc == 0)
			rc = write_file(vt, "! ecrc lab: vtysh settings (none)\n", 0, gid, err, errlen);
		if (rc == 0)
			rc = write_file(dc, "! ecrc lab: the config comes through vtysh -f frr.conf\n", uid,
			                gid, err, errlen);
		free(conf);
		free(vt);
		free(dc);
		if (rc != 0)
			return -1;
		/* FRR creates its pathspace directory under its state directory
		 * even when every path is overridden; remove it at the end. */
		char ps[256];
		snprintf(ps, sizeof ps, "/var/run/frr/%s", r->name);
		ecrc_lab_track_rmdir(ps);
	}

	/* zebra first (the others connect to it), then the rest. */
	static const enum ecrc_lab_daemon first[] = {ECRC_LAB_ZEBRA};
	static const enum ecrc_lab_daemon rest[] = {ECRC_LAB_STATICD, ECRC_LAB_BFDD, ECRC_LAB_BGPD};
	for (size_t i = 0; i < lab->n_routers; i++)
		if (start_daemon(&lab->routers[i], ECRC_LAB_ZEBRA, frr_dir, err, errlen) != 0)
			return -1;
	if (wait_vty(lab, first, 1, err, errlen) != 0)
		return -1;
	for (size_t i = 0; i < lab->n_routers; i++)
		for (size_t k = 0; k < sizeof rest / sizeof rest[0]; k++)
			if (start_daemon(&lab->routers[i], rest[k], frr_dir, err, errlen) != 0)
				return -1;
	if (wait_vty(lab, rest, sizeof rest / sizeof rest[0], err, errlen) != 0)
		return -1;

	char verr[128];
	char *ver = ecrc_lab_show(&lab->routers[0], ECRC_LAB_ZEBRA, "show version", verr, sizeof verr);
	if (ver) {
		const char *p = strstr(ver, "FRRouting ");
		if (p)
			sscanf(p + 10, "%31s", lab->frr_version);
		free(ver);
	}

	/* The cloud side first: a CPE's first connection then finds its VBR
	 * ready instead of waiting for a retry. */
	static const enum ecrc_lab_role order[] = {ECRC_LAB_ECR, ECRC_LAB_VBR, ECRC_LAB_CPE};
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < lab->n_routers; i++)
			if (lab->routers[i].role == order[k] &&
			    apply_config(&lab->routers[i], err, errlen) != 0)
				return -1;
	return 0;
}

char *ecrc_lab_show(struct ecrc_lab_router *r, enum ecrc_lab_daemon d, const char *cmd, char *err,
                    size_t errlen)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		int status;
		if (!r->vty[d]) {
			char file[32];
			snprintf(file, sizeof file, "%s.vty", daemon_names[d]);
			char *path = path_of(r, file);
			r->vty[d] = ecrc_lab_vty_open(path, err, errlen);
			free(path);
			if (!r->vty[d])
				return NULL;
		}
		char *out = ecrc_lab_vty_cmd(r->vty[d], cmd, &status, err, errlen);
		if (out) {
			if (status != 0) {
				snprintf(err, errlen, "%s %s: \"%s\" failed: %.200s", r->id, daemon_names[d],
				         cmd, out);
				free(out);
				return NULL;
			}
			return out;
		}
		ecrc_lab_vty_close(r->vty[d]);
		r->vty[d] = NULL;
	}
	return NULL;
}

void ecrc_lab_vty_close_all(struct ecrc_lab *lab)
{
	for (size_t i = 0; i < lab->n_routers; i++)
		for (int d = 0; d < ECRC_LAB_N_DAEMONS; d++) {
			ecrc_lab_vty_close(lab->routers[i].vty[d]);
			lab->routers[i].vty[d] = NULL;
		}
}
