/*
 * verify_cmd.c: `ecrc verify [options] DESIGN`. Lints the design, lowers
 * every CPE to its IR, builds the engine (cli/verify.c), converges, checks
 * the intent (sessions up, ECMP width or the primary, routes in every VPC
 * and CPE), runs the drills, then reports in text or JSON.
 *
 * Everything is computed first into plain records (struct report), then
 * printed by one of two printers. The JSON printer streams with a small
 * writer in jansson's layout (two-space indent, documented field order):
 * a large design's report has hundreds of thousands of entries, and
 * building them as json_t trees took most of the run.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "emit/emit.h"
#include "engine/engine.h"

static void help(FILE *out)
{
	fputs("usage: ecrc verify [options] DESIGN\n\n"
	      "Runs the reference BGP/BFD engine over a design: lint first, then every CPE\n"
	      "compiled in memory (as `ecrc emit` would) and simulated together with the\n"
	      "cloud side, deterministically, on a virtual clock. Reports each BGP session\n"
	      "(negotiated hold and keepalive), each BFD session (intervals, detection time\n"
	      "on each side), the routes the ECRs, transit routers and VPCs hold for the data\n"
	      "center prefixes and the routes the CPEs hold for the VPC CIDRs, then drills:\n"
	      "how each failure is detected, on which side, after how long, when forwarding\n"
	      "converges, what remains, and whether everything stays reachable.\n"
	      "docs/engine.md describes the model and its assumptions.\n\n"
	      "options:\n"
	      "  --drill=WHICH        none, circuits (default: each physical connection fails\n"
	      "                       silently, one at a time) or all (adds each CPE down and\n"
	      "                       each BGP session reset)\n"
	      "  --fail=F[,F...]      one custom drill of simultaneous failures, each F one of\n"
	      "                         CONNECTION           the physical connection fails silently\n"
	      "                         CPE                  the CPE stops\n"
	      "                         silent:CONNECTION    as the first\n"
	      "                         carrier:CONNECTION   the connection goes down (both ends notice)\n"
	      "                         down:CPE             as the second\n"
	      "                         reset:UPLINK         the CPE resets that uplink's BGP session\n"
	      "                       alone, --fail replaces the default drills; with --drill,\n"
	      "                       it runs after them\n"
	      "  --seed=N             the engine's random seed (BFD and keepalive jitter, drill\n"
	      "                       instants); default 1: the same design and seed give the\n"
	      "                       same report\n"
	      "  --format=FMT         text (default) or json\n"
	      "  --trace              include the engine's event timeline\n"
	      "  -h, --help           this text\n\n"
	      "exit status: 0 every check passed; 1 a session does not establish, a prefix\n"
	      "expected to be ECMP has fewer paths (or, active-standby, does not use the\n"
	      "primary), a route is missing, a drill loses reachability or exceeds the data\n"
	      "center's max-failover-ms, or lint found errors (verify still simulates when\n"
	      "they leave the model intact); 2 the design could not be read or compiled;\n"
	      "3 usage error.\n",
	      out);
}


/* ---- the report, as computed -------------------------------------------------------------- */

struct lines {
	const char **v;
	size_t n, cap;
};

struct vcheck {
	const char *check, *subject, *message;
	bool ok, warning;
};

struct vroute {
	const char *router;
	struct ecrc_ipnet asked, prefix; /* the prefix asked about, and the route that covers it */
	bool present;
	const char **hops;
	size_t n_hops;
	const char *as_path;
};

struct drill {
	char *name;
	struct ecrc_engine_failure *f;
	size_t n;
};

struct vdrill {
	const struct drill *spec;
	struct ecrc_engine_drill_result r;
	bool ran, ok, has_max;
	uint32_t max_ms;
	const char *error;           /* the engine refused it */
	struct lines trace;
};

struct report {
	struct ecrc_arena *a;        /* every string and array below but the engine's */
	const char *design;
	uint64_t seed;
	size_t lint_errors, lint_warnings;
	uint64_t converge_us, converge_events;
	struct ecrc_engine_session_info *sessions;
	size_t n_sessions;
	struct vroute *routes;
	size_t n_routes;
	struct vdrill *drills;
	size_t n_drills;
	struct vcheck *checks;
	size_t n_checks, cap_checks, n_failed, n_warned;
	size_t n_passed_unlisted;
	bool tracing;
	bool all_checks;             /* keep passing checks too (JSON lists them; text only counts) */
	struct lines trace;          /* the convergence's */
	struct lines *trace_into;    /* where the engine's timeline goes now, or NULL */
	/* the routers the routes section shows (sorted): routes_after keeps to them */
	const char **shown;
	size_t n_shown;
};

static void lines_add(struct lines *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = ecrc_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = s;
}

static void on_trace(void *ctx, uint64_t time_us, const char *line)
{
	struct report *rp = ctx;
	if (rp->trace_into)
		lines_add(rp->trace_into, ecrc_arena_printf(rp->a, "%" PRIu64 ".%06" PRIu64 " %s", time_us / 1000000,
							    time_us % 1000000, line));
}

static void check(struct report *rp, const char *name, const char *subject, bool ok, bool warning, const char *fmt,
		  ...) ECRC_PRINTF(6, 7);

/* Whether a check's record is needed: a passing one is only counted when
 * the report does not list passing checks (formatting it would be most of
 * the run on a large design). */
static bool keep_check(struct report *rp, bool ok)
{
	if (ok && !rp->all_checks) {
		rp->n_passed_unlisted++;
		return false;
	}
	return true;
}

static void check(struct report *rp, const char *name, const char *subject, bool ok, bool warning, const char *fmt,
		  ...)
{
	if (!keep_check(rp, ok))
		return;
	if (rp->n_checks == rp->cap_checks) {
		rp->cap_checks = rp->cap_checks ? rp->cap_checks * 2 : 64;
		rp->checks = ecrc_xrealloc(rp->checks, rp->cap_checks * sizeof(*rp->checks));
	}
	va_list ap;
	va_start(ap, fmt);
	rp->checks[rp->n_checks++] = (struct vcheck){
		.check = name,
		.subject = ecrc_arena_strdup(rp->a, subject),
		.message = ecrc_arena_vprintf(rp->a, fmt, ap),
		.ok = ok,
		.warning = warning,
	};
	va_end(ap);
	if (!ok)
		*(warning ? &rp->n_warned : &rp->n_failed) += 1;
}

static void join(char *buf, size_t n, const char *const *v, size_t k)
{
	buf[0] = '\0';
	for (size_t i = 0; i < k; i++) {
		strncat(buf, i ? ", " : "", n - strlen(buf) - 1);
		strncat(buf, v[i], n - strlen(buf) - 1);
	}
}

