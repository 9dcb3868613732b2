/*
 * junos.c: the Juniper Junos backend. Renders the CPE IR as Junos
 * configuration in the curly-brace hierarchical form (what `show
 * configuration` prints and `load merge terminal` accepts), and reads that
 * subset back. docs/vendors/juniper-junos.md says what each statement is,
 * where its syntax comes from, and what is deliberately left out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendors/reader.h"

/* The one BGP group all cloud neighbors live in, and the forwarding-table
 * export policy that installs every equal-cost next hop. */
#define JUNOS_GROUP "ECRC-VBR"
#define JUNOS_LB_POLICY "ECRC-LB"
/* Without `maximum-ecmp`, Junos installs up to 16 equal-cost next hops. */
#define JUNOS_DEFAULT_ECMP 16
/* 802.1Q Ethernet II overhead (untagged: 14) between media and IP MTU. */
#define JUNOS_TAGGED_OVERHEAD 18
#define JUNOS_UNTAGGED_OVERHEAD 14
/* The hold time Junos uses when none is set (keepalives at a third). */
#define JUNOS_HOLD_S 90

/* ---- render --------------------------------------------------------------- */

static void ind(struct ecrc_buf *out, int depth)
{
	for (int i = 0; i < depth; i++)
		ecrc_buf_puts(out, "    ");
}

/* A string value: bare when it is one word, quoted otherwise (as Junos
 * prints it). The IR's strings carry no quote or backslash. */
static void put_value(struct ecrc_buf *out, const char *s)
{
	if (*s && !strpbrk(s, " \t"))
		ecrc_buf_puts(out, s);
	else
		ecrc_buf_printf(out, "\"%s\"", s);
}

static void render_interfaces(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	char a[19];
	ecrc_buf_puts(out, "interfaces {\n");
	for (size_t p = 0; p < cpe->n_ports; p++) {
		const struct ecrc_ir_port *port = &cpe->ports[p];
		const char *parent = port->name;
		bool tagged = port->tagged;
		uint32_t mtu = port->mtu;
		ind(out, 1);
		ecrc_buf_printf(out, "%s {\n", parent);
		if (tagged) {
			ind(out, 2);
			ecrc_buf_puts(out, "vlan-tagging;\n");
		}
		ind(out, 2);
		ecrc_buf_printf(out, "mtu %u;\n",
		                mtu + (tagged ? JUNOS_TAGGED_OVERHEAD : JUNOS_UNTAGGED_OVERHEAD));
		for (size_t j = port->first_iface; j < cpe->n_ifaces; j++) {
			const struct ecrc_ir_iface *f = &cpe->ifaces[j];
			if (f->port != p)
				continue;
			ind(out, 2);
			ecrc_buf_printf(out, "unit %u {\n", f->vlan);
			if (f->description) {
				ind(out, 3);
				ecrc_buf_puts(out, "description ");
				put_value(out, f->description);
				ecrc_buf_puts(out, ";\n");
			}
			if (tagged) {
				ind(out, 3);
				ecrc_buf_printf(out, "vlan-id %u;\n", f->vlan);
			}
			ind(out, 3);
			ecrc_buf_puts(out, "family inet {\n");
			ind(out, 4);
			ecrc_buf_printf(out, "mtu %u;\n", f->mtu);
			ind(out, 4);
			ecrc_buf_printf(out, "address %s;\n", ecrc_fmt_ipnet(f->address, a));
			ind(out, 3);
			ecrc_buf_puts(out, "}\n");
			ind(out, 2);
			ecrc_buf_puts(out, "}\n");
		}
		ind(out, 1);
		ecrc_buf_puts(out, "}\n");
	}
	ecrc_buf_puts(out, "}\n");
}

/* Routes via a next hop: one statement per prefix with its next hops in a
 * list, at the place of the prefix's first route, as Junos shows them. */
static bool same_gateway_prefix(const struct ecrc_ir_static *a, const struct ecrc_ir_static *b)
{
	return a->has_next_hop && b->has_next_hop && ecrc_ipnet_equal(a->prefix, b->prefix);
}

static void render_static(const struct ecrc_ir_cpe *cpe, size_t i, struct ecrc_buf *out)
{
	char a[19];
	const struct ecrc_ir_static *s = &cpe->statics[i];
	size_t n_hops = 0;
	for (size_t j = 0; j < cpe->n_statics; j++) {
		if (j < i && same_gateway_prefix(&cpe->statics[j], s))
			return; /* rendered with the first */
		if (same_gateway_prefix(&cpe->statics[j], s))
			n_hops++;
	}
	ind(out, 2);
	ecrc_buf_printf(out, "route %s ", ecrc_fmt_ipnet(ecrc_ipnet_network(s->prefix), a));
	if (!s->has_next_hop) {
		ecrc_buf_puts(out, "discard;\n");
		return;
	}
	if (n_hops == 1) {
		ecrc_buf_printf(out, "next-hop %s;\n", ecrc_fmt_ipv4(s->next_hop, a));
		return;
	}
	ecrc_buf_puts(out, "next-hop [");
	for (size_t j = i; j < cpe->n_statics; j++)
		if (same_gateway_prefix(&cpe->statics[j], s))
			ecrc_buf_printf(out, " %s", ecrc_fmt_ipv4(cpe->statics[j].next_hop, a));
	ecrc_buf_puts(out, " ];\n");
}

static void render_routing_options(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	char a[19];
	ecrc_buf_puts(out, "routing-options {\n");
	ind(out, 1);
	ecrc_buf_printf(out, "router-id %s;\n", ecrc_fmt_ipv4(cpe->router_id, a));
	ind(out, 1);
	ecrc_buf_printf(out, "autonomous-system %u;\n", cpe->asn);
	if (cpe->n_statics) {
		ind(out, 1);
		ecrc_buf_puts(out, "static {\n");
		for (size_t i = 0; i < cpe->n_statics; i++)
			render_static(cpe, i, out);
		ind(out, 1);
		ecrc_buf_puts(out, "}\n");
	}
	ind(out, 1);
	ecrc_buf_puts(out, "forwarding-table {\n");
	ind(out, 2);
	ecrc_buf_puts(out, "export " JUNOS_LB_POLICY ";\n");
	ind(out, 1);
	ecrc_buf_puts(out, "}\n");
	ecrc_buf_puts(out, "}\n");
}

/* True when an earlier neighbor already rendered a policy or list of this
 * name (two neighbors may share them). */
static bool export_list_seen(const struct ecrc_ir_cpe *cpe, size_t n, size_t t, const char *name)
{
	for (size_t i = 0; i <= n; i++) {
		const struct ecrc_ir_neighbor *nb = &cpe->neighbors[i];
		size_t upto = i == n ? t : nb->n_export_terms;
		for (size_t k = 0; k < upto; k++)
			if (strcmp(nb->export_terms[k].match.name, name) == 0)
				return true;
	}
	return false;
}

/* Junos route filters: `exact`, or the length range as
 * `prefix-length-range /ge-/le` (ge defaults to the prefix length, le to 32,
 * as with ge/le elsewhere). */
