/*
 * reader.c: the parts of the config readers every backend shares: a line
 * splitter, growable arena arrays, the collected tables (interfaces, static
 * anchors, prefix lists, policies, peers) and the step that resolves them
 * into a fresh IR, checking that the config has the shape ecrc emits.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendors/reader.h"

/* ---- lines ---------------------------------------------------------------- */

void ecrc_rd_split(const char *text, size_t len, const char *comment, struct ecrc_arena *a,
                   struct ecrc_rd_line **lines, size_t *n)
{
	size_t cap = 0, count = 0;
	struct ecrc_rd_line *v = NULL;
	uint32_t no = 0;
	size_t pos = 0;

	while (pos < len) {
		size_t end = pos;
		while (end < len && text[end] != '\n')
			end++;
		no++;
		size_t b = pos, e = end;
		unsigned indent = 0;
		while (b < e && (text[b] == ' ' || text[b] == '\t')) {
			indent += text[b] == '\t' ? 8 : 1;
			b++;
		}
		while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r'))
			e--;
		pos = end + 1;
		if (b == e || strchr(comment, text[b]))
			continue;

		struct ecrc_rd_line l = {.no = no, .indent = indent};
		l.text = ecrc_arena_strndup(a, text + b, e - b);
		size_t tl = e - b, nw = 0;
		for (size_t i = 0; i < tl; i++)
			if (l.text[i] != ' ' && l.text[i] != '\t' &&
			    (i == 0 || l.text[i - 1] == ' ' || l.text[i - 1] == '\t'))
				nw++;
		l.w = ecrc_arena_alloc(a, nw * sizeof *l.w);
		l.off = ecrc_arena_alloc(a, nw * sizeof *l.off);
		for (size_t i = 0; i < tl;) {
			while (i < tl && (l.text[i] == ' ' || l.text[i] == '\t'))
				i++;
			if (i == tl)
				break;
			size_t s = i;
			while (i < tl && l.text[i] != ' ' && l.text[i] != '\t')
				i++;
			l.off[l.n] = s;
			l.w[l.n++] = ecrc_arena_strndup(a, l.text + s, i - s);
		}
		v = ecrc_rd_grow(a, v, &cap, count, sizeof *v);
		v[count++] = l;
	}
	*lines = v;
	*n = count;
}

const char *ecrc_rd_rest(const struct ecrc_rd_line *l, size_t i)
{
	return l->text + l->off[i];
}

bool ecrc_rd_is(const struct ecrc_rd_line *l, size_t from, const char *const *words)
{
	size_t i = from;
	for (; *words; words++, i++)
		if (i >= l->n || strcmp(l->w[i], *words) != 0)
			return false;
	return i == l->n;
}

/* ---- tables --------------------------------------------------------------- */

void ecrc_rd_init(struct ecrc_rd *rd, struct ecrc_arena *a, char *err, size_t errlen)
{
	memset(rd, 0, sizeof *rd);
	rd->arena = a;
	rd->err = err;
	rd->errlen = errlen;
}