static uint64_t to_ms(uint64_t us)
{
	return (us + 500) / 1000;
}

/* ---- sessions ------------------------------------------------------------------------------- */

static void do_sessions(struct report *rp, struct ecrc_engine *E)
{
	rp->n_sessions = ecrc_engine_n_sessions(E);
	rp->sessions = ecrc_arena_alloc(rp->a, (rp->n_sessions ? rp->n_sessions : 1) * sizeof(*rp->sessions));
	for (size_t i = 0; i < rp->n_sessions; i++) {
		struct ecrc_engine_session_info *s = &rp->sessions[i];
		ecrc_engine_session(E, i, s);
		if (s->established)
			check(rp, "session-established", s->uplink_id, true, false, "hold %u s, keepalive %u s", s->hold_s,
			      s->cpe_keepalive_s);
		else
			check(rp, "session-established", s->uplink_id, false, false, "%s", s->reason);
		if (s->bfd_cpe != s->bfd_vbr)
			check(rp, "bfd-up", s->uplink_id, false, true,
			      "BFD on the %s only: it never comes up, the hold time (%u s) detects failures",
			      s->bfd_cpe ? "CPE" : "VBR", s->hold_s);
		else if (s->bfd_cpe && s->established)
			check(rp, "bfd-up", s->uplink_id,
			      s->bfd_cpe_state == ECRC_BFD_UP && s->bfd_vbr_state == ECRC_BFD_UP, false,
			      "detection %u ms on the CPE, %u ms on the VBR", s->cpe_detect_ms, s->vbr_detect_ms);
	}
}

/* ---- routes ----------------------------------------------------------------------------------- */

struct want {
	const char *router;
	int rank;                    /* ECRs, transit routers, VPCs, CPEs */
	size_t order;                /* document order within the rank */
	struct ecrc_ipnet prefix;
	bool lpm;                    /* a CPE's route for a VPC CIDR: longest match */
};

struct wants {
	struct want *v;
	size_t n, cap;
};

static void want(struct wants *w, const char *router, int rank, size_t order, struct ecrc_ipnet p, bool lpm)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		w->v = ecrc_xrealloc(w->v, w->cap * sizeof(*w->v));
	}
	w->v[w->n++] = (struct want){ router, rank, order, ecrc_ipnet_network(p), lpm };
}

static int cmp_want(const void *a, const void *b)
{
	const struct want *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return ecrc_ipnet_cmp(x->prefix, y->prefix);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Document order of every ECR, transit router and VPC. */
struct orders {
	const char **ids;
	size_t *order;
	size_t n;
};

static void orders_build(const struct ecrc_design *d, struct orders *o)
{
	size_t n = d->cloud->n_ecrs, k = 0;
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next)
		n += r->n_trs + r->n_vpcs;
	o->ids = ecrc_xmalloc((n ? n : 1) * sizeof(*o->ids));
	o->order = ecrc_xmalloc((n ? n : 1) * sizeof(*o->order));
	for (const struct ecrc_ecr *e = d->cloud->ecrs; e; e = e->next)
		o->ids[k++] = e->id;
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next)
		for (const struct ecrc_transit_router *t = r->trs; t; t = t->next)
			o->ids[k++] = t->id;
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next)
		for (const struct ecrc_vpc *v = r->vpcs; v; v = v->next)
			o->ids[k++] = v->id;
	o->n = k;
	/* sorted by id for lookup, keeping each one's document position */
	const char **sorted = ecrc_xmalloc((n ? n : 1) * sizeof(*sorted));
	memcpy(sorted, o->ids, k * sizeof(*sorted));
	qsort(sorted, k, sizeof(*sorted), cmp_str);
	for (size_t i = 0; i < k; i++) {
		const char **at = bsearch(&o->ids[i], sorted, k, sizeof(*sorted), cmp_str);
		o->order[at - sorted] = i;
	}
	free(o->ids);
	o->ids = sorted;
}

static size_t order_of(const struct orders *o, const char *id)
{
	const char **at = bsearch(&id, o->ids, o->n, sizeof(*o->ids), cmp_str);
	return at ? o->order[at - o->ids] : o->n;
}

/* Which routes the report shows: the data center prefixes on each ECR of
 * the data center's groups and on each transit router and VPC it reaches;
 * the CIDRs of those VPCs on each of its CPEs. */
static void collect_wants(const struct ecrc_design *d, const struct ecrc_facts *f, struct wants *w)
{
	struct orders o;
	orders_build(d, &o);
	size_t cpe_order = 0;
	for (size_t i = 0; i < f->n_dcs; i++) {
		const struct ecrc_dc_facts *df = &f->dcs[i];
		for (size_t g = 0; g < df->n_groups; g++) {
			const struct ecrc_ecmp_group *grp = &df->groups[g];
			if (!grp->ecr)
				continue;
			size_t ord = order_of(&o, grp->ecr->id);
			for (size_t k = 0; k < grp->n_prefixes; k++)
				want(w, grp->ecr->id, 0, ord, grp->prefixes[k], false);
		}
		for (size_t r = 0; r < df->n_reach; r++) {
			const struct ecrc_vpc_reach *re = &df->reach[r];
			size_t tr_ord = re->tr ? order_of(&o, re->tr->id) : 0, vpc_ord = order_of(&o, re->vpc->id);
			for (size_t g = 0; g < df->n_groups; g++)
				for (size_t k = 0; k < df->groups[g].n_prefixes; k++) {
					if (re->tr)
						want(w, re->tr->id, 1, tr_ord, df->groups[g].prefixes[k], false);
					want(w, re->vpc->id, 2, vpc_ord, df->groups[g].prefixes[k], false);
				}
		}
		for (const struct ecrc_cpe *c = df->dc->cpes; c; c = c->next, cpe_order++)
			for (size_t r = 0; r < df->n_reach; r++) {
				const struct ecrc_vpc *vpc = df->reach[r].vpc;
				want(w, c->id, 3, cpe_order, vpc->cidr, true);
				for (const struct ecrc_prefix_node *p = vpc->cidrs; p; p = p->next)
					want(w, c->id, 3, cpe_order, p->prefix, true);
			}
	}
	free(o.ids);
	free(o.order);
	if (w->n > 1)
		qsort(w->v, w->n, sizeof(*w->v), cmp_want);
	size_t m = 0;
	for (size_t i = 0; i < w->n; i++)
		if (m == 0 || strcmp(w->v[m - 1].router, w->v[i].router) != 0 ||
		    !ecrc_ipnet_equal(w->v[m - 1].prefix, w->v[i].prefix))
			w->v[m++] = w->v[i];
	w->n = m;
}

