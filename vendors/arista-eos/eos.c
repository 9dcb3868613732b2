/*
 * eos.c: the Arista EOS backend. Renders the CPE IR as EOS configuration in
 * the form `show running-config` prints ("!" between sections, three blanks
 * of indent, "end" at the end), which `configure` accepts pasted as is; and
 * reads that subset back. docs/vendors/arista-eos.md says what each command
 * is, where its syntax comes from, and what is left out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendors/reader.h"

/* The sequence of the final deny of every route-map. */
#define EOS_DENY_SEQ 65535
/* The timers the reader assumes when a neighbor sets none; the renderer
 * always writes them, so a rendered config never depends on this. */
#define EOS_KEEPALIVE_S 60
#define EOS_HOLD_S 180

/* ---- render --------------------------------------------------------------- */

/* The neighbor over interface k, when it runs BFD: its intervals go on the
 * interface, where EOS takes them from for the single-hop sessions on it. */
static const struct ecrc_ir_neighbor *bfd_neighbor(const struct ecrc_ir_cpe *cpe, size_t k)
{
	size_t n = cpe->ifaces[k].neighbor;
	return n != ECRC_IR_NONE && cpe->neighbors[n].bfd ? &cpe->neighbors[n] : NULL;
}

static void render_address(const struct ecrc_ir_cpe *cpe, size_t k, struct ecrc_buf *out)
{
	char a[19];
	const struct ecrc_ir_iface *f = &cpe->ifaces[k];
	if (f->description)
		ecrc_buf_printf(out, "   description %s\n", f->description);
	ecrc_buf_printf(out, "   mtu %u\n", f->mtu);
	if (f->vlan)
		ecrc_buf_printf(out, "   encapsulation dot1q vlan %u\n", f->vlan);
	ecrc_buf_printf(out, "   ip address %s\n", ecrc_fmt_ipnet(f->address, a));
	const struct ecrc_ir_neighbor *nb = bfd_neighbor(cpe, k);
	if (nb)
		ecrc_buf_printf(out, "   bfd interval %u min-rx %u multiplier %u\n", nb->bfd_min_tx_ms,
		                nb->bfd_min_rx_ms, nb->bfd_multiplier);
}

/* Each parent port once as a routed port ("no switchport"), carrying the
 * address itself when the VBR uses it untagged; then its sub-interfaces. */
static void render_interfaces(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	ecrc_vendor_render_ports(cpe, "   no switchport", "!", render_address, out);
}

static void render_prefix_list(const struct ecrc_ir_prefix_list *l, struct ecrc_buf *out)
{
	char a[19];
	for (size_t i = 0; i < l->n_entries; i++) {
		const struct ecrc_ir_prefix_entry *e = &l->entries[i];
		ecrc_buf_printf(out, "ip prefix-list %s seq %zu permit %s", l->name, (i + 1) * 10,
		                ecrc_fmt_ipnet(ecrc_ipnet_network(e->prefix), a));
		ecrc_vendor_put_range(e, out);
		ecrc_buf_putc(out, '\n');
	}
}

static void render_route_maps(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	for (size_t n = 0; n < cpe->n_neighbors; n++) {
		const struct ecrc_ir_neighbor *nb = &cpe->neighbors[n];
		if (!ecrc_ir_policy_seen(cpe, n, nb->import_policy)) {
			if (nb->import_list.n_entries) {
				ecrc_buf_printf(
				    out, "route-map %s permit 10\n   match ip address prefix-list %s\n",
				    nb->import_policy, nb->import_list.name);
				if (nb->import_local_pref)
					ecrc_buf_printf(out, "   set local-preference %u\n",
					                nb->import_local_pref);
				ecrc_buf_puts(out, "!\n");
			}
			ecrc_buf_printf(out, "route-map %s deny %u\n!\n", nb->import_policy, EOS_DENY_SEQ);
		}
		if (ecrc_ir_policy_seen(cpe, n, nb->export_policy) ||
		    strcmp(nb->export_policy, nb->import_policy) == 0)
			continue;
		for (size_t t = 0; t < nb->n_export_terms; t++) {
			const struct ecrc_ir_export_term *x = &nb->export_terms[t];
			ecrc_buf_printf(out, "route-map %s permit %zu\n", nb->export_policy, (t + 1) * 10);
			ecrc_buf_printf(out, "   match ip address prefix-list %s\n", x->match.name);
			if (x->has_med)
				ecrc_buf_printf(out, "   set metric %u\n", x->med);
			if (x->n_prepend) {
				ecrc_buf_puts(out, "   set as-path prepend");
				for (size_t k = 0; k < x->n_prepend; k++)
					ecrc_buf_printf(out, " %u", x->prepend[k]);
				ecrc_buf_putc(out, '\n');
			}
			ecrc_buf_printf(out, "   set origin %s\n",
			                x->origin == ECRC_IR_ORIGIN_INCOMPLETE ? "incomplete" : "igp");
			ecrc_buf_puts(out, "!\n");
		}
		ecrc_buf_printf(out, "route-map %s deny %u\n!\n", nb->export_policy, EOS_DENY_SEQ);
	}
}