int ecrc_rd_fail(struct ecrc_rd *rd, uint32_t line, const char *fmt, ...)
{
	if (!rd->err || rd->errlen == 0)
		return -1;
	int n = snprintf(rd->err, rd->errlen, "line %u: ", line);
	if (n >= 0 && (size_t)n < rd->errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(rd->err + n, rd->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

void *ecrc_rd_grow(struct ecrc_arena *a, void *p, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return p;
	size_t ncap = *cap ? *cap * 2 : 8;
	void *q = ecrc_arena_alloc(a, ncap * elem);
	if (n)
		memcpy(q, p, n * elem);
	*cap = ncap;
	return q;
}

struct ecrc_rd_iface *ecrc_rd_iface_find(struct ecrc_rd *rd, const char *parent, uint32_t vlan)
{
	for (size_t i = 0; i < rd->n_ifaces; i++)
		if (rd->ifaces[i].ir.vlan == vlan && strcmp(rd->ifaces[i].ir.parent, parent) == 0)
			return &rd->ifaces[i];
	return NULL;
}

struct ecrc_rd_iface *ecrc_rd_iface_add(struct ecrc_rd *rd, const char *parent, uint32_t vlan, uint32_t line)
{
	rd->ifaces = ecrc_rd_grow(rd->arena, rd->ifaces, &rd->cap_ifaces, rd->n_ifaces, sizeof *rd->ifaces);
	struct ecrc_rd_iface *f = &rd->ifaces[rd->n_ifaces++];
	memset(f, 0, sizeof *f);
	f->ir.parent = ecrc_arena_strdup(rd->arena, parent);
	f->ir.vlan = vlan;
	f->line = line;
	return f;
}

void ecrc_rd_static_add(struct ecrc_rd *rd, struct ecrc_ipnet prefix)
{
	ecrc_rd_static_at(rd, prefix, false, 0, 0);
}

void ecrc_rd_static_at(struct ecrc_rd *rd, struct ecrc_ipnet prefix, bool has_next_hop, uint32_t next_hop,
                       uint32_t line)
{
	size_t cap = rd->cap_statics;
	rd->statics =
	    ecrc_rd_grow(rd->arena, rd->statics, &rd->cap_statics, rd->n_statics, sizeof *rd->statics);
	rd->static_lines =
	    ecrc_rd_grow(rd->arena, rd->static_lines, &cap, rd->n_statics, sizeof *rd->static_lines);
	rd->static_lines[rd->n_statics] = line;
	rd->statics[rd->n_statics++] =
	    (struct ecrc_ir_static){.prefix = prefix, .has_next_hop = has_next_hop, .next_hop = next_hop};
}

struct ecrc_rd_plist *ecrc_rd_plist_get(struct ecrc_rd *rd, const char *name, uint32_t line)
{
	for (size_t i = 0; i < rd->n_plists; i++)
		if (strcmp(rd->plists[i].name, name) == 0)
			return &rd->plists[i];
	rd->plists = ecrc_rd_grow(rd->arena, rd->plists, &rd->cap_plists, rd->n_plists, sizeof *rd->plists);
	struct ecrc_rd_plist *pl = &rd->plists[rd->n_plists++];
	memset(pl, 0, sizeof *pl);
	pl->name = ecrc_arena_strdup(rd->arena, name);
	pl->line = line;
	return pl;
}

void ecrc_rd_plist_add(struct ecrc_rd *rd, struct ecrc_rd_plist *pl, uint32_t index, struct ecrc_ipnet prefix,
                       uint8_t ge, uint8_t le)
{
	if (pl->n == pl->cap) {
		size_t ncap = pl->cap ? pl->cap * 2 : 8;
		struct ecrc_ir_prefix_entry *e = ecrc_arena_alloc(rd->arena, ncap * sizeof *e);
		uint32_t *ix = ecrc_arena_alloc(rd->arena, ncap * sizeof *ix);
		if (pl->n) {
			memcpy(e, pl->e, pl->n * sizeof *e);
			memcpy(ix, pl->index, pl->n * sizeof *ix);
		}
		pl->e = e;
		pl->index = ix;
		pl->cap = ncap;
	}
	/* keep the entries ordered by index, as the platform evaluates them */
	size_t at = pl->n;
	while (at > 0 && pl->index[at - 1] > index)
		at--;
	memmove(pl->e + at + 1, pl->e + at, (pl->n - at) * sizeof *pl->e);
	memmove(pl->index + at + 1, pl->index + at, (pl->n - at) * sizeof *pl->index);
	pl->e[at] = (struct ecrc_ir_prefix_entry){.prefix = prefix, .ge = ge, .le = le};
	pl->index[at] = index;
	pl->n++;
}

struct ecrc_rd_policy *ecrc_rd_policy_get(struct ecrc_rd *rd, const char *name, uint32_t line)
{
	for (size_t i = 0; i < rd->n_policies; i++)
		if (strcmp(rd->policies[i].name, name) == 0)
			return &rd->policies[i];
	rd->policies =
	    ecrc_rd_grow(rd->arena, rd->policies, &rd->cap_policies, rd->n_policies, sizeof *rd->policies);
	struct ecrc_rd_policy *p = &rd->policies[rd->n_policies++];
	memset(p, 0, sizeof *p);
	p->name = ecrc_arena_strdup(rd->arena, name);
	p->line = line;
	return p;
}

struct ecrc_rd_term *ecrc_rd_term_get(struct ecrc_rd *rd, struct ecrc_rd_policy *p, uint32_t seq,
                                      uint32_t line)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->t[i].seq == seq)
			return &p->t[i];
	p->t = ecrc_rd_grow(rd->arena, p->t, &p->cap, p->n, sizeof *p->t);
	size_t at = p->n;
	while (at > 0 && p->t[at - 1].seq > seq)
		at--;
	memmove(p->t + at + 1, p->t + at, (p->n - at) * sizeof *p->t);
	p->n++;
	struct ecrc_rd_term *t = &p->t[at];
	memset(t, 0, sizeof *t);
	t->seq = seq;
	t->line = line;
	return t;
}

void ecrc_rd_term_filter(struct ecrc_rd *rd, struct ecrc_rd_term *t, struct ecrc_ipnet prefix, uint8_t ge,
                         uint8_t le)
{
	t->filters = ecrc_rd_grow(rd->arena, t->filters, &t->cap_filters, t->n_filters, sizeof *t->filters);
	t->filters[t->n_filters++] = (struct ecrc_ir_prefix_entry){.prefix = prefix, .ge = ge, .le = le};
}

struct ecrc_rd_peer *ecrc_rd_peer_get(struct ecrc_rd *rd, uint32_t address, uint32_t line)
{
	for (size_t i = 0; i < rd->n_peers; i++)
		if (rd->peers[i].ir.address == address)
			return &rd->peers[i];
	rd->peers = ecrc_rd_grow(rd->arena, rd->peers, &rd->cap_peers, rd->n_peers, sizeof *rd->peers);
	struct ecrc_rd_peer *p = &rd->peers[rd->n_peers++];
	memset(p, 0, sizeof *p);
	p->ir.address = address;
	p->line = line;
	return p;
}

bool ecrc_rd_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	return ecrc_parse_u32(s, min, max, out);
}