static void render_route_filter(const struct ecrc_ir_prefix_entry *e, struct ecrc_buf *out)
{
	char a[19];
	struct ecrc_ipnet p = ecrc_ipnet_network(e->prefix);
	if (e->ge == 0 && e->le == 0) {
		ecrc_buf_printf(out, "route-filter %s exact;\n", ecrc_fmt_ipnet(p, a));
		return;
	}
	unsigned ge = e->ge ? e->ge : p.len, le = e->le ? e->le : 32;
	ecrc_buf_printf(out, "route-filter %s prefix-length-range /%u-/%u;\n", ecrc_fmt_ipnet(p, a), ge, le);
}

static void render_reject_term(struct ecrc_buf *out)
{
	ind(out, 2);
	ecrc_buf_puts(out, "term reject {\n");
	ind(out, 3);
	ecrc_buf_puts(out, "then reject;\n");
	ind(out, 2);
	ecrc_buf_puts(out, "}\n");
}

/* The import policy: one term per accepted range, because Junos matches the
 * route filters of one term by longest prefix first and would not fall back
 * to a shorter filter whose range does match. The term names carry the
 * import list's name. */
static void render_import_policy(const struct ecrc_ir_neighbor *nb, struct ecrc_buf *out)
{
	ind(out, 1);
	ecrc_buf_printf(out, "policy-statement %s {\n", nb->import_policy);
	for (size_t i = 0; i < nb->import_list.n_entries; i++) {
		ind(out, 2);
		ecrc_buf_printf(out, "term %s-%zu {\n", nb->import_list.name, i + 1);
		ind(out, 3);
		ecrc_buf_puts(out, "from {\n");
		ind(out, 4);
		render_route_filter(&nb->import_list.entries[i], out);
		ind(out, 3);
		ecrc_buf_puts(out, "}\n");
		ind(out, 3);
		if (nb->import_local_pref) {
			ecrc_buf_puts(out, "then {\n");
			ind(out, 4);
			ecrc_buf_printf(out, "local-preference %u;\n", nb->import_local_pref);
			ind(out, 4);
			ecrc_buf_puts(out, "accept;\n");
			ind(out, 3);
			ecrc_buf_puts(out, "}\n");
		} else {
			ecrc_buf_puts(out, "then accept;\n");
		}
		ind(out, 2);
		ecrc_buf_puts(out, "}\n");
	}
	render_reject_term(out);
	ind(out, 1);
	ecrc_buf_puts(out, "}\n");
}

static void render_export_policy(const struct ecrc_ir_neighbor *nb, struct ecrc_buf *out)
{
	ind(out, 1);
	ecrc_buf_printf(out, "policy-statement %s {\n", nb->export_policy);
	for (size_t t = 0; t < nb->n_export_terms; t++) {
		const struct ecrc_ir_export_term *x = &nb->export_terms[t];
		ind(out, 2);
		ecrc_buf_printf(out, "term %s {\n", x->match.name);
		ind(out, 3);
		ecrc_buf_puts(out, "from {\n");
		ind(out, 4);
		ecrc_buf_printf(out, "prefix-list %s;\n", x->match.name);
		ind(out, 3);
		ecrc_buf_puts(out, "}\n");
		ind(out, 3);
		ecrc_buf_puts(out, "then {\n");
		if (x->has_med) {
			ind(out, 4);
			ecrc_buf_printf(out, "metric %u;\n", x->med);
		}
		ind(out, 4);
		ecrc_buf_printf(out, "origin %s;\n",
		                x->origin == ECRC_IR_ORIGIN_INCOMPLETE ? "incomplete" : "igp");
		if (x->n_prepend) {
			ind(out, 4);
			ecrc_buf_puts(out, "as-path-prepend ");
			if (x->n_prepend > 1)
				ecrc_buf_putc(out, '"');
			for (size_t k = 0; k < x->n_prepend; k++)
				ecrc_buf_printf(out, "%s%u", k ? " " : "", x->prepend[k]);
			if (x->n_prepend > 1)
				ecrc_buf_putc(out, '"');
			ecrc_buf_puts(out, ";\n");
		}
		ind(out, 4);
		ecrc_buf_puts(out, "accept;\n");
		ind(out, 3);
		ecrc_buf_puts(out, "}\n");
		ind(out, 2);
		ecrc_buf_puts(out, "}\n");
	}
	render_reject_term(out);
	ind(out, 1);
	ecrc_buf_puts(out, "}\n");
}

static void render_policy_options(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	char a[19];
	ecrc_buf_puts(out, "policy-options {\n");
	for (size_t n = 0; n < cpe->n_neighbors; n++) {
		const struct ecrc_ir_neighbor *nb = &cpe->neighbors[n];
		for (size_t t = 0; t < nb->n_export_terms; t++) {
			const struct ecrc_ir_prefix_list *l = &nb->export_terms[t].match;
			if (export_list_seen(cpe, n, t, l->name))
				continue;
			ind(out, 1);
			ecrc_buf_printf(out, "prefix-list %s {\n", l->name);
			for (size_t k = 0; k < l->n_entries; k++) {
				ind(out, 2);
				ecrc_buf_printf(out, "%s;\n",
				                ecrc_fmt_ipnet(ecrc_ipnet_network(l->entries[k].prefix), a));
			}
			ind(out, 1);
			ecrc_buf_puts(out, "}\n");
		}
	}
	for (size_t n = 0; n < cpe->n_neighbors; n++) {
		const struct ecrc_ir_neighbor *nb = &cpe->neighbors[n];
		if (!ecrc_ir_policy_seen(cpe, n, nb->import_policy))
			render_import_policy(nb, out);
		if (!ecrc_ir_policy_seen(cpe, n, nb->export_policy) &&
		    strcmp(nb->export_policy, nb->import_policy) != 0)
			render_export_policy(nb, out);
	}
	ind(out, 1);
	ecrc_buf_puts(out, "policy-statement " JUNOS_LB_POLICY " {\n");
	ind(out, 2);
	ecrc_buf_puts(out, "then {\n");
	ind(out, 3);
	ecrc_buf_puts(out, "load-balance per-packet;\n");
	ind(out, 2);
	ecrc_buf_puts(out, "}\n");
	ind(out, 1);
	ecrc_buf_puts(out, "}\n");
	ecrc_buf_puts(out, "}\n");
}

