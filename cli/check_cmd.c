/*
 * check_cmd.c: `ecrc check DESIGN --config=CPE=[VENDOR:]FILE... [--format=FMT]`:
 * reads each CPE's running configuration with its vendor's reader and
 * reports every drift from the design (check/check.h) in the lint report
 * formats. --terraform-state adds the cloud side: what `terraform show
 * -json` prints, compared with the design's <cloud> (terraform/terraform.h,
 * drift-cloud findings) in the same report.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "check/check.h"
#include "cli/cli.h"
#include "terraform/terraform.h"

static void help(FILE *out)
{
	fputs("usage: ecrc check [options] DESIGN --config=CPE=[VENDOR:]FILE...\n"
	      "       ecrc check [options] DESIGN --terraform-state=FILE\n\n"
	      "Compares what is deployed with the design: each CPE's running configuration\n"
	      "as the device prints it (show running-config, display current-configuration,\n"
	      "show configuration, frr.conf, bird.conf) against the config the design\n"
	      "compiles to. Every difference that matters to the interconnect is a drift-*\n"
	      "finding at FILE:LINE with a note at the design element; unrelated\n"
	      "configuration is skipped. 'ecrc rules' lists the drift-* rules.\n\n"
	      "options:\n"
	      "  --config=CPE=FILE    the running configuration of design CPE CPE, read as\n"
	      "                       the design's vendor for it; CPE=VENDOR:FILE names the\n"
	      "                       vendor (cisco-iosxe, juniper-junos, huawei-vrp,\n"
	      "                       h3c-comware, arista-eos, frr, bird). Repeatable.\n"
	      "  --terraform-state=FILE  the cloud side as Terraform sees it: what\n"
	      "                       'terraform show -json' prints for the state or a plan\n"
	      "                       ('-': standard input); differences from the design's\n"
	      "                       <cloud> are drift-cloud findings (docs/terraform.md)\n"
	      "  --format=FMT         text (default), json, sarif or junit\n"
	      "  -o, --output=FILE    write the report to FILE instead of stdout\n"
	      "  --werror             warnings (statements ecrc cannot interpret) make the\n"
	      "                       exit status 1\n"
	      "  --quiet              no summary line on stderr\n"
	      "  -h, --help           this text\n\n"
	      "exit status: 0 no drift, 1 drift, 2 a file unreadable or not a configuration\n"
	      "of that vendor (or the design unreadable), 3 usage error.\n\n"
	      "running-config readers (docs/check.md):\n",
	      out);
	fputs("  readers:", out);
	for (size_t i = 0; i < ecrc_vendors_count; i++)
		if (ecrc_vendors[i]->read_running)
			fprintf(out, " %s", ecrc_vendors[i]->name);
	fputs("\n", out);
}

struct check_args {
	struct ecrc_check_config *configs;
	size_t n_configs;
	struct ecrc_report_options ro;
	const char *out_path;
	const char *design;
	const char *tf_state; /* --terraform-state */
	bool quiet;
};

