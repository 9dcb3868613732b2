/*
 * lint.h: the front end of ecrc. The design model (one typed struct per
 * element of the design format, every node with its source location), the
 * arena that owns it, the XML loader, derived facts, diagnostics, the rule
 * framework, the report formats and the lint driver.
 *
 * Data flows one way: XML -> model (this directory) -> rules. Nothing here
 * knows a vendor's config language or the engine.
 */
#ifndef ECRC_LINT_H
#define ECRC_LINT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/common.h"

/* Loader limits; docs/design-format.md states them. */
#define ECRC_MAX_FILE_BYTES (64u * 1024u * 1024u)
#define ECRC_MAX_DEPTH 32
/* Attributes on one start tag (a design element takes at most 16). libxml2
 * 2.9 checks each attribute against every earlier one of its tag, so the
 * loader refuses more before libxml2 sees them: linear time on any input. */
#define ECRC_MAX_ATTRS 64

/* ---- the model ------------------------------------------------------- */

enum ecrc_kind {
	ECRC_K_DESIGN,
	ECRC_K_DESCRIPTION,
	ECRC_K_DATACENTER,
	ECRC_K_PREFIX,
	ECRC_K_CPE,
	ECRC_K_UPLINK,
	ECRC_K_BGP,
	ECRC_K_BFD,
	ECRC_K_ADVERTISE,
	ECRC_K_ACCEPT,
	ECRC_K_CLOUD,
	ECRC_K_ECR,
	ECRC_K_ASSOCIATE,
	ECRC_K_ALLOWED_PREFIX,
	ECRC_K_REGION,
	ECRC_K_PHYSICAL_CONNECTION,
	ECRC_K_VBR,
	ECRC_K_BGP_PEER,
	ECRC_K_TRANSIT_ROUTER,
	ECRC_K_ATTACH,
	ECRC_K_ROUTE_POLICY,
	ECRC_K_VPC,
	ECRC_K_CIDR,
	ECRC_K_VSWITCH,
	ECRC_K_ALLOW_INGRESS,
	ECRC_K_VPN,
	ECRC_K_CCN,
	ECRC_K_LINT,
	ECRC_K_DISABLE,
	ECRC_K__COUNT
};

struct ecrc_suppression;

struct ecrc_facts;

/* What is computed from a loaded design on demand and kept with it. */
struct ecrc_memo {
	size_t line, off; /* the last offset located (loader.c) */
	uint32_t col;
	const struct ecrc_facts *facts; /* ecrc_facts_build(), built once */
};

/* Every element starts with this header. */
struct ecrc_node {
	enum ecrc_kind kind;
	struct ecrc_loc loc; /* the '<' of the start tag */
	struct ecrc_node *parent;
	const uint32_t *attr_off;          /* byte offset of each attribute of the element's spec */
	uint64_t set;                      /* bit i: attribute i of the spec was written */
	struct ecrc_suppression *suppress; /* inline ecrc-disable comments before it */
};

/* An element with a text value (<prefix>, <cidr>, <allowed-prefix>). */
struct ecrc_prefix_node {
	struct ecrc_node node;
	struct ecrc_ipnet prefix;
	struct ecrc_prefix_node *next;
};

enum ecrc_redundancy { ECRC_ACTIVE_ACTIVE, ECRC_ACTIVE_STANDBY };
enum ecrc_role { ECRC_ROLE_NONE, ECRC_ROLE_PRIMARY, ECRC_ROLE_STANDBY };
/* <cpe platform=>: index into ecrc_platform_names (schema.c); which vendor
 * has which is the vendor registry's (vendors/vendor.h). */
enum ecrc_platform {
	ECRC_PLATFORM_NONE,
	ECRC_PLATFORM_MX,
	ECRC_PLATFORM_SRX,
	ECRC_PLATFORM_V8,
	ECRC_PLATFORM_V5
};
extern const char *const ecrc_platform_names[];
enum ecrc_origin { ECRC_ORIGIN_IGP, ECRC_ORIGIN_INCOMPLETE };
enum ecrc_routing { ECRC_ROUTING_BGP, ECRC_ROUTING_STATIC };
enum ecrc_edition { ECRC_EDITION_ENTERPRISE, ECRC_EDITION_BASIC };
enum ecrc_direction { ECRC_DIR_REGION_IN, ECRC_DIR_REGION_OUT };
enum ecrc_action { ECRC_ACTION_PERMIT, ECRC_ACTION_DENY };
enum ecrc_attach_kind { ECRC_ATT_ANY, ECRC_ATT_ECR, ECRC_ATT_VBR, ECRC_ATT_VPN, ECRC_ATT_CCN, ECRC_ATT_VPC };
enum ecrc_protocol { ECRC_PROTO_ALL, ECRC_PROTO_TCP, ECRC_PROTO_UDP, ECRC_PROTO_ICMP };

