/*
 * vrp.c: the Huawei VRP backend (AR and NetEngine routers). Renders the CPE
 * IR as VRP configuration in the form `display current-configuration`
 * prints ("#" between sections, one blank of indent per view level,
 * "return" at the end), ordered so that it can be pasted into the system
 * view as is; and reads that subset back. docs/vendors/huawei-vrp.md says
 * what each command is, where its syntax comes from, and what is left out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendors/reader.h"

/* The node of the final deny of every route-policy: the last one VRP has. */
#define VRP_DENY_NODE 65535
/* VRP's BGP timers when none are set: the design's 30/90 must be written. */
#define VRP_KEEPALIVE_S 60
#define VRP_HOLD_S 180
#define VRP_TRIAL_S 600 /* commit trial: seconds until VRP V8 rolls back an unconfirmed commit */

/* ---- render --------------------------------------------------------------- */

static const char *mask_of(uint8_t len, char buf[16])
{
	return ecrc_fmt_ipv4(ecrc_mask(len), buf);
}

/* One section per interface: the sub-interface for a VLAN (a router port
 * needs nothing on its parent), or the port itself when the VBR uses it
 * untagged (VLAN 0). */
static void render_iface(const struct ecrc_ir_iface *f, struct ecrc_buf *out)
{
	char a[16], m[16];
	if (f->vlan)
		ecrc_buf_printf(out, "interface %s.%u\n", f->parent, f->vlan);
	else
		ecrc_buf_printf(out, "interface %s\n", f->parent);
	if (f->description)
		ecrc_buf_printf(out, " description %s\n", f->description);
	if (f->vlan)
		ecrc_buf_printf(out, " dot1q termination vid %u\n", f->vlan);
	ecrc_buf_printf(out, " mtu %u\n", f->mtu);
	ecrc_buf_printf(out, " ip address %s %s\n", ecrc_fmt_ipv4(f->address.addr, a),
	                mask_of(f->address.len, m));
	/* a dot1q termination sub-interface answers ARP only with this */
	if (f->vlan)
		ecrc_buf_puts(out, " arp broadcast enable\n");
	ecrc_buf_puts(out, "#\n");
}

static void render_ip_prefix(const struct ecrc_ir_prefix_list *l, struct ecrc_buf *out)
{
	char a[16];
	for (size_t i = 0; i < l->n_entries; i++) {
		const struct ecrc_ir_prefix_entry *e = &l->entries[i];
		struct ecrc_ipnet p = ecrc_ipnet_network(e->prefix);
		ecrc_buf_printf(out, "ip ip-prefix %s index %zu permit %s %u", l->name, (i + 1) * 10,
		                ecrc_fmt_ipv4(p.addr, a), p.len);
		/* VRP: len <= greater-equal <= less-equal <= 32 */
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
				ecrc_buf_printf(out,
				                "route-policy %s permit node 10\n if-match ip-prefix %s\n",
				                nb->import_policy, nb->import_list.name);
				if (nb->import_local_pref)
					ecrc_buf_printf(out, " apply local-preference %u\n",
					                nb->import_local_pref);
				ecrc_buf_puts(out, "#\n");
			}
			ecrc_buf_printf(out, "route-policy %s deny node %u\n#\n", nb->import_policy,
			                VRP_DENY_NODE);
		}
		if (ecrc_ir_policy_seen(cpe, n, nb->export_policy) ||
		    strcmp(nb->export_policy, nb->import_policy) == 0)
			continue;
		for (size_t t = 0; t < nb->n_export_terms; t++) {
			const struct ecrc_ir_export_term *x = &nb->export_terms[t];
			ecrc_buf_printf(out, "route-policy %s permit node %zu\n", nb->export_policy,
			                (t + 1) * 10);
			ecrc_buf_printf(out, " if-match ip-prefix %s\n", x->match.name);
			if (x->has_med)
				ecrc_buf_printf(out, " apply cost %u\n", x->med);
			if (x->n_prepend) {
				ecrc_buf_puts(out, " apply as-path");
				for (size_t k = 0; k < x->n_prepend; k++)
					ecrc_buf_printf(out, " %u", x->prepend[k]);
				ecrc_buf_puts(out, " additive\n");
			}
			ecrc_buf_printf(out, " apply origin %s\n",
			                x->origin == ECRC_IR_ORIGIN_INCOMPLETE ? "incomplete" : "igp");
			ecrc_buf_puts(out, "#\n");
		}
		ecrc_buf_printf(out, "route-policy %s deny node %u\n#\n", nb->export_policy, VRP_DENY_NODE);
	}
}

