/*
 * json.c: verify's report as JSON (version 1; the fields are documented
 * in docs/engine.md), built with jansson and written with two-space
 * indentation in the documented field order.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify/verify.h"

static void set(json_t *o, const char *key, json_t *v)
{
	json_object_set_new_nocheck(o, key, v);
}

/* A string, or null. Ids and messages come from the XML loader, which
 * only passes valid UTF-8; a byte that is not is shown as '?'. */
static json_t *str(const char *s)
{
	if (!s)
		return json_null();
	json_t *v = json_string(s);
	if (v)
		return v;
	char *copy = ecrc_xstrdup(s);
	for (unsigned char *p = (unsigned char *)copy; *p; p++)
		if (*p >= 0x80)
			*p = '?';
	v = json_string(copy);
	free(copy);
	return v;
}

static json_t *integer(long long v)
{
	return json_integer(v);
}

/* Milliseconds, rounded to the nearest; null for "never". */
static json_t *ms(uint64_t us)
{
	return us == ECRC_ENGINE_NEVER ? json_null() : json_integer((json_int_t)ecrc_verify_ms(us));
}

static json_t *prefix(struct ecrc_ipnet p)
{
	char buf[19];
	return json_string(ecrc_fmt_ipnet(p, buf));
}

static json_t *strings(const char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, str(v[i]));
	return a;
}

static json_t *session(struct ecrc_arena *arena, const struct ecrc_engine_session_info *s)
{
	json_t *o = json_object();
	set(o, "uplink", str(s->uplink_id));
	set(o, "cpe", str(s->cpe_id));
	set(o, "vbr", str(s->vbr_id));
	set(o, "connection", str(s->connection_id));
	set(o, "state", str(ecrc_verify_session_state(arena, s)));
	set(o, "hold_s", integer(s->hold_s));
	set(o, "keepalive_s", integer(s->cpe_keepalive_s));
	set(o, "vbr_keepalive_s", integer(s->vbr_keepalive_s));
	set(o, "reason", str(s->reason));
	set(o, "bgp_flaps", integer(s->bgp_flaps));
	set(o, "bfd_flaps", integer(s->bfd_flaps));
	if (!s->bfd_cpe && !s->bfd_vbr) {
		set(o, "bfd", json_null());
		return o;
	}
	bool both = s->bfd_cpe && s->bfd_vbr;
	json_t *b = json_object();
	set(b, "state", str(ecrc_verify_bfd_state(arena, s)));
	set(b, "configured", str(both ? "both" : s->bfd_cpe ? "cpe" : "vbr"));
	set(b, "cpe_tx_ms", both ? integer(s->cpe_tx_ms) : json_null());
	set(b, "vbr_tx_ms", both ? integer(s->vbr_tx_ms) : json_null());
	set(b, "cpe_detect_ms", both ? integer(s->cpe_detect_ms) : json_null());
	set(b, "vbr_detect_ms", both ? integer(s->vbr_detect_ms) : json_null());
	set(o, "bfd", b);
	return o;
}

static json_t *route(const struct ecrc_verify_route *r)
{
	json_t *o = json_object();
	set(o, "router", str(r->router));
	set(o, "prefix", prefix(r->prefix));
	set(o, "next_hops", strings(r->hops, r->n_hops));
	set(o, "as_path", str(r->as_path));
	if (r->present && !ecrc_ipnet_equal(r->prefix, r->asked))
		set(o, "for", prefix(r->asked));
	return o;
}

