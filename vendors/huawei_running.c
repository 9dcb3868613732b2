/*
 * huawei_running.c: the running-config reader of the Huawei-style family:
 * Huawei VRP and H3C Comware `display current-configuration`. One reader
 * with two dialects; "#" lines separate the sections and blocks are found
 * by indentation ("bgp N" at column 0, "ipv4-family unicast" / "address-family
 * ipv4 unicast" one space in, its statements two).
 *
 * Reads: sysname; interfaces (description, "ip address A M|L", VRP
 * "dot1q termination vid N", Comware "vlan-type dot1q vid N", mtu, Comware
 * "bfd min-transmit-interval|min-receive-interval|detect-multiplier", shutdown);
 * "ip route-static A M|L NULL0|NEXT-HOP"; VRP "ip ip-prefix" and Comware
 * "ip prefix-list" entries (index, greater-equal, less-equal);
 * "route-policy NAME permit|deny node N" with "if-match ip-prefix NAME" (VRP) /
 * "if-match ip address prefix-list NAME" (Comware), "apply as-path ...
 * [additive]", "apply cost N", "apply origin igp|incomplete"; other if-match
 * clauses make a node that matches no design route; "bgp N" with router-id,
 * groups ("group NAME [external]", "peer X group NAME"), and per peer or
 * group: as-number, description, password cipher|simple (MD5 on, in any
 * rendered form), "timer keepalive K hold H", "bfd enable" / "bfd" and VRP's
 * "bfd min-tx-interval T min-rx-interval R detect-multiplier M", fake-as
 * (local AS), ignore (shut down), route-policy and ip-prefix / prefix-list
 * import|export, route-limit; "network A M|L", "import-route static",
 * "maximum load-balancing [ebgp] N" (VRP) / "balance [ebgp] N" (Comware),
 * inside or outside the IPv4 unicast family.
 *
 * Skips: every other section (aaa, user-interface, snmp-agent, ntp, info-center,
 * vlan, stp, acl, vpn-instance, ospf, ...), VPN-instance address families and
 * static routes, and the peer statements that do not change what the design
 * decides (enable, connect-interface, advertise-community, reflect-client,
 * next-hop-local, keep-all-routes, log-change, ...). Sources: docs/check.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendors/reader.h"

enum dialect { VRP, COMWARE };

struct hnode {
	const char *name;
	bool is_peer;
	struct ecrc_run_neighbor nb;
	const char *group;
};

struct hreader {
	enum dialect d;
	struct ecrc_running *r;
	struct hnode *nodes;
	size_t n_nodes, cap_nodes;
	const char *foreign;
	uint32_t foreign_line;
};

static struct hnode *node_get(struct hreader *h, const char *name, uint32_t line)
{
	for (size_t i = 0; i < h->n_nodes; i++)
		if (strcmp(h->nodes[i].name, name) == 0)
			return &h->nodes[i];
	h->nodes = ecrc_rd_grow(h->r->arena, h->nodes, &h->cap_nodes, h->n_nodes, sizeof *h->nodes);
	struct hnode *n = &h->nodes[h->n_nodes++];
	memset(n, 0, sizeof *n);
	n->name = ecrc_arena_strdup(h->r->arena, name);
	uint32_t a;
	n->is_peer = ecrc_parse_ipv4(name, &a);
	n->nb.line = line;
	return n;
}

static bool w_is(const struct ecrc_rd_line *l, size_t i, const char *w)
{
	return i < l->n && strcmp(l->w[i], w) == 0;
}

static void foreign(struct hreader *h, const struct ecrc_rd_line *l)
{
	if (!h->foreign) {
		h->foreign = l->text;
		h->foreign_line = l->no;
	}
}

/* "A M" or "A L" at word i. */
static bool addr_at(const struct ecrc_rd_line *l, size_t i, struct ecrc_ipnet *p)
{
	uint8_t len;
	uint32_t v;
	if (i + 1 >= l->n || !ecrc_parse_ipv4(l->w[i], &p->addr))
		return false;
	if (ecrc_rd_netmask(l->w[i + 1], &len)) {
		p->len = len;
		return true;
	}
	if (ecrc_rd_u32(l->w[i + 1], 0, 32, &v)) {
		p->len = (uint8_t)v;
		return true;
	}
	return false;
}