static void render_statics(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	char a[19], h[16];
	for (size_t i = 0; i < cpe->n_statics; i++) {
		const struct ecrc_ir_static *s = &cpe->statics[i];
		ecrc_buf_printf(out, "ip route %s %s\n", ecrc_fmt_ipnet(ecrc_ipnet_network(s->prefix), a),
		                s->has_next_hop ? ecrc_fmt_ipv4(s->next_hop, h) : "Null0");
	}
	if (cpe->n_statics)
		ecrc_buf_puts(out, "!\n");
}

static void render_bgp(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	char a[19];
	ecrc_buf_printf(out, "router bgp %u\n", cpe->asn);
	ecrc_buf_printf(out, "   router-id %s\n", ecrc_fmt_ipv4(cpe->router_id, a));
	ecrc_buf_printf(out, "   maximum-paths %u ecmp %u\n", cpe->maximum_paths, cpe->maximum_paths);
	for (size_t n = 0; n < cpe->n_neighbors; n++) {
		const struct ecrc_ir_neighbor *nb = &cpe->neighbors[n];
		const char *p = ecrc_fmt_ipv4(nb->address, a);
		ecrc_buf_printf(out, "   neighbor %s remote-as %u\n", p, nb->remote_as);
		if (nb->description)
			ecrc_buf_printf(out, "   neighbor %s description %s\n", p, nb->description);
		if (nb->bfd)
			ecrc_buf_printf(out, "   neighbor %s bfd\n", p);
		ecrc_buf_printf(out, "   neighbor %s timers %u %u\n", p, nb->keepalive_s, nb->hold_s);
		if (nb->md5_key)
			ecrc_buf_printf(out, "   neighbor %s password 0 %s\n", p, nb->md5_key);
		ecrc_buf_printf(out, "   neighbor %s route-map %s in\n", p, nb->import_policy);
		ecrc_buf_printf(out, "   neighbor %s route-map %s out\n", p, nb->export_policy);
		if (nb->max_prefixes) {
			ecrc_buf_printf(out, "   neighbor %s maximum-routes %u", p, nb->max_prefixes);
			if (nb->max_prefix_warn_pct)
				ecrc_buf_printf(out, " warning-limit %u percent", nb->max_prefix_warn_pct);
			ecrc_buf_puts(out, "\n");
			if (nb->max_prefix_recovers)
				ecrc_buf_printf(out, "   neighbor %s idle-restart-timer %u\n", p,
				                nb->max_prefix_restart_s ? nb->max_prefix_restart_s : 1);
		}
	}
	for (size_t i = 0; i < cpe->n_statics; i++)
		if (!cpe->statics[i].has_next_hop)
			ecrc_buf_printf(out, "   network %s\n",
			                ecrc_fmt_ipnet(ecrc_ipnet_network(cpe->statics[i].prefix), a));
	ecrc_buf_puts(out, "!\n");
}

static int eos_render(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	ecrc_vendor_header(&ecrc_vendor_arista_eos, cpe, out);
	ecrc_buf_puts(out, "!\n");
	if (cpe->hostname)
		ecrc_buf_printf(out, "hostname %s\n!\n", cpe->hostname);
	/* EOS routes only with this */
	ecrc_buf_puts(out, "ip routing\n!\n");
	render_interfaces(cpe, out);
	ecrc_vendor_put_lists(cpe, render_prefix_list, "!\n", out);
	render_route_maps(cpe, out);
	render_statics(cpe, out);
	if (cpe->n_neighbors)
		render_bgp(cpe, out);
	ecrc_buf_puts(out, "end\n");
	return 0;
}