static void render_statics(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	char a[16], m[16], h[16];
	for (size_t i = 0; i < cpe->n_statics; i++) {
		const struct ecrc_ir_static *s = &cpe->statics[i];
		struct ecrc_ipnet p = ecrc_ipnet_network(s->prefix);
		ecrc_buf_printf(out, "ip route-static %s %s %s\n", ecrc_fmt_ipv4(p.addr, a),
		                mask_of(p.len, m), s->has_next_hop ? ecrc_fmt_ipv4(s->next_hop, h) : "NULL0");
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
			ecrc_buf_printf(out, " peer %s password cipher %s\n", p, nb->md5_key);
		if (nb->keepalive_s != VRP_KEEPALIVE_S || nb->hold_s != VRP_HOLD_S)
			ecrc_buf_printf(out, " peer %s timer keepalive %u hold %u\n", p, nb->keepalive_s,
			                nb->hold_s);
		if (nb->bfd) {
			ecrc_buf_printf(
			    out, " peer %s bfd min-tx-interval %u min-rx-interval %u detect-multiplier %u\n",
			    p, nb->bfd_min_tx_ms, nb->bfd_min_rx_ms, nb->bfd_multiplier);
			ecrc_buf_printf(out, " peer %s bfd enable\n", p);
		}
	}
	ecrc_buf_puts(out, " #\n ipv4-family unicast\n");
	for (size_t i = 0; i < cpe->n_statics; i++) {
		const struct ecrc_ir_static *s = &cpe->statics[i];
		if (s->has_next_hop)
			continue;
		struct ecrc_ipnet pf = ecrc_ipnet_network(s->prefix);
		ecrc_buf_printf(out, "  network %s %s\n", ecrc_fmt_ipv4(pf.addr, a), mask_of(pf.len, m));
	}
	ecrc_buf_printf(out, "  maximum load-balancing %u\n", cpe->maximum_paths);
	for (size_t n = 0; n < cpe->n_neighbors; n++) {
		const struct ecrc_ir_neighbor *nb = &cpe->neighbors[n];
		const char *p = ecrc_fmt_ipv4(nb->address, a);
		ecrc_buf_printf(out, "  peer %s enable\n", p);
		ecrc_buf_printf(out, "  peer %s route-policy %s import\n", p, nb->import_policy);
		ecrc_buf_printf(out, "  peer %s route-policy %s export\n", p, nb->export_policy);
		if (nb->max_prefixes) {
			/* peer A route-limit N [PERCENT] idle-timeout MINUTES */
			ecrc_buf_printf(out, "  peer %s route-limit %u", p, nb->max_prefixes);
			if (nb->max_prefix_warn_pct)
				ecrc_buf_printf(out, " %u", nb->max_prefix_warn_pct);
			if (nb->max_prefix_recovers)
				ecrc_buf_printf(out, " idle-timeout %u", ecrc_vendor_restart_min(nb));
			ecrc_buf_puts(out, "\n");
		}
	}
	ecrc_buf_puts(out, "#\n");
}

static int vrp_render(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	ecrc_vendor_header(&ecrc_vendor_huawei_vrp, cpe, out);
	ecrc_buf_puts(out, "#\n");
	if (cpe->hostname)
		ecrc_buf_printf(out, "sysname %s\n#\n", cpe->hostname);
	bool any_bfd = false;
	for (size_t n = 0; n < cpe->n_neighbors; n++)
		any_bfd |= cpe->neighbors[n].bfd;
	if (any_bfd)
		ecrc_buf_puts(out, "bfd\n#\n");
	for (size_t i = 0; i < cpe->n_ifaces; i++)
		render_iface(&cpe->ifaces[i], out);
	ecrc_vendor_put_lists(cpe, render_ip_prefix, "#\n", out);
	render_policies(cpe, out);
	render_statics(cpe, out);
	if (cpe->n_neighbors)
		render_bgp(cpe, out);
	/* V8's two-stage configuration applies nothing until a commit; a
	 * trial commit rolls back by itself unless confirmed (header) */
	const struct ecrc_vendor_platform *pf = ecrc_vendor_platform(&ecrc_vendor_huawei_vrp, cpe->platform);
	if (pf && pf->name && strcmp(pf->name, "v8") == 0)
		ecrc_buf_printf(out, "commit trial %u\n", VRP_TRIAL_S);
	ecrc_buf_puts(out, "return\n");
	return 0;
}

/* ---- read ----------------------------------------------------------------- */

enum vrp_view { V_TOP, V_IFACE, V_BFD, V_BGP, V_POLICY };

