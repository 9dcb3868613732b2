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
	size_t md5_key_max;          /* characters */
	uint32_t hold_min_s;         /* a non-zero hold time below this is refused */
	bool keepalive_within_hold;  /* keepalive <= hold, and 0 exactly when hold is 0 */
	uint32_t max_prefixes_max;   /* the largest maximum-prefix limit */
};

struct ecrc_vendor {
	const char *name;            /* registry name: "cisco-iosxe" */
	const char *display;         /* "Cisco IOS-XE" */
	const char *ext;             /* file name suffix: ".ios" */
	const char *comment;         /* line comment leader: "!" */
	/* PCRE2 pattern an interface name of this platform matches (anchored
	 * by the caller), and an example for messages. */
	const char *iface_pattern;
	const char *iface_example;
	/* Render one CPE. Appends to out; returns 0 (rendering cannot fail on a
	 * valid IR). */
	int (*render)(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out);
	/* Read back the subset render() emits into a fresh IR allocated from
	 * arena. Returns 0, or -1 with a message "line N: ..." in err. */
	int (*read)(const char *text, size_t len, struct ecrc_arena *arena, struct ecrc_ir_cpe **out, char *err,
		    size_t errlen);
	const struct ecrc_vendor_limits *limits; /* NULL: none beyond the format's */
};

/* registry.c */
extern const struct ecrc_vendor *const ecrc_vendors[];
extern const size_t ecrc_vendors_count;
const struct ecrc_vendor *ecrc_vendor_find(const char *name);
/* True when iface looks like the vendor's naming (PCRE2, compiled once). */
bool ecrc_vendor_iface_ok(const struct ecrc_vendor *v, const char *iface);

/* The backends, one per directory under vendors/ */
extern const struct ecrc_vendor ecrc_vendor_cisco_iosxe;
extern const struct ecrc_vendor ecrc_vendor_juniper_junos;
extern const struct ecrc_vendor ecrc_vendor_huawei_vrp;
extern const struct ecrc_vendor ecrc_vendor_h3c_comware;
extern const struct ecrc_vendor ecrc_vendor_arista_eos;
extern const struct ecrc_vendor ecrc_vendor_frr;
extern const struct ecrc_vendor ecrc_vendor_bird;

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
			   void (*put)(const struct ecrc_ir_prefix_list *l, struct ecrc_buf *out), const char *after,
			   struct ecrc_buf *out);
/* True when an earlier neighbor than n uses a policy of this name. */
bool ecrc_ir_policy_seen(const struct ecrc_ir_cpe *cpe, size_t n, const char *name);
/* Reads the header ecrc_vendor_header() wrote (lines starting with the
 * vendor's comment leader, anywhere before the first non-comment line):
 * sets cpe->id, vendor, design_name, design_sha256 and forced. Returns 0, or
 * -1 with "line N: ..." in err when there is no ecrc header line. */
int ecrc_vendor_read_header(const struct ecrc_vendor *v, const char *text, size_t len, struct ecrc_arena *a,
			    struct ecrc_ir_cpe *cpe, char *err, size_t errlen);
/* True when an MD5 key is the --redact-secrets placeholder. */
bool ecrc_vendor_key_redacted(const char *key);
/* A prefix-list entry's range in the Cisco style shared by IOS-XE, FRR,
 * EOS and Comware (" ge 24", " le 16", " ge 20 le 24"; nothing for an exact
 * entry): ge is written when it exceeds the length, le when it is below 32
 * or ge is not written, since those platforms insist on len < ge <= le. */
void ecrc_vendor_put_range(const struct ecrc_ir_prefix_entry *e, struct ecrc_buf *out);
/* The IR range of such an entry as read: ge defaults to the length, le to
 * 32; neither given is the exact prefix (ge = le = 0). */
void ecrc_vendor_range(uint8_t len, bool has_ge, uint32_t ge, bool has_le, uint32_t le, uint8_t *out_ge,
		       uint8_t *out_le);

/* iproute2.c: the Linux backends (FRR, BIRD) leave VLAN devices to the
 * kernel. They write the iproute2 commands that create them as a comment
 * block ("#   ip link add link eth1 name eth1.1308 type vlan id 1308") and
 * read it back. */
struct ecrc_vendor_link {
	const char *name;            /* "eth1.1308" */
	const char *parent;          /* NULL until an "ip link add" line names it */
	uint32_t vlan, mtu;          /* mtu 1500 unless set */
	bool has_address;
	struct ecrc_ipnet address;
	const char *alias;           /* the description, or NULL */
	uint32_t line;               /* where the device first appears */
	bool up;                     /* an "ip link set dev NAME mtu N up" line */
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
int ecrc_cisco_read_neighbor(struct ecrc_rd *rd, const struct ecrc_rd_line *l, bool af, uint32_t max_prefixes_max,
			     struct ecrc_rd_peer **peer);

#endif
