/*
 * lab_cmd.c: `ecrc lab [options] DESIGN`: rehearses a design on real FRR in
 * network namespaces (lab/), compares it with the reference engine, prints
 * the report, and leaves nothing behind. Needs root.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "lab/lab.h"

#define DEFAULT_FRR_DIR "/usr/lib/frr"

static void help(FILE *out)
{
	fputs("usage: ecrc lab [options] DESIGN\n\n"
	      "Builds the design as Linux network namespaces (one per CPE, VBR and ECR, a\n"
	      "veth pair per circuit and per VBR-ECR link), runs real FRR in each (the CPEs\n"
	      "with what 'ecrc emit --vendor=frr' produces for them, the VBRs and ECRs with\n"
	      "an emulation of Alibaba's side), checks the sessions and routes against the\n"
	      "reference engine, then fails each physical connection silently (nftables\n"
	      "drops both ways, carrier up) and compares the measured detection with the\n"
	      "engine's prediction. Removes every namespace, process and file it created on\n"
	      "the way out. Needs root, FRR (zebra, staticd, bfdd, bgpd, vtysh), iproute2\n"
	      "and nftables. docs/lab.md explains the report.\n\n"
	      "options:\n"
	      "  --format=FMT       text (default) or json\n"
	      "  --timeout=SECONDS  give up after this long (default 600)\n"
	      "  --keep-going       drill even when a session did not come up\n"
	      "  --force            run even when lint reports errors\n"
	      "  --quiet            no progress lines on stderr\n"
	      "  --configs=DIR      only write the FRR config of every lab router into DIR\n"
	      "                     (ROUTER.frr.conf) and the topology (TOPOLOGY); no root needed\n"
	      "  --cleanup          only remove what lab runs that are gone left behind (killed\n"
	      "                     with SIGKILL, crashed): their daemons, namespaces and\n"
	      "                     directories; no DESIGN. Every run also does this first.\n"
	      "  -h, --help         this text\n\n"
	      "environment: ECRC_FRR_DIR, the FRR daemons' directory (default " DEFAULT_FRR_DIR ");\n"
	      "TMPDIR, where the lab's private files go (default /tmp); ECRC_LAB_STATE_DIR, where\n"
	      "each run records what it creates (default /run/ecrc-lab).\n\n"
	      "exit status: 0 everything agreed, 1 lint errors, a session down, an ECMP width\n"
	      "or route that differs from the engine's, or a drill that disagrees, 2 the\n"
	      "design could not be read or the lab could not run (not root, FRR missing),\n"
	      "3 usage error.\n",
	      out);
}

/* A program in PATH, for the check before anything is built. */
static bool in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (!path || !*path)
		path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");
		snprintf(buf, sizeof buf, "%.*s/%s", (int)n, path, prog);
		if (access(buf, X_OK) == 0)
			return true;
		path += n + (path[n] == ':');
	}
	return false;
}

/* Everything the lab needs from the system, each missing piece named. */
static bool can_run(const char *frr_dir)
{
	static const char *const daemons[] = {"zebra", "staticd", "bfdd", "bgpd"};
	static const char *const progs[] = {"ip", "nft", "vtysh"};
	bool ok = true;

	if (geteuid() != 0) {
		fputs("ecrc lab: needs root: it creates network namespaces, veth pairs and nftables rules\n"
		      "and starts FRR daemons (run it with sudo)\n",
		      stderr);
		return false;
	}
	for (size_t i = 0; i < sizeof daemons / sizeof daemons[0]; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", frr_dir, daemons[i]);
		if (access(path, X_OK) != 0) {
			fprintf(stderr,
			        "ecrc lab: FRR's %s is not at %s: install FRR (apt-get install frr) or set "
			        "ECRC_FRR_DIR\n",
			        daemons[i], path);
			ok = false;
		}
	}
	for (size_t i = 0; i < sizeof progs / sizeof progs[0]; i++)
		if (!in_path(progs[i])) {
			fprintf(stderr, "ecrc lab: %s is not in PATH: install %s\n", progs[i],
			        strcmp(progs[i], "ip") == 0    ? "iproute2"
			        : strcmp(progs[i], "nft") == 0 ? "nftables"
			                                       : "frr");
			ok = false;
		}
	return ok;
}

