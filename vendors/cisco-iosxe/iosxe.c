/*
 * iosxe.c: the Cisco IOS-XE backend: the IR in running-config syntax, and
 * the reader of the subset it emits.
 *
 * One 802.1Q sub-interface per uplink (numbered by its VLAN) with the BFD
 * intervals on it and echo mode off, Null0 anchors with network
 * statements, one prefix list and route-map per direction ending in an
 * explicit deny, and the BGP process with the IPv4 address family
 * activated per neighbor. Syntax and sources: docs/vendors/cisco-iosxe.md.
 */
#include <stdio.h>
#include <string.h>

#include "vendors/reader.h"

static void put_net_mask(struct ecrc_buf *out, struct ecrc_ipnet p)
{
	char a[16], m[16];
	ecrc_buf_printf(out, "%s %s", ecrc_fmt_ipv4(p.addr, a), ecrc_fmt_ipv4(ecrc_mask(p.len), m));
}

/* The layer-3 part of interface i: on its sub-interface, or on the port
 * for VLAN 0. */
static void render_l3(const struct ecrc_ir_cpe *cpe, size_t i, struct ecrc_buf *out)
{
	const struct ecrc_ir_iface *f = &cpe->ifaces[i];
	if (f->description)
		ecrc_buf_printf(out, " description %s\n", f->description);
	if (f->vlan)
		ecrc_buf_printf(out, " encapsulation dot1Q %u\n", f->vlan);
	ecrc_buf_puts(out, " ip address ");
	put_net_mask(out, f->address);
	ecrc_buf_printf(out, "\n ip mtu %u\n", f->mtu);
	const struct ecrc_ir_neighbor *nb = f->neighbor == ECRC_IR_NONE ? NULL : &cpe->neighbors[f->neighbor];
	if (nb && nb->bfd)
		ecrc_buf_printf(out, " bfd interval %u min_rx %u multiplier %u\n no bfd echo\n",
		                nb->bfd_min_tx_ms, nb->bfd_min_rx_ms, nb->bfd_multiplier);
	ecrc_buf_puts(out, " no shutdown\n");
}

