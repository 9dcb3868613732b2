/*
 * schema_cmd.c: `ecrc schema` prints the XSD of the design format
 * (docs/ecrc-design.xsd, embedded at build time), for editors and
 * `xmllint --schema`.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

extern const char ecrc_schema_xsd[];
extern const size_t ecrc_schema_xsd_len;

int ecrc_cmd_schema(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs("usage: ecrc schema\n\nPrints the W3C XML Schema of the design format, version 1:\n"
		      "  ecrc schema > ecrc-design.xsd && xmllint --noout --schema ecrc-design.xsd design.xml\n",
		      stdout);
		return ECRC_EXIT_OK;
	}
	if (argc > 1)
		return ecrc_cli_usage_error("schema", "takes no arguments");
	fwrite(ecrc_schema_xsd, 1, ecrc_schema_xsd_len, stdout);
	return fflush(stdout) == 0 ? ECRC_EXIT_OK : ECRC_EXIT_INPUT;
}