struct vrp_reader {
	struct ecrc_rd rd;
	enum vrp_view view;
	struct ecrc_rd_iface *iface;
	bool iface_dot1q; /* the current sub-interface has its dot1q line */
	struct ecrc_rd_term *term;
	bool global_bfd;
	uint32_t first_bfd_line;
	uint32_t commit_line; /* the "commit trial N" line, or 0 */
};

static int bad(struct vrp_reader *r, const struct ecrc_rd_line *l, const char *where)
{
	return ecrc_rd_fail(&r->rd, l->no, "'%s' in %s is not part of what ecrc emits for VRP", l->text,
	                    where);
}

static int end_iface(struct vrp_reader *r)
{
	if (r->view == V_IFACE && r->iface && r->iface->ir.vlan && !r->iface_dot1q)
		return ecrc_rd_fail(&r->rd, r->iface->line,
		                    "sub-interface %s.%u has no 'dot1q termination vid'", r->iface->ir.parent,
		                    r->iface->ir.vlan);
	return 0;
}

static int read_top(struct vrp_reader *r, const struct ecrc_rd_line *l)
{
	struct ecrc_rd *rd = &r->rd;
	if (end_iface(r))
		return -1;
	r->view = V_TOP;
	r->iface = NULL;
	r->term = NULL;
	uint32_t v;

	if (l->n == 2 && ecrc_rd_word_is(l, 0, "sysname")) {
		rd->hostname = l->w[1];
		return 0;
	}
	if (l->n == 1 && ecrc_rd_word_is(l, 0, "return"))
		return 0;
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "commit") && ecrc_rd_word_is(l, 1, "trial") &&
	    !r->commit_line) {
		r->commit_line = l->no;
		return ecrc_rd_u32_at(rd, l, 2, 60, 65535, &v);
	}
	if (l->n == 1 && ecrc_rd_word_is(l, 0, "bfd")) {
		r->global_bfd = true;
		r->view = V_BFD;
		return 0;
	}
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
		r->iface->ir.mtu = 1500; /* VRP's default */
		r->iface_dot1q = false;
		r->view = V_IFACE;
		return 0;
	}
	if (l->n == 2 && ecrc_rd_word_is(l, 0, "bgp")) {
		if (rd->has_asn)
			return ecrc_rd_fail(rd, l->no, "a second bgp process");
		if (!ecrc_parse_asn(l->w[1], &rd->asn))
			return ecrc_rd_fail(rd, l->no, "'%s' is not an AS number", l->w[1]);
		rd->has_asn = true;
		r->view = V_BGP;
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
		r->view = V_POLICY;
		return 0;
	}
	if (l->n >= 8 && ecrc_rd_word_is(l, 0, "ip") && ecrc_rd_word_is(l, 1, "ip-prefix") &&
	    ecrc_rd_word_is(l, 3, "index")) {
		/* ip ip-prefix NAME index N permit A LEN [greater-equal G] [less-equal L] */
		struct ecrc_ipnet p;
		uint32_t ge = 0, le = 0;
		if (ecrc_rd_u32_at(&r->rd, l, 4, 1, UINT32_MAX, &v))
			return -1;
		if (!ecrc_rd_word_is(l, 5, "permit"))
			return ecrc_rd_fail(rd, l->no, "ecrc emits permit entries only: '%s'", l->text);
		if (ecrc_rd_net_at(&r->rd, l, 6, &p))
			return -1;
		if (ecrc_rd_ge_le_at(&r->rd, l, 8, p.len, "ip-prefix", &ge, &le))
			return -1;
		struct ecrc_rd_plist *pl = ecrc_rd_plist_get(rd, l->w[2], l->no);
		for (size_t k = 0; k < pl->n; k++)
			if (pl->index[k] == v)
				return ecrc_rd_fail(rd, l->no, "index %u of ip-prefix %s appears twice", v,
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
	return bad(r, l, "the system view");
}

static int read_iface(struct vrp_reader *r, const struct ecrc_rd_line *l)
{
	struct ecrc_rd_iface *f = r->iface;
	uint32_t v;
	if (l->n >= 2 && ecrc_rd_word_is(l, 0, "description")) {
		f->ir.description = ecrc_rd_rest(l, 1);
		return 0;
	}
	if (l->n == 4 && ecrc_rd_word_is(l, 0, "dot1q") && ecrc_rd_word_is(l, 1, "termination") &&
	    ecrc_rd_word_is(l, 2, "vid")) {
		if (!f->ir.vlan)
			return ecrc_rd_fail(&r->rd, l->no, "dot1q termination on a main interface");
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
		return ecrc_rd_u32_at(&r->rd, l, 1, 46, 9600, &f->ir.mtu);
	if (l->n == 4 && ecrc_rd_word_is(l, 0, "ip") && ecrc_rd_word_is(l, 1, "address")) {
		if (f->has_address)
			return ecrc_rd_fail(&r->rd, l->no, "a second ip address");
		if (ecrc_rd_net_at(&r->rd, l, 2, &f->ir.address))
			return -1;
		f->has_address = true;
		return 0;
	}
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "arp") && ecrc_rd_word_is(l, 1, "broadcast") &&
	    ecrc_rd_word_is(l, 2, "enable"))
		return 0;
	return bad(r, l, "an interface");
}

