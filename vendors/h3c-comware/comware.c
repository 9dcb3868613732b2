/*
 * comware.c: the H3C Comware 7 backend (S-series data-center switches and
 * MSR/SR routers). Renders the CPE IR as Comware configuration in the form
 * `display current-configuration` prints ("#" between sections, "return" at
 * the end), ordered so that it can be pasted into the system view as is;
 * and reads that subset back. BFD intervals live on the interface on
 * Comware, not on the BGP peer. docs/vendors/h3c-comware.md says what each
 * command is, where its syntax comes from, and what is left out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendors/reader.h"

/* The node of the final deny of every route-policy: the last one there is. */
#define COMWARE_DENY_NODE 65535
/* Comware's BGP timers when none are set: the design's 30/90 must be written. */
#define COMWARE_KEEPALIVE_S 60
#define COMWARE_HOLD_S 180

/* ---- render --------------------------------------------------------------- */

static const char *mask_of(uint8_t len, char buf[16])
{
	return ecrc_fmt_ipv4(ecrc_mask(len), buf);
}

/* The neighbor over interface k, when it runs BFD: its intervals go on the
 * interface, where Comware takes them from for every session on it. */
static const struct ecrc_ir_neighbor *bfd_neighbor(const struct ecrc_ir_cpe *cpe, size_t k)
{
	size_t n = cpe->ifaces[k].neighbor;
	return n != ECRC_IR_NONE && cpe->neighbors[n].bfd ? &cpe->neighbors[n] : NULL;
}

static void render_address(const struct ecrc_ir_cpe *cpe, size_t k, struct ecrc_buf *out)
{
	char a[16], m[16];
	const struct ecrc_ir_iface *f = &cpe->ifaces[k];
	if (f->description)
		ecrc_buf_printf(out, " description %s\n", f->description);
	ecrc_buf_printf(out, " mtu %u\n", f->mtu);
	ecrc_buf_printf(out, " ip address %s %s\n", ecrc_fmt_ipv4(f->address.addr, a),
	                mask_of(f->address.len, m));
	if (f->vlan)
		ecrc_buf_printf(out, " vlan-type dot1q vid %u\n", f->vlan);
	const struct ecrc_ir_neighbor *nb = bfd_neighbor(cpe, k);
	if (nb) {
		ecrc_buf_printf(out, " bfd min-transmit-interval %u\n", nb->bfd_min_tx_ms);
		ecrc_buf_printf(out, " bfd min-receive-interval %u\n", nb->bfd_min_rx_ms);
		ecrc_buf_printf(out, " bfd detect-multiplier %u\n", nb->bfd_multiplier);
	}
}

/* Each parent port once, in route mode (a switch port is a bridge port
 * otherwise), carrying the address itself when the VBR uses it untagged;
 * then its sub-interfaces in the IR's order. */
static void render_interfaces(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	ecrc_vendor_render_ports(cpe, " port link-mode route", "#", render_address, out);
}

static void render_prefix_list(const struct ecrc_ir_prefix_list *l, struct ecrc_buf *out)
{
	char a[16];
	for (size_t i = 0; i < l->n_entries; i++) {
		const struct ecrc_ir_prefix_entry *e = &l->entries[i];
		struct ecrc_ipnet p = ecrc_ipnet_network(e->prefix);
		ecrc_buf_printf(out, "ip prefix-list %s index %zu permit %s %u", l->name, (i + 1) * 10,
		                ecrc_fmt_ipv4(p.addr, a), p.len);
		/* mask-length <= greater-equal <= less-equal <= 32 */
		if (e->ge || e->le)
			ecrc_buf_printf(out, " greater-equal %u less-equal %u", e->ge ? e->ge : p.len,
			                e->le ? e->le : 32);
		ecrc_buf_putc(out, '\n');
	}
}