static void iface_line(struct hreader *h, struct ecrc_run_iface *f, const struct ecrc_rd_line *l)
{
	struct ecrc_running *r = h->r;
	struct ecrc_ipnet p;
	uint32_t v;
	const char *w0 = l->w[0];
	if (strcmp(w0, "description") == 0 && l->n >= 2) {
		f->description = ecrc_arena_strdup(r->arena, ecrc_rd_rest(l, 1));
	} else if (w_is(l, 0, "ip") && w_is(l, 1, "address") && addr_at(l, 2, &p)) {
		if (l->n == 4) {
			f->has_address = true;
			f->address = p;
			f->address_line = l->no;
		} else if (!(l->n == 5 && w_is(l, 4, "sub")))
			ecrc_running_unknown(r, ECRC_RUN_IFACE, f->name, l->no, l->text);
	} else if ((l->n == 4 && w_is(l, 0, "dot1q") && w_is(l, 1, "termination") && w_is(l, 2, "vid")) ||
	           (l->n == 4 && w_is(l, 0, "vlan-type") && w_is(l, 1, "dot1q") && w_is(l, 2, "vid"))) {
		if ((h->d == VRP) != (strcmp(w0, "dot1q") == 0))
			foreign(h, l);
		if (ecrc_rd_u32(l->w[3], 1, 4094, &v)) {
			f->vlan = v;
			f->vlan_line = l->no;
		} else
			ecrc_running_unknown(r, ECRC_RUN_IFACE, f->name, l->no, l->text);
	} else if (l->n == 3 && h->d == VRP && w_is(l, 0, "vlan-type") && w_is(l, 1, "dot1q") &&
	           ecrc_rd_u32(l->w[2], 1, 4094, &v)) {
		/* the AR routers' dot1q sub-interface form */
		f->vlan = v;
		f->vlan_line = l->no;
	} else if (l->n == 2 && strcmp(w0, "mtu") == 0 && ecrc_rd_u32(l->w[1], 46, 65535, &v)) {
		f->mtu = v;
		f->mtu_line = l->no;
	} else if (l->n == 3 && w_is(l, 0, "bfd") &&
	           (w_is(l, 1, "min-transmit-interval") || w_is(l, 1, "min-receive-interval") ||
	            w_is(l, 1, "detect-multiplier")) &&
	           ecrc_rd_u32(l->w[2], 1, 999999, &v)) {
		if (!f->has_bfd) {
			/* Comware's defaults for what the interface does not set */
			f->bfd_min_tx_ms = f->bfd_min_rx_ms = 400;
			f->bfd_multiplier = 5;
		}
		f->has_bfd = true;
		if (!f->bfd_line || strcmp(l->w[1], "detect-multiplier") != 0)
			f->bfd_line = l->no;
		if (w_is(l, 1, "min-transmit-interval"))
			f->bfd_min_tx_ms = v;
		else if (w_is(l, 1, "min-receive-interval"))
			f->bfd_min_rx_ms = v;
		else
			f->bfd_multiplier = v;
	} else if (strcmp(w0, "shutdown") == 0) {
		ecrc_running_unknown(r, ECRC_RUN_IFACE, f->name, l->no, l->text);
	} else if (strcmp(w0, "undo") == 0 || strcmp(w0, "arp") == 0 || strcmp(w0, "port") == 0 ||
	           strcmp(w0, "negotiation") == 0 || strcmp(w0, "speed") == 0 || strcmp(w0, "duplex") == 0 ||
	           strcmp(w0, "ospf") == 0 || strcmp(w0, "lldp") == 0 || strcmp(w0, "traffic-policy") == 0 ||
	           strcmp(w0, "qos") == 0 || strcmp(w0, "statistic") == 0 || strcmp(w0, "combo-port") == 0 ||
	           strcmp(w0, "jumboframe") == 0 || strcmp(w0, "flow-interval") == 0 ||
	           strcmp(w0, "ipv6") == 0 || strcmp(w0, "packet-filter") == 0 ||
	           strcmp(w0, "traffic-filter") == 0 ||
	           strcmp(w0, "ip") == 0 /* ip binding vpn-instance is below */) {
		if (w_is(l, 0, "ip") && w_is(l, 1, "binding"))
			ecrc_running_unknown(r, ECRC_RUN_IFACE, f->name, l->no, l->text);
		/* port settings that do not change what the design decides */
	} else
		ecrc_running_unknown(r, ECRC_RUN_IFACE, f->name, l->no, l->text);
}

