/*
 * emit_cmd.c: `ecrc emit`. Placeholder until its issue lands: it says so
 * and exits with the usage status, as the foundation issue allows.
 */
#include <stdio.h>

#include "cli/cli.h"

int ecrc_cmd_emit(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("ecrc emit: not yet available in this build\n", stderr);
	return ECRC_EXIT_USAGE;
}
