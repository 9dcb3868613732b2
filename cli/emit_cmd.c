/*
 * emit_cmd.c: `ecrc emit [options] DESIGN`: lints the design, and unless it
 * has errors (or --force), compiles each selected CPE into its vendor's
 * config (emit/) and writes them with a MANIFEST, atomically, or prints the
 * one selected CPE's config with --stdout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "emit/emit.h"
#include "terraform/terraform.h"
#include "vendors/vendor.h"

static void help(FILE *out)
{
	fputs("usage: ecrc emit [options] DESIGN\n\n"
	      "Compiles each CPE of a design into its vendor's configuration: the 802.1Q\n"
	      "sub-interface per uplink, discard anchors, prefix lists and policies in and\n"
	      "out, BGP with BFD and multipath. Lint runs first; a design with errors is not\n"
	      "emitted unless --force. One file per CPE, <cpe id>.<ext> (the vendor's\n"
	      "extension), plus MANIFEST with their SHA-256s ('sha256sum -c MANIFEST'\n"
	      "checks them). Files are written atomically and the output is deterministic.\n"
	      "docs/emit.md has the details.\n\n"
	      "options:\n"
	      "  -o, --output=DIR     write into DIR (default ./ecrc-out/<design name>/)\n"
	      "  --cpe=ID[,ID...]     only these CPEs\n"
	      "  --vendor=NAME        emit every CPE for this vendor instead of the design's\n"
	      "                       (a port name NAME does not have is an error)\n"
	      "  --stdout             print the config of the one selected CPE; write no files\n"
	      "  --force              emit even when lint reports errors (each file says so)\n"
	      "  --redact-secrets     put a marked placeholder where each MD5 key would go;\n"
	      "                       the files are then not deployable as they are\n"
	      "  --terraform          write the cloud side instead: a Terraform module for the\n"
	      "                       aliyun/alicloud provider (versions.tf, variables.tf,\n"
	      "                       main.tf, outputs.tf, MANIFEST; default directory\n"
	      "                       ./ecrc-out/<design name>-terraform/); docs/terraform.md\n"
	      "  --list-vendors       print the vendor names --vendor and vendor= take, one a\n"
	      "                       line, and exit\n"
	      "  -h, --help           this text\n\n"
	      "MD5 keys come only from the environment variables the design names\n"
	      "(auth-key-env=), never from the design itself.\n\n"
	      "exit status: 0 written, 1 lint errors (nothing written; with --force the\n"
	      "files are written and the status is still 1), 2 the design could not be\n"
	      "read, a key variable is missing or unusable, or the output not written,\n"
	      "3 usage error (unknown option, vendor or CPE).\n",
	      out);
	fputs("\nvendors (name, extension):\n", out);
	for (size_t i = 0; i < ecrc_vendors_count; i++)
		fprintf(out, "  %-20s %s\n", ecrc_vendors[i]->name, ecrc_vendors[i]->ext);
}

static const char *vendor_names(void)
{
	static char buf[1024];
	size_t n = 0;
	for (size_t i = 0; i < ecrc_vendors_count && n < sizeof buf; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? ", " : "", ecrc_vendors[i]->name);
	return buf;
}

/* The CPE id closest to a misspelt one, for the usage message. */
static const char *closest_cpe(const struct ecrc_design *d, const char *id)
{
	const char *best = NULL;
	unsigned best_d = 3;
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next) {
			unsigned e = ecrc_edit_distance(id, c->id);
			if (e < best_d) {
				best_d = e;
				best = c->id;
			}
		}
	return best;
}

/* --terraform: the design's cloud side as a Terraform module in a directory
 * (lint has passed, or --force). */
