/*
 * verify_cmd.c: `ecrc verify [options] DESIGN`: the options and the exit
 * status. Lints the design, then hands it to the verify library
 * (verify/verify.h), which builds the engine's model, plans the drills,
 * runs the engine and checks the intent into one report, and prints it in
 * text or JSON.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "cli/cli.h"
#include "verify/verify.h"

/* --config: the CPEs whose deployed configuration replaces the compiled one */
struct deployed {
	struct ecrc_check_config *cfgs;
	size_t n;
	struct ecrc_running *runs;
};

static struct ecrc_ir_cpe *deployed_or_compiled_ir(const struct ecrc_design *d, const struct ecrc_cpe *cpe,
                                                   struct ecrc_arena *arena, struct ecrc_diags *diags,
                                                   void *ctx)
{
	const struct deployed *dep = ctx;
	for (size_t i = 0; i < dep->n; i++)
		if (strcmp(dep->cfgs[i].cpe_id, cpe->id) == 0)
			return ecrc_check_deployed_ir(d, cpe, dep->runs[i].vendor, &dep->runs[i], arena,
			                              diags);
	return ecrc_verify_compiled_ir(d, cpe, arena, diags, NULL);
}

/* Reads every --config file; returns an exit status (0: all read). */
static int read_deployed(const struct ecrc_design *d, struct deployed *dep, struct ecrc_arena *arena)
{
	char err[1024];
	dep->runs = ecrc_xcalloc(dep->n ? dep->n : 1, sizeof *dep->runs);
	for (size_t i = 0; i < dep->n; i++) {
		const struct ecrc_check_config *cf = &dep->cfgs[i];
		const struct ecrc_cpe *cpe = ecrc_check_find_cpe(d, cf->cpe_id);
		if (!cpe)
			return ecrc_cli_usage_error("verify", "--config: the design has no CPE '%s'",
			                            cf->cpe_id);
		const struct ecrc_vendor *v = cf->vendor ? cf->vendor : ecrc_vendor_find(cpe->vendor);
		if (!v)
			return ecrc_cli_usage_error(
			    "verify", "--config: name the vendor of %s: --config=%s=VENDOR:FILE", cpe->id,
			    cpe->id);
		size_t len;
		char *text = ecrc_check_slurp(cf->path, &len, err, sizeof err);
		if (!text || ecrc_check_read(v, cf->path, text, len, arena, &dep->runs[i], err, sizeof err)) {
			fprintf(stderr, "ecrc verify: %s\n", err);
			free(text);
			return ECRC_EXIT_INPUT;
		}
		free(text);
	}
	return ECRC_EXIT_OK;
}

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
	      "  --seeds=N            run seeds 1..N and report each drill's worst case (and\n"
	      "                       any session that flapped with some seed)\n"
	      "  --format=FMT         text (default) or json\n"
	      "  --trace              include the engine's event timeline\n"
	      "  --config=CPE=[VENDOR:]FILE  simulate CPE with its deployed running\n"
	      "                       configuration (as `ecrc check` reads it) instead of the\n"
	      "                       compiled one; repeatable\n"
	      "  -h, --help           this text\n\n"
	      "exit status: 0 every check passed; 1 a session does not establish, a prefix\n"
	      "expected to be ECMP has fewer paths (or, active-standby, does not use the\n"
	      "primary), a route is missing, a drill loses reachability or exceeds the data\n"
	      "center's max-failover-ms, or lint found errors (verify still simulates when\n"
	      "they leave the model intact); 2 the design could not be read or compiled;\n"
	      "3 usage error.\n",
	      out);
}

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
	enum { OPT_DRILL = 256, OPT_FAIL, OPT_SEED, OPT_SEEDS, OPT_FORMAT, OPT_TRACE, OPT_CONFIG };
	static const struct option longopts[] = {
	    {"drill", required_argument, NULL, OPT_DRILL},
	    {"fail", required_argument, NULL, OPT_FAIL},
	    {"seed", required_argument, NULL, OPT_SEED},
	    {"seeds", required_argument, NULL, OPT_SEEDS},
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"trace", no_argument, NULL, OPT_TRACE},
	    {"config", required_argument, NULL, OPT_CONFIG},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *drill_arg = NULL;
	char *fail_arg = NULL;
	uint64_t seed = 1, seeds = 0;
	bool json = false, tracing = false;
	struct deployed dep = {0};
	char cerr[512];

	struct ecrc_cli_opts p;
	ecrc_cli_opts_init(&p, "verify", argc, argv, "h", longopts);
	int c;
	while ((c = ecrc_cli_opts_next(&p)) != -1) {
		switch (c) {
		case OPT_DRILL:
			if (strcmp(optarg, "none") && strcmp(optarg, "circuits") && strcmp(optarg, "all"))
				return ecrc_cli_usage_error(
				    "verify", "--drill: '%s' is not none, circuits or all", optarg);
			drill_arg = optarg;
			break;
		case OPT_FAIL:
			fail_arg = optarg;
			break;
		case OPT_SEED:
			if (!parse_seed(optarg, &seed))
				return ecrc_cli_usage_error(
				    "verify", "--seed: '%s' is not a non-negative integer", optarg);
			break;
		case OPT_SEEDS:
			if (!parse_seed(optarg, &seeds) || seeds < 1 || seeds > 100000)
				return ecrc_cli_usage_error(
				    "verify", "--seeds: '%s' is not an integer 1..100000", optarg);
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				json = false;
			else if (strcmp(optarg, "json") == 0)
				json = true;
			else
				return ecrc_cli_usage_error("verify", "--format: '%s' is not text or json",
				                            optarg);
			break;
		case OPT_TRACE:
			tracing = true;
			break;
		case OPT_CONFIG:
			dep.cfgs = ecrc_xrealloc(dep.cfgs, (dep.n + 1) * sizeof *dep.cfgs);
			if (!ecrc_check_parse_config(optarg, &dep.cfgs[dep.n], cerr, sizeof cerr)) {
				ecrc_check_configs_free(dep.cfgs, dep.n);
				return ecrc_cli_usage_error("verify", "%s", cerr);
			}
			dep.n++;
			break;
		case 'h':
			help(stdout);
			ecrc_check_configs_free(dep.cfgs, dep.n);
			return ECRC_EXIT_OK;
		default: /* ECRC_CLI_OPT_BAD: the message is printed */
			ecrc_check_configs_free(dep.cfgs, dep.n);
			return ECRC_EXIT_USAGE;
		}
	}
	if (p.n_operands != 1) {
		ecrc_check_configs_free(dep.cfgs, dep.n);
		if (p.n_operands < 1)
			return ecrc_cli_usage_error("verify", "no design given");
		return ecrc_cli_usage_error("verify", "one design at a time ('%s' is a second one)",
		                            p.operands[1]);
	}
	const char *path = p.operands[0];
	const char *shown_path = strcmp(path, "-") == 0 ? "<stdin>" : path;

	struct ecrc_diags diags;
	ecrc_diags_init(&diags);
	struct ecrc_lint_options lo = {0};
	struct ecrc_design *d = ecrc_cli_load_and_lint(path, &lo, &diags);
	struct ecrc_verify_model *vm = NULL;
	struct ecrc_verify_drills ds = {0};
	struct ecrc_verify_report rp = {0};
	size_t lint_errors = 0, lint_warnings = 0, notes = 0;
	int status = ECRC_EXIT_OK;
	char err[256];
	struct ecrc_arena *dep_arena = NULL;

	if (!d) {
		ecrc_cli_print_findings(shown_path, &diags);
		status = ECRC_EXIT_INPUT;
		goto done;
	}
	if (diags.n)
		ecrc_cli_print_findings(shown_path, &diags);
	if (!ecrc_design_intact(&diags)) {
		fprintf(stderr,
		        "ecrc verify: %s has schema or reference errors; there is no model to simulate\n",
		        shown_path);
		status = ECRC_EXIT_FINDINGS;
		goto done;
	}
	ecrc_diags_count(&diags, &lint_errors, &lint_warnings, &notes);
	if (fail_arg && ecrc_verify_parse_fail(d, fail_arg, &ds, err, sizeof err) != 0) {
		status = ecrc_cli_usage_error("verify", "%s", err);
		goto done;
	}
	if (drill_arg ? strcmp(drill_arg, "none") != 0 : !fail_arg) {
		struct ecrc_verify_drills planned = {0};
		ecrc_verify_plan_drills(d, drill_arg && strcmp(drill_arg, "all") == 0, &planned);
		ecrc_verify_drills_append(&planned, &ds); /* the custom one after the planned ones */
		ecrc_verify_drills_free(&ds);
		ds = planned;
	}

	dep_arena = ecrc_arena_new();
	if ((status = read_deployed(d, &dep, dep_arena)) != ECRC_EXIT_OK)
		goto done;
	struct ecrc_verify_model_options mo = {0};
	if (dep.n) {
		mo.cpe_ir = deployed_or_compiled_ir;
		mo.cpe_ir_ctx = &dep;
	}
	size_t n_before = diags.n;
	vm = ecrc_verify_model_new(d, &mo, &diags);
	if (!vm) {
		struct ecrc_diags fresh = {
		    .arena = diags.arena, .v = diags.v + n_before, .n = diags.n - n_before};
		ecrc_cli_print_findings(shown_path, &fresh);
		fprintf(stderr, "ecrc verify: %s: a CPE could not be compiled; nothing simulated\n",
		        shown_path);
		status = ECRC_EXIT_INPUT;
		goto done;
	}
	struct ecrc_verify_options vo = {
	    .seed = seed, .seeds = seeds, .tracing = tracing, .all_checks = json, .drills = &ds};
	if (ecrc_verify_run(d, vm, &vo, &rp, err, sizeof err) != 0) {
		fprintf(stderr, "ecrc verify: %s: %s\n", shown_path, err);
		status = ECRC_EXIT_INPUT;
		goto done;
	}
	rp.lint_errors = lint_errors;
	rp.lint_warnings = lint_warnings;

	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	int wrc = 0;
	if (json)
		wrc = ecrc_verify_print_json(stdout, &rp);
	else
		ecrc_verify_print_text(stdout, &rp);
	if (wrc != 0 || fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ecrc verify: cannot write the report\n");
		status = ECRC_EXIT_INPUT;
		goto done;
	}
	if (rp.checks.n_failed || rp.lint_errors)
		status = ECRC_EXIT_FINDINGS;
	if (rp.lint_errors && !rp.checks.n_failed)
		fprintf(stderr, "ecrc verify: every check passed, but lint found %zu error%s\n",
		        rp.lint_errors, rp.lint_errors == 1 ? "" : "s");

done:
	ecrc_check_configs_free(dep.cfgs, dep.n);
	free(dep.runs);
	if (dep_arena)
		ecrc_arena_free(dep_arena);
	ecrc_verify_report_free(&rp);
	ecrc_verify_drills_free(&ds);
	ecrc_verify_model_free(vm);
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
	return status;
}
