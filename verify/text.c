/*
 * text.c: verify's report for people. The convergence, each session (and
 * its BFD), each route the intent names, each drill (how and when the
 * failure was detected, what changed, what became unreachable), the
 * checks that did not pass and the result line.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "verify/verify.h"

static void print_ms(FILE *f, uint64_t us)
{
	if (us == ECRC_ENGINE_NEVER)
		fputs("never", f);
	else
		fprintf(f, "%" PRIu64 " ms", ecrc_verify_ms(us));
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

static void print_drill(FILE *f, const struct ecrc_verify_report *rp, const struct ecrc_verify_drill *d)
{
	const struct ecrc_engine_drill_result *r = &d->r;
	char pbuf[19];
	fprintf(f, "  %s:", d->spec->name);
	for (size_t k = 0; k < d->spec->n; k++)
		fprintf(f, " %s %s%s", ecrc_engine_failure_kind_name(d->spec->f[k].kind),
		        d->spec->f[k].target, k + 1 < d->spec->n ? "," : "");
	fprintf(f, ": %s", d->ok ? "ok" : "FAILED");
	if (rp->seeds)
		fprintf(f, " (worst of seeds 1..%" PRIu64 ": seed %" PRIu64 ")", rp->seeds, d->seed);
	fputc('\n', f);
	if (r->detected_side) {
		fprintf(f, "    detected by %s on the %s side after ",
		        ecrc_engine_detect_name(r->detected_by), r->detected_side);
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
	fputs(", failover ", f);
	print_ms(f, r->failover_us);
	fputs(", longest outage ", f);
	print_ms(f, r->outage_us);
	if (d->has_max)
		fprintf(f, "; max-failover-ms %u", d->max_ms);
	fputc('\n', f);
	for (size_t k = 0; k < r->n_detections; k++) {
		const struct ecrc_engine_detection *x = &r->detections[k];
		fprintf(f, "    %s %s (%s): %s after ", x->uplink_id, x->router, x->side,
		        ecrc_engine_detect_name(x->by));
		print_ms(f, x->detect_us);
		fputs(", worst case ", f);
		print_ms(f, x->bound_us);
		fputc('\n', f);
	}
	/* what changed: one line per router and next hops */
	for (size_t k = 0; k < r->n_routes;) {
		const struct ecrc_engine_drill_route *a = &r->routes[k];
		size_t j = k + 1;
		while (j < r->n_routes && strcmp(r->routes[j].router, a->router) == 0 &&
		       same_hops(&r->routes[j], a))
			j++;
		if (ecrc_verify_shown(rp, a->router)) {
			/* the prefixes by name, the first three of a long run */
			fprintf(f, "    now %s", a->router);
			for (size_t i = k; i < j && i < k + 3; i++)
				fprintf(f, "%s%s", i == k ? " " : ", ",
				        ecrc_fmt_ipnet(r->routes[i].prefix, pbuf));
			if (j - k > 3)
				fprintf(f, " and %zu more", j - k - 3);
			fputs(": ", f);
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

void ecrc_verify_print_text(FILE *f, const struct ecrc_verify_report *rp)
{
	char pbuf[19];
	fprintf(f, "ecrc verify: %s (--seed=%" PRIu64 "): converged after ", rp->design, rp->seed);
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
		fprintf(f, "  %s: %s - %s on %s: %s", s->uplink_id, s->cpe_id,
		        s->vbr_id ? s->vbr_id : "(no VBR)", s->connection_id,
		        ecrc_verify_session_state(rp->a, s));
		if (s->established) {
			/* keepalive 0: none sent (common/timers.c) */
			char ka[16], vka[16];
			snprintf(ka, sizeof(ka), s->cpe_keepalive_s ? "%u s" : "none", s->cpe_keepalive_s);
			snprintf(vka, sizeof(vka), s->vbr_keepalive_s ? "%u s" : "none", s->vbr_keepalive_s);
			fprintf(f, ", hold %u s, keepalive %s (VBR %s)\n", s->hold_s, ka, vka);
		} else
			fprintf(f, " (%s)\n", s->reason);
		if (s->bgp_flaps || s->bfd_flaps)
			fprintf(f, "    unstable: went down %u times while coming up (BFD %u times): %s\n",
			        s->bgp_flaps, s->bfd_flaps, s->flap_reason ? s->flap_reason : "BFD flapped");
		if (!s->bfd_cpe && !s->bfd_vbr)
			fputs("    bfd: off on both sides\n", f);
		else if (s->bfd_cpe != s->bfd_vbr)
			fprintf(f, "    bfd: on the %s only, %s: it cannot come up\n",
			        s->bfd_cpe ? "CPE" : "VBR", ecrc_verify_bfd_state(rp->a, s));
		else
			fprintf(
			    f,
			    "    bfd: %s; CPE sends every %u ms, detects after %u ms; VBR sends every %u ms, "
			    "detects after %u ms\n",
			    ecrc_verify_bfd_state(rp->a, s), s->cpe_tx_ms, s->cpe_detect_ms, s->vbr_tx_ms,
			    s->vbr_detect_ms);
	}

	fputs("\ncloud routes (what each VPC advertises: one system route per vSwitch CIDR)\n", f);
	bool assumed = false;
	for (size_t i = 0; i < rp->n_cloud_routes; i++) {
		const struct ecrc_verify_cloud_route *c = &rp->cloud_routes[i];
		if (c->vswitch)
			fprintf(f, "  %s %s: vSwitch %s in %s\n", c->vpc, ecrc_fmt_ipnet(c->prefix, pbuf),
			        c->vswitch, c->zone);
		else
			fprintf(f, "  %s %s: assumed, %s declares no vSwitch\n", c->vpc,
			        ecrc_fmt_ipnet(c->prefix, pbuf), c->vpc);
		assumed |= !c->vswitch;
	}
	if (assumed)
		fputs("  (assumption: a VPC without <vswitch> holds a vSwitch at the first /24 of each "
		      "block, or the\n"
		      "   block itself when longer; declare the vSwitches to check the real routes)\n",
		      f);

	fputs("\nroutes\n", f);
	for (size_t i = 0; i < rp->n_routes; i++) {
		const struct ecrc_verify_route *r = &rp->routes[i];
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
	if (rp->checks.n_failed || rp->checks.n_warned)
		fputs("\nchecks\n", f);
	for (size_t i = 0; i < rp->checks.n; i++) {
		const struct ecrc_verify_check *c = &rp->checks.v[i];
		if (!c->ok)
			fprintf(f, "  %s %s %s: %s\n", c->warning ? "warning" : "FAILED", c->check,
			        c->subject, c->message);
	}
	size_t total = ecrc_verify_checks_total(&rp->checks);
	if (rp->checks.n_failed)
		fprintf(f, "\nresult: FAILED, %zu of %zu checks failed", rp->checks.n_failed, total);
	else
		fprintf(f, "\nresult: ok, %zu checks passed", total - rp->checks.n_warned);
	if (rp->checks.n_warned)
		fprintf(f, ", %zu warning%s", rp->checks.n_warned, rp->checks.n_warned == 1 ? "" : "s");
	fputc('\n', f);
}
