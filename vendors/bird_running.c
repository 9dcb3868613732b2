/*
 * bird_running.c: the running-config reader for a BIRD 2 configuration file
 * (bird.conf), as `bird -p -c` accepts it.
 *
 * BIRD does not configure interfaces: an uplink's interface is the BGP
 * protocol's `local` address with its `interface "NAME"` (port and VLAN
 * from NAME = PORT.VLAN) or the BFD protocol's interface for that device;
 * the iproute2 comment block ecrc emits, when present, gives the port, VLAN,
 * subnet length and MTU. Without it, the subnet length (and the VLAN, when no
 * device is named) are not in the config and are not compared.
 *
 * Reads: router id; hostname; protocol static routes (blackhole,
 * unreachable, prohibit, via A); protocol bfd interface blocks (min rx
 * interval, min tx interval, interval, multiplier); protocol kernel "merge
 * paths on limit N" (the multipath width); define NAME = [ prefix set ];
 * filters made of `if net ~ SET then accept|reject|{ actions }` and a final
 * accept or reject (bgp_path.prepend, bgp_med, bgp_origin as actions;
 * prefix sets with P, P+, P{a,b}); templates and protocols bgp with `from`
 * inheritance: local [A] as N, neighbor A as N, interface, description,
 * hold time, keepalive time, password, bfd on|off, disabled, and in the ipv4
 * channel import/export filter NAME (or all / none) and import limit N.
 *
 * Skips: log, debug, timeformat, protocol device, direct, ospf, rip,
 * babel, other channels (ipv6), functions, and the BGP options that do not
 * change what the design decides (graceful restart, next hop self, source
 * address, ...). A filter statement outside the shape above is recorded as
 * not understood. Sources: docs/check.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendors/reader.h"

struct btok {
	const char *t; /* NULL for punctuation */
	char p;        /* { } ; [ ] ( ) , = ~ */
	uint32_t line;
};

static size_t btokenize(const char *text, size_t len, struct ecrc_arena *a, struct btok **out)
{
	size_t cap = 0, n = 0;
	struct btok *v = NULL;
	uint32_t line = 1;
	for (size_t i = 0; i < len;) {
		char c = text[i];
		if (c == '\n') {
			line++;
			i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			i++;
			continue;
		}
		if (c == '#') {
			while (i < len && text[i] != '\n')
				i++;
			continue;
		}
		if (c == '/' && i + 1 < len && text[i + 1] == '*') {
			i += 2;
			while (i + 1 < len && !(text[i] == '*' && text[i + 1] == '/')) {
				if (text[i] == '\n')
					line++;
				i++;
			}
			i += 2;
			continue;
		}
		v = ecrc_rd_grow(a, v, &cap, n, sizeof *v);
		struct btok *t = &v[n++];
		memset(t, 0, sizeof *t);
		t->line = line;
		if (strchr("{};[](),=~", c)) {
			t->p = c;
			i++;
			continue;
		}
		if (c == '"' || c == '\'') {
			size_t s = ++i;
			while (i < len && text[i] != c && text[i] != '\n')
				i++;
			t->t = ecrc_arena_strndup(a, text + s, i - s);
			if (i < len && text[i] == c)
				i++;
			continue;
		}
		size_t s = i;
		/* a prefix set item keeps its {a,b} range: 10.0.0.0/8{16,24} */
		while (i < len && !strchr(" \t\r\n;[](),=~\"'#", text[i])) {
			if (text[i] == '{') {
				if (i > s && (text[i - 1] >= '0' && text[i - 1] <= '9')) {
					while (i < len && text[i] != '}')
						i++;
					if (i < len)
						i++;
					continue;
				}
				break;
			}
			if (text[i] == '}')
				break;
			i++;
		}
		if (i == s) { /* a lone '{' or '}' after a word boundary */
			t->p = text[i];
			i++;
			continue;
		}
		t->t = ecrc_arena_strndup(a, text + s, i - s);
	}
	/* eight empty tokens after the last: the reader looks a few tokens
	 * ahead without counting (they are neither words nor punctuation) */
	for (size_t k = 0; k < 8; k++) {
		v = ecrc_rd_grow(a, v, &cap, n + k, sizeof *v);
		memset(&v[n + k], 0, sizeof *v);
	}
	*out = v;
	return n;
}