static int emit_terraform(struct ecrc_design *d, const char *shown, const struct ecrc_emit_options *eo,
                          size_t errors, struct ecrc_diags *diags)
{
	struct ecrc_tf_options to = {.forced = eo->force && errors > 0};
	struct ecrc_emit_output out = {0};
	int status = ECRC_EXIT_OK;
	char *dir = NULL;
	if (ecrc_tf_render(d, &to, diags, &out) != 0) {
		ecrc_cli_print_findings(shown, diags);
		fprintf(stderr, "ecrc emit: nothing written\n");
		return ECRC_EXIT_INPUT;
	}
	if (diags->n)
		ecrc_cli_print_findings(shown, diags);
	if (eo->out_dir) {
		dir = ecrc_xstrdup(eo->out_dir);
	} else {
		char *base = ecrc_emit_default_dir(d);
		dir = ecrc_xmalloc(strlen(base) + sizeof "-terraform");
		strcpy(dir, base);
		strcat(dir, "-terraform");
		free(base);
	}
	char err[512];
	if (ecrc_emit_write(dir, &out, err, sizeof err) != 0) {
		fprintf(stderr, "ecrc emit: %s; nothing written\n", err);
		status = ECRC_EXIT_INPUT;
	} else {
		fprintf(stderr, "ecrc emit: wrote the Terraform module (%zu files and MANIFEST) to %s\n",
		        out.n_files - 1, dir);
		if (errors) {
			fprintf(stderr, "ecrc emit: emitted with --force despite %zu error%s\n", errors,
			        errors == 1 ? "" : "s");
			status = ECRC_EXIT_FINDINGS;
		}
	}
	free(dir);
	ecrc_emit_output_free(&out);
	return status;
}