/* ---- read ----------------------------------------------------------------- */

enum eos_mode { E_TOP, E_IFACE, E_BGP, E_RMAP, E_PLIST };

struct eos_reader {
	struct ecrc_rd rd;
	enum eos_mode mode;
	struct ecrc_rd_iface *iface;
	bool iface_main;   /* a main interface: an uplink only if it has an address */
	bool iface_routed; /* it has "no switchport" */
	bool iface_dot1q;  /* the current sub-interface has its encapsulation line */
	struct ecrc_rd_term *term;
	struct ecrc_rd_plist *plist;
	bool ip_routing;
	uint32_t first_line; /* the first configuration line, for whole-file errors */
};

static int bad(struct eos_reader *r, const struct ecrc_rd_line *l, const char *where)
{
	return ecrc_rd_fail(&r->rd, l->no, "'%s' in %s is not part of what ecrc emits for EOS", l->text,
	                    where);
}

static int prefix_at(struct eos_reader *r, const struct ecrc_rd_line *l, size_t i, struct ecrc_ipnet *p)
{
	if (i >= l->n || !ecrc_parse_ipnet(l->w[i], p))
		return ecrc_rd_fail(&r->rd, l->no, "expected a prefix A.B.C.D/LEN in '%s'", l->text);
	return 0;
}

static int end_iface(struct eos_reader *r)
{
	struct ecrc_rd_iface *f = r->iface;
	if (r->mode != E_IFACE || !f)
		return 0;
	if (r->iface_main) {
		if (!r->iface_routed)
			return ecrc_rd_fail(&r->rd, f->line,
			                    "interface %s is not a routed port (no 'no switchport')",
			                    f->ir.parent);
		if (!f->has_address) {
			/* the parent of sub-interfaces: nothing of the IR's */
			if (f->ir.description || f->has_bfd)
				return ecrc_rd_fail(&r->rd, f->line,
				                    "interface %s has settings but no IPv4 address",
				                    f->ir.parent);
			r->rd.n_ifaces--;
		}
		return 0;
	}
	if (!r->iface_dot1q)
		return ecrc_rd_fail(&r->rd, f->line, "sub-interface %s.%u has no 'encapsulation dot1q vlan'",
		                    f->ir.parent, f->ir.vlan);
	return 0;
}

/* seq N permit P [ge G] [le L], at word i */
static int read_plist_entry(struct eos_reader *r, const struct ecrc_rd_line *l, size_t i,
                            struct ecrc_rd_plist *pl)
{
	uint32_t seq, ge = 0, le = 0;
	struct ecrc_ipnet p;
	if (!ecrc_rd_word_is(l, i, "seq") || ecrc_rd_u32_at(&r->rd, l, i + 1, 1, 65535, &seq))
		return ecrc_rd_fail(&r->rd, l->no, "expected 'seq N permit PREFIX' in '%s'", l->text);
	if (!ecrc_rd_word_is(l, i + 2, "permit"))
		return ecrc_rd_fail(&r->rd, l->no, "ecrc emits permit entries only: '%s'", l->text);
	if (prefix_at(r, l, i + 3, &p))
		return -1;
	size_t k = i + 4;
	bool has_ge = false, has_le = false;
	if (ecrc_rd_word_is(l, k, "ge")) {
		if (ecrc_rd_u32_at(&r->rd, l, k + 1, p.len + 1u, 32, &ge))
			return -1;
		has_ge = true;
		k += 2;
	}
	if (ecrc_rd_word_is(l, k, "le")) {
		if (ecrc_rd_u32_at(&r->rd, l, k + 1, has_ge ? ge : p.len, 32, &le))
			return -1;
		has_le = true;
		k += 2;
	}
	if (k != l->n)
		return ecrc_rd_fail(&r->rd, l->no, "unexpected '%s' in the prefix-list entry", l->w[k]);
	for (size_t j = 0; j < pl->n; j++)
		if (pl->index[j] == seq)
			return ecrc_rd_fail(&r->rd, l->no, "seq %u of prefix-list %s appears twice", seq,
			                    pl->name);
	uint8_t g, e;
	ecrc_vendor_range(p.len, has_ge, ge, has_le, le, &g, &e);
	ecrc_rd_plist_add(&r->rd, pl, seq, p, g, e);
	return 0;
}