static void do_routes(struct report *rp, struct ecrc_engine *E, const struct wants *w)
{
	rp->routes = ecrc_arena_alloc(rp->a, (w->n ? w->n : 1) * sizeof(*rp->routes));
	rp->shown = ecrc_xmalloc((w->n ? w->n : 1) * sizeof(*rp->shown));
	for (size_t i = 0; i < w->n; i++) {
		const struct want *x = &w->v[i];
		struct ecrc_engine_route r;
		if (!ecrc_engine_route(E, x->router, x->prefix, x->lpm, &r))
			continue;
		if (rp->n_shown == 0 || strcmp(rp->shown[rp->n_shown - 1], x->router) != 0)
			rp->shown[rp->n_shown++] = x->router;
		struct vroute *v = &rp->routes[rp->n_routes++];
		*v = (struct vroute){ .router = x->router, .asked = x->prefix, .prefix = x->prefix, .present = r.present };
		if (!r.present)
			continue;
		v->prefix = r.prefix;
		v->n_hops = r.n_next_hops;
		v->hops = ecrc_arena_alloc(rp->a, (r.n_next_hops ? r.n_next_hops : 1) * sizeof(*v->hops));
		memcpy(v->hops, r.next_hops, r.n_next_hops * sizeof(*v->hops));
		v->as_path = ecrc_arena_strdup(rp->a, r.as_path);
	}
	qsort(rp->shown, rp->n_shown, sizeof(*rp->shown), cmp_str);
	size_t m = 0;
	for (size_t i = 0; i < rp->n_shown; i++)
		if (m == 0 || strcmp(rp->shown[m - 1], rp->shown[i]) != 0)
			rp->shown[m++] = rp->shown[i];
	rp->n_shown = m;
}

static bool shown(const struct report *rp, const char *router)
{
	return bsearch(&router, rp->shown, rp->n_shown, sizeof(*rp->shown), cmp_str) != NULL;
}

/* ---- intent checks on the converged state --------------------------------------------------- */

static void check_groups(struct report *rp, struct ecrc_engine *E, const struct ecrc_facts *f)
{
	for (size_t i = 0; i < f->n_dcs; i++) {
		const struct ecrc_dc_facts *df = &f->dcs[i];
		bool standby = df->dc->redundancy == ECRC_ACTIVE_STANDBY;
		for (size_t g = 0; g < df->n_groups; g++) {
			const struct ecrc_ecmp_group *grp = &df->groups[g];
			if (!grp->ecr)
				continue;
			size_t width = 0;
			const char *primary = NULL;
			for (size_t k = 0; k < grp->n_members; k++) {
				const struct ecrc_uplink_facts *uf = grp->members[k];
				if (!uf->has_bgp_session)
					continue;
				width++;
				if (uf->uplink->role == ECRC_ROLE_PRIMARY && uf->vbr)
					primary = uf->vbr->id;
			}
			if (width == 0)
				continue;
			for (size_t k = 0; k < grp->n_prefixes; k++) {
				struct ecrc_engine_route r;
				ecrc_engine_route(E, grp->ecr->id, grp->prefixes[k], false, &r);
				size_t n = r.present ? r.n_next_hops : 0;
				bool pass = standby ? primary && n == 1 && strcmp(r.next_hops[0], primary) == 0 : n == width;
				if (!keep_check(rp, pass))
					continue;
				char subject[128], pbuf[19], hops[512];
				snprintf(subject, sizeof subject, "%s %s", grp->ecr->id,
					 ecrc_fmt_ipnet(grp->prefixes[k], pbuf));
				join(hops, sizeof hops, r.next_hops, n);
				if (!standby) {
					check(rp, "ecmp-width", subject, n == width, false, "%zu of %zu paths%s%s%s", n, width,
					      n ? " (" : "", hops, n ? ")" : "");
				} else if (!primary) {
					check(rp, "standby-primary", subject, false, false,
					      "no primary uplink with a BGP session; %zu paths%s%s%s", n, n ? " (" : "", hops,
					      n ? ")" : "");
				} else {
					check(rp, "standby-primary", subject, pass, false, "%s%s, the primary is %s",
					      n ? "via " : "no route", hops, primary);
				}
			}
		}
	}
}

static void check_routes(struct report *rp, struct ecrc_engine *E, const struct ecrc_facts *f)
{
	for (size_t i = 0; i < rp->n_routes; i++) {
		const struct vroute *x = &rp->routes[i];
		const struct ecrc_node *n = ecrc_design_find(f->design, x->router);
		if (!n || (n->kind != ECRC_K_VPC && n->kind != ECRC_K_CPE))
			continue;
		struct ecrc_engine_reach re = { 0 };
		if (n->kind == ECRC_K_VPC)
			ecrc_engine_reach_dc(E, x->router, x->asked, &re);
		if (!keep_check(rp, x->present && (n->kind != ECRC_K_VPC || re.reachable)))
			continue;
		char subject[128], pbuf[19], hops[512];
		snprintf(subject, sizeof subject, "%s %s", x->router, ecrc_fmt_ipnet(x->asked, pbuf));
		join(hops, sizeof hops, x->hops, x->n_hops);
		if (n->kind == ECRC_K_VPC) {
			if (!x->present)
				check(rp, "vpc-route", subject, false, false, "no route");
			else
				check(rp, "vpc-route", subject, re.reachable, false, "via %s, %zu circuit%s%s", hops,
				      re.n_circuits, re.n_circuits == 1 ? "" : "s", re.blackholed ? ", with a black hole" : "");
		} else {
			check(rp, "cpe-route", subject, x->present, false, "%s%s", x->present ? "via " : "no route", hops);
		}
	}
	/* a CPE that hears its own data center's prefixes back */
	for (size_t i = 0; i < f->n_dcs; i++) {
		const struct ecrc_datacenter *dc = f->dcs[i].dc;
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			for (const struct ecrc_prefix_node *p = dc->prefixes; p; p = p->next) {
				struct ecrc_engine_route r;
				if (!ecrc_engine_route(E, c->id, p->prefix, false, &r) || !r.learned_via)
					continue;
				char subject[128], pbuf[19];
				snprintf(subject, sizeof subject, "%s %s", c->id, ecrc_fmt_ipnet(p->prefix, pbuf));
				check(rp, "cpe-own-prefix", subject, false, true,
				      "learns its own data center's prefix back from %s (AS_PATH %s)", r.learned_via,
				      r.learned_as_path);
			}
	}
}

/* ---- drills ------------------------------------------------------------------------------------ */

struct drills {
	struct drill *v;
	size_t n, cap;
};

static void add_drill(struct drills *ds, const char *name, const struct ecrc_engine_failure *f, size_t n)
{
	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? ds->cap * 2 : 16;
		ds->v = ecrc_xrealloc(ds->v, ds->cap * sizeof(*ds->v));
	}
	struct drill *d = &ds->v[ds->n++];
	d->name = ecrc_xstrdup(name);
	d->f = ecrc_xmalloc((n ? n : 1) * sizeof(*f));
	memcpy(d->f, f, n * sizeof(*f));
	d->n = n;
}