/* --configs=DIR: what the lab would run, written out for reading. */
static int write_configs(const struct ecrc_design *d, const char *dir, struct ecrc_diags *diags,
                         const char *path)
{
	struct ecrc_lab lab = {0};
	char err[1024];
	size_t before = diags->n;
	int status = ECRC_EXIT_OK;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "ecrc lab: cannot create %s: %s\n", dir, strerror(errno));
		return ECRC_EXIT_INPUT;
	}
	if (ecrc_lab_prepare(&lab, d, dir, diags, err, sizeof err) != 0) {
		if (diags->n > before) {
			struct ecrc_diags fresh = {
			    .arena = diags->arena, .v = diags->v + before, .n = diags->n - before};
			ecrc_cli_print_findings(path, &fresh);
		}
		fprintf(stderr, "ecrc lab: %s\n", err);
		ecrc_lab_free(&lab);
		return ECRC_EXIT_INPUT;
	}
	for (size_t i = 0; i <= lab.n_routers && status == ECRC_EXIT_OK; i++) {
		char file[4096];
		if (i < lab.n_routers)
			snprintf(file, sizeof file, "%s/%s.frr.conf", dir, lab.routers[i].id);
		else
			snprintf(file, sizeof file, "%s/TOPOLOGY", dir);
		FILE *f = fopen(file, "w");
		if (f && i < lab.n_routers)
			fputs(lab.routers[i].config, f);
		else if (f) {
			fprintf(f, "ecrc lab: %s, %zu routers\n", d->name, lab.n_routers);
			ecrc_lab_describe(f, &lab);
		}
		if (!f || fclose(f) != 0) {
			fprintf(stderr, "ecrc lab: cannot write %s: %s\n", file, strerror(errno));
			status = ECRC_EXIT_INPUT;
		}
	}
	ecrc_lab_free(&lab);
	return status;
}