static int iosxe_render(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	char a[16];

	ecrc_vendor_header(&ecrc_vendor_cisco_iosxe, cpe, out);
	ecrc_buf_printf(out, "hostname %s\n", cpe->hostname);

	/* In IR order: a tagged uplink gets its port (once, up, with the largest
	 * MTU of its sub-interfaces when that exceeds the default: a
	 * sub-interface cannot exceed it), then its sub-interface numbered by
	 * the VLAN; an untagged one (VLAN 0, a routed port) is the port. */
	for (size_t i = 0; i < cpe->n_ifaces; i++) {
		const struct ecrc_ir_iface *f = &cpe->ifaces[i];
		const struct ecrc_ir_port *port = &cpe->ports[f->port];
		if (port->first_iface == i || f->vlan == 0) {
			ecrc_buf_printf(out, "!\ninterface %s\n", f->parent);
			if (port->mtu > 1500)
				ecrc_buf_printf(out, " mtu %u\n", port->mtu);
			if (f->vlan == 0) {
				render_l3(cpe, i, out);
				continue;
			}
			ecrc_buf_puts(out, " no shutdown\n");
		}
		ecrc_buf_printf(out, "!\ninterface %s.%u\n", f->parent, f->vlan);
		render_l3(cpe, i, out);
	}

	if (cpe->n_statics)
		ecrc_buf_puts(out, "!\n");
	for (size_t i = 0; i < cpe->n_statics; i++) {
		const struct ecrc_ir_static *s = &cpe->statics[i];
		ecrc_buf_puts(out, "ip route ");
		put_net_mask(out, s->prefix);
		ecrc_buf_printf(out, " %s\n", s->has_next_hop ? ecrc_fmt_ipv4(s->next_hop, a) : "Null0");
	}

	for (size_t i = 0; i < cpe->n_neighbors; i++)
		ecrc_cisco_put_policies(&cpe->neighbors[i], "", out);

	if (cpe->n_neighbors) {
		ecrc_buf_printf(out,
		                "!\nrouter bgp %u\n bgp router-id %s\n bgp log-neighbor-changes\n"
		                " no bgp default ipv4-unicast\n",
		                cpe->asn, ecrc_fmt_ipv4(cpe->router_id, a));
		for (size_t i = 0; i < cpe->n_neighbors; i++) {
			const struct ecrc_ir_neighbor *nb = &cpe->neighbors[i];
			ecrc_fmt_ipv4(nb->address, a);
			ecrc_buf_printf(out, " neighbor %s remote-as %u\n", a, nb->remote_as);
			if (nb->description)
				ecrc_buf_printf(out, " neighbor %s description %s\n", a, nb->description);
			if (nb->md5_key)
				ecrc_buf_printf(out, " neighbor %s password %s\n", a, nb->md5_key);
			/* IOS-XE's own default is 60/180: the timers are always written */
			ecrc_buf_printf(out, " neighbor %s timers %u %u\n", a, nb->keepalive_s, nb->hold_s);
			if (nb->bfd)
				ecrc_buf_printf(out, " neighbor %s fall-over bfd\n", a);
		}
		ecrc_buf_puts(out, " !\n address-family ipv4\n");
		for (size_t i = 0; i < cpe->n_statics; i++) {
			if (cpe->statics[i].has_next_hop)
				continue;
			ecrc_buf_puts(out, "  network ");
			ecrc_buf_printf(out, "%s mask ", ecrc_fmt_ipv4(cpe->statics[i].prefix.addr, a));
			ecrc_buf_printf(out, "%s\n", ecrc_fmt_ipv4(ecrc_mask(cpe->statics[i].prefix.len), a));
		}
		for (size_t i = 0; i < cpe->n_neighbors; i++) {
			const struct ecrc_ir_neighbor *nb = &cpe->neighbors[i];
			ecrc_fmt_ipv4(nb->address, a);
			ecrc_buf_printf(out, "  neighbor %s activate\n", a);
			ecrc_buf_printf(out, "  neighbor %s route-map %s in\n", a, nb->import_policy);
			ecrc_buf_printf(out, "  neighbor %s route-map %s out\n", a, nb->export_policy);
			ecrc_buf_printf(out, "  neighbor %s", a);
			ecrc_vendor_put_cisco_max_prefix(nb, out);
		}
		ecrc_buf_printf(out, "  maximum-paths %u\n exit-address-family\n", cpe->maximum_paths);
	}
	ecrc_buf_puts(out, "!\nend\n");
	return 0;
}

/* ---- the reader ------------------------------------------------------------ */

enum ctx { TOP, PARENT, SUBIF, RMAP, BGP, AF };

struct ios_reader {
	struct ecrc_rd rd;
	enum ctx ctx;
	struct ecrc_rd_iface *iface;
	const char *port; /* the port of a PARENT block */
	struct ecrc_rd_term *term;
	bool ended;
};

/* "A.B.C.D" "M.M.M.M": an address and mask; a prefix must be in network form. */
static bool net_mask(const char *addr, const char *mask, struct ecrc_ipnet *p, bool host)
{
	uint8_t len;
	if (!ecrc_parse_ipv4(addr, &p->addr) || !ecrc_rd_netmask(mask, &len))
		return false;
	p->len = len;
	return host || ecrc_ipnet_equal(*p, ecrc_ipnet_network(*p));
}

static int read_neighbor(struct ecrc_rd *rd, const struct ecrc_rd_line *l, bool af)
{
	struct ecrc_rd_peer *p;
	int rc = ecrc_cisco_read_neighbor(rd, l, af, 2147483647u, &p);
	if (rc <= 0)
		return rc;
	if (af && l->n == 3 && strcmp(l->w[2], "activate") == 0)
		return 0;
	if (!af && l->n == 4 && strcmp(l->w[2], "fall-over") == 0 && strcmp(l->w[3], "bfd") == 0) {
		p->bfd_enabled = true;
		return 0;
	}
	return ecrc_rd_fail(rd, l->no, "unsupported %s command: %s", af ? "address-family" : "neighbor",
	                    l->text);
}