static void drills_free(struct drills *ds)
{
	for (size_t i = 0; i < ds->n; i++) {
		free(ds->v[i].name);
		free(ds->v[i].f);
	}
	free(ds->v);
	memset(ds, 0, sizeof(*ds));
}

static bool uplink_has_session(const struct ecrc_uplink *u)
{
	return u->bgp && u->vbr;
}

/* circuits: each physical connection a BGP session rides, in document
 * order; all: then each such CPE down, then each session reset. */
static void plan_drills(const struct ecrc_design *d, bool all, struct drills *ds)
{
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next)
		for (const struct ecrc_physical_connection *pc = r->connections; pc; pc = pc->next) {
			bool used = false;
			for (const struct ecrc_uplink *u = pc->uplinks; u && !used; u = u->next_on_connection)
				used = uplink_has_session(u);
			if (used)
				add_drill(ds, pc->id, &(struct ecrc_engine_failure){ ECRC_FAIL_SILENT, pc->id }, 1);
		}
	if (!all)
		return;
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next) {
			bool used = false;
			for (const struct ecrc_uplink *u = c->uplinks; u && !used; u = u->next)
				used = uplink_has_session(u);
			if (used)
				add_drill(ds, c->id, &(struct ecrc_engine_failure){ ECRC_FAIL_CPE_DOWN, c->id }, 1);
		}
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			for (const struct ecrc_uplink *u = c->uplinks; u; u = u->next)
				if (uplink_has_session(u))
					add_drill(ds, u->id, &(struct ecrc_engine_failure){ ECRC_FAIL_BGP_RESET, u->id }, 1);
}

/* --fail=F[,F...]: returns 0, or a usage error status. */
static int parse_fail(const struct ecrc_design *d, char *arg, struct drills *ds)
{
	static const struct {
		const char *word;
		enum ecrc_engine_failure_kind kind;
		enum ecrc_kind on;
		const char *what;
	} forms[] = {
		{ "silent", ECRC_FAIL_SILENT, ECRC_K_PHYSICAL_CONNECTION, "a physical connection" },
		{ "carrier", ECRC_FAIL_CARRIER, ECRC_K_PHYSICAL_CONNECTION, "a physical connection" },
		{ "down", ECRC_FAIL_CPE_DOWN, ECRC_K_CPE, "a CPE" },
		{ "reset", ECRC_FAIL_BGP_RESET, ECRC_K_UPLINK, "an uplink" },
	};
	char *name = ecrc_xstrdup(arg);
	size_t n = 0;
	const char **items = ecrc_cli_split_list(arg, &n);
	struct ecrc_engine_failure *f = ecrc_xcalloc(n ? n : 1, sizeof(*f));
	int rc = n ? 0 : ecrc_cli_usage_error("verify", "--fail: no failure given");
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *s = items[i], *colon = strchr(s, ':');
		const char *id = colon ? colon + 1 : s;
		const struct ecrc_node *node = ecrc_design_find(d, id);
		enum ecrc_kind k = node ? node->kind : ECRC_K__COUNT;
		enum ecrc_engine_failure_kind kind;
		if (!colon) {
			if (k == ECRC_K_PHYSICAL_CONNECTION) {
				kind = ECRC_FAIL_SILENT;
			} else if (k == ECRC_K_CPE) {
				kind = ECRC_FAIL_CPE_DOWN;
			} else {
				rc = ecrc_cli_usage_error("verify",
							  "--fail: '%s' is neither a physical connection nor a CPE of the "
							  "design",
							  s);
				break;
			}
		} else {
			size_t len = (size_t)(colon - s), j;
			for (j = 0; j < 4; j++)
				if (strlen(forms[j].word) == len && strncmp(s, forms[j].word, len) == 0)
					break;
			if (j == 4) {
				rc = ecrc_cli_usage_error("verify",
							  "--fail: '%.*s' is not a kind of failure (silent, carrier, down, "
							  "reset)",
							  (int)len, s);
				break;
			}
			if (k != forms[j].on) {
				rc = ecrc_cli_usage_error("verify", "--fail: %s needs the id of %s; '%s' is not one",
							  forms[j].word, forms[j].what, id);
				break;
			}
			kind = forms[j].kind;
		}
		if (kind == ECRC_FAIL_BGP_RESET && !uplink_has_session((const struct ecrc_uplink *)(const void *)node)) {
			rc = ecrc_cli_usage_error("verify", "--fail: uplink '%s' has no BGP session with a VBR", id);
			break;
		}
		f[i] = (struct ecrc_engine_failure){ kind, id };
	}
	if (rc == 0)
		add_drill(ds, name, f, n);
	free(f);
	free(items);
	free(name);
	return rc;
}

/* The tightest max-failover-ms of the data centers a drill touches. */
static bool drill_intent(const struct ecrc_design *d, const struct drill *dr, uint32_t *max_ms, bool *resets_only)
{
	bool have = false;
	*resets_only = true;
	for (size_t i = 0; i < dr->n; i++) {
		const struct ecrc_node *n = ecrc_design_find(d, dr->f[i].target);
		if (dr->f[i].kind != ECRC_FAIL_BGP_RESET)
			*resets_only = false;
		const struct ecrc_datacenter *dcs[64];
		size_t k = 0;
		if (n && n->kind == ECRC_K_PHYSICAL_CONNECTION) {
			const struct ecrc_physical_connection *pc = (const void *)n;
			for (const struct ecrc_uplink *u = pc->uplinks; u && k < 64; u = u->next_on_connection)
				if (u->cpe)
					dcs[k++] = u->cpe->dc;
		} else if (n && n->kind == ECRC_K_CPE) {
			dcs[k++] = ((const struct ecrc_cpe *)(const void *)n)->dc;
		} else if (n && n->kind == ECRC_K_UPLINK) {
			const struct ecrc_uplink *u = (const void *)n;
			if (u->cpe)
				dcs[k++] = u->cpe->dc;
		}
		for (size_t j = 0; j < k; j++)
			if (dcs[j] && dcs[j]->has_max_failover_ms && (!have || dcs[j]->max_failover_ms < *max_ms)) {
				*max_ms = dcs[j]->max_failover_ms;
				have = true;
			}
	}
	return have;
}

