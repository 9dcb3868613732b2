/*
 * reader.h: what the backends' config readers share. A reader parses the
 * subset of its platform's language that render() emits; it records what it
 * finds in a struct ecrc_rd (interfaces, static anchors, named prefix lists,
 * named policies, BGP peers with the names of their policies), and
 * ecrc_rd_finish() resolves the names into a fresh IR. Errors are
 * "line N: ..." and stop the read. Used by the junos, vrp, comware and eos
 * backends; any backend may use it.
 */
#ifndef ECRC_VENDORS_READER_H
#define ECRC_VENDORS_READER_H

#include "vendors/vendor.h"

/* ---- one line of a line-oriented config (VRP, Comware, EOS, IOS) -------- */

struct ecrc_rd_line {
	uint32_t no;      /* 1-based line number in the text */
	unsigned indent;  /* leading blanks */
	const char *text; /* the line without leading and trailing blanks */
	char **w;         /* the words */
	size_t *off;      /* offset of each word in text (for "the rest of the line") */
	size_t n;
};

/* Splits text into lines of words. Blank lines and lines whose first word
 * starts with one of the characters in `comment` are dropped ("#" on VRP
 * and Comware, "!" on EOS: comments and section separators alike). */
void ecrc_rd_split(const char *text, size_t len, const char *comment, struct ecrc_arena *a,
                   struct ecrc_rd_line **lines, size_t *n);
/* The text of the line from word i on (i < l->n). */
const char *ecrc_rd_rest(const struct ecrc_rd_line *l, size_t i);
/* Words equal to the NULL-terminated list, exactly. */
bool ecrc_rd_is(const struct ecrc_rd_line *l, size_t from, const char *const *words);

/* ---- what a reader collects ---------------------------------------------- */

/* An interface as the reader found it: the IR interface plus the BFD
 * intervals set on the interface (Comware, EOS), which belong to the
 * neighbor that runs over it. */
struct ecrc_rd_iface {
	struct ecrc_ir_iface ir;
	uint32_t line;
	bool has_address;
	bool has_bfd;
	uint32_t bfd_line;
	uint32_t bfd_min_tx_ms, bfd_min_rx_ms, bfd_multiplier;
};

struct ecrc_rd_plist {
	const char *name;
	uint32_t line;
	struct ecrc_ir_prefix_entry *e;
	uint32_t *index; /* the entry's index/sequence number, to sort by */
	size_t n, cap;
};

/* One node/term/sequence of a route policy. A permit term matches one
 * prefix list by name (VRP, Comware, EOS, Junos export) or carries its own
 * route filters (Junos import); a deny term matches nothing and rejects the
 * rest. */
struct ecrc_rd_term {
	uint32_t line;
	uint32_t seq; /* node / sequence number; terms are sorted by it */
	bool deny;
	const char *match; /* prefix list name, or NULL */
	uint32_t match_line;
	struct ecrc_ir_prefix_entry *filters;
	size_t n_filters, cap_filters;
	uint32_t *prepend;
	size_t n_prepend;
	bool has_med;
	uint32_t med;
	bool has_origin;
	enum ecrc_ir_origin origin;
	bool sets_something; /* any action besides permit/deny and local-preference */
	bool has_local_pref;
	uint32_t local_pref; /* import policies only */
};

struct ecrc_rd_policy {
	const char *name;
	uint32_t line;
	struct ecrc_rd_term *t;
	size_t n, cap;
	/* Junos: the import list name carried by the term names */
	const char *list_name;
};

struct ecrc_rd_peer {
	struct ecrc_ir_neighbor ir;
	uint32_t line; /* where the peer first appears */
	bool has_remote_as;
	bool bfd_enabled;    /* "peer X bfd enable", "neighbor X bfd" */
	bool has_bfd_timers; /* timers set on the peer itself (VRP, Junos) */
	const char *import_name, *export_name;
	uint32_t import_line, export_line;
};

struct ecrc_rd {
	struct ecrc_arena *arena;
	char *err;
	size_t errlen;
	const char *hostname;
	uint32_t asn;
	bool has_asn;
	uint32_t router_id;
	bool has_router_id;
	uint32_t maximum_paths; /* 0: not set; the platform's default is one path */
	/* The platform's BGP timers when a peer sets none (0/0: 30/90). Most
	 * platforms default to 60/180, Junos to 30/90. */
	uint32_t default_keepalive_s, default_hold_s;
	struct ecrc_rd_iface *ifaces;
	size_t n_ifaces, cap_ifaces;
	struct ecrc_ir_static *statics;
	size_t n_statics, cap_statics;
	uint32_t *static_lines; /* parallel to statics (0: not known) */
	/* "network P" statements, for the anchor check (ecrc_rd_network_add) */
	struct ecrc_ipnet *networks;
	size_t n_networks, cap_networks;
	uint32_t *network_lines;
	size_t cap_network_lines;
	bool uses_networks; /* set by the reader: the platform originates with them */
	struct ecrc_rd_plist *plists;
	size_t n_plists, cap_plists;
	struct ecrc_rd_policy *policies;
	size_t n_policies, cap_policies;
	struct ecrc_rd_peer *peers;
	size_t n_peers, cap_peers;
};

void ecrc_rd_init(struct ecrc_rd *rd, struct ecrc_arena *a, char *err, size_t errlen);
/* Writes "line N: message" into the error buffer and returns -1. */
int ecrc_rd_fail(struct ecrc_rd *rd, uint32_t line, const char *fmt, ...) ECRC_PRINTF(3, 4);
/* Grows an arena array of n elements to hold one more; returns the array. */
void *ecrc_rd_grow(struct ecrc_arena *a, void *p, size_t *cap, size_t n, size_t elem);

