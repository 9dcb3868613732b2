/*
 * lint_cmd.c: `ecrc lint [options] DESIGN...`: loads each design, runs the
 * rule catalog, and writes one report for all of them (text, JSON, SARIF or
 * JUnit) to stdout or, atomically, to -o FILE; a summary line on stderr.
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static void help(FILE *out)
{
	fputs("usage: ecrc lint [options] DESIGN...\n\n"
	      "Checks designs against the rule catalog ('ecrc rules' lists it). '-' reads a\n"
	      "design from standard input. Several designs are reported together.\n\n"
	      "options:\n"
	      "  --format=FMT         text (default, GCC style), json, sarif (2.1.0) or junit\n"
	      "  -o, --output=FILE    write the report to FILE (atomically) instead of stdout\n"
	      "  --werror             warnings make the exit status 1\n"
	      "  --disable=RULE,...   do not run these rules\n"
	      "  --enable-only=RULE,...  run only these rules (front-end rules always run)\n"
	      "  --quiet              no summary line on stderr\n"
	      "  --color=WHEN         auto (default: on a terminal), always, never\n"
	      "  -h, --help           this text\n\n"
	      "exit status: 0 clean, 1 errors (or warnings with --werror), 2 a design could\n"
	      "not be read or parsed, or the report not written, 3 usage error.\n",
	      out);
}

static bool check_rule_list(const char *const *ids, size_t n, const char *opt)
{
	for (size_t i = 0; i < n; i++) {
		if (!ecrc_rule_find(ids[i])) {
			ecrc_cli_usage_error("lint", "%s: '%s' is not a rule; 'ecrc rules' lists them", opt,
			                     ids[i]);
			return false;
		}
	}
	return true;
}

/* Writes the report to `path` through a temporary file in the same
 * directory, fsync and rename: a failed run leaves no partial report. */
static int write_report_file(const char *path, const struct ecrc_report_design *rd, size_t n,
                             const struct ecrc_report_options *ro)
{
	char *dup = ecrc_xstrdup(path);
	const char *dir = dirname(dup);
	size_t tl = strlen(dir) + 32;
	char *tmp = ecrc_xmalloc(tl);
	snprintf(tmp, tl, "%s/.ecrc-report.XXXXXX", dir);
	int fd = mkstemp(tmp);
	int rc = -1;
	if (fd >= 0) {
		FILE *f = fdopen(fd, "w");
		if (f && ecrc_report_write(f, rd, n, ro) == 0 && fflush(f) == 0 && fsync(fd) == 0) {
			if (fclose(f) == 0 && rename(tmp, path) == 0)
				rc = 0;
			f = NULL;
		}
		if (f)
			fclose(f);
		if (rc != 0) {
			int saved = errno;
			unlink(tmp);
			errno = saved;
		}
	}
	if (rc != 0)
		fprintf(stderr, "ecrc lint: cannot write the report to '%s': %s\n", path, strerror(errno));
	free(tmp);
	free(dup);
	return rc;
}