static int read_top(struct eos_reader *r, const struct ecrc_rd_line *l)
{
	struct ecrc_rd *rd = &r->rd;
	if (end_iface(r))
		return -1;
	r->mode = E_TOP;
	r->iface = NULL;
	r->term = NULL;
	r->plist = NULL;
	uint32_t v;
	if (!r->first_line)
		r->first_line = l->no;

	if (l->n == 2 && ecrc_rd_word_is(l, 0, "hostname")) {
		rd->hostname = l->w[1];
		return 0;
	}
	if (l->n == 2 && ecrc_rd_word_is(l, 0, "ip") && ecrc_rd_word_is(l, 1, "routing")) {
		r->ip_routing = true;
		return 0;
	}
	if (l->n == 1 && ecrc_rd_word_is(l, 0, "end"))
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
		r->iface->ir.mtu = 1500; /* the IP MTU of an EOS routed interface */
		r->iface_main = dot == NULL;
		r->iface_routed = false;
		r->iface_dot1q = false;
		r->mode = E_IFACE;
		return 0;
	}
	if (l->n >= 3 && ecrc_rd_word_is(l, 0, "ip") && ecrc_rd_word_is(l, 1, "prefix-list")) {
		struct ecrc_rd_plist *pl = ecrc_rd_plist_get(rd, l->w[2], l->no);
		if (l->n == 3) {
			r->plist = pl;
			r->mode = E_PLIST;
			return 0;
		}
		return read_plist_entry(r, l, 3, pl);
	}
	if (l->n == 4 && ecrc_rd_word_is(l, 0, "route-map")) {
		bool deny = ecrc_rd_word_is(l, 2, "deny");
		if (!deny && !ecrc_rd_word_is(l, 2, "permit"))
			return ecrc_rd_fail(rd, l->no, "expected 'route-map NAME permit|deny SEQ'");
		if (ecrc_rd_u32_at(&r->rd, l, 3, 1, 16777215, &v))
			return -1;
		struct ecrc_rd_policy *pol = ecrc_rd_policy_get(rd, l->w[1], l->no);
		r->term = ecrc_rd_term_get(rd, pol, v, l->no);
		if (r->term->line != l->no)
			return ecrc_rd_fail(rd, l->no, "sequence %u of route-map %s appears twice", v,
			                    l->w[1]);
		r->term->deny = deny;
		r->mode = E_RMAP;
		return 0;
	}
	if (l->n == 4 && ecrc_rd_word_is(l, 0, "ip") && ecrc_rd_word_is(l, 1, "route")) {
		struct ecrc_ipnet p;
		uint32_t nh = 0;
		if (prefix_at(r, l, 2, &p))
			return -1;
		bool discard = ecrc_rd_word_is(l, 3, "Null0");
		if (!discard && !ecrc_parse_ipv4(l->w[3], &nh))
			return ecrc_rd_fail(rd, l->no, "expected Null0 or a next-hop address, not '%s'",
			                    l->w[3]);
		ecrc_rd_static_at(rd, p, !discard, nh, l->no);
		return 0;
	}
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "router") && ecrc_rd_word_is(l, 1, "bgp")) {
		if (rd->has_asn)
			return ecrc_rd_fail(rd, l->no, "a second router bgp");
		if (!ecrc_parse_asn(l->w[2], &rd->asn))
			return ecrc_rd_fail(rd, l->no, "'%s' is not an AS number", l->w[2]);
		rd->has_asn = true;
		r->mode = E_BGP;
		return 0;
	}
	return bad(r, l, "the global configuration");
}

