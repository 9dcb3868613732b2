/*
 * vendor.h: the vendor registry and the backend vtable. A backend renders
 * the CPE IR (emit/emit.h) into its platform's config language and reads
 * back the subset it emits. Nothing about the design's XML reaches here.
 */
#ifndef ECRC_VENDOR_H
#define ECRC_VENDOR_H

#include "emit/emit.h"

/* What a platform accepts where the design format allows more. The lowering
 * (emit/lower.c) checks an IR against them, so that render() never meets a
 * value its platform refuses. 0 = no limit. */
struct ecrc_vendor_limits {
	uint32_t bfd_interval_min_ms, bfd_interval_max_ms; /* transmit and receive */
	uint32_t bfd_multiplier_min, bfd_multiplier_max;
	size_t md5_key_max;         /* characters */
	uint32_t hold_min_s;        /* a non-zero hold time below this is refused */
	bool keepalive_within_hold; /* keepalive <= hold, and 0 exactly when hold is 0 */
	uint32_t max_prefixes_max;  /* the largest maximum-prefix limit */
};

struct ecrc_running;

/* A variant of a vendor's OS that changes what the config must hold
 * (design-format.md, `platform`): Junos "mx" and "srx", VRP "v8" and "v5".
 * A vendor with a single platform has one entry whose name is NULL. */
struct ecrc_vendor_platform {
	const char *name;    /* "srx"; the vendor's first entry is its default */
	const char *display; /* "SRX Series (security zones)" */
	/* How to apply the file safely (vendors.md point 8): comment lines,
	 * NULL-terminated, written into every file's header. */
	const char *const *apply;
};

struct ecrc_vendor {
	const char *name;    /* registry name: "cisco-iosxe" */
	const char *display; /* "Cisco IOS-XE" */
	const char *ext;     /* file name suffix: ".ios" */
	const char *comment; /* line comment leader: "!" */
	/* PCRE2 pattern an interface name of this platform matches (anchored
	 * by the caller), and an example for messages. */
	const char *iface_pattern;
	const char *iface_example;
	/* The punctuation the config language's statements use beyond letters,
	 * digits, blanks and "-./:_" (Junos: "\";{}[]"). The emit driver refuses
	 * a line with any other (ecrc_emit_check_text). */
	const char *syntax_chars;
	/* The maximum-prefix restart: 60 when the platform counts it in
	 * minutes, 1 in seconds, 0 when it restarts at once (BIRD); and
	 * whether it has a warning threshold. The lowering fills the IR's
	 * max_prefix_* fields from these. */
	uint32_t prefix_restart_unit_s;
	bool prefix_warn;
	/* Render one CPE. Appends to out; returns 0 (rendering cannot fail on a
	 * valid IR). */
	int (*render)(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out);
	/* Read back the subset render() emits into a fresh IR allocated from
	 * arena. Returns 0, or -1 with a message "line N: ..." in err. */
	int (*read)(const char *text, size_t len, struct ecrc_arena *arena, struct ecrc_ir_cpe **out,
	            char *err, size_t errlen);
	const struct ecrc_vendor_limits *limits;      /* NULL: none beyond the format's */
	const struct ecrc_vendor_platform *platforms; /* at least one; [0] the default */
	size_t n_platforms;
	/* Read a running configuration as the device prints it (running.c
	 * describes what is recorded). Unrelated stanzas are skipped; a
	 * statement inside an interface, neighbor, group or policy that the
	 * reader cannot interpret is recorded in out->unknown, never an error.
	 * Returns 0, or -1 with "line N: ..." in err when the text is not a
	 * configuration of this vendor at all. NULL: no reader yet. */
	int (*read_running)(const char *text, size_t len, struct ecrc_arena *arena, struct ecrc_running *out,
	                    char *err, size_t errlen);
};

/* The registry: every backend, one per directory under vendors/, in
 * directory-name order, NULL-terminated. Generated (vendor_table.c, by
 * cmake/vendor_table.cmake): vendors/NAME/ defines
 * `const struct ecrc_vendor ecrc_vendor_<NAME with - as _>` whose .name is
 * NAME, and adding the directory is all it takes (docs/emit.md). */
extern const struct ecrc_vendor *const ecrc_vendors[];
extern const size_t ecrc_vendors_count;
/* The generated extern declaration of each ecrc_vendor_<name>. */
#include "vendor_table.h"