static bool tw(const struct btok *t, const char *w)
{
	return t->t && strcmp(t->t, w) == 0;
}

/* A protocol bgp or template: what it says, and what it inherits from. */
struct bproto {
	const char *name;
	const char *from;
	bool is_template;
	struct ecrc_run_neighbor nb;
	bool has_neighbor;
	bool has_local_addr;
	uint32_t local_addr, local_line;
	const char *ifname;
	uint32_t ifname_line;
	bool local_as_set;
	uint32_t local_as, local_as_line;
};

struct breader {
	struct ecrc_running *r;
	struct ecrc_arena *a;
	const struct btok *t;
	size_t n, i;
	struct bproto *protos;
	size_t n_protos, cap_protos;
	struct ecrc_run_iface *bfd_ifaces; /* protocol bfd interface blocks */
	size_t n_bfd, cap_bfd;
	uint32_t filter_seq;
};

/* Skips a balanced block starting at '{' (t[i]); returns the index after it. */
static size_t skip_block(const struct btok *t, size_t n, size_t i)
{
	int depth = 0;
	for (; i < n; i++) {
		if (t[i].p == '{')
			depth++;
		else if (t[i].p == '}' && --depth == 0)
			return i + 1;
	}
	return n;
}

/* Skips to after the next ';' at this level (a nested block skipped whole). */
static size_t skip_stmt(const struct btok *t, size_t n, size_t i)
{
	for (; i < n; i++) {
		if (t[i].p == ';')
			return i + 1;
		if (t[i].p == '{')
			return skip_block(t, n, i);
		if (t[i].p == '}')
			return i;
	}
	return n;
}

/* One prefix set item: P, P+, P{a,b}. */
static bool set_item(const char *s, struct ecrc_ipnet *p, uint8_t *ge, uint8_t *le)
{
	char buf[64];
	size_t l = strlen(s);
	if (l >= sizeof buf)
		return false;
	memcpy(buf, s, l + 1);
	char *brace = strchr(buf, '{');
	unsigned a = 0, b = 0;
	bool plus = false;
	if (brace) {
		if (sscanf(brace, "{%u,%u}", &a, &b) != 2 || a > 32 || b > 32 || a > b)
			return false;
		*brace = '\0';
	} else if (l && buf[l - 1] == '+') {
		plus = true;
		buf[l - 1] = '\0';
	} else if (l && buf[l - 1] == '-')
		return false;
	if (!ecrc_parse_ipnet(buf, p) || !ecrc_ipnet_equal(*p, ecrc_ipnet_network(*p)))
		return false;
	if (brace) {
		*ge = (uint8_t)a;
		*le = (uint8_t)b;
		if (a == p->len && b == p->len)
			*ge = *le = 0;
	} else if (plus) {
		*ge = p->len;
		*le = 32;
	} else
		*ge = *le = 0;
	return true;
}

/* "[ item, item ]" from t[i] ('['): into plist pl. Returns the index after ']' or 0. */
static size_t read_set(struct breader *b, size_t i, struct ecrc_run_plist *pl, uint32_t line)
{
	for (i++; i < b->n && b->t[i].p != ']'; i++) {
		if (b->t[i].p == ',')
			continue;
		struct ecrc_ipnet p;
		uint8_t ge, le;
		if (!b->t[i].t || !set_item(b->t[i].t, &p, &ge, &le))
			return 0;
		ecrc_running_plist_add(b->r, pl, p, ge, le, false, line ? line : b->t[i].line);
	}
	return i < b->n ? i + 1 : 0;
}

/* The actions of a "then" branch: one statement or a { } block. Returns the
 * index after it; sets *verdict to 1 accept, -1 reject, 0 none. */
