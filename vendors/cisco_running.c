/*
 * cisco_running.c: the running-config reader of the Cisco-style family:
 * Cisco IOS-XE and Arista EOS `show running-config`, FRR `show
 * running-config` (vtysh) or frr.conf. One reader with three dialects: the
 * blocks are found by indentation (IOS one space, EOS three, FRR one with
 * "exit" lines), so every dialect's layout reads the same way.
 *
 * Reads: hostname; interfaces (description, "ip address A M" or A/L,
 * "encapsulation dot1Q N" / "encapsulation dot1q vlan N", mtu / ip mtu,
 * "bfd interval T min_rx|min-rx R multiplier M", shutdown); static routes
 * ("ip route P Null0|blackhole|reject|NEXT-HOP"); prefix lists (with or
 * without seq, ge/le); route-maps (match ip address prefix-list, set
 * as-path prepend, set metric, set origin; other matches make a term that
 * matches no design route); FRR's bfd profiles; router bgp (router-id,
 * maximum-paths, timers bgp, network, redistribute static, neighbors and
 * peer groups, IOS peer-session/peer-policy templates and inherit, remote-as,
 * local-as, description, password in every rendered form (0, 7, plain),
 * timers, bfd / fall-over bfd / bfd profile, route-map and prefix-list in
 * and out, maximum-prefix / maximum-routes, shutdown), both outside and
 * inside "address-family ipv4 [unicast]".
 *
 * Skips: every other top-level stanza (version, service, aaa, username,
 * snmp-server, logging, ntp, line, vrf definitions, access-lists, banner,
 * spanning-tree, management, crypto, license, ...), "address-family ipv6"
 * and VRF address families, static routes in a VRF, and the neighbor
 * statements that do not change what the design decides (activate,
 * send-community, soft-reconfiguration, update-source, next-hop-self,
 * version, capability, ...). Any other statement inside an interface, a
 * neighbor or group, or a route-map is recorded as not understood: check/
 * reports it when it belongs to the uplink. Sources: docs/check.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendors/reader.h"

enum dialect { IOS, EOS, FRR };

/* A peer group, template or neighbor, with what it inherits from. */
struct cnode {
	const char *name; /* the address text, group or template name */
	bool is_neighbor;
	struct ecrc_run_neighbor nb;
	const char *parents[4];
	size_t n_parents;
	const char *bfd_profile; /* FRR "neighbor X bfd profile P" */
	uint32_t bfd_profile_line;
};

struct bfd_profile {
	const char *name;
	uint32_t line, tx, rx, mult;
	uint32_t tx_line, rx_line, mult_line;
};

struct creader {
	enum dialect d;
	struct ecrc_running *r;
	struct cnode *nodes;
	size_t n_nodes, cap_nodes;
	struct bfd_profile *profiles;
	size_t n_profiles, cap_profiles;
	uint32_t timers_k, timers_h, timers_line; /* "timers bgp K H" */
	const char *foreign;                      /* a statement of another dialect, for the error */
	uint32_t foreign_line;
};

static struct cnode *node_get(struct creader *c, const char *name, bool is_neighbor, uint32_t line)
{
	for (size_t i = 0; i < c->n_nodes; i++)
		if (strcmp(c->nodes[i].name, name) == 0)
			return &c->nodes[i];
	c->nodes = ecrc_rd_grow(c->r->arena, c->nodes, &c->cap_nodes, c->n_nodes, sizeof *c->nodes);
	struct cnode *n = &c->nodes[c->n_nodes++];
	memset(n, 0, sizeof *n);
	n->name = ecrc_arena_strdup(c->r->arena, name);
	n->is_neighbor = is_neighbor;
	n->nb.line = line;
	return n;
}

static void add_parent(struct cnode *n, const char *parent)
{
	for (size_t i = 0; i < n->n_parents; i++)
		if (strcmp(n->parents[i], parent) == 0)
			return;
	if (n->n_parents < sizeof n->parents / sizeof n->parents[0])
		n->parents[n->n_parents++] = parent;
}

static bool words_are(const struct ecrc_rd_line *l, size_t from, const char *a, const char *b)
{
	return l->n > from && strcmp(l->w[from], a) == 0 &&
	       (!b || (l->n > from + 1 && strcmp(l->w[from + 1], b) == 0));
}

/* "A M" (IOS) or "A/L" (EOS, FRR) at word i; *used: words taken. */
static bool parse_addr(const struct ecrc_rd_line *l, size_t i, struct ecrc_ipnet *p, size_t *used,
                       bool *masked)
{
	*masked = false;
	if (i >= l->n)
		return false;
	if (strchr(l->w[i], '/')) {
		*used = 1;
		return ecrc_parse_ipnet(l->w[i], p);
	}
	uint8_t len;
	if (i + 1 < l->n && ecrc_parse_ipv4(l->w[i], &p->addr) && ecrc_rd_netmask(l->w[i + 1], &len)) {
		p->len = len;
		*used = 2;
		*masked = true;
		return true;
	}
	return false;
}

