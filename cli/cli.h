/*
 * cli.h: the subcommands of the ecrc binary and what they share: exit
 * codes, loading a design with lint, and printing findings.
 */
#ifndef ECRC_CLI_H
#define ECRC_CLI_H

#include <getopt.h>

#include "lint/lint.h"

/* Exit status, as in the spec's cli.md. */
enum {
	ECRC_EXIT_OK = 0,       /* clean */
	ECRC_EXIT_FINDINGS = 1, /* findings at error level, or a verify check that failed */
	ECRC_EXIT_INPUT = 2,    /* input could not be processed, output not writable */
	ECRC_EXIT_USAGE = 3,    /* unknown option, missing argument, unknown rule or vendor */
};

/* One subcommand each; argv[0] is the subcommand's name. */
int ecrc_cmd_lint(int argc, char **argv);
int ecrc_cmd_emit(int argc, char **argv);
int ecrc_cmd_verify(int argc, char **argv);
int ecrc_cmd_lab(int argc, char **argv);
int ecrc_cmd_check(int argc, char **argv);
int ecrc_cmd_import(int argc, char **argv);
int ecrc_cmd_rules(int argc, char **argv);
int ecrc_cmd_schema(int argc, char **argv);

/* shared.c */

/* Option parsing for every subcommand, GNU style: options and operands
 * come in any order (`ecrc lint x.xml --format=sarif -o r.sarif`), `--`
 * ends the options, and a lone `-` is an operand (standard input). The
 * usage errors (unknown option, missing or unexpected value) are printed
 * here, the same way for every subcommand. A subcommand adds an option
 * to its own longopts table and its switch, nothing else:
 *
 *	struct ecrc_cli_opts p;
 *	ecrc_cli_opts_init(&p, "lint", argc, argv, "o:h", longopts);
 *	while ((c = ecrc_cli_opts_next(&p)) != -1)
 *		switch (c) { case 'o': ...; case ECRC_CLI_OPT_BAD: return ECRC_EXIT_USAGE; }
 *	then p.operands[0 .. p.n_operands - 1], in the order given.
 *
 * The operands are gathered at the front of argv (argv[1..]), as GNU
 * getopt permutes argv itself; option values (optarg) are untouched. */
#define ECRC_CLI_OPT_BAD (-2)
struct ecrc_cli_opts {
	const char *cmd;
	int argc;
	char **argv;
	char optstring[64];
	const struct option *longopts;
	char **operands; /* complete once ecrc_cli_opts_next has returned -1 */
	int n_operands;
};
void ecrc_cli_opts_init(struct ecrc_cli_opts *p, const char *cmd, int argc, char **argv,
                        const char *shortopts, const struct option *longopts);
/* The next option's code (optarg set as by getopt_long), -1 once every
 * argument is read, or ECRC_CLI_OPT_BAD after printing a usage error. */
int ecrc_cli_opts_next(struct ecrc_cli_opts *p);

/* Loads a design ("-" = stdin) and lints it with every rule. On return
 * diags holds the sorted findings. Returns the design (free it with
 * ecrc_design_free), or NULL when it could not be processed (exit 2). */
struct ecrc_design *ecrc_cli_load_and_lint(const char *path, const struct ecrc_lint_options *opt,
                                           struct ecrc_diags *diags);
/* Prints findings in the text format to stderr (for emit, verify, lab). */
void ecrc_cli_print_findings(const char *file, const struct ecrc_diags *diags);
/* Splits "a,b,c" into a NULL-terminated malloc'd array (strings point into s). */
const char **ecrc_cli_split_list(char *s, size_t *n);
/* Usage error: prints "ecrc CMD: MESSAGE" and a hint, returns ECRC_EXIT_USAGE. */
int ecrc_cli_usage_error(const char *cmd, const char *fmt, ...) ECRC_PRINTF(2, 3);

#endif