static size_t read_actions(struct breader *b, size_t i, struct ecrc_run_policy *pol, struct ecrc_run_term *t,
                           int *verdict)
{
	bool block = i < b->n && b->t[i].p == '{';
	if (block)
		i++;
	uint32_t *prep = NULL;
	size_t np = 0, capp = 0;
	while (i < b->n) {
		const struct btok *x = &b->t[i];
		if (block && x->p == '}') {
			i++;
			break;
		}
		size_t end = skip_stmt(b->t, b->n, i);
		uint32_t v;
		if (tw(x, "accept") || tw(x, "reject")) {
			*verdict = tw(x, "accept") ? 1 : -1;
		} else if (x->t && strncmp(x->t, "bgp_path.prepend", 16) == 0 && i + 3 < b->n &&
		           b->t[i + 1].p == '(' && b->t[i + 2].t && ecrc_parse_asn(b->t[i + 2].t, &v)) {
			prep = ecrc_rd_grow(b->a, prep, &capp, np, sizeof *prep);
			prep[np++] = v;
			t->prepend_line = x->line;
		} else if (tw(x, "bgp_med") && i + 2 < b->n && b->t[i + 1].p == '=' && b->t[i + 2].t &&
		           ecrc_rd_u32(b->t[i + 2].t, 0, 4294967295u, &v)) {
			t->has_med = true;
			t->med = v;
			t->med_line = x->line;
		} else if (tw(x, "bgp_origin") && i + 2 < b->n && b->t[i + 1].p == '=' &&
		           (tw(&b->t[i + 2], "ORIGIN_IGP") || tw(&b->t[i + 2], "ORIGIN_INCOMPLETE"))) {
			t->has_origin = true;
			t->origin =
			    tw(&b->t[i + 2], "ORIGIN_IGP") ? ECRC_IR_ORIGIN_IGP : ECRC_IR_ORIGIN_INCOMPLETE;
			t->origin_line = x->line;
		} else if (x->t && (strncmp(x->t, "bgp_community", 13) == 0 ||
		                    strncmp(x->t, "bgp_large_community", 19) == 0 || tw(x, "print") ||
		                    tw(x, "bgp_local_pref"))) {
			/* no effect on what the design decides toward the VBR */
		} else
			ecrc_running_unknown(b->r, ECRC_RUN_POLICY, pol->name, x->line, x->t ? x->t : "?");
		i = end;
		if (!block)
			break;
	}
	if (np) {
		/* each prepend goes in front: the last call's ASN comes first */
		t->prepend = ecrc_arena_alloc(b->a, np * sizeof *t->prepend);
		for (size_t k = 0; k < np; k++)
			t->prepend[k] = prep[np - 1 - k];
		t->n_prepend = np;
	}
	return i;
}

/* filter NAME { ... } from t[i] ('{'). */
static size_t read_filter(struct breader *b, const char *name, size_t i, uint32_t line)
{
	struct ecrc_running *r = b->r;
	struct ecrc_run_policy *pol = ecrc_running_policy(r, name, line);
	size_t end = skip_block(b->t, b->n, i);
	uint32_t seq = 0;
	for (i++; i < end - 1;) {
		const struct btok *x = &b->t[i];
		if (tw(x, "if") && i + 3 < end && tw(&b->t[i + 1], "net") && b->t[i + 2].p == '~') {
			struct ecrc_run_term *t = ecrc_running_term(r, pol, ++seq, x->line);
			size_t k = i + 3;
			if (b->t[k].p == '[') {
				const char *lname = ecrc_arena_printf(b->a, "%s#%u", name, seq);
				struct ecrc_run_plist *pl = ecrc_running_plist(r, lname, x->line);
				k = read_set(b, k, pl, x->line);
				if (!k) {
					ecrc_running_unknown(r, ECRC_RUN_POLICY, name, x->line,
					                     "a prefix set ecrc cannot read");
					t->match_other = true;
					i = skip_stmt(b->t, b->n, i);
					continue;
				}
				t->match = pl->name;
			} else if (b->t[k].t) {
				t->match = b->t[k].t; /* a defined set */
				k++;
			}
			t->match_line = x->line;
			if (k >= end || !tw(&b->t[k], "then")) {
				ecrc_running_unknown(r, ECRC_RUN_POLICY, name, x->line,
				                     "an if with more than net ~ SET");
				t->match_other = true;
				i = skip_stmt(b->t, b->n, i);
				continue;
			}
			int verdict = 0;
			i = read_actions(b, k + 1, pol, t, &verdict);
			if (verdict == 0) {
				ecrc_running_unknown(r, ECRC_RUN_POLICY, name, x->line,
				                     "a branch without accept or reject");
				t->match_other = true;
			}
			t->deny = verdict < 0;
			if (i < end && tw(&b->t[i], "else")) {
				ecrc_running_unknown(r, ECRC_RUN_POLICY, name, b->t[i].line, "else");
				i = skip_stmt(b->t, b->n, i + 1);
			}
		} else if ((tw(x, "accept") || tw(x, "reject")) && i + 1 < end && b->t[i + 1].p == ';') {
			struct ecrc_run_term *t = ecrc_running_term(r, pol, ++seq, x->line);
			t->deny = tw(x, "reject");
			i += 2;
		} else {
			ecrc_running_unknown(r, ECRC_RUN_POLICY, name, x->line, x->t ? x->t : "?");
			i = skip_stmt(b->t, b->n, i);
		}
	}
	return end;
}

