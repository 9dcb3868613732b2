/*
 * emit.h: the CPE IR, a vendor-neutral description of one CPE's config,
 * lowered from the design model; and the emit driver that renders it with
 * the vendor backends and writes the files atomically with a MANIFEST.
 *
 * The IR is the only thing vendor backends and the engine see. It holds no
 * pointer into the design model: every string is a copy owned by the
 * arena the IR was lowered into, and every string that reaches config text
 * was checked at load time (ecrc_config_safe).
 */
#ifndef ECRC_EMIT_H
#define ECRC_EMIT_H

#include "common/common.h"

enum ecrc_ir_origin { ECRC_IR_ORIGIN_IGP, ECRC_IR_ORIGIN_INCOMPLETE };

/* "No such element" for the IR's index links. */
#define ECRC_IR_NONE ((size_t)-1)

/* One 802.1Q sub-interface on a parent port (VLAN 0: the routed port
 * itself). Backends name it in their own way (Gi0/0/1.1308, ge-0/0/1 unit
 * 1308, Ethernet1.1308, eth1.1308). */
struct ecrc_ir_iface {
	const char *parent; /* the physical port, as written in the design */
	uint32_t vlan;
	struct ecrc_ipnet address; /* the CPE's host address and subnet length */
	uint32_t mtu;              /* 1500 or 8500 */
	const char *description;   /* "to vbr-1 on pc-bj-1": ids only */
	const char *uplink_id;
	/* links, filled by ecrc_ir_link (vendors/common.c) */
	size_t port;     /* index into ecrc_ir_cpe.ports: its parent */
	size_t neighbor; /* index into ecrc_ir_cpe.neighbors of the BGP
	                  * neighbor over it, or ECRC_IR_NONE */
};

/* A physical port: the parent of one or more interfaces, in the order of
 * its first interface. Filled by ecrc_ir_link from the interfaces. */
struct ecrc_ir_port {
	const char *name;   /* the interfaces' parent */
	uint32_t mtu;       /* the largest MTU of its interfaces: a
	                     * sub-interface cannot exceed its port's */
	bool tagged;        /* carries 802.1Q sub-interfaces (a VLAN) */
	size_t first_iface; /* its first interface, in IR order */
};

/* A static route. Without a next hop it is a discard (Null0 / blackhole)
 * route: the anchor that originates an advertised prefix. With one it is a
 * route to a cloud prefix via the VBR, on an uplink without BGP. */
struct ecrc_ir_static {
	struct ecrc_ipnet prefix;
	bool has_next_hop; /* false: discard */
	uint32_t next_hop;
};

/* What --redact-secrets puts where an MD5 key would be: this prefix, the
 * name of the environment variable, then ">" ("<REDACTED ECRC_MD5_KEY>").
 * No real key can look like it (keys are refused when they hold a space or
 * '<'), and the FRR and BIRD parsers refuse it, so a redacted file cannot be
 * loaded as is. */
#define ECRC_REDACTED_PREFIX "<REDACTED "

/* ge = le = 0: the exact prefix; else the range prefix/len ge..le. */
struct ecrc_ir_prefix_entry {
	struct ecrc_ipnet prefix;
	uint8_t ge, le;
};

struct ecrc_ir_prefix_list {
	const char *name; /* e.g. "ECRC-OUT-cpe1-up-1" */
	struct ecrc_ir_prefix_entry *entries;
	size_t n_entries;
};

/* One permit term of an outbound policy: the prefixes that share the same
 * attributes, and the attributes to set. The policy ends in an explicit
 * reject after the last term (backends render it). */
struct ecrc_ir_export_term {
	struct ecrc_ir_prefix_list match;
	uint32_t *prepend; /* ASNs to prepend, in order (may be empty) */
	size_t n_prepend;
	bool has_med;
	uint32_t med;
	enum ecrc_ir_origin origin;
};

