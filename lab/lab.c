/*
 * lab.c: one lab run from start to end: plan the topology, write the
 * configs, ask the engine what it predicts, build the namespaces and links,
 * start FRR, wait for the sessions and routes, compare them with the
 * prediction, drill every physical connection, and tear everything down,
 * whatever happened on the way.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lab/lab.h"

#define DEFAULT_TIMEOUT_S 600
#define SESSION_TIMEOUT_MS 90000
#define ROUTE_TIMEOUT_MS 30000
#define SESSION_GRACE_MS 15000

static void progress(const struct ecrc_lab_options *opt, const char *fmt, ...) ECRC_PRINTF(2, 3);
static void progress(const struct ecrc_lab_options *opt, const char *fmt, ...)
{
	va_list ap;

	if (opt->quiet)
		return;
	fputs("ecrc lab: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void check(struct ecrc_lab_result *res, const char *kind, bool ok, const char *subject,
                  const char *fmt, ...) ECRC_PRINTF(5, 6);
static void check(struct ecrc_lab_result *res, const char *kind, bool ok, const char *subject,
                  const char *fmt, ...)
{
	va_list ap;

	if (!res->checks.arena)
		res->checks = (struct ecrc_verify_checks){.arena = ecrc_arena_new(), .keep_passed = true};
	va_start(ap, fmt);
	ecrc_verify_checks_vadd(&res->checks, kind, subject, ok, false, fmt, ap);
	va_end(ap);
	if (!ok)
		res->ok = false;
}

static void fail(struct ecrc_lab_result *res, const char *fmt, ...) ECRC_PRINTF(2, 3);
static void fail(struct ecrc_lab_result *res, const char *fmt, ...)
{
	struct ecrc_buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	ecrc_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(res->error);
	res->error = ecrc_buf_take(&b);
	res->ok = false;
}

/* ---- waiting for the lab to settle ------------------------------------------ */

static const struct ecrc_lab_expect_session *expected_session(const struct ecrc_lab_expect *e,
                                                              const char *uplink)
{
	for (size_t i = 0; e->ok && i < e->n_sessions; i++)
		if (strcmp(e->sessions[i].uplink, uplink) == 0)
			return &e->sessions[i];
	return NULL;
}

/* The sessions the engine predicts Established are (no prediction: all). */
static bool predicted_sessions_up(struct ecrc_lab *lab, const struct ecrc_lab_expect *e)
{
	char st[24];

	for (size_t i = 0; i < lab->n_circuits; i++) {
		const struct ecrc_lab_circuit *c = &lab->circuits[i];
		const struct ecrc_lab_expect_session *x = expected_session(e, c->uplink->id);
		if (x && !x->established)
			continue;
		for (int sd = 0; sd < 2; sd++)
			if (!ecrc_lab_bgp_state(lab, c, (enum ecrc_lab_side)sd, st, sizeof st) ||
			    strcmp(st, "Established") != 0)
				return false;
	}
	return true;
}

bool ecrc_lab_sessions_up(struct ecrc_lab *lab, const char **why)
{
	char st[24];

	for (size_t i = 0; i < lab->n_circuits; i++) {
		const struct ecrc_lab_circuit *c = &lab->circuits[i];
		for (int sd = 0; sd < 2; sd++) {
			if (!ecrc_lab_bgp_state(lab, c, (enum ecrc_lab_side)sd, st, sizeof st) ||
			    strcmp(st, "Established") != 0) {
				*why = c->uplink->id;
				return false;
			}
			if (c->cpe_bfd && c->vbr_bfd &&
			    (!ecrc_lab_bfd_state(lab, c, (enum ecrc_lab_side)sd, st, sizeof st) ||
			     strcmp(st, "up") != 0)) {
				*why = c->uplink->id;
				return false;
			}
		}
	}
	for (size_t i = 0; i < lab->n_trunks; i++) {
		const struct ecrc_lab_trunk *t = &lab->trunks[i];
		if (!ecrc_lab_bgp_peer_state(t->ecr_router, t->vbr_addr, st, sizeof st) ||
		    strcmp(st, "Established") != 0) {
			*why = t->vbr_router->id;
			return false;
		}
	}
	return true;
}