bool ecrc_rd_netmask(const char *s, uint8_t *len)
{
	uint32_t m;
	if (!ecrc_parse_ipv4(s, &m))
		return false;
	uint8_t n = 0;
	while (n < 32 && (m & (0x80000000u >> n)))
		n++;
	if (m != ecrc_mask(n))
		return false;
	*len = n;
	return true;
}

/* ---- resolving ------------------------------------------------------------ */

static struct ecrc_rd_plist *plist_find(struct ecrc_rd *rd, const char *name)
{
	for (size_t i = 0; i < rd->n_plists; i++)
		if (strcmp(rd->plists[i].name, name) == 0)
			return &rd->plists[i];
	return NULL;
}

static struct ecrc_rd_policy *policy_find(struct ecrc_rd *rd, const char *name)
{
	for (size_t i = 0; i < rd->n_policies; i++)
		if (strcmp(rd->policies[i].name, name) == 0)
			return &rd->policies[i];
	return NULL;
}

/* Every policy ecrc emits is: permit terms, then one deny term that matches
 * nothing. */
static int check_shape(struct ecrc_rd *rd, const struct ecrc_rd_policy *p)
{
	if (p->n == 0 || !p->t[p->n - 1].deny)
		return ecrc_rd_fail(rd, p->line, "policy %s does not end in a reject term", p->name);
	const struct ecrc_rd_term *last = &p->t[p->n - 1];
	if (last->match || last->n_filters || last->sets_something)
		return ecrc_rd_fail(rd, last->line,
		                    "the final reject term of policy %s must match everything", p->name);
	for (size_t i = 0; i + 1 < p->n; i++) {
		const struct ecrc_rd_term *t = &p->t[i];
		if (t->deny)
			return ecrc_rd_fail(rd, t->line, "policy %s rejects before its last term", p->name);
		if (!t->match && t->n_filters == 0)
			return ecrc_rd_fail(rd, t->line, "a permit term of policy %s matches no prefix list",
			                    p->name);
		if (t->match && !plist_find(rd, t->match))
			return ecrc_rd_fail(rd, t->match_line ? t->match_line : t->line,
			                    "prefix list %s is not defined", t->match);
	}
	return 0;
}