struct ecrc_ir_neighbor {
	uint32_t address; /* the VBR's address */
	uint32_t remote_as;
	const char *description; /* names the VBR: "vbr-1 pc-bj-1" */
	size_t iface;            /* index into ecrc_ir_cpe.ifaces */
	uint32_t keepalive_s, hold_s;
	bool timers_default; /* 30/90: backends may omit the timers */
	const char *md5_key; /* NULL: no MD5; else the key or the placeholder */
	bool md5_redacted;   /* md5_key is the --redact-secrets placeholder */
	bool bfd;
	uint32_t bfd_min_tx_ms, bfd_min_rx_ms, bfd_multiplier;
	uint32_t max_prefixes;
	/* What happens past the limit: the session is torn down, and with
	 * max_prefix_recovers it comes back by itself max_prefix_restart_s
	 * seconds later (0: as soon as the protocol restarts, BIRD's
	 * "action restart"); without, it stays down until cleared by hand.
	 * max_prefix_warn_pct: the warning threshold written (0: none). */
	bool max_prefix_recovers;
	uint32_t max_prefix_restart_s;
	uint32_t max_prefix_warn_pct;
	/* inbound: accept exactly these, reject the rest */
	const char *import_policy; /* e.g. "ECRC-IN-cpe1-up" */
	/* LOCAL_PREF set on every accepted route, 0: left alone. The standby
	 * uplink of an active-standby data center sets ECRC_STANDBY_LOCAL_PREF
	 * (vendors.md point 9). */
	uint32_t import_local_pref;
	struct ecrc_ir_prefix_list import_list;
	/* outbound: the terms, then reject */
	const char *export_policy; /* e.g. "ECRC-OUT-cpe1-up" */
	struct ecrc_ir_export_term *export_terms;
	size_t n_export_terms;
	/* identity, for reports and the engine */
	const char *uplink_id;
	const char *connection_id;
	const char *vbr_id; /* NULL when the design pairs no VBR */
};

struct ecrc_ir_cpe {
	const char *id;
	const char *hostname;
	const char *vendor;   /* registry name of the backend */
	const char *platform; /* the vendor's platform ("srx", "v8"), or NULL where it has one */
	const char *design_name;
	char design_sha256[65]; /* hex */
	bool forced;            /* emitted with --force despite lint errors */
	uint32_t asn;
	uint32_t router_id;
	struct ecrc_ir_iface *ifaces;
	size_t n_ifaces;
	struct ecrc_ir_port *ports;
	size_t n_ports; /* from ifaces (ecrc_ir_link) */
	struct ecrc_ir_static *statics;
	size_t n_statics;
	struct ecrc_ir_neighbor *neighbors;
	size_t n_neighbors;
	uint32_t maximum_paths; /* BGP multipath width (at least 2) */
};

/* ---- lower.c: design model -> IR ----------------------------------------
 * Declared with forward types so that vendors/ and engine/ can include this
 * header without the loader's. */
struct ecrc_design;
struct ecrc_cpe;
struct ecrc_diags;
struct ecrc_facts;

struct ecrc_lower_options {
	bool redact_secrets;         /* --redact-secrets */
	bool forced;                 /* --force */
	const char *vendor_override; /* --vendor, or NULL */
	/* Where secrets come from (tests replace it; default getenv). */
	const char *(*getenv_fn)(const char *name);
	/* The design's derived facts (lint/lint.h), when the caller has them;
	 * NULL: built on each call (costly when lowering many CPEs). */
	const struct ecrc_facts *facts;
};

/* The names the lowering gives policies and lists: "ECRC-IN-<uplink id>"
 * (the import policy and its prefix list), "ECRC-OUT-<uplink id>" (the
 * export policy), "ECRC-OUT-<uplink id>-<n>" (the list of its n-th term),
 * with the id cut and given an 8-hex digest when the name would pass
 * ECRC_IR_NAME_MAX - 5 characters, so that every name, suffix included,
 * fits the shortest limit of the platforms (BIRD symbols: 64). */
#define ECRC_IR_NAME_MAX 63

/* How every backend's maximum-prefix recovers (vendors.md point 5): the
 * session comes back this long after the limit tore it down, on every
 * platform that counts a restart time, and a warning is logged at this
 * share of the limit where the platform has a threshold. Five minutes:
 * long enough that a leak still being sent does not flap the session
 * every few seconds, short enough that nobody has to be paged. */
#define ECRC_MAX_PREFIX_RESTART_S 300
#define ECRC_MAX_PREFIX_WARN_PCT 80

/* The standby CPE's LOCAL_PREF on cloud routes, below the default 100 that
 * the primary's routes keep: where the CPEs share routes inside the data
 * center (iBGP between them, or both redistributed into one IGP that keeps
 * the preference), traffic to the cloud prefers the primary. */
#define ECRC_STANDBY_LOCAL_PREF 50

/* Lowers one CPE into an IR allocated from `arena`. Returns NULL and adds
 * an error to diags when it cannot (a missing MD5 key variable, a key with
 * characters a config cannot carry). */
struct ecrc_ir_cpe *ecrc_lower_cpe(const struct ecrc_design *d, const struct ecrc_cpe *cpe,
                                   const struct ecrc_lower_options *opt, struct ecrc_arena *arena,
                                   struct ecrc_diags *diags);