struct ecrc_bfd {
	struct ecrc_node node;
	uint32_t min_tx_ms;  /* default 1000 */
	uint32_t min_rx_ms;  /* default 1000 */
	uint32_t multiplier; /* default 3 */
};

struct ecrc_advertise {
	struct ecrc_node node;
	struct ecrc_ipnet prefix;
	uint32_t as_path_prepend;
	uint32_t *origin_as_path; /* ASNs behind the CPE, in order */
	size_t n_origin_as_path;
	bool has_med;
	uint32_t med;
	enum ecrc_origin origin;
	struct ecrc_advertise *next;
};

struct ecrc_accept {
	struct ecrc_node node;
	struct ecrc_ipnet prefix;
	bool has_ge, has_le;
	uint32_t ge, le;
	struct ecrc_accept *next;
};

struct ecrc_bgp {
	struct ecrc_node node;
	uint32_t neighbor;
	uint32_t remote_asn;
	uint32_t keepalive_s;     /* default 30 */
	uint32_t hold_s;          /* default 90 */
	uint32_t max_prefixes;    /* default 1000 */
	const char *auth_key_env; /* NULL when no MD5 */
	struct ecrc_bfd *bfd;     /* NULL: BFD off */
	struct ecrc_advertise *advertises;
	size_t n_advertises;
	struct ecrc_accept *accepts;
	size_t n_accepts;
};

struct ecrc_cpe;
struct ecrc_vbr;
struct ecrc_physical_connection;

struct ecrc_uplink {
	struct ecrc_node node;
	const char *id;
	const char *connection_id;
	struct ecrc_physical_connection *connection; /* resolved, or NULL */
	const char *interface;
	uint32_t vlan;
	struct ecrc_ipnet address;
	uint32_t mtu; /* default 1500 */
	enum ecrc_role role;
	struct ecrc_bgp *bgp; /* NULL: static routing */
	struct ecrc_cpe *cpe;
	struct ecrc_vbr *vbr; /* the VBR this circuit peers with (resolve.c), or NULL */
	struct ecrc_uplink *next_on_connection;
	struct ecrc_uplink *next;
};

struct ecrc_cpe {
	struct ecrc_node node;
	const char *id;
	const char *vendor;          /* a name from the vendor registry */
	enum ecrc_platform platform; /* NONE: the vendor's default */
	const char *hostname;        /* defaults to id */
	uint32_t asn;
	uint32_t router_id; /* defaults to the first uplink's address */
	struct ecrc_uplink *uplinks;
	size_t n_uplinks;
	struct ecrc_datacenter *dc;
	struct ecrc_cpe *next;
};

struct ecrc_datacenter {
	struct ecrc_node node;
	const char *id;
	enum ecrc_redundancy redundancy;
	bool has_max_failover_ms;
	uint32_t max_failover_ms;
	struct ecrc_prefix_node *prefixes;
	size_t n_prefixes;
	struct ecrc_cpe *cpes;
	size_t n_cpes;
	struct ecrc_datacenter *next;
};

struct ecrc_ecr;
struct ecrc_transit_router;
struct ecrc_vpc;
struct ecrc_region;

struct ecrc_physical_connection {
	struct ecrc_node node;
	const char *id;
	const char *access_point; /* NULL when not given */
	const char *device;       /* NULL when not given */
	struct ecrc_region *region;
	/* resolve.c: what rides this connection (chained through
	 * ecrc_vbr.next_on_connection and ecrc_uplink.next_on_connection) */
	struct ecrc_vbr *vbrs;
	size_t n_vbrs;
	struct ecrc_uplink *uplinks;
	size_t n_uplinks;
	struct ecrc_physical_connection *next;
};

struct ecrc_bgp_peer {
	struct ecrc_node node;
	uint32_t peer_asn;
	bool has_local_asn;
	uint32_t local_asn;
	uint32_t keepalive_s; /* default 30 */
	uint32_t hold_s;      /* default 90 */
	bool auth_md5;
	struct ecrc_bfd *bfd; /* NULL: BFD off */
};

struct ecrc_vbr {
	struct ecrc_node node;
	const char *id;
	const char *connection_id;
	struct ecrc_physical_connection *connection; /* resolved, or NULL */
	uint32_t vlan;
	struct ecrc_ipnet local_address;
	uint32_t peer_address;
	enum ecrc_routing routing;
	uint32_t mtu;         /* default 1500 */
	uint32_t route_quota; /* default 110 */
	struct ecrc_bgp_peer *bgp_peer;
	struct ecrc_region *region;
	struct ecrc_ecr *ecr; /* the ECR that associates it (first), or NULL */
	struct ecrc_vbr *next_on_connection;
	struct ecrc_vbr *next;
};