/* The layer-3 lines of a sub-interface, or of a port used untagged. */
static int read_l3(struct ecrc_rd *rd, struct ecrc_rd_iface *f, const struct ecrc_rd_line *l,
                   const char *what)
{
	const char *w0 = l->w[0];
	uint32_t v, v2, v3;
	struct ecrc_ipnet p;
	if (strcmp(w0, "description") == 0 && l->n >= 2)
		f->ir.description = ecrc_rd_rest(l, 1);
	else if (l->n == 4 && strcmp(w0, "ip") == 0 && strcmp(l->w[1], "address") == 0 &&
	         net_mask(l->w[2], l->w[3], &p, true)) {
		f->ir.address = p;
		f->has_address = true;
	} else if (l->n == 3 && strcmp(w0, "ip") == 0 && strcmp(l->w[1], "mtu") == 0 &&
	           ecrc_rd_u32(l->w[2], 68, 9216, &v))
		f->ir.mtu = v;
	else if (l->n == 7 && strcmp(w0, "bfd") == 0 && strcmp(l->w[1], "interval") == 0 &&
	         strcmp(l->w[3], "min_rx") == 0 && strcmp(l->w[5], "multiplier") == 0 &&
	         ecrc_rd_u32(l->w[2], 50, 9999, &v) && ecrc_rd_u32(l->w[4], 50, 9999, &v2) &&
	         ecrc_rd_u32(l->w[6], 3, 50, &v3)) {
		f->has_bfd = true;
		f->bfd_line = l->no;
		f->bfd_min_tx_ms = v;
		f->bfd_min_rx_ms = v2;
		f->bfd_multiplier = v3;
	} else if (!ecrc_rd_is(l, 0, (const char *const[]){"no", "bfd", "echo", NULL}) &&
	           !ecrc_rd_is(l, 0, (const char *const[]){"no", "shutdown", NULL}))
		return ecrc_rd_fail(rd, l->no, "unsupported %s command: %s", what, l->text);
	return 0;
}

/* A line inside the block opened by the last top-level line. */
static int read_sub(struct ios_reader *r, const struct ecrc_rd_line *l)
{
	struct ecrc_rd *rd = &r->rd;
	const char *w0 = l->w[0];
	uint32_t v;
	struct ecrc_ipnet p;

	switch (r->ctx) {
	case PARENT:
		if (ecrc_rd_is(l, 0, (const char *const[]){"no", "shutdown", NULL}) ||
		    (l->n == 2 && strcmp(w0, "mtu") == 0 && ecrc_rd_u32(l->w[1], 1500, 9216, &v)))
			return 0;
		/* layer 3 on the port itself: an untagged uplink (VLAN 0) */
		if (!r->iface) {
			r->iface = ecrc_rd_iface_find(rd, r->port, 0);
			if (!r->iface) {
				r->iface = ecrc_rd_iface_add(rd, r->port, 0, l->no);
				r->iface->ir.mtu = 1500;
			}
		}
		return read_l3(rd, r->iface, l, "interface");
	case SUBIF:
		if (l->n == 3 && strcmp(w0, "encapsulation") == 0 && strcmp(l->w[1], "dot1Q") == 0 &&
		    ecrc_rd_u32(l->w[2], 1, 4094, &v) && v == r->iface->ir.vlan)
			return 0;
		return read_l3(rd, r->iface, l, "sub-interface");
	case RMAP:
		return ecrc_cisco_read_rmap_line(rd, r->term, l);
	case BGP:
		if (l->n == 3 && strcmp(w0, "bgp") == 0 && strcmp(l->w[1], "router-id") == 0 &&
		    ecrc_parse_ipv4(l->w[2], &rd->router_id))
			rd->has_router_id = true;
		else if (ecrc_rd_is(l, 0, (const char *const[]){"bgp", "log-neighbor-changes", NULL}) ||
		         ecrc_rd_is(l, 0,
		                    (const char *const[]){"no", "bgp", "default", "ipv4-unicast", NULL}))
			;
		else if (strcmp(w0, "neighbor") == 0)
			return read_neighbor(rd, l, false);
		else if (ecrc_rd_is(l, 0, (const char *const[]){"address-family", "ipv4", NULL}) ||
		         ecrc_rd_is(l, 0, (const char *const[]){"address-family", "ipv4", "unicast", NULL}))
			r->ctx = AF;
		else
			return ecrc_rd_fail(rd, l->no, "unsupported router bgp command: %s", l->text);
		return 0;
	case AF:
		if (ecrc_rd_is(l, 0, (const char *const[]){"exit-address-family", NULL})) {
			r->ctx = BGP;
		} else if (l->n == 4 && strcmp(w0, "network") == 0 && strcmp(l->w[2], "mask") == 0) {
			if (!net_mask(l->w[1], l->w[3], &p, false))
				return ecrc_rd_fail(rd, l->no, "bad network %s mask %s", l->w[1], l->w[3]);
			ecrc_rd_network_add(rd, p, l->no);
		} else if (l->n == 2 && strcmp(w0, "maximum-paths") == 0 && ecrc_rd_u32(l->w[1], 1, 64, &v)) {
			rd->maximum_paths = v;
		} else if (strcmp(w0, "neighbor") == 0) {
			return read_neighbor(rd, l, true);
		} else {
			return ecrc_rd_fail(rd, l->no, "unsupported address-family command: %s", l->text);
		}
		return 0;
	case TOP:
		break;
	}
	return ecrc_rd_fail(rd, l->no, "unexpected indented line: %s", l->text);
}

