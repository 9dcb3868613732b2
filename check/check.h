/*
 * check.h: what is deployed against the design (`ecrc check`). A CPE's
 * running configuration, read by its vendor's running-config reader
 * (vendors/vendor.h, read_running), is compared with the IR the design
 * compiles to; every difference that matters to the interconnect is a
 * drift-* finding in the lint diagnostics, at file:line in the config, with
 * a note at the design element. Also the option syntax that check, verify
 * and import share (--config=CPE=[VENDOR:]FILE).
 */
#ifndef ECRC_CHECK_H
#define ECRC_CHECK_H

#include "emit/emit.h"
#include "lint/lint.h"
#include "vendors/vendor.h"

/* One --config=CPE=[VENDOR:]FILE. */
struct ecrc_check_config {
	const char *cpe_id;
	const struct ecrc_vendor *vendor; /* NULL: the design's vendor of that CPE */
	const char *path;
};

/* Parses "CPE=FILE" or "CPE=VENDOR:FILE" (a VENDOR prefix only when it is
 * a registered vendor name). Returns false with a message in err. */
bool ecrc_check_parse_config(const char *arg, struct ecrc_check_config *out, char *err, size_t errlen);

/* Frees what ecrc_check_parse_config allocated for n configs, and the array. */
void ecrc_check_configs_free(struct ecrc_check_config *v, size_t n);
/* The design's CPE with this id, or NULL. */
const struct ecrc_cpe *ecrc_check_find_cpe(const struct ecrc_design *d, const char *id);

/* Reads a config file into memory (malloc'd, NUL-terminated). Returns
 * NULL with a message in err. */
char *ecrc_check_slurp(const char *path, size_t *len, char *err, size_t errlen);

/* Reads one running configuration with vendor v into run (allocated from
 * arena). Returns 0, or -1 with "PATH:LINE: ..." in err when the file is not
 * a configuration of that vendor or v has no running-config reader. */
int ecrc_check_read(const struct ecrc_vendor *v, const char *path, const char *text, size_t len,
                    struct ecrc_arena *arena, struct ecrc_running *run, char *err, size_t errlen);

/* Compares what was read for one CPE of a loaded, intact design with the
 * IR the design compiles to for vendor v (secrets redacted: MD5 compares
 * on/off). Findings go to diags with path as their file. Returns 0, or -1
 * with errors in diags when the CPE cannot be lowered. */
int ecrc_check_cpe(const struct ecrc_design *d, const struct ecrc_cpe *cpe, const struct ecrc_vendor *v,
                   const struct ecrc_running *run, const char *path, struct ecrc_diags *diags);

/* The IR of what is deployed on one CPE: the uplinks of the design's CPE
 * as found in run (for verify --config). Identity fields (uplink, connection,
 * VBR ids) are the design's; the header fields too. NULL with an error in
 * diags when the CPE cannot be lowered. */
struct ecrc_ir_cpe *ecrc_check_deployed_ir(const struct ecrc_design *d, const struct ecrc_cpe *cpe,
                                           const struct ecrc_vendor *v, const struct ecrc_running *run,
                                           struct ecrc_arena *arena, struct ecrc_diags *diags);

/* ---- import.c: the data-center side of a design from running configs ------ */

/* The environment variable an imported uplink with an MD5 key names (the
 * config cannot say which one holds the key). */
#define ECRC_IMPORT_MD5_ENV "ECRC_MD5_KEY"

/* A VBR of the cloud side, as far as pairing a CPE uplink with it needs. */
struct ecrc_import_vbr {
	const char *id, *connection; /* design ids */
	uint32_t vlan;
	struct ecrc_ipnet local; /* the VBR's address and subnet */
	uint32_t peer;           /* the CPE's address */
	uint32_t asn;            /* what the VBR speaks */
	uint32_t mtu;
};

/* What the imported CPEs add up to: their <cpe> elements and the prefixes
 * they advertise (the data center's <prefix>es). */
struct ecrc_import_dc {
	struct ecrc_buf cpes;
	struct ecrc_ipnet *prefixes;
	size_t n_prefixes;
};

/* Appends the <cpe> of one running configuration to dc: an <uplink> per
 * VBR whose peer address the CPE has on an interface. Returns 0, or -1
 * with a message in err when no interface pairs with a VBR. */
int ecrc_import_cpe(const char *cpe_id, const struct ecrc_running *run, const struct ecrc_import_vbr *vbrs,
                    size_t n_vbrs, struct ecrc_import_dc *dc, char *err, size_t errlen);
void ecrc_import_dc_free(struct ecrc_import_dc *dc);

/* ---- import_configs.c: a design from the running configurations alone ----- */

struct ecrc_import_source {
	const char *cpe_id;
	const char *path; /* for messages */
	const struct ecrc_running *run;
};

/* Writes a design named `name` from the running configurations, the cloud
 * side implied by them (import_configs.c says what is taken from where):
 * `ecrc import` without --terraform-state. Returns 0, or -1 with a message in err
 * when a configuration has no uplink (no eBGP neighbor inside the subnet of
 * a sub-interface). */
int ecrc_import_design(const struct ecrc_import_source *src, size_t n, const char *name, struct ecrc_buf *out,
                       char *err, size_t errlen);

#endif
