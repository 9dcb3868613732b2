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
	static const struct option longopts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct ecrc_cli_opts p;
	ecrc_cli_opts_init(&p, "schema", argc, argv, "h", longopts);
	int c;
	while ((c = ecrc_cli_opts_next(&p)) != -1) {
		if (c != 'h')
			return ECRC_EXIT_USAGE; /* ECRC_CLI_OPT_BAD: the message is printed */
		fputs("usage: ecrc schema\n\nPrints the W3C XML Schema of the design format, "
		      "version " ECRC_FORMAT_VERSION ":\n"
		      "  ecrc schema > ecrc-design.xsd && xmllint --noout --schema ecrc-design.xsd "
		      "design.xml\n",
		      stdout);
		return ECRC_EXIT_OK;
	}
	if (p.n_operands > 0)
		return ecrc_cli_usage_error("schema", "takes no arguments");
	fwrite(ecrc_schema_xsd, 1, ecrc_schema_xsd_len, stdout);
	return fflush(stdout) == 0 ? ECRC_EXIT_OK : ECRC_EXIT_INPUT;
}