static void render_neighbor(const struct ecrc_ir_neighbor *nb, struct ecrc_buf *out)
{
	char a[16];
	ind(out, 3);
	ecrc_buf_printf(out, "neighbor %s {\n", ecrc_fmt_ipv4(nb->address, a));
	if (nb->description) {
		ind(out, 4);
		ecrc_buf_puts(out, "description ");
		put_value(out, nb->description);
		ecrc_buf_puts(out, ";\n");
	}
	if (nb->hold_s != JUNOS_HOLD_S) {
		/* Junos has no keepalive setting: it sends keepalives at a third
		 * of the hold time. */
		ind(out, 4);
		ecrc_buf_printf(out, "hold-time %u;\n", nb->hold_s);
	}
	ind(out, 4);
	ecrc_buf_printf(out, "import %s;\n", nb->import_policy);
	if (nb->md5_key) {
		ind(out, 4);
		ecrc_buf_printf(out, "authentication-key \"%s\";\n", nb->md5_key);
	}
	ind(out, 4);
	ecrc_buf_printf(out, "export %s;\n", nb->export_policy);
	ind(out, 4);
	ecrc_buf_printf(out, "peer-as %u;\n", nb->remote_as);
	if (nb->bfd) {
		ind(out, 4);
		ecrc_buf_puts(out, "bfd-liveness-detection {\n");
		if (nb->bfd_min_tx_ms == nb->bfd_min_rx_ms) {
			ind(out, 5);
			ecrc_buf_printf(out, "minimum-interval %u;\n", nb->bfd_min_tx_ms);
		} else {
			ind(out, 5);
			ecrc_buf_printf(out, "minimum-receive-interval %u;\n", nb->bfd_min_rx_ms);
		}
		ind(out, 5);
		ecrc_buf_printf(out, "multiplier %u;\n", nb->bfd_multiplier);
		if (nb->bfd_min_tx_ms != nb->bfd_min_rx_ms) {
			ind(out, 5);
			ecrc_buf_puts(out, "transmit-interval {\n");
			ind(out, 6);
			ecrc_buf_printf(out, "minimum-interval %u;\n", nb->bfd_min_tx_ms);
			ind(out, 5);
			ecrc_buf_puts(out, "}\n");
		}
		ind(out, 4);
		ecrc_buf_puts(out, "}\n");
	}
	if (nb->max_prefixes) {
		ind(out, 4);
		ecrc_buf_puts(out, "family inet {\n");
		ind(out, 5);
		ecrc_buf_puts(out, "unicast {\n");
		ind(out, 6);
		ecrc_buf_puts(out, "prefix-limit {\n");
		ind(out, 7);
		ecrc_buf_printf(out, "maximum %u;\n", nb->max_prefixes);
		ind(out, 7);
		ecrc_buf_puts(out, "teardown");
		if (nb->max_prefix_warn_pct)
			ecrc_buf_printf(out, " %u", nb->max_prefix_warn_pct);
		if (nb->max_prefix_recovers)
			ecrc_buf_printf(out, " idle-timeout %u", ecrc_vendor_restart_min(nb));
		ecrc_buf_puts(out, ";\n");
		ind(out, 6);
		ecrc_buf_puts(out, "}\n");
		ind(out, 5);
		ecrc_buf_puts(out, "}\n");
		ind(out, 4);
		ecrc_buf_puts(out, "}\n");
	}
	ind(out, 3);
	ecrc_buf_puts(out, "}\n");
}

/* SRX: an interface that no security zone admits drops BGP and BFD
 * aimed at the device itself. Every uplink unit joins zone ECRC-CLOUD;
 * those with a BGP neighbor admit BGP, and BFD when it runs. */
#define JUNOS_SRX_ZONE "ECRC-CLOUD"

static bool is_srx(const struct ecrc_ir_cpe *cpe)
{
	return cpe->platform && strcmp(cpe->platform, "srx") == 0;
}

static void render_security_zone(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	ecrc_buf_puts(out, "security {\n");
	ind(out, 1);
	ecrc_buf_puts(out, "zones {\n");
	ind(out, 2);
	ecrc_buf_puts(out, "security-zone " JUNOS_SRX_ZONE " {\n");
	ind(out, 3);
	ecrc_buf_puts(out, "interfaces {\n");
	/* in the order of the interfaces block: the units of a port together */
	for (size_t p = 0; p < cpe->n_ports; p++)
		for (size_t i = cpe->ports[p].first_iface; i < cpe->n_ifaces; i++) {
			const struct ecrc_ir_iface *f = &cpe->ifaces[i];
			if (f->port != p)
				continue;
			const struct ecrc_ir_neighbor *nb =
			    f->neighbor == ECRC_IR_NONE ? NULL : &cpe->neighbors[f->neighbor];
			ind(out, 4);
			if (!nb) {
				ecrc_buf_printf(out, "%s.%u;\n", f->parent, f->vlan);
				continue;
			}
			ecrc_buf_printf(out, "%s.%u {\n", f->parent, f->vlan);
			ind(out, 5);
			ecrc_buf_puts(out, "host-inbound-traffic {\n");
			ind(out, 6);
			ecrc_buf_puts(out, "protocols {\n");
			ind(out, 7);
			ecrc_buf_puts(out, "bgp;\n");
			if (nb->bfd) {
				ind(out, 7);
				ecrc_buf_puts(out, "bfd;\n");
			}
			ind(out, 6);
			ecrc_buf_puts(out, "}\n");
			ind(out, 5);
			ecrc_buf_puts(out, "}\n");
			ind(out, 4);
			ecrc_buf_puts(out, "}\n");
		}
	for (int d = 3; d >= 0; d--) {
		ind(out, d);
		ecrc_buf_puts(out, "}\n");
	}
}

static int junos_render(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	ecrc_vendor_header(&ecrc_vendor_juniper_junos, cpe, out);
	if (cpe->hostname) {
		ecrc_buf_puts(out, "system {\n");
		ind(out, 1);
		ecrc_buf_printf(out, "host-name %s;\n", cpe->hostname);
		ecrc_buf_puts(out, "}\n");
	}
	render_interfaces(cpe, out);
	if (is_srx(cpe))
		render_security_zone(cpe, out);
	render_routing_options(cpe, out);
	render_policy_options(cpe, out);
	if (cpe->n_neighbors == 0)
		return 0; /* static routing only */
	ecrc_buf_puts(out, "protocols {\n");
	ind(out, 1);
	ecrc_buf_puts(out, "bgp {\n");
	ind(out, 2);
	ecrc_buf_puts(out, "group " JUNOS_GROUP " {\n");
	ind(out, 3);
	ecrc_buf_puts(out, "type external;\n");
	ind(out, 3);
	ecrc_buf_puts(out, "multipath;\n");
	for (size_t n = 0; n < cpe->n_neighbors; n++)
		render_neighbor(&cpe->neighbors[n], out);
	ind(out, 2);
	ecrc_buf_puts(out, "}\n");
	ind(out, 1);
	ecrc_buf_puts(out, "}\n");
	ecrc_buf_puts(out, "}\n");
	return 0;
}

/* ---- read: a statement tree ------------------------------------------------
 * A statement is words ended by ';', or words and a block of statements in
 * braces. Comments: '#' to the end of the line, and C-style blocks. */

struct jstmt {
	uint32_t line;
	char **w;
	size_t n;
	bool block;
	struct jstmt *kids; /* first child */
	struct jstmt *next;
};

struct jlex {
	const char *s;
	size_t len, pos;
	uint32_t line;
	struct ecrc_rd *rd;
	int depth;
};

enum jtok { J_EOF, J_WORD, J_SEMI, J_OPEN, J_CLOSE, J_ERR };