static void note_foreign(struct creader *c, const struct ecrc_rd_line *l)
{
	if (!c->foreign) {
		c->foreign = l->text;
		c->foreign_line = l->no;
	}
}

/* ---- interfaces -------------------------------------------------------------- */

static void split_port(struct creader *c, struct ecrc_run_iface *f)
{
	const char *dot = strrchr(f->name, '.');
	uint32_t v;
	if (dot && ecrc_rd_u32(dot + 1, 1, 4094, &v)) {
		f->parent = ecrc_arena_strndup(c->r->arena, f->name, (size_t)(dot - f->name));
		/* FRR names the VLAN device PORT.VLAN (the convention ecrc emits;
		 * docs/check.md): the VLAN comes from the name */
		if (c->d == FRR) {
			f->vlan = v;
			f->vlan_line = f->line;
		}
	}
}

static void iface_line(struct creader *c, struct ecrc_run_iface *f, const struct ecrc_rd_line *l)
{
	struct ecrc_running *r = c->r;
	struct ecrc_ipnet p;
	size_t used;
	bool masked;
	uint32_t v, a, b, m;
	const char *w0 = l->w[0];

	if (strcmp(w0, "description") == 0 && l->n >= 2) {
		f->description = ecrc_arena_strdup(r->arena, ecrc_rd_rest(l, 1));
	} else if (words_are(l, 0, "ip", "address") && parse_addr(l, 2, &p, &used, &masked)) {
		if (masked != (c->d == IOS))
			note_foreign(c, l);
		if (l->n == 2 + used) {
			f->has_address = true;
			f->address = p;
			f->address_line = l->no;
		} else if (!(l->n == 3 + used && strcmp(l->w[2 + used], "secondary") == 0))
			ecrc_running_unknown(r, ECRC_RUN_IFACE, f->name, l->no, l->text);
	} else if (words_are(l, 0, "no", "ip") && l->n == 3 && strcmp(l->w[2], "address") == 0) {
		f->has_address = false;
	} else if (words_are(l, 0, "encapsulation", NULL) && l->n >= 2 &&
	           (strcmp(l->w[1], "dot1Q") == 0 || strcmp(l->w[1], "dot1q") == 0)) {
		bool eos_form = l->n >= 4 && strcmp(l->w[2], "vlan") == 0;
		if (eos_form != (c->d == EOS) || c->d == FRR)
			note_foreign(c, l);
		size_t i = eos_form ? 3 : 2;
		if (i < l->n && ecrc_rd_u32(l->w[i], 1, 4094, &v) &&
		    (l->n == i + 1 || (l->n == i + 2 && strcmp(l->w[i + 1], "native") == 0))) {
			f->vlan = v;
			f->vlan_line = l->no;
		} else
			ecrc_running_unknown(r, ECRC_RUN_IFACE, f->name, l->no, l->text);
	} else if ((l->n == 2 && strcmp(w0, "mtu") == 0 && ecrc_rd_u32(l->w[1], 64, 65535, &v)) ||
	           (l->n == 3 && words_are(l, 0, "ip", "mtu") && ecrc_rd_u32(l->w[2], 64, 65535, &v))) {
		/* IOS: "ip mtu" on the sub-interface is the one that counts */
		if (!f->mtu_line || strcmp(w0, "ip") == 0) {
			f->mtu = v;
			f->mtu_line = l->no;
		}
	} else if (l->n == 7 && words_are(l, 0, "bfd", "interval") && ecrc_rd_u32(l->w[2], 1, 999999, &a) &&
	           (strcmp(l->w[3], "min_rx") == 0 || strcmp(l->w[3], "min-rx") == 0) &&
	           ecrc_rd_u32(l->w[4], 1, 999999, &b) && strcmp(l->w[5], "multiplier") == 0 &&
	           ecrc_rd_u32(l->w[6], 1, 255, &m)) {
		f->has_bfd = true;
		f->bfd_min_tx_ms = a;
		f->bfd_min_rx_ms = b;
		f->bfd_multiplier = m;
		f->bfd_line = l->no;
	} else if (strcmp(w0, "shutdown") == 0 || (words_are(l, 0, "no", NULL) && l->n >= 2) ||
	           strcmp(w0, "negotiation") == 0 || strcmp(w0, "load-interval") == 0 ||
	           strcmp(w0, "cdp") == 0 || strcmp(w0, "switchport") == 0 || strcmp(w0, "speed") == 0 ||
	           strcmp(w0, "duplex") == 0 || strcmp(w0, "logging") == 0 ||
	           strcmp(w0, "service-policy") == 0 || strcmp(w0, "arp") == 0 ||
	           strcmp(w0, "link-detect") == 0 || strcmp(w0, "media-type") == 0 ||
	           strcmp(w0, "channel-group") == 0 || strcmp(w0, "storm-control") == 0 ||
	           words_are(l, 0, "ip", "access-group") || words_are(l, 0, "ip", "ospf") ||
	           words_are(l, 0, "ip", "verify") || words_are(l, 0, "ipv6", NULL) ||
	           words_are(l, 0, "lldp", NULL) || words_are(l, 0, "bfd", "echo")) {
		if (strcmp(w0, "shutdown") == 0)
			ecrc_running_unknown(r, ECRC_RUN_IFACE, f->name, l->no, l->text);
		/* the rest: port settings that do not change what the design decides */
	} else
		ecrc_running_unknown(r, ECRC_RUN_IFACE, f->name, l->no, l->text);
}