static int read_iface(struct eos_reader *r, const struct ecrc_rd_line *l)
{
	struct ecrc_rd_iface *f = r->iface;
	uint32_t v;
	if (l->n == 2 && ecrc_rd_word_is(l, 0, "no") && ecrc_rd_word_is(l, 1, "switchport")) {
		if (!r->iface_main)
			return bad(r, l, "a sub-interface");
		r->iface_routed = true;
		return 0;
	}
	if (l->n >= 2 && ecrc_rd_word_is(l, 0, "description")) {
		f->ir.description = ecrc_rd_rest(l, 1);
		return 0;
	}
	if (l->n == 4 && ecrc_rd_word_is(l, 0, "encapsulation") && ecrc_rd_word_is(l, 1, "dot1q") &&
	    ecrc_rd_word_is(l, 2, "vlan")) {
		if (r->iface_main)
			return ecrc_rd_fail(&r->rd, l->no, "encapsulation dot1q on a main interface");
		if (ecrc_rd_u32_at(&r->rd, l, 3, 1, 4094, &v))
			return -1;
		if (v != f->ir.vlan && ecrc_rd_iface_find(&r->rd, f->ir.parent, v))
			return ecrc_rd_fail(&r->rd, l->no, "VLAN %u of %s is encapsulated twice", v,
			                    f->ir.parent);
		f->ir.vlan = v;
		r->iface_dot1q = true;
		return 0;
	}
	if (l->n == 2 && ecrc_rd_word_is(l, 0, "mtu"))
		return ecrc_rd_u32_at(&r->rd, l, 1, 68, 9214, &f->ir.mtu);
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "ip") && ecrc_rd_word_is(l, 1, "address")) {
		if (f->has_address)
			return ecrc_rd_fail(&r->rd, l->no, "a second ip address");
		if (prefix_at(r, l, 2, &f->ir.address))
			return -1;
		f->has_address = true;
		return 0;
	}
	if (l->n == 7 && ecrc_rd_word_is(l, 0, "bfd") && ecrc_rd_word_is(l, 1, "interval") &&
	    ecrc_rd_word_is(l, 3, "min-rx") && ecrc_rd_word_is(l, 5, "multiplier")) {
		f->has_bfd = true;
		f->bfd_line = l->no;
		return ecrc_rd_u32_at(&r->rd, l, 2, 1, 60000, &f->bfd_min_tx_ms) ||
		       ecrc_rd_u32_at(&r->rd, l, 4, 1, 60000, &f->bfd_min_rx_ms) ||
		       ecrc_rd_u32_at(&r->rd, l, 6, 3, 50, &f->bfd_multiplier);
	}
	return bad(r, l, "an interface");
}

static int read_rmap(struct eos_reader *r, const struct ecrc_rd_line *l)
{
	struct ecrc_rd_term *t = r->term;
	if (l->n == 5 && ecrc_rd_word_is(l, 0, "match") && ecrc_rd_word_is(l, 1, "ip") &&
	    ecrc_rd_word_is(l, 2, "address") && ecrc_rd_word_is(l, 3, "prefix-list")) {
		if (t->match)
			return ecrc_rd_fail(&r->rd, l->no, "a second match in one sequence");
		t->match = l->w[4];
		t->match_line = l->no;
		return 0;
	}
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "set") && ecrc_rd_word_is(l, 1, "metric"))
		return ecrc_rd_term_med(&r->rd, l, 2, t);
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "set") && ecrc_rd_word_is(l, 1, "local-preference"))
		return ecrc_rd_term_local_pref(&r->rd, l, 2, t);
	if (l->n == 3 && ecrc_rd_word_is(l, 0, "set") && ecrc_rd_word_is(l, 1, "origin"))
		return ecrc_rd_term_origin(&r->rd, l, 2, t);
	if (l->n >= 4 && ecrc_rd_word_is(l, 0, "set") && ecrc_rd_word_is(l, 1, "as-path") &&
	    ecrc_rd_word_is(l, 2, "prepend")) {
		size_t n = l->n - 3;
		t->prepend = ecrc_arena_alloc(r->rd.arena, n * sizeof *t->prepend);
		for (size_t i = 0; i < n; i++)
			if (!ecrc_parse_asn(l->w[3 + i], &t->prepend[i]))
				return ecrc_rd_fail(&r->rd, l->no, "'%s' is not an AS number", l->w[3 + i]);
		t->n_prepend = n;
		t->sets_something = true;
		return 0;
	}
	return bad(r, l, "a route-map");
}

