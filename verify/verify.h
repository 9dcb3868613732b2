/*
 * verify.h: the verify library, between the engine and its front ends
 * (`ecrc verify` in cli/, `ecrc lab` in lab/). It translates a loaded
 * design into the engine's input (every CPE's IR and the cloud model),
 * plans the drills, runs the engine, checks the result against the
 * design's intent (sessions up, ECMP width or the primary, routes in every
 * VPC and CPE, failover within max-failover-ms) and collects everything
 * into one report, which the text and JSON printers write out.
 *
 * Layering: above emit/ (lowering) and engine/, below cli/ and lab/. It
 * never parses options and never decides an exit status.
 *
 * Use:
 *   vm = ecrc_verify_model_new(d, &mopt, diags);     model.c
 *   ecrc_verify_plan_drills(d, all, &drills);         drills.c
 *   ecrc_verify_run(d, vm, &ropt, &report, ...);      run.c
 *   ecrc_verify_print_text / _json(stdout, &report);  text.c, json.c
 *   ecrc_verify_report_free(&report);
 */
#ifndef ECRC_VERIFY_H
#define ECRC_VERIFY_H

#include <stdio.h>

#include "common/common.h"
#include "emit/emit.h"
#include "engine/engine.h"
#include "lint/lint.h"

/* ---- check.c: check records (verify and lab) ------------------------------ */

/* One check: what was checked ("session-established", "ecmp-width", the
 * lab's "drill", ...), on what (an uplink id, "ECR PREFIX", a drill name),
 * whether it held, and a sentence saying what was found. A failed warning
 * does not fail the run. */
struct ecrc_verify_check {
	const char *check;
	const char *subject, *message; /* in the list's arena */
	bool ok, warning;
};

/* The checks of one run. With keep_passed false, a passing check is only
 * counted (formatting a large design's passing checks would be most of
 * the run). */
struct ecrc_verify_checks {
	struct ecrc_arena *arena; /* the strings: set by the owner */
	bool keep_passed;
	struct ecrc_verify_check *v;
	size_t n, cap;
	size_t n_failed, n_warned; /* among v, not ok */
	size_t n_passed_unlisted;  /* passed and not kept */
};

/* Whether a check with this outcome is recorded; counts it as passed and
 * unlisted when not. Lets a caller skip formatting a message. */
bool ecrc_verify_checks_keep(struct ecrc_verify_checks *cs, bool ok);
/* Records a check (when ecrc_verify_checks_keep says so). */
void ecrc_verify_checks_add(struct ecrc_verify_checks *cs, const char *check, const char *subject, bool ok,
                            bool warning, const char *fmt, ...) ECRC_PRINTF(6, 7);
void ecrc_verify_checks_vadd(struct ecrc_verify_checks *cs, const char *check, const char *subject, bool ok,
                             bool warning, const char *fmt, va_list ap) ECRC_PRINTF(6, 0);
/* All checks, listed or not. */
size_t ecrc_verify_checks_total(const struct ecrc_verify_checks *cs);
/* Frees the array (not the arena, which belongs to the caller). */
void ecrc_verify_checks_free(struct ecrc_verify_checks *cs);

/* ---- model.c: the design -> engine model translation ------------------------ */

/* Where a CPE's IR comes from. The default (cpe_ir NULL) is the compiled
 * one: the CPE lowered as `ecrc emit` renders it (emit/lower.c), MD5 keys
 * redacted (the engine only needs to know that a key is there). A caller
 * replaces it to simulate something else for a CPE, such as the IR read
 * back from a deployed configuration. It allocates from arena (the
 * model's) and returns NULL, with errors in diags, when it has no IR. */
typedef struct ecrc_ir_cpe *(*ecrc_verify_cpe_ir_fn)(const struct ecrc_design *d, const struct ecrc_cpe *cpe,
                                                     struct ecrc_arena *arena, struct ecrc_diags *diags,
                                                     void *ctx);