/* ---- BFD profiles (FRR) ---------------------------------------------------- */

static void bfd_line(struct creader *c, struct bfd_profile **cur, unsigned *prof_indent,
                     const struct ecrc_rd_line *l)
{
	uint32_t v;
	if (l->n == 2 && strcmp(l->w[0], "profile") == 0) {
		c->profiles = ecrc_rd_grow(c->r->arena, c->profiles, &c->cap_profiles, c->n_profiles,
		                           sizeof *c->profiles);
		*cur = &c->profiles[c->n_profiles++];
		/* bfdd's defaults: 300 ms, multiplier 3 */
		**cur = (struct bfd_profile){.name = l->w[1], .line = l->no, .tx = 300, .rx = 300, .mult = 3};
		*prof_indent = l->indent;
		return;
	}
	if (!*cur || l->indent <= *prof_indent) {
		*cur = NULL; /* "peer" blocks and the rest of bfdd: not ours */
		return;
	}
	if (l->n == 2 && strcmp(l->w[0], "transmit-interval") == 0 && ecrc_rd_u32(l->w[1], 1, 60000, &v)) {
		(*cur)->tx = v;
		(*cur)->tx_line = l->no;
	} else if (l->n == 2 && strcmp(l->w[0], "receive-interval") == 0 &&
	           ecrc_rd_u32(l->w[1], 1, 60000, &v)) {
		(*cur)->rx = v;
		(*cur)->rx_line = l->no;
	} else if (l->n == 2 && strcmp(l->w[0], "detect-multiplier") == 0 &&
	           ecrc_rd_u32(l->w[1], 1, 255, &v)) {
		(*cur)->mult = v;
		(*cur)->mult_line = l->no;
	}
}

/* ---- route-maps ---------------------------------------------------------------- */

static void rmap_line(struct creader *c, struct ecrc_run_policy *p, struct ecrc_run_term *t,
                      const struct ecrc_rd_line *l)
{
	struct ecrc_running *r = c->r;
	uint32_t v;
	if (words_are(l, 0, "match", "ip") && l->n >= 5 && strcmp(l->w[2], "address") == 0 &&
	    strcmp(l->w[3], "prefix-list") == 0) {
		t->match = ecrc_arena_strdup(r->arena, l->w[4]);
		t->match_line = l->no;
		if (l->n > 5) /* several lists: any of them; ecrc reads one */
			ecrc_running_unknown(r, ECRC_RUN_POLICY, p->name, l->no, l->text);
	} else if (words_are(l, 0, "match", NULL)) {
		t->match_other = true;
	} else if (words_are(l, 0, "set", "as-path") && l->n >= 4 && strcmp(l->w[2], "prepend") == 0) {
		uint32_t *v2 = ecrc_arena_alloc(r->arena, (l->n - 3) * sizeof *v2);
		size_t n = 0;
		for (size_t i = 3; i < l->n; i++)
			if (ecrc_parse_asn(l->w[i], &v2[n]))
				n++;
		if (n != l->n - 3) {
			ecrc_running_unknown(r, ECRC_RUN_POLICY, p->name, l->no, l->text);
			return;
		}
		t->prepend = v2;
		t->n_prepend = n;
		t->prepend_line = l->no;
	} else if (l->n == 3 && words_are(l, 0, "set", "metric") &&
	           ecrc_rd_u32(l->w[2], 0, 4294967295u, &v)) {
		t->has_med = true;
		t->med = v;
		t->med_line = l->no;
	} else if (l->n == 3 && words_are(l, 0, "set", "origin") &&
	           (strcmp(l->w[2], "igp") == 0 || strcmp(l->w[2], "incomplete") == 0)) {
		t->has_origin = true;
		t->origin = strcmp(l->w[2], "igp") == 0 ? ECRC_IR_ORIGIN_IGP : ECRC_IR_ORIGIN_INCOMPLETE;
		t->origin_line = l->no;
	} else if (words_are(l, 0, "description", NULL) || words_are(l, 0, "set", "community") ||
	           words_are(l, 0, "set", "local-preference") || words_are(l, 0, "set", "tag")) {
		/* no effect on what the design decides toward the VBR */
	} else
		ecrc_running_unknown(r, ECRC_RUN_POLICY, p->name, l->no, l->text);
}

/* ---- router bgp ------------------------------------------------------------------ */

static bool is_addr(const char *s, uint32_t *a)
{
	return ecrc_parse_ipv4(s, a);
}

/* The neighbor statements that do not change what the design decides. */
static const char *const harmless_nb[] = {"activate",
                                          "send-community",
                                          "soft-reconfiguration",
                                          "update-source",
                                          "next-hop-self",
                                          "version",
                                          "capability",
                                          "advertisement-interval",
                                          "log-neighbor-changes",
                                          "disable-connected-check",
                                          "graceful-restart",
                                          "additional-paths",
                                          "ttl-security",
                                          "ebgp-multihop",
                                          "dont-capability-negotiate",
                                          "enforce-first-as",
                                          "timers-connect",
                                          "idle-restart-time",
                                          "remove-private-as",
                                          "send-label",
                                          "next-hop-unchanged",
                                          NULL};