static int read_bgp(struct eos_reader *r, const struct ecrc_rd_line *l)
{
	struct ecrc_rd *rd = &r->rd;
	if (l->n == 2 && ecrc_rd_word_is(l, 0, "router-id")) {
		if (!ecrc_parse_ipv4(l->w[1], &rd->router_id))
			return ecrc_rd_fail(rd, l->no, "'%s' is not a router-id", l->w[1]);
		rd->has_router_id = true;
		return 0;
	}
	if ((l->n == 2 || l->n == 4) && ecrc_rd_word_is(l, 0, "maximum-paths")) {
		uint32_t ecmp;
		if (ecrc_rd_u32_at(&r->rd, l, 1, 1, 600, &rd->maximum_paths))
			return -1;
		if (l->n == 4) {
			if (!ecrc_rd_word_is(l, 2, "ecmp") || ecrc_rd_u32_at(&r->rd, l, 3, 1, 600, &ecmp))
				return ecrc_rd_fail(rd, l->no, "expected 'maximum-paths N ecmp M'");
			if (ecmp < rd->maximum_paths)
				return ecrc_rd_fail(rd, l->no, "ecmp %u is below maximum-paths %u", ecmp,
				                    rd->maximum_paths);
		}
		return 0;
	}
	if (l->n == 2 && ecrc_rd_word_is(l, 0, "network")) {
		struct ecrc_ipnet p;
		if (prefix_at(r, l, 1, &p))
			return -1;
		ecrc_rd_network_add(rd, p, l->no);
		return 0;
	}
	if (l->n < 3 || !ecrc_rd_word_is(l, 0, "neighbor"))
		return bad(r, l, "router bgp");

	uint32_t addr;
	if (!ecrc_parse_ipv4(l->w[1], &addr))
		return ecrc_rd_fail(rd, l->no, "'%s' is not a neighbor address", l->w[1]);
	struct ecrc_rd_peer *p = ecrc_rd_peer_get(rd, addr, l->no);
	if (l->n == 4 && ecrc_rd_word_is(l, 2, "remote-as")) {
		if (!ecrc_parse_asn(l->w[3], &p->ir.remote_as))
			return ecrc_rd_fail(rd, l->no, "'%s' is not an AS number", l->w[3]);
		p->has_remote_as = true;
		return 0;
	}
	if (l->n >= 4 && ecrc_rd_word_is(l, 2, "description")) {
		p->ir.description = ecrc_rd_rest(l, 3);
		return 0;
	}
	if (l->n == 3 && ecrc_rd_word_is(l, 2, "bfd")) {
		p->bfd_enabled = true;
		return 0;
	}
	if (l->n == 5 && ecrc_rd_word_is(l, 2, "timers"))
		return ecrc_rd_u32_at(&r->rd, l, 3, 0, 3600, &p->ir.keepalive_s) ||
		       ecrc_rd_u32_at(&r->rd, l, 4, 0, 7200, &p->ir.hold_s);
	if (l->n >= 5 && ecrc_rd_word_is(l, 2, "password") && ecrc_rd_word_is(l, 3, "0")) {
		p->ir.md5_key = ecrc_rd_rest(l, 4);
		p->ir.md5_redacted = ecrc_vendor_key_redacted(p->ir.md5_key);
		return 0;
	}
	if (l->n == 5 && ecrc_rd_word_is(l, 2, "route-map")) {
		if (ecrc_rd_word_is(l, 4, "in")) {
			p->import_name = l->w[3];
			p->import_line = l->no;
		} else if (ecrc_rd_word_is(l, 4, "out")) {
			p->export_name = l->w[3];
			p->export_line = l->no;
		} else {
			return bad(r, l, "router bgp");
		}
		return 0;
	}
	if ((l->n == 4 || l->n == 7) && ecrc_rd_word_is(l, 2, "maximum-routes")) {
		/* maximum-routes N [warning-limit PCT percent] */
		if (l->n == 7 &&
		    !(ecrc_rd_word_is(l, 4, "warning-limit") && ecrc_rd_word_is(l, 6, "percent")))
			return bad(r, l, "router bgp");
		return ecrc_rd_u32_at(&r->rd, l, 3, 1, UINT32_MAX, &p->ir.max_prefixes) ||
		       (l->n == 7 && ecrc_rd_u32_at(&r->rd, l, 5, 1, 100, &p->ir.max_prefix_warn_pct));
	}
	if (l->n == 4 && ecrc_rd_word_is(l, 2, "idle-restart-timer")) {
		p->ir.max_prefix_recovers = true;
		return ecrc_rd_u32_at(&r->rd, l, 3, 1, 65535, &p->ir.max_prefix_restart_s);
	}
	return bad(r, l, "router bgp");
}