static void do_drill(struct report *rp, struct ecrc_engine *E, const struct ecrc_design *d, const struct drill *dr,
		     struct vdrill *out)
{
	char err[256];
	out->spec = dr;
	rp->trace_into = rp->tracing ? &out->trace : NULL;
	int rc = ecrc_engine_drill(E, dr->f, dr->n, &out->r, err, sizeof err);
	rp->trace_into = NULL;
	if (rc != 0) {
		out->error = ecrc_arena_strdup(rp->a, err);
		check(rp, "drill", dr->name, false, false, "%s", err);
		return;
	}
	out->ran = true;
	const struct ecrc_engine_drill_result *r = &out->r;
	bool resets_only;
	out->has_max = drill_intent(d, dr, &out->max_ms, &resets_only) && !resets_only;
	out->ok = r->reachable;
	check(rp, "drill-reachable", dr->name, r->reachable, false, "%s",
	      r->reachable ? "every data center prefix and VPC CIDR stays reachable"
			   : "a data center prefix or VPC CIDR that was reachable is no longer (or ends in a black hole)");
	/* a reset's convergence includes the session coming back: its
	 * failover, not that, is what max-failover-ms bounds, and it has no
	 * detection to wait for; the check is for failures */
	if (!out->has_max)
		return;
	uint32_t max = out->max_ms;
	bool never = r->failover_us == ECRC_ENGINE_NEVER || r->detect_bound_us == ECRC_ENGINE_NEVER;
	bool fo_ok = !never && to_ms(r->failover_us) <= max;
	bool bound_ok = !never && to_ms(r->detect_bound_us) <= max;
	if (never)
		check(rp, "drill-failover", dr->name, false, false,
		      "the failure is never detected (no BFD, hold time 0) > max-failover-ms %u", max);
	else if (!bound_ok)
		check(rp, "drill-failover", dr->name, false, false,
		      "worst-case detection %" PRIu64 " ms (%s) > max-failover-ms %u; this run: %" PRIu64 " ms",
		      to_ms(r->detect_bound_us), ecrc_engine_detect_name(r->detected_by), max, to_ms(r->failover_us));
	else
		check(rp, "drill-failover", dr->name, fo_ok, false,
		      "failover after %" PRIu64 " ms (worst-case detection %" PRIu64 " ms) %s max-failover-ms %u",
		      to_ms(r->failover_us), to_ms(r->detect_bound_us), fo_ok ? "<=" : ">", max);
	out->ok = out->ok && fo_ok && bound_ok;
}

/* ---- JSON: a streaming writer in jansson's indented layout ---------------------------------- */

struct jw {
	FILE *f;
	int depth;
	bool first;
};

static void jw_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			if (*p < 0x20)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

static void jw_indent(struct jw *w)
{
	fputc('\n', w->f);
	for (int i = 0; i < w->depth; i++)
		fputs("  ", w->f);
}

static void jw_member(struct jw *w, const char *key)
{
	if (w->depth == 0)
		return;
	if (!w->first)
		fputc(',', w->f);
	jw_indent(w);
	w->first = false;
	if (key) {
		jw_string(w->f, key);
		fputs(": ", w->f);
	}
}

static void jw_open(struct jw *w, const char *key, char c)
{
	jw_member(w, key);
	fputc(c, w->f);
	w->depth++;
	w->first = true;
}

static void jw_close(struct jw *w, char c)
{
	w->depth--;
	if (!w->first)
		jw_indent(w);
	fputc(c, w->f);
	w->first = false;
}

static void jw_str(struct jw *w, const char *key, const char *s)
{
	jw_member(w, key);
	if (s)
		jw_string(w->f, s);
	else
		fputs("null", w->f);
}

static void jw_int(struct jw *w, const char *key, long long v)
{
	jw_member(w, key);
	fprintf(w->f, "%lld", v);
}

static void jw_bool(struct jw *w, const char *key, bool v)
{
	jw_member(w, key);
	fputs(v ? "true" : "false", w->f);
}

static void jw_null(struct jw *w, const char *key)
{
	jw_member(w, key);
	fputs("null", w->f);
}

/* Milliseconds, rounded to the nearest; null for "never". */
static void jw_ms(struct jw *w, const char *key, uint64_t us)
{
	if (us == ECRC_ENGINE_NEVER)
		jw_null(w, key);
	else
		jw_int(w, key, (long long)to_ms(us));
}

static void jw_prefix(struct jw *w, const char *key, struct ecrc_ipnet p)
{
	char buf[19];
	jw_str(w, key, ecrc_fmt_ipnet(p, buf));
}

static void jw_hops(struct jw *w, const char *key, const char *const *v, size_t n)
{
	jw_open(w, key, '[');
	for (size_t i = 0; i < n; i++)
		jw_str(w, NULL, v[i]);
	jw_close(w, ']');
}

static void jw_lines(struct jw *w, const char *key, const struct lines *l)
{
	jw_open(w, key, '[');
	for (size_t i = 0; i < l->n; i++)
		jw_str(w, NULL, l->v[i]);
	jw_close(w, ']');
}