static void copy_entries(struct ecrc_rd *rd, struct ecrc_ir_prefix_list *to,
                         const struct ecrc_ir_prefix_entry *e, size_t n)
{
	struct ecrc_ir_prefix_entry *v = ecrc_arena_alloc(rd->arena, (to->n_entries + n) * sizeof *v);
	if (to->n_entries)
		memcpy(v, to->entries, to->n_entries * sizeof *v);
	if (n)
		memcpy(v + to->n_entries, e, n * sizeof *v);
	to->entries = v;
	to->n_entries += n;
}

static int resolve_import(struct ecrc_rd *rd, struct ecrc_rd_peer *p)
{
	struct ecrc_rd_policy *pol = policy_find(rd, p->import_name);
	if (!pol)
		return ecrc_rd_fail(rd, p->import_line, "import policy %s is not defined", p->import_name);
	if (check_shape(rd, pol))
		return -1;
	struct ecrc_ir_prefix_list *l = &p->ir.import_list;
	const char *single = NULL;
	size_t n_match = 0;
	for (size_t i = 0; i + 1 < pol->n; i++) {
		const struct ecrc_rd_term *t = &pol->t[i];
		/* a LOCAL_PREF on every accept term: the standby's de-preference */
		if (i > 0 && t->has_local_pref != pol->t[0].has_local_pref)
			return ecrc_rd_fail(rd, t->line,
			                    "import policy %s sets local-preference on some terms only",
			                    pol->name);
		if (t->has_local_pref) {
			if (p->ir.import_local_pref && p->ir.import_local_pref != t->local_pref)
				return ecrc_rd_fail(rd, t->line,
				                    "import policy %s sets two local-preferences", pol->name);
			p->ir.import_local_pref = t->local_pref;
		}
		if (t->sets_something)
			return ecrc_rd_fail(
			    rd, t->line,
			    "import policy %s sets route attributes; ecrc's import policies only "
			    "accept or reject",
			    pol->name);
		if (t->match) {
			const struct ecrc_rd_plist *pl = plist_find(rd, t->match);
			copy_entries(rd, l, pl->e, pl->n);
			single = pl->name;
			n_match++;
		}
		copy_entries(rd, l, t->filters, t->n_filters);
	}
	if (n_match > 1)
		return ecrc_rd_fail(rd, pol->line,
		                    "import policy %s matches %zu prefix lists; ecrc emits one", pol->name,
		                    n_match);
	/* an empty list has no name in the config: it goes by its policy's */
	l->name = single ? single : pol->list_name ? pol->list_name : pol->name;
	p->ir.import_policy = pol->name;
	return 0;
}

static int resolve_export(struct ecrc_rd *rd, struct ecrc_rd_peer *p)
{
	struct ecrc_rd_policy *pol = policy_find(rd, p->export_name);
	if (!pol)
		return ecrc_rd_fail(rd, p->export_line, "export policy %s is not defined", p->export_name);
	if (check_shape(rd, pol))
		return -1;
	size_t n = pol->n - 1;
	struct ecrc_ir_export_term *terms = ecrc_arena_alloc(rd->arena, n * sizeof *terms);
	for (size_t i = 0; i < n; i++) {
		const struct ecrc_rd_term *t = &pol->t[i];
		if (!t->match)
			return ecrc_rd_fail(rd, t->line, "a term of export policy %s matches no prefix list",
			                    pol->name);
		if (t->has_local_pref)
			return ecrc_rd_fail(
			    rd, t->line, "export policy %s sets local-preference; ecrc sets it inbound only",
			    pol->name);
		const struct ecrc_rd_plist *pl = plist_find(rd, t->match);
		terms[i].match.name = pl->name;
		copy_entries(rd, &terms[i].match, pl->e, pl->n);
		terms[i].prepend = t->prepend;
		terms[i].n_prepend = t->n_prepend;
		terms[i].has_med = t->has_med;
		terms[i].med = t->med;
		terms[i].origin = t->has_origin ? t->origin : ECRC_IR_ORIGIN_IGP;
	}
	p->ir.export_policy = pol->name;
	p->ir.export_terms = terms;
	p->ir.n_export_terms = n;
	return 0;
}