static const struct ecrc_lab_route *expected_route(const struct ecrc_lab_expect *e, const char *router,
                                                   struct ecrc_ipnet prefix)
{
	for (size_t i = 0; e && i < e->n_routes; i++)
		if (strcmp(e->routes[i].router, router) == 0 && ecrc_ipnet_equal(e->routes[i].prefix, prefix))
			return &e->routes[i];
	return NULL;
}

/* Until every route the engine predicts is there (or, without a
 * prediction, every listed route has a next hop), up to ROUTE_TIMEOUT_MS. */
static bool routes_settled(struct ecrc_lab *lab, const struct ecrc_lab_expect *e)
{
	struct ecrc_lab_route *v;
	size_t n;
	bool ok = true;

	ecrc_lab_read_routes(lab, &v, &n);
	for (size_t i = 0; i < n && ok; i++) {
		const struct ecrc_lab_route *x = e->ok ? expected_route(e, v[i].router, v[i].prefix) : NULL;
		ok = x ? ecrc_lab_same_next_hops(&v[i], x) : v[i].n_next_hops > 0;
	}
	ecrc_lab_routes_free(v, n);
	return ok;
}

/* ---- comparing with the engine --------------------------------------------------- */

static void check_sessions(const struct ecrc_lab_expect *e, struct ecrc_lab_result *res)
{
	for (size_t i = 0; i < res->n_sessions; i++) {
		const struct ecrc_lab_session *s = &res->sessions[i];
		const struct ecrc_lab_circuit *c = s->circuit;
		const char *up = c->uplink->id;
		const struct ecrc_lab_expect_session *x = expected_session(e, up);

		check(res, "session", s->established, up, "BGP %s on %s, %s on %s",
		      s->cpe_state[0] ? s->cpe_state : "absent", c->cpe_router->id,
		      s->vbr_state[0] ? s->vbr_state : "absent", c->vbr_router->id);
		if (s->bfd)
			check(res, "bfd", strcmp(s->bfd_state, "up") == 0, up, "BFD %s",
			      s->bfd_state[0] ? s->bfd_state : "absent");
		if (!x || !s->established)
			continue;
		check(res, "session-timers", s->hold_s == x->hold_s && s->keepalive_s == x->cpe_keepalive_s,
		      up, "FRR negotiated hold %u s, keepalive %u s; the engine %u s, %u s",
		      (unsigned)s->hold_s, (unsigned)s->keepalive_s, (unsigned)x->hold_s,
		      (unsigned)x->cpe_keepalive_s);
		if (s->bfd && x->bfd)
			check(res, "bfd-detect",
			      s->cpe_detect_ms == x->cpe_detect_ms && s->vbr_detect_ms == x->vbr_detect_ms,
			      up, "FRR detects after %u ms on %s, %u ms on %s; the engine %u ms, %u ms",
			      (unsigned)s->cpe_detect_ms, c->cpe_router->id, (unsigned)s->vbr_detect_ms,
			      c->vbr_router->id, (unsigned)x->cpe_detect_ms, (unsigned)x->vbr_detect_ms);
	}
}

static void route_subject(const struct ecrc_lab_route *r, char *buf, size_t n)
{
	char p[19];

	snprintf(buf, n, "%s %s", r->router, ecrc_fmt_ipnet(r->prefix, p));
}

static void check_routes(const struct ecrc_lab *lab, const struct ecrc_lab_expect *e,
                         struct ecrc_lab_result *res)
{
	for (size_t i = 0; i < res->n_routes; i++) {
		const struct ecrc_lab_route *r = &res->routes[i];
		const struct ecrc_lab_route *x = e->ok ? expected_route(e, r->router, r->prefix) : NULL;
		const struct ecrc_lab_router *router = ecrc_lab_router_find(lab, r->router);
		char subject[96];

		route_subject(r, subject, sizeof subject);
		if (!x) {
			check(res, "route", r->n_next_hops > 0, subject,
			      "%zu next hops in FRR; no prediction", r->n_next_hops);
			continue;
		}
		if (router && router->role == ECRC_LAB_ECR)
			check(res, "ecmp-width", r->n_next_hops == x->n_next_hops, subject,
			      "%zu of %zu paths in FRR", r->n_next_hops, x->n_next_hops);
		check(res, "route", ecrc_lab_same_next_hops(r, x), subject,
		      "next hops in FRR %s the engine's",
		      ecrc_lab_same_next_hops(r, x) ? "equal" : "differ from");
	}
}

static bool within(int64_t v, int64_t lo, int64_t hi)
{
	return v >= 0 && (lo < 0 || v >= lo) && (hi < 0 || v <= hi);
}