static const char *lowercase(struct report *rp, const char *s)
{
	char *r = ecrc_arena_strdup(rp->a, s);
	for (char *p = r; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return r;
}

static const char *session_state(struct report *rp, const struct ecrc_engine_session_info *s)
{
	return s->established ? "established" : lowercase(rp, ecrc_engine_bgp_state_name(s->cpe_state));
}

static const char *bfd_state(struct report *rp, const struct ecrc_engine_session_info *s)
{
	if (s->bfd_cpe && s->bfd_vbr && s->bfd_cpe_state == ECRC_BFD_UP && s->bfd_vbr_state == ECRC_BFD_UP)
		return "up";
	return lowercase(rp, ecrc_engine_bfd_state_name(s->bfd_cpe ? s->bfd_cpe_state : s->bfd_vbr_state));
}

static void print_json(FILE *f, struct report *rp)
{
	struct jw w = { .f = f };
	jw_open(&w, NULL, '{');
	jw_int(&w, "version", 1);
	jw_str(&w, "design", rp->design);
	jw_int(&w, "seed", (long long)rp->seed);
	jw_bool(&w, "ok", rp->n_failed == 0);
	jw_open(&w, "lint", '{');
	jw_int(&w, "errors", (long long)rp->lint_errors);
	jw_int(&w, "warnings", (long long)rp->lint_warnings);
	jw_close(&w, '}');
	jw_ms(&w, "converge_ms", rp->converge_us);
	jw_int(&w, "events", (long long)rp->converge_events);

	jw_open(&w, "sessions", '[');
	for (size_t i = 0; i < rp->n_sessions; i++) {
		const struct ecrc_engine_session_info *s = &rp->sessions[i];
		jw_open(&w, NULL, '{');
		jw_str(&w, "uplink", s->uplink_id);
		jw_str(&w, "cpe", s->cpe_id);
		jw_str(&w, "vbr", s->vbr_id);
		jw_str(&w, "connection", s->connection_id);
		jw_str(&w, "state", session_state(rp, s));
		jw_int(&w, "hold_s", s->hold_s);
		jw_int(&w, "keepalive_s", s->cpe_keepalive_s);
		jw_int(&w, "vbr_keepalive_s", s->vbr_keepalive_s);
		jw_str(&w, "reason", s->reason);
		if (!s->bfd_cpe && !s->bfd_vbr) {
			jw_null(&w, "bfd");
		} else {
			bool both = s->bfd_cpe && s->bfd_vbr;
			jw_open(&w, "bfd", '{');
			jw_str(&w, "state", bfd_state(rp, s));
			jw_str(&w, "configured", both ? "both" : s->bfd_cpe ? "cpe" : "vbr");
			if (both) {
				jw_int(&w, "cpe_tx_ms", s->cpe_tx_ms);
				jw_int(&w, "vbr_tx_ms", s->vbr_tx_ms);
				jw_int(&w, "cpe_detect_ms", s->cpe_detect_ms);
				jw_int(&w, "vbr_detect_ms", s->vbr_detect_ms);
			} else {
				jw_null(&w, "cpe_tx_ms");
				jw_null(&w, "vbr_tx_ms");
				jw_null(&w, "cpe_detect_ms");
				jw_null(&w, "vbr_detect_ms");
			}
			jw_close(&w, '}');
		}
		jw_close(&w, '}');
	}
	jw_close(&w, ']');

	jw_open(&w, "routes", '[');
	for (size_t i = 0; i < rp->n_routes; i++) {
		const struct vroute *r = &rp->routes[i];
		jw_open(&w, NULL, '{');
		jw_str(&w, "router", r->router);
		jw_prefix(&w, "prefix", r->prefix);
		jw_hops(&w, "next_hops", r->hops, r->n_hops);
		jw_str(&w, "as_path", r->as_path);
		if (r->present && !ecrc_ipnet_equal(r->prefix, r->asked))
			jw_prefix(&w, "for", r->asked);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');

	jw_open(&w, "drills", '[');
	for (size_t i = 0; i < rp->n_drills; i++) {
		const struct vdrill *d = &rp->drills[i];
		if (!d->ran)
			continue;
		const struct ecrc_engine_drill_result *r = &d->r;
		jw_open(&w, NULL, '{');
		jw_str(&w, "name", d->spec->name);
		jw_open(&w, "failures", '[');
		for (size_t k = 0; k < d->spec->n; k++) {
			jw_open(&w, NULL, '{');
			jw_str(&w, "kind", ecrc_engine_failure_kind_name(d->spec->f[k].kind));
			jw_str(&w, "target", d->spec->f[k].target);
			jw_close(&w, '}');
		}
		jw_close(&w, ']');
		jw_str(&w, "detected_by", ecrc_engine_detect_name(r->detected_by));
		jw_str(&w, "detected_side", r->detected_side);
		jw_ms(&w, "detect_ms", r->detect_us);
		jw_ms(&w, "detect_bound_ms", r->detect_bound_us);
		jw_ms(&w, "detect_best_ms", r->detect_best_us);
		jw_ms(&w, "converged_ms", r->converged_us);
		jw_ms(&w, "failover_ms", r->failover_us);
		if (d->has_max)
			jw_int(&w, "max_failover_ms", d->max_ms);
		else
			jw_null(&w, "max_failover_ms");
		jw_bool(&w, "reachable", r->reachable);
		jw_bool(&w, "ok", d->ok);
		jw_int(&w, "events", (long long)r->events);
		jw_open(&w, "detections", '[');
		for (size_t k = 0; k < r->n_detections; k++) {
			const struct ecrc_engine_detection *x = &r->detections[k];
			jw_open(&w, NULL, '{');
			jw_str(&w, "uplink", x->uplink_id);
			jw_str(&w, "side", x->side);
			jw_str(&w, "router", x->router);
			jw_str(&w, "by", ecrc_engine_detect_name(x->by));
			jw_ms(&w, "detect_ms", x->detect_us);
			jw_ms(&w, "bound_ms", x->bound_us);
			jw_ms(&w, "best_ms", x->best_us);
			jw_close(&w, '}');
		}
		jw_close(&w, ']');
		jw_open(&w, "routes_after", '[');
		for (size_t k = 0; k < r->n_routes; k++) {
			const struct ecrc_engine_drill_route *x = &r->routes[k];
			if (!shown(rp, x->router))
				continue;
			jw_open(&w, NULL, '{');
			jw_str(&w, "router", x->router);
			jw_prefix(&w, "prefix", x->prefix);
			jw_hops(&w, "next_hops", x->next_hops, x->n_next_hops);
			jw_close(&w, '}');
		}
		jw_close(&w, ']');
		jw_open(&w, "reachability", '[');
		for (size_t k = 0; k < r->n_reach; k++) {
			const struct ecrc_engine_drill_reach *x = &r->reach[k];
			jw_open(&w, NULL, '{');
			jw_str(&w, "from", x->from);
			jw_prefix(&w, "prefix", x->prefix);
			jw_bool(&w, "reachable", x->reach.reachable);
			jw_int(&w, "circuits", (long long)x->reach.n_circuits);
			jw_close(&w, '}');
		}
		jw_close(&w, ']');
		if (rp->tracing)
			jw_lines(&w, "trace", &d->trace);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');

	jw_open(&w, "checks", '[');
	for (size_t i = 0; i < rp->n_checks; i++) {
		const struct vcheck *c = &rp->checks[i];
		jw_open(&w, NULL, '{');
		jw_str(&w, "check", c->check);
		jw_str(&w, "subject", c->subject);
		jw_bool(&w, "ok", c->ok);
		jw_str(&w, "severity", c->warning ? "warning" : "error");
		jw_str(&w, "message", c->message);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	if (rp->tracing)
		jw_lines(&w, "trace", &rp->trace);
	jw_close(&w, '}');
	fputc('\n', f);
}

/* ---- text ---------------------------------------------------------------------------------------- */

static void print_ms(FILE *f, uint64_t us)
{
	if (us == ECRC_ENGINE_NEVER)
		fputs("never", f);
	else
		fprintf(f, "%" PRIu64 " ms", to_ms(us));
}

static void print_hops(FILE *f, const char *const *v, size_t n)
{
	if (n == 0) {
		fputs("no route", f);
		return;
	}
	fputs("via ", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? ", " : "", v[i]);
}

static bool same_hops(const struct ecrc_engine_drill_route *a, const struct ecrc_engine_drill_route *b)
{
	if (a->n_next_hops != b->n_next_hops)
		return false;
	for (size_t i = 0; i < a->n_next_hops; i++)
		if (strcmp(a->next_hops[i], b->next_hops[i]) != 0)
			return false;
	return true;
}

static void print_drill(FILE *f, const struct report *rp, const struct vdrill *d)
{
	const struct ecrc_engine_drill_result *r = &d->r;
	char pbuf[19];
	fprintf(f, "  %s:", d->spec->name);
	for (size_t k = 0; k < d->spec->n; k++)
		fprintf(f, " %s %s%s", ecrc_engine_failure_kind_name(d->spec->f[k].kind), d->spec->f[k].target,
			k + 1 < d->spec->n ? "," : "");
	fprintf(f, ": %s\n", d->ok ? "ok" : "FAILED");
	if (r->detected_side) {
		fprintf(f, "    detected by %s on the %s side after ", ecrc_engine_detect_name(r->detected_by),
			r->detected_side);
		print_ms(f, r->detect_us);
	} else {
		fputs("    not detected", f);
	}
	fputs(" (worst case ", f);
	print_ms(f, r->detect_bound_us);
	fputs(", best ", f);
	print_ms(f, r->detect_best_us);
	fputs("); forwarding converged after ", f);
	print_ms(f, r->converged_us);
	if (d->has_max)
		fprintf(f, "; max-failover-ms %u", d->max_ms);
	fputc('\n', f);
	for (size_t k = 0; k < r->n_detections; k++) {
		const struct ecrc_engine_detection *x = &r->detections[k];
		fprintf(f, "    %s %s (%s): %s after ", x->uplink_id, x->router, x->side, ecrc_engine_detect_name(x->by));
		print_ms(f, x->detect_us);
		fputs(", worst case ", f);
		print_ms(f, x->bound_us);
		fputc('\n', f);
	}
	/* what changed: one line per router and next hops */
	for (size_t k = 0; k < r->n_routes;) {
		const struct ecrc_engine_drill_route *a = &r->routes[k];
		size_t j = k + 1;
		while (j < r->n_routes && strcmp(r->routes[j].router, a->router) == 0 && same_hops(&r->routes[j], a))
			j++;
		if (shown(rp, a->router)) {
			if (j - k == 1)
				fprintf(f, "    now %s %s: ", a->router, ecrc_fmt_ipnet(a->prefix, pbuf));
			else
				fprintf(f, "    now %s, %zu prefixes from %s: ", a->router, j - k,
					ecrc_fmt_ipnet(a->prefix, pbuf));
			print_hops(f, a->next_hops, a->n_next_hops);
			fputc('\n', f);
		}
		k = j;
	}
	size_t lost = 0;
	for (size_t k = 0; k < r->n_reach; k++)
		if (!r->reach[k].reach.reachable) {
			fprintf(f, "    unreachable: %s from %s\n", ecrc_fmt_ipnet(r->reach[k].prefix, pbuf),
				r->reach[k].from);
			lost++;
		}
	if (r->n_reach && !lost)
		fprintf(f, "    all %zu prefix%s still reachable\n", r->n_reach, r->n_reach == 1 ? "" : "es");
	for (size_t k = 0; rp->tracing && k < d->trace.n; k++)
		fprintf(f, "    | %s\n", d->trace.v[k]);
}

static void print_text(FILE *f, struct report *rp)
{
	char pbuf[19];
	fprintf(f, "ecrc verify: %s (seed %" PRIu64 "): converged after ", rp->design, rp->seed);
	print_ms(f, rp->converge_us);
	fprintf(f, ", %" PRIu64 " events\n", rp->converge_events);
	if (rp->tracing) {
		fputs("\ntrace\n", f);
		for (size_t i = 0; i < rp->trace.n; i++)
			fprintf(f, "  %s\n", rp->trace.v[i]);
	}

	fputs("\nsessions\n", f);
	for (size_t i = 0; i < rp->n_sessions; i++) {
		const struct ecrc_engine_session_info *s = &rp->sessions[i];
		fprintf(f, "  %s: %s - %s on %s: %s", s->uplink_id, s->cpe_id, s->vbr_id ? s->vbr_id : "(no VBR)",
			s->connection_id, session_state(rp, s));
		if (s->established)
			fprintf(f, ", hold %u s, keepalive %u s (VBR %u s)\n", s->hold_s, s->cpe_keepalive_s,
				s->vbr_keepalive_s);
		else
			fprintf(f, " (%s)\n", s->reason);
		if (!s->bfd_cpe && !s->bfd_vbr)
			fputs("    bfd: off on both sides\n", f);
		else if (s->bfd_cpe != s->bfd_vbr)
			fprintf(f, "    bfd: on the %s only, %s: it cannot come up\n", s->bfd_cpe ? "CPE" : "VBR",
				bfd_state(rp, s));
		else
			fprintf(f,
				"    bfd: %s; CPE sends every %u ms, detects after %u ms; VBR sends every %u ms, "
				"detects after %u ms\n",
				bfd_state(rp, s), s->cpe_tx_ms, s->cpe_detect_ms, s->vbr_tx_ms, s->vbr_detect_ms);
	}

	fputs("\nroutes\n", f);
	for (size_t i = 0; i < rp->n_routes; i++) {
		const struct vroute *r = &rp->routes[i];
		fprintf(f, "  %s %s: ", r->router, ecrc_fmt_ipnet(r->prefix, pbuf));
		print_hops(f, r->hops, r->n_hops);
		if (r->as_path && *r->as_path)
			fprintf(f, " (AS_PATH %s)", r->as_path);
		if (r->present && !ecrc_ipnet_equal(r->prefix, r->asked))
			fprintf(f, " (for %s)", ecrc_fmt_ipnet(r->asked, pbuf));
		fputc('\n', f);
	}

	if (rp->n_drills)
		fputs("\ndrills\n", f);
	for (size_t i = 0; i < rp->n_drills; i++)
		if (rp->drills[i].ran)
			print_drill(f, rp, &rp->drills[i]);

	/* the checks that did not pass; JSON lists them all */
	if (rp->n_failed || rp->n_warned)
		fputs("\nchecks\n", f);
	for (size_t i = 0; i < rp->n_checks; i++) {
		const struct vcheck *c = &rp->checks[i];
		if (!c->ok)
			fprintf(f, "  %s %s %s: %s\n", c->warning ? "warning" : "FAILED", c->check, c->subject, c->message);
	}
	size_t total = rp->n_checks + rp->n_passed_unlisted;
	if (rp->n_failed)
		fprintf(f, "\nresult: FAILED, %zu of %zu checks failed", rp->n_failed, total);
	else
		fprintf(f, "\nresult: ok, %zu checks passed", total - rp->n_warned);
	if (rp->n_warned)
		fprintf(f, ", %zu warning%s", rp->n_warned, rp->n_warned == 1 ? "" : "s");
	fputc('\n', f);
}

/* ---- the command -------------------------------------------------------------------------------- */

static bool parse_seed(const char *s, uint64_t *out)
{
	if (!*s || *s == '-' || *s == '+')
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

int ecrc_cmd_verify(int argc, char **argv)
{
	enum { OPT_DRILL = 256, OPT_FAIL, OPT_SEED, OPT_FORMAT, OPT_TRACE };
	static const struct option longopts[] = {
		{ "drill", required_argument, NULL, OPT_DRILL },
		{ "fail", required_argument, NULL, OPT_FAIL },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "trace", no_argument, NULL, OPT_TRACE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *drill_arg = NULL;
	char *fail_arg = NULL;
	uint64_t seed = 1;
	bool json = false, tracing = false;

	struct ecrc_cli_opts p;
	ecrc_cli_opts_init(&p, "verify", argc, argv, "h", longopts);
	int c;
	while ((c = ecrc_cli_opts_next(&p)) != -1) {
		switch (c) {
		case OPT_DRILL:
			if (strcmp(optarg, "none") && strcmp(optarg, "circuits") && strcmp(optarg, "all"))
				return ecrc_cli_usage_error("verify", "--drill: '%s' is not none, circuits or all", optarg);
			drill_arg = optarg;
			break;
		case OPT_FAIL:
			fail_arg = optarg;
			break;
		case OPT_SEED:
			if (!parse_seed(optarg, &seed))
				return ecrc_cli_usage_error("verify", "--seed: '%s' is not a non-negative integer", optarg);
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				json = false;
			else if (strcmp(optarg, "json") == 0)
				json = true;
			else
				return ecrc_cli_usage_error("verify", "--format: '%s' is not text or json", optarg);
			break;
		case OPT_TRACE:
			tracing = true;
			break;
		case 'h':
			help(stdout);
			return ECRC_EXIT_OK;
		default: /* ECRC_CLI_OPT_BAD: the message is printed */
			return ECRC_EXIT_USAGE;
		}
	}
	if (p.n_operands < 1)
		return ecrc_cli_usage_error("verify", "no design given");
	if (p.n_operands > 1)
		return ecrc_cli_usage_error("verify", "one design at a time ('%s' is a second one)", p.operands[1]);
	const char *path = p.operands[0];
	const char *shown_path = strcmp(path, "-") == 0 ? "<stdin>" : path;

	struct ecrc_diags diags;
	ecrc_diags_init(&diags);
	struct ecrc_lint_options lo = { 0 };
	struct ecrc_design *d = ecrc_cli_load_and_lint(path, &lo, &diags);
	struct ecrc_verify_model *vm = NULL;
	struct ecrc_engine *E = NULL;
	struct drills ds = { 0 };
	struct wants w = { 0 };
	struct report rp = { .a = ecrc_arena_new(), .seed = seed, .tracing = tracing, .all_checks = json };
	int status = ECRC_EXIT_OK;
	size_t notes = 0;

	if (!d) {
		ecrc_cli_print_findings(shown_path, &diags);
		status = ECRC_EXIT_INPUT;
		goto done;
	}
	if (diags.n)
		ecrc_cli_print_findings(shown_path, &diags);
	if (!ecrc_design_intact(&diags)) {
		fprintf(stderr, "ecrc verify: %s has schema or reference errors; there is no model to simulate\n",
			shown_path);
		status = ECRC_EXIT_FINDINGS;
		goto done;
	}
	ecrc_diags_count(&diags, &rp.lint_errors, &rp.lint_warnings, &notes);
	if (fail_arg && (status = parse_fail(d, fail_arg, &ds)) != 0)
		goto done;
	if (drill_arg ? strcmp(drill_arg, "none") != 0 : !fail_arg) {
		struct drills planned = { 0 };
		plan_drills(d, drill_arg && strcmp(drill_arg, "all") == 0, &planned);
		for (size_t i = 0; i < ds.n; i++) /* the custom one after the planned ones */
			add_drill(&planned, ds.v[i].name, ds.v[i].f, ds.v[i].n);
		drills_free(&ds);
		ds = planned;
	}

	const struct ecrc_facts *facts = ecrc_facts_build(d);
	size_t n_before = diags.n;
	vm = ecrc_verify_model_new(d, facts, &diags);
	if (!vm) {
		struct ecrc_diags fresh = { .arena = diags.arena, .v = diags.v + n_before, .n = diags.n - n_before };
		ecrc_cli_print_findings(shown_path, &fresh);
		fprintf(stderr, "ecrc verify: %s: a CPE could not be compiled; nothing simulated\n", shown_path);
		status = ECRC_EXIT_INPUT;
		goto done;
	}
	struct ecrc_engine_options eo;
	ecrc_engine_options_init(&eo);
	eo.seed = seed;
	if (tracing) {
		eo.trace = on_trace;
		eo.trace_ctx = &rp;
		rp.trace_into = &rp.trace;
	}
	char err[256];
	E = ecrc_engine_new(ecrc_verify_engine_model(vm), &eo, err, sizeof err);
	if (!E) {
		fprintf(stderr, "ecrc verify: %s: %s\n", shown_path, err);
		status = ECRC_EXIT_INPUT;
		goto done;
	}
	rp.design = d->name ? d->name : "";
	rp.converge_us = ecrc_engine_converge(E);
	rp.converge_events = ecrc_engine_converge_events(E);
	rp.trace_into = NULL;

	do_sessions(&rp, E);
	collect_wants(d, facts, &w);
	do_routes(&rp, E, &w);
	check_groups(&rp, E, facts);
	check_routes(&rp, E, facts);
	rp.drills = ecrc_xcalloc(ds.n ? ds.n : 1, sizeof(*rp.drills));
	rp.n_drills = ds.n;
	for (size_t i = 0; i < ds.n; i++)
		do_drill(&rp, E, d, &ds.v[i], &rp.drills[i]);

	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	if (json)
		print_json(stdout, &rp);
	else
		print_text(stdout, &rp);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ecrc verify: cannot write the report\n");
		status = ECRC_EXIT_INPUT;
		goto done;
	}
	if (rp.n_failed || rp.lint_errors)
		status = ECRC_EXIT_FINDINGS;
	if (rp.lint_errors && !rp.n_failed)
		fprintf(stderr, "ecrc verify: every check passed, but lint found %zu error%s\n", rp.lint_errors,
			rp.lint_errors == 1 ? "" : "s");

done:
	for (size_t i = 0; i < rp.n_drills; i++) {
		ecrc_engine_drill_result_free(&rp.drills[i].r);
		free(rp.drills[i].trace.v);
	}
	free(rp.drills);
	free(rp.checks);
	free(rp.shown);
	free(rp.trace.v);
	ecrc_arena_free(rp.a);
	free(w.v);
	drills_free(&ds);
	ecrc_engine_free(E);
	ecrc_verify_model_free(vm);
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
	return status;
}