struct ecrc_attach {
	struct ecrc_node node;
	enum ecrc_attach_kind kind; /* VPC, VBR, VPN or CCN */
	const char *target_id;
	struct ecrc_node *target; /* resolved, or NULL */
	bool route_sync;
	struct ecrc_transit_router *tr;
	struct ecrc_attach *next;
};

struct ecrc_route_policy {
	struct ecrc_node node;
	enum ecrc_direction direction;
	uint32_t priority;
	enum ecrc_action action;
	enum ecrc_attach_kind source, destination;
	struct ecrc_route_policy *next;
};

struct ecrc_transit_router {
	struct ecrc_node node;
	const char *id;
	enum ecrc_edition edition;
	const char *cen; /* NULL when not given */
	struct ecrc_attach *attaches;
	size_t n_attaches;
	struct ecrc_route_policy *policies;
	size_t n_policies;
	struct ecrc_region *region;
	struct ecrc_transit_router *next;
};

struct ecrc_allow_ingress {
	struct ecrc_node node;
	struct ecrc_ipnet source;
	enum ecrc_protocol protocol;
	const char *ports; /* NULL when not given */
	struct ecrc_allow_ingress *next;
};

struct ecrc_vpc;

/* <vswitch id= cidr= zone=/>: each vSwitch gives its VPC a system route for
 * its CIDR, and those system routes (not the VPC's blocks) are what the VPC
 * propagates to a transit router or ECR. */
struct ecrc_vswitch {
	struct ecrc_node node;
	const char *id;
	struct ecrc_ipnet cidr;
	const char *zone;
	struct ecrc_vpc *vpc;
	struct ecrc_vswitch *next;
};

struct ecrc_vpc {
	struct ecrc_node node;
	const char *id;
	struct ecrc_ipnet cidr;
	struct ecrc_prefix_node *cidrs;
	size_t n_cidrs; /* secondary blocks */
	struct ecrc_vswitch *vswitches;
	size_t n_vswitches;
	struct ecrc_allow_ingress *ingress;
	size_t n_ingress;
	struct ecrc_region *region;
	struct ecrc_vpc *next;
};

/* <vpn id=/> and <ccn id=/> */
struct ecrc_simple {
	struct ecrc_node node;
	const char *id;
	struct ecrc_region *region;
	struct ecrc_simple *next;
};

struct ecrc_region {
	struct ecrc_node node;
	const char *id;
	struct ecrc_physical_connection *connections;
	size_t n_connections;
	struct ecrc_vbr *vbrs;
	size_t n_vbrs;
	struct ecrc_transit_router *trs;
	size_t n_trs;
	struct ecrc_vpc *vpcs;
	size_t n_vpcs;
	struct ecrc_simple *vpns;
	size_t n_vpns;
	struct ecrc_simple *ccns;
	size_t n_ccns;
	struct ecrc_region *next;
};

enum ecrc_assoc_kind { ECRC_ASSOC_VBR, ECRC_ASSOC_VPC, ECRC_ASSOC_TR };

struct ecrc_associate {
	struct ecrc_node node;
	enum ecrc_assoc_kind kind;
	const char *target_id;
	struct ecrc_node *target; /* resolved, or NULL */
	struct ecrc_prefix_node *allowed;
	size_t n_allowed; /* TR only */
	struct ecrc_ecr *ecr;
	struct ecrc_associate *next;
};

struct ecrc_ecr {
	struct ecrc_node node;
	const char *id;
	uint32_t asn; /* default 45104 */
	struct ecrc_associate *associates;
	size_t n_associates;
	struct ecrc_ecr *next;
};

struct ecrc_cloud {
	struct ecrc_node node;
	struct ecrc_ecr *ecrs;
	size_t n_ecrs;
	struct ecrc_region *regions;
	size_t n_regions;
};

struct ecrc_disable {
	struct ecrc_node node;
	const char *rule;
	const char *reason; /* NULL when not given */
	bool used;
	struct ecrc_disable *next;
};

/* An inline <!-- ecrc-disable RULE[,RULE]: reason --> before an element. */
struct ecrc_suppression {
	struct ecrc_loc loc;
	const char **rules;
	size_t n_rules;
	bool *used;
	const char *reason;
	struct ecrc_suppression *next;         /* all of the design's, in file order */
	struct ecrc_suppression *next_pending; /* the next one before the same element */
};