struct ecrc_verify_model_options {
	const struct ecrc_facts *facts; /* the design's, when the caller has them; NULL: built */
	ecrc_verify_cpe_ir_fn cpe_ir;   /* NULL: ecrc_verify_compiled_ir */
	void *cpe_ir_ctx;
};

/* The default IR source: the compiled CPE (ctx: unused). */
struct ecrc_ir_cpe *ecrc_verify_compiled_ir(const struct ecrc_design *d, const struct ecrc_cpe *cpe,
                                            struct ecrc_arena *arena, struct ecrc_diags *diags, void *ctx);

/* The engine's input built from a loaded, intact design: every CPE's IR
 * (from opt->cpe_ir) and the cloud model (VBRs, ECRs and their
 * associations, transit routers with attachments and route policies,
 * VPCs, data centers). NULL, with errors in diags, when a CPE has no IR.
 * opt may be NULL. The design (and opt->facts) must outlive it. */
struct ecrc_verify_model;
struct ecrc_verify_model *ecrc_verify_model_new(const struct ecrc_design *d,
                                                const struct ecrc_verify_model_options *opt,
                                                struct ecrc_diags *diags);
const struct ecrc_engine_model *ecrc_verify_engine_model(const struct ecrc_verify_model *vm);
/* The facts the model was built with. */
const struct ecrc_facts *ecrc_verify_facts(const struct ecrc_verify_model *vm);
void ecrc_verify_model_free(struct ecrc_verify_model *vm);

/* ---- drills.c: which failures to simulate ----------------------------------- */

/* One drill: simultaneous failures under a name. */
struct ecrc_verify_drill_spec {
	char *name;
	struct ecrc_engine_failure *f; /* targets point into targets */
	size_t n;
	char *targets;
};

struct ecrc_verify_drills {
	struct ecrc_verify_drill_spec *v;
	size_t n, cap;
};

void ecrc_verify_drills_add(struct ecrc_verify_drills *ds, const char *name,
                            const struct ecrc_engine_failure *f, size_t n);
/* Appends every drill of from to ds, in order. */
void ecrc_verify_drills_append(struct ecrc_verify_drills *ds, const struct ecrc_verify_drills *from);
void ecrc_verify_drills_free(struct ecrc_verify_drills *ds);
/* circuits: each physical connection a BGP session rides, in document
 * order; all: then each such CPE down, then each session reset. */
void ecrc_verify_plan_drills(const struct ecrc_design *d, bool all, struct ecrc_verify_drills *ds);
/* One custom drill from "F[,F...]" (F: CONNECTION, CPE, silent:CONNECTION,
 * carrier:CONNECTION, down:CPE, reset:UPLINK), named after the whole
 * argument. Returns 0, or -1 with a message (for a usage error) in err. */
int ecrc_verify_parse_fail(const struct ecrc_design *d, const char *arg, struct ecrc_verify_drills *ds,
                           char *err, size_t errlen);
/* The tightest max-failover-ms of the data centers a drill touches
 * (false: none says one); *resets_only when every failure is a reset. */
bool ecrc_verify_drill_intent(const struct ecrc_design *d, const struct ecrc_verify_drill_spec *dr,
                              uint32_t *max_ms, bool *resets_only);

/* ---- run.c: the report ------------------------------------------------------ */

/* Lines of text (the engine's timeline), strings in the report's arena. */
struct ecrc_verify_lines {
	const char **v;
	size_t n, cap;
};

/* A router's route for a prefix the report asks about. */
struct ecrc_verify_route {
	const char *router;
	struct ecrc_ipnet asked, prefix; /* the prefix asked about, and the route that covers it */
	bool present;
	const char **hops;
	size_t n_hops;
	const char *as_path;
};

/* A route a VPC originates (a system route, one per vSwitch CIDR). */
struct ecrc_verify_cloud_route {
	const char *vpc;
	struct ecrc_ipnet prefix;
	const char *vswitch; /* NULL: a placeholder for a VPC without <vswitch> (assumed) */
	const char *zone;
};

