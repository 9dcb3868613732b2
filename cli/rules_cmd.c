/*
 * rules_cmd.c: `ecrc rules` lists every rule (id, default severity, one-line
 * summary); `ecrc rules ID` prints the rule's page, docs/rules/ID.md, as
 * embedded at build time.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static void help(FILE *out)
{
	fputs("usage: ecrc rules [RULE]\n\n"
	      "With no argument, lists every rule: id, default severity and summary.\n"
	      "With a rule id, prints that rule's page: what it finds, why it matters,\n"
	      "a bad and a fixed example, how to fix it and how to silence it.\n",
	      out);
}

int ecrc_cmd_rules(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct ecrc_cli_opts p;
	ecrc_cli_opts_init(&p, "rules", argc, argv, "h", longopts);
	int c;
	while ((c = ecrc_cli_opts_next(&p)) != -1) {
		if (c == 'h') {
			help(stdout);
			return ECRC_EXIT_OK;
		}
		return ECRC_EXIT_USAGE; /* ECRC_CLI_OPT_BAD: the message is printed */
	}
	if (p.n_operands > 1)
		return ecrc_cli_usage_error("rules", "takes at most one rule id");
	if (p.n_operands == 0) {
		for (size_t i = 0; i < ecrc_rules_count; i++) {
			const struct ecrc_rule *r = ecrc_rules[i];
			printf("%-32s %-8s %s\n", r->id, ecrc_severity_name(r->severity), r->summary);
		}
		return ECRC_EXIT_OK;
	}
	const char *id = p.operands[0];
	const struct ecrc_rule *r = ecrc_rule_find(id);
	if (!r) {
		const char *best = NULL;
		unsigned bd = 99;
		for (size_t i = 0; i < ecrc_rules_count; i++) {
			unsigned dd = ecrc_edit_distance(id, ecrc_rules[i]->id);
			if (dd < bd) {
				bd = dd;
				best = ecrc_rules[i]->id;
			}
		}
		if (best && bd <= 3)
			return ecrc_cli_usage_error("rules", "'%s' is not a rule; did you mean '%s'?", id,
			                            best);
		return ecrc_cli_usage_error("rules", "'%s' is not a rule; 'ecrc rules' lists them", id);
	}
	const char *page = ecrc_rule_doc(r->id);
	if (!page) {
		printf("%s (%s): %s\n", r->id, ecrc_severity_name(r->severity), r->summary);
		return ECRC_EXIT_OK;
	}
	fputs(page, stdout);
	return ECRC_EXIT_OK;
}