static void render_policies(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	for (size_t n = 0; n < cpe->n_neighbors; n++) {
		const struct ecrc_ir_neighbor *nb = &cpe->neighbors[n];
		if (!ecrc_ir_policy_seen(cpe, n, nb->import_policy)) {
			if (nb->import_list.n_entries) {
				ecrc_buf_printf(
				    out,
				    "route-policy %s permit node 10\n if-match ip address prefix-list %s\n",
				    nb->import_policy, nb->import_list.name);
				if (nb->import_local_pref)
					ecrc_buf_printf(out, " apply local-preference %u\n",
					                nb->import_local_pref);
				ecrc_buf_puts(out, "#\n");
			}
			ecrc_buf_printf(out, "route-policy %s deny node %u\n#\n", nb->import_policy,
			                COMWARE_DENY_NODE);
		}
		if (ecrc_ir_policy_seen(cpe, n, nb->export_policy) ||
		    strcmp(nb->export_policy, nb->import_policy) == 0)
			continue;
		for (size_t t = 0; t < nb->n_export_terms; t++) {
			const struct ecrc_ir_export_term *x = &nb->export_terms[t];
			ecrc_buf_printf(out, "route-policy %s permit node %zu\n", nb->export_policy,
			                (t + 1) * 10);
			ecrc_buf_printf(out, " if-match ip address prefix-list %s\n", x->match.name);
			if (x->n_prepend) {
				/* without "replace", Comware puts these before the path */
				ecrc_buf_puts(out, " apply as-path");
				for (size_t k = 0; k < x->n_prepend; k++)
					ecrc_buf_printf(out, " %u", x->prepend[k]);
				ecrc_buf_putc(out, '\n');
			}
			if (x->has_med)
				ecrc_buf_printf(out, " apply cost %u\n", x->med);
			ecrc_buf_printf(out, " apply origin %s\n",
			                x->origin == ECRC_IR_ORIGIN_INCOMPLETE ? "incomplete" : "igp");
			ecrc_buf_puts(out, "#\n");
		}
		ecrc_buf_printf(out, "route-policy %s deny node %u\n#\n", nb->export_policy,
		                COMWARE_DENY_NODE);
	}
}

static void render_statics(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	char a[16], h[16];
	for (size_t i = 0; i < cpe->n_statics; i++) {
		const struct ecrc_ir_static *s = &cpe->statics[i];
		struct ecrc_ipnet p = ecrc_ipnet_network(s->prefix);
		ecrc_buf_printf(out, "ip route-static %s %u %s\n", ecrc_fmt_ipv4(p.addr, a), p.len,
		                s->has_next_hop ? ecrc_fmt_ipv4(s->next_hop, h) : "NULL0");
	}
	if (cpe->n_statics)
		ecrc_buf_puts(out, "#\n");
}