static int parse_args(int argc, char **argv, struct check_args *a)
{
	enum { OPT_FORMAT = 256, OPT_CONFIG, OPT_WERROR, OPT_QUIET, OPT_TFSTATE };
	static const struct option longopts[] = {
	    {"config", required_argument, NULL, OPT_CONFIG},
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"werror", no_argument, NULL, OPT_WERROR},
	    {"quiet", no_argument, NULL, OPT_QUIET},
	    {"terraform-state", required_argument, NULL, OPT_TFSTATE},
	    {"output", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	char err[512];
	struct ecrc_cli_opts p;
	ecrc_cli_opts_init(&p, "check", argc, argv, "o:h", longopts);
	int c;
	while ((c = ecrc_cli_opts_next(&p)) != -1) {
		switch (c) {
		case OPT_CONFIG:
			a->configs = ecrc_xrealloc(a->configs, (a->n_configs + 1) * sizeof *a->configs);
			if (!ecrc_check_parse_config(optarg, &a->configs[a->n_configs], err, sizeof err))
				return ecrc_cli_usage_error("check", "%s", err);
			a->n_configs++;
			break;
		case OPT_FORMAT:
			if (!ecrc_parse_format(optarg, &a->ro.format))
				return ecrc_cli_usage_error(
				    "check", "--format must be text, json, sarif or junit, not '%s'", optarg);
			break;
		case OPT_WERROR:
			a->ro.werror = true;
			break;
		case OPT_QUIET:
			a->quiet = true;
			break;
		case OPT_TFSTATE:
			if (a->tf_state)
				return ecrc_cli_usage_error("check", "--terraform-state is given twice");
			a->tf_state = optarg;
			break;
		case 'o':
			a->out_path = optarg;
			break;
		case 'h':
			help(stdout);
			return -1;
		default:
			return ECRC_EXIT_USAGE;
		}
	}
	if (p.n_operands < 1)
		return ecrc_cli_usage_error("check", "no design given");
	if (p.n_operands > 1)
		return ecrc_cli_usage_error("check", "one design at a time, not '%s' too", p.operands[1]);
	a->design = p.operands[0];
	if (!a->n_configs && !a->tf_state)
		return ecrc_cli_usage_error(
		    "check", "nothing to check: give --config=CPE=FILE or --terraform-state=FILE");
	return 0;
}

static void free_configs(struct check_args *a)
{
	ecrc_check_configs_free(a->configs, a->n_configs);
}

int ecrc_cmd_check(int argc, char **argv)
{
	struct check_args a = {.ro.format = ECRC_FMT_TEXT};
	int rc = parse_args(argc, argv, &a);
	if (rc) {
		free_configs(&a);
		return rc < 0 ? ECRC_EXIT_OK : rc;
	}

	struct ecrc_diags lint;
	ecrc_diags_init(&lint);
	struct ecrc_design *d = ecrc_cli_load_and_lint(a.design, NULL, &lint);
	if (!d || !ecrc_design_intact(&lint)) {
		ecrc_cli_print_findings(a.design, &lint);
		fprintf(stderr, "ecrc check: %s cannot be compared: fix the errors above first\n", a.design);
		ecrc_diags_free(&lint);
		ecrc_design_free(d);
		free_configs(&a);
		return ECRC_EXIT_INPUT;
	}
	ecrc_diags_free(&lint);

	int status = ECRC_EXIT_OK;
	for (size_t i = 0; i < a.n_configs && status == ECRC_EXIT_OK; i++) {
		const struct ecrc_cpe *cpe = ecrc_check_find_cpe(d, a.configs[i].cpe_id);
		if (!cpe) {
			status = ecrc_cli_usage_error("check", "--config: the design has no CPE '%s'",
			                              a.configs[i].cpe_id);
			break;
		}
		if (!a.configs[i].vendor && !ecrc_vendor_find(cpe->vendor)) {
			status = ecrc_cli_usage_error(
			    "check", "--config: CPE %s has no known vendor; write CPE=VENDOR:FILE", cpe->id);
			break;
		}
	}

	struct ecrc_diags diags;
	ecrc_diags_init(&diags);
	struct ecrc_arena *arena = ecrc_arena_new();
	char err[1024];
	for (size_t i = 0; i < a.n_configs && status == ECRC_EXIT_OK; i++) {
		const struct ecrc_check_config *cf = &a.configs[i];
		const struct ecrc_cpe *cpe = ecrc_check_find_cpe(d, cf->cpe_id);
		const struct ecrc_vendor *v = cf->vendor ? cf->vendor : ecrc_vendor_find(cpe->vendor);
		size_t len;
		char *text = ecrc_check_slurp(cf->path, &len, err, sizeof err);
		struct ecrc_running run;
		if (!text || ecrc_check_read(v, cf->path, text, len, arena, &run, err, sizeof err)) {
			fprintf(stderr, "ecrc check: %s\n", err);
			fprintf(
			    stderr,
			    "ecrc check: give the running configuration of %s as %s prints it, or name its "
			    "vendor with --config=%s=VENDOR:FILE\n",
			    cpe->id, v->display, cpe->id);
			free(text);
			status = ECRC_EXIT_INPUT;
			break;
		}
		if (ecrc_check_cpe(d, cpe, v, &run, cf->path, &diags))
			status = ECRC_EXIT_INPUT;
		free(text);
	}

	if (status == ECRC_EXIT_OK && a.tf_state) {
		struct ecrc_tf_state st;
		if (ecrc_tf_state_read(a.tf_state, &st, err, sizeof err) != 0) {
			fprintf(stderr, "ecrc check: %s\n", err);
			fprintf(stderr, "ecrc check: give --terraform-state what 'terraform show -json' "
			                "prints (run it in "
			                "the workspace that manages the interconnect)\n");
			status = ECRC_EXIT_INPUT;
		} else {
			ecrc_tf_check(d, &st, &diags);
		}
		ecrc_tf_state_free(&st);
	}

	if (status == ECRC_EXIT_OK || diags.n) {
		ecrc_diags_sort(&diags);
		struct ecrc_report_design rd = {a.design, &diags};
		FILE *out = stdout;
		if (a.out_path && !(out = fopen(a.out_path, "w"))) {
			fprintf(stderr, "ecrc check: cannot write the report to '%s': %s\n", a.out_path,
			        strerror(errno));
			status = ECRC_EXIT_INPUT;
		} else {
			if (ecrc_report_write(out, &rd, 1, &a.ro) != 0 ||
			    (out != stdout && fclose(out) != 0)) {
				fprintf(stderr, "ecrc check: cannot write the report: %s\n", strerror(errno));
				status = ECRC_EXIT_INPUT;
			}
		}
		size_t errors, warnings;
		ecrc_diags_count(&diags, &errors, &warnings, NULL);
		if (!a.quiet) {
			char where[64];
			if (!a.n_configs)
				snprintf(where, sizeof where, "the Terraform state");
			else
				snprintf(where, sizeof where, "%zu config%s%s", a.n_configs,
				         a.n_configs == 1 ? "" : "s",
				         a.tf_state ? " and the Terraform state" : "");
			fprintf(stderr, "%zu drift%s, %zu warning%s in %s\n", errors, errors == 1 ? "" : "s",
			        warnings, warnings == 1 ? "" : "s", where);
		}
		if (status == ECRC_EXIT_OK && (errors || (a.ro.werror && warnings)))
			status = ECRC_EXIT_FINDINGS;
	}
	ecrc_arena_free(arena);
	ecrc_diags_free(&diags);
	ecrc_design_free(d);
	free_configs(&a);
	return status;
}