/* The slack around one side's window [best, bound] (docs/lab.md,
 * "Agreement"): what the measurement itself can add or take away, the
 * longest polling round (a state change is seen up to one round late) and
 * the time the drop took to put in (t0 is taken after it: the failure may
 * have begun that much earlier), plus a tenth of the window's width, which
 * is the interval of the detector (the remote's BFD transmit interval, or
 * its keepalive): FRR's timers fire late by their own scheduling, bgpd's
 * hold timer has a granularity of a second. It scales with the interval:
 * 30 ms on a 300 ms BFD session, 5 ms on 50 ms, 1 s on keepalive 10 s. */
static int64_t side_slack(const struct ecrc_lab_drill *d, const struct ecrc_lab_expect_side *s)
{
	int64_t width = s->bound_ms >= 0 && s->best_ms >= 0 ? s->bound_ms - s->best_ms : 0;
	return d->poll_max_ms + d->drop_ms + width / 10;
}

/* A side agrees when it was seen within [best - slack, bound + slack]. */
static bool side_agrees(const struct ecrc_lab_drill *d, int64_t measured,
                        const struct ecrc_lab_expect_side *s)
{
	if (measured < 0 || s->bound_ms < 0)
		return measured < 0 && s->bound_ms < 0;
	int64_t slack = side_slack(d, s);
	return within(measured, s->best_ms - slack, s->bound_ms + slack);
}

static void next_hops_text(const struct ecrc_lab_route *r, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	if (r->n_next_hops == 0) {
		snprintf(buf, n, "no route");
		return;
	}
	for (size_t i = 0; i < r->n_next_hops && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ", " : "via ", r->next_hops[i]);
}

/* After the failure, with the drop still in place, every route the lab
 * reads must be what the engine has once its drill settled: the ECR's
 * remaining ECMP set (or the standby), the CPEs' cloud routes over the
 * surviving circuits, nothing else moved. One check per drill, naming the
 * first route that differs; a difference makes the drill disagree. */
static void judge_routes_after(struct ecrc_lab_drill *d, struct ecrc_lab_result *res)
{
	const struct ecrc_lab_expect_drill *x = d->expect;
	size_t differ = 0;
	char first[320] = "", subject[96];

	for (size_t i = 0; i < x->n_routes_after; i++) {
		const struct ecrc_lab_route *want = &x->routes_after[i];
		struct ecrc_lab_route none = {.router = want->router, .prefix = want->prefix};
		const struct ecrc_lab_route *got = &none;
		for (size_t k = 0; k < d->n_routes_after; k++)
			if (strcmp(d->routes_after[k].router, want->router) == 0 &&
			    ecrc_ipnet_equal(d->routes_after[k].prefix, want->prefix))
				got = &d->routes_after[k];
		if (ecrc_lab_same_next_hops(got, want))
			continue;
		if (differ++ == 0) {
			char g[64], w[64];
			route_subject(want, subject, sizeof subject);
			next_hops_text(got, g, sizeof g);
			next_hops_text(want, w, sizeof w);
			snprintf(first, sizeof first, ": %s %s in FRR, %s in the engine", subject, g, w);
		}
	}
	if (differ)
		d->agrees = false;
	check(res, "drill-routes", differ == 0, d->name,
	      "%zu of %zu routes after the failure %s the engine's%s", differ ? differ : x->n_routes_after,
	      x->n_routes_after, differ ? "differ from" : "equal", first);
}

/* The drill agrees when it was detected the same way, each side within
 * its own [best - slack, bound + slack], and the ECR converged within the
 * VBR's window plus the cloud's processing (docs/lab.md, "When a drill
 * agrees with the engine"). */