static void render_bgp(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	char a[16], m[16];
	ecrc_buf_printf(out, "bgp %u\n", cpe->asn);
	ecrc_buf_printf(out, " router-id %s\n", ecrc_fmt_ipv4(cpe->router_id, a));
	for (size_t n = 0; n < cpe->n_neighbors; n++) {
		const struct ecrc_ir_neighbor *nb = &cpe->neighbors[n];
		const char *p = ecrc_fmt_ipv4(nb->address, a);
		ecrc_buf_printf(out, " peer %s as-number %u\n", p, nb->remote_as);
		if (nb->description)
			ecrc_buf_printf(out, " peer %s description %s\n", p, nb->description);
		if (nb->md5_key)
			ecrc_buf_printf(out, " peer %s password simple %s\n", p, nb->md5_key);
		if (nb->keepalive_s != COMWARE_KEEPALIVE_S || nb->hold_s != COMWARE_HOLD_S)
			ecrc_buf_printf(out, " peer %s timer keepalive %u hold %u\n", p, nb->keepalive_s,
			                nb->hold_s);
		if (nb->bfd)
			ecrc_buf_printf(out, " peer %s bfd\n", p);
	}
	ecrc_buf_puts(out, " #\n address-family ipv4 unicast\n");
	ecrc_buf_printf(out, "  balance %u\n", cpe->maximum_paths);
	for (size_t i = 0; i < cpe->n_statics; i++) {
		const struct ecrc_ir_static *s = &cpe->statics[i];
		if (s->has_next_hop)
			continue;
		struct ecrc_ipnet pf = ecrc_ipnet_network(s->prefix);
		ecrc_buf_printf(out, "  network %s %s\n", ecrc_fmt_ipv4(pf.addr, a), mask_of(pf.len, m));
	}
	for (size_t n = 0; n < cpe->n_neighbors; n++) {
		const struct ecrc_ir_neighbor *nb = &cpe->neighbors[n];
		const char *p = ecrc_fmt_ipv4(nb->address, a);
		ecrc_buf_printf(out, "  peer %s enable\n", p);
		if (nb->max_prefixes) {
			/* peer A route-limit N [reconnect SECONDS] [PERCENT] */
			ecrc_buf_printf(out, "  peer %s route-limit %u", p, nb->max_prefixes);
			if (nb->max_prefix_recovers)
				ecrc_buf_printf(out, " reconnect %u",
				                nb->max_prefix_restart_s ? nb->max_prefix_restart_s : 1);
			if (nb->max_prefix_warn_pct)
				ecrc_buf_printf(out, " %u", nb->max_prefix_warn_pct);
			ecrc_buf_puts(out, "\n");
		}
		ecrc_buf_printf(out, "  peer %s route-policy %s import\n", p, nb->import_policy);
		ecrc_buf_printf(out, "  peer %s route-policy %s export\n", p, nb->export_policy);
	}
	ecrc_buf_puts(out, "#\n");
}

static int comware_render(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	ecrc_vendor_header(&ecrc_vendor_h3c_comware, cpe, out);
	ecrc_buf_puts(out, "#\n");
	if (cpe->hostname)
		ecrc_buf_printf(out, "sysname %s\n#\n", cpe->hostname);
	render_interfaces(cpe, out);
	ecrc_vendor_put_lists(cpe, render_prefix_list, "#\n", out);
	render_policies(cpe, out);
	render_statics(cpe, out);
	if (cpe->n_neighbors)
		render_bgp(cpe, out);
	ecrc_buf_puts(out, "return\n");
	return 0;
}

/* ---- read ----------------------------------------------------------------- */

enum cw_view { C_TOP, C_IFACE, C_BGP, C_POLICY };

struct cw_reader {
	struct ecrc_rd rd;
	enum cw_view view;
	struct ecrc_rd_iface *iface;
	bool iface_main;     /* a main interface: an uplink only if it has an address */
	bool iface_dot1q;    /* the current sub-interface has its vlan-type line */
	unsigned bfd_fields; /* which of the three bfd lines the interface has */
	struct ecrc_rd_term *term;
};

static int bad(struct cw_reader *r, const struct ecrc_rd_line *l, const char *where)
{
	return ecrc_rd_fail(&r->rd, l->no, "'%s' in %s is not part of what ecrc emits for Comware", l->text,
	                    where);
}

/* Closes the interface section being read. */
static int end_iface(struct cw_reader *r)
{
	struct ecrc_rd_iface *f = r->iface;
	if (r->view != C_IFACE || !f)
		return 0;
	if (r->iface_main && !f->has_address) {
		/* the parent of sub-interfaces: nothing of the IR's */
		if (f->ir.description || f->has_bfd)
			return ecrc_rd_fail(&r->rd, f->line, "interface %s has settings but no IPv4 address",
			                    f->ir.parent);
		r->rd.n_ifaces--;
		return 0;
	}
	if (!r->iface_main && !r->iface_dot1q)
		return ecrc_rd_fail(&r->rd, f->line, "sub-interface %s.%u has no 'vlan-type dot1q vid'",
		                    f->ir.parent, f->ir.vlan);
	if (r->bfd_fields && r->bfd_fields != 7)
		return ecrc_rd_fail(&r->rd, f->bfd_line,
		                    "interface %s sets some BFD values but not all three "
		                    "(ecrc reads only explicit values)",
		                    f->ir.parent);
	return 0;
}