/* ---- emit.c: the driver --------------------------------------------------- */

struct ecrc_emit_options {
	const char *out_dir; /* NULL: ./ecrc-out/<design name>/ */
	const char *const *cpes;
	size_t n_cpes;      /* --cpe filter (0 = all) */
	const char *vendor; /* --vendor override, or NULL */
	bool to_stdout;
	bool force;
	bool redact_secrets;
	/* Where secrets come from (tests replace it; NULL: getenv). */
	const char *(*getenv_fn)(const char *name);
};

/* One rendered file, in memory until everything rendered. */
struct ecrc_emit_file {
	char *name; /* "cpe1.vrp", "MANIFEST" */
	char *text; /* malloc'd */
	size_t len;
	char sha256[65]; /* hex, of text */
	bool secret;     /* holds an MD5 key: written 0600, else 0644 */
};

struct ecrc_emit_output {
	struct ecrc_emit_file *files;
	size_t n_files; /* the CPEs' files, then MANIFEST */
};

/* Lowers and renders the selected CPEs of a loaded design (lint already
 * run; its findings are in diags and decide the --force header line).
 * Every CPE is rendered before anything is written. Returns 0, or -1 with
 * errors in diags (a missing MD5 key variable, an unusable key, a vendor
 * limit): an input problem, nothing to write. The CPE ids and the vendor
 * override must have been checked by the caller (ecrc_emit_find_cpe). */
int ecrc_emit_render(struct ecrc_design *d, const struct ecrc_emit_options *opt, struct ecrc_diags *diags,
                     struct ecrc_emit_output *out);
/* Replaces dir (created with its parents when missing) as one unit: the
 * files are written into a fresh sibling directory, with the regular files
 * of the old tree this call does not write carried over, synced, and
 * swapped with dir in one renameat2(RENAME_EXCHANGE); killed at any point,
 * dir is entirely the old tree or entirely the new one. Temporaries of
 * dead runs are removed first. Refuses "", "/", "." and "..", a dir that
 * is not a directory, or one holding anything but regular files. Returns
 * 0; -1 with a message in err and dir as it was (parents this call made
 * removed again); or -2 when dir could not be restored (only where the
 * file system lacks RENAME_EXCHANGE), err saying where both trees are. */
int ecrc_emit_write(const char *dir, const struct ecrc_emit_output *out, char *err, size_t errlen);
void ecrc_emit_output_free(struct ecrc_emit_output *out);
/* Defence in depth, run on every rendered config before anything is
 * written: each line must be printable ASCII (tabs only in the
 * indentation), carry none of \ ` $ | &, no '<' or '>' outside a
 * --redact-secrets placeholder, the vendor's comment character only as
 * the first non-blank one, and elsewhere no punctuation beyond "-./:_",
 * the vendor's syntax_chars and, inside the CPE's MD5 keys, the key's own;
 * a quoted string ends on its line and holds none of that punctuation.
 * Returns 0, or the number of the first offending line with why set. */
struct ecrc_vendor;
size_t ecrc_emit_check_text(const struct ecrc_vendor *v, const struct ecrc_ir_cpe *cpe, const char *text,
                            size_t len, char *why, size_t n);
/* Appends a file (name and text malloc'd, owned by out from now on) and
 * computes its SHA-256. */
void ecrc_emit_output_add(struct ecrc_emit_output *out, char *name, char *text, size_t len);
/* Appends MANIFEST: "<sha256>  <file>" per file so far, by name, as
 * sha256sum writes it. Every emitter (CPE configs, the Terraform module)
 * ends its output with it. */
void ecrc_emit_output_add_manifest(struct ecrc_emit_output *out);
/* The CPE with this id, or NULL. */
const struct ecrc_cpe *ecrc_emit_find_cpe(const struct ecrc_design *d, const char *id);
/* "./ecrc-out/<design name>" (malloc'd). */
char *ecrc_emit_default_dir(const struct ecrc_design *d);

/* ---- irequal.c: IR comparison, for round trips ------------------------------ */

/* True when two IRs configure the same thing: every field a rendered config
 * carries (the header's design name, digest, CPE id, vendor and --force
 * mark included; the local AS, router-id and multipath width in effect
 * only where there is a BGP process). The identity fields that only name
 * design objects (uplink_id, connection_id, vbr_id) are compared only when
 * both sides have them: a reader cannot know them. On a difference, why
 * says where ("neighbor 10.10.1.6: timers 30/90 != 60/180"). */
bool ecrc_ir_equal(const struct ecrc_ir_cpe *a, const struct ecrc_ir_cpe *b, char *why, size_t n);

#endif