static bool harmless(const char *w)
{
	for (size_t i = 0; harmless_nb[i]; i++)
		if (strcmp(harmless_nb[i], w) == 0)
			return true;
	return false;
}

static void neighbor_line(struct creader *c, const struct ecrc_rd_line *l, size_t base)
{
	struct ecrc_running *r = c->r;
	/* base: index of "neighbor" (IOS templates drop it: base = SIZE_MAX) */
	uint32_t addr = 0, v, v2;
	const char *who = l->w[base + 1];
	bool is_nb = is_addr(who, &addr);
	size_t i = base + 2;
	if (i >= l->n) {
		ecrc_running_unknown(r, ECRC_RUN_BGP, NULL, l->no, l->text);
		return;
	}
	const char *kw = l->w[i];
	size_t rest = l->n - i - 1; /* words after the keyword */
	/* a group's definition: "neighbor NAME peer-group" / "peer group" */
	if (!is_nb && ((strcmp(kw, "peer-group") == 0 && rest == 0) ||
	               (strcmp(kw, "peer") == 0 && rest == 1 && strcmp(l->w[i + 1], "group") == 0))) {
		node_get(c, who, false, l->no);
		return;
	}
	struct cnode *n = node_get(c, who, is_nb, l->no);
	struct ecrc_run_neighbor *nb = &n->nb;
	r->n_recognized++;
	if (strcmp(kw, "remote-as") == 0 && rest >= 1 && ecrc_parse_asn(l->w[i + 1], &v)) {
		nb->has_remote_as = true;
		nb->remote_as = v;
		nb->remote_as_line = l->no;
	} else if ((strcmp(kw, "peer-group") == 0 && rest == 1) ||
	           (strcmp(kw, "peer") == 0 && rest == 2 && strcmp(l->w[i + 1], "group") == 0)) {
		const char *g = l->w[l->n - 1];
		node_get(c, g, false, l->no);
		add_parent(n, ecrc_arena_strdup(r->arena, g));
	} else if (strcmp(kw, "inherit") == 0 && rest == 2 &&
	           (strcmp(l->w[i + 1], "peer-session") == 0 || strcmp(l->w[i + 1], "peer-policy") == 0)) {
		add_parent(n, ecrc_arena_printf(r->arena, "template %s", l->w[i + 2]));
	} else if (strcmp(kw, "description") == 0 && rest >= 1) {
		nb->description = ecrc_arena_strdup(r->arena, ecrc_rd_rest(l, i + 1));
	} else if (strcmp(kw, "password") == 0 && rest >= 1) {
		/* "password KEY", "password 0 KEY", "password 7 HEX" (IOS service
		 * password-encryption), "password 7 BASE64" (EOS): MD5 is on */
		nb->md5 = true;
		nb->md5_line = l->no;
	} else if (strcmp(kw, "timers") == 0 && (rest == 2 || rest == 3) &&
	           ecrc_rd_u32(l->w[i + 1], 0, 65535, &v) && ecrc_rd_u32(l->w[i + 2], 0, 65535, &v2)) {
		nb->has_timers = true;
		nb->keepalive_s = v;
		nb->hold_s = v2;
		nb->timers_line = l->no;
	} else if ((strcmp(kw, "bfd") == 0 && rest == 0) ||
	           (strcmp(kw, "fall-over") == 0 && rest >= 1 && strcmp(l->w[i + 1], "bfd") == 0)) {
		nb->bfd = true;
		nb->bfd_line = l->no;
	} else if (strcmp(kw, "bfd") == 0 && rest == 2 && strcmp(l->w[i + 1], "profile") == 0) {
		/* the profile may come later in the file: resolved at the end */
		nb->bfd = true;
		if (!nb->bfd_line)
			nb->bfd_line = l->no;
		n->bfd_profile = ecrc_arena_strdup(r->arena, l->w[i + 2]);
		n->bfd_profile_line = l->no;
	} else if (strcmp(kw, "bfd") == 0 && rest >= 1 &&
	           (strcmp(l->w[i + 1], "check-control-plane-failure") == 0 ||
	            strcmp(l->w[i + 1], "strict") == 0)) {
		/* no effect on detection */
	} else if ((strcmp(kw, "route-map") == 0 || strcmp(kw, "prefix-list") == 0) && rest == 2 &&
	           (strcmp(l->w[i + 2], "in") == 0 || strcmp(l->w[i + 2], "out") == 0)) {
		const char *pol = l->w[i + 1];
		if (strcmp(kw, "prefix-list") == 0) {
			/* a list applied directly: a policy of one term */
			const char *pname = ecrc_arena_printf(r->arena, "prefix-list %s", pol);
			struct ecrc_run_policy *p = ecrc_running_policy(r, pname, l->no);
			struct ecrc_run_term *t = ecrc_running_term(r, p, 10, l->no);
			t->match = ecrc_arena_strdup(r->arena, pol);
			t->match_line = l->no;
			pol = pname;
		}
		if (strcmp(l->w[i + 2], "in") == 0) {
			nb->import_policy = ecrc_arena_strdup(r->arena, pol);
			nb->import_line = l->no;
		} else {
			nb->export_policy = ecrc_arena_strdup(r->arena, pol);
			nb->export_line = l->no;
		}
	} else if ((strcmp(kw, "maximum-prefix") == 0 || strcmp(kw, "maximum-routes") == 0) && rest >= 1 &&
	           ecrc_rd_u32(l->w[i + 1], 0, 4294967295u, &v)) {
		/* the rest (threshold, warning-only, restart N, warning-limit)
		 * does not change the limit */
		nb->has_max_prefixes = true;
		nb->max_prefixes = v;
		nb->max_prefixes_line = l->no;
	} else if (strcmp(kw, "local-as") == 0 && rest >= 1 && ecrc_parse_asn(l->w[i + 1], &v)) {
		nb->has_local_as = true;
		nb->local_as = v;
		nb->local_as_line = l->no;
	} else if (strcmp(kw, "shutdown") == 0) {
		nb->shutdown = true;
		nb->shutdown_line = l->no;
	} else if (harmless(kw)) {
		/* no effect on what the design decides */
	} else
		ecrc_running_unknown(r, ECRC_RUN_NEIGHBOR, who, l->no, l->text);
}