/* registry.c */
const struct ecrc_vendor *ecrc_vendor_find(const char *name);
/* limits.c: each value against the vendor's limits; fn is called once per
 * value refused, with the design attribute it comes from ("hold") and a
 * message without the uplink ("hold time 9 s: juniper-junos accepts 0 or
 * 10..65535"). Return the number refused. The lowering and the rule
 * vendor-limit both judge with these. */
typedef void (*ecrc_limit_fn)(void *ctx, const char *attr, const char *msg);
size_t ecrc_vendor_check_bgp(const struct ecrc_vendor *v, uint32_t keepalive_s, uint32_t hold_s,
                             uint32_t max_prefixes, ecrc_limit_fn fn, void *ctx);
size_t ecrc_vendor_check_bfd(const struct ecrc_vendor *v, uint32_t min_tx_ms, uint32_t min_rx_ms,
                             uint32_t multiplier, ecrc_limit_fn fn, void *ctx);
/* A platform name the vendor does not have (NULL: its default, fine). */
size_t ecrc_vendor_check_platform(const struct ecrc_vendor *v, const char *platform, ecrc_limit_fn fn,
                                  void *ctx);

/* The vendor's platform of this name; name NULL: the default. NULL when
 * the vendor has no such platform. */
const struct ecrc_vendor_platform *ecrc_vendor_platform(const struct ecrc_vendor *v, const char *name);
/* "mx, srx" (static buffer): the names, for messages. */
const char *ecrc_vendor_platform_names(const struct ecrc_vendor *v);
/* True when iface looks like the vendor's naming (PCRE2, compiled once). */
bool ecrc_vendor_iface_ok(const struct ecrc_vendor *v, const char *iface);

/* ir.c: fills cpe->ports and each interface's port and neighbor from the
 * interfaces and neighbors; call it once the IR's lists are complete (and
 * again after renaming a parent). */
void ecrc_ir_link(struct ecrc_ir_cpe *cpe, struct ecrc_arena *arena);

/* common.c: helpers every backend uses for the header comment. */
void ecrc_vendor_header(const struct ecrc_vendor *v, const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out);
/* True when a prefix list of this name was already rendered: by an earlier
 * neighbor (its import list or any export term), or by an earlier export
 * term t of neighbor n. Neighbors may share lists; each is written once. */
bool ecrc_ir_list_seen(const struct ecrc_ir_cpe *cpe, size_t n, size_t t, const char *name);
/* Writes every distinct prefix list of the CPE once, in neighbor order
 * (import list, then the export terms' lists), with the backend's `put`,
 * then `after` when anything was written. */
void ecrc_vendor_put_lists(const struct ecrc_ir_cpe *cpe,
                           void (*put)(const struct ecrc_ir_prefix_list *l, struct ecrc_buf *out),
                           const char *after, struct ecrc_buf *out);
/* True when an earlier neighbor than n uses a policy of this name. */
bool ecrc_ir_policy_seen(const struct ecrc_ir_cpe *cpe, size_t n, const char *name);
/* Reads the header ecrc_vendor_header() wrote (lines starting with the
 * vendor's comment leader, anywhere before the first non-comment line):
 * sets cpe->id, vendor, design_name, design_sha256 and forced. Returns 0, or
 * -1 with "line N: ..." in err when there is no ecrc header line. */
int ecrc_vendor_read_header(const struct ecrc_vendor *v, const char *text, size_t len, struct ecrc_arena *a,
                            struct ecrc_ir_cpe *cpe, char *err, size_t errlen);
/* A restart time in the platform's minutes (at least 1). */
uint32_t ecrc_vendor_restart_min(const struct ecrc_ir_neighbor *nb);
/* The tail IOS-XE and FRR share after "neighbor A": "maximum-prefix N
 * [WARN] [restart MIN]\n". */
void ecrc_vendor_put_cisco_max_prefix(const struct ecrc_ir_neighbor *nb, struct ecrc_buf *out);
/* True when an MD5 key is the --redact-secrets placeholder. */
bool ecrc_vendor_key_redacted(const char *key);
/* A prefix-list entry's range in the Cisco style shared by IOS-XE, FRR,
 * EOS and Comware (" ge 24", " le 16", " ge 20 le 24"; nothing for an exact
 * entry): ge is written when it exceeds the length, le when it is below 32
 * or ge is not written, since those platforms insist on len < ge <= le. */