static struct bproto *proto_new(struct breader *b, const char *name, bool tmpl, uint32_t line)
{
	b->protos = ecrc_rd_grow(b->a, b->protos, &b->cap_protos, b->n_protos, sizeof *b->protos);
	struct bproto *p = &b->protos[b->n_protos++];
	memset(p, 0, sizeof *p);
	p->name = name;
	p->is_template = tmpl;
	p->nb.line = line;
	return p;
}

static const char *filter_name(struct breader *b, size_t *k, uint32_t line)
{
	/* filter NAME | all | none | where ... */
	const struct btok *x = &b->t[*k];
	if (tw(x, "all") || tw(x, "none")) {
		const char *n = ecrc_arena_printf(b->a, "(%s)", x->t);
		struct ecrc_run_policy *p = ecrc_running_policy(b->r, n, line);
		if (!p->n)
			ecrc_running_term(b->r, p, 1, line)->deny = tw(x, "none");
		return n;
	}
	if (tw(x, "filter") && *k + 1 < b->n && b->t[*k + 1].t) {
		(*k)++;
		return b->t[*k].t;
	}
	return NULL;
}

/* The body of a protocol bgp / template bgp, from t[i] ('{'). */
static size_t read_bgp(struct breader *b, struct bproto *p, size_t i)
{
	struct ecrc_running *r = b->r;
	size_t end = skip_block(b->t, b->n, i);
	struct ecrc_run_neighbor *nb = &p->nb;
	for (i++; i < end - 1;) {
		const struct btok *x = &b->t[i];
		size_t next = skip_stmt(b->t, b->n, i);
		uint32_t v, addr;
		if (tw(x, "local")) {
			size_t k = i + 1;
			if (b->t[k].t && ecrc_parse_ipv4(b->t[k].t, &addr)) {
				p->has_local_addr = true;
				p->local_addr = addr;
				p->local_line = x->line;
				k++;
			}
			if (tw(&b->t[k], "as") && b->t[k + 1].t && ecrc_parse_asn(b->t[k + 1].t, &v)) {
				p->local_as_set = true;
				p->local_as = v;
				p->local_as_line = x->line;
			}
		} else if (tw(x, "neighbor") && b->t[i + 1].t && ecrc_parse_ipv4(b->t[i + 1].t, &addr)) {
			p->has_neighbor = true;
			nb->address = addr;
			nb->line = x->line;
			if (tw(&b->t[i + 2], "as") && b->t[i + 3].t && ecrc_parse_asn(b->t[i + 3].t, &v)) {
				nb->has_remote_as = true;
				nb->remote_as = v;
				nb->remote_as_line = x->line;
			}
		} else if (tw(x, "neighbor") && tw(&b->t[i + 1], "as") && b->t[i + 2].t &&
		           ecrc_parse_asn(b->t[i + 2].t, &v)) {
			nb->has_remote_as = true;
			nb->remote_as = v;
			nb->remote_as_line = x->line;
		} else if (tw(x, "interface") && b->t[i + 1].t) {
			p->ifname = b->t[i + 1].t;
			p->ifname_line = x->line;
		} else if (tw(x, "description") && b->t[i + 1].t) {
			nb->description = b->t[i + 1].t;
		} else if (tw(x, "hold") && tw(&b->t[i + 1], "time") && b->t[i + 2].t &&
		           ecrc_rd_u32(b->t[i + 2].t, 0, 65535, &v)) {
			nb->has_timers = true;
			nb->hold_s = v;
			if (!nb->keepalive_s)
				nb->keepalive_s = v / 3; /* BIRD: a third of the hold time */
			nb->timers_line = x->line;
		} else if (tw(x, "keepalive") && tw(&b->t[i + 1], "time") && b->t[i + 2].t &&
		           ecrc_rd_u32(b->t[i + 2].t, 0, 65535, &v)) {
			nb->has_timers = true;
			nb->keepalive_s = v;
			if (!nb->hold_s)
				nb->hold_s = 240; /* BIRD's default hold time */
			if (!nb->timers_line)
				nb->timers_line = x->line;
		} else if (tw(x, "password")) {
			nb->md5 = true;
			nb->md5_line = x->line;
		} else if (tw(x, "bfd")) {
			nb->bfd = tw(&b->t[i + 1], "on") || tw(&b->t[i + 1], "yes") || b->t[i + 1].p == ';';
			nb->bfd_line = x->line;
		} else if (tw(x, "disabled") && (tw(&b->t[i + 1], "yes") || tw(&b->t[i + 1], "on"))) {
			nb->shutdown = true;
			nb->shutdown_line = x->line;
		} else if (tw(x, "ipv4") && b->t[i + 1].p == '{') {
			size_t cend = skip_block(b->t, b->n, i + 1);
			for (size_t k = i + 2; k < cend - 1;) {
				const struct btok *y = &b->t[k];
				size_t knext = skip_stmt(b->t, b->n, k);
				if ((tw(y, "import") || tw(y, "export")) && k + 1 < cend) {
					size_t q = k + 1;
					if (tw(&b->t[q], "limit") && b->t[q + 1].t &&
					    ecrc_rd_u32(b->t[q + 1].t, 0, 4294967295u, &v)) {
						if (tw(y, "import")) {
							nb->has_max_prefixes = true;
							nb->max_prefixes = v;
							nb->max_prefixes_line = y->line;
						}
					} else if (tw(&b->t[q], "keep") || tw(&b->t[q], "table")) {
						/* import keep filtered / table: no effect on the routes */
					} else {
						const char *f = filter_name(b, &q, y->line);
						if (!f)
							ecrc_running_unknown(
							    r, ECRC_RUN_NEIGHBOR, p->name, y->line,
							    "an inline import/export filter");
						else if (tw(y, "import")) {
							nb->import_policy = f;
							nb->import_line = y->line;
						} else {
							nb->export_policy = f;
							nb->export_line = y->line;
						}
					}
				} else if (!(tw(y, "next") || tw(y, "gateway") || tw(y, "add") ||
				             tw(y, "graceful") || tw(y, "receive") || tw(y, "table") ||
				             tw(y, "igp") || tw(y, "mandatory")))
					ecrc_running_unknown(r, ECRC_RUN_NEIGHBOR, p->name, y->line,
					                     y->t ? y->t : "?");
				k = knext;
			}
			next = cend;
			if (next < end && b->t[next].p == ';')
				next++;
		} else if (tw(x, "ipv6") || tw(x, "graceful") || tw(x, "source") || tw(x, "direct") ||
		           tw(x, "multihop") || tw(x, "connect") || tw(x, "error") || tw(x, "startup") ||
		           tw(x, "debug") || tw(x, "enable") || tw(x, "advertise") || tw(x, "capabilities") ||
		           tw(x, "long") || tw(x, "allow") || tw(x, "path") || tw(x, "med") ||
		           tw(x, "default") || tw(x, "deterministic") || tw(x, "rr") ||
		           tw(x, "confederation") || tw(x, "ttl") || tw(x, "strict") || tw(x, "check") ||
		           tw(x, "igp") || tw(x, "prefer") || tw(x, "passive")) {
			/* no effect on what the design decides */
		} else
			ecrc_running_unknown(r, ECRC_RUN_NEIGHBOR, p->name, x->line, x->t ? x->t : "?");
		i = next;
	}
	return end;
}