static json_t *drill(const struct ecrc_verify_report *rp, const struct ecrc_verify_drill *d)
{
	const struct ecrc_engine_drill_result *r = &d->r;
	json_t *o = json_object();
	set(o, "name", str(d->spec->name));
	json_t *failures = json_array();
	for (size_t k = 0; k < d->spec->n; k++) {
		json_t *x = json_object();
		set(x, "kind", str(ecrc_engine_failure_kind_name(d->spec->f[k].kind)));
		set(x, "target", str(d->spec->f[k].target));
		json_array_append_new(failures, x);
	}
	set(o, "failures", failures);
	set(o, "detected_by", str(ecrc_engine_detect_name(r->detected_by)));
	set(o, "detected_side", str(r->detected_side));
	set(o, "detect_ms", ms(r->detect_us));
	set(o, "detect_bound_ms", ms(r->detect_bound_us));
	set(o, "detect_best_ms", ms(r->detect_best_us));
	set(o, "converged_ms", ms(r->converged_us));
	set(o, "failover_ms", ms(r->failover_us));
	set(o, "outage_ms", ms(r->outage_us));
	if (rp->seeds)
		set(o, "seed", integer((long long)d->seed)); /* the worst case's */
	set(o, "max_failover_ms", d->has_max ? integer(d->max_ms) : json_null());
	set(o, "reachable", json_boolean(r->reachable));
	set(o, "ok", json_boolean(d->ok));
	set(o, "events", integer((long long)r->events));
	json_t *detections = json_array();
	for (size_t k = 0; k < r->n_detections; k++) {
		const struct ecrc_engine_detection *x = &r->detections[k];
		json_t *e = json_object();
		set(e, "uplink", str(x->uplink_id));
		set(e, "side", str(x->side));
		set(e, "router", str(x->router));
		set(e, "by", str(ecrc_engine_detect_name(x->by)));
		set(e, "detect_ms", ms(x->detect_us));
		set(e, "bound_ms", ms(x->bound_us));
		set(e, "best_ms", ms(x->best_us));
		json_array_append_new(detections, e);
	}
	set(o, "detections", detections);
	json_t *after = json_array();
	for (size_t k = 0; k < r->n_routes; k++) {
		const struct ecrc_engine_drill_route *x = &r->routes[k];
		if (!ecrc_verify_shown(rp, x->router))
			continue;
		json_t *e = json_object();
		set(e, "router", str(x->router));
		set(e, "prefix", prefix(x->prefix));
		set(e, "next_hops", strings(x->next_hops, x->n_next_hops));
		json_array_append_new(after, e);
	}
	set(o, "routes_after", after);
	json_t *reach = json_array();
	for (size_t k = 0; k < r->n_reach; k++) {
		const struct ecrc_engine_drill_reach *x = &r->reach[k];
		json_t *e = json_object();
		set(e, "from", str(x->from));
		set(e, "prefix", prefix(x->prefix));
		set(e, "reachable", json_boolean(x->reach.reachable));
		set(e, "circuits", integer((long long)x->reach.n_circuits));
		json_array_append_new(reach, e);
	}
	set(o, "reachability", reach);
	if (rp->tracing)
		set(o, "trace", strings(d->trace.v, d->trace.n));
	return o;
}

static json_t *check(const struct ecrc_verify_check *c)
{
	json_t *o = json_object();
	set(o, "check", str(c->check));
	set(o, "subject", str(c->subject));
	set(o, "ok", json_boolean(c->ok));
	set(o, "severity", str(c->warning ? "warning" : "error"));
	set(o, "message", str(c->message));
	return o;
}

/* ---- streaming ----------------------------------------------------------------
 *
 * The report is written member by member, each array element built as a
 * jansson value, dumped, and freed before the next: the output is what
 * json_dumpf(JSON_INDENT(2) | JSON_PRESERVE_ORDER) gives for the whole
 * document (each value's text indented to its depth), but only one element
 * is in memory at a time. On the generated 500-data-center design the
 * whole tree took 585 MiB (docs/performance.md). */

struct out {
	FILE *f;
	bool first; /* no member written yet at the top level */
	int err;
};

/* Writes text with `indent` spaces after each newline. */
static void put_indented(struct out *o, const char *text, size_t len, int indent)
{
	for (size_t i = 0; i < len; i++) {
		if (fputc(text[i], o->f) == EOF)
			o->err = 1;
		if (text[i] == '\n')
			for (int k = 0; k < indent; k++)
				fputc(' ', o->f);
	}
}

