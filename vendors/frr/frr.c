/*
 * frr.c: the FRRouting backend (FRR 8.x, vtysh/frr.conf syntax): the IR as
 * an integrated frr.conf, and the reader of the subset it emits.
 *
 * zebra does not create VLAN devices, so the 802.1Q sub-interfaces are
 * given as iproute2 commands in a comment block that the operator (or the
 * lab) runs first; the reader takes the parent, VLAN and MTU from there.
 * Everything else is FRR configuration: interface addresses, blackhole
 * anchors, a bfdd profile per distinct timer set, prefix lists and
 * route-maps in and out (bgp ebgp-requires-policy is on by default), and
 * the BGP process. Syntax and sources: docs/vendors/frr.md.
 */
#include <stdio.h>
#include <string.h>

#include "vendors/reader.h"

static void bfd_profile_name(const struct ecrc_ir_neighbor *nb, char *buf, size_t n)
{
	snprintf(buf, n, "ECRC-BFD-%u-%u-%u", nb->bfd_min_tx_ms, nb->bfd_min_rx_ms, nb->bfd_multiplier);
}

static int frr_render(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	char a[16], p[19], name[96];

	ecrc_vendor_header(&ecrc_vendor_frr, cpe, out);
	ecrc_buf_puts(out, "frr defaults traditional\n");
	ecrc_buf_printf(out, "hostname %s\n", cpe->hostname);
	ecrc_buf_puts(out, "ip forwarding\n");

	ecrc_vendor_put_links(
	    &ecrc_vendor_frr, cpe,
	    "zebra does not create VLAN devices: create the sub-interfaces first (iproute2):", false, out);
	for (size_t i = 0; i < cpe->n_ifaces; i++) {
		const struct ecrc_ir_iface *f = &cpe->ifaces[i];
		ecrc_buf_printf(out, "!\ninterface %s\n", ecrc_vendor_linux_ifname(f, name, sizeof name));
		if (f->description)
			ecrc_buf_printf(out, " description %s\n", f->description);
		ecrc_buf_printf(out, " ip address %s\nexit\n", ecrc_fmt_ipnet(f->address, p));
	}

	if (cpe->n_statics)
		ecrc_buf_puts(out, "!\n");
	for (size_t i = 0; i < cpe->n_statics; i++) {
		const struct ecrc_ir_static *s = &cpe->statics[i];
		ecrc_buf_printf(out, "ip route %s %s\n", ecrc_fmt_ipnet(s->prefix, p),
		                s->has_next_hop ? ecrc_fmt_ipv4(s->next_hop, a) : "blackhole");
	}

	/* one bfdd profile per distinct timer set, in order of first use */
	bool any_bfd = false;
	for (size_t i = 0; i < cpe->n_neighbors; i++) {
		const struct ecrc_ir_neighbor *nb = &cpe->neighbors[i];
		if (!nb->bfd)
			continue;
		bool seen = false;
		for (size_t j = 0; j < i; j++) {
			const struct ecrc_ir_neighbor *o = &cpe->neighbors[j];
			if (o->bfd && o->bfd_min_tx_ms == nb->bfd_min_tx_ms &&
			    o->bfd_min_rx_ms == nb->bfd_min_rx_ms && o->bfd_multiplier == nb->bfd_multiplier)
				seen = true;
		}
		if (seen)
			continue;
		if (!any_bfd)
			ecrc_buf_puts(out, "!\nbfd\n");
		any_bfd = true;
		bfd_profile_name(nb, name, sizeof name);
		ecrc_buf_printf(
		    out,
		    " profile %s\n  transmit-interval %u\n  receive-interval %u\n  detect-multiplier %u\n"
		    " exit\n",
		    name, nb->bfd_min_tx_ms, nb->bfd_min_rx_ms, nb->bfd_multiplier);
	}
	if (any_bfd)
		ecrc_buf_puts(out, "exit\n");

	for (size_t i = 0; i < cpe->n_neighbors; i++)
		ecrc_cisco_put_policies(&cpe->neighbors[i], "exit\n", out);

	if (!cpe->n_neighbors)
		return 0;
	ecrc_buf_printf(out, "!\nrouter bgp %u\n bgp router-id %s\n bgp log-neighbor-changes\n", cpe->asn,
	                ecrc_fmt_ipv4(cpe->router_id, a));
	for (size_t i = 0; i < cpe->n_neighbors; i++) {
		const struct ecrc_ir_neighbor *nb = &cpe->neighbors[i];
		ecrc_fmt_ipv4(nb->address, a);
		ecrc_buf_printf(out, " neighbor %s remote-as %u\n", a, nb->remote_as);
		if (nb->description)
			ecrc_buf_printf(out, " neighbor %s description %s\n", a, nb->description);
		if (nb->md5_key)
			ecrc_buf_printf(out, " neighbor %s password %s\n", a, nb->md5_key);
		/* FRR's own default is 60/180: the timers are always written */
		ecrc_buf_printf(out, " neighbor %s timers %u %u\n", a, nb->keepalive_s, nb->hold_s);
		if (nb->bfd) {
			bfd_profile_name(nb, name, sizeof name);
			ecrc_buf_printf(out, " neighbor %s bfd\n neighbor %s bfd profile %s\n", a, a, name);
		}
	}
	ecrc_buf_puts(out, " !\n address-family ipv4 unicast\n");
	for (size_t i = 0; i < cpe->n_statics; i++)
		if (!cpe->statics[i].has_next_hop)
			ecrc_buf_printf(out, "  network %s\n", ecrc_fmt_ipnet(cpe->statics[i].prefix, p));
	for (size_t i = 0; i < cpe->n_neighbors; i++) {
		const struct ecrc_ir_neighbor *nb = &cpe->neighbors[i];
		ecrc_fmt_ipv4(nb->address, a);
		ecrc_buf_printf(out, "  neighbor %s route-map %s in\n", a, nb->import_policy);
		ecrc_buf_printf(out, "  neighbor %s route-map %s out\n", a, nb->export_policy);
		ecrc_buf_printf(out, "  neighbor %s", a);
		ecrc_vendor_put_cisco_max_prefix(nb, out);
	}
	ecrc_buf_printf(out, "  maximum-paths %u\n exit-address-family\nexit\n", cpe->maximum_paths);
	return 0;
}