/* "template peer-session NAME" / "peer-policy NAME" bodies: the neighbor
 * statements without "neighbor ADDR" ("remote-as N", "inherit peer-session X"). */
static void template_line(struct creader *c, const char *tname, const struct ecrc_rd_line *l)
{
	/* rebuild as "neighbor <tname> <words>" */
	struct ecrc_rd_line x = *l;
	x.n = l->n + 2;
	x.w = ecrc_arena_alloc(c->r->arena, x.n * sizeof *x.w);
	x.off = ecrc_arena_alloc(c->r->arena, x.n * sizeof *x.off);
	x.w[0] = "neighbor";
	x.w[1] = (char *)(uintptr_t)tname; /* words are never written */
	for (size_t i = 0; i < l->n; i++) {
		x.w[i + 2] = l->w[i];
		x.off[i + 2] = l->off[i];
	}
	x.off[0] = x.off[1] = l->off[0];
	neighbor_line(c, &x, 0);
}

static void bgp_line(struct creader *c, const struct ecrc_rd_line *l)
{
	struct ecrc_running *r = c->r;
	struct ecrc_ipnet p;
	size_t used;
	bool masked;
	uint32_t v, v2;
	const char *w0 = l->w[0];

	if (strcmp(w0, "neighbor") == 0 && l->n >= 3) {
		neighbor_line(c, l, 0);
	} else if ((l->n == 3 && words_are(l, 0, "bgp", "router-id")) ||
	           (l->n == 2 && strcmp(w0, "router-id") == 0)) {
		if (ecrc_parse_ipv4(l->w[l->n - 1], &r->router_id))
			r->has_router_id = true;
	} else if (strcmp(w0, "maximum-paths") == 0 && l->n >= 2 && ecrc_rd_u32(l->w[1], 1, 1024, &v)) {
		r->maximum_paths = v;
		r->maximum_paths_line = l->no;
	} else if (l->n == 4 && words_are(l, 0, "timers", "bgp") && ecrc_rd_u32(l->w[2], 0, 65535, &v) &&
	           ecrc_rd_u32(l->w[3], 0, 65535, &v2)) {
		c->timers_k = v;
		c->timers_h = v2;
		c->timers_line = l->no;
	} else if (strcmp(w0, "network") == 0 && l->n >= 2) {
		if (l->n >= 4 && strcmp(l->w[2], "mask") == 0) {
			uint8_t len;
			if (ecrc_parse_ipv4(l->w[1], &p.addr) && ecrc_rd_netmask(l->w[3], &len)) {
				p.len = len;
				ecrc_running_network(r, p, l->no);
			}
		} else if (parse_addr(l, 1, &p, &used, &masked) && !masked)
			ecrc_running_network(r, p, l->no);
	} else if (words_are(l, 0, "redistribute", "static")) {
		r->originates_statics = true;
		r->originates_line = l->no;
	}
	/* the rest of the process (bgp log-neighbor-changes, bestpath,
	 * graceful-restart, default ipv4-unicast, ...) is not the uplink's */
}

