/*
 * import_cmd.c: `ecrc import [--terraform-state=FILE] --config=CPE=VENDOR:FILE...
 * -o DESIGN.xml`: writes a design from what is deployed. With a state, the
 * cloud side comes from Terraform (terraform/import.c), the data-center side
 * from the CPEs' running configurations (check/import.c), paired by
 * addresses: a CPE uplink is the interface with a VBR's peer address.
 * Without one, both sides come from the configs (check/import_configs.c). What neither can
 * know is an XML comment starting "ecrc import:". The result is loaded
 * before it is written: it must load without schema errors; `ecrc lint`
 * then judges it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"
#include "cli/cli.h"
#include "terraform/terraform.h"

static void help(FILE *out)
{
	fputs("usage: ecrc import [--terraform-state=FILE] --config=CPE=VENDOR:FILE... [-o DESIGN.xml]\n\n"
	      "Writes a design from what is deployed: the cloud side (VBRs, BGP groups and\n"
	      "peers with BFD, ECRs and their associations) from Terraform, and one <cpe>\n"
	      "per running configuration, its uplinks paired with the VBRs by address.\n"
	      "Without --terraform-state the cloud side is what the configs imply: an\n"
	      "uplink per eBGP neighbor over a sub-interface, a VBR facing each, one ECR,\n"
	      "a VPC per accepted prefix (docs/check.md).\n"
	      "What cannot be known (access points, devices, the MD5 key's variable, BGP\n"
	      "timers on the cloud side) is written as XML comments starting 'ecrc import:'.\n"
	      "The design loads without schema errors; 'ecrc lint' then judges it.\n\n"
	      "options:\n"
	      "  --terraform-state=FILE  what 'terraform show -json' prints for the state\n"
	      "                       (or a plan) of the interconnect ('-': standard input)\n"
	      "  --config=CPE=VENDOR:FILE  the running configuration of the CPE to be called\n"
	      "                       CPE, as VENDOR prints it (cisco-iosxe, juniper-junos,\n"
	      "                       huawei-vrp, h3c-comware, arista-eos, frr, bird).\n"
	      "                       Repeatable, one per CPE.\n"
	      "  --name=NAME          the design's name (default: the output file's name\n"
	      "                       without .xml, else 'imported')\n"
	      "  -o, --output=FILE    write the design to FILE (default: standard output)\n"
	      "  -h, --help           this text\n\n"
	      "exit status: 0 written, 2 an input unreadable or not what it should be, or\n"
	      "the output not written, 3 usage error. docs/terraform.md has the details.\n",
	      out);
}

/* A design name from the output path: its base name without ".xml", each
 * character a name cannot hold as '-'. */
static void name_from(const char *path, char out[65])
{
	const char *b = path ? strrchr(path, '/') : NULL;
	b = b ? b + 1 : path;
	size_t n = 0;
	if (b && !((b[0] >= 'A' && b[0] <= 'Z') || (b[0] >= 'a' && b[0] <= 'z')))
		b = NULL;
	for (const char *p = b; p && *p && n < 64; p++) {
		if (strcmp(p, ".xml") == 0)
			break;
		char c = *p;
		bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		          c == '.' || c == '_' || c == '-';
		out[n++] = ok ? c : '-';
	}
	if (!n)
		n = (size_t)snprintf(out, 65, "imported");
	out[n] = '\0';
}

