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
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		help(stdout);
		return ECRC_EXIT_OK;
	}
	if (argc > 2)
		return ecrc_cli_usage_error("rules", "takes at most one rule id");
	if (argc == 2 && argv[1][0] == '-')
		return ecrc_cli_usage_error("rules", "unknown option '%s'", argv[1]);
	if (argc == 1) {
		for (size_t i = 0; i < ecrc_rules_count; i++) {
			const struct ecrc_rule *r = ecrc_rules[i];
			printf("%-32s %-8s %s\n", r->id, ecrc_severity_name(r->severity), r->summary);
		}
		return ECRC_EXIT_OK;
	}
	const struct ecrc_rule *r = ecrc_rule_find(argv[1]);
	if (!r) {
		const char *best = NULL;
		unsigned bd = 99;
		for (size_t i = 0; i < ecrc_rules_count; i++) {
			unsigned dd = ecrc_edit_distance(argv[1], ecrc_rules[i]->id);
			if (dd < bd) {
				bd = dd;
				best = ecrc_rules[i]->id;
			}
		}
		if (best && bd <= 3)
			return ecrc_cli_usage_error("rules", "'%s' is not a rule; did you mean '%s'?", argv[1], best);
		return ecrc_cli_usage_error("rules", "'%s' is not a rule; 'ecrc rules' lists them", argv[1]);
	}
	const char *page = ecrc_rule_doc(r->id);
	if (!page) {
		printf("%s (%s): %s\n", r->id, ecrc_severity_name(r->severity), r->summary);
		return ECRC_EXIT_OK;
	}
	fputs(page, stdout);
	return ECRC_EXIT_OK;
}