static enum jtok jnext(struct jlex *lx, char **word, uint32_t *line)
{
	for (;;) {
		while (lx->pos < lx->len && strchr(" \t\r\n", lx->s[lx->pos])) {
			if (lx->s[lx->pos] == '\n')
				lx->line++;
			lx->pos++;
		}
		if (lx->pos >= lx->len)
			return J_EOF;
		if (lx->s[lx->pos] == '#') {
			while (lx->pos < lx->len && lx->s[lx->pos] != '\n')
				lx->pos++;
			continue;
		}
		if (lx->s[lx->pos] == '/' && lx->pos + 1 < lx->len && lx->s[lx->pos + 1] == '*') {
			uint32_t start = lx->line;
			lx->pos += 2;
			while (lx->pos + 1 < lx->len &&
			       !(lx->s[lx->pos] == '*' && lx->s[lx->pos + 1] == '/')) {
				if (lx->s[lx->pos] == '\n')
					lx->line++;
				lx->pos++;
			}
			if (lx->pos + 1 >= lx->len) {
				ecrc_rd_fail(lx->rd, start, "unterminated comment");
				return J_ERR;
			}
			lx->pos += 2;
			continue;
		}
		break;
	}
	*line = lx->line;
	char c = lx->s[lx->pos];
	if (c == ';' || c == '{' || c == '}') {
		lx->pos++;
		return c == ';' ? J_SEMI : c == '{' ? J_OPEN : J_CLOSE;
	}
	if (c == '"') {
		size_t b = ++lx->pos;
		while (lx->pos < lx->len && lx->s[lx->pos] != '"' && lx->s[lx->pos] != '\n')
			lx->pos++;
		if (lx->pos >= lx->len || lx->s[lx->pos] != '"') {
			ecrc_rd_fail(lx->rd, *line, "unterminated quoted string");
			return J_ERR;
		}
		*word = ecrc_arena_strndup(lx->rd->arena, lx->s + b, lx->pos - b);
		lx->pos++;
		return J_WORD;
	}
	size_t b = lx->pos;
	while (lx->pos < lx->len && !strchr(" \t\r\n;{}\"", lx->s[lx->pos]))
		lx->pos++;
	*word = ecrc_arena_strndup(lx->rd->arena, lx->s + b, lx->pos - b);
	return J_WORD;
}

/* Parses statements until '}' (inside a block) or the end (top level). */
static int jparse(struct jlex *lx, bool inner, struct jstmt **first)
{
	struct jstmt **tail = first;
	*first = NULL;
	if (++lx->depth > 32)
		return ecrc_rd_fail(lx->rd, lx->line, "statements nested too deep");
	for (;;) {
		char *word = NULL;
		uint32_t line = 0;
		enum jtok t = jnext(lx, &word, &line);
		if (t == J_ERR)
			return -1;
		if (t == J_EOF) {
			if (inner)
				return ecrc_rd_fail(lx->rd, lx->line, "missing '}' at the end of the text");
			break;
		}
		if (t == J_CLOSE) {
			if (!inner)
				return ecrc_rd_fail(lx->rd, line, "'}' without a matching '{'");
			break;
		}
		if (t != J_WORD)
			return ecrc_rd_fail(lx->rd, line, "expected a statement, found '%c'",
			                    t == J_SEMI ? ';' : '{');
		struct jstmt *st = ecrc_arena_alloc(lx->rd->arena, sizeof *st);
		st->line = line;
		size_t cap = 0;
		for (;;) {
			st->w = ecrc_rd_grow(lx->rd->arena, st->w, &cap, st->n, sizeof *st->w);
			st->w[st->n++] = word;
			uint32_t l2;
			t = jnext(lx, &word, &l2);
			if (t == J_WORD)
				continue;
			if (t == J_SEMI)
				break;
			if (t == J_OPEN) {
				st->block = true;
				if (jparse(lx, true, &st->kids))
					return -1;
				break;
			}
			if (t == J_ERR)
				return -1;
			return ecrc_rd_fail(lx->rd, l2, "statement '%s' is not ended by ';'", st->w[0]);
		}
		*tail = st;
		tail = &st->next;
	}
	lx->depth--;
	return 0;
}

/* ---- read: the statements ecrc emits -------------------------------------- */

static int unexpected(struct ecrc_rd *rd, const struct jstmt *st, const char *where)
{
	return ecrc_rd_fail(rd, st->line, "'%s' in %s is not part of what ecrc emits for Junos", st->w[0],
	                    where);
}

static bool is_leaf(const struct jstmt *st, const char *kw, size_t n)
{
	return !st->block && st->n == n && strcmp(st->w[0], kw) == 0;
}

static bool is_block(const struct jstmt *st, const char *kw, size_t n)
{
	return st->block && st->n == n && strcmp(st->w[0], kw) == 0;
}

static int read_u32(struct ecrc_rd *rd, const struct jstmt *st, size_t i, uint32_t min, uint32_t max,
                    uint32_t *out)
{
	if (!ecrc_rd_u32(st->w[i], min, max, out))
		return ecrc_rd_fail(rd, st->line, "'%s' needs a number from %u to %u, not '%s'", st->w[0],
		                    min, max, st->w[i]);
	return 0;
}

static int read_prefix(struct ecrc_rd *rd, const struct jstmt *st, const char *s, struct ecrc_ipnet *p)
{
	if (!ecrc_parse_ipnet(s, p))
		return ecrc_rd_fail(rd, st->line, "'%s' is not an IPv4 prefix", s);
	return 0;
}

static int read_family_inet(struct ecrc_rd *rd, const struct jstmt *fam, struct ecrc_rd_iface *f)
{
	f->ir.mtu = 1500; /* the IP MTU Junos uses when none is set */
	for (const struct jstmt *st = fam->kids; st; st = st->next) {
		if (is_leaf(st, "mtu", 2)) {
			if (read_u32(rd, st, 1, 256, 65535, &f->ir.mtu))
				return -1;
		} else if (is_leaf(st, "address", 2)) {
			if (f->has_address)
				return ecrc_rd_fail(rd, st->line, "a second address on one unit");
			if (read_prefix(rd, st, st->w[1], &f->ir.address))
				return -1;
			f->has_address = true;
		} else {
			return unexpected(rd, st, "family inet");
		}
	}
	return 0;
}

static int read_unit(struct ecrc_rd *rd, const char *parent, const struct jstmt *unit)
{
	const char *description = NULL;
	uint32_t vlan = 0;
	const struct jstmt *fam = NULL;
	for (const struct jstmt *st = unit->kids; st; st = st->next) {
		if (is_leaf(st, "description", 2)) {
			description = st->w[1];
		} else if (is_leaf(st, "vlan-id", 2)) {
			if (read_u32(rd, st, 1, 0, 4094, &vlan))
				return -1;
		} else if (st->block && st->n == 2 && strcmp(st->w[0], "family") == 0 &&
		           strcmp(st->w[1], "inet") == 0) {
			fam = st;
		} else {
			return unexpected(rd, st, "a unit");
		}
	}
	if (ecrc_rd_iface_find(rd, parent, vlan))
		return ecrc_rd_fail(rd, unit->line, "a second unit of %s with VLAN %u", parent, vlan);
	struct ecrc_rd_iface *f = ecrc_rd_iface_add(rd, parent, vlan, unit->line);
	f->ir.description = description;
	if (!fam)
		return ecrc_rd_fail(rd, unit->line, "unit %s of %s has no family inet", unit->w[1], parent);
	return read_family_inet(rd, fam, f);
}

