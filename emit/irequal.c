/*
 * irequal.c: field-by-field comparison of two CPE IRs, for the round trips
 * (lower -> render -> read -> compare) and for verify's check of a config
 * a person edited. On a difference it says where, in the domain's words.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "emit/emit.h"

static bool differ(char *why, size_t n, const char *fmt, ...) ECRC_PRINTF(3, 4);

static bool differ(char *why, size_t n, const char *fmt, ...)
{
	if (why && n) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(why, n, fmt, ap);
		va_end(ap);
	}
	return false;
}

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static const char *str_or(const char *s)
{
	return s ? s : "(none)";
}

static bool list_equal(const char *what, const struct ecrc_ir_prefix_list *a,
                       const struct ecrc_ir_prefix_list *b, char *why, size_t n)
{
	char p[19], q[19];
	if (!str_eq(a->name, b->name))
		return differ(why, n, "%s: prefix list %s != %s", what, str_or(a->name), str_or(b->name));
	if (a->n_entries != b->n_entries)
		return differ(why, n, "%s: prefix list %s has %zu entries != %zu", what, str_or(a->name),
		              a->n_entries, b->n_entries);
	for (size_t i = 0; i < a->n_entries; i++) {
		const struct ecrc_ir_prefix_entry *x = &a->entries[i], *y = &b->entries[i];
		if (!ecrc_ipnet_equal(x->prefix, y->prefix) || x->ge != y->ge || x->le != y->le)
			return differ(why, n,
			              "%s: prefix list %s entry %zu: %s ge %u le %u != %s ge %u le %u", what,
			              str_or(a->name), i + 1, ecrc_fmt_ipnet(x->prefix, p), x->ge, x->le,
			              ecrc_fmt_ipnet(y->prefix, q), y->ge, y->le);
	}
	return true;
}

static bool neighbor_equal(const struct ecrc_ir_neighbor *a, const struct ecrc_ir_neighbor *b, char *why,
                           size_t n)
{
	char w[40], x[16];
	snprintf(w, sizeof w, "neighbor %s", ecrc_fmt_ipv4(a->address, x));
	if (a->address != b->address)
		return differ(why, n, "%s: address != %s", w, ecrc_fmt_ipv4(b->address, x));
	if (a->remote_as != b->remote_as)
		return differ(why, n, "%s: remote AS %u != %u", w, a->remote_as, b->remote_as);
	if (!str_eq(a->description, b->description))
		return differ(why, n, "%s: description \"%s\" != \"%s\"", w, str_or(a->description),
		              str_or(b->description));
	if (a->iface != b->iface)
		return differ(why, n, "%s: interface #%zu != #%zu", w, a->iface, b->iface);
	if (a->keepalive_s != b->keepalive_s || a->hold_s != b->hold_s)
		return differ(why, n, "%s: timers %u/%u != %u/%u", w, a->keepalive_s, a->hold_s,
		              b->keepalive_s, b->hold_s);
	if (a->timers_default != b->timers_default)
		return differ(why, n, "%s: timers_default differs", w);
	if (!str_eq(a->md5_key, b->md5_key) || a->md5_redacted != b->md5_redacted)
		return differ(why, n, "%s: MD5 key differs (%s%s vs %s%s)", w, a->md5_key ? "set" : "none",
		              a->md5_redacted ? ", redacted" : "", b->md5_key ? "set" : "none",
		              b->md5_redacted ? ", redacted" : "");
	if (a->bfd != b->bfd)
		return differ(why, n, "%s: BFD %s != %s", w, a->bfd ? "on" : "off", b->bfd ? "on" : "off");
	if (a->bfd && (a->bfd_min_tx_ms != b->bfd_min_tx_ms || a->bfd_min_rx_ms != b->bfd_min_rx_ms ||
	               a->bfd_multiplier != b->bfd_multiplier))
		return differ(why, n, "%s: BFD %u/%u/%u != %u/%u/%u", w, a->bfd_min_tx_ms, a->bfd_min_rx_ms,
		              a->bfd_multiplier, b->bfd_min_tx_ms, b->bfd_min_rx_ms, b->bfd_multiplier);
	if (a->import_local_pref != b->import_local_pref)
		return differ(why, n, "%s: import local-preference %u != %u", w, a->import_local_pref,
		              b->import_local_pref);
	if (a->max_prefixes != b->max_prefixes)
		return differ(why, n, "%s: maximum prefixes %u != %u", w, a->max_prefixes, b->max_prefixes);
	if (a->max_prefix_recovers != b->max_prefix_recovers ||
	    (a->max_prefix_recovers && a->max_prefix_restart_s != b->max_prefix_restart_s))
		return differ(why, n, "%s: maximum-prefix restart %s%u s != %s%u s", w,
		              a->max_prefix_recovers ? "" : "never, ", a->max_prefix_restart_s,
		              b->max_prefix_recovers ? "" : "never, ", b->max_prefix_restart_s);
	if (a->max_prefix_warn_pct != b->max_prefix_warn_pct)
		return differ(why, n, "%s: maximum-prefix warning at %u%% != %u%%", w, a->max_prefix_warn_pct,
		              b->max_prefix_warn_pct);
	if (!str_eq(a->import_policy, b->import_policy))
		return differ(why, n, "%s: import policy %s != %s", w, str_or(a->import_policy),
		              str_or(b->import_policy));
	if (!list_equal(w, &a->import_list, &b->import_list, why, n))
		return false;
	if (!str_eq(a->export_policy, b->export_policy))
		return differ(why, n, "%s: export policy %s != %s", w, str_or(a->export_policy),
		              str_or(b->export_policy));
	if (a->n_export_terms != b->n_export_terms)
		return differ(why, n, "%s: %zu export terms != %zu", w, a->n_export_terms, b->n_export_terms);
	for (size_t t = 0; t < a->n_export_terms; t++) {
		const struct ecrc_ir_export_term *x1 = &a->export_terms[t], *y1 = &b->export_terms[t];
		if (!list_equal(w, &x1->match, &y1->match, why, n))
			return false;
		bool same = x1->n_prepend == y1->n_prepend;
		for (size_t i = 0; same && i < x1->n_prepend; i++)
			same = x1->prepend[i] == y1->prepend[i];
		if (!same)
			return differ(why, n, "%s: export term %zu: AS_PATH prepend differs", w, t + 1);
		if (x1->has_med != y1->has_med || (x1->has_med && x1->med != y1->med))
			return differ(why, n, "%s: export term %zu: MED differs", w, t + 1);
		if (x1->origin != y1->origin)
			return differ(why, n, "%s: export term %zu: origin differs", w, t + 1);
	}
	if ((a->uplink_id && b->uplink_id && strcmp(a->uplink_id, b->uplink_id) != 0) ||
	    (a->connection_id && b->connection_id && strcmp(a->connection_id, b->connection_id) != 0) ||
	    (a->vbr_id && b->vbr_id && strcmp(a->vbr_id, b->vbr_id) != 0))
		return differ(why, n, "%s: the uplink, connection or VBR it belongs to differs", w);
	return true;
}

bool ecrc_ir_equal(const struct ecrc_ir_cpe *a, const struct ecrc_ir_cpe *b, char *why, size_t n)
{
	char p[19], q[19], x[16], y[16];
	if (!str_eq(a->id, b->id))
		return differ(why, n, "CPE id %s != %s", str_or(a->id), str_or(b->id));
	if (!str_eq(a->hostname, b->hostname))
		return differ(why, n, "hostname %s != %s", str_or(a->hostname), str_or(b->hostname));
	if (!str_eq(a->vendor, b->vendor))
		return differ(why, n, "vendor %s != %s", str_or(a->vendor), str_or(b->vendor));
	if (!str_eq(a->design_name, b->design_name) || strcmp(a->design_sha256, b->design_sha256) != 0)
		return differ(why, n, "design %s (%.12s) != %s (%.12s)", str_or(a->design_name),
		              a->design_sha256, str_or(b->design_name), b->design_sha256);
	if ((a->platform || b->platform) &&
	    (!a->platform || !b->platform || strcmp(a->platform, b->platform) != 0))
		return differ(why, n, "platform %s != %s", a->platform ? a->platform : "(none)",
		              b->platform ? b->platform : "(none)");
	if (a->forced != b->forced)
		return differ(why, n, "--force mark differs");
	/* the BGP process (and its multipath width) exists only with neighbors */
	if (a->n_neighbors || b->n_neighbors) {
		if (a->asn != b->asn)
			return differ(why, n, "local AS %u != %u", a->asn, b->asn);
		if (a->router_id != b->router_id)
			return differ(why, n, "router-id %s != %s", ecrc_fmt_ipv4(a->router_id, x),
			              ecrc_fmt_ipv4(b->router_id, y));
		/* Each neighbor brings one path, so a width beyond the number of
		 * neighbors configures nothing more (Junos has no number at all:
		 * its reader gives the platform's). What counts is the width in
		 * effect. */
		uint32_t wa = a->maximum_paths < a->n_neighbors ? a->maximum_paths : (uint32_t)a->n_neighbors;
		uint32_t wb = b->maximum_paths < b->n_neighbors ? b->maximum_paths : (uint32_t)b->n_neighbors;
		if (wa != wb)
			return differ(why, n, "multipath width %u != %u", a->maximum_paths, b->maximum_paths);
	}

	if (a->n_ifaces != b->n_ifaces)
		return differ(why, n, "%zu interfaces != %zu", a->n_ifaces, b->n_ifaces);
	for (size_t i = 0; i < a->n_ifaces; i++) {
		const struct ecrc_ir_iface *f = &a->ifaces[i], *g = &b->ifaces[i];
		if (!str_eq(f->parent, g->parent) || f->vlan != g->vlan)
			return differ(why, n, "interface #%zu: %s.%u != %s.%u", i, str_or(f->parent), f->vlan,
			              str_or(g->parent), g->vlan);
		if (!ecrc_ipnet_equal(f->address, g->address))
			return differ(why, n, "interface %s.%u: address %s != %s", f->parent, f->vlan,
			              ecrc_fmt_ipnet(f->address, p), ecrc_fmt_ipnet(g->address, q));
		if (f->mtu != g->mtu)
			return differ(why, n, "interface %s.%u: MTU %u != %u", f->parent, f->vlan, f->mtu,
			              g->mtu);
		if (!str_eq(f->description, g->description))
			return differ(why, n, "interface %s.%u: description \"%s\" != \"%s\"", f->parent,
			              f->vlan, str_or(f->description), str_or(g->description));
		if (f->uplink_id && g->uplink_id && strcmp(f->uplink_id, g->uplink_id) != 0)
			return differ(why, n, "interface %s.%u: uplink %s != %s", f->parent, f->vlan,
			              f->uplink_id, g->uplink_id);
	}
	/* the derived level (ecrc_ir_link): both sides filled it in */
	if (a->n_ports != b->n_ports)
		return differ(why, n, "%zu ports != %zu", a->n_ports, b->n_ports);
	for (size_t i = 0; i < a->n_ports; i++) {
		const struct ecrc_ir_port *pa = &a->ports[i], *pb = &b->ports[i];
		if (!str_eq(pa->name, pb->name) || pa->mtu != pb->mtu || pa->tagged != pb->tagged ||
		    pa->first_iface != pb->first_iface)
			return differ(why, n, "port #%zu: %s MTU %u%s != %s MTU %u%s", i, str_or(pa->name),
			              pa->mtu, pa->tagged ? " tagged" : "", str_or(pb->name), pb->mtu,
			              pb->tagged ? " tagged" : "");
	}
	for (size_t i = 0; i < a->n_ifaces; i++)
		if (a->ifaces[i].port != b->ifaces[i].port || a->ifaces[i].neighbor != b->ifaces[i].neighbor)
			return differ(
			    why, n,
			    "interface %s.%u: linked to port %zu, neighbor %zu != port %zu, neighbor %zu",
			    a->ifaces[i].parent, a->ifaces[i].vlan, a->ifaces[i].port, a->ifaces[i].neighbor,
			    b->ifaces[i].port, b->ifaces[i].neighbor);
	if (a->n_statics != b->n_statics)
		return differ(why, n, "%zu static routes != %zu", a->n_statics, b->n_statics);
	for (size_t i = 0; i < a->n_statics; i++) {
		const struct ecrc_ir_static *s = &a->statics[i], *t = &b->statics[i];
		if (!ecrc_ipnet_equal(s->prefix, t->prefix) || s->has_next_hop != t->has_next_hop ||
		    (s->has_next_hop && s->next_hop != t->next_hop))
			return differ(why, n, "static route #%zu: %s via %s != %s via %s", i + 1,
			              ecrc_fmt_ipnet(s->prefix, p),
			              s->has_next_hop ? ecrc_fmt_ipv4(s->next_hop, x) : "discard",
			              ecrc_fmt_ipnet(t->prefix, q),
			              t->has_next_hop ? ecrc_fmt_ipv4(t->next_hop, y) : "discard");
	}
	if (a->n_neighbors != b->n_neighbors)
		return differ(why, n, "%zu BGP neighbors != %zu", a->n_neighbors, b->n_neighbors);
	for (size_t i = 0; i < a->n_neighbors; i++)
		if (!neighbor_equal(&a->neighbors[i], &b->neighbors[i], why, n))
			return false;
	if (why && n)
		why[0] = '\0';
	return true;
}
