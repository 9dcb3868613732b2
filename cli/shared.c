/*
 * shared.c: what the subcommands share: loading a design with lint,
 * printing findings, splitting option lists, usage errors.
 */
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