int ecrc_cmd_lab(int argc, char **argv)
{
	enum {
		OPT_FORMAT = 256,
		OPT_TIMEOUT,
		OPT_KEEP_GOING,
		OPT_FORCE,
		OPT_QUIET,
		OPT_CONFIGS,
		OPT_CLEANUP
	};
	static const struct option longopts[] = {
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"timeout", required_argument, NULL, OPT_TIMEOUT},
	    {"keep-going", no_argument, NULL, OPT_KEEP_GOING},
	    {"force", no_argument, NULL, OPT_FORCE},
	    {"quiet", no_argument, NULL, OPT_QUIET},
	    {"configs", required_argument, NULL, OPT_CONFIGS},
	    {"cleanup", no_argument, NULL, OPT_CLEANUP},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct ecrc_lab_options opt = {0};
	bool json = false, force = false, cleanup_only = false;
	const char *configs_dir = NULL;
	int c;

	struct ecrc_cli_opts p;
	ecrc_cli_opts_init(&p, "lab", argc, argv, "h", longopts);
	while ((c = ecrc_cli_opts_next(&p)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "text") != 0)
				return ecrc_cli_usage_error("lab", "--format must be text or json, not '%s'",
				                            optarg);
			break;
		case OPT_TIMEOUT: {
			uint32_t s;
			if (!ecrc_parse_u32(optarg, 1, 86400, &s))
				return ecrc_cli_usage_error(
				    "lab", "--timeout takes seconds (1..86400), not '%s'", optarg);
			opt.timeout_s = s;
			break;
		}
		case OPT_KEEP_GOING:
			opt.keep_going = true;
			break;
		case OPT_FORCE:
			force = true;
			break;
		case OPT_QUIET:
			opt.quiet = true;
			break;
		case OPT_CONFIGS:
			configs_dir = optarg;
			break;
		case OPT_CLEANUP:
			cleanup_only = true;
			break;
		case 'h':
			help(stdout);
			return ECRC_EXIT_OK;
		default: /* ECRC_CLI_OPT_BAD: the message is printed */
			return ECRC_EXIT_USAGE;
		}
	}
	opt.frr_dir =
	    getenv("ECRC_FRR_DIR") && *getenv("ECRC_FRR_DIR") ? getenv("ECRC_FRR_DIR") : DEFAULT_FRR_DIR;
	if (cleanup_only) {
		if (p.n_operands)
			return ecrc_cli_usage_error("lab", "--cleanup takes no DESIGN");
		if (geteuid() != 0) {
			fputs("ecrc lab: --cleanup needs root: it kills daemons and removes network "
			      "namespaces\n",
			      stderr);
			return ECRC_EXIT_INPUT;
		}
		size_t n = ecrc_lab_clean_dead_runs(opt.frr_dir, stderr);
		if (n)
			fprintf(stderr, "ecrc lab: removed %zu thing%s left by lab runs that are gone\n", n,
			        n == 1 ? "" : "s");
		else
			fputs("ecrc lab: nothing left by lab runs that are gone\n", stderr);
		return ECRC_EXIT_OK;
	}
	if (p.n_operands != 1)
		return ecrc_cli_usage_error("lab", p.n_operands ? "one DESIGN at a time" : "no DESIGN given");
	const char *path = p.operands[0];

	struct ecrc_lint_options lo = {0};
	struct ecrc_diags diags;
	ecrc_diags_init(&diags);
	struct ecrc_design *d = ecrc_cli_load_and_lint(path, &lo, &diags);
	size_t errors, warnings, notes;
	ecrc_diags_count(&diags, &errors, &warnings, &notes);
	if (diags.n)
		ecrc_cli_print_findings(path, &diags);
	if (!d || !ecrc_design_intact(&diags)) {
		ecrc_design_free(d);
		ecrc_diags_free(&diags);
		return d ? ECRC_EXIT_FINDINGS : ECRC_EXIT_INPUT;
	}
	if (errors && !force) {
		fprintf(stderr,
		        "ecrc lab: %s has %zu error%s; fix them, or use --force to rehearse it anyway\n",
		        path, errors, errors == 1 ? "" : "s");
		ecrc_design_free(d);
		ecrc_diags_free(&diags);
		return ECRC_EXIT_FINDINGS;
	}
	/* The CPE configs' header names the design's digest, as emit's do. */
	ecrc_sha256(d->source, d->source_len, d->sha256);
	if (configs_dir) {
		int st = write_configs(d, configs_dir, &diags, path);
		ecrc_design_free(d);
		ecrc_diags_free(&diags);
		return st;
	}
	if (!can_run(opt.frr_dir)) {
		ecrc_design_free(d);
		ecrc_diags_free(&diags);
		return ECRC_EXIT_INPUT;
	}

	/* what killed runs left (their pid is gone): removed before building */
	ecrc_lab_clean_dead_runs(opt.frr_dir, opt.quiet ? NULL : stderr);

	struct ecrc_lab lab = {0};
	struct ecrc_lab_expect expect;
	struct ecrc_lab_result res;
	size_t before = diags.n;
	int rc = ecrc_lab_run(d, &opt, &lab, &expect, &res, &diags);
	if (diags.n > before) {
		/* Errors the lowering found (a missing MD5 key variable, ...). */
		struct ecrc_diags fresh = {
		    .arena = diags.arena, .v = diags.v + before, .n = diags.n - before};
		ecrc_cli_print_findings(path, &fresh);
	}
	int sig = ecrc_lab_interrupted();
	if (lab.design) {
		if (json)
			ecrc_lab_report_json(stdout, &lab, &expect, &res);
		else
			ecrc_lab_report_text(stdout, &lab, &expect, &res);
	} else if (res.error)
		fprintf(stderr, "ecrc lab: %s\n", res.error);
	fflush(stdout);
	/* Stopped before anything was measured: the lab could not run (2);
	 * otherwise what it measured decides. */
	int status = rc != 0 && !res.n_sessions ? ECRC_EXIT_INPUT
	             : res.ok                   ? ECRC_EXIT_OK
	                                        : ECRC_EXIT_FINDINGS;
	ecrc_lab_result_free(&res);
	ecrc_lab_expect_free(&expect);
	ecrc_lab_free(&lab);
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
	if (sig) {
		/* Cleaned up: now die of the signal, as the caller expects. */
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return status;
}