struct ecrc_design {
	struct ecrc_node node;
	struct ecrc_arena *arena; /* owns everything below */
	const char *file;         /* as given on the command line ("-" = stdin) */
	const char *name;
	const char *description;  /* NULL when absent */
	unsigned char sha256[32]; /* of the file's bytes (set by the caller, emit) */
	const char *source;       /* the file's bytes, NUL-terminated */
	size_t source_len;
	const uint32_t *line_starts;
	size_t n_lines;         /* byte offset of each line */
	struct ecrc_memo *memo; /* never NULL in a loaded design */
	struct ecrc_datacenter *dcs;
	size_t n_dcs;
	struct ecrc_cloud *cloud; /* never NULL in a loaded design */
	struct ecrc_disable *disables;
	size_t n_disables;
	struct ecrc_suppression *suppressions; /* all inline ones, in file order */
	/* Lookup of every id-bearing node (ids.c), filled by the loader. */
	struct ecrc_idmap *ids;
};

const char *ecrc_kind_name(enum ecrc_kind k); /* the element name */
/* The line and column of a byte offset in the design's source. */
struct ecrc_loc ecrc_design_loc(const struct ecrc_design *d, size_t off);
const char *ecrc_node_id(const struct ecrc_node *n); /* NULL for id-less kinds */
struct ecrc_node *ecrc_design_find(const struct ecrc_design *d, const char *id);
const char *ecrc_attach_kind_name(enum ecrc_attach_kind k);

/* The ASN the VBR speaks: its ECR's when associated, else local-asn or 45104. */
uint32_t ecrc_vbr_local_asn(const struct ecrc_vbr *v);
/* The CPE router-id: as written, or the first uplink's address. */

/* ---- schema.c: the design format as a table; the loader is driven by it */

enum ecrc_vtype {
	ECRC_VT_ID,    /* [A-Za-z][A-Za-z0-9._-]{0,63}, registered as a unique id */
	ECRC_VT_IDREF, /* same syntax, resolved to a node */
	ECRC_VT_NAME,  /* id syntax, not registered (the design name) */
	ECRC_VT_ASN,   /* asplain or asdot */
	ECRC_VT_IPV4,
	ECRC_VT_PREFIX, /* a.b.c.d/len */
	ECRC_VT_IFADDR, /* host address with its subnet length */
	ECRC_VT_U32,    /* decimal in [min, max] */
	ECRC_VT_BOOL,
	ECRC_VT_ENUM,     /* one of enums[]; stored as int index */
	ECRC_VT_HOSTNAME, /* [A-Za-z0-9][A-Za-z0-9-]{0,62} */
	ECRC_VT_IFACE,    /* [A-Za-z][A-Za-z0-9/._:-]{0,63} */
	ECRC_VT_ENVNAME,  /* [A-Za-z_][A-Za-z0-9_]{0,63} */
	ECRC_VT_TOKEN,    /* [A-Za-z0-9][A-Za-z0-9._:/-]{0,127} (access point, device) */
	ECRC_VT_TEXT,     /* free text, printable, one line (a reason) */
	ECRC_VT_ASNLIST,  /* space separated ASNs; count stored at off2 */
	ECRC_VT_VENDOR,   /* a name in the vendor registry */
	ECRC_VT_RULEID,   /* [a-z0-9-]+ */
	ECRC_VT_PORTS,    /* N/M or -1/-1 */
	ECRC_VT_FIXED,    /* must equal dflt; not stored */
	ECRC_VT_MD5,      /* "md5": sets a bool */
};

struct ecrc_attr_spec {
	const char *name;
	enum ecrc_vtype type;
	bool required;
	const char *dflt;         /* applied as if written, or NULL */
	size_t off, off2;         /* where the value goes in the node's struct */
	uint32_t min, max;        /* ECRC_VT_U32 */
	const char *const *enums; /* ECRC_VT_ENUM, NULL-terminated */
};

/* Where children of one kind go in their parent. */
struct ecrc_child_spec {
	enum ecrc_kind kind;
	size_t head_off;  /* pointer to the first (or only) child */
	size_t count_off; /* size_t count, or SIZE_MAX for a single child */
	uint32_t min;     /* required count */
};

struct ecrc_elem_spec {
	const char *name;
	enum ecrc_kind kind;
	size_t size;     /* of the node's struct */
	size_t next_off; /* of its `next` pointer, or SIZE_MAX */
	const struct ecrc_attr_spec *attrs;
	size_t n_attrs;
	const struct ecrc_child_spec *children;
	size_t n_children;
	bool text; /* text content: a prefix (or the description) */
};

