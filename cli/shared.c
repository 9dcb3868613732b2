/*
 * shared.c: what the subcommands share: option parsing (GNU order),
 * loading a design with lint, printing findings, splitting option lists,
 * usage errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

struct ecrc_design *ecrc_cli_load_and_lint(const char *path, const struct ecrc_lint_options *opt,
                                           struct ecrc_diags *diags)
{
	bool fatal = false;
	struct ecrc_design *d = ecrc_load_file(path, diags, &fatal);
	if (d && ecrc_design_intact(diags))
		ecrc_lint_design(d, opt, diags);
	ecrc_diags_sort(diags);
	return d;
}

void ecrc_cli_print_findings(const char *file, const struct ecrc_diags *diags)
{
	struct ecrc_report_design rd = {file, diags};
	struct ecrc_report_options ro = {.format = ECRC_FMT_TEXT};
	ecrc_report_write(stderr, &rd, 1, &ro);
}

const char **ecrc_cli_split_list(char *s, size_t *n)
{
	size_t cap = 1;
	for (char *c = s; *c; c++)
		if (*c == ',')
			cap++;
	const char **v = ecrc_xcalloc(cap + 1, sizeof *v);
	*n = 0;
	for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ","))
		if (*tok)
			v[(*n)++] = tok;
	return v;
}

int ecrc_cli_usage_error(const char *cmd, const char *fmt, ...)
{
	fprintf(stderr, "ecrc %s: ", cmd);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nsee 'ecrc %s --help'\n", cmd);
	return ECRC_EXIT_USAGE;
}

void ecrc_cli_opts_init(struct ecrc_cli_opts *p, const char *cmd, int argc, char **argv,
                        const char *shortopts, const struct option *longopts)
{
	*p = (struct ecrc_cli_opts){.cmd = cmd, .argc = argc, .argv = argv, .longopts = longopts};
	/* '-': every operand comes back in order as option 1, whatever
	 * POSIXLY_CORRECT says; ':': a missing value is reported as ':' */
	snprintf(p->optstring, sizeof p->optstring, "-:%s", shortopts);
	p->operands = argv + 1;
	optind = 0; /* glibc: reinitialise, this argv may not be the last one's */
	opterr = 0;
}

/* The long option an argument names, for messages: "--format" of "--format=x". */
static const char *option_name(const char *arg, char *buf, size_t len)
{
	size_t n = strcspn(arg, "=");
	snprintf(buf, len, "%.*s", (int)(n < len ? n : len - 1), arg);
	return buf;
}

int ecrc_cli_opts_next(struct ecrc_cli_opts *p)
{
	for (;;) {
		int c = getopt_long(p->argc, p->argv, p->optstring, p->longopts, NULL);
		char name[64];
		const char *arg = optind > 0 && optind <= p->argc ? p->argv[optind - 1] : "";
		switch (c) {
		case 1:
			/* an operand: gather it at the front; every slot up to
			 * optind - 1 has been read, and n_operands < optind */
			p->operands[p->n_operands++] = optarg;
			continue;
		case -1:
			/* after `--` (or at the end): the rest are operands */
			for (int i = optind; i < p->argc; i++)
				p->operands[p->n_operands++] = p->argv[i];
			return -1;
		case ':':
			if (optopt && optopt < 256 && arg[1] != '-')
				ecrc_cli_usage_error(p->cmd, "option '-%c' needs a value", optopt);
			else
				ecrc_cli_usage_error(p->cmd, "option '%s' needs a value",
				                     option_name(arg, name, sizeof name));
			return ECRC_CLI_OPT_BAD;
		case '?':
			if (optopt && !strncmp(arg, "--", 2) && strchr(arg, '='))
				ecrc_cli_usage_error(p->cmd, "option '%s' takes no value",
				                     option_name(arg, name, sizeof name));
			else if (!optopt)
				ecrc_cli_usage_error(p->cmd, "unknown option '%s'",
				                     option_name(arg, name, sizeof name));
			else
				ecrc_cli_usage_error(p->cmd, "unknown option '-%c'", optopt);
			return ECRC_CLI_OPT_BAD;
		default:
			return c;
		}
	}
}
