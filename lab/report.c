/*
 * report.c: the lab's report, in text for people and in JSON for CI. The
 * JSON has the fields of `ecrc verify --format=json` where they mean the
 * same (sessions, routes with router/prefix/next_hops, drills, checks) and,
 * per drill, the measured times beside the engine's prediction.
 */
#include <ctype.h>
#include <jansson.h>
#include <string.h>

#include "lab/lab.h"

static const char *vlan_mode(const struct ecrc_lab *lab)
{
	return lab->vlan ? "802.1q" : "untagged";
}

static const char *drop_mode(const struct ecrc_lab *lab)
{
	return lab->nft_netdev ? "nftables-netdev" : "nftables-inet";
}

static void lower(const char *in, char *out, size_t n)
{
	size_t i = 0;

	for (; in[i] && i + 1 < n; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	out[i] = '\0';
}

/* "established" when both sides are; else the CPE side's state, lower case. */
static void session_state(const struct ecrc_lab_session *s, char *out, size_t n)
{
	if (s->established)
		snprintf(out, n, "established");
	else
		lower(s->cpe_state[0] ? s->cpe_state : "absent", out, n);
}

static void put_hops(FILE *f, const struct ecrc_lab_route *r)
{
	if (!r->n_next_hops) {
		fputs("no route", f);
		return;
	}
	fputs("via ", f);
	for (size_t i = 0; i < r->n_next_hops; i++)
		fprintf(f, "%s%s", i ? ", " : "", r->next_hops[i]);
}

static void put_ms(FILE *f, const char *label, int64_t ms)
{
	if (ms < 0)
		fprintf(f, "%snever", label);
	else
		fprintf(f, "%s%lld ms", label, (long long)ms);
}

void ecrc_lab_describe(FILE *f, const struct ecrc_lab *lab)
{
	char a[16], b[16], p[19];

	for (size_t i = 0; i < lab->n_circuits; i++) {
		const struct ecrc_lab_circuit *c = &lab->circuits[i];
		fprintf(f, "  %s %s %s/%u -- %s %s %s/%u (%s, VLAN %u)\n", c->cpe_router->id, c->cpe_if,
		        ecrc_fmt_ipv4(c->cpe_addr, a), (unsigned)c->uplink->address.len, c->vbr_router->id,
		        c->vbr_if, ecrc_fmt_ipv4(c->vbr_addr, b), (unsigned)c->len, c->uplink->connection_id,
		        (unsigned)c->uplink->vlan);
	}
	for (size_t i = 0; i < lab->n_trunks; i++) {
		const struct ecrc_lab_trunk *t = &lab->trunks[i];
		fprintf(f, "  %s %s %s/30 -- %s %s %s/30 (iBGP)\n", t->vbr_router->id, t->vbr_if,
		        ecrc_fmt_ipv4(t->vbr_addr, a), t->ecr_router->id, t->ecr_if,
		        ecrc_fmt_ipv4(t->ecr_addr, b));
	}
	for (size_t i = 0; i < lab->n_origins; i++)
		fprintf(f, "  %s originates %s\n", lab->origins[i].router->id,
		        ecrc_fmt_ipnet(lab->origins[i].prefix, p));
}

void ecrc_lab_report_text(FILE *f, const struct ecrc_lab *lab, const struct ecrc_lab_expect *e,
                          const struct ecrc_lab_result *res)
{
	char p[19];
	size_t failed = 0;

	fprintf(f, "lab: %s on FRR %s, %zu namespaces, %s circuits, drops by %s\n", lab->design->name,
	        lab->frr_version[0] ? lab->frr_version : "(not started)", lab->n_routers,
	        lab->vlan          ? "802.1Q"
	        : lab->vlan_probed ? "untagged veth (the kernel has no 802.1Q)"
	                           : "untagged (VLAN 0)",
	        drop_mode(lab));
	if (e->ok)
		fprintf(f, "engine: seed %llu\n", (unsigned long long)e->seed);
	else
		fprintf(f, "engine: no prediction (%s)\n", e->message);
	fputs("\ntopology\n", f);
	ecrc_lab_describe(f, lab);

	if (res->n_sessions)
		fputs("\nsessions\n", f);
	for (size_t i = 0; i < res->n_sessions; i++) {
		const struct ecrc_lab_session *s = &res->sessions[i];
		const struct ecrc_lab_circuit *c = s->circuit;
		char st[24];
		session_state(s, st, sizeof st);
		fprintf(f, "  %s: %s - %s %s", c->uplink->id, c->cpe_router->id, c->vbr_router->id, st);
		if (s->established)
			fprintf(f, ", hold %u s, keepalive %u s", (unsigned)s->hold_s,
			        (unsigned)s->keepalive_s);
		if (s->bfd && strcmp(s->bfd_state, "up") == 0)
			fprintf(f, ", BFD up, detect %u ms on %s, %u ms on %s", (unsigned)s->cpe_detect_ms,
			        c->cpe_router->id, (unsigned)s->vbr_detect_ms, c->vbr_router->id);
		else if (s->bfd)
			fprintf(f, ", BFD %s", s->bfd_state[0] ? s->bfd_state : "absent");
		else
			fprintf(f, ", no BFD%s",
			        c->cpe_bfd || c->vbr_bfd ? " (configured on one side only)" : "");
		fputc('\n', f);
	}

	if (res->n_routes)
		fputs("\nroutes\n", f);
	for (size_t i = 0; i < res->n_routes; i++) {
		const struct ecrc_lab_route *r = &res->routes[i];
		fprintf(f, "  %s %s ", r->router, ecrc_fmt_ipnet(r->prefix, p));
		put_hops(f, r);
		fputc('\n', f);
	}

	if (res->n_drills)
		fputs("\ndrills (silent failure, carrier up; each side agrees within [best - slack, bound + "
		      "slack], the slack per docs/lab.md)\n",
		      f);
	for (size_t i = 0; i < res->n_drills; i++) {
		const struct ecrc_lab_drill *d = &res->drills[i];
		const struct ecrc_lab_expect_drill *x = d->expect;
		if (d->detected_by) {
			fprintf(f, "  %s: detected by %s", d->name, d->detected_by);
			put_ms(f, " after ", d->detect_ms);
			put_ms(f, " (cpe ", d->cpe_detect_ms);
			put_ms(f, ", vbr ", d->vbr_detect_ms);
			put_ms(f, "), converged after ", d->converged_ms);
		} else
			fprintf(f, "  %s: not detected", d->name);
		if (d->recovered_ms >= 0)
			fprintf(f, ", back after %.1f s", (double)d->recovered_ms / 1000.0);
		fputc('\n', f);
		if (x && x->detected_by) {
			fprintf(f, "    engine: %s", x->detected_by);
			put_ms(f, " after ", x->detect_ms);
			put_ms(f, ", best ", x->detect_best_ms);
			put_ms(f, ", bound ", x->detect_bound_ms);
			fprintf(f, ": %s\n", d->agrees ? "agrees" : "DISAGREES");
		} else if (x)
			fprintf(f, "    engine: not detected: %s\n", d->agrees ? "agrees" : "DISAGREES");
		for (size_t k = 0; k < d->n_routes_after; k++) {
			const struct ecrc_lab_route *r = &d->routes_after[k];
			fprintf(f, "    after: %s %s ", r->router, ecrc_fmt_ipnet(r->prefix, p));
			put_hops(f, r);
			fputc('\n', f);
		}
	}

	if (res->checks.n)
		fputs("\nchecks\n", f);
	for (size_t i = 0; i < res->checks.n; i++) {
		const struct ecrc_verify_check *c = &res->checks.v[i];
		failed += !c->ok;
		fprintf(f, "  %-4s %s %s: %s\n", c->ok ? "ok" : "FAIL", c->check, c->subject, c->message);
	}
	if (lab->n_skipped) {
		fputs("\nnot emulated\n", f);
		for (size_t i = 0; i < lab->n_skipped; i++)
			fprintf(f, "  %s\n", lab->skipped[i]);
	}
	if (res->error)
		fprintf(f, "\nFAILED: stopped before the end: %s\n", res->error);
	else
		fprintf(f, "\n%s: %zu of %zu checks failed\n", res->ok ? "ok" : "FAILED", failed,
		        res->checks.n);
}

static json_t *ms_or_null(int64_t ms)
{
	return ms < 0 ? json_null() : json_integer(ms);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *route_json(const struct ecrc_lab_route *r)
{
	char p[19];
	json_t *hops = json_array();

	for (size_t i = 0; i < r->n_next_hops; i++)
		json_array_append_new(hops, json_string(r->next_hops[i]));
	return json_pack("{s:s, s:s, s:o}", "router", r->router, "prefix", ecrc_fmt_ipnet(r->prefix, p),
	                 "next_hops", hops);
}

void ecrc_lab_report_json(FILE *f, const struct ecrc_lab *lab, const struct ecrc_lab_expect *e,
                          const struct ecrc_lab_result *res)
{
	json_t *root = json_object();
	json_t *sessions = json_array(), *routes = json_array(), *drills = json_array(),
	       *checks = json_array();
	json_t *skipped = json_array();

	json_object_set_new(root, "version", json_integer(1));
	json_object_set_new(root, "design", json_string(lab->design->name));
	json_object_set_new(root, "frr_version", json_string(lab->frr_version));
	json_object_set_new(root, "vlan", json_string(vlan_mode(lab)));
	json_object_set_new(root, "drop", json_string(drop_mode(lab)));
	json_object_set_new(root, "seed", e->ok ? json_integer((json_int_t)e->seed) : json_null());
	json_object_set_new(root, "engine_error", e->ok ? json_null() : json_string(e->message));
	json_object_set_new(root, "ok", json_boolean(res->ok));
	json_object_set_new(root, "error", str_or_null(res->error));

	for (size_t i = 0; i < res->n_sessions; i++) {
		const struct ecrc_lab_session *s = &res->sessions[i];
		const struct ecrc_lab_circuit *c = s->circuit;
		char st[24];
		session_state(s, st, sizeof st);
		json_t *bfd = s->bfd ? json_pack("{s:s, s:i, s:i}", "state", s->bfd_state, "cpe_detect_ms",
		                                 (json_int_t)s->cpe_detect_ms, "vbr_detect_ms",
		                                 (json_int_t)s->vbr_detect_ms)
		                     : json_null();
		json_array_append_new(sessions,
		                      json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:o}", "uplink",
		                                c->uplink->id, "cpe", c->cpe_router->id, "vbr",
		                                c->vbr_router->id, "state", st, "cpe_state", s->cpe_state,
		                                "vbr_state", s->vbr_state, "hold_s", (json_int_t)s->hold_s,
		                                "keepalive_s", (json_int_t)s->keepalive_s, "bfd", bfd));
	}
	json_object_set_new(root, "sessions", sessions);

	for (size_t i = 0; i < res->n_routes; i++)
		json_array_append_new(routes, route_json(&res->routes[i]));
	json_object_set_new(root, "routes", routes);

	for (size_t i = 0; i < res->n_drills; i++) {
		const struct ecrc_lab_drill *d = &res->drills[i];
		const struct ecrc_lab_expect_drill *x = d->expect;
		json_t *after = json_array();
		for (size_t k = 0; k < d->n_routes_after; k++)
			json_array_append_new(after, route_json(&d->routes_after[k]));
		json_t *o = json_object();
		json_object_set_new(o, "name", json_string(d->name));
		json_object_set_new(o, "failures",
		                    json_pack("[{s:s, s:s}]", "kind", "silent", "target", d->name));
		json_object_set_new(o, "detected_by", str_or_null(d->detected_by));
		json_object_set_new(o, "measured_detect_ms", ms_or_null(d->detect_ms));
		json_object_set_new(o, "measured_cpe_detect_ms", ms_or_null(d->cpe_detect_ms));
		json_object_set_new(o, "measured_vbr_detect_ms", ms_or_null(d->vbr_detect_ms));
		json_object_set_new(o, "measured_converged_ms", ms_or_null(d->converged_ms));
		json_object_set_new(o, "measured_ecr_converged_ms", ms_or_null(d->ecr_converged_ms));
		json_object_set_new(o, "poll_max_ms", json_integer(d->poll_max_ms));
		json_object_set_new(o, "drop_ms", json_integer(d->drop_ms));
		json_object_set_new(o, "recovered_ms", ms_or_null(d->recovered_ms));
		json_object_set_new(o, "predicted_detected_by", str_or_null(x ? x->detected_by : NULL));
		json_object_set_new(o, "predicted_detect_ms", x ? ms_or_null(x->detect_ms) : json_null());
		json_object_set_new(o, "predicted_detect_best_ms",
		                    x ? ms_or_null(x->detect_best_ms) : json_null());
		json_object_set_new(o, "predicted_detect_bound_ms",
		                    x ? ms_or_null(x->detect_bound_ms) : json_null());
		json_object_set_new(o, "predicted_converged_ms",
		                    x ? ms_or_null(x->converged_ms) : json_null());
		json_object_set_new(o, "agrees", json_boolean(d->agrees));
		json_object_set_new(o, "routes_after", after);
		json_t *pafter = x ? json_array() : json_null();
		for (size_t k = 0; x && k < x->n_routes_after; k++)
			json_array_append_new(pafter, route_json(&x->routes_after[k]));
		json_object_set_new(o, "predicted_routes_after", pafter);
		json_array_append_new(drills, o);
	}
	json_object_set_new(root, "drills", drills);

	for (size_t i = 0; i < res->checks.n; i++) {
		const struct ecrc_verify_check *c = &res->checks.v[i];
		json_array_append_new(checks, json_pack("{s:s, s:s, s:b, s:s}", "check", c->check, "subject",
		                                        c->subject, "ok", c->ok, "message", c->message));
	}
	json_object_set_new(root, "checks", checks);
	for (size_t i = 0; i < lab->n_skipped; i++)
		json_array_append_new(skipped, json_string(lab->skipped[i]));
	json_object_set_new(root, "not_emulated", skipped);

	json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', f);
	json_decref(root);
}
