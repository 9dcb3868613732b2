/*
 * predict.c: what the reference engine predicts for the lab, from the
 * engine's input for the same design (the verify library's model,
 * verify/model.c). It fills the lab's
 * expectation: each session (hold, keepalive, BFD detection per side), each
 * route the lab reads (next hops by VBR), and each silent-failure drill
 * (how and when it is detected, the best case and the bound, per side).
 */
#include <stdio.h>
#include <string.h>

#include "engine/engine.h"
#include "lab/lab.h"

/* ---- the prediction ------------------------------------------------------- */

static int64_t ms(uint64_t us)
{
	return us == ECRC_ENGINE_NEVER ? -1 : (int64_t)((us + 500) / 1000);
}

static const char *copy(struct ecrc_arena *a, const char *s)
{
	return s ? ecrc_arena_strdup(a, s) : NULL;
}

/* One side's detections over every affected session: the first detection
 * and its method, the earliest best case, the latest bound. */
static void side_of(struct ecrc_arena *a, const struct ecrc_engine_drill_result *r, const char *side,
                    struct ecrc_lab_expect_side *out)
{
	bool any = false;

	*out = (struct ecrc_lab_expect_side){NULL, -1, -1, -1};
	for (size_t i = 0; i < r->n_detections; i++) {
		const struct ecrc_engine_detection *d = &r->detections[i];
		if (strcmp(d->side, side) != 0)
			continue;
		int64_t t = ms(d->detect_us), best = ms(d->best_us), bound = ms(d->bound_us);
		if (!any || (t >= 0 && (out->detect_ms < 0 || t < out->detect_ms))) {
			out->detect_ms = t;
			out->detected_by = copy(a, ecrc_engine_detect_name(d->by));
		}
		if (!any || (best >= 0 && best < out->best_ms))
			out->best_ms = best;
		if (!any || bound < 0 || (out->bound_ms >= 0 && bound > out->bound_ms))
			out->bound_ms = bound;
		any = true;
	}
}

/* The routes after a drill: the converged ones, with the forwarding
 * entries the drill changed (their final state) in their place. */
static void routes_after(struct ecrc_arena *a, const struct ecrc_lab_expect *x,
                         const struct ecrc_engine_drill_result *r, struct ecrc_lab_expect_drill *xd)
{
	xd->routes_after = ecrc_arena_alloc(a, (x->n_routes + 1) * sizeof(*xd->routes_after));
	xd->n_routes_after = x->n_routes;
	for (size_t i = 0; i < x->n_routes; i++) {
		struct ecrc_lab_route *out = &xd->routes_after[i];
		*out = x->routes[i];
		for (size_t k = 0; k < r->n_routes; k++) {
			const struct ecrc_engine_drill_route *c = &r->routes[k];
			if (strcmp(c->router, out->router) != 0 || !ecrc_ipnet_equal(c->prefix, out->prefix))
				continue;
			out->next_hops = ecrc_arena_alloc(a, (c->n_next_hops + 1) * sizeof(*out->next_hops));
			out->n_next_hops = 0;
			for (size_t h = 0; h < c->n_next_hops; h++)
				out->next_hops[out->n_next_hops++] = copy(a, c->next_hops[h]);
		}
	}
}