int ecrc_cmd_emit(int argc, char **argv)
{
	enum {
		OPT_CPE = 256,
		OPT_VENDOR,
		OPT_STDOUT,
		OPT_FORCE,
		OPT_REDACT,
		OPT_TERRAFORM,
		OPT_LIST_VENDORS
	};
	static const struct option longopts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"cpe", required_argument, NULL, OPT_CPE},
	    {"vendor", required_argument, NULL, OPT_VENDOR},
	    {"stdout", no_argument, NULL, OPT_STDOUT},
	    {"force", no_argument, NULL, OPT_FORCE},
	    {"redact-secrets", no_argument, NULL, OPT_REDACT},
	    {"terraform", no_argument, NULL, OPT_TERRAFORM},
	    {"list-vendors", no_argument, NULL, OPT_LIST_VENDORS},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct ecrc_emit_options eo = {0};
	char *cpe_arg = NULL;
	bool terraform = false;

	struct ecrc_cli_opts p;
	ecrc_cli_opts_init(&p, "emit", argc, argv, "o:h", longopts);
	int c;
	while ((c = ecrc_cli_opts_next(&p)) != -1) {
		switch (c) {
		case 'o':
			eo.out_dir = optarg;
			break;
		case OPT_CPE:
			cpe_arg = optarg;
			break;
		case OPT_VENDOR:
			eo.vendor = optarg;
			break;
		case OPT_STDOUT:
			eo.to_stdout = true;
			break;
		case OPT_FORCE:
			eo.force = true;
			break;
		case OPT_REDACT:
			eo.redact_secrets = true;
			break;
		case OPT_TERRAFORM:
			terraform = true;
			break;
		case OPT_LIST_VENDORS:
			/* the registry, for scripts and shell completion */
			for (size_t i = 0; i < ecrc_vendors_count; i++)
				puts(ecrc_vendors[i]->name);
			return fflush(stdout) == 0 && !ferror(stdout) ? ECRC_EXIT_OK : ECRC_EXIT_INPUT;
		case 'h':
			help(stdout);
			return ECRC_EXIT_OK;
		default: /* ECRC_CLI_OPT_BAD: the message is printed */
			return ECRC_EXIT_USAGE;
		}
	}
	if (p.n_operands < 1)
		return ecrc_cli_usage_error("emit", "no design given");
	if (p.n_operands > 1)
		return ecrc_cli_usage_error("emit", "one design at a time ('%s' is a second one)",
		                            p.operands[1]);
	const struct ecrc_vendor *override = NULL;
	if (eo.vendor && !(override = ecrc_vendor_find(eo.vendor)))
		return ecrc_cli_usage_error("emit", "--vendor: '%s' is not a vendor; the vendors are %s",
		                            eo.vendor, vendor_names());
	if (eo.to_stdout && eo.out_dir)
		return ecrc_cli_usage_error("emit", "--stdout writes no files: -o makes no sense with it");
	if (terraform && (eo.to_stdout || cpe_arg || eo.vendor || eo.redact_secrets))
		return ecrc_cli_usage_error(
		    "emit",
		    "--terraform writes the cloud side as a module directory; %s is about "
		    "the CPE configs and does not go with it",
		    eo.to_stdout ? "--stdout"
		    : cpe_arg    ? "--cpe"
		    : eo.vendor  ? "--vendor"
		                 : "--redact-secrets");
	const char *path = p.operands[0];
	const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;

	/* lint first; with --vendor, interface-name judges every CPE as that vendor */
	struct ecrc_lint_options lo = {.vendor_override = override ? override->name : NULL};
	struct ecrc_diags diags;
	ecrc_diags_init(&diags);
	struct ecrc_design *d = ecrc_cli_load_and_lint(path, &lo, &diags);
	int status = ECRC_EXIT_OK;
	const char **cpes = NULL;
	struct ecrc_emit_output out = {0};
	char *dir = NULL;
	size_t errors = 0, warnings = 0, notes = 0;

	if (!d) {
		ecrc_cli_print_findings(shown, &diags);
		status = ECRC_EXIT_INPUT;
		goto done;
	}
	/* a model with schema or reference errors has holes: no CPE selection,
	 * no lowering, whatever --force says */
	if (!ecrc_design_intact(&diags)) {
		ecrc_cli_print_findings(shown, &diags);
		fprintf(stderr,
		        "ecrc emit: %s has schema or reference errors; nothing can be emitted from it, "
		        "not even with --force\n",
		        shown);
		status = ECRC_EXIT_FINDINGS;
		goto done;
	}
	if (cpe_arg) {
		cpes = ecrc_cli_split_list(cpe_arg, &eo.n_cpes);
		eo.cpes = cpes;
		for (size_t i = 0; i < eo.n_cpes; i++) {
			if (ecrc_emit_find_cpe(d, cpes[i]))
				continue;
			const char *near = closest_cpe(d, cpes[i]);
			status = ecrc_cli_usage_error("emit", "--cpe: the design has no CPE '%s'%s%s%s",
			                              cpes[i], near ? " (did you mean '" : "",
			                              near ? near : "", near ? "'?)" : "");
			goto done;
		}
	}
	size_t n_selected = 0;
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *cp = dc->cpes; cp; cp = cp->next) {
			bool sel = !eo.n_cpes;
			for (size_t i = 0; i < eo.n_cpes; i++)
				sel = sel || strcmp(eo.cpes[i], cp->id) == 0;
			n_selected += sel;
		}
	if (eo.to_stdout && n_selected != 1) {
		status = ecrc_cli_usage_error(
		    "emit", "--stdout prints one CPE's config; %zu are selected (use --cpe=ID)", n_selected);
		goto done;
	}

	ecrc_diags_count(&diags, &errors, &warnings, &notes);
	if (errors && !eo.force) {
		ecrc_cli_print_findings(shown, &diags);
		fprintf(
		    stderr,
		    "ecrc emit: %zu error%s in %s; nothing written (fix them, or --force to emit anyway)\n",
		    errors, errors == 1 ? "" : "s", shown);
		status = ECRC_EXIT_FINDINGS;
		goto done;
	}
	if (terraform) {
		status = emit_terraform(d, shown, &eo, errors, &diags);
		goto done;
	}
	if (ecrc_emit_render(d, &eo, &diags, &out) != 0) {
		ecrc_cli_print_findings(shown, &diags);
		fprintf(stderr, "ecrc emit: nothing written\n");
		status = ECRC_EXIT_INPUT;
		goto done;
	}
	if (diags.n)
		ecrc_cli_print_findings(shown, &diags);

	if (eo.to_stdout) {
		if (fwrite(out.files[0].text, 1, out.files[0].len, stdout) != out.files[0].len ||
		    fflush(stdout) != 0) {
			fprintf(stderr, "ecrc emit: cannot write to standard output\n");
			status = ECRC_EXIT_INPUT;
			goto done;
		}
	} else {
		char err[512];
		dir = eo.out_dir ? ecrc_xstrdup(eo.out_dir) : ecrc_emit_default_dir(d);
		int w = ecrc_emit_write(dir, &out, err, sizeof err);
		if (w != 0) {
			if (w == -2) /* not as it was: say what it is instead */
				fprintf(stderr, "ecrc emit: %s\n", err);
			else
				fprintf(stderr, "ecrc emit: %s; nothing written\n", err);
			status = ECRC_EXIT_INPUT;
			goto done;
		}
		fprintf(stderr, "ecrc emit: wrote %zu config%s and MANIFEST to %s\n", out.n_files - 1,
		        out.n_files == 2 ? "" : "s", dir);
	}
	if (errors) {
		fprintf(stderr, "ecrc emit: emitted with --force despite %zu error%s\n", errors,
		        errors == 1 ? "" : "s");
		status = ECRC_EXIT_FINDINGS;
	}

done:
	ecrc_emit_output_free(&out);
	free(dir);
	free(cpes);
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
	return status;
}