/* ---- the reader ------------------------------------------------------------ */

struct bfd_profile {
	const char *name;
	uint32_t line, tx, rx, mult;
};

struct frr_reader {
	struct ecrc_rd rd;
	struct ecrc_vendor_link *links;
	size_t n_links;
	struct bfd_profile *profiles;
	size_t n_profiles, cap_profiles;
};

static bool parse_prefix(const char *s, struct ecrc_ipnet *p)
{
	return ecrc_parse_ipnet(s, p) && ecrc_ipnet_equal(*p, ecrc_ipnet_network(*p));
}

enum ctx { TOP, IFACE, BFD, PROFILE, RMAP, BGP, AF };

static int read_neighbor(struct frr_reader *r, const struct ecrc_rd_line *l, bool af)
{
	struct ecrc_rd *rd = &r->rd;
	struct ecrc_rd_peer *p;
	int rc = ecrc_cisco_read_neighbor(rd, l, af, 4294967295u, &p);
	if (rc <= 0)
		return rc;
	if (!af && l->n == 3 && strcmp(l->w[2], "bfd") == 0) {
		p->bfd_enabled = true;
		return 0;
	}
	if (!af && l->n == 5 && strcmp(l->w[2], "bfd") == 0 && strcmp(l->w[3], "profile") == 0) {
		const struct bfd_profile *pr = NULL;
		for (size_t i = 0; i < r->n_profiles; i++)
			if (strcmp(r->profiles[i].name, l->w[4]) == 0)
				pr = &r->profiles[i];
		if (!pr)
			return ecrc_rd_fail(rd, l->no, "BFD profile %s is not defined", l->w[4]);
		p->bfd_enabled = true;
		p->has_bfd_timers = true;
		p->ir.bfd_min_tx_ms = pr->tx;
		p->ir.bfd_min_rx_ms = pr->rx;
		p->ir.bfd_multiplier = pr->mult;
		return 0;
	}
	return ecrc_rd_fail(rd, l->no, "unsupported %s command: %s", af ? "address-family" : "neighbor",
	                    l->text);
}