static int read_top(struct ios_reader *r, const struct ecrc_rd_line *l)
{
	struct ecrc_rd *rd = &r->rd;
	const char *w0 = l->w[0];
	uint32_t v;
	struct ecrc_ipnet p;

	r->ctx = TOP;
	if (r->ended)
		return ecrc_rd_fail(rd, l->no, "configuration after \"end\"");
	if (l->n == 1 && strcmp(w0, "end") == 0) {
		r->ended = true;
		return 0;
	}
	if (l->n == 2 && strcmp(w0, "hostname") == 0) {
		rd->hostname = l->w[1];
		return 0;
	}
	if (l->n == 2 && strcmp(w0, "interface") == 0) {
		const char *dot = strrchr(l->w[1], '.');
		if (!dot) {
			r->ctx = PARENT;
			r->port = l->w[1];
			r->iface = NULL; /* made on the first layer-3 line */
			return 0;
		}
		if (!ecrc_rd_u32(dot + 1, 1, 4094, &v))
			return ecrc_rd_fail(rd, l->no,
			                    "sub-interface %s: ecrc numbers sub-interfaces by VLAN", l->w[1]);
		const char *parent = ecrc_arena_strndup(rd->arena, l->w[1], (size_t)(dot - l->w[1]));
		if (ecrc_rd_iface_find(rd, parent, v))
			return ecrc_rd_fail(rd, l->no, "interface %s appears twice", l->w[1]);
		r->iface = ecrc_rd_iface_add(rd, parent, v, l->no);
		r->iface->ir.mtu = 1500;
		r->ctx = SUBIF;
		return 0;
	}
	if (l->n == 5 && strcmp(w0, "ip") == 0 && strcmp(l->w[1], "route") == 0) {
		if (!net_mask(l->w[2], l->w[3], &p, false))
			return ecrc_rd_fail(rd, l->no, "bad prefix %s %s", l->w[2], l->w[3]);
		uint32_t nh = 0;
		bool discard = strcmp(l->w[4], "Null0") == 0;
		if (!discard && !ecrc_parse_ipv4(l->w[4], &nh))
			return ecrc_rd_fail(rd, l->no, "expected Null0 or a next hop, not %s", l->w[4]);
		ecrc_rd_static_at(rd, p, !discard, nh, l->no);
		return 0;
	}
	if (l->n >= 3 && strcmp(w0, "ip") == 0 && strcmp(l->w[1], "prefix-list") == 0)
		return ecrc_cisco_read_plist(rd, l);
	if (l->n == 4 && strcmp(w0, "route-map") == 0) {
		bool deny = strcmp(l->w[2], "deny") == 0;
		if ((!deny && strcmp(l->w[2], "permit") != 0) || !ecrc_rd_u32(l->w[3], 0, 65535, &v))
			return ecrc_rd_fail(rd, l->no, "expected \"route-map NAME permit|deny SEQ\"");
		r->term = ecrc_rd_term_get(rd, ecrc_rd_policy_get(rd, l->w[1], l->no), v, l->no);
		r->term->deny = deny;
		r->ctx = RMAP;
		return 0;
	}
	if (l->n == 3 && strcmp(w0, "router") == 0 && strcmp(l->w[1], "bgp") == 0) {
		if (rd->has_asn)
			return ecrc_rd_fail(rd, l->no, "a second router bgp");
		if (!ecrc_parse_asn(l->w[2], &rd->asn))
			return ecrc_rd_fail(rd, l->no, "bad AS number %s", l->w[2]);
		rd->has_asn = true;
		r->ctx = BGP;
		return 0;
	}
	return ecrc_rd_fail(rd, l->no, "unsupported command: %s", l->text);
}