/* Dumps v (taking its reference) at the given depth. */
static void put_value(struct out *o, json_t *v, int indent)
{
	char *text = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	json_decref(v);
	if (!text) {
		o->err = 1;
		return;
	}
	put_indented(o, text, strlen(text), indent);
	free(text);
}

static void put_key(struct out *o, const char *key)
{
	fputs(o->first ? "{\n  " : ",\n  ", o->f);
	o->first = false;
	json_t *k = json_string(key);
	put_value(o, k, 2);
	fputs(": ", o->f);
}

static void put_member(struct out *o, const char *key, json_t *v)
{
	put_key(o, key);
	put_value(o, v, 2);
}

/* An array member, its elements made one at a time by make(i) (NULL: skip). */
static void put_array(struct out *o, const char *key, size_t n, json_t *(*make)(const void *ctx, size_t i),
                      const void *ctx)
{
	bool any = false;
	put_key(o, key);
	for (size_t i = 0; i < n; i++) {
		json_t *v = make(ctx, i);
		if (!v)
			continue;
		fputs(any ? ",\n    " : "[\n    ", o->f);
		any = true;
		put_value(o, v, 4);
	}
	fputs(any ? "\n  ]" : "[]", o->f);
}

static json_t *make_session(const void *ctx, size_t i)
{
	const struct ecrc_verify_report *rp = ctx;
	return session(rp->a, &rp->sessions[i]);
}

static json_t *make_cloud_route(const void *ctx, size_t i)
{
	const struct ecrc_verify_report *rp = ctx;
	const struct ecrc_verify_cloud_route *c = &rp->cloud_routes[i];
	char pbuf[19];
	json_t *o = json_object();
	set(o, "vpc", str(c->vpc));
	set(o, "prefix", str(ecrc_fmt_ipnet(c->prefix, pbuf)));
	set(o, "vswitch", c->vswitch ? str(c->vswitch) : json_null());
	set(o, "zone", c->zone ? str(c->zone) : json_null());
	set(o, "assumed", json_boolean(c->vswitch == NULL));
	return o;
}

static json_t *make_route(const void *ctx, size_t i)
{
	const struct ecrc_verify_report *rp = ctx;
	return route(&rp->routes[i]);
}

static json_t *make_drill(const void *ctx, size_t i)
{
	const struct ecrc_verify_report *rp = ctx;
	return rp->drills[i].ran ? drill(rp, &rp->drills[i]) : NULL;
}

static json_t *make_check(const void *ctx, size_t i)
{
	const struct ecrc_verify_report *rp = ctx;
	return check(&rp->checks.v[i]);
}

static json_t *make_trace(const void *ctx, size_t i)
{
	const struct ecrc_verify_report *rp = ctx;
	return str(rp->trace.v[i]);
}

int ecrc_verify_print_json(FILE *f, const struct ecrc_verify_report *rp)
{
	struct out o = {f, true, 0};
	put_member(&o, "version", integer(1));
	put_member(&o, "design", str(rp->design));
	put_member(&o, "seed", integer((long long)rp->seed));
	if (rp->seeds)
		put_member(&o, "seeds", integer((long long)rp->seeds));
	put_member(&o, "ok", json_boolean(rp->checks.n_failed == 0));
	json_t *lint = json_object();
	set(lint, "errors", integer((long long)rp->lint_errors));
	set(lint, "warnings", integer((long long)rp->lint_warnings));
	put_member(&o, "lint", lint);
	put_member(&o, "converge_ms", ms(rp->converge_us));
	put_member(&o, "events", integer((long long)rp->converge_events));
	put_array(&o, "sessions", rp->n_sessions, make_session, rp);
	put_array(&o, "cloud_routes", rp->n_cloud_routes, make_cloud_route, rp);
	put_array(&o, "routes", rp->n_routes, make_route, rp);
	put_array(&o, "drills", rp->n_drills, make_drill, rp);
	put_array(&o, "checks", rp->checks.n, make_check, rp);
	if (rp->tracing)
		put_array(&o, "trace", rp->trace.n, make_trace, rp);
	fputs("\n}\n", f);
	return o.err || ferror(f) ? -1 : 0;
}