void ecrc_vendor_put_range(const struct ecrc_ir_prefix_entry *e, struct ecrc_buf *out);
/* The interfaces of a CPE whose sub-interfaces are "PARENT.VLAN" (EOS,
 * Comware): each parent port once, "interface PARENT" and its port_mode
 * line, carrying the addresses the VBR uses untagged, then each
 * sub-interface; address() writes one interface's lines, end closes each
 * block ("!", "#"). */
void ecrc_vendor_render_ports(const struct ecrc_ir_cpe *cpe, const char *port_mode, const char *end,
                              void (*address)(const struct ecrc_ir_cpe *cpe, size_t k, struct ecrc_buf *out),
                              struct ecrc_buf *out);
/* The IR range of such an entry as read: ge defaults to the length, le to
 * 32; neither given is the exact prefix (ge = le = 0). */
void ecrc_vendor_range(uint8_t len, bool has_ge, uint32_t ge, bool has_le, uint32_t le, uint8_t *out_ge,
                       uint8_t *out_le);

/* iproute2.c: the Linux backends (FRR, BIRD) leave VLAN devices to the
 * kernel. They write the iproute2 commands that create them as a comment
 * block ("#   ip link add link eth1 name eth1.1308 type vlan id 1308") and
 * read it back. */
struct ecrc_vendor_link {
	const char *name;   /* "eth1.1308" */
	const char *parent; /* NULL until an "ip link add" line names it */
	uint32_t vlan, mtu; /* mtu 1500 unless set */
	bool has_address;
	struct ecrc_ipnet address;
	const char *alias; /* the description, or NULL */
	uint32_t line;     /* where the device first appears */
	bool up;           /* an "ip link set dev NAME mtu N up" line */
};
/* The Linux name of an IR sub-interface: PARENT.VLAN, or the port itself
 * for VLAN 0 (an untagged circuit: Alibaba's VLAN 0 is a routed port). */
const char *ecrc_vendor_linux_ifname(const struct ecrc_ir_iface *f, char *buf, size_t n);
/* Writes the block: intro (one comment line), then per sub-interface the
 * parent's MTU when above 1500, "ip link add", "ip link set ... mtu N up",
 * and with addresses also "ip address add" and the description as alias;
 * for VLAN 0 only the port's "mtu N up" and the address lines. */
void ecrc_vendor_put_links(const struct ecrc_vendor *v, const struct ecrc_ir_cpe *cpe, const char *intro,
                           bool addresses, struct ecrc_buf *out);
/* Reads every such comment line, in order; other comments are ignored. A
 * device brought up but never created is a port used untagged (VLAN 0).
 * Returns 0, or -1 with "line N: ..." in err. */
int ecrc_vendor_read_links(const struct ecrc_vendor *v, const char *text, size_t len, struct ecrc_arena *a,
                           struct ecrc_vendor_link **links, size_t *n, char *err, size_t errlen);

/* cisco.c: the Cisco-style syntax IOS-XE and FRR share (the readers' types
 * are vendors/reader.h's). */
struct ecrc_rd;
struct ecrc_rd_line;
struct ecrc_rd_term;
struct ecrc_rd_peer;
/* The neighbor's prefix lists and route-maps in and out, each route-map
 * ending in "deny 65535"; block_end closes each route-map entry ("exit\n"
 * for FRR, "" for IOS). */
void ecrc_cisco_put_policies(const struct ecrc_ir_neighbor *nb, const char *block_end, struct ecrc_buf *out);
/* "ip prefix-list NAME seq N permit P [ge G] [le L]". */
int ecrc_cisco_read_plist(struct ecrc_rd *rd, const struct ecrc_rd_line *l);
/* A "match ip address prefix-list" or "set ..." line of a route-map entry. */
int ecrc_cisco_read_rmap_line(struct ecrc_rd *rd, struct ecrc_rd_term *t, const struct ecrc_rd_line *l);
/* The neighbor commands both share: remote-as, description, password,
 * timers; with af, route-map in|out and maximum-prefix (up to max).
 * Returns 0, -1 (error in rd), or 1 for a command it does not know (the
 * caller's own, or an error); *peer is the neighbor the line names. */
int ecrc_cisco_read_neighbor(struct ecrc_rd *rd, const struct ecrc_rd_line *l, bool af,
                             uint32_t max_prefixes_max, struct ecrc_rd_peer **peer);