/* Commands of the system view; Comware prints some of them indented. */
static int read_global(struct cw_reader *r, const struct ecrc_rd_line *l, bool *done)
{
	struct ecrc_rd *rd = &r->rd;
	uint32_t v;
	*done = true;
	if (l->n == 2 && ecrc_rd_word_is(l, 0, "sysname")) {
		rd->hostname = l->w[1];
		return 0;
	}
	if (l->n >= 7 && ecrc_rd_word_is(l, 0, "ip") && ecrc_rd_word_is(l, 1, "prefix-list") &&
	    ecrc_rd_word_is(l, 3, "index")) {
		/* ip prefix-list NAME index N permit A LEN [greater-equal G] [less-equal L] */
		struct ecrc_ipnet p;
		uint32_t ge = 0, le = 0;
		if (ecrc_rd_u32_at(&r->rd, l, 4, 1, 65535, &v))
			return -1;
		if (!ecrc_rd_word_is(l, 5, "permit"))
			return ecrc_rd_fail(rd, l->no, "ecrc emits permit entries only: '%s'", l->text);
		if (ecrc_rd_net_at(&r->rd, l, 6, &p))
			return -1;
		if (ecrc_rd_ge_le_at(&r->rd, l, 8, p.len, "prefix-list", &ge, &le))
			return -1;
		struct ecrc_rd_plist *pl = ecrc_rd_plist_get(rd, l->w[2], l->no);
		for (size_t k = 0; k < pl->n; k++)
			if (pl->index[k] == v)
				return ecrc_rd_fail(rd, l->no, "index %u of prefix-list %s appears twice", v,
				                    l->w[2]);
		ecrc_rd_plist_add(rd, pl, v, p, (uint8_t)ge, (uint8_t)le);
		return 0;
	}
	if (l->n == 5 && ecrc_rd_word_is(l, 0, "ip") && ecrc_rd_word_is(l, 1, "route-static")) {
		struct ecrc_ipnet p;
		uint32_t nh = 0;
		if (ecrc_rd_net_at(&r->rd, l, 2, &p))
			return -1;
		bool discard = ecrc_rd_word_is(l, 4, "NULL0");
		if (!discard && !ecrc_parse_ipv4(l->w[4], &nh))
			return ecrc_rd_fail(rd, l->no, "expected NULL0 or a next-hop address, not '%s'",
			                    l->w[4]);
		ecrc_rd_static_at(rd, p, !discard, nh, l->no);
		return 0;
	}
	*done = false;
	return 0;
}