struct ecrc_rd_iface *ecrc_rd_iface_add(struct ecrc_rd *rd, const char *parent, uint32_t vlan, uint32_t line);
struct ecrc_rd_iface *ecrc_rd_iface_find(struct ecrc_rd *rd, const char *parent, uint32_t vlan);
void ecrc_rd_static_add(struct ecrc_rd *rd, struct ecrc_ipnet prefix); /* a discard route */
/* A static route, discard or via a next hop, and the line it is on. */
void ecrc_rd_static_at(struct ecrc_rd *rd, struct ecrc_ipnet prefix, bool has_next_hop, uint32_t next_hop,
                       uint32_t line);
/* A "network P" statement of the BGP process. When a reader records any,
 * (and sets uses_networks), ecrc_rd_finish checks that each has its discard
 * anchor and each discard route its network statement. */
void ecrc_rd_network_add(struct ecrc_rd *rd, struct ecrc_ipnet prefix, uint32_t line);
/* Find or create by name. */
struct ecrc_rd_plist *ecrc_rd_plist_get(struct ecrc_rd *rd, const char *name, uint32_t line);
void ecrc_rd_plist_add(struct ecrc_rd *rd, struct ecrc_rd_plist *pl, uint32_t index, struct ecrc_ipnet prefix,
                       uint8_t ge, uint8_t le);
struct ecrc_rd_policy *ecrc_rd_policy_get(struct ecrc_rd *rd, const char *name, uint32_t line);
/* Find or create the term with this sequence number. */
struct ecrc_rd_term *ecrc_rd_term_get(struct ecrc_rd *rd, struct ecrc_rd_policy *p, uint32_t seq,
                                      uint32_t line);
void ecrc_rd_term_filter(struct ecrc_rd *rd, struct ecrc_rd_term *t, struct ecrc_ipnet prefix, uint8_t ge,
                         uint8_t le);
struct ecrc_rd_peer *ecrc_rd_peer_get(struct ecrc_rd *rd, uint32_t address, uint32_t line);

/* Parsers for the values every language writes the same way. */
bool ecrc_rd_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out);
/* A dotted netmask with contiguous ones ("255.255.255.252") to its length. */
bool ecrc_rd_netmask(const char *s, uint8_t *len);
/* The BGP peer statements Huawei VRP and H3C Comware share: "peer A
 * as-number N", "description", "password KW KEY", "timer keepalive K hold H"
 * (hold at least hold_min), "enable", "route-policy NAME import|export",
 * "route-limit N [PERCENT] [RESTART_KW T]" (T in units of restart_unit_s
 * seconds). Returns 0 when read, -1 on an error (in rd), 1 when the line is
 * none of them; *peer is the peer the line is about. */
int ecrc_rd_huawei_peer(struct ecrc_rd *rd, const struct ecrc_rd_line *l, const char *password_kw,
                        const char *restart_kw, uint32_t restart_unit_s, uint32_t hold_min,
                        struct ecrc_rd_peer **peer);
/* Policy actions: word i is "igp" or "incomplete"; a MED at word i; a
 * LOCAL_PREF at word i. */
int ecrc_rd_term_local_pref(struct ecrc_rd *rd, const struct ecrc_rd_line *l, size_t i,
                            struct ecrc_rd_term *t);
int ecrc_rd_term_origin(struct ecrc_rd *rd, const struct ecrc_rd_line *l, size_t i, struct ecrc_rd_term *t);
int ecrc_rd_term_med(struct ecrc_rd *rd, const struct ecrc_rd_line *l, size_t i, struct ecrc_rd_term *t);
/* Word i of a line is w. */
bool ecrc_rd_word_is(const struct ecrc_rd_line *l, size_t i, const char *w);
/* Word i is a number in [min, max]; else fails with the line. */
int ecrc_rd_u32_at(struct ecrc_rd *rd, const struct ecrc_rd_line *l, size_t i, uint32_t min, uint32_t max,
                   uint32_t *out);
/* Words i, i+1 are "A MASK" or "A LEN"; else fails with the line. */
int ecrc_rd_net_at(struct ecrc_rd *rd, const struct ecrc_rd_line *l, size_t i, struct ecrc_ipnet *p);
/* From word i to the end: [greater-equal N] [less-equal M] after a prefix of
 * length len (the Huawei-family prefix-list tail). Out: the IR's ge/le (0/0
 * for the exact prefix). `what` names the entry in messages. */
int ecrc_rd_ge_le_at(struct ecrc_rd *rd, const struct ecrc_rd_line *l, size_t i, uint8_t len,
                     const char *what, uint32_t *ge, uint32_t *le);

/* Resolves the names and checks the whole: every peer has a remote AS, an
 * import and an export policy that exist, an interface whose subnet holds
 * its address; every policy ends in its one deny term; import policies set
 * nothing; each network statement has its discard anchor. A config
 * without a BGP process (static routing only) has no peers. Fills a fresh
 * IR (timers_default when the timers are 30/90, the design's default; the
 * platform's default timers when a peer sets none; an empty import list
 * goes by its policy's name). The header
 * fields (id, design, digest, forced) are the caller's, from
 * ecrc_vendor_read_header. */
int ecrc_rd_finish(struct ecrc_rd *rd, struct ecrc_ir_cpe **out);
/* Copies the header fields ecrc_vendor_read_header() found into cpe. */
void ecrc_rd_take_header(struct ecrc_ir_cpe *cpe, const struct ecrc_ir_cpe *hdr);

#endif