/* "[seq N] permit|deny P [ge G] [le L]" from word i: one entry of list pl. */
static void plist_entry(struct creader *c, struct ecrc_run_plist *pl, const struct ecrc_rd_line *l, size_t i)
{
	struct ecrc_running *r = c->r;
	struct ecrc_ipnet p;
	if (i < l->n && strcmp(l->w[i], "seq") == 0)
		i += 2;
	if (i + 1 >= l->n || (strcmp(l->w[i], "permit") != 0 && strcmp(l->w[i], "deny") != 0)) {
		ecrc_running_unknown(r, ECRC_RUN_PLIST, pl->name, l->no, l->text);
		return;
	}
	bool deny = strcmp(l->w[i], "deny") == 0;
	if (!ecrc_parse_ipnet(l->w[i + 1], &p) || !ecrc_ipnet_equal(p, ecrc_ipnet_network(p))) {
		ecrc_running_unknown(r, ECRC_RUN_PLIST, pl->name, l->no, l->text);
		return;
	}
	bool has_ge = false, has_le = false;
	uint32_t ge = 0, le = 0;
	for (size_t k = i + 2; k < l->n; k += 2) {
		if (k + 1 < l->n && strcmp(l->w[k], "ge") == 0 && ecrc_rd_u32(l->w[k + 1], 0, 32, &ge))
			has_ge = true;
		else if (k + 1 < l->n && strcmp(l->w[k], "le") == 0 && ecrc_rd_u32(l->w[k + 1], 0, 32, &le))
			has_le = true;
		else {
			ecrc_running_unknown(r, ECRC_RUN_PLIST, pl->name, l->no, l->text);
			return;
		}
	}
	uint8_t oge, ole;
	ecrc_vendor_range(p.len, has_ge, ge, has_le, le, &oge, &ole);
	ecrc_running_plist_add(r, pl, p, oge, ole, deny, l->no);
}

static void top_line(struct creader *c, const struct ecrc_rd_line *l)
{
	struct ecrc_running *r = c->r;
	struct ecrc_ipnet p;
	size_t used;
	bool masked;
	uint32_t v, nh;
	const char *w0 = l->w[0];

	if (l->n == 2 && strcmp(w0, "hostname") == 0) {
		r->hostname = ecrc_arena_strdup(r->arena, l->w[1]);
		r->n_recognized++;
	} else if (words_are(l, 0, "ip", "route") && l->n >= 4 && strcmp(l->w[2], "vrf") != 0 &&
	           parse_addr(l, 2, &p, &used, &masked)) {
		size_t i = 2 + used;
		if (i >= l->n || !ecrc_ipnet_equal(p, ecrc_ipnet_network(p)))
			return;
		r->n_recognized++;
		const char *h = l->w[i];
		if (strcmp(h, "Null0") == 0 || strcmp(h, "null0") == 0 || strcmp(h, "blackhole") == 0 ||
		    strcmp(h, "reject") == 0)
			ecrc_running_static(r, p, false, 0, l->no);
		else if (ecrc_parse_ipv4(h, &nh))
			ecrc_running_static(r, p, true, nh, l->no);
		/* via an interface only: not a route the design describes */
	} else if (words_are(l, 0, "ip", "prefix-list") && l->n >= 5) {
		struct ecrc_run_plist *pl = ecrc_running_plist(r, l->w[2], l->no);
		r->n_recognized++;
		if (strcmp(l->w[3], "description") != 0)
			plist_entry(c, pl, l, 3);
	} else if (l->n == 3 && words_are(l, 0, "bgp", "router-id")) {
		/* FRR: a global router-id outside router bgp */
		if (ecrc_parse_ipv4(l->w[2], &v))
			(void)v;
	}
}

/* Reads the text; dialect-specific details are in the vtables below. */
static int read_running(enum dialect d, const struct ecrc_vendor *vendor, const char *text, size_t len,
                        struct ecrc_arena *a, struct ecrc_running *r, char *err, size_t errlen)
{
	ecrc_running_init(r, vendor, a);
	struct creader c = {.d = d, .r = r};
	if (memchr(text, '\0', len)) {
		snprintf(err, errlen, "line 1: binary data, not a %s configuration", vendor->display);
		return -1;
	}
	/* the platforms' own defaults (docs/check.md) */
	r->default_keepalive_s = 60;
	r->default_hold_s = 180;
	r->default_max_prefixes = 0;
	if (d != IOS) { /* EOS and FRR bfdd: 300 ms x 3 */
		r->default_bfd_tx_ms = r->default_bfd_rx_ms = 300;
		r->default_bfd_multiplier = 3;
	}
	r->mtu_unknown = d == FRR;

	struct ecrc_rd_line *lines;
	size_t n;
	ecrc_rd_split(text, len, "!", a, &lines, &n);

	enum { TOP, IFACE, BGP, BGP_SKIP, RMAP, BFD, PLIST, SKIP } ctx = TOP;
	struct ecrc_run_plist *plist = NULL;
	struct ecrc_run_iface *iface = NULL;
	struct ecrc_run_policy *pol = NULL;
	struct ecrc_run_term *term = NULL;
	struct bfd_profile *prof = NULL;
	unsigned prof_indent = 0, af_indent = 0, tmpl_indent = 0;
	bool in_af = false, af_skip = false;
	const char *tmpl = NULL;
	const char *other = NULL;
	uint32_t other_line = 0;