/* ---- running.c: what a running-config reader records -------------------
 *
 * Every interface with its address, every BGP neighbor with what its peer
 * group, template or profile gives it, every prefix list and policy, the
 * static routes and what originates prefixes, each with the line it came
 * from (1-based; 0 = not configured, the platform's default applies). The
 * reader does not choose: ecrc_running_uplink() finds the uplink that
 * matters for a design (the sub-interface whose address is the design's,
 * the neighbor on it), and check/ compares only that. */

struct ecrc_run_iface {
	const char *name;   /* as the device writes it: "GigabitEthernet0/0/1.1308" */
	const char *parent; /* the port ("GigabitEthernet0/0/1"), or name when untagged */
	uint32_t line;
	uint32_t vlan, vlan_line; /* 0: untagged */
	bool has_address;
	struct ecrc_ipnet address;
	uint32_t address_line;
	/* BIRD knows only the local address and maybe the device's name:
	 * the subnet length, or the port and VLAN, are not in the config */
	bool address_len_unknown, vlan_unknown;
	uint32_t mtu, mtu_line; /* 0: not set (1500) */
	const char *description;
	/* BFD timers set on the interface (IOS-XE, EOS, Comware): the
	 * neighbor over it runs with them */
	bool has_bfd;
	uint32_t bfd_min_tx_ms, bfd_min_rx_ms, bfd_multiplier, bfd_line;
};

/* One entry of a prefix list or route filter. */
struct ecrc_run_entry {
	struct ecrc_ir_prefix_entry e; /* ge = le = 0: exact */
	bool deny;
	uint32_t line;
};

struct ecrc_run_plist {
	const char *name;
	uint32_t line;
	struct ecrc_run_entry *v;
	size_t n, cap;
};

/* One term of a route policy, in evaluation order. A term matches a route
 * when its prefix list (or its own filters) permits it; a term with
 * neither matches every route; match_other: it also matches on something
 * ecrc does not model (community, AS path), so it matches no design route. */
struct ecrc_run_term {
	uint32_t line, seq;
	bool deny;
	const char *match; /* a prefix list name, or NULL */
	uint32_t match_line;
	struct ecrc_run_entry *filters;
	size_t n_filters, cap_filters;
	bool match_other;
	uint32_t *prepend;
	size_t n_prepend;
	uint32_t prepend_line;
	bool has_med;
	uint32_t med, med_line;
	bool has_origin;
	enum ecrc_ir_origin origin;
	uint32_t origin_line;
};

struct ecrc_run_policy {
	const char *name;
	uint32_t line;
	struct ecrc_run_term *t;
	size_t n, cap;
	/* the verdict for a route no term matches: false (reject) on every
	 * platform ecrc reads, except where the reader says otherwise */
	bool default_permit;
};

struct ecrc_run_neighbor {
	uint32_t address, line;
	const char *group; /* the peer group / template it inherits from, or NULL */
	bool has_remote_as;
	uint32_t remote_as, remote_as_line;
	bool has_local_as; /* a per-neighbor local AS (local-as, local-as-number) */
	uint32_t local_as, local_as_line;
	bool bfd;
	uint32_t bfd_line;
	bool has_bfd_timers; /* timers on the neighbor or its profile (else the interface's) */
	uint32_t bfd_min_tx_ms, bfd_min_rx_ms, bfd_multiplier, bfd_timers_line;
	uint32_t bfd_tx_line, bfd_rx_line,
	    bfd_mult_line; /* each value's own line, when apart (0: timers_line) */
	bool has_timers;   /* else the platform's defaults */
	uint32_t keepalive_s, hold_s, timers_line;
	bool md5; /* a password / authentication key in any rendered form */
	uint32_t md5_line;
	bool has_max_prefixes;
	uint32_t max_prefixes, max_prefixes_line;
	const char *import_policy, *export_policy; /* NULL: none applied */
	uint32_t import_line, export_line;
	const char *description;
	bool shutdown;
	uint32_t shutdown_line;
};

/* A statement the reader met inside an element and could not interpret.
 * check/ reports those of the uplink's own elements; the others belong to
 * unrelated configuration and are ignored. */
enum ecrc_run_owner { ECRC_RUN_IFACE, ECRC_RUN_NEIGHBOR, ECRC_RUN_POLICY, ECRC_RUN_PLIST, ECRC_RUN_BGP };
struct ecrc_run_unknown {
	uint32_t line;
	const char *text;
	enum ecrc_run_owner owner;
	const char *name; /* interface name, neighbor address, policy or list name */
};

struct ecrc_run_static {
	struct ecrc_ipnet prefix;
	bool has_next_hop; /* false: discard (Null0, blackhole, NULL0) */
	uint32_t next_hop, line;
};