static int read_policy_line(struct vrp_reader *r, const struct ecrc_rd_line *l)
{
	struct ecrc_rd_term *t = r->term;
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "if-match") && ecrc_rd_word_is(l, 1, "ip-prefix")) {
		if (t->match)
			return ecrc_rd_fail(&r->rd, l->no, "a second if-match in one node");
		t->match = l->w[2];
		t->match_line = l->no;
		return 0;
	}
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "apply") && ecrc_rd_word_is(l, 1, "cost"))
		return ecrc_rd_term_med(&r->rd, l, 2, t);
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "apply") && ecrc_rd_word_is(l, 1, "local-preference"))
		return ecrc_rd_term_local_pref(&r->rd, l, 2, t);
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "apply") && ecrc_rd_word_is(l, 1, "origin"))
		return ecrc_rd_term_origin(&r->rd, l, 2, t);
	if (l->n >= 4 && ecrc_rd_word_is(l, 0, "apply") && ecrc_rd_word_is(l, 1, "as-path") &&
	    ecrc_rd_word_is(l, l->n - 1, "additive")) {
		size_t n = l->n - 3;
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

static int read_bgp(struct vrp_reader *r, const struct ecrc_rd_line *l)
{
	struct ecrc_rd *rd = &r->rd;
	if (l->n == 2 && ecrc_rd_word_is(l, 0, "router-id")) {
		if (!ecrc_parse_ipv4(l->w[1], &rd->router_id))
			return ecrc_rd_fail(rd, l->no, "'%s' is not a router-id", l->w[1]);
		rd->has_router_id = true;
		return 0;
	}
	if (l->n == 2 && ecrc_rd_word_is(l, 0, "ipv4-family") && ecrc_rd_word_is(l, 1, "unicast"))
		return 0;
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "network")) {
		struct ecrc_ipnet p;
		if (ecrc_rd_net_at(&r->rd, l, 1, &p))
			return -1;
		ecrc_rd_network_add(rd, p, l->no);
		return 0;
	}
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "maximum") && ecrc_rd_word_is(l, 1, "load-balancing"))
		return ecrc_rd_u32_at(&r->rd, l, 2, 1, 128, &rd->maximum_paths);
	if (l->n < 3 || !ecrc_rd_word_is(l, 0, "peer"))
		return bad(r, l, "bgp");

	struct ecrc_rd_peer *p;
	int rc = ecrc_rd_huawei_peer(rd, l, "cipher", "idle-timeout", 60, 3, &p);
	if (rc <= 0)
		return rc;
	if (l->n == 4 && ecrc_rd_word_is(l, 2, "bfd") && ecrc_rd_word_is(l, 3, "enable")) {
		p->bfd_enabled = true;
		if (!r->first_bfd_line)
			r->first_bfd_line = l->no;
		return 0;
	}
	if (l->n == 9 && ecrc_rd_word_is(l, 2, "bfd") && ecrc_rd_word_is(l, 3, "min-tx-interval") &&
	    ecrc_rd_word_is(l, 5, "min-rx-interval") && ecrc_rd_word_is(l, 7, "detect-multiplier")) {
		p->has_bfd_timers = true;
		return ecrc_rd_u32_at(&r->rd, l, 4, 3, 20000, &p->ir.bfd_min_tx_ms) ||
		       ecrc_rd_u32_at(&r->rd, l, 6, 3, 20000, &p->ir.bfd_min_rx_ms) ||
		       ecrc_rd_u32_at(&r->rd, l, 8, 3, 50, &p->ir.bfd_multiplier);
	}
	return bad(r, l, "bgp");
}