static int resolve_peer(struct ecrc_rd *rd, struct ecrc_rd_peer *p, struct ecrc_ir_cpe *cpe)
{
	char a[16];
	ecrc_fmt_ipv4(p->ir.address, a);
	if (!p->has_remote_as)
		return ecrc_rd_fail(rd, p->line, "peer %s has no remote AS", a);
	size_t k;
	for (k = 0; k < cpe->n_ifaces; k++) {
		const struct ecrc_ir_iface *f = &cpe->ifaces[k];
		struct ecrc_ipnet host = {.addr = p->ir.address, .len = 32};
		if (ecrc_ipnet_contains(ecrc_ipnet_network(f->address), host))
			break;
	}
	if (k == cpe->n_ifaces)
		return ecrc_rd_fail(rd, p->line, "peer %s is in the subnet of none of the interfaces", a);
	p->ir.iface = k;
	const struct ecrc_rd_iface *f = &rd->ifaces[k];

	if (p->bfd_enabled) {
		p->ir.bfd = true;
		if (!p->has_bfd_timers) {
			if (!f->has_bfd)
				return ecrc_rd_fail(
				    rd, p->line,
				    "BFD is on for peer %s but no BFD intervals are set for it "
				    "(ecrc reads only explicit intervals)",
				    a);
			p->ir.bfd_min_tx_ms = f->bfd_min_tx_ms;
			p->ir.bfd_min_rx_ms = f->bfd_min_rx_ms;
			p->ir.bfd_multiplier = f->bfd_multiplier;
		}
	} else if (p->has_bfd_timers) {
		return ecrc_rd_fail(rd, p->line, "peer %s sets BFD intervals but does not enable BFD", a);
	}

	if (p->ir.keepalive_s == 0 && p->ir.hold_s == 0) {
		bool platform = rd->default_keepalive_s || rd->default_hold_s;
		p->ir.keepalive_s = platform ? rd->default_keepalive_s : 30;
		p->ir.hold_s = platform ? rd->default_hold_s : 90;
	}
	p->ir.timers_default = p->ir.keepalive_s == 30 && p->ir.hold_s == 90;

	if (!p->import_name)
		return ecrc_rd_fail(rd, p->line, "peer %s has no import policy", a);
	if (!p->export_name)
		return ecrc_rd_fail(rd, p->line, "peer %s has no export policy", a);
	if (resolve_import(rd, p) || resolve_export(rd, p))
		return -1;
	return 0;
}

void ecrc_rd_network_add(struct ecrc_rd *rd, struct ecrc_ipnet prefix, uint32_t line)
{
	rd->networks =
	    ecrc_rd_grow(rd->arena, rd->networks, &rd->cap_networks, rd->n_networks, sizeof *rd->networks);
	rd->network_lines = ecrc_rd_grow(rd->arena, rd->network_lines, &rd->cap_network_lines, rd->n_networks,
	                                 sizeof *rd->network_lines);
	rd->network_lines[rd->n_networks] = line;
	rd->networks[rd->n_networks++] = prefix;
}

/* Each network statement has its discard anchor, and each anchor its
 * network statement: one without the other originates nothing. */
static int check_networks(struct ecrc_rd *rd)
{
	char a[19];
	for (size_t i = 0; i < rd->n_networks; i++) {
		bool anchored = false;
		for (size_t j = 0; j < rd->n_statics; j++)
			if (!rd->statics[j].has_next_hop &&
			    ecrc_ipnet_equal(rd->statics[j].prefix, rd->networks[i]))
				anchored = true;
		if (!anchored)
			return ecrc_rd_fail(rd, rd->network_lines[i],
			                    "network %s has no discard (null) route",
			                    ecrc_fmt_ipnet(rd->networks[i], a));
	}
	for (size_t j = 0; j < rd->n_statics; j++) {
		if (rd->statics[j].has_next_hop)
			continue;
		bool announced = false;
		for (size_t i = 0; i < rd->n_networks; i++)
			if (ecrc_ipnet_equal(rd->statics[j].prefix, rd->networks[i]))
				announced = true;
		if (!announced)
			return ecrc_rd_fail(rd, rd->static_lines[j] ? rd->static_lines[j] : 1,
			                    "discard route %s has no network statement",
			                    ecrc_fmt_ipnet(rd->statics[j].prefix, a));
	}
	return 0;
}