/* "ip ip-prefix NAME index N permit|deny A L [greater-equal G] [less-equal L]"
 * (VRP), "ip prefix-list ..." (Comware). */
static void plist_line(struct hreader *h, const struct ecrc_rd_line *l)
{
	struct ecrc_running *r = h->r;
	struct ecrc_run_plist *pl = ecrc_running_plist(r, l->w[2], l->no);
	r->n_recognized++;
	size_t i = 3;
	if (w_is(l, i, "index"))
		i += 2;
	if (w_is(l, i, "description"))
		return;
	struct ecrc_ipnet p;
	if (i + 2 >= l->n || (!w_is(l, i, "permit") && !w_is(l, i, "deny")) || !addr_at(l, i + 1, &p) ||
	    !ecrc_ipnet_equal(p, ecrc_ipnet_network(p))) {
		ecrc_running_unknown(r, ECRC_RUN_PLIST, pl->name, l->no, l->text);
		return;
	}
	bool deny = w_is(l, i, "deny");
	bool has_ge = false, has_le = false;
	uint32_t ge = 0, le = 0;
	for (size_t k = i + 3; k < l->n; k += 2) {
		if (k + 1 < l->n && w_is(l, k, "greater-equal") && ecrc_rd_u32(l->w[k + 1], 0, 32, &ge))
			has_ge = true;
		else if (k + 1 < l->n && w_is(l, k, "less-equal") && ecrc_rd_u32(l->w[k + 1], 0, 32, &le))
			has_le = true;
		else {
			ecrc_running_unknown(r, ECRC_RUN_PLIST, pl->name, l->no, l->text);
			return;
		}
	}
	uint8_t oge, ole;
	/* greater-equal alone ranges up to 32, less-equal alone from the length */
	ecrc_vendor_range(p.len, has_ge, ge, has_le, le, &oge, &ole);
	ecrc_running_plist_add(r, pl, p, oge, ole, deny, l->no);
}

static void policy_line(struct hreader *h, struct ecrc_run_policy *p, struct ecrc_run_term *t,
                        const struct ecrc_rd_line *l)
{
	struct ecrc_running *r = h->r;
	uint32_t v;
	if (w_is(l, 0, "if-match") &&
	    ((l->n == 3 && w_is(l, 1, "ip-prefix")) ||
	     (l->n == 5 && w_is(l, 1, "ip") && w_is(l, 2, "address") && w_is(l, 3, "prefix-list")))) {
		t->match = ecrc_arena_strdup(r->arena, l->w[l->n - 1]);
		t->match_line = l->no;
	} else if (w_is(l, 0, "if-match")) {
		t->match_other = true;
	} else if (w_is(l, 0, "apply") && w_is(l, 1, "as-path") && l->n >= 3) {
		size_t end = l->n;
		if (w_is(l, end - 1, "additive"))
			end--;
		else if (h->d == VRP || w_is(l, end - 1, "replace") || w_is(l, end - 1, "overwrite")) {
			/* VRP without additive, or a replace: the path is replaced */
			ecrc_running_unknown(r, ECRC_RUN_POLICY, p->name, l->no, l->text);
			return;
		}
		uint32_t *v2 = ecrc_arena_alloc(r->arena, (end - 2) * sizeof *v2);
		size_t n = 0;
		for (size_t i = 2; i < end; i++)
			if (ecrc_parse_asn(l->w[i], &v2[n]))
				n++;
		if (n != end - 2 || !n) {
			ecrc_running_unknown(r, ECRC_RUN_POLICY, p->name, l->no, l->text);
			return;
		}
		t->prepend = v2;
		t->n_prepend = n;
		t->prepend_line = l->no;
	} else if (l->n == 3 && w_is(l, 0, "apply") && w_is(l, 1, "cost") &&
	           ecrc_rd_u32(l->w[2], 0, 4294967295u, &v)) {
		t->has_med = true;
		t->med = v;
		t->med_line = l->no;
	} else if (l->n == 3 && w_is(l, 0, "apply") && w_is(l, 1, "origin") &&
	           (w_is(l, 2, "igp") || w_is(l, 2, "incomplete"))) {
		t->has_origin = true;
		t->origin = w_is(l, 2, "igp") ? ECRC_IR_ORIGIN_IGP : ECRC_IR_ORIGIN_INCOMPLETE;
		t->origin_line = l->no;
	} else if (w_is(l, 0, "description") ||
	           (w_is(l, 0, "apply") &&
	            (w_is(l, 1, "community") || w_is(l, 1, "local-preference") || w_is(l, 1, "tag")))) {
		/* no effect on what the design decides toward the VBR */
	} else
		ecrc_running_unknown(r, ECRC_RUN_POLICY, p->name, l->no, l->text);
}