static int read_line(struct frr_reader *r, const struct ecrc_rd_line *l, enum ctx *ctx,
                     struct ecrc_rd_iface **iface, struct bfd_profile **prof, struct ecrc_rd_term **term)
{
	struct ecrc_rd *rd = &r->rd;
	const char *w0 = l->w[0];
	uint32_t v;
	struct ecrc_ipnet p;

	switch (*ctx) {
	case IFACE:
		if (strcmp(w0, "exit") == 0 && l->n == 1)
			*ctx = TOP;
		else if (strcmp(w0, "description") == 0 && l->n >= 2)
			(*iface)->ir.description = ecrc_rd_rest(l, 1);
		else if (l->n == 3 && strcmp(w0, "ip") == 0 && strcmp(l->w[1], "address") == 0 &&
		         ecrc_parse_ipnet(l->w[2], &p)) {
			(*iface)->ir.address = p;
			(*iface)->has_address = true;
		} else
			return ecrc_rd_fail(rd, l->no, "unsupported interface command: %s", l->text);
		return 0;
	case BFD:
		if (strcmp(w0, "exit") == 0 && l->n == 1)
			*ctx = TOP;
		else if (strcmp(w0, "profile") == 0 && l->n == 2) {
			r->profiles = ecrc_rd_grow(rd->arena, r->profiles, &r->cap_profiles, r->n_profiles,
			                           sizeof *r->profiles);
			*prof = &r->profiles[r->n_profiles++];
			**prof = (struct bfd_profile){
			    .name = l->w[1], .line = l->no, .tx = 300, .rx = 300, .mult = 3};
			*ctx = PROFILE;
		} else
			return ecrc_rd_fail(rd, l->no, "unsupported bfd command: %s", l->text);
		return 0;
	case PROFILE:
		if (strcmp(w0, "exit") == 0 && l->n == 1)
			*ctx = BFD;
		else if (l->n == 2 && strcmp(w0, "transmit-interval") == 0 &&
		         ecrc_rd_u32(l->w[1], 10, 60000, &v))
			(*prof)->tx = v;
		else if (l->n == 2 && strcmp(w0, "receive-interval") == 0 &&
		         ecrc_rd_u32(l->w[1], 10, 60000, &v))
			(*prof)->rx = v;
		else if (l->n == 2 && strcmp(w0, "detect-multiplier") == 0 &&
		         ecrc_rd_u32(l->w[1], 2, 255, &v))
			(*prof)->mult = v;
		else
			return ecrc_rd_fail(rd, l->no, "unsupported bfd profile command: %s", l->text);
		return 0;
	case RMAP:
		if (strcmp(w0, "exit") == 0 && l->n == 1) {
			*ctx = TOP;
			return 0;
		}
		return ecrc_cisco_read_rmap_line(rd, *term, l);
	case BGP:
		if (strcmp(w0, "exit") == 0 && l->n == 1)
			*ctx = TOP;
		else if (l->n == 3 && strcmp(w0, "bgp") == 0 && strcmp(l->w[1], "router-id") == 0 &&
		         ecrc_parse_ipv4(l->w[2], &rd->router_id))
			rd->has_router_id = true;
		else if (l->n == 2 && strcmp(w0, "bgp") == 0 && strcmp(l->w[1], "log-neighbor-changes") == 0)
			;
		else if (strcmp(w0, "neighbor") == 0)
			return read_neighbor(r, l, false);
		else if (l->n == 3 && strcmp(w0, "address-family") == 0 && strcmp(l->w[1], "ipv4") == 0 &&
		         strcmp(l->w[2], "unicast") == 0)
			*ctx = AF;
		else
			return ecrc_rd_fail(rd, l->no, "unsupported router bgp command: %s", l->text);
		return 0;
	case AF:
		if (strcmp(w0, "exit-address-family") == 0 && l->n == 1)
			*ctx = BGP;
		else if (l->n == 2 && strcmp(w0, "network") == 0 && parse_prefix(l->w[1], &p))
			ecrc_rd_network_add(rd, p, l->no);
		else if (l->n == 2 && strcmp(w0, "maximum-paths") == 0 && ecrc_rd_u32(l->w[1], 1, 256, &v))
			rd->maximum_paths = v;
		else if (strcmp(w0, "neighbor") == 0)
			return read_neighbor(r, l, true);
		else
			return ecrc_rd_fail(rd, l->no, "unsupported address-family command: %s", l->text);
		return 0;
	case TOP:
		break;
	}