/* One drill as it ran. */
struct ecrc_verify_drill {
	const struct ecrc_verify_drill_spec *spec;
	struct ecrc_engine_drill_result r;
	bool ran, ok, has_max;
	uint32_t max_ms;
	const char *error; /* the engine refused it */
	struct ecrc_verify_lines trace;
	uint64_t seed; /* the seed it ran with: with --seeds, its worst case's */
};

struct ecrc_verify_options {
	uint64_t seed; /* the engine's */
	/* > 1: run seeds 1..seeds, report each drill with its worst seed
	 * (verify --seeds=N) and any session that flapped with any seed */
	uint64_t seeds;
	bool tracing;                            /* keep the engine's timeline */
	bool all_checks;                         /* list passing checks too (JSON); else only count them */
	const struct ecrc_verify_drills *drills; /* NULL: none */
};

/* Everything verify found. New sections go here and into both printers. */
struct ecrc_verify_report {
	struct ecrc_arena *a;       /* every string and array below but the engine's */
	struct ecrc_engine *engine; /* owns the engine's strings the report points to */
	const char *design;
	uint64_t seed;
	uint64_t seeds; /* > 1: --seeds=N, the drills' worst cases */
	bool tracing;
	size_t lint_errors, lint_warnings; /* set by the caller */
	struct ecrc_engine **seed_engines; /* with --seeds: the engines the drills ran on */
	size_t n_seed_engines;
	uint64_t converge_us, converge_events;
	struct ecrc_engine_session_info *sessions;
	size_t n_sessions;
	struct ecrc_verify_route *routes;
	size_t n_routes;
	struct ecrc_verify_drill *drills;
	size_t n_drills;
	struct ecrc_verify_checks checks;
	struct ecrc_verify_lines trace;       /* the convergence's */
	struct ecrc_verify_lines *trace_into; /* where the engine's timeline goes now, or NULL */
	/* what each reachable VPC originates: its vSwitch routes, or the
	 * placeholders of a VPC without vSwitches (assumed) */
	struct ecrc_verify_cloud_route *cloud_routes;
	size_t n_cloud_routes;
	/* the routers the routes section shows (sorted): routes_after keeps to them */
	const char **shown;
	size_t n_shown;
};

/* Runs the engine over the model: converges, reads the sessions and the
 * routes the intent names, checks them, runs the drills. Returns 0, or -1
 * with a message in err when the engine refused the model (the report is
 * then only to be freed). */
int ecrc_verify_run(const struct ecrc_design *d, const struct ecrc_verify_model *vm,
                    const struct ecrc_verify_options *opt, struct ecrc_verify_report *rp, char *err,
                    size_t errlen);
/* Whether the routes section shows router (drills list only those). */
bool ecrc_verify_shown(const struct ecrc_verify_report *rp, const char *router);
/* Milliseconds, rounded to the nearest. */
uint64_t ecrc_verify_ms(uint64_t us);
/* "established", or the CPE side's BGP state in lower case; "up", or the
 * BFD state in lower case (strings from a). */
const char *ecrc_verify_session_state(struct ecrc_arena *a, const struct ecrc_engine_session_info *s);
const char *ecrc_verify_bfd_state(struct ecrc_arena *a, const struct ecrc_engine_session_info *s);
void ecrc_verify_report_free(struct ecrc_verify_report *rp);

/* ---- text.c, json.c: the printers ------------------------------------------- */

/* The report for people: the checks that did not pass, and a count. */
void ecrc_verify_print_text(FILE *f, const struct ecrc_verify_report *rp);
/* The report as JSON (version 1, docs/engine.md), every check listed when
 * the run kept them. Returns 0, or -1 when it could not be written. */
int ecrc_verify_print_json(FILE *f, const struct ecrc_verify_report *rp);

#endif
