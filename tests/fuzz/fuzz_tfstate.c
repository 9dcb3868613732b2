/*
 * fuzz_tfstate.c: libFuzzer target for the Terraform state reader. Each
 * input is read as `terraform show -json` output; what reads is imported
 * (the <cloud> and the VBR list) and compared with the reference design
 * (loaded once); then everything is freed, so that LeakSanitizer sees a
 * leak in any of them. Besides crashes, it aborts when the contract is
 * broken: a refused input without a message, a drift-cloud finding without
 * a message, or imported text that is not NUL-terminated where it ends.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "lint/lint.h"
#include "terraform/terraform.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ecrc_design *design;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	struct ecrc_diags diags;
	ecrc_diags_init(&diags);
	bool fatal = false;
	design = ecrc_load_file(ECRC_SOURCE_DIR "/fixtures/designs/beijing-idc-ecmp.xml", &diags, &fatal);
	if (!design || !ecrc_design_intact(&diags))
		abort();
	ecrc_diags_free(&diags);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ecrc_tf_state st;
	char err[1024] = "";
	if (ecrc_tf_state_parse("fuzz.json", (const char *)data, size, &st, err, sizeof err) != 0) {
		if (!*err)
			abort();
		ecrc_tf_state_free(&st);
		return 0;
	}
	struct ecrc_buf out = {0};
	if (ecrc_tf_import_cloud(&st, &out, err, sizeof err) == 0) {
		if (!out.p || strlen(out.p) != out.len)
			abort();
	} else if (!*err) {
		abort();
	}
	ecrc_buf_free(&out);
	struct ecrc_tf_vbr *v;
	size_t n = ecrc_tf_import_vbrs(&st, &v);
	for (size_t i = 0; i < n; i++)
		if (strlen(v[i].id) > 64 || strlen(v[i].connection) > 64)
			abort();
	free(v);
	struct ecrc_diags diags;
	ecrc_diags_init(&diags);
	size_t found = ecrc_tf_check(design, &st, &diags);
	if (found != diags.n)
		abort();
	for (size_t i = 0; i < diags.n; i++)
		if (!diags.v[i].message || !*diags.v[i].message)
			abort();
	ecrc_diags_free(&diags);
	ecrc_tf_state_free(&st);
	return 0;
}