/* A string read from a config becomes IR and may be rendered again: it must
 * pass the same check as the design's strings. */
static bool safe(const char *s)
{
	return !s || ecrc_config_safe(s);
}

static int check_strings(struct ecrc_rd *rd)
{
	if (!safe(rd->hostname))
		return ecrc_rd_fail(rd, 1, "the host name holds characters ecrc does not put in a config");
	for (size_t i = 0; i < rd->n_ifaces; i++)
		if (!safe(rd->ifaces[i].ir.parent) || !safe(rd->ifaces[i].ir.description))
			return ecrc_rd_fail(
			    rd, rd->ifaces[i].line,
			    "interface name or description holds characters ecrc does not put in a "
			    "config");
	for (size_t i = 0; i < rd->n_peers; i++) {
		const struct ecrc_rd_peer *p = &rd->peers[i];
		if (!safe(p->ir.description) || !safe(p->import_name) || !safe(p->export_name) ||
		    (!p->ir.md5_redacted && !safe(p->ir.md5_key)))
			return ecrc_rd_fail(
			    rd, p->line,
			    "a description, policy name or key of this peer holds characters ecrc does "
			    "not put in a config");
	}
	for (size_t i = 0; i < rd->n_plists; i++)
		if (!safe(rd->plists[i].name))
			return ecrc_rd_fail(rd, rd->plists[i].line,
			                    "prefix list name '%s' is not one ecrc emits",
			                    rd->plists[i].name);
	return 0;
}

int ecrc_rd_finish(struct ecrc_rd *rd, struct ecrc_ir_cpe **out)
{
	if (check_strings(rd))
		return -1;
	struct ecrc_ir_cpe *cpe = ecrc_arena_alloc(rd->arena, sizeof *cpe);
	cpe->hostname = rd->hostname;
	if (!rd->has_asn && rd->n_peers)
		return ecrc_rd_fail(rd, rd->peers[0].line, "BGP peers without a BGP process (local AS)");
	if (rd->has_asn && rd->uses_networks && check_networks(rd))
		return -1;
	cpe->asn = rd->asn;
	cpe->router_id = rd->router_id;
	cpe->maximum_paths = rd->maximum_paths ? rd->maximum_paths : 1;

	cpe->n_ifaces = rd->n_ifaces;
	cpe->ifaces = ecrc_arena_alloc(rd->arena, rd->n_ifaces * sizeof *cpe->ifaces);
	for (size_t i = 0; i < rd->n_ifaces; i++) {
		const struct ecrc_rd_iface *f = &rd->ifaces[i];
		if (!f->has_address)
			return ecrc_rd_fail(rd, f->line, "interface %s has no IPv4 address", f->ir.parent);
		if (f->has_bfd) {
			bool used = false;
			for (size_t j = 0; j < rd->n_peers; j++) {
				struct ecrc_ipnet host = {.addr = rd->peers[j].ir.address, .len = 32};
				if (rd->peers[j].bfd_enabled &&
				    ecrc_ipnet_contains(ecrc_ipnet_network(f->ir.address), host))
					used = true;
			}
			if (!used)
				return ecrc_rd_fail(
				    rd, f->bfd_line,
				    "BFD intervals are set here but no peer on this interface "
				    "enables BFD");
		}
		cpe->ifaces[i] = f->ir;
	}
	cpe->n_statics = rd->n_statics;
	cpe->statics = rd->statics;

	cpe->n_neighbors = rd->n_peers;
	cpe->neighbors = ecrc_arena_alloc(rd->arena, rd->n_peers * sizeof *cpe->neighbors);
	for (size_t i = 0; i < rd->n_peers; i++) {
		if (resolve_peer(rd, &rd->peers[i], cpe))
			return -1;
		cpe->neighbors[i] = rd->peers[i].ir;
	}
	ecrc_ir_link(cpe, rd->arena);
	*out = cpe;
	return 0;
}