static const char *const harmless_peer[] = {"enable",
                                            "connect-interface",
                                            "advertise-community",
                                            "advertise-ext-community",
                                            "reflect-client",
                                            "next-hop-local",
                                            "keep-all-routes",
                                            "log-change",
                                            "capability-advertise",
                                            "preferred-value",
                                            "route-update-interval",
                                            "ebgp-max-hop",
                                            "valid-ttl-hops",
                                            "public-as-only",
                                            "label-route-capability",
                                            "graceful-restart",
                                            "tracking",
                                            NULL};

static void peer_line(struct hreader *h, const struct ecrc_rd_line *l)
{
	struct ecrc_running *r = h->r;
	uint32_t v, v2;
	if (l->n < 3) {
		ecrc_running_unknown(r, ECRC_RUN_BGP, NULL, l->no, l->text);
		return;
	}
	struct hnode *n = node_get(h, l->w[1], l->no);
	struct ecrc_run_neighbor *nb = &n->nb;
	const char *kw = l->w[2];
	size_t rest = l->n - 3;
	r->n_recognized++;
	if (strcmp(kw, "as-number") == 0 && rest == 1 && ecrc_parse_asn(l->w[3], &v)) {
		nb->has_remote_as = true;
		nb->remote_as = v;
		nb->remote_as_line = l->no;
	} else if (strcmp(kw, "group") == 0 && rest == 1) {
		node_get(h, l->w[3], l->no);
		n = node_get(h, l->w[1], l->no); /* node_get may have moved the array */
		n->group = ecrc_arena_strdup(r->arena, l->w[3]);
	} else if (strcmp(kw, "description") == 0 && rest >= 1) {
		nb->description = ecrc_arena_strdup(r->arena, ecrc_rd_rest(l, 3));
	} else if (strcmp(kw, "password") == 0 && rest >= 1) {
		/* "password cipher %^%#...%^%#", "password cipher $c$3$...", "password simple K" */
		nb->md5 = true;
		nb->md5_line = l->no;
	} else if (strcmp(kw, "timer") == 0 && rest == 4 && w_is(l, 3, "keepalive") && w_is(l, 5, "hold") &&
	           ecrc_rd_u32(l->w[4], 0, 65535, &v) && ecrc_rd_u32(l->w[6], 0, 65535, &v2)) {
		nb->has_timers = true;
		nb->keepalive_s = v;
		nb->hold_s = v2;
		nb->timers_line = l->no;
	} else if (strcmp(kw, "bfd") == 0 && (rest == 0 || (rest == 1 && w_is(l, 3, "enable")))) {
		nb->bfd = true;
		nb->bfd_line = l->no;
	} else if (strcmp(kw, "bfd") == 0 && rest >= 2) {
		/* VRP: bfd min-tx-interval T min-rx-interval R detect-multiplier M, any subset */
		if (!nb->has_bfd_timers) {
			nb->bfd_min_tx_ms = nb->bfd_min_rx_ms = 1000;
			nb->bfd_multiplier = 3;
		}
		bool ok = true;
		for (size_t k = 3; k + 1 < l->n + 1 && k < l->n; k += 2) {
			if (k + 1 >= l->n || !ecrc_rd_u32(l->w[k + 1], 1, 999999, &v)) {
				ok = false;
				break;
			}
			if (w_is(l, k, "min-tx-interval"))
				nb->bfd_min_tx_ms = v;
			else if (w_is(l, k, "min-rx-interval"))
				nb->bfd_min_rx_ms = v;
			else if (w_is(l, k, "detect-multiplier"))
				nb->bfd_multiplier = v;
			else
				ok = false;
		}
		if (ok) {
			nb->has_bfd_timers = true;
			nb->bfd_timers_line = l->no;
		} else
			ecrc_running_unknown(r, ECRC_RUN_NEIGHBOR, n->name, l->no, l->text);
	} else if (strcmp(kw, "fake-as") == 0 && rest >= 1 && ecrc_parse_asn(l->w[3], &v)) {
		nb->has_local_as = true;
		nb->local_as = v;
		nb->local_as_line = l->no;
	} else if (strcmp(kw, "ignore") == 0 && rest == 0) {
		nb->shutdown = true;
		nb->shutdown_line = l->no;
	} else if ((strcmp(kw, "route-policy") == 0 || strcmp(kw, "ip-prefix") == 0 ||
	            strcmp(kw, "prefix-list") == 0) &&
	           rest == 2 && (w_is(l, 4, "import") || w_is(l, 4, "export"))) {
		const char *pol = l->w[3];
		if (strcmp(kw, "route-policy") != 0) {
			const char *pname = ecrc_arena_printf(r->arena, "%s %s", kw, pol);
			struct ecrc_run_policy *p = ecrc_running_policy(r, pname, l->no);
			struct ecrc_run_term *t = ecrc_running_term(r, p, 10, l->no);
			t->match = ecrc_arena_strdup(r->arena, pol);
			t->match_line = l->no;
			pol = pname;
		}
		if (w_is(l, 4, "import")) {
			nb->import_policy = ecrc_arena_strdup(r->arena, pol);
			nb->import_line = l->no;
		} else {
			nb->export_policy = ecrc_arena_strdup(r->arena, pol);
			nb->export_line = l->no;
		}
	} else if (strcmp(kw, "route-limit") == 0 && rest >= 1 && ecrc_rd_u32(l->w[3], 1, 4294967295u, &v)) {
		nb->has_max_prefixes = true;
		nb->max_prefixes = v;
		nb->max_prefixes_line = l->no;
	} else {
		bool ok = false;
		for (size_t i = 0; harmless_peer[i]; i++)
			ok |= strcmp(harmless_peer[i], kw) == 0;
		if (!ok)
			ecrc_running_unknown(r, ECRC_RUN_NEIGHBOR, n->name, l->no, l->text);
	}
}