extern const struct ecrc_elem_spec ecrc_elem_specs[ECRC_K__COUNT];
const struct ecrc_elem_spec *ecrc_elem_spec(enum ecrc_kind k);
/* The child spec of `child` under `parent`, or NULL when not allowed. */
const struct ecrc_child_spec *ecrc_child_spec(enum ecrc_kind parent, enum ecrc_kind child);
/* Index of attribute `name` in the element's spec, or -1. */
int ecrc_attr_index(enum ecrc_kind k, const char *name);
/* Validates a value against a type; on failure returns false and a short
 * description of the expected syntax in *expected. */
bool ecrc_value_check(const struct ecrc_attr_spec *a, const char *v, const char **expected);

/* ---- diag.c: findings, collected and sorted, never printed by a rule -- */

enum ecrc_severity { ECRC_SEV_NOTE, ECRC_SEV_WARNING, ECRC_SEV_ERROR };

struct ecrc_diag_note {
	struct ecrc_loc loc;
	char *message;
};

struct ecrc_finding {
	const char *rule; /* static string: the rule id */
	enum ecrc_severity severity;
	struct ecrc_loc loc;
	char *message;
	const struct ecrc_node *node; /* where it points (for suppression), or NULL */
	struct ecrc_diag_note *notes;
	size_t n_notes;
	size_t seq; /* insertion order, the last sort key */
	/* Set on a suppressed finding (diags->suppressed only): what silenced
	 * it. Both kinds of suppression live in the design file, so SARIF's
	 * kind is "inSource" for both. */
	struct ecrc_finding_suppression {
		const char *how;     /* "inline" (ecrc-disable comment) or "design" (<lint><disable>) */
		const char *reason;  /* the text after "RULE:" / reason=, NULL when not given */
		struct ecrc_loc loc; /* the comment or the <disable> element */
	} suppression;
};

struct ecrc_diags {
	struct ecrc_arena *arena; /* owns messages and file names */
	struct ecrc_finding *v;
	size_t n, cap;
	/* Findings silenced by a suppression: kept for the JSON and SARIF
	 * reports (GitHub shows them as dismissed), never counted. */
	struct ecrc_finding *suppressed;
	size_t n_suppressed, cap_suppressed;
};

void ecrc_diags_init(struct ecrc_diags *d);
void ecrc_diags_free(struct ecrc_diags *d);
struct ecrc_finding *ecrc_diag_add(struct ecrc_diags *d, const char *rule, enum ecrc_severity sev,
                                   struct ecrc_loc loc, const struct ecrc_node *node, const char *fmt, ...)
    ECRC_PRINTF(6, 7);
struct ecrc_finding *ecrc_diag_vadd(struct ecrc_diags *d, const char *rule, enum ecrc_severity sev,
                                    struct ecrc_loc loc, const struct ecrc_node *node, const char *fmt,
                                    va_list ap) ECRC_PRINTF(6, 0);
void ecrc_diag_note(struct ecrc_diags *d, struct ecrc_finding *f, struct ecrc_loc loc, const char *fmt, ...)
    ECRC_PRINTF(4, 5);
void ecrc_diags_sort(struct ecrc_diags *d); /* file, line, column, rule, seq */
void ecrc_diags_count(const struct ecrc_diags *d, size_t *errors, size_t *warnings, size_t *notes);
const char *ecrc_severity_name(enum ecrc_severity s);

/* ---- loader.c ------------------------------------------------------- */

/* Reads and parses a design. Returns NULL when the file could not be
 * processed at all (unreadable, not well-formed, limits): the reason is in
 * diags as xml-malformed (or an I/O finding), and *io_error is set when the
 * file could not be read. Schema, id and reference problems are reported in
 * diags and a design is still returned when the tree is intact. */
struct ecrc_design *ecrc_load_file(const char *path, struct ecrc_diags *diags, bool *fatal);
struct ecrc_design *ecrc_load_memory(const char *name, const char *buf, size_t len, struct ecrc_diags *diags,
                                     bool *fatal);
void ecrc_design_free(struct ecrc_design *d);
/* resolve.c: ids, references, back pointers, uplink-VBR pairing (called by the loader) */
void ecrc_resolve(struct ecrc_design *d, struct ecrc_diags *diags);
/* True when the last load left a model the rules can trust: no schema,
 * id-duplicate or ref-unknown errors. */
bool ecrc_design_intact(const struct ecrc_diags *diags);

/* ---- facts.c: derived facts, computed once per design ----------------- */

/*
 * What the rules (and emit and verify after them) derive from the model,
 * computed once by ecrc_facts_build() and shared, so that no rule pairs
 * objects over the whole design: the routes each VBR receives, BGP and BFD
 * negotiation per circuit, ECMP groups, and which VPCs each data center
 * reaches. Everything lives in the design's arena; lists keep document
 * order. Facts never fail: a dangling reference just leaves a pointer NULL.
 */