void ecrc_rd_take_header(struct ecrc_ir_cpe *cpe, const struct ecrc_ir_cpe *hdr)
{
	cpe->id = hdr->id;
	cpe->vendor = hdr->vendor;
	cpe->design_name = hdr->design_name;
	memcpy(cpe->design_sha256, hdr->design_sha256, sizeof cpe->design_sha256);
	cpe->forced = hdr->forced;
	cpe->platform = hdr->platform;
}

bool ecrc_rd_word_is(const struct ecrc_rd_line *l, size_t i, const char *w)
{
	return i < l->n && strcmp(l->w[i], w) == 0;
}

int ecrc_rd_u32_at(struct ecrc_rd *rd, const struct ecrc_rd_line *l, size_t i, uint32_t min, uint32_t max,
                   uint32_t *out)
{
	if (i >= l->n || !ecrc_rd_u32(l->w[i], min, max, out))
		return ecrc_rd_fail(rd, l->no, "expected a number from %u to %u in '%s'", min, max, l->text);
	return 0;
}

int ecrc_rd_net_at(struct ecrc_rd *rd, const struct ecrc_rd_line *l, size_t i, struct ecrc_ipnet *p)
{
	uint32_t len;
	if (i + 1 >= l->n || !ecrc_parse_ipv4(l->w[i], &p->addr))
		return ecrc_rd_fail(rd, l->no, "expected an IPv4 address and mask in '%s'", l->text);
	if (ecrc_rd_netmask(l->w[i + 1], &p->len))
		return 0;
	if (!ecrc_rd_u32(l->w[i + 1], 0, 32, &len))
		return ecrc_rd_fail(rd, l->no, "'%s' is neither a netmask nor a mask length", l->w[i + 1]);
	p->len = (uint8_t)len;
	return 0;
}

int ecrc_rd_ge_le_at(struct ecrc_rd *rd, const struct ecrc_rd_line *l, size_t i, uint8_t len,
                     const char *what, uint32_t *ge, uint32_t *le)
{
	uint32_t g = 0, e = 0;
	bool has_ge = false, has_le = false;
	if (i + 1 < l->n && ecrc_rd_word_is(l, i, "greater-equal")) {
		if (ecrc_rd_u32_at(rd, l, i + 1, len, 32, &g))
			return -1;
		has_ge = true;
		i += 2;
	}
	if (i + 1 < l->n && ecrc_rd_word_is(l, i, "less-equal")) {
		if (ecrc_rd_u32_at(rd, l, i + 1, has_ge ? g : len, 32, &e))
			return -1;
		has_le = true;
		i += 2;
	}
	if (i != l->n)
		return ecrc_rd_fail(rd, l->no, "unexpected '%s' in the %s entry", l->w[i], what);
	*ge = *le = 0;
	if (has_ge || has_le) {
		*ge = has_ge ? g : len;
		*le = has_le ? e : 32;
		if (*ge == len && *le == len)
			*ge = *le = 0;
	}
	return 0;
}