void ecrc_lab_judge_drill(struct ecrc_lab_drill *d, struct ecrc_lab_result *res)
{
	const struct ecrc_lab_expect_drill *x = d->expect;
	char why[256] = "";

	if (!x) {
		d->agrees = false;
		check(res, "drill", false, d->name, "no prediction from the engine");
		return;
	}
	d->agrees = true;
	if (!d->detected_by && !x->detected_by) {
		/* No session on the connection: nothing to detect, on either side. */
		check(res, "drill", true, d->name,
		      "nothing to detect: no session runs over it, as the engine says");
		return;
	}
	if (!d->detected_by || !x->detected_by || strcmp(d->detected_by, x->detected_by) != 0) {
		d->agrees = false;
		snprintf(why, sizeof why, "; detected by %s, the engine says %s",
		         d->detected_by ? d->detected_by : "nothing",
		         x->detected_by ? x->detected_by : "nothing");
	} else if (!side_agrees(d, d->cpe_detect_ms, &x->cpe) || !side_agrees(d, d->vbr_detect_ms, &x->vbr)) {
		d->agrees = false;
		snprintf(why, sizeof why,
		         "; a side outside its window: cpe %lld in [%lld, %lld] +- %lld, vbr %lld in [%lld, "
		         "%lld] +- %lld",
		         (long long)d->cpe_detect_ms, (long long)x->cpe.best_ms, (long long)x->cpe.bound_ms,
		         (long long)side_slack(d, &x->cpe), (long long)d->vbr_detect_ms,
		         (long long)x->vbr.best_ms, (long long)x->vbr.bound_ms,
		         (long long)side_slack(d, &x->vbr));
	} else if (d->ecr_converged_ms >= 0 && x->vbr.bound_ms >= 0) {
		/* convergence, not only detection: the ECR moves after the VBR
		 * detects plus the cloud's processing (the engine's calibrated
		 * per-hop delay; FRR under load took up to 2.5 times it) */
		int64_t hop = ECRC_ENGINE_CLOUD_HOP_DELAY_US / 1000, slack = side_slack(d, &x->vbr);
		if (!within(d->ecr_converged_ms, x->vbr.best_ms - slack, x->vbr.bound_ms + 3 * hop + slack)) {
			d->agrees = false;
			snprintf(why, sizeof why,
			         "; the ECR converged after %lld ms, outside [%lld, %lld] ms",
			         (long long)d->ecr_converged_ms, (long long)(x->vbr.best_ms - slack),
			         (long long)(x->vbr.bound_ms + 3 * hop + slack));
		}
	}
	judge_routes_after(d, res);
	check(res, "drill", d->agrees, d->name,
	      "detected by %s after %lld ms (cpe %lld, vbr %lld); engine %lld ms, best %lld, bound %lld%s",
	      d->detected_by ? d->detected_by : "nothing", (long long)d->detect_ms,
	      (long long)d->cpe_detect_ms, (long long)d->vbr_detect_ms, (long long)x->detect_ms,
	      (long long)x->detect_best_ms, (long long)x->detect_bound_ms, why);
}

size_t ecrc_lab_drill_targets(const struct ecrc_lab *lab, const char **out)
{
	size_t n = 0;

	for (const struct ecrc_region *rg = lab->design->cloud->regions; rg; rg = rg->next)
		for (const struct ecrc_physical_connection *pc = rg->connections; pc; pc = pc->next)
			for (size_t i = 0; i < lab->n_circuits; i++)
				if (strcmp(lab->circuits[i].uplink->connection_id, pc->id) == 0) {
					out[n++] = pc->id;
					break;
				}
	return n;
}

/* ---- the run ---------------------------------------------------------------------- */

int ecrc_lab_prepare(struct ecrc_lab *lab, const struct ecrc_design *d, const char *base,
                     struct ecrc_diags *diags, char *err, size_t errlen)
{
	if (ecrc_lab_plan(lab, d, base, err, errlen) != 0)
		return -1;
	for (size_t i = 0; i < lab->n_routers; i++) {
		struct ecrc_lab_router *r = &lab->routers[i];
		if (r->role != ECRC_LAB_CPE)
			ecrc_lab_cloud_config(lab, r);
		else if (ecrc_lab_cpe_config(lab, r, diags) != 0) {
			snprintf(err, errlen, "%s: cannot compile its frr config (see the errors above)",
			         r->id);
			return -1;
		}
	}
	return 0;
}

/* Namespaces of an earlier run that could not clean up (killed with
 * SIGKILL, a crash): named ecrc-<pid>-... for a pid that no longer runs.
 * The lab does not touch them (their daemons may still run); it says how
 * to remove them. */