static int vrp_read(const char *text, size_t len, struct ecrc_arena *arena, struct ecrc_ir_cpe **out,
                    char *err, size_t errlen)
{
	struct vrp_reader r = {0};
	struct ecrc_ir_cpe hdr = {0};
	*out = NULL;
	ecrc_rd_init(&r.rd, arena, err, errlen);
	r.rd.default_keepalive_s = VRP_KEEPALIVE_S;
	r.rd.default_hold_s = VRP_HOLD_S;
	r.rd.uses_networks = true;
	if (ecrc_vendor_read_header(&ecrc_vendor_huawei_vrp, text, len, arena, &hdr, err, errlen))
		return -1;
	struct ecrc_rd_line *lines;
	size_t n;
	ecrc_rd_split(text, len, "#", arena, &lines, &n);
	for (size_t i = 0; i < n; i++) {
		const struct ecrc_rd_line *l = &lines[i];
		int rc;
		if (l->indent == 0)
			rc = read_top(&r, l);
		else if (r.view == V_IFACE)
			rc = read_iface(&r, l);
		else if (r.view == V_POLICY)
			rc = read_policy_line(&r, l);
		else if (r.view == V_BGP)
			rc = read_bgp(&r, l);
		else
			rc = bad(&r, l, r.view == V_BFD ? "the bfd view" : "the system view");
		if (rc)
			return -1;
	}
	if (end_iface(&r))
		return -1;
	if (r.first_bfd_line && !r.global_bfd)
		return ecrc_rd_fail(&r.rd, r.first_bfd_line, "BFD for a peer needs the global 'bfd' command");
	if (ecrc_rd_finish(&r.rd, out))
		return -1;
	ecrc_rd_take_header(*out, &hdr);
	bool v8 = (*out)->platform && strcmp((*out)->platform, "v8") == 0;
	if (v8 && !r.commit_line)
		return ecrc_rd_fail(
		    &r.rd, 1, "platform v8: no 'commit trial' (VRP V8 applies nothing without a commit)");
	if (!v8 && r.commit_line)
		return ecrc_rd_fail(&r.rd, r.commit_line, "'commit trial' on a platform other than v8");
	return 0;
}

/* peer bfd: min-tx-interval and min-rx-interval 3..1000 ms (3..20000 on
 * some NetEngine views), detect-multiplier 3..50; peer password cipher:
 * 1..255 characters; peer timer: hold 0 or 3..65535 s, keepalive 0..21845. */
static const struct ecrc_vendor_limits vrp_limits = {
    .bfd_interval_min_ms = 3,
    .bfd_interval_max_ms = 1000,
    .bfd_multiplier_min = 3,
    .bfd_multiplier_max = 50,
    .md5_key_max = 255,
    .hold_min_s = 3,
};

/* How to apply the file safely, per platform (vendors.md point 8); the
 * sources are on docs/vendors/. */
static const char *const vrp_apply_v8[] = {
    "How to apply (VRP V8, two-stage): 'system-view', then paste this file. Nothing",
    "takes effect until its last command, 'commit trial 600', which applies it for",
    "a trial: check 'display bgp peer' and 'display bfd session all', then 'commit'",
    "within 10 minutes to keep it, or VRP rolls back by itself ('abort trial' rolls",
    "back at once). The file merges and deletes nothing.",
    NULL,
};
static const char *const vrp_apply_v5[] = {
    "How to apply (VRP V5: each command takes effect as it is entered): keep a",
    "rollback point first ('save ecrc-before.cfg'), then 'system-view' and paste",
    "this file. Check 'display bgp peer' and 'display bfd session all', then 'save'.",
    "To undo, restore ecrc-before.cfg. The file merges and deletes nothing.",
    NULL,
};
static const struct ecrc_vendor_platform vrp_platforms[] = {
    {"v8", "VRP V8: two-stage configuration, changes need commit", vrp_apply_v8},
    {"v5", "VRP V5: each command takes effect when entered", vrp_apply_v5},
};

const struct ecrc_vendor ecrc_vendor_huawei_vrp = {
    .name = "huawei-vrp",
    .display = "Huawei VRP",
    .ext = ".vrp",
    .comment = "#",
    /* type then slot/card/port (four levels on some chassis), an optional
     * :N for a split port (40GE1/0/1:2), or Eth-TrunkN */
    .iface_pattern = "(GigabitEthernet|XGigabitEthernet|MultiGE|10GE|25GE|40GE|50GE|100GE|200GE|400GE)"
                     "\\d+(/\\d+){1,3}(:\\d+)?|Eth-Trunk\\d+",
    .iface_example = "GigabitEthernet0/0/1",
    .syntax_chars = "", /* nothing beyond "-./:_" */
    .prefix_restart_unit_s = 60,
    .prefix_warn = true,
    .render = vrp_render,
    .read = vrp_read,
    .limits = &vrp_limits,
    .platforms = vrp_platforms,
    .n_platforms = sizeof vrp_platforms / sizeof vrp_platforms[0],
    .read_running = ecrc_vrp_read_running,
};