static void bgp_line(struct hreader *h, const struct ecrc_rd_line *l)
{
	struct ecrc_running *r = h->r;
	struct ecrc_ipnet p;
	uint32_t v;
	const char *w0 = l->w[0];
	if (strcmp(w0, "peer") == 0) {
		peer_line(h, l);
	} else if (l->n >= 2 && strcmp(w0, "group") == 0) {
		node_get(h, l->w[1], l->no);
	} else if (l->n == 2 && strcmp(w0, "router-id") == 0) {
		if (ecrc_parse_ipv4(l->w[1], &r->router_id))
			r->has_router_id = true;
	} else if (strcmp(w0, "network") == 0 && addr_at(l, 1, &p)) {
		ecrc_running_network(r, p, l->no);
	} else if (l->n >= 2 && strcmp(w0, "network") == 0) {
		/* "network A" with the classful mask: not a design prefix */
	} else if (w_is(l, 0, "import-route") && w_is(l, 1, "static")) {
		r->originates_statics = true;
		r->originates_line = l->no;
	} else if ((w_is(l, 0, "maximum") && w_is(l, 1, "load-balancing")) || w_is(l, 0, "balance")) {
		if (w_is(l, 0, "balance") != (h->d == COMWARE))
			foreign(h, l);
		if (ecrc_rd_u32(l->w[l->n - 1], 1, 1024, &v) && !(l->n >= 3 && (w_is(l, l->n - 2, "ibgp")))) {
			r->maximum_paths = v;
			r->maximum_paths_line = l->no;
		}
	}
}

