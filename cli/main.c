/*
 * main.c: the ecrc binary: dispatches to a subcommand, in the style of git
 * (`ecrc --help`, `ecrc help SUBCOMMAND`, `ecrc SUBCOMMAND --help`).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#ifndef ECRC_COMMIT
#define ECRC_COMMIT ""
#endif

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
    {"lint", ecrc_cmd_lint, "check designs against the rule catalog"},
    {"emit", ecrc_cmd_emit, "compile per-CPE vendor configs, or the cloud side as Terraform"},
    {"verify", ecrc_cmd_verify, "run the reference BGP/BFD engine: sessions, routes, ECMP, failure drills"},
    {"check", ecrc_cmd_check,
     "compare what is deployed (CPE running configs, Terraform state) with the design"},
    {"import", ecrc_cmd_import, "write a design from what is deployed (Terraform state, running configs)"},
    {"lab", ecrc_cmd_lab, "rehearse a design on real FRR in network namespaces (root)"},
    {"rules", ecrc_cmd_rules, "list the rules, or explain one"},
    {"schema", ecrc_cmd_schema, "print the XSD of the design format"},
};

static void usage(FILE *out)
{
	fputs("usage: ecrc [--version] [--help] <command> [<args>]\n\n"
	      "ecrc lints, compiles and verifies Alibaba Cloud Express Connect designs:\n"
	      "two circuits, two VBRs and an Express Connect Router, BGP with BFD, ECMP.\n\n"
	      "commands:\n",
	      out);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'ecrc help COMMAND' or 'ecrc COMMAND --help' shows a command's options;\n"
	      "'man ecrc' has everything. Exit status: 0 clean, 1 findings, 2 input could\n"
	      "not be processed, 3 usage error.\n",
	      out);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return ECRC_EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		usage(stdout);
		return ECRC_EXIT_OK;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
		/* ECRC_COMMIT: `git describe` of the source tree when CMake
		 * configured the build, "" outside a git checkout */
		if (ECRC_COMMIT[0])
			printf("ecrc %s (commit %s)\n", ECRC_VERSION, ECRC_COMMIT);
		else
			printf("ecrc %s (commit unknown: not built from a git checkout)\n", ECRC_VERSION);
		printf("design format version %s\n", ECRC_FORMAT_VERSION);
		return ECRC_EXIT_OK;
	}
	if (!strcmp(cmd, "help")) {
		if (argc < 3) {
			usage(stdout);
			return ECRC_EXIT_OK;
		}
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
			if (!strcmp(argv[2], commands[i].name)) {
				char *sub[] = {argv[2], "--help", NULL};
				return commands[i].run(2, sub);
			}
		}
		fprintf(stderr, "ecrc: '%s' is not an ecrc command; see 'ecrc --help'\n", argv[2]);
		return ECRC_EXIT_USAGE;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(cmd, commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "ecrc: '%s' is not an ecrc command; see 'ecrc --help'\n", cmd);
	return ECRC_EXIT_USAGE;
}