static struct bproto *proto_find(struct breader *b, const char *name)
{
	for (size_t i = 0; i < b->n_protos; i++)
		if (b->protos[i].name && name && strcmp(b->protos[i].name, name) == 0)
			return &b->protos[i];
	return NULL;
}

int ecrc_bird_read_running(const char *text, size_t len, struct ecrc_arena *a, struct ecrc_running *r,
                           char *err, size_t errlen)
{
	ecrc_running_init(r, &ecrc_vendor_bird, a);
	if (memchr(text, '\0', len)) {
		snprintf(err, errlen, "line 1: binary data, not a BIRD configuration");
		return -1;
	}
	/* BIRD's defaults: hold 240 s, keepalive a third; BFD 10 ms x 5
	 * (docs/check.md); no import limit; one path into the kernel */
	r->default_keepalive_s = 80;
	r->default_hold_s = 240;
	r->default_bfd_tx_ms = r->default_bfd_rx_ms = 10;
	r->default_bfd_multiplier = 5;
	r->mtu_unknown = true;
	struct breader b = {.r = r, .a = a};
	struct btok *t;
	b.n = btokenize(text, len, a, &t);
	b.t = t;
	uint32_t n_protocols = 0;

	for (size_t i = 0; i < b.n;) {
		const struct btok *x = &t[i];
		uint32_t v;
		if (x->p == '{' || x->p == '}') {
			snprintf(
			    err, errlen,
			    "line %u: '%c' outside a protocol, filter or template: not a BIRD configuration",
			    x->line, x->p);
			return -1;
		}
		if (tw(x, "router") && tw(&t[i + 1], "id") && t[i + 2].t &&
		    ecrc_parse_ipv4(t[i + 2].t, &r->router_id)) {
			r->has_router_id = true;
			r->n_recognized++;
			i = skip_stmt(t, b.n, i);
		} else if (tw(x, "hostname") && t[i + 1].t) {
			r->hostname = t[i + 1].t;
			i = skip_stmt(t, b.n, i);
		} else if (tw(x, "define") && t[i + 1].t && t[i + 2].p == '=' && t[i + 3].p == '[') {
			struct ecrc_run_plist *pl = ecrc_running_plist(r, t[i + 1].t, x->line);
			if (!read_set(&b, i + 3, pl, 0))
				ecrc_running_unknown(r, ECRC_RUN_PLIST, pl->name, x->line,
				                     "a prefix set ecrc cannot read");
			i = skip_stmt(t, b.n, i);
		} else if (tw(x, "filter") && t[i + 1].t && i + 2 < b.n && t[i + 2].p == '{') {
			r->n_recognized++;
			i = read_filter(&b, t[i + 1].t, i + 2, x->line);
		} else if ((tw(x, "protocol") || tw(x, "template")) && t[i + 1].t) {
			bool tmpl = tw(x, "template");
			const char *type = t[i + 1].t;
			size_t k = i + 2;
			const char *name = NULL, *from = NULL;
			if (t[k].t && !tw(&t[k], "from"))
				name = t[k++].t;
			if (tw(&t[k], "from") && t[k + 1].t) {
				from = t[k + 1].t;
				k += 2;
			}
			if (t[k].p != '{') {
				i = skip_stmt(t, b.n, i);
				continue;
			}
			n_protocols++;
			r->n_recognized++;
			if (strcmp(type, "bgp") == 0) {
				struct bproto *p =
				    proto_new(&b, name ? name : ecrc_arena_printf(a, "bgp%u", n_protocols),
				              tmpl, x->line);
				p->from = from;
				i = read_bgp(&b, p, k);
			} else if (strcmp(type, "static") == 0) {
				size_t end = skip_block(t, b.n, k);
				for (size_t q = k + 1; q < end - 1;) {
					struct ecrc_ipnet pfx;
					uint32_t nh;
					if (tw(&t[q], "route") && t[q + 1].t &&
					    ecrc_parse_ipnet(t[q + 1].t, &pfx) &&
					    ecrc_ipnet_equal(pfx, ecrc_ipnet_network(pfx))) {
						if (tw(&t[q + 2], "blackhole") ||
						    tw(&t[q + 2], "unreachable") || tw(&t[q + 2], "prohibit"))
							ecrc_running_static(r, pfx, false, 0, t[q].line);
						else if (tw(&t[q + 2], "via") && t[q + 3].t &&
						         ecrc_parse_ipv4(t[q + 3].t, &nh))
							ecrc_running_static(r, pfx, true, nh, t[q].line);
					}
					q = skip_stmt(t, b.n, q);
				}
				i = end;
			} else if (strcmp(type, "bfd") == 0) {
				size_t end = skip_block(t, b.n, k);
				for (size_t q = k + 1; q < end - 1;) {
					if (tw(&t[q], "interface") && t[q + 1].t && t[q + 2].p == '{') {
						b.bfd_ifaces = ecrc_rd_grow(a, b.bfd_ifaces, &b.cap_bfd,
						                            b.n_bfd, sizeof *b.bfd_ifaces);
						struct ecrc_run_iface *f = &b.bfd_ifaces[b.n_bfd++];
						memset(f, 0, sizeof *f);
						f->name = t[q + 1].t;
						f->has_bfd = true;
						f->bfd_line = t[q].line;
						/* BIRD's defaults: 10 ms, multiplier 5 */
						f->bfd_min_tx_ms = f->bfd_min_rx_ms = 10;
						f->bfd_multiplier = 5;
						size_t iend = skip_block(t, b.n, q + 2);
						for (size_t m = q + 3; m < iend - 1;) {
							uint32_t val;
							bool rx = tw(&t[m], "min") && tw(&t[m + 1], "rx");
							bool tx = tw(&t[m], "min") && tw(&t[m + 1], "tx");
							bool both = tw(&t[m], "interval");
							size_t vi = both ? m + 1 : m + 3;
							if ((rx || tx || both) && t[vi].t &&
							    ecrc_rd_u32(t[vi].t, 1, 999999, &val)) {
								bool s = tw(&t[vi + 1], "s");
								bool us = tw(&t[vi + 1], "us");
								val = s ? val * 1000 : us ? val / 1000 : val;
								if (rx || both)
									f->bfd_min_rx_ms = val;
								if (tx || both)
									f->bfd_min_tx_ms = val;
								f->bfd_line = t[m].line;
							} else if (tw(&t[m], "multiplier") && t[m + 1].t &&
							           ecrc_rd_u32(t[m + 1].t, 1, 255, &val)) {
								/* the line of an interval wins: timers drift
								 * there more often */
								f->bfd_multiplier = val;
								if (f->bfd_line == t[q].line)
									f->bfd_line = t[m].line;
							}
							m = skip_stmt(t, b.n, m);
						}
						q = iend;
						if (q < end && t[q].p == ';')
							q++;
					} else
						q = skip_stmt(t, b.n, q);
				}
				i = end;
			} else if (strcmp(type, "kernel") == 0) {
				size_t end = skip_block(t, b.n, k);
				for (size_t q = k + 1; q < end - 1; q++)
					if (tw(&t[q], "merge") && tw(&t[q + 1], "paths")) {
						r->maximum_paths =
						    16; /* "merge paths on": BIRD's default limit 16 */
						r->maximum_paths_line = t[q].line;
						if (tw(&t[q + 2], "on") && tw(&t[q + 3], "limit") &&
						    t[q + 4].t && ecrc_rd_u32(t[q + 4].t, 1, 1024, &v))
							r->maximum_paths = v;
						if (tw(&t[q + 2], "off") || tw(&t[q + 2], "no"))
							r->maximum_paths = 1;
					}
				i = end;
			} else
				i = skip_block(t, b.n, k);
		} else if (tw(x, "function")) {
			size_t k = i;
			while (k < b.n && t[k].p != '{')
				k++;
			i = skip_block(t, b.n, k);
		} else
			i = skip_stmt(t, b.n, i);
		if (i < b.n && t[i].p == ';')
			i++;
	}
	if (!r->n_recognized) {
		snprintf(err, errlen,
		         "line 1: no router id, protocol, template or filter: not a BIRD configuration");
		return -1;
	}

	/* BGP protocols (not templates) become neighbors, with what their
	 * templates give them (BIRD's "from", up to 8 levels) */
	for (size_t i = 0; i < b.n_protos; i++) {
		struct bproto *p = &b.protos[i];
		if (p->is_template || !p->has_neighbor)
			continue;
		struct bproto merged = *p;
		const struct bproto *g = proto_find(&b, p->from);
		for (int depth = 0; g && depth < 8; depth++, g = proto_find(&b, g->from)) {
			ecrc_running_inherit(&merged.nb, &g->nb);
			if (!merged.has_local_addr && g->has_local_addr) {
				merged.has_local_addr = true;
				merged.local_addr = g->local_addr;
				merged.local_line = g->local_line;
			}
			if (!merged.local_as_set && g->local_as_set) {
				merged.local_as_set = true;
				merged.local_as = g->local_as;
				merged.local_as_line = g->local_as_line;
			}
			if (!merged.ifname && g->ifname) {
				merged.ifname = g->ifname;
				merged.ifname_line = g->ifname_line;
			}
		}
		if (merged.local_as_set && !r->has_asn) {
			r->has_asn = true;
			r->asn = merged.local_as;
			r->asn_line = merged.local_as_line;
		}
		struct ecrc_run_neighbor *nb = ecrc_running_neighbor(r, merged.nb.address, merged.nb.line);
		*nb = merged.nb;
		if (merged.local_as_set && merged.local_as != r->asn) {
			nb->has_local_as = true;
			nb->local_as = merged.local_as;
			nb->local_as_line = merged.local_as_line;
		}
		nb->group = p->from;
		/* the interface: the protocol's device, else the local address */
		if (merged.has_local_addr) {
			const char *ifn = merged.ifname;
			char a4[16];
			struct ecrc_run_iface *f = ecrc_running_iface(
			    r,
			    ifn ? ifn
			        : ecrc_arena_printf(a, "local %s", ecrc_fmt_ipv4(merged.local_addr, a4)),
			    merged.local_line);
			f->has_address = true;
			f->address = (struct ecrc_ipnet){merged.local_addr, 32};
			f->address_len_unknown = true;
			f->address_line = merged.local_line;
			f->vlan_unknown = !ifn;
			const char *dot = ifn ? strrchr(ifn, '.') : NULL;
			uint32_t vl;
			if (dot && ecrc_rd_u32(dot + 1, 1, 4094, &vl)) {
				f->parent = ecrc_arena_strndup(a, ifn, (size_t)(dot - ifn));
				f->vlan = vl;
				f->vlan_line = merged.ifname_line;
			}
		}
		/* unknown statements of the protocol and its templates are the neighbor's */
		char a4[16];
		ecrc_fmt_ipv4(nb->address, a4);
		size_t n_unknown = r->n_unknown;
		for (size_t u = 0; u < n_unknown; u++) {
			if (r->unknown[u].owner != ECRC_RUN_NEIGHBOR || !r->unknown[u].name)
				continue;
			bool mine = strcmp(r->unknown[u].name, p->name) == 0;
			for (const struct bproto *g2 = proto_find(&b, p->from); g2 && !mine;
			     g2 = proto_find(&b, g2->from))
				mine = strcmp(r->unknown[u].name, g2->name) == 0;
			if (mine)
				ecrc_running_unknown(r, ECRC_RUN_NEIGHBOR, a4, r->unknown[u].line,
				                     r->unknown[u].text);
		}
	}
	/* the ecrc comment block, when present: port, VLAN, subnet and MTU */
	struct ecrc_vendor_link *links;
	size_t nl;
	char e2[64];
	if (ecrc_vendor_read_links(&ecrc_vendor_bird, text, len, a, &links, &nl, e2, sizeof e2) == 0)
		for (size_t i = 0; i < nl; i++) {
			if (!links[i].has_address)
				continue;
			for (size_t k = 0; k < r->n_ifaces; k++) {
				struct ecrc_run_iface *f = &r->ifaces[k];
				if (f->address.addr != links[i].address.addr)
					continue;
				f->name = links[i].name;
				f->parent = links[i].parent ? links[i].parent : links[i].name;
				f->vlan = links[i].vlan;
				f->vlan_line = links[i].line;
				f->vlan_unknown = false;
				f->address = links[i].address;
				f->address_len_unknown = false;
				f->mtu = links[i].mtu;
				f->mtu_line = links[i].line;
				f->description = links[i].alias;
			}
		}
	/* BFD timers: the bfd protocol's block for the neighbor's device */
	for (size_t k = 0; k < r->n_ifaces; k++)
		for (size_t m = 0; m < b.n_bfd; m++)
			if (strcmp(b.bfd_ifaces[m].name, r->ifaces[k].name) == 0) {
				r->ifaces[k].has_bfd = true;
				r->ifaces[k].bfd_min_tx_ms = b.bfd_ifaces[m].bfd_min_tx_ms;
				r->ifaces[k].bfd_min_rx_ms = b.bfd_ifaces[m].bfd_min_rx_ms;
				r->ifaces[k].bfd_multiplier = b.bfd_ifaces[m].bfd_multiplier;
				r->ifaces[k].bfd_line = b.bfd_ifaces[m].bfd_line;
			}
	/* a static protocol's routes reach BGP through the export filter */
	r->originates_statics = true;
	ecrc_running_finish(r);
	return 0;
}