static int iosxe_read(const char *text, size_t len, struct ecrc_arena *arena, struct ecrc_ir_cpe **out,
                      char *err, size_t errlen)
{
	struct ios_reader r = {0};
	struct ecrc_ir_cpe hdr = {0};
	*out = NULL;
	ecrc_rd_init(&r.rd, arena, err, errlen);
	r.rd.uses_networks = true;
	r.rd.default_keepalive_s = 60; /* IOS-XE's own defaults, for a peer without timers */
	r.rd.default_hold_s = 180;
	if (ecrc_vendor_read_header(&ecrc_vendor_cisco_iosxe, text, len, arena, &hdr, err, errlen))
		return -1;

	struct ecrc_rd_line *lines;
	size_t n;
	ecrc_rd_split(text, len, "!", arena, &lines, &n);
	for (size_t i = 0; i < n; i++) {
		int rc = lines[i].indent == 0 ? read_top(&r, &lines[i]) : read_sub(&r, &lines[i]);
		if (rc)
			return -1;
	}

	struct ecrc_ir_cpe *cpe;
	if (ecrc_rd_finish(&r.rd, &cpe))
		return -1;
	ecrc_rd_take_header(cpe, &hdr);
	*out = cpe;
	return 0;
}

static const struct ecrc_vendor_limits iosxe_limits = {
    .bfd_interval_min_ms = 50,
    .bfd_interval_max_ms = 9999,
    .bfd_multiplier_min = 3,
    .bfd_multiplier_max = 50,
    .md5_key_max = 25,
    .hold_min_s = 3,
    .max_prefixes_max = 2147483647,
};

/* How to apply the file safely, per platform (vendors.md point 8); the
 * sources are on docs/vendors/. */
static const char *const iosxe_apply_all[] = {
    "How to apply: with a configuration archive set up (archive, path flash:ecrc-),",
    "enter 'configure terminal revert timer 10' and paste this file: it merges into",
    "the running configuration and removes nothing. Check 'show bgp ipv4 unicast",
    "summary' and 'show bfd neighbors', then 'configure confirm' within 10 minutes,",
    "or IOS-XE rolls back to the archived configuration by itself. Never use",
    "'configure replace' with this file: it holds only the Express Connect peering.",
    NULL,
};
static const struct ecrc_vendor_platform iosxe_platforms[] = {
    {NULL, "IOS-XE", iosxe_apply_all},
};

const struct ecrc_vendor ecrc_vendor_cisco_iosxe = {
    .name = "cisco-iosxe",
    .display = "Cisco IOS-XE",
    .ext = ".ios",
    .comment = "!",
    .iface_pattern = "(GigabitEthernet|TwoGigabitEthernet|FiveGigabitEthernet|TenGigabitEthernet|"
                     "TwentyFiveGigE|FortyGigabitEthernet|HundredGigE|FourHundredGigE|Ethernet|FastEthernet|"
                     "Port-channel|Gi|Tw|Te|Twe|Fo|Hu|Et|Fa|Po)\\d+(/\\d+){0,3}",
    .iface_example = "GigabitEthernet0/0/1",
    .syntax_chars = "", /* nothing beyond "-./:_" */
    .prefix_restart_unit_s = 60,
    .prefix_warn = true,
    .render = iosxe_render,
    .read = iosxe_read,
    .limits = &iosxe_limits,
    .platforms = iosxe_platforms,
    .n_platforms = sizeof iosxe_platforms / sizeof iosxe_platforms[0],
    .read_running = ecrc_iosxe_read_running,
};