static int read_running(enum dialect d, const struct ecrc_vendor *vendor, const char *text, size_t len,
                        struct ecrc_arena *a, struct ecrc_running *r, char *err, size_t errlen)
{
	ecrc_running_init(r, vendor, a);
	struct hreader h = {.d = d, .r = r};
	if (memchr(text, '\0', len)) {
		snprintf(err, errlen, "line 1: binary data, not a %s configuration", vendor->display);
		return -1;
	}
	r->default_keepalive_s = 60;
	r->default_hold_s = 180;
	if (d == COMWARE) { /* Comware's interface BFD defaults (docs/vendors/h3c-comware.md) */
		r->default_bfd_tx_ms = r->default_bfd_rx_ms = 400;
		r->default_bfd_multiplier = 5;
	} else { /* ASSUMPTION: VRP's 1000 ms x 3 without peer timers (docs/check.md) */
		r->default_bfd_tx_ms = r->default_bfd_rx_ms = 1000;
		r->default_bfd_multiplier = 3;
	}

	struct ecrc_rd_line *lines;
	size_t n;
	ecrc_rd_split(text, len, "#", a, &lines, &n);
	enum { TOP, IFACE, BGP, POLICY, SKIP } ctx = TOP;
	struct ecrc_run_iface *iface = NULL;
	struct ecrc_run_policy *pol = NULL;
	struct ecrc_run_term *term = NULL;
	bool in_af = false, af_skip = false;
	unsigned af_indent = 0;
	const char *other = NULL;
	uint32_t other_line = 0;