static int eos_read(const char *text, size_t len, struct ecrc_arena *arena, struct ecrc_ir_cpe **out,
                    char *err, size_t errlen)
{
	struct eos_reader r = {0};
	struct ecrc_ir_cpe hdr = {0};
	*out = NULL;
	ecrc_rd_init(&r.rd, arena, err, errlen);
	r.rd.default_keepalive_s = EOS_KEEPALIVE_S;
	r.rd.default_hold_s = EOS_HOLD_S;
	r.rd.uses_networks = true;
	if (ecrc_vendor_read_header(&ecrc_vendor_arista_eos, text, len, arena, &hdr, err, errlen))
		return -1;
	struct ecrc_rd_line *lines;
	size_t n;
	ecrc_rd_split(text, len, "!", arena, &lines, &n);
	for (size_t i = 0; i < n; i++) {
		const struct ecrc_rd_line *l = &lines[i];
		int rc;
		if (l->indent == 0)
			rc = read_top(&r, l);
		else if (r.mode == E_IFACE)
			rc = read_iface(&r, l);
		else if (r.mode == E_RMAP)
			rc = read_rmap(&r, l);
		else if (r.mode == E_BGP)
			rc = read_bgp(&r, l);
		else if (r.mode == E_PLIST)
			rc = read_plist_entry(&r, l, 0, r.plist);
		else
			rc = bad(&r, l, "the global configuration");
		if (rc)
			return -1;
	}
	if (end_iface(&r))
		return -1;
	if (!r.ip_routing && r.rd.n_ifaces)
		return ecrc_rd_fail(&r.rd, r.first_line ? r.first_line : 1,
		                    "no 'ip routing': EOS would not route between the interfaces");
	/* a neighbor with BFD takes the intervals of its interface (reader.c) */
	if (ecrc_rd_finish(&r.rd, out))
		return -1;
	ecrc_rd_take_header(*out, &hdr);
	return 0;
}

/* How to apply the file safely, per platform (vendors.md point 8); the
 * sources are on docs/vendors/. */
static const char *const eos_apply_all[] = {
    "How to apply: 'configure session ecrc', paste this file, 'show session-config",
    "diffs', then 'commit timer 00:10:00'. Check 'show ip bgp summary' and 'show bfd",
    "peers', then 'configure session ecrc commit' to keep it, or EOS rolls back after",
    "10 minutes ('configure session ecrc abort' rolls back at once). The file merges",
    "and deletes nothing.",
    NULL,
};
static const struct ecrc_vendor_platform eos_platforms[] = {
    {NULL, "EOS", eos_apply_all},
};

const struct ecrc_vendor ecrc_vendor_arista_eos = {
    .name = "arista-eos",
    .display = "Arista EOS",
    .ext = ".eos",
    .comment = "!",
    /* EthernetN, or EthernetN/L for a lane of a breakout port (and
     * EthernetS/N/L on modular chassis), or Port-ChannelN */
    .iface_pattern = "Ethernet\\d+(/\\d+){0,2}|Port-Channel\\d+",
    .iface_example = "Ethernet1",
    .syntax_chars = "", /* nothing beyond "-./:_" */
    .prefix_restart_unit_s = 1,
    .prefix_warn = true,
    .render = eos_render,
    .read = eos_read,
    /* no limits beyond the design format's: the ranges EOS accepts for
     * BFD intervals and keys are not in the sources ecrc cites */
    .limits = NULL,
    .platforms = eos_platforms,
    .n_platforms = sizeof eos_platforms / sizeof eos_platforms[0],
    .read_running = ecrc_eos_read_running,
};