static int read_interfaces(struct ecrc_rd *rd, const struct jstmt *top)
{
	for (const struct jstmt *port = top->kids; port; port = port->next) {
		if (!port->block || port->n != 1)
			return unexpected(rd, port, "interfaces");
		for (const struct jstmt *st = port->kids; st; st = st->next) {
			uint32_t v;
			if (is_leaf(st, "vlan-tagging", 1))
				continue;
			if (is_leaf(st, "mtu", 2)) {
				if (read_u32(rd, st, 1, 256, 65535, &v))
					return -1;
				continue;
			}
			if (is_block(st, "unit", 2)) {
				if (read_u32(rd, st, 1, 0, 1073741823, &v) || read_unit(rd, port->w[0], st))
					return -1;
				continue;
			}
			return unexpected(rd, st, port->w[0]);
		}
	}
	return 0;
}

/* route P discard; | route P next-hop A; | route P next-hop [ A B ... ]; */
static int read_static_route(struct ecrc_rd *rd, const struct jstmt *r)
{
	struct ecrc_ipnet p;
	if (r->block || r->n < 3 || strcmp(r->w[0], "route") != 0)
		return ecrc_rd_fail(rd, r->line, "ecrc reads only 'route PREFIX discard|next-hop ...;' here");
	if (read_prefix(rd, r, r->w[1], &p))
		return -1;
	if (r->n == 3 && strcmp(r->w[2], "discard") == 0) {
		ecrc_rd_static_at(rd, p, false, 0, r->line);
		return 0;
	}
	if (strcmp(r->w[2], "next-hop") != 0 || r->n < 4)
		return ecrc_rd_fail(rd, r->line, "static route %s: expected 'discard' or 'next-hop'",
		                    r->w[1]);
	size_t from = 3, to = r->n;
	if (strcmp(r->w[3], "[") == 0) {
		if (r->n < 6 || strcmp(r->w[r->n - 1], "]") != 0)
			return ecrc_rd_fail(rd, r->line, "static route %s: unterminated next-hop list",
			                    r->w[1]);
		from = 4;
		to = r->n - 1;
	} else if (r->n != 4) {
		return ecrc_rd_fail(rd, r->line, "static route %s: one next hop, or a list in [ ]", r->w[1]);
	}
	for (size_t i = from; i < to; i++) {
		uint32_t nh;
		if (!ecrc_parse_ipv4(r->w[i], &nh))
			return ecrc_rd_fail(rd, r->line, "'%s' is not an IPv4 next hop", r->w[i]);
		ecrc_rd_static_at(rd, p, true, nh, r->line);
	}
	return 0;
}

static int read_routing_options(struct ecrc_rd *rd, const struct jstmt *top, const char **fwd_export)
{
	for (const struct jstmt *st = top->kids; st; st = st->next) {
		if (is_leaf(st, "router-id", 2)) {
			if (!ecrc_parse_ipv4(st->w[1], &rd->router_id))
				return ecrc_rd_fail(rd, st->line, "'%s' is not an IPv4 address", st->w[1]);
			rd->has_router_id = true;
		} else if (is_leaf(st, "autonomous-system", 2)) {
			if (!ecrc_parse_asn(st->w[1], &rd->asn))
				return ecrc_rd_fail(rd, st->line, "'%s' is not an AS number", st->w[1]);
			rd->has_asn = true;
		} else if (is_block(st, "static", 1)) {
			for (const struct jstmt *r = st->kids; r; r = r->next)
				if (read_static_route(rd, r))
					return -1;
		} else if (is_block(st, "forwarding-table", 1)) {
			for (const struct jstmt *e = st->kids; e; e = e->next) {
				if (!is_leaf(e, "export", 2))
					return unexpected(rd, e, "forwarding-table");
				*fwd_export = e->w[1];
			}
		} else {
			return unexpected(rd, st, "routing-options");
		}
	}
	return 0;
}

/* route-filter P exact | orlonger | longer | upto /N | prefix-length-range /A-/B */
static int read_route_filter(struct ecrc_rd *rd, const struct jstmt *st, struct ecrc_rd_term *t)
{
	struct ecrc_ipnet p;
	if (st->n < 3 || read_prefix(rd, st, st->w[1], &p))
		return st->n < 3 ? ecrc_rd_fail(rd, st->line, "route-filter needs a prefix and a match type")
		                 : -1;
	unsigned ge = 0, le = 0, a, b;
	char tail;
	const char *m = st->w[2];
	if (st->n == 3 && strcmp(m, "exact") == 0) {
		ge = le = 0;
	} else if (st->n == 3 && strcmp(m, "orlonger") == 0) {
		ge = p.len;
		le = 32;
	} else if (st->n == 3 && strcmp(m, "longer") == 0) {
		ge = p.len + 1u;
		le = 32;
	} else if (st->n == 4 && strcmp(m, "upto") == 0 && sscanf(st->w[3], "/%u%c", &b, &tail) == 1) {
		ge = p.len;
		le = b;
	} else if (st->n == 4 && strcmp(m, "prefix-length-range") == 0 &&
	           sscanf(st->w[3], "/%u-/%u%c", &a, &b, &tail) == 2) {
		ge = a;
		le = b;
	} else {
		return ecrc_rd_fail(rd, st->line, "unsupported route-filter match '%s'", m);
	}
	if ((ge || le) && (ge < p.len || ge > le || le > 32))
		return ecrc_rd_fail(rd, st->line, "the length range of route-filter %s is empty or invalid",
		                    st->w[1]);
	ecrc_rd_term_filter(rd, t, p, (uint8_t)ge, (uint8_t)le);
	return 0;
}