	if (l->n == 3 && strcmp(w0, "frr") == 0 && strcmp(l->w[1], "defaults") == 0)
		return 0;
	if (l->n == 2 && strcmp(w0, "ip") == 0 && strcmp(l->w[1], "forwarding") == 0)
		return 0;
	if (l->n == 2 && strcmp(w0, "hostname") == 0) {
		rd->hostname = l->w[1];
		return 0;
	}
	if (l->n == 2 && strcmp(w0, "interface") == 0) {
		const struct ecrc_vendor_link *k = NULL;
		for (size_t i = 0; i < r->n_links; i++)
			if (strcmp(r->links[i].name, l->w[1]) == 0)
				k = &r->links[i];
		if (!k)
			return ecrc_rd_fail(
			    rd, l->no,
			    "interface %s is not a VLAN device of the \"ip link add\" comment block",
			    l->w[1]);
		if (ecrc_rd_iface_find(rd, k->parent, k->vlan))
			return ecrc_rd_fail(rd, l->no, "interface %s appears twice", l->w[1]);
		*iface = ecrc_rd_iface_add(rd, k->parent, k->vlan, l->no);
		(*iface)->ir.mtu = k->mtu;
		*ctx = IFACE;
		return 0;
	}
	if (l->n == 4 && strcmp(w0, "ip") == 0 && strcmp(l->w[1], "route") == 0) {
		if (!parse_prefix(l->w[2], &p))
			return ecrc_rd_fail(rd, l->no, "bad prefix %s", l->w[2]);
		uint32_t nh = 0;
		bool discard = strcmp(l->w[3], "blackhole") == 0;
		if (!discard && !ecrc_parse_ipv4(l->w[3], &nh))
			return ecrc_rd_fail(rd, l->no, "expected blackhole or a next hop, not %s", l->w[3]);
		ecrc_rd_static_at(rd, p, !discard, nh, l->no);
		return 0;
	}
	if (l->n == 1 && strcmp(w0, "bfd") == 0) {
		*ctx = BFD;
		return 0;
	}
	if (l->n >= 3 && strcmp(w0, "ip") == 0 && strcmp(l->w[1], "prefix-list") == 0)
		return ecrc_cisco_read_plist(rd, l);
	if (l->n == 4 && strcmp(w0, "route-map") == 0) {
		bool deny = strcmp(l->w[2], "deny") == 0;
		if ((!deny && strcmp(l->w[2], "permit") != 0) || !ecrc_rd_u32(l->w[3], 1, 65535, &v))
			return ecrc_rd_fail(rd, l->no, "expected \"route-map NAME permit|deny SEQ\"");
		struct ecrc_rd_policy *pol = ecrc_rd_policy_get(rd, l->w[1], l->no);
		*term = ecrc_rd_term_get(rd, pol, v, l->no);
		(*term)->deny = deny;
		*ctx = RMAP;
		return 0;
	}
	if (l->n == 3 && strcmp(w0, "router") == 0 && strcmp(l->w[1], "bgp") == 0) {
		if (rd->has_asn)
			return ecrc_rd_fail(rd, l->no, "a second router bgp");
		if (!ecrc_parse_asn(l->w[2], &rd->asn))
			return ecrc_rd_fail(rd, l->no, "bad AS number %s", l->w[2]);
		rd->has_asn = true;
		*ctx = BGP;
		return 0;
	}
	return ecrc_rd_fail(rd, l->no, "unsupported command: %s", l->text);
}