	for (size_t i = 0; i < n; i++) {
		const struct ecrc_rd_line *l = &lines[i];
		const char *w0 = l->w[0];
		if (l->indent == 0) {
			if (strcmp(w0, "exit") == 0 || strcmp(w0, "end") == 0)
				continue;
			if (l->text[strlen(l->text) - 1] == '{' || strcmp(w0, "sysname") == 0 ||
			    strcmp(w0, "#") == 0 || (strcmp(w0, "set") == 0 && l->n >= 2) ||
			    (strcmp(w0, "protocol") == 0 && l->n >= 2)) {
				if (!other) {
					other = l->text;
					other_line = l->no;
				}
				continue;
			}
			if ((words_are(l, 0, "frr", "version") || words_are(l, 0, "frr", "defaults")) &&
			    d != FRR)
				note_foreign(&c, l);
			ctx = TOP;
			tmpl = NULL;
			if (l->n == 2 && strcmp(w0, "interface") == 0) {
				iface = ecrc_running_iface(r, l->w[1], l->no);
				split_port(&c, iface);
				r->n_recognized++;
				ctx = IFACE;
			} else if (l->n == 3 && words_are(l, 0, "router", "bgp") &&
			           ecrc_parse_asn(l->w[2], &r->asn) && !r->has_asn) {
				r->has_asn = true;
				r->asn_line = l->no;
				r->n_recognized++;
				ctx = BGP;
				in_af = false;
			} else if (words_are(l, 0, "router", "bgp")) {
				ctx = SKIP; /* "router bgp N vrf X" (FRR) or a second process */
			} else if ((l->n == 4 || l->n == 3) && strcmp(w0, "route-map") == 0 &&
			           (strcmp(l->w[2], "permit") == 0 || strcmp(l->w[2], "deny") == 0)) {
				uint32_t seq = 10;
				if (l->n == 4 && !ecrc_rd_u32(l->w[3], 0, 65535, &seq))
					continue;
				pol = ecrc_running_policy(r, l->w[1], l->no);
				term = ecrc_running_term(r, pol, seq, l->no);
				term->deny = strcmp(l->w[2], "deny") == 0;
				r->n_recognized++;
				ctx = RMAP;
			} else if (l->n == 3 && words_are(l, 0, "ip", "prefix-list")) {
				/* EOS: the list's entries on the lines below */
				plist = ecrc_running_plist(r, l->w[2], l->no);
				r->n_recognized++;
				ctx = PLIST;
			} else if (l->n == 1 && strcmp(w0, "bfd") == 0 && d == FRR) {
				ctx = BFD;
				prof = NULL;
			} else
				top_line(&c, l);
			continue;
		}
		switch (ctx) {
		case IFACE:
			iface_line(&c, iface, l);
			break;
		case RMAP:
			rmap_line(&c, pol, term, l);
			break;
		case BFD:
			bfd_line(&c, &prof, &prof_indent, l);
			break;
		case PLIST:
			plist_entry(&c, plist, l, 0);
			break;
		case BGP:
			if (tmpl && l->indent > tmpl_indent) {
				if (strncmp(w0, "exit-peer-", 10) != 0)
					template_line(&c, tmpl, l);
				break;
			}
			tmpl = NULL;
			if (in_af && l->indent <= af_indent)
				in_af = false;
			if (strcmp(w0, "exit-address-family") == 0) {
				in_af = false;
				break;
			}
			if (strcmp(w0, "address-family") == 0) {
				in_af = true;
				af_indent = l->indent;
				/* ipv4 [unicast], but not ipv4 vrf X, ipv6, vpnv4, l2vpn */
				af_skip = !(l->n >= 2 && strcmp(l->w[1], "ipv4") == 0 &&
				            (l->n == 2 || (l->n == 3 && strcmp(l->w[2], "unicast") == 0)));
				break;
			}
			if (l->n == 3 && strcmp(w0, "template") == 0 &&
			    (strcmp(l->w[1], "peer-session") == 0 || strcmp(l->w[1], "peer-policy") == 0)) {
				tmpl = ecrc_arena_printf(a, "template %s", l->w[2]);
				tmpl_indent = l->indent;
				break;
			}
			if (!in_af && l->n >= 2 && strcmp(w0, "vrf") == 0) {
				/* EOS "vrf NAME" inside router bgp: skip its body */
				in_af = true;
				af_indent = l->indent;
				af_skip = true;
				break;
			}
			if (in_af && af_skip)
				break;
			bgp_line(&c, l);
			break;
		case TOP:
		case BGP_SKIP:
		case SKIP:
			break;
		}
	}
	if (c.foreign && r->n_recognized) {
		snprintf(err, errlen,
		         "line %u: \"%s\" is not %s syntax; is this the config of another vendor?",
		         c.foreign_line, c.foreign, vendor->display);
		return -1;
	}
	if (!r->n_recognized) {
		if (other)
			snprintf(err, errlen,
			         "line %u: \"%s\" is not %s syntax; is this the config of another vendor?",
			         other_line, other, vendor->display);
		else
			snprintf(
			    err, errlen,
			    "line 1: no interface, router bgp, route-map or hostname statement: not a %s "
			    "running configuration",
			    vendor->display);
		return -1;
	}