static int read_then(struct ecrc_rd *rd, const struct jstmt *then, struct ecrc_rd_term *t, bool *decided)
{
	if (!then->block) {
		/* then accept; / then reject; */
		if (then->n != 2 || (strcmp(then->w[1], "accept") != 0 && strcmp(then->w[1], "reject") != 0))
			return ecrc_rd_fail(rd, then->line,
			                    "ecrc reads only 'then accept' or 'then reject' here");
		t->deny = strcmp(then->w[1], "reject") == 0;
		*decided = true;
		return 0;
	}
	for (const struct jstmt *st = then->kids; st; st = st->next) {
		if (is_leaf(st, "accept", 1) || is_leaf(st, "reject", 1)) {
			t->deny = st->w[0][0] == 'r';
			*decided = true;
		} else if (is_leaf(st, "metric", 2)) {
			if (read_u32(rd, st, 1, 0, UINT32_MAX, &t->med))
				return -1;
			t->has_med = true;
			t->sets_something = true;
		} else if (is_leaf(st, "local-preference", 2)) {
			if (read_u32(rd, st, 1, 0, UINT32_MAX, &t->local_pref))
				return -1;
			t->has_local_pref = true;
		} else if (is_leaf(st, "origin", 2)) {
			if (strcmp(st->w[1], "igp") == 0)
				t->origin = ECRC_IR_ORIGIN_IGP;
			else if (strcmp(st->w[1], "incomplete") == 0)
				t->origin = ECRC_IR_ORIGIN_INCOMPLETE;
			else
				return ecrc_rd_fail(rd, st->line, "origin '%s': ecrc emits igp or incomplete",
				                    st->w[1]);
			t->has_origin = true;
			t->sets_something = true;
		} else if (is_leaf(st, "as-path-prepend", 2)) {
			/* one word, or a quoted list of ASNs */
			size_t n = 0, cap = 0;
			uint32_t *v = NULL;
			char *copy = ecrc_arena_strdup(rd->arena, st->w[1]), *save = NULL;
			for (char *tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
				v = ecrc_rd_grow(rd->arena, v, &cap, n, sizeof *v);
				if (!ecrc_parse_asn(tok, &v[n]))
					return ecrc_rd_fail(rd, st->line, "'%s' is not an AS number", tok);
				n++;
			}
			t->prepend = v;
			t->n_prepend = n;
			t->sets_something = true;
		} else {
			return unexpected(rd, st, "then");
		}
	}
	return 0;
}

/* "NAME-7" -> "NAME": the import list name carried by an import term. */
static const char *list_name_of_term(struct ecrc_rd *rd, const char *term)
{
	const char *dash = strrchr(term, '-');
	if (!dash || dash == term || !dash[1] || strspn(dash + 1, "0123456789") != strlen(dash + 1))
		return NULL;
	return ecrc_arena_strndup(rd->arena, term, (size_t)(dash - term));
}

static int read_policy(struct ecrc_rd *rd, const struct jstmt *ps, const char **lb_policy)
{
	const char *name = ps->w[1];
	/* the forwarding-table policy: then { load-balance per-packet; } */
	if (ps->kids && !ps->kids->next && is_block(ps->kids, "then", 1)) {
		const struct jstmt *lb = ps->kids->kids;
		if (!lb || lb->next || lb->block || lb->n != 2 || strcmp(lb->w[0], "load-balance") != 0 ||
		    strcmp(lb->w[1], "per-packet") != 0)
			return ecrc_rd_fail(rd, ps->line,
			                    "policy %s: ecrc reads a policy without terms only as "
			                    "'then { load-balance per-packet; }'",
			                    name);
		*lb_policy = name;
		return 0;
	}
	struct ecrc_rd_policy *pol = ecrc_rd_policy_get(rd, name, ps->line);
	if (pol->n)
		return ecrc_rd_fail(rd, ps->line, "policy %s is defined twice", name);
	uint32_t seq = 0;
	for (const struct jstmt *term = ps->kids; term; term = term->next) {
		if (!is_block(term, "term", 2))
			return unexpected(rd, term, name);
		struct ecrc_rd_term *t = ecrc_rd_term_get(rd, pol, seq += 10, term->line);
		bool decided = false;
		for (const struct jstmt *st = term->kids; st; st = st->next) {
			if (is_block(st, "from", 1)) {
				for (const struct jstmt *m = st->kids; m; m = m->next) {
					if (is_leaf(m, "prefix-list", 2)) {
						if (t->match)
							return ecrc_rd_fail(
							    rd, m->line, "a second prefix-list in one term");
						t->match = m->w[1];
						t->match_line = m->line;
					} else if (!m->block && strcmp(m->w[0], "route-filter") == 0) {
						if (read_route_filter(rd, m, t))
							return -1;
					} else {
						return unexpected(rd, m, "from");
					}
				}
			} else if (strcmp(st->w[0], "then") == 0) {
				if (read_then(rd, st, t, &decided))
					return -1;
			} else {
				return unexpected(rd, st, "term");
			}
		}
		if (!decided)
			return ecrc_rd_fail(rd, term->line, "term %s neither accepts nor rejects",
			                    term->w[1]);
		if (t->n_filters && !pol->list_name)
			pol->list_name = list_name_of_term(rd, term->w[1]);
	}
	return 0;
}

static int read_policy_options(struct ecrc_rd *rd, const struct jstmt *top, const char **lb_policy)
{
	for (const struct jstmt *st = top->kids; st; st = st->next) {
		if (is_block(st, "prefix-list", 2)) {
			struct ecrc_rd_plist *pl = ecrc_rd_plist_get(rd, st->w[1], st->line);
			if (pl->n)
				return ecrc_rd_fail(rd, st->line, "prefix-list %s is defined twice",
				                    st->w[1]);
			uint32_t index = 0;
			for (const struct jstmt *e = st->kids; e; e = e->next) {
				struct ecrc_ipnet p;
				if (e->block || e->n != 1 || read_prefix(rd, e, e->w[0], &p))
					return e->block || e->n != 1
					           ? ecrc_rd_fail(rd, e->line,
					                          "a prefix-list holds prefixes only")
					           : -1;
				ecrc_rd_plist_add(rd, pl, index++, p, 0, 0);
			}
		} else if (is_block(st, "policy-statement", 2)) {
			if (read_policy(rd, st, lb_policy))
				return -1;
		} else {
			return unexpected(rd, st, "policy-options");
		}
	}
	return 0;
}

static int read_bfd(struct ecrc_rd *rd, const struct jstmt *blk, struct ecrc_rd_peer *p)
{
	bool has_min = false, has_tx = false, has_rx = false, has_mult = false;
	uint32_t min = 0;
	for (const struct jstmt *st = blk->kids; st; st = st->next) {
		if (is_leaf(st, "minimum-interval", 2)) {
			if (read_u32(rd, st, 1, 1, 255000, &min))
				return -1;
			has_min = true;
		} else if (is_leaf(st, "minimum-receive-interval", 2)) {
			if (read_u32(rd, st, 1, 1, 255000, &p->ir.bfd_min_rx_ms))
				return -1;
			has_rx = true;
		} else if (is_leaf(st, "multiplier", 2)) {
			if (read_u32(rd, st, 1, 1, 255, &p->ir.bfd_multiplier))
				return -1;
			has_mult = true;
		} else if (is_block(st, "transmit-interval", 1)) {
			for (const struct jstmt *m = st->kids; m; m = m->next) {
				if (!is_leaf(m, "minimum-interval", 2))
					return unexpected(rd, m, "transmit-interval");
				if (read_u32(rd, m, 1, 1, 255000, &p->ir.bfd_min_tx_ms))
					return -1;
				has_tx = true;
			}
		} else {
			return unexpected(rd, st, "bfd-liveness-detection");
		}
	}
	/* minimum-interval sets both; the specific statements override it */
	if (has_min) {
		if (!has_tx)
			p->ir.bfd_min_tx_ms = min;
		if (!has_rx)
			p->ir.bfd_min_rx_ms = min;
	}
	if (!(has_min || (has_tx && has_rx)) || !has_mult)
		return ecrc_rd_fail(rd, blk->line,
		                    "bfd-liveness-detection needs its intervals and multiplier "
		                    "(ecrc reads only explicit values)");
	p->bfd_enabled = true;
	p->has_bfd_timers = true;
	return 0;
}