static int frr_read(const char *text, size_t len, struct ecrc_arena *arena, struct ecrc_ir_cpe **out,
                    char *err, size_t errlen)
{
	struct frr_reader r = {0};
	struct ecrc_ir_cpe hdr = {0};
	*out = NULL;
	ecrc_rd_init(&r.rd, arena, err, errlen);
	r.rd.uses_networks = true;
	r.rd.default_keepalive_s = 60; /* FRR's own defaults, for a peer without timers */
	r.rd.default_hold_s = 180;
	if (ecrc_vendor_read_header(&ecrc_vendor_frr, text, len, arena, &hdr, err, errlen) ||
	    ecrc_vendor_read_links(&ecrc_vendor_frr, text, len, arena, &r.links, &r.n_links, err, errlen))
		return -1;

	struct ecrc_rd_line *lines;
	size_t n;
	ecrc_rd_split(text, len, "!", arena, &lines, &n);
	enum ctx ctx = TOP;
	struct ecrc_rd_iface *iface = NULL;
	struct bfd_profile *prof = NULL;
	struct ecrc_rd_term *term = NULL;
	for (size_t i = 0; i < n; i++)
		if (read_line(&r, &lines[i], &ctx, &iface, &prof, &term))
			return -1;
	if (ctx != TOP)
		return ecrc_rd_fail(&r.rd, n ? lines[n - 1].no : 1, "the configuration ends inside a block");

	struct ecrc_ir_cpe *cpe;
	if (ecrc_rd_finish(&r.rd, &cpe))
		return -1;
	ecrc_rd_take_header(cpe, &hdr);
	*out = cpe;
	return 0;
}
static const struct ecrc_vendor_limits frr_limits = {
    .bfd_interval_min_ms = 10,
    .bfd_interval_max_ms = 60000,
    .bfd_multiplier_min = 2,
    .bfd_multiplier_max = 255,
    .md5_key_max = 80,
};

/* How to apply the file safely, per platform (vendors.md point 8); the
 * sources are on docs/vendors/. */
static const char *const frr_apply_all[] = {
    "How to apply: create the VLAN devices first (the ip link lines below), check",
    "the file with 'vtysh --dryrun -f FILE', then 'vtysh -f FILE' merges it into the",
    "running daemons. Check 'show bgp summary' and 'show bfd peers', then 'write",
    "memory'. Do not use 'frr-reload.py --reload' with this file: it would remove",
    "every configuration line the file does not hold.",
    NULL,
};
static const struct ecrc_vendor_platform frr_platforms[] = {
    {NULL, "FRRouting", frr_apply_all},
};

const struct ecrc_vendor ecrc_vendor_frr = {
    .name = "frr",
    .display = "FRRouting",
    .ext = ".frr.conf",
    .comment = "!",
    /* a Linux device name short enough that NAME.VLAN fits IFNAMSIZ (15) */
    .iface_pattern = "[A-Za-z][A-Za-z0-9_-]{0,9}",
    .iface_example = "eth1",
    .syntax_chars = "", /* nothing beyond "-./:_" */
    .prefix_restart_unit_s = 60,
    .prefix_warn = true,
    .render = frr_render,
    .read = frr_read,
    .limits = &frr_limits,
    .platforms = frr_platforms,
    .n_platforms = sizeof frr_platforms / sizeof frr_platforms[0],
    .read_running = ecrc_frr_read_running,
};
