/*
 * fuzz_loader.c: libFuzzer target for the front end. Each input is loaded as
 * a design with ecrc_load_memory; an intact design is linted with the whole
 * rule catalog; the findings are written in every report format (to
 * /dev/null); then everything is freed, so that LeakSanitizer sees a leak
 * in any of them. Besides crashes, it aborts when the loader's contract is
 * broken: a design refused without an error finding, a finding without a
 * rule or a message, or a location past the end of the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "lint/lint.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* libxml2's global state is set up once, not charged to the first input */
	xmlInitParser();
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
}

static void check_findings(const struct ecrc_diags *diags, size_t size)
{
	for (size_t i = 0; i < diags->n; i++) {
		const struct ecrc_finding *f = &diags->v[i];
		if (!f->rule || !*f->rule || !f->message || !*f->message)
			abort();
		/* a location is a line of the input (the input has at most
		 * size + 1 lines) */
		if (f->loc.line > size + 1)
			abort();
		for (size_t k = 0; k < f->n_notes; k++)
			if (!f->notes[k].message || !*f->notes[k].message)
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ecrc_diags diags;
	ecrc_diags_init(&diags);
	bool fatal = false;
	struct ecrc_design *d = ecrc_load_memory("fuzz.xml", (const char *)data, size, &diags, &fatal);
	if (!d) {
		/* refused: say why, at error level */
		size_t errors, warnings, notes;
		ecrc_diags_count(&diags, &errors, &warnings, &notes);
		if (!fatal || errors == 0)
			abort();
	} else if (ecrc_design_intact(&diags)) {
		struct ecrc_lint_options lo = {0};
		ecrc_lint_design(d, &lo, &diags);
	}
	ecrc_diags_sort(&diags);
	check_findings(&diags, size);

	static const enum ecrc_format formats[] = {ECRC_FMT_TEXT, ECRC_FMT_JSON, ECRC_FMT_SARIF,
	                                           ECRC_FMT_JUNIT};
	struct ecrc_report_design rd = {"fuzz.xml", &diags};
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		struct ecrc_report_options ro = {.format = formats[i]};
		if (ecrc_report_write(devnull, &rd, 1, &ro) != 0)
			abort();
	}
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
	return 0;
}