static int read_prefix_limit(struct ecrc_rd *rd, const struct jstmt *fam, struct ecrc_rd_peer *p)
{
	/* family inet { unicast { prefix-limit { maximum N; teardown [PCT]
	 * [idle-timeout MIN]; } } } */
	const struct jstmt *uni = fam->kids;
	if (!uni || uni->next || !is_block(uni, "unicast", 1))
		return ecrc_rd_fail(rd, fam->line,
		                    "ecrc reads only 'family inet { unicast { prefix-limit ... } }'");
	const struct jstmt *lim = uni->kids;
	if (!lim)
		return 0;
	if (lim->next || !is_block(lim, "prefix-limit", 1))
		return unexpected(rd, lim, "family inet unicast");
	for (const struct jstmt *st = lim->kids; st; st = st->next) {
		if (is_leaf(st, "maximum", 2)) {
			if (read_u32(rd, st, 1, 1, UINT32_MAX, &p->ir.max_prefixes))
				return -1;
		} else if (st->n >= 1 && st->n <= 4 && is_leaf(st, "teardown", st->n)) {
			size_t i = 1;
			if (i < st->n && strcmp(st->w[i], "idle-timeout") != 0 &&
			    read_u32(rd, st, i++, 1, 100, &p->ir.max_prefix_warn_pct))
				return -1;
			if (i + 2 == st->n && strcmp(st->w[i], "idle-timeout") == 0) {
				uint32_t min;
				if (read_u32(rd, st, i + 1, 1, 2400, &min))
					return -1;
				p->ir.max_prefix_recovers = true;
				p->ir.max_prefix_restart_s = min * 60;
			} else if (i != st->n) {
				return ecrc_rd_fail(
				    rd, st->line,
				    "expected 'teardown [PERCENT] [idle-timeout MINUTES];' in prefix-limit");
			}
		} else {
			return unexpected(rd, st, "prefix-limit");
		}
	}
	return 0;
}

/* security { zones { security-zone ECRC-CLOUD { interfaces { IF.UNIT; or
 * IF.UNIT { host-inbound-traffic { protocols { bgp; [bfd;] } } } } } } }:
 * exactly the uplink units, each admitting what render_security_zone
 * admits for it. */
static int read_security_zone(struct ecrc_rd *rd, const struct jstmt *sec, const struct ecrc_ir_cpe *cpe)
{
	const struct jstmt *z = sec->kids, *zone = z ? z->kids : NULL, *ifs = zone ? zone->kids : NULL;
	if (!z || z->next || !is_block(z, "zones", 1) || !zone || zone->next ||
	    !is_block(zone, "security-zone", 2) || strcmp(zone->w[1], JUNOS_SRX_ZONE) != 0 || !ifs ||
	    ifs->next || !is_block(ifs, "interfaces", 1))
		return ecrc_rd_fail(rd, sec->line,
		                    "ecrc reads only 'security { zones { security-zone " JUNOS_SRX_ZONE
		                    " { interfaces { ... } } } }'");
	size_t seen = 0;
	for (const struct jstmt *u = ifs->kids; u; u = u->next) {
		size_t i;
		char name[96];
		for (i = 0; i < cpe->n_ifaces; i++) {
			snprintf(name, sizeof name, "%s.%u", cpe->ifaces[i].parent, cpe->ifaces[i].vlan);
			if (u->n == 1 && strcmp(u->w[0], name) == 0)
				break;
		}
		if (i == cpe->n_ifaces)
			return ecrc_rd_fail(rd, u->line, "security zone: '%s' is not an uplink unit",
			                    u->w[0]);
		size_t k = cpe->ifaces[i].neighbor; /* linked by ecrc_rd_finish */
		const struct ecrc_ir_neighbor *nb = k == ECRC_IR_NONE ? NULL : &cpe->neighbors[k];
		bool bgp = false, bfd = false;
		const struct jstmt *h = u->block ? u->kids : NULL, *pr = h ? h->kids : NULL;
		if (u->block && (!h || h->next || !is_block(h, "host-inbound-traffic", 1) || !pr ||
		                 pr->next || !is_block(pr, "protocols", 1)))
			return ecrc_rd_fail(
			    rd, u->line, "security zone: %s admits something else than protocols", u->w[0]);
		for (const struct jstmt *q = pr ? pr->kids : NULL; q; q = q->next) {
			if (is_leaf(q, "bgp", 1))
				bgp = true;
			else if (is_leaf(q, "bfd", 1))
				bfd = true;
			else
				return unexpected(rd, q, "host-inbound-traffic protocols");
		}
		if (bgp != (nb != NULL) || bfd != (nb && nb->bfd))
			return ecrc_rd_fail(rd, u->line, "security zone: %s must admit %s", u->w[0],
			                    !nb       ? "nothing (no BGP on it)"
			                    : nb->bfd ? "bgp and bfd"
			                              : "bgp");
		seen++;
	}
	if (seen != cpe->n_ifaces)
		return ecrc_rd_fail(rd, ifs->line, "security zone: %zu of %zu uplink units", seen,
		                    cpe->n_ifaces);
	return 0;
}

static int read_neighbor(struct ecrc_rd *rd, const struct jstmt *ns)
{
	uint32_t addr;
	if (!ecrc_parse_ipv4(ns->w[1], &addr))
		return ecrc_rd_fail(rd, ns->line, "'%s' is not an IPv4 neighbor address", ns->w[1]);
	struct ecrc_rd_peer *p = ecrc_rd_peer_get(rd, addr, ns->line);
	if (p->has_remote_as || p->import_name)
		return ecrc_rd_fail(rd, ns->line, "neighbor %s appears twice", ns->w[1]);
	for (const struct jstmt *st = ns->kids; st; st = st->next) {
		if (is_leaf(st, "description", 2)) {
			p->ir.description = st->w[1];
		} else if (is_leaf(st, "hold-time", 2)) {
			if (read_u32(rd, st, 1, 3, 65535, &p->ir.hold_s))
				return -1;
			p->ir.keepalive_s = p->ir.hold_s / 3;
		} else if (is_leaf(st, "import", 2)) {
			p->import_name = st->w[1];
			p->import_line = st->line;
		} else if (is_leaf(st, "export", 2)) {
			p->export_name = st->w[1];
			p->export_line = st->line;
		} else if (is_leaf(st, "authentication-key", 2)) {
			p->ir.md5_key = st->w[1];
			p->ir.md5_redacted = ecrc_vendor_key_redacted(st->w[1]);
		} else if (is_leaf(st, "peer-as", 2)) {
			if (!ecrc_parse_asn(st->w[1], &p->ir.remote_as))
				return ecrc_rd_fail(rd, st->line, "'%s' is not an AS number", st->w[1]);
			p->has_remote_as = true;
		} else if (is_block(st, "bfd-liveness-detection", 1)) {
			if (read_bfd(rd, st, p))
				return -1;
		} else if (st->block && st->n == 2 && strcmp(st->w[0], "family") == 0 &&
		           strcmp(st->w[1], "inet") == 0) {
			if (read_prefix_limit(rd, st, p))
				return -1;
		} else {
			return unexpected(rd, st, "neighbor");
		}
	}
	return 0;
}