static void warn_leftovers(const struct ecrc_lab_options *opt)
{
	DIR *dir = opendir("/run/netns");
	struct dirent *de;
	size_t n = 0;

	if (!dir)
		return;
	while ((de = readdir(dir)) != NULL) {
		long pid;
		int end = 0;
		if (sscanf(de->d_name, "ecrc-%ld-%n", &pid, &end) != 1 || end == 0 || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		if (n++ == 0)
			progress(opt, "namespaces left by an earlier run that was killed (remove each with\n"
			              "  'ip netns pids NAME | xargs -r kill; ip netns del NAME'):");
		progress(opt, "  %s", de->d_name);
	}
	closedir(dir);
}

static int make_base(struct ecrc_lab *lab, char *err, size_t errlen)
{
	const char *tmp = getenv("TMPDIR");
	struct ecrc_buf b = {0};

	if (!tmp || !*tmp)
		tmp = "/tmp";
	ecrc_buf_printf(&b, "%s/ecrc-lab-%ld-XXXXXX", tmp, (long)getpid());
	char *path = ecrc_buf_take(&b);
	if (!mkdtemp(path)) {
		snprintf(err, errlen, "cannot create a temporary directory in %s: %s", tmp, strerror(errno));
		free(path);
		return -1;
	}
	ecrc_lab_track_dir(path);
	lab->base = ecrc_arena_strdup(lab->arena, path);
	free(path);
	return 0;
}

static int run(const struct ecrc_design *d, const struct ecrc_lab_options *opt, struct ecrc_lab *lab,
               struct ecrc_lab_expect *expect, struct ecrc_lab_result *res, struct ecrc_diags *diags)
{
	char err[4096];
	int64_t start = ecrc_lab_now_ms();
	int64_t deadline = start + (int64_t)(opt->timeout_s ? opt->timeout_s : DEFAULT_TIMEOUT_S) * 1000;

	warn_leftovers(opt);
	if (make_base(lab, err, sizeof err) != 0 ||
	    ecrc_lab_prepare(lab, d, lab->base, diags, err, sizeof err) != 0) {
		fail(res, "%s", err);
		return -1;
	}
	/* the CPEs lowered without errors just now: the prediction's own
	 * lowering (secrets redacted) has nothing new to say */
	struct ecrc_diags scratch;
	ecrc_diags_init(&scratch);
	ecrc_lab_predict(lab, expect, &scratch);
	ecrc_diags_free(&scratch);
	if (!expect->ok)
		progress(opt, "no prediction from the engine: %s", expect->message);

	progress(opt, "building %zu namespaces, %zu circuits, %zu VBR-ECR links", lab->n_routers,
	         lab->n_circuits, lab->n_trunks);
	if (ecrc_lab_build_network(lab, err, sizeof err) != 0) {
		fail(res, "%s", ecrc_lab_interrupted() ? "interrupted" : err);
		return -1;
	}
	if (!lab->vlan && lab->vlan_probed)
		progress(opt, "the kernel has no 802.1Q: circuits are untagged veth pairs");
	progress(opt, "network built in %.1f s; starting FRR (%zu daemons)",
	         (double)(ecrc_lab_now_ms() - start) / 1000.0, lab->n_routers * ECRC_LAB_N_DAEMONS);
	int64_t frr_start = ecrc_lab_now_ms();
	if (ecrc_lab_start_frr(lab, opt, err, sizeof err) != 0) {
		fail(res, "%s", ecrc_lab_interrupted() ? "interrupted" : err);
		return -1;
	}

	progress(opt, "FRR running and configured in %.1f s; inspect a router while it runs with",
	         (double)(ecrc_lab_now_ms() - frr_start) / 1000.0);
	progress(opt, "  vtysh -N %s --vty_socket %s --config_dir %s", lab->routers[0].name, lab->base,
	         lab->base);
	progress(opt, "waiting for the sessions");
	const char *why = NULL;
	int64_t t = ecrc_lab_now_ms(), by = t + SESSION_TIMEOUT_MS;
	if (by > deadline)
		by = deadline;
	/* Sessions the engine predicts down get a grace period once the
	 * others are up, not the whole wait. */
	int64_t grace = -1;
	while (!ecrc_lab_sessions_up(lab, &why) && ecrc_lab_now_ms() < by) {
		if (grace < 0 && predicted_sessions_up(lab, expect)) {
			grace = ecrc_lab_now_ms() + SESSION_GRACE_MS;
			if (grace < by)
				by = grace;
		}
		if (!ecrc_lab_sleep_ms(200)) {
			fail(res, "interrupted");
			return -1;
		}
	}
	bool up = ecrc_lab_sessions_up(lab, &why);
	progress(opt, up ? "sessions up after %.1f s" : "sessions still not up after %.1f s",
	         (double)(ecrc_lab_now_ms() - t) / 1000.0);
	if (up) {
		int64_t rby = ecrc_lab_now_ms() + ROUTE_TIMEOUT_MS;
		while (!routes_settled(lab, expect) && ecrc_lab_now_ms() < rby &&
		       ecrc_lab_now_ms() < deadline)
			if (!ecrc_lab_sleep_ms(200)) {
				fail(res, "interrupted");
				return -1;
			}
	}

	res->sessions = ecrc_xcalloc(lab->n_circuits + 1, sizeof(*res->sessions));
	for (size_t i = 0; i < lab->n_circuits; i++)
		ecrc_lab_read_session(lab, &lab->circuits[i], &res->sessions[res->n_sessions++]);
	ecrc_lab_read_routes(lab, &res->routes, &res->n_routes);
	check_sessions(expect, res);
	check_routes(lab, expect, res);

	if (!up && !opt->keep_going) {
		progress(opt, "not drilling: a session is down (--keep-going drills anyway)");
		return 0;
	}
	const char **targets = ecrc_xcalloc(lab->n_circuits + 1, sizeof(*targets));
	size_t n_targets = ecrc_lab_drill_targets(lab, targets);
	res->drills = ecrc_xcalloc(n_targets + 1, sizeof(*res->drills));
	for (size_t i = 0; i < n_targets; i++) {
		struct ecrc_lab_drill *dr = &res->drills[res->n_drills];
		progress(opt, "drill %zu of %zu: silent failure of %s", i + 1, n_targets, targets[i]);
		int rc = ecrc_lab_drill(lab, targets[i], res->routes, res->n_routes, up, deadline, dr, err,
		                        sizeof err);
		res->n_drills++;
		for (size_t k = 0; expect->ok && k < expect->n_drills; k++)
			if (strcmp(expect->drills[k].name, targets[i]) == 0)
				dr->expect = &expect->drills[k];
		ecrc_lab_judge_drill(dr, res);
		if (rc != 0) {
			fail(res, "%s", ecrc_lab_interrupted() ? "interrupted" : err);
			free(targets);
			return -1;
		}
		if (dr->detected_by)
			progress(opt,
			         "  detected after %lld ms (%s), converged after %lld ms, back after %.1f s",
			         (long long)dr->detect_ms, dr->detected_by, (long long)dr->converged_ms,
			         (double)dr->recovered_ms / 1000.0);
		else
			progress(opt, "  not detected");
	}
	free(targets);
	return 0;
}

int ecrc_lab_run(const struct ecrc_design *d, const struct ecrc_lab_options *opt, struct ecrc_lab *lab,
                 struct ecrc_lab_expect *expect, struct ecrc_lab_result *res, struct ecrc_diags *diags)
{
	int rc;

	memset(res, 0, sizeof *res);
	memset(expect, 0, sizeof *expect);
	res->ok = true;
	if (!lab->arena)
		lab->arena = ecrc_arena_new();
	ecrc_lab_cleanup_init();
	rc = run(d, opt, lab, expect, res, diags);
	if (rc == 0 && ecrc_lab_interrupted()) {
		fail(res, "interrupted");
		rc = -1;
	}
	progress(opt, "tearing down");
	ecrc_lab_vty_close_all(lab);
	ecrc_lab_cleanup();
	return rc;
}

void ecrc_lab_result_free(struct ecrc_lab_result *res)
{
	for (size_t i = 0; i < res->n_drills; i++)
		ecrc_lab_routes_free(res->drills[i].routes_after, res->drills[i].n_routes_after);
	free(res->drills);
	free(res->sessions);
	ecrc_lab_routes_free(res->routes, res->n_routes);
	ecrc_verify_checks_free(&res->checks);
	ecrc_arena_free(res->checks.arena);
	free(res->error);
	memset(res, 0, sizeof *res);
}

void ecrc_lab_expect_free(struct ecrc_lab_expect *e)
{
	if (e->arena)
		ecrc_arena_free(e->arena);
	memset(e, 0, sizeof *e);
}

void ecrc_lab_free(struct ecrc_lab *lab)
{
	for (size_t i = 0; i < lab->n_routers; i++)
		free(lab->routers[i].config);
	if (lab->arena)
		ecrc_arena_free(lab->arena);
	memset(lab, 0, sizeof *lab);
}