static int read_top(struct cw_reader *r, const struct ecrc_rd_line *l)
{
	struct ecrc_rd *rd = &r->rd;
	if (end_iface(r))
		return -1;
	r->view = C_TOP;
	r->iface = NULL;
	r->term = NULL;
	uint32_t v;
	bool done;
	if (read_global(r, l, &done))
		return -1;
	if (done)
		return 0;
	if (l->n == 1 && ecrc_rd_word_is(l, 0, "return"))
		return 0;
	if (l->n == 2 && ecrc_rd_word_is(l, 0, "interface")) {
		const char *name = l->w[1], *dot = strrchr(name, '.');
		uint32_t vlan = 0;
		char *parent = ecrc_arena_strdup(rd->arena, name);
		if (dot) {
			if (!ecrc_rd_u32(dot + 1, 1, 4094, &vlan))
				return ecrc_rd_fail(rd, l->no, "sub-interface number of %s is not 1..4094",
				                    name);
			parent[dot - name] = '\0';
		}
		if (ecrc_rd_iface_find(rd, parent, vlan))
			return ecrc_rd_fail(rd, l->no, "interface %s appears twice", name);
		r->iface = ecrc_rd_iface_add(rd, parent, vlan, l->no);
		r->iface->ir.mtu = 1500; /* Comware's default */
		r->iface_main = dot == NULL;
		r->iface_dot1q = false;
		r->bfd_fields = 0;
		r->view = C_IFACE;
		return 0;
	}
	if (l->n == 2 && ecrc_rd_word_is(l, 0, "bgp")) {
		if (rd->has_asn)
			return ecrc_rd_fail(rd, l->no, "a second bgp process");
		if (!ecrc_parse_asn(l->w[1], &rd->asn))
			return ecrc_rd_fail(rd, l->no, "'%s' is not an AS number", l->w[1]);
		rd->has_asn = true;
		r->view = C_BGP;
		return 0;
	}
	if (l->n == 5 && ecrc_rd_word_is(l, 0, "route-policy") && ecrc_rd_word_is(l, 3, "node")) {
		bool deny = ecrc_rd_word_is(l, 2, "deny");
		if (!deny && !ecrc_rd_word_is(l, 2, "permit"))
			return ecrc_rd_fail(rd, l->no, "expected 'route-policy NAME permit|deny node N'");
		if (ecrc_rd_u32_at(&r->rd, l, 4, 0, 65535, &v))
			return -1;
		struct ecrc_rd_policy *pol = ecrc_rd_policy_get(rd, l->w[1], l->no);
		r->term = ecrc_rd_term_get(rd, pol, v, l->no);
		if (r->term->line != l->no)
			return ecrc_rd_fail(rd, l->no, "node %u of route-policy %s appears twice", v,
			                    l->w[1]);
		r->term->deny = deny;
		r->view = C_POLICY;
		return 0;
	}
	return bad(r, l, "the system view");
}

static int read_iface(struct cw_reader *r, const struct ecrc_rd_line *l)
{
	struct ecrc_rd_iface *f = r->iface;
	uint32_t v;
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "port") && ecrc_rd_word_is(l, 1, "link-mode") &&
	    ecrc_rd_word_is(l, 2, "route")) {
		if (!r->iface_main)
			return bad(r, l, "a sub-interface");
		return 0;
	}
	if (l->n >= 2 && ecrc_rd_word_is(l, 0, "description")) {
		f->ir.description = ecrc_rd_rest(l, 1);
		return 0;
	}
	if (l->n == 4 && ecrc_rd_word_is(l, 0, "vlan-type") && ecrc_rd_word_is(l, 1, "dot1q") &&
	    ecrc_rd_word_is(l, 2, "vid")) {
		if (r->iface_main)
			return ecrc_rd_fail(&r->rd, l->no, "vlan-type dot1q on a main interface");
		if (ecrc_rd_u32_at(&r->rd, l, 3, 1, 4094, &v))
			return -1;
		if (v != f->ir.vlan && ecrc_rd_iface_find(&r->rd, f->ir.parent, v))
			return ecrc_rd_fail(&r->rd, l->no, "VLAN %u of %s is terminated twice", v,
			                    f->ir.parent);
		f->ir.vlan = v;
		r->iface_dot1q = true;
		return 0;
	}
	if (l->n == 2 && ecrc_rd_word_is(l, 0, "mtu"))
		return ecrc_rd_u32_at(&r->rd, l, 1, 46, 9216, &f->ir.mtu);
	if (l->n == 4 && ecrc_rd_word_is(l, 0, "ip") && ecrc_rd_word_is(l, 1, "address")) {
		if (f->has_address)
			return ecrc_rd_fail(&r->rd, l->no, "a second ip address");
		if (ecrc_rd_net_at(&r->rd, l, 2, &f->ir.address))
			return -1;
		f->has_address = true;
		return 0;
	}
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "bfd")) {
		if (!f->has_bfd)
			f->bfd_line = l->no;
		f->has_bfd = true;
		if (ecrc_rd_word_is(l, 1, "min-transmit-interval")) {
			r->bfd_fields |= 1;
			return ecrc_rd_u32_at(&r->rd, l, 2, 1, 10000, &f->bfd_min_tx_ms);
		}
		if (ecrc_rd_word_is(l, 1, "min-receive-interval")) {
			r->bfd_fields |= 2;
			return ecrc_rd_u32_at(&r->rd, l, 2, 1, 10000, &f->bfd_min_rx_ms);
		}
		if (ecrc_rd_word_is(l, 1, "detect-multiplier")) {
			r->bfd_fields |= 4;
			return ecrc_rd_u32_at(&r->rd, l, 2, 3, 50, &f->bfd_multiplier);
		}
	}
	return bad(r, l, "an interface");
}