static int read_protocols(struct ecrc_rd *rd, const struct jstmt *top, bool *multipath)
{
	for (const struct jstmt *bgp = top->kids; bgp; bgp = bgp->next) {
		if (!is_block(bgp, "bgp", 1))
			return unexpected(rd, bgp, "protocols");
		for (const struct jstmt *g = bgp->kids; g; g = g->next) {
			if (!is_block(g, "group", 2))
				return unexpected(rd, g, "bgp");
			for (const struct jstmt *st = g->kids; st; st = st->next) {
				if (is_leaf(st, "type", 2) && strcmp(st->w[1], "external") == 0)
					continue;
				if (is_leaf(st, "multipath", 1)) {
					*multipath = true;
					continue;
				}
				if (is_block(st, "neighbor", 2)) {
					if (read_neighbor(rd, st))
						return -1;
					continue;
				}
				return unexpected(rd, st, "group");
			}
		}
	}
	return 0;
}

static int junos_read(const char *text, size_t len, struct ecrc_arena *arena, struct ecrc_ir_cpe **out,
                      char *err, size_t errlen)
{
	struct ecrc_rd rd;
	struct ecrc_ir_cpe hdr = {0};
	ecrc_rd_init(&rd, arena, err, errlen);
	rd.default_keepalive_s = JUNOS_HOLD_S / 3;
	rd.default_hold_s = JUNOS_HOLD_S;
	*out = NULL;
	if (ecrc_vendor_read_header(&ecrc_vendor_juniper_junos, text, len, arena, &hdr, err, errlen))
		return -1;
	struct jlex lx = {.s = text, .len = len, .line = 1, .rd = &rd};
	struct jstmt *top;
	if (jparse(&lx, false, &top))
		return -1;

	const char *fwd_export = NULL, *lb_policy = NULL;
	bool multipath = false;
	const struct jstmt *security = NULL;
	for (const struct jstmt *st = top; st; st = st->next) {
		int rc;
		if (is_block(st, "system", 1)) {
			const struct jstmt *h = st->kids;
			if (!h || h->next || !is_leaf(h, "host-name", 2))
				return ecrc_rd_fail(&rd, st->line,
				                    "ecrc reads only 'system { host-name NAME; }'");
			rd.hostname = h->w[1];
			rc = 0;
		} else if (is_block(st, "interfaces", 1)) {
			rc = read_interfaces(&rd, st);
		} else if (is_block(st, "routing-options", 1)) {
			rc = read_routing_options(&rd, st, &fwd_export);
		} else if (is_block(st, "policy-options", 1)) {
			rc = read_policy_options(&rd, st, &lb_policy);
		} else if (is_block(st, "protocols", 1)) {
			rc = read_protocols(&rd, st, &multipath);
		} else if (is_block(st, "security", 1) && !security) {
			security = st; /* read once the interfaces are known */
			rc = 0;
		} else {
			rc = unexpected(&rd, st, "the configuration");
		}
		if (rc)
			return -1;
	}
	/* multipath selects every equal path; the load-balance export puts them
	 * all in the forwarding table. Either alone forwards over one. */
	bool lb = fwd_export && lb_policy && strcmp(fwd_export, lb_policy) == 0;
	rd.maximum_paths = multipath && lb ? JUNOS_DEFAULT_ECMP : 1;
	if (ecrc_rd_finish(&rd, out))
		return -1;
	ecrc_rd_take_header(*out, &hdr);
	if (is_srx(*out) != (security != NULL))
		return ecrc_rd_fail(&rd, security ? security->line : 1,
		                    is_srx(*out)
		                        ? "platform srx: no 'security' zone admits the uplinks"
		                        : "a 'security' block, but the header names no srx platform");
	if (security && read_security_zone(&rd, security, *out))
		return -1;
	return 0;
}

/* bfd-liveness-detection minimum-interval and minimum-receive-interval:
 * 1..255000 ms; multiplier 1..255; hold-time 10..65535 s. */
static const struct ecrc_vendor_limits junos_limits = {
    .bfd_interval_min_ms = 1,
    .bfd_interval_max_ms = 255000,
    .bfd_multiplier_min = 1,
    .bfd_multiplier_max = 255,
    .hold_min_s = 10,
};

/* How to apply the file safely, per platform (vendors.md point 8); the
 * sources are on docs/vendors/. */
static const char *const junos_apply_mx[] = {
    "How to apply: 'configure private', 'load merge terminal' (paste, then Ctrl-D) or",
    "'load merge FILE', 'show | compare', 'commit check', then 'commit confirmed 10'.",
    "Check 'show bgp summary' and 'show bfd session', then 'commit' within 10",
    "minutes to keep it, or Junos rolls back by itself. The file merges and deletes",
    "nothing; system services, users, SNMP, syslog and NTP are left alone.",
    NULL,
};
static const char *const junos_apply_srx[] = {
    "How to apply: 'configure private', 'load merge terminal' (paste, then Ctrl-D) or",
    "'load merge FILE', 'show | compare', 'commit check', then 'commit confirmed 10'.",
    "Check 'show bgp summary' and 'show bfd session', then 'commit' within 10",
    "minutes to keep it, or Junos rolls back by itself. The file merges and deletes",
    "nothing. SRX: the uplink units join security zone ECRC-CLOUD, whose",
    "host-inbound-traffic admits BGP and BFD; the zone's transit policies are yours.",
    NULL,
};
static const struct ecrc_vendor_platform junos_platforms[] = {
    {"mx", "MX Series and other routers without security zones", junos_apply_mx},
    {"srx", "SRX Series: security zones must admit BGP and BFD", junos_apply_srx},
};

const struct ecrc_vendor ecrc_vendor_juniper_junos = {
    .name = "juniper-junos",
    .display = "Juniper Junos",
    .ext = ".junos",
    .comment = "#",
    /* type-fpc/pic/port with an optional :channel (xe-0/0/0:1), aggregated
     * Ethernet aeN, SRX chassis-cluster redundant Ethernet rethN */
    .iface_pattern = "(ge|xe|et|mge)-\\d+/\\d+/\\d+(:\\d+)?|ae\\d+|reth\\d+",
    .iface_example = "ge-0/0/1",
    .syntax_chars = "\";{}[]",
    .prefix_restart_unit_s = 60,
    .prefix_warn = true,
    .render = junos_render,
    .read = junos_read,
    .limits = &junos_limits,
    .platforms = junos_platforms,
    .n_platforms = sizeof junos_platforms / sizeof junos_platforms[0],
    .read_running = ecrc_junos_read_running,
};