int ecrc_rd_huawei_peer(struct ecrc_rd *rd, const struct ecrc_rd_line *l, const char *password_kw,
                        const char *restart_kw, uint32_t restart_unit_s, uint32_t hold_min,
                        struct ecrc_rd_peer **peer)
{
	uint32_t addr;
	if (!ecrc_parse_ipv4(l->w[1], &addr))
		return ecrc_rd_fail(rd, l->no, "'%s' is not a peer address", l->w[1]);
	struct ecrc_rd_peer *p = *peer = ecrc_rd_peer_get(rd, addr, l->no);
	if (l->n == 4 && ecrc_rd_word_is(l, 2, "as-number")) {
		if (!ecrc_parse_asn(l->w[3], &p->ir.remote_as))
			return ecrc_rd_fail(rd, l->no, "'%s' is not an AS number", l->w[3]);
		p->has_remote_as = true;
		return 0;
	}
	if (l->n >= 4 && ecrc_rd_word_is(l, 2, "description")) {
		p->ir.description = ecrc_rd_rest(l, 3);
		return 0;
	}
	if (l->n >= 5 && ecrc_rd_word_is(l, 2, "password") && ecrc_rd_word_is(l, 3, password_kw)) {
		p->ir.md5_key = ecrc_rd_rest(l, 4);
		p->ir.md5_redacted = ecrc_vendor_key_redacted(p->ir.md5_key);
		return 0;
	}
	if (l->n == 7 && ecrc_rd_word_is(l, 2, "timer") && ecrc_rd_word_is(l, 3, "keepalive") &&
	    ecrc_rd_word_is(l, 5, "hold"))
		return ecrc_rd_u32_at(rd, l, 4, 0, 21845, &p->ir.keepalive_s) ||
		       ecrc_rd_u32_at(rd, l, 6, hold_min, 65535, &p->ir.hold_s);
	if (l->n == 3 && ecrc_rd_word_is(l, 2, "enable"))
		return 0;
	if (l->n == 5 && ecrc_rd_word_is(l, 2, "route-policy")) {
		if (ecrc_rd_word_is(l, 4, "import")) {
			p->import_name = l->w[3];
			p->import_line = l->no;
			return 0;
		}
		if (ecrc_rd_word_is(l, 4, "export")) {
			p->export_name = l->w[3];
			p->export_line = l->no;
			return 0;
		}
		return 1;
	}
	if (l->n >= 4 && l->n <= 7 && ecrc_rd_word_is(l, 2, "route-limit")) {
		/* route-limit N, then in any order a warning percentage and the
		 * restart: VRP "idle-timeout MINUTES", Comware "reconnect SECONDS"
		 * (restart_kw; its unit restart_unit_s) */
		if (ecrc_rd_u32_at(rd, l, 3, 1, UINT32_MAX, &p->ir.max_prefixes))
			return -1;
		for (size_t i = 4; i < l->n; i++) {
			uint32_t v;
			if (ecrc_rd_word_is(l, i, restart_kw) && i + 1 < l->n && !p->ir.max_prefix_recovers) {
				if (ecrc_rd_u32_at(rd, l, i + 1, 1, restart_unit_s == 60 ? 1200 : 65535, &v))
					return -1;
				p->ir.max_prefix_recovers = true;
				p->ir.max_prefix_restart_s = v * restart_unit_s;
				i++;
			} else if (!p->ir.max_prefix_warn_pct && ecrc_rd_u32(l->w[i], 1, 100, &v)) {
				p->ir.max_prefix_warn_pct = v;
			} else {
				return ecrc_rd_fail(rd, l->no, "expected \"route-limit N [PERCENT] [%s %s]\"",
				                    restart_kw, restart_unit_s == 60 ? "MINUTES" : "SECONDS");
			}
		}
		return 0;
	}
	return 1;
}

int ecrc_rd_term_origin(struct ecrc_rd *rd, const struct ecrc_rd_line *l, size_t i, struct ecrc_rd_term *t)
{
	if (ecrc_rd_word_is(l, i, "igp"))
		t->origin = ECRC_IR_ORIGIN_IGP;
	else if (ecrc_rd_word_is(l, i, "incomplete"))
		t->origin = ECRC_IR_ORIGIN_INCOMPLETE;
	else
		return ecrc_rd_fail(rd, l->no, "origin '%s': ecrc emits igp or incomplete",
		                    i < l->n ? l->w[i] : "");
	t->has_origin = true;
	t->sets_something = true;
	return 0;
}

int ecrc_rd_term_local_pref(struct ecrc_rd *rd, const struct ecrc_rd_line *l, size_t i,
                            struct ecrc_rd_term *t)
{
	t->has_local_pref = true;
	return ecrc_rd_u32_at(rd, l, i, 0, UINT32_MAX, &t->local_pref);
}

int ecrc_rd_term_med(struct ecrc_rd *rd, const struct ecrc_rd_line *l, size_t i, struct ecrc_rd_term *t)
{
	t->has_med = true;
	t->sets_something = true;
	return ecrc_rd_u32_at(rd, l, i, 0, UINT32_MAX, &t->med);
}