static void predict(const struct ecrc_lab *lab, const struct ecrc_engine_model *m, struct ecrc_lab_expect *x)
{
	struct ecrc_engine_options o;
	struct ecrc_engine *e;
	struct ecrc_arena *a;
	char err[160];

	if (!x->arena)
		x->arena = ecrc_arena_new();
	a = x->arena;
	ecrc_engine_options_init(&o);
	x->seed = o.seed;
	e = ecrc_engine_new(m, &o, err, sizeof err);
	if (!e) {
		snprintf(x->message, sizeof x->message, "the engine refused the model: %s", err);
		return;
	}
	ecrc_engine_converge(e);

	size_t n = ecrc_engine_n_sessions(e);
	x->sessions = ecrc_arena_alloc(a, (n + 1) * sizeof(*x->sessions));
	for (size_t i = 0; i < n; i++) {
		struct ecrc_engine_session_info s;
		ecrc_engine_session(e, i, &s);
		x->sessions[x->n_sessions++] = (struct ecrc_lab_expect_session){
		    .uplink = copy(a, s.uplink_id),
		    .established = s.established,
		    .hold_s = s.hold_s,
		    .cpe_keepalive_s = s.cpe_keepalive_s,
		    .bfd = s.bfd_cpe && s.bfd_vbr,
		    .cpe_detect_ms = s.cpe_detect_ms,
		    .vbr_detect_ms = s.vbr_detect_ms,
		};
	}

	struct ecrc_lab_route *subjects;
	size_t n_subjects;
	ecrc_lab_route_subjects(lab, &subjects, &n_subjects);
	x->routes = ecrc_arena_alloc(a, (n_subjects + 1) * sizeof(*x->routes));
	for (size_t i = 0; i < n_subjects; i++) {
		struct ecrc_engine_route r;
		struct ecrc_lab_route *xr = &x->routes[x->n_routes++];
		xr->router = copy(a, subjects[i].router);
		xr->prefix = subjects[i].prefix;
		if (!ecrc_engine_route(e, subjects[i].router, subjects[i].prefix, false, &r) || !r.present)
			continue;
		xr->next_hops = ecrc_arena_alloc(a, (r.n_next_hops + 1) * sizeof(*xr->next_hops));
		for (size_t k = 0; k < r.n_next_hops; k++)
			xr->next_hops[xr->n_next_hops++] = copy(a, r.next_hops[k]);
	}
	ecrc_lab_routes_free(subjects, n_subjects);

	const char **targets = ecrc_arena_alloc(a, (lab->n_circuits + 1) * sizeof(*targets));
	size_t n_targets = ecrc_lab_drill_targets(lab, targets);
	x->drills = ecrc_arena_alloc(a, (n_targets + 1) * sizeof(*x->drills));
	for (size_t i = 0; i < n_targets; i++) {
		struct ecrc_engine_failure f = {ECRC_FAIL_SILENT, targets[i]};
		struct ecrc_engine_drill_result r;
		if (ecrc_engine_drill(e, &f, 1, &r, err, sizeof err) != 0) {
			snprintf(x->message, sizeof x->message, "drill %.64s: %s", targets[i], err);
			ecrc_engine_free(e);
			return;
		}
		struct ecrc_lab_expect_drill *xd = &x->drills[x->n_drills++];
		xd->name = copy(a, targets[i]);
		xd->detected_by = r.detected_by == ECRC_DETECT_NONE
		                      ? NULL
		                      : copy(a, ecrc_engine_detect_name(r.detected_by));
		xd->detect_ms = ms(r.detect_us);
		xd->detect_best_ms = ms(r.detect_best_us);
		xd->detect_bound_ms = ms(r.detect_bound_us);
		xd->converged_ms = ms(r.converged_us);
		side_of(a, &r, "cpe", &xd->cpe);
		side_of(a, &r, "vbr", &xd->vbr);
		routes_after(a, x, &r, xd);
		ecrc_engine_drill_result_free(&r);
	}
	ecrc_engine_free(e);
	x->ok = true;
}

void ecrc_lab_predict(const struct ecrc_lab *lab, struct ecrc_lab_expect *x, struct ecrc_diags *diags)
{
	struct ecrc_verify_model_options mo = {.facts = lab->facts};
	struct ecrc_verify_model *vm = ecrc_verify_model_new(lab->design, &mo, diags);

	if (!x->arena)
		x->arena = ecrc_arena_new();
	if (vm)
		predict(lab, ecrc_verify_engine_model(vm), x);
	else
		snprintf(x->message, sizeof x->message, "a CPE could not be compiled for the engine");
	ecrc_verify_model_free(vm);
}