	/* FRR bfd profiles, now that every profile is known */
	for (size_t i = 0; i < c.n_nodes; i++) {
		struct cnode *nd = &c.nodes[i];
		if (!nd->bfd_profile)
			continue;
		const struct bfd_profile *pr = NULL;
		for (size_t k = 0; k < c.n_profiles; k++)
			if (strcmp(c.profiles[k].name, nd->bfd_profile) == 0)
				pr = &c.profiles[k];
		struct ecrc_run_neighbor *nb = &nd->nb;
		nb->has_bfd_timers = true;
		nb->bfd_timers_line = pr ? pr->line : nd->bfd_profile_line;
		/* an undefined profile: bfdd's defaults */
		nb->bfd_min_tx_ms = pr ? pr->tx : 300;
		nb->bfd_min_rx_ms = pr ? pr->rx : 300;
		nb->bfd_multiplier = pr ? pr->mult : 3;
		nb->bfd_tx_line = pr ? pr->tx_line : 0;
		nb->bfd_rx_line = pr ? pr->rx_line : 0;
		nb->bfd_mult_line = pr ? pr->mult_line : 0;
	}

	/* inheritance: a neighbor takes what it does not set itself from its
	 * groups and templates, depth first (IOS: a template may inherit one
	 * more template; ecrc follows up to 8 levels) */
	for (size_t i = 0; i < c.n_nodes; i++) {
		struct cnode *nd = &c.nodes[i];
		uint32_t addr;
		if (!nd->is_neighbor || !ecrc_parse_ipv4(nd->name, &addr))
			continue;
		struct ecrc_run_neighbor *nb = ecrc_running_neighbor(r, addr, nd->nb.line);
		*nb = nd->nb;
		nb->address = addr;
		const struct cnode *stack[16];
		size_t sp = 0;
		for (size_t k = nd->n_parents; k-- > 0;)
			for (size_t j = 0; j < c.n_nodes && sp < 16; j++)
				if (strcmp(c.nodes[j].name, nd->parents[k]) == 0)
					stack[sp++] = &c.nodes[j];
		if (nd->n_parents)
			nb->group = nd->parents[0];
		unsigned steps = 0;
		while (sp && steps++ < 32) {
			const struct cnode *g = stack[--sp];
			ecrc_running_inherit(nb, &g->nb);
			for (size_t k = g->n_parents; k-- > 0;)
				for (size_t j = 0; j < c.n_nodes && sp < 16; j++)
					if (strcmp(c.nodes[j].name, g->parents[k]) == 0)
						stack[sp++] = &c.nodes[j];
		}
		if (!nb->has_timers && c.timers_line) {
			nb->has_timers = true;
			nb->keepalive_s = c.timers_k;
			nb->hold_s = c.timers_h;
			nb->timers_line = c.timers_line;
		}
	}
	/* unknown statements of a group count for its members: re-home them */
	size_t n_unknown = r->n_unknown;
	for (size_t u = 0; u < n_unknown; u++) {
		if (r->unknown[u].owner != ECRC_RUN_NEIGHBOR)
			continue;
		for (size_t i = 0; i < r->n_neighbors; i++) {
			const struct ecrc_run_neighbor *nb = &r->neighbors[i];
			if (nb->group && r->unknown[u].name && strcmp(nb->group, r->unknown[u].name) == 0) {
				char a4[16];
				ecrc_running_unknown(r, ECRC_RUN_NEIGHBOR, ecrc_fmt_ipv4(nb->address, a4),
				                     r->unknown[u].line, r->unknown[u].text);
			}
		}
	}
	ecrc_running_finish(r);
	return 0;
}

int ecrc_iosxe_read_running(const char *text, size_t len, struct ecrc_arena *a, struct ecrc_running *out,
                            char *err, size_t errlen)
{
	return read_running(IOS, &ecrc_vendor_cisco_iosxe, text, len, a, out, err, errlen);
}

int ecrc_eos_read_running(const char *text, size_t len, struct ecrc_arena *a, struct ecrc_running *out,
                          char *err, size_t errlen)
{
	return read_running(EOS, &ecrc_vendor_arista_eos, text, len, a, out, err, errlen);
}

int ecrc_frr_read_running(const char *text, size_t len, struct ecrc_arena *a, struct ecrc_running *out,
                          char *err, size_t errlen)
{
	int rc = read_running(FRR, &ecrc_vendor_frr, text, len, a, out, err, errlen);
	if (rc)
		return rc;
	/* the iproute2 comment block ecrc emits, when present, gives the
	 * parent, VLAN and MTU of each device; a config without it is read
	 * by the PORT.VLAN naming convention alone */
	struct ecrc_vendor_link *links;
	size_t n;
	char e2[64];
	if (ecrc_vendor_read_links(&ecrc_vendor_frr, text, len, a, &links, &n, e2, sizeof e2) == 0)
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < out->n_ifaces; k++) {
				struct ecrc_run_iface *f = &out->ifaces[k];
				if (strcmp(f->name, links[i].name) != 0)
					continue;
				if (links[i].parent) {
					f->parent = links[i].parent;
					f->vlan = links[i].vlan;
					f->vlan_line = links[i].line;
				}
				f->mtu = links[i].mtu;
				f->mtu_line = links[i].line;
			}
	return 0;
}