/* One route an uplink advertises, as its VBR receives it. With no
 * <advertise> the uplink advertises every <prefix> of its data center with
 * default attributes. */
struct ecrc_route {
	struct ecrc_ipnet prefix; /* network form (host bits cleared) */
	const uint32_t *as_path;  /* CPE ASN x (1 + prepend), then origin-as-path */
	size_t as_path_len;
	size_t n_own;             /* leading copies of the CPE's ASN: 1 + prepend */
	const char *as_path_text; /* "65003 65003 100", for messages */
	enum ecrc_origin origin;
	bool has_med;
	uint32_t med;
	const struct ecrc_advertise *advertise;   /* NULL when implied by a <prefix> */
	const struct ecrc_prefix_node *dc_prefix; /* the <prefix> when implied, else NULL */
	const struct ecrc_node *at; /* where to point: the <advertise>, else the uplink's <bgp> */
};

/* BFD on one circuit (RFC 5880 6.8.4). Side X transmits every
 * max(X.min_tx, Y.min_rx) and declares the session down after
 * Y.multiplier x max(X.min_rx, Y.min_tx) without a packet. */
struct ecrc_bfd_session {
	const struct ecrc_bfd *cpe, *vbr; /* each side's <bfd>, NULL when off */
	bool on_both;                     /* the session can come up; the numbers below are valid */
	uint32_t cpe_tx_ms, vbr_tx_ms;
	uint32_t cpe_detect_ms; /* how long the CPE waits before declaring down */
	uint32_t vbr_detect_ms;
	uint32_t detect_ms; /* the worse (larger) side */
};

/* BGP on one circuit (RFC 4271 4.2): the hold time is the smaller of both
 * sides' (0 = no hold timer); each side keeps alive at its configured
 * interval capped at a third of the negotiated hold time, or not at all
 * when either is 0 (ecrc_bgp_timers() in common/common.h). */
struct ecrc_bgp_session {
	uint32_t hold_s;
	uint32_t cpe_keepalive_s; /* 0: none (hold_s or the configured keepalive 0) */
	uint32_t vbr_keepalive_s;
};

/* A VPC and the path to it: VBR -> ECR -> VPC (tr NULL), VBR -> ECR -> TR
 * -> VPC, or, for a VBR attached to a transit router without an ECR,
 * VBR -> TR -> VPC (ecr and associate NULL). */
struct ecrc_vpc_reach {
	const struct ecrc_vpc *vpc;
	const struct ecrc_ecr *ecr;
	const struct ecrc_transit_router *tr;
	const struct ecrc_associate *associate; /* the ECR's <associate vpc= | transit-router=> */
	const struct ecrc_attach *attach;       /* the TR's <attach vpc=>, NULL when direct */
};

struct ecrc_ecmp_group;

struct ecrc_uplink_facts {
	const struct ecrc_uplink *uplink;
	const struct ecrc_vbr *vbr;    /* uplink->vbr, the loader's pairing, or NULL */
	const struct ecrc_ecr *ecr;    /* vbr->ecr, or NULL */
	uint32_t vbr_local_asn;        /* ecrc_vbr_local_asn(vbr); 0 without a VBR */
	struct ecrc_ecmp_group *group; /* NULL without an ECR */
	bool has_bgp_session;          /* <bgp> on the uplink and <bgp-peer> on its VBR */
	struct ecrc_bgp_session bgp;   /* valid when has_bgp_session */
	struct ecrc_bfd_session bfd;   /* valid when has_bgp_session */
	/* What the VBR receives, sorted by prefix, one per prefix (the first
	 * <advertise> wins); empty for an uplink without <bgp>. */
	const struct ecrc_route *routes;
	size_t n_routes;
	const struct ecrc_vpc_reach *reach;
	size_t n_reach; /* the VPCs its VBR reaches */
};

struct ecrc_survival;

/* A data center's uplinks whose VBRs associate with one ECR. */
struct ecrc_ecmp_group {
	const struct ecrc_datacenter *dc;
	const struct ecrc_ecr *ecr;
	const struct ecrc_uplink_facts **members;
	size_t n_members;
	const struct ecrc_ipnet *prefixes;
	size_t n_prefixes;                    /* union of the members' routes, sorted */
	const struct ecrc_survival *survival; /* survival.c: one element's failure, per kind */
};

struct ecrc_dc_facts {
	const struct ecrc_datacenter *dc;
	const struct ecrc_uplink_facts **uplinks;
	size_t n_uplinks; /* all of them */
	struct ecrc_ecmp_group *groups;
	size_t n_groups; /* one per ECR, in order of first uplink */
	const struct ecrc_vpc_reach *reach;
	size_t n_reach; /* each VPC once, first path */
};