/* Writes text to path atomically: a temporary file beside it, synced, renamed. */
static int write_file(const char *path, const char *text, size_t len, char *err, size_t n)
{
	size_t pl = strlen(path);
	char *tmp = ecrc_xmalloc(pl + 32);
	snprintf(tmp, pl + 32, "%s.ecrc-tmp-%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	if (!f) {
		snprintf(err, n, "cannot write %s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	bool ok = fwrite(text, 1, len, f) == len && fflush(f) == 0 && fsync(fileno(f)) == 0;
	ok = (fclose(f) == 0) && ok;
	if (!ok || rename(tmp, path) != 0) {
		snprintf(err, n, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

int ecrc_cmd_import(int argc, char **argv)
{
	enum { OPT_CONFIG = 256, OPT_TFSTATE, OPT_NAME };
	static const struct option longopts[] = {
	    {"config", required_argument, NULL, OPT_CONFIG},
	    {"terraform-state", required_argument, NULL, OPT_TFSTATE},
	    {"name", required_argument, NULL, OPT_NAME},
	    {"output", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct ecrc_check_config *configs = NULL;
	size_t n_configs = 0;
	const char *tf_state = NULL, *out_path = NULL, *name_arg = NULL;
	char err[1024];
	int status = ECRC_EXIT_OK;
	struct ecrc_cli_opts p;
	ecrc_cli_opts_init(&p, "import", argc, argv, "o:h", longopts);
	int c;
	while ((c = ecrc_cli_opts_next(&p)) != -1 && status == ECRC_EXIT_OK) {
		switch (c) {
		case OPT_CONFIG:
			configs = ecrc_xrealloc(configs, (n_configs + 1) * sizeof *configs);
			if (!ecrc_check_parse_config(optarg, &configs[n_configs], err, sizeof err)) {
				status = ecrc_cli_usage_error("import", "%s", err);
				break;
			}
			n_configs++;
			if (!configs[n_configs - 1].vendor)
				status = ecrc_cli_usage_error(
				    "import",
				    "--config=%s: name the vendor, CPE=VENDOR:FILE (there is no "
				    "design to take it from)",
				    optarg);
			break;
		case OPT_TFSTATE:
			if (tf_state)
				status = ecrc_cli_usage_error("import", "--terraform-state is given twice");
			tf_state = optarg;
			break;
		case OPT_NAME:
			name_arg = optarg;
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'h':
			help(stdout);
			status = -1;
			break;
		default:
			status = ECRC_EXIT_USAGE;
		}
	}
	for (size_t i = 0; i < n_configs && status == ECRC_EXIT_OK; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(configs[k].cpe_id, configs[i].cpe_id) == 0) {
				status = ecrc_cli_usage_error("import", "--config: CPE '%s' is given twice",
				                              configs[i].cpe_id);
				break;
			}
	if (status == ECRC_EXIT_OK && p.n_operands > 0)
		status = ecrc_cli_usage_error(
		    "import", "import takes no operand ('%s'); the output is -o FILE", p.operands[0]);
	if (status == ECRC_EXIT_OK && !n_configs)
		status = ecrc_cli_usage_error(
		    "import", "give each CPE's running configuration with "
		              "--config=CPE=VENDOR:FILE: a design needs its data-center side");
	char name[65];
	if (status == ECRC_EXIT_OK && name_arg) {
		name_from(name_arg, name);
		if (strcmp(name, name_arg) != 0)
			status = ecrc_cli_usage_error(
			    "import", "--name: '%s' is not a design name ([A-Za-z][A-Za-z0-9._-]*)",
			    name_arg);
	} else {
		name_from(out_path, name);
	}
	if (status != ECRC_EXIT_OK) {
		for (size_t i = 0; i < n_configs; i++)
			free((char *)(uintptr_t)configs[i].cpe_id);
		free(configs);
		return status < 0 ? ECRC_EXIT_OK : status;
	}

	struct ecrc_tf_state st = {0};
	struct ecrc_buf cloud = {0}, design = {0};
	struct ecrc_import_dc dc = {0};
	struct ecrc_tf_vbr *tv = NULL;
	struct ecrc_import_vbr *vbrs = NULL;
	struct ecrc_arena *arena = ecrc_arena_new();
	size_t n_vbrs = 0;
	if (!tf_state) {
		/* no Terraform state: the cloud side is what the configs imply
		 * (check/import_configs.c) */
		struct ecrc_running *runs = ecrc_xcalloc(n_configs, sizeof *runs);
		struct ecrc_import_source *src = ecrc_xcalloc(n_configs, sizeof *src);
		for (size_t i = 0; i < n_configs && status == ECRC_EXIT_OK; i++) {
			const struct ecrc_check_config *cf = &configs[i];
			size_t len;
			char *text = ecrc_check_slurp(cf->path, &len, err, sizeof err);
			if (!text || ecrc_check_read(cf->vendor, cf->path, text, len, arena, &runs[i], err,
			                             sizeof err)) {
				fprintf(stderr, "ecrc import: %s\n", err);
				fprintf(stderr,
				        "ecrc import: give the running configuration of %s as %s prints it\n",
				        cf->cpe_id, cf->vendor->display);
				status = ECRC_EXIT_INPUT;
			}
			free(text);
			src[i] = (struct ecrc_import_source){cf->cpe_id, cf->path, &runs[i]};
		}
		if (status == ECRC_EXIT_OK &&
		    ecrc_import_design(src, n_configs, name, &design, err, sizeof err)) {
			fprintf(stderr, "ecrc import: %s\n", err);
			status = ECRC_EXIT_INPUT;
		}
		free(src);
		free(runs);
		if (status != ECRC_EXIT_OK)
			goto done;
		goto check_load;
	}
	if (ecrc_tf_state_read(tf_state, &st, err, sizeof err) != 0 ||
	    ecrc_tf_import_cloud(&st, &cloud, err, sizeof err) != 0) {
		fprintf(stderr, "ecrc import: %s\n", err);
		status = ECRC_EXIT_INPUT;
		goto done;
	}
	n_vbrs = ecrc_tf_import_vbrs(&st, &tv);
	vbrs = ecrc_xcalloc(n_vbrs ? n_vbrs : 1, sizeof *vbrs);
	for (size_t i = 0; i < n_vbrs; i++)
		vbrs[i] = (struct ecrc_import_vbr){tv[i].id,   tv[i].connection, tv[i].vlan, tv[i].local,
		                                   tv[i].peer, tv[i].asn,        tv[i].mtu};
	for (size_t i = 0; i < n_configs; i++) {
		const struct ecrc_check_config *cf = &configs[i];
		size_t len;
		char *text = ecrc_check_slurp(cf->path, &len, err, sizeof err);
		struct ecrc_running run;
		if (!text ||
		    ecrc_check_read(cf->vendor, cf->path, text, len, arena, &run, err, sizeof err) != 0) {
			fprintf(stderr, "ecrc import: %s\n", err);
			fprintf(stderr, "ecrc import: give the running configuration of %s as %s prints it\n",
			        cf->cpe_id, cf->vendor->display);
			free(text);
			status = ECRC_EXIT_INPUT;
			goto done;
		}
		free(text);
		if (ecrc_import_cpe(cf->cpe_id, &run, vbrs, n_vbrs, &dc, err, sizeof err) != 0) {
			fprintf(stderr, "ecrc import: %s: %s\n", cf->path, err);
			status = ECRC_EXIT_INPUT;
			goto done;
		}
	}
	if (!dc.n_prefixes) {
		fprintf(stderr,
		        "ecrc import: no configuration advertises a prefix to its VBR: the data center's "
		        "<prefix>es cannot be known\n");
		status = ECRC_EXIT_INPUT;
		goto done;
	}

	ecrc_buf_printf(&design,
	                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<design name=\"%s\" version=\"1\">\n",
	                name);
	ecrc_buf_puts(&design,
	              "  <!-- ecrc import: written by ecrc import from the Terraform state and the running "
	              "configurations; review it, then ecrc lint -->\n");
	ecrc_buf_puts(&design,
	              "  <!-- ecrc import: the data center's id, redundancy and max-failover-ms are the "
	              "design's intent, not in any config -->\n");
	ecrc_buf_puts(&design, "  <datacenter id=\"dc\">\n");
	for (size_t i = 0; i < dc.n_prefixes; i++) {
		char b[19];
		ecrc_buf_printf(&design, "    <prefix>%s</prefix>\n", ecrc_fmt_ipnet(dc.prefixes[i], b));
	}
	ecrc_buf_putn(&design, dc.cpes.p, dc.cpes.len);
	ecrc_buf_puts(&design, "  </datacenter>\n");
	ecrc_buf_putn(&design, cloud.p, cloud.len);
	ecrc_buf_puts(&design, "</design>\n");

	/* what is written must load without schema errors */
check_load : {
	struct ecrc_diags diags;
	ecrc_diags_init(&diags);
	bool fatal = false;
	struct ecrc_design *d =
	    ecrc_load_memory(out_path ? out_path : "<stdout>", design.p, design.len, &diags, &fatal);
	if (!d || !ecrc_design_intact(&diags)) {
		ecrc_cli_print_findings(out_path ? out_path : "<stdout>", &diags);
		fprintf(stderr,
		        "ecrc import: the imported design does not load (a bug in ecrc import); nothing "
		        "written\n");
		status = ECRC_EXIT_INPUT;
	}
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
	if (status != ECRC_EXIT_OK)
		goto done;
}
	if (out_path) {
		if (write_file(out_path, design.p, design.len, err, sizeof err) != 0) {
			fprintf(stderr, "ecrc import: %s; nothing written\n", err);
			status = ECRC_EXIT_INPUT;
			goto done;
		}
		if (tf_state)
			fprintf(
			    stderr, "ecrc import: wrote %s (%zu CPE%s, %zu VBR%s); check it with ecrc lint\n",
			    out_path, n_configs, n_configs == 1 ? "" : "s", n_vbrs, n_vbrs == 1 ? "" : "s");
		else
			fprintf(stderr,
			        "ecrc import: wrote %s (%zu CPE%s; the cloud side implied by the configs); "
			        "check it with ecrc lint\n",
			        out_path, n_configs, n_configs == 1 ? "" : "s");
	} else if (fwrite(design.p, 1, design.len, stdout) != design.len || fflush(stdout) != 0) {
		fprintf(stderr, "ecrc import: cannot write to standard output\n");
		status = ECRC_EXIT_INPUT;
	}

done:
	ecrc_tf_state_free(&st);
	ecrc_buf_free(&cloud);
	ecrc_buf_free(&design);
	ecrc_import_dc_free(&dc);
	ecrc_arena_free(arena);
	free(tv);
	free(vbrs);
	for (size_t i = 0; i < n_configs; i++)
		free((char *)(uintptr_t)configs[i].cpe_id);
	free(configs);
	return status;
}