static int read_policy_line(struct cw_reader *r, const struct ecrc_rd_line *l)
{
	struct ecrc_rd_term *t = r->term;
	if (l->n == 5 && ecrc_rd_word_is(l, 0, "if-match") && ecrc_rd_word_is(l, 1, "ip") &&
	    ecrc_rd_word_is(l, 2, "address") && ecrc_rd_word_is(l, 3, "prefix-list")) {
		if (t->match)
			return ecrc_rd_fail(&r->rd, l->no, "a second if-match in one node");
		t->match = l->w[4];
		t->match_line = l->no;
		return 0;
	}
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "apply") && ecrc_rd_word_is(l, 1, "cost"))
		return ecrc_rd_term_med(&r->rd, l, 2, t);
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "apply") && ecrc_rd_word_is(l, 1, "local-preference"))
		return ecrc_rd_term_local_pref(&r->rd, l, 2, t);
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "apply") && ecrc_rd_word_is(l, 1, "origin"))
		return ecrc_rd_term_origin(&r->rd, l, 2, t);
	if (l->n >= 3 && ecrc_rd_word_is(l, 0, "apply") && ecrc_rd_word_is(l, 1, "as-path")) {
		if (ecrc_rd_word_is(l, l->n - 1, "replace"))
			return ecrc_rd_fail(&r->rd, l->no,
			                    "'apply as-path ... replace' replaces the path; ecrc prepends");
		size_t n = l->n - 2;
		t->prepend = ecrc_arena_alloc(r->rd.arena, n * sizeof *t->prepend);
		for (size_t i = 0; i < n; i++)
			if (!ecrc_parse_asn(l->w[2 + i], &t->prepend[i]))
				return ecrc_rd_fail(&r->rd, l->no, "'%s' is not an AS number", l->w[2 + i]);
		t->n_prepend = n;
		t->sets_something = true;
		return 0;
	}
	return bad(r, l, "a route-policy node");
}

static int read_bgp(struct cw_reader *r, const struct ecrc_rd_line *l)
{
	struct ecrc_rd *rd = &r->rd;
	if (l->n == 2 && ecrc_rd_word_is(l, 0, "router-id")) {
		if (!ecrc_parse_ipv4(l->w[1], &rd->router_id))
			return ecrc_rd_fail(rd, l->no, "'%s' is not a router-id", l->w[1]);
		rd->has_router_id = true;
		return 0;
	}
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "address-family") && ecrc_rd_word_is(l, 1, "ipv4") &&
	    ecrc_rd_word_is(l, 2, "unicast"))
		return 0;
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "network")) {
		struct ecrc_ipnet p;
		if (ecrc_rd_net_at(&r->rd, l, 1, &p))
			return -1;
		ecrc_rd_network_add(rd, p, l->no);
		return 0;
	}
	if (l->n == 2 && ecrc_rd_word_is(l, 0, "balance"))
		return ecrc_rd_u32_at(&r->rd, l, 1, 1, 128, &rd->maximum_paths);
	if (l->n < 3 || !ecrc_rd_word_is(l, 0, "peer"))
		return bad(r, l, "bgp");

	struct ecrc_rd_peer *p;
	int rc = ecrc_rd_huawei_peer(rd, l, "simple", "reconnect", 1, 0, &p);
	if (rc <= 0)
		return rc;
	if (l->n == 3 && ecrc_rd_word_is(l, 2, "bfd")) {
		p->bfd_enabled = true;
		return 0;
	}
	return bad(r, l, "bgp");
}