struct ecrc_ecr_facts {
	const struct ecrc_ecr *ecr;
	const struct ecrc_vpc_reach *reach;
	size_t n_reach; /* each VPC once */
};

struct ecrc_vpc_facts {
	const struct ecrc_vpc *vpc;
	const struct ecrc_datacenter **dcs;
	size_t n_dcs; /* the data centers that reach it */
};

struct ecrc_facts_index;

struct ecrc_facts {
	const struct ecrc_design *design;
	struct ecrc_uplink_facts *uplinks;
	size_t n_uplinks;
	struct ecrc_dc_facts *dcs;
	size_t n_dcs;
	struct ecrc_ecr_facts *ecrs;
	size_t n_ecrs;
	struct ecrc_vpc_facts *vpcs;
	size_t n_vpcs;
	struct ecrc_facts_index *index; /* model node -> its facts */
};

/* Built on the first call and kept with the design: lint, emit and verify
 * share one set. */
const struct ecrc_facts *ecrc_facts_build(const struct ecrc_design *d);
/* Lookups by model node; NULL for a node not in the design. */
const struct ecrc_uplink_facts *ecrc_facts_uplink(const struct ecrc_facts *f, const struct ecrc_uplink *u);
const struct ecrc_dc_facts *ecrc_facts_dc(const struct ecrc_facts *f, const struct ecrc_datacenter *dc);
const struct ecrc_ecr_facts *ecrc_facts_ecr(const struct ecrc_facts *f, const struct ecrc_ecr *ecr);
const struct ecrc_vpc_facts *ecrc_facts_vpc(const struct ecrc_facts *f, const struct ecrc_vpc *vpc);
/* The route an uplink advertises for a prefix (network form), or NULL. */
const struct ecrc_route *ecrc_uplink_route(const struct ecrc_uplink_facts *uf, struct ecrc_ipnet prefix);
/* RFC 5880 arithmetic for a CPE <bfd> and a VBR <bfd> (either may be NULL). */
void ecrc_bfd_negotiate(const struct ecrc_bfd *cpe, const struct ecrc_bfd *vbr, struct ecrc_bfd_session *out);
/* RFC 4271 hold-time negotiation between an uplink's <bgp> and a <bgp-peer>. */
void ecrc_bgp_negotiate(const struct ecrc_bgp *cpe, const struct ecrc_bgp_peer *vbr,
                        struct ecrc_bgp_session *out);

/* ---- vswitch.c: what a VPC advertises ----------------------------------- */

/* One route a VPC originates: a vSwitch's CIDR (a system route of the
 * VPC), or, for a VPC written without <vswitch>, the placeholder standing
 * for its unknown vSwitches: each block's first /24, or the block itself
 * when it is longer (assumed = true). */
struct ecrc_vpc_route {
	struct ecrc_ipnet prefix;           /* network form */
	const struct ecrc_node *at;         /* the <vswitch>, or the block (<vpc> or <cidr>) */
	const struct ecrc_vswitch *vswitch; /* NULL for a placeholder */
	bool assumed;
};

/* How many routes ecrc_vpc_routes() writes for the VPC. */
size_t ecrc_vpc_n_routes(const struct ecrc_vpc *vpc);
/* Writes the VPC's routes in document order; returns their count. */
size_t ecrc_vpc_routes(const struct ecrc_vpc *vpc, struct ecrc_vpc_route *out);

/* ---- survival.c: a redundancy group against one element's failure ------ */

/* The kinds of shared-risk element, finest first within each side. */
enum ecrc_risk_kind {
	ECRC_RISK_CPE,
	ECRC_RISK_PORT,
	ECRC_RISK_CONNECTION,
	ECRC_RISK_DEVICE,
	ECRC_RISK_ACCESS_POINT,
	ECRC_RISK__COUNT
};
enum ecrc_risk_why {
	ECRC_RISK_LOSES_ALL,    /* every path of the group rides the element */
	ECRC_RISK_LOSES_PREFIX, /* every path for `prefix` rides it */
	ECRC_RISK_SINGLE_PATH,  /* active-active: one path left where a better spread exists */
};
/* One element whose failure the group does not survive. */
struct ecrc_risk {
	enum ecrc_risk_why why;
	const struct ecrc_ipnet *prefix; /* LOSES_PREFIX */
	const struct ecrc_uplink_facts **members;
	size_t n_members;  /* the paths it takes, group order */
	size_t remaining;  /* paths of the group left */
	size_t n_elements; /* distinct elements of the kind the group rides */
	bool shadowed;     /* a finer kind has the same finding: report that one */
};
struct ecrc_risk_list {
	struct ecrc_risk *v;
	size_t n;
};
struct ecrc_survival {
	struct ecrc_risk_list risks[ECRC_RISK__COUNT];
};
/* Built by the facts, once per group, in the design's arena. */
const struct ecrc_survival *ecrc_survival_build(struct ecrc_arena *a, const struct ecrc_ecmp_group *g);
const char *ecrc_risk_kind_name(enum ecrc_risk_kind k);
/* "CPE cpe1", "port Gi0/0/1 of CPE cpe1", "physical connection pc-bj-1", ... */
const char *ecrc_risk_element(const struct ecrc_risk *r, enum ecrc_risk_kind k, char *buf, size_t len);