	/* Comware indents global statements one space; a "#" in column 0
	 * ends every section, and the first line after it sets the column of
	 * top-level statements until the next one */
	uint32_t n_raw = n ? lines[n - 1].no + 1 : 1;
	bool *sep = ecrc_arena_alloc(a, (n_raw + 1) * sizeof *sep);
	{
		uint32_t no = 1;
		for (size_t pos = 0; pos < len; no++) {
			size_t end = pos;
			while (end < len && text[end] != '\n')
				end++;
			size_t e = end;
			while (e > pos && (text[e - 1] == '\r' || text[e - 1] == ' '))
				e--;
			if (no <= n_raw && e == pos + 1 && text[pos] == '#')
				sep[no] = true;
			pos = end + 1;
		}
	}
	unsigned top_indent = 0;
	for (size_t i = 0; i < n; i++) {
		const struct ecrc_rd_line *l = &lines[i];
		const char *w0 = l->w[0];
		bool after_sep = i == 0 || (l->no >= 1 && sep[l->no - 1]);
		if (after_sep)
			top_indent = l->indent <= 1 ? l->indent : 0;
		if (l->indent <= top_indent) {
			if (strcmp(w0, "return") == 0)
				continue;
			if (l->text[strlen(l->text) - 1] == '{' || strcmp(w0, "hostname") == 0 ||
			    w_is(l, 0, "router") || (strcmp(w0, "set") == 0 && l->n >= 2) ||
			    strcmp(w0, "!") == 0) {
				if (!other) {
					other = l->text;
					other_line = l->no;
				}
				continue;
			}
			ctx = TOP;
			if (l->n == 2 && strcmp(w0, "sysname") == 0) {
				r->hostname = ecrc_arena_strdup(a, l->w[1]);
				r->n_recognized++;
			} else if (l->n == 2 && strcmp(w0, "interface") == 0) {
				iface = ecrc_running_iface(r, l->w[1], l->no);
				const char *dot = strrchr(iface->name, '.');
				if (dot)
					iface->parent =
					    ecrc_arena_strndup(a, iface->name, (size_t)(dot - iface->name));
				r->n_recognized++;
				ctx = IFACE;
			} else if (l->n == 2 && strcmp(w0, "bgp") == 0 && !r->has_asn &&
			           ecrc_parse_asn(l->w[1], &r->asn)) {
				r->has_asn = true;
				r->asn_line = l->no;
				r->n_recognized++;
				ctx = BGP;
				in_af = false;
			} else if (l->n == 5 && strcmp(w0, "route-policy") == 0 &&
			           (w_is(l, 2, "permit") || w_is(l, 2, "deny")) && w_is(l, 3, "node")) {
				uint32_t seq;
				if (!ecrc_rd_u32(l->w[4], 0, 65535, &seq))
					continue;
				pol = ecrc_running_policy(r, l->w[1], l->no);
				term = ecrc_running_term(r, pol, seq, l->no);
				term->deny = w_is(l, 2, "deny");
				r->n_recognized++;
				ctx = POLICY;
			} else if (l->n >= 7 && w_is(l, 0, "ip") &&
			           (w_is(l, 1, "ip-prefix") || w_is(l, 1, "prefix-list"))) {
				if (w_is(l, 1, "ip-prefix") != (d == VRP))
					foreign(&h, l);
				plist_line(&h, l);
			} else if (w_is(l, 0, "ip") && w_is(l, 1, "route-static") &&
			           !w_is(l, 2, "vpn-instance")) {
				struct ecrc_ipnet p;
				uint32_t nh;
				if (l->n >= 5 && addr_at(l, 2, &p) &&
				    ecrc_ipnet_equal(p, ecrc_ipnet_network(p))) {
					r->n_recognized++;
					if (strcmp(l->w[4], "NULL0") == 0 || strcmp(l->w[4], "Null0") == 0)
						ecrc_running_static(r, p, false, 0, l->no);
					else if (ecrc_parse_ipv4(l->w[4], &nh))
						ecrc_running_static(r, p, true, nh, l->no);
				}
			} else
				ctx = SKIP;
			continue;
		}
		switch (ctx) {
		case IFACE:
			iface_line(&h, iface, l);
			break;
		case POLICY:
			policy_line(&h, pol, term, l);
			break;
		case BGP:
			if (in_af && l->indent <= af_indent)
				in_af = false;
			if (w_is(l, 0, "ipv4-family") || w_is(l, 0, "address-family") ||
			    w_is(l, 0, "ipv6-family") || w_is(l, 0, "l2vpn-family") ||
			    w_is(l, 0, "vpn-instance") || w_is(l, 0, "ip")) {
				in_af = true;
				af_indent = l->indent;
				af_skip =
				    !((l->n == 2 && w_is(l, 0, "ipv4-family") && w_is(l, 1, "unicast")) ||
				      (w_is(l, 0, "address-family") && w_is(l, 1, "ipv4") &&
				       (l->n == 2 || (l->n == 3 && w_is(l, 2, "unicast")))));
				if ((w_is(l, 0, "ipv4-family") && d != VRP) ||
				    (w_is(l, 0, "address-family") && d != COMWARE))
					if (!af_skip)
						foreign(&h, l);
				break;
			}
			if (in_af && af_skip)
				break;
			bgp_line(&h, l);
			break;
		case TOP:
		case SKIP:
			break;
		}
	}
	if (h.foreign && r->n_recognized) {
		snprintf(err, errlen,
		         "line %u: \"%s\" is not %s syntax; is this the config of another vendor?",
		         h.foreign_line, h.foreign, vendor->display);
		return -1;
	}
	if (!r->n_recognized) {
		if (other)
			snprintf(err, errlen,
			         "line %u: \"%s\" is not %s syntax; is this the config of another vendor?",
			         other_line, other, vendor->display);
		else
			snprintf(err, errlen,
			         "line 1: no sysname, interface, bgp or route-policy statement: not a %s "
			         "current configuration",
			         vendor->display);
		return -1;
	}
	for (size_t i = 0; i < h.n_nodes; i++) {
		const struct hnode *nd = &h.nodes[i];
		uint32_t addr;
		if (!nd->is_peer || !ecrc_parse_ipv4(nd->name, &addr))
			continue;
		struct ecrc_run_neighbor *nb = ecrc_running_neighbor(r, addr, nd->nb.line);
		*nb = nd->nb;
		nb->address = addr;
		nb->group = nd->group;
		if (nd->group)
			for (size_t k = 0; k < h.n_nodes; k++)
				if (strcmp(h.nodes[k].name, nd->group) == 0)
					ecrc_running_inherit(nb, &h.nodes[k].nb);
	}
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

int ecrc_vrp_read_running(const char *text, size_t len, struct ecrc_arena *a, struct ecrc_running *out,
                          char *err, size_t errlen)
{
	return read_running(VRP, &ecrc_vendor_huawei_vrp, text, len, a, out, err, errlen);
}

int ecrc_comware_read_running(const char *text, size_t len, struct ecrc_arena *a, struct ecrc_running *out,
                              char *err, size_t errlen)
{
	return read_running(COMWARE, &ecrc_vendor_h3c_comware, text, len, a, out, err, errlen);
}