struct ecrc_run_network {
	struct ecrc_ipnet prefix;
	uint32_t line;
};

struct ecrc_running {
	const struct ecrc_vendor *vendor;
	struct ecrc_arena *arena;
	const char *hostname;
	bool has_asn;
	uint32_t asn, asn_line;
	bool has_router_id;
	uint32_t router_id;
	uint32_t maximum_paths, maximum_paths_line;   /* 0: not set (one path) */
	uint32_t default_keepalive_s, default_hold_s; /* the platform's BGP timers */
	uint32_t default_max_prefixes;                /* 0: no limit unless configured */
	/* BFD timers where neither the neighbor nor its interface sets any;
	 * 0: BFD does not run without them (IOS-XE needs "bfd interval") */
	uint32_t default_bfd_tx_ms, default_bfd_rx_ms, default_bfd_multiplier;
	/* the language does not carry the MTU (FRR, BIRD): compared only
	 * where a line gave it */
	bool mtu_unknown;
	struct ecrc_run_iface *ifaces;
	size_t n_ifaces, cap_ifaces;
	struct ecrc_run_neighbor *neighbors;
	size_t n_neighbors, cap_neighbors;
	struct ecrc_run_plist *plists;
	size_t n_plists, cap_plists;
	struct ecrc_run_policy *policies;
	size_t n_policies, cap_policies;
	struct ecrc_run_static *statics;
	size_t n_statics, cap_statics;
	struct ecrc_run_network *networks; /* "network P": originated when a route exists */
	size_t n_networks, cap_networks;
	/* every discard static is originated ("redistribute static", a BIRD
	 * or Junos export of static routes) */
	bool originates_statics;
	uint32_t originates_line;
	struct ecrc_run_unknown *unknown;
	size_t n_unknown, cap_unknown;
	uint32_t n_recognized; /* statements of this vendor's language seen */
};

void ecrc_running_init(struct ecrc_running *r, const struct ecrc_vendor *v, struct ecrc_arena *a);
/* Find or create; names are copied by the caller (arena strings). */
struct ecrc_run_iface *ecrc_running_iface(struct ecrc_running *r, const char *name, uint32_t line);
struct ecrc_run_neighbor *ecrc_running_neighbor(struct ecrc_running *r, uint32_t address, uint32_t line);
struct ecrc_run_plist *ecrc_running_plist(struct ecrc_running *r, const char *name, uint32_t line);
void ecrc_running_plist_add(struct ecrc_running *r, struct ecrc_run_plist *pl, struct ecrc_ipnet prefix,
                            uint8_t ge, uint8_t le, bool deny, uint32_t line);
struct ecrc_run_policy *ecrc_running_policy(struct ecrc_running *r, const char *name, uint32_t line);
/* The term of policy p with sequence number seq (created in order). */
struct ecrc_run_term *ecrc_running_term(struct ecrc_running *r, struct ecrc_run_policy *p, uint32_t seq,
                                        uint32_t line);
void ecrc_running_term_filter(struct ecrc_running *r, struct ecrc_run_term *t, struct ecrc_ipnet prefix,
                              uint8_t ge, uint8_t le, uint32_t line);
void ecrc_running_static(struct ecrc_running *r, struct ecrc_ipnet prefix, bool has_next_hop,
                         uint32_t next_hop, uint32_t line);
void ecrc_running_network(struct ecrc_running *r, struct ecrc_ipnet prefix, uint32_t line);
void ecrc_running_unknown(struct ecrc_running *r, enum ecrc_run_owner owner, const char *name, uint32_t line,
                          const char *text);
/* Peer groups, templates, profiles: fills what nb does not set itself from
 * the group g (the lines stay the group's, so a drift points there). */
void ecrc_running_inherit(struct ecrc_run_neighbor *nb, const struct ecrc_run_neighbor *g);
/* Sorts every policy's terms by sequence number (readers call it last). */
void ecrc_running_finish(struct ecrc_running *r);

/* The readers (cisco_running.c and one file per other family). */
int ecrc_iosxe_read_running(const char *text, size_t len, struct ecrc_arena *a, struct ecrc_running *out,
                            char *err, size_t errlen);
int ecrc_eos_read_running(const char *text, size_t len, struct ecrc_arena *a, struct ecrc_running *out,
                          char *err, size_t errlen);