/* ---- the rule framework (rule.c) -------------------------------------- */

struct ecrc_check;

struct ecrc_rule {
	const char *id;
	enum ecrc_severity severity;
	const char *summary;                  /* one line, for `ecrc rules` and SARIF */
	bool frontend;                        /* reported by the loader; cannot be disabled */
	void (*check)(struct ecrc_check *ck); /* NULL for front-end rules */
	/* NULL: a lint rule. Else the subcommand that reports it ("check" for
	 * the drift-* rules, check/check.c); lint never runs it. */
	const char *command;
};

struct ecrc_check {
	const struct ecrc_design *design;
	const struct ecrc_lint_options *opt; /* never NULL */
	const struct ecrc_facts *facts;
	const struct ecrc_rule *rule;
	struct ecrc_diags *diags;
};

/* Report a finding of ck->rule at a node, at the rule's default severity. */
struct ecrc_finding *ecrc_report(struct ecrc_check *ck, const struct ecrc_node *at, const char *fmt, ...)
    ECRC_PRINTF(3, 4);
struct ecrc_finding *ecrc_report_sev(struct ecrc_check *ck, enum ecrc_severity sev,
                                     const struct ecrc_node *at, const char *fmt, ...) ECRC_PRINTF(4, 5);
/* Add a note to a finding, pointing at another element involved. */
void ecrc_report_note(struct ecrc_check *ck, struct ecrc_finding *f, const struct ecrc_node *at,
                      const char *fmt, ...) ECRC_PRINTF(4, 5);
/* A redundancy rule's finding for a survival risk (survival.c), at `at`,
 * with notes at the other members; `advice` ends the message. */
struct ecrc_finding *ecrc_risk_report(struct ecrc_check *ck, const struct ecrc_ecmp_group *g,
                                      const struct ecrc_risk *r, enum ecrc_risk_kind k,
                                      const struct ecrc_node *at, const char *advice);
/* The location of attribute `name` of a node (the node's own when unknown). */
struct ecrc_loc ecrc_attr_loc(const struct ecrc_node *n, const char *name);
bool ecrc_attr_set(const struct ecrc_node *n, const char *name);

/* The table, generated from the file names in rules/ into the build tree
 * (rule_table.c, by cmake/rule_table.cmake). */
extern const struct ecrc_rule *const ecrc_rules[];
extern const size_t ecrc_rules_count;
const struct ecrc_rule *ecrc_rule_find(const char *id);
/* The rule's page, docs/rules/ID.md, embedded at build time (NULL if none). */
const char *ecrc_rule_doc(const char *id);

/* ---- lint.c: the driver ---------------------------------------------- */

struct ecrc_lint_options {
	const char *const *disable;
	size_t n_disable; /* --disable */
	const char *const *enable_only;
	size_t n_enable_only;        /* --enable-only (0 = all) */
	const char *vendor_override; /* emit --vendor: judge every CPE as this vendor */
};

/* Runs every enabled rule over a loaded design, applies inline and
 * design-wide suppressions, and reports suppression-unused. */
void ecrc_lint_design(const struct ecrc_design *d, const struct ecrc_lint_options *opt,
                      struct ecrc_diags *diags);
bool ecrc_rule_enabled(const struct ecrc_lint_options *opt, const char *id);

/* ---- report.c: text, JSON, SARIF, JUnit -------------------------------- */

enum ecrc_format { ECRC_FMT_TEXT, ECRC_FMT_JSON, ECRC_FMT_SARIF, ECRC_FMT_JUNIT };

struct ecrc_report_design {
	const char *file;
	const struct ecrc_diags *diags; /* sorted */
};

struct ecrc_report_options {
	enum ecrc_format format;
	bool color;
	bool werror;
	/* The rule selection the designs were linted with (JUnit lists a
	 * testcase per rule evaluated); NULL: every rule. */
	const struct ecrc_lint_options *lint;
};

/* Writes the report; returns 0, or -1 on a write error (errno set). */
int ecrc_report_write(FILE *out, const struct ecrc_report_design *designs, size_t n,
                      const struct ecrc_report_options *opt);
bool ecrc_parse_format(const char *s, enum ecrc_format *out);

#endif