int ecrc_cmd_lint(int argc, char **argv)
{
	enum { OPT_FORMAT = 256, OPT_WERROR, OPT_DISABLE, OPT_ENABLE_ONLY, OPT_QUIET, OPT_COLOR };
	static const struct option longopts[] = {
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"werror", no_argument, NULL, OPT_WERROR},
	    {"disable", required_argument, NULL, OPT_DISABLE},
	    {"enable-only", required_argument, NULL, OPT_ENABLE_ONLY},
	    {"quiet", no_argument, NULL, OPT_QUIET},
	    {"color", required_argument, NULL, OPT_COLOR},
	    {"output", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct ecrc_report_options ro = {.format = ECRC_FMT_TEXT};
	struct ecrc_lint_options lo = {0};
	const char *out_path = NULL;
	bool quiet = false;
	int color = -1; /* auto */
	char *disable_arg = NULL, *enable_arg = NULL;
	int status = ECRC_EXIT_OK;

	struct ecrc_cli_opts p;
	ecrc_cli_opts_init(&p, "lint", argc, argv, "o:h", longopts);
	int c;
	while ((c = ecrc_cli_opts_next(&p)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (!ecrc_parse_format(optarg, &ro.format))
				return ecrc_cli_usage_error(
				    "lint", "--format must be text, json, sarif or junit, not '%s'", optarg);
			break;
		case OPT_WERROR:
			ro.werror = true;
			break;
		case OPT_DISABLE:
			disable_arg = optarg;
			break;
		case OPT_ENABLE_ONLY:
			enable_arg = optarg;
			break;
		case OPT_QUIET:
			quiet = true;
			break;
		case OPT_COLOR:
			if (!strcmp(optarg, "always"))
				color = 1;
			else if (!strcmp(optarg, "never"))
				color = 0;
			else if (!strcmp(optarg, "auto"))
				color = -1;
			else
				return ecrc_cli_usage_error(
				    "lint", "--color must be auto, always or never, not '%s'", optarg);
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'h':
			help(stdout);
			return ECRC_EXIT_OK;
		default: /* ECRC_CLI_OPT_BAD: the message is printed */
			return ECRC_EXIT_USAGE;
		}
	}
	if (p.n_operands < 1)
		return ecrc_cli_usage_error("lint", "no design given");

	const char **dis = NULL, **en = NULL;
	if (disable_arg) {
		dis = ecrc_cli_split_list(disable_arg, &lo.n_disable);
		lo.disable = dis;
		if (!check_rule_list(dis, lo.n_disable, "--disable")) {
			free(dis);
			return ECRC_EXIT_USAGE;
		}
	}
	if (enable_arg) {
		en = ecrc_cli_split_list(enable_arg, &lo.n_enable_only);
		lo.enable_only = en;
		if (!check_rule_list(en, lo.n_enable_only, "--enable-only")) {
			free(dis);
			free(en);
			return ECRC_EXIT_USAGE;
		}
	}
	if (color < 0) {
		const char *term = getenv("TERM");
		color = !out_path && ro.format == ECRC_FMT_TEXT && isatty(STDOUT_FILENO) &&
		        !getenv("NO_COLOR") && term && strcmp(term, "dumb") != 0;
	}
	ro.color = color && ro.format == ECRC_FMT_TEXT;
	ro.lint = &lo;

	size_t n = (size_t)p.n_operands;
	struct ecrc_diags *diags = ecrc_xcalloc(n, sizeof *diags);
	struct ecrc_report_design *rd = ecrc_xcalloc(n, sizeof *rd);
	bool unreadable = false;
	size_t errors = 0, warnings = 0;
	for (size_t i = 0; i < n; i++) {
		const char *path = p.operands[i];
		ecrc_diags_init(&diags[i]);
		struct ecrc_design *d = ecrc_cli_load_and_lint(path, &lo, &diags[i]);
		if (!d)
			unreadable = true;
		ecrc_design_free(d);
		rd[i].file = strcmp(path, "-") == 0 ? "<stdin>" : path;
		rd[i].diags = &diags[i];
		size_t e, w;
		ecrc_diags_count(&diags[i], &e, &w, NULL);
		errors += e;
		warnings += w;
	}

	if (out_path) {
		if (write_report_file(out_path, rd, n, &ro) != 0)
			status = ECRC_EXIT_INPUT;
	} else if (ecrc_report_write(stdout, rd, n, &ro) != 0) {
		fprintf(stderr, "ecrc lint: cannot write the report: %s\n", strerror(errno));
		status = ECRC_EXIT_INPUT;
	}
	if (!quiet)
		fprintf(stderr, "%zu error%s, %zu warning%s in %zu design%s\n", errors,
		        errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", n, n == 1 ? "" : "s");
	if (status == ECRC_EXIT_OK) {
		if (unreadable)
			status = ECRC_EXIT_INPUT;
		else if (errors || (ro.werror && warnings))
			status = ECRC_EXIT_FINDINGS;
	}
	for (size_t i = 0; i < n; i++)
		ecrc_diags_free(&diags[i]);
	free(diags);
	free(rd);
	free(dis);
	free(en);
	return status;
}