static int comware_read(const char *text, size_t len, struct ecrc_arena *arena, struct ecrc_ir_cpe **out,
                        char *err, size_t errlen)
{
	struct cw_reader r = {0};
	struct ecrc_ir_cpe hdr = {0};
	*out = NULL;
	ecrc_rd_init(&r.rd, arena, err, errlen);
	r.rd.default_keepalive_s = COMWARE_KEEPALIVE_S;
	r.rd.default_hold_s = COMWARE_HOLD_S;
	r.rd.uses_networks = true;
	if (ecrc_vendor_read_header(&ecrc_vendor_h3c_comware, text, len, arena, &hdr, err, errlen))
		return -1;
	struct ecrc_rd_line *lines;
	size_t n;
	ecrc_rd_split(text, len, "#", arena, &lines, &n);
	for (size_t i = 0; i < n; i++) {
		const struct ecrc_rd_line *l = &lines[i];
		int rc;
		bool done = false;
		if (l->indent == 0) {
			rc = read_top(&r, l);
		} else if ((rc = read_global(&r, l, &done)) != 0 || done) {
			/* a system-view command printed indented */
		} else if (r.view == C_IFACE) {
			rc = read_iface(&r, l);
		} else if (r.view == C_POLICY) {
			rc = read_policy_line(&r, l);
		} else if (r.view == C_BGP) {
			rc = read_bgp(&r, l);
		} else {
			rc = bad(&r, l, "the system view");
		}
		if (rc)
			return -1;
	}
	if (end_iface(&r))
		return -1;
	/* a peer with BFD takes the intervals of its interface (reader.c) */
	if (ecrc_rd_finish(&r.rd, out))
		return -1;
	ecrc_rd_take_header(*out, &hdr);
	return 0;
}

/* bfd min-transmit-interval / min-receive-interval: 10..1000 ms on most
 * Comware platforms; detect-multiplier 3..50; peer password simple: 1..80
 * characters; peer timer: hold 0 or 3..65535 s, and unless one is 0 the
 * hold time at least three keepalives. */
static const struct ecrc_vendor_limits comware_limits = {
    .bfd_interval_min_ms = 10,
    .bfd_interval_max_ms = 1000,
    .bfd_multiplier_min = 3,
    .bfd_multiplier_max = 50,
    .md5_key_max = 80,
    .hold_min_s = 3,
    .keepalive_within_hold = true,
};

/* How to apply the file safely, per platform (vendors.md point 8); the
 * sources are on docs/vendors/. */
static const char *const comware_apply_all[] = {
    "How to apply (Comware 7): 'system-view', 'configuration commit delay 10', then",
    "paste this file. Check 'display bgp peer ipv4' and 'display bfd session', then",
    "'configuration commit' within 10 minutes to keep it, or the device rolls back",
    "by itself. The file merges and deletes nothing.",
    NULL,
};
static const struct ecrc_vendor_platform comware_platforms[] = {
    {NULL, "Comware 7", comware_apply_all},
};

const struct ecrc_vendor ecrc_vendor_h3c_comware = {
    .name = "h3c-comware",
    .display = "H3C Comware",
    .ext = ".comware",
    .comment = "#",
    /* type A/B/C (member/slot/port), :D for a breakout interface of a split
     * 40-GE or 100-GE port, or a Layer-3 aggregate Route-AggregationN */
    .iface_pattern = "(GigabitEthernet|Ten-GigabitEthernet|Twenty-FiveGigE|FortyGigE|FiftyGigE|HundredGigE)"
                     "\\d+(/\\d+){1,3}(:\\d+)?|Route-Aggregation\\d+",
    .iface_example = "GigabitEthernet1/0/1",
    .syntax_chars = "", /* nothing beyond "-./:_" */
    .prefix_restart_unit_s = 1,
    .prefix_warn = true,
    .render = comware_render,
    .read = comware_read,
    .limits = &comware_limits,
    .platforms = comware_platforms,
    .n_platforms = sizeof comware_platforms / sizeof comware_platforms[0],
    .read_running = ecrc_comware_read_running,
};