int ecrc_vrp_read_running(const char *text, size_t len, struct ecrc_arena *a, struct ecrc_running *out,
                          char *err, size_t errlen);
int ecrc_comware_read_running(const char *text, size_t len, struct ecrc_arena *a, struct ecrc_running *out,
                              char *err, size_t errlen);
int ecrc_junos_read_running(const char *text, size_t len, struct ecrc_arena *a, struct ecrc_running *out,
                            char *err, size_t errlen);
int ecrc_bird_read_running(const char *text, size_t len, struct ecrc_arena *a, struct ecrc_running *out,
                           char *err, size_t errlen);
int ecrc_frr_read_running(const char *text, size_t len, struct ecrc_arena *a, struct ecrc_running *out,
                          char *err, size_t errlen);

/* The uplink that matters for one design uplink: the interface whose
 * address is the design's host address (else the one named parent.vlan or
 * carrying that VLAN on that port), and the neighbor at the design's
 * neighbor address (else the one inside that interface's subnet). */
struct ecrc_run_uplink {
	const struct ecrc_run_iface *iface;     /* NULL: not configured */
	const struct ecrc_run_neighbor *nb;     /* NULL: not configured */
	const struct ecrc_run_policy *in, *out; /* NULL: not applied or not defined */
};
void ecrc_running_uplink(const struct ecrc_running *r, const struct ecrc_ir_iface *want_if, uint32_t want_nb,
                         struct ecrc_run_uplink *out);
const struct ecrc_run_policy *ecrc_running_find_policy(const struct ecrc_running *r, const char *name);
const struct ecrc_run_plist *ecrc_running_find_plist(const struct ecrc_running *r, const char *name);

/* How a policy treats one route: the first term that matches decides. */
struct ecrc_run_verdict {
	bool permit;
	const struct ecrc_run_term *term; /* NULL: no term matched (the default) */
	uint32_t line;                    /* the entry or term that decided, else the policy's */
};
void ecrc_running_eval(const struct ecrc_running *r, const struct ecrc_run_policy *p, struct ecrc_ipnet route,
                       struct ecrc_run_verdict *v);
/* The prefix-list entries a permit term of policy p admits, in order (the
 * entries of its list that permit, or its own filters); n = 0 for a term
 * that matches everything (*all is set then). */
size_t ecrc_running_term_entries(const struct ecrc_running *r, const struct ecrc_run_term *t,
                                 const struct ecrc_run_entry **out, bool *all);

/* ---- an inbound policy as the set of routes it accepts (common/prefix_set.h) */

struct ecrc_pfx_filter;
/* The policy as a filter over prefixes, as the router runs it: its terms
 * in order, each with its list's entries (deny entries included) or
 * matching every route, a term that matches on something ecrc does not read
 * matching nothing; the policy's default. Entries' and terms' who are their
 * config lines. Allocated from a. */
void ecrc_running_policy_filter(const struct ecrc_running *r, const struct ecrc_run_policy *p,
                                struct ecrc_arena *a, struct ecrc_pfx_filter *out);
/* Whether the accepted set is the union of the permit terms' permit
 * entries: no deny entry in a permit term's list, no deny term before a
 * permit term, a default of reject. Then the entries themselves describe
 * it; else ecrc_running_policy_ranges does. */
bool ecrc_running_policy_is_union(const struct ecrc_running *r, const struct ecrc_run_policy *p);
/* The accepted set as disjoint permit ranges (prefix, ge, le in the IR's
 * convention), in prefix-tree order, allocated from a; SIZE_MAX when the
 * policy is too large to walk (common/prefix_set.h, the budget). */
size_t ecrc_running_policy_ranges(const struct ecrc_running *r, const struct ecrc_run_policy *p,
                                  struct ecrc_arena *a, struct ecrc_ir_prefix_entry **out);
/* True when prefix p is originated: a "network" statement for it, or a
 * discard static for it while statics are originated. */
bool ecrc_running_originated(const struct ecrc_running *r, struct ecrc_ipnet p, uint32_t *line);
/* Builds the IR of the uplinks found (one per (iface, nb) pair given),
 * as ecrc_lower_cpe would have: for verify --config and import. The
 * policies become the IR's terms: permit terms in order, each with the
 * entries it admits; a term that matches everything admits 0.0.0.0/0 le 32. */
struct ecrc_ir_cpe *ecrc_running_to_ir(const struct ecrc_running *r, const struct ecrc_run_uplink *ups,
                                       size_t n, struct ecrc_arena *a);

#endif
