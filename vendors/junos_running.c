/*
 * junos_running.c: the running-config reader for Juniper Junos `show
 * configuration`, in either form: the curly-brace hierarchy and `| display
 * set`. The hierarchy is flattened into set statements first (each with the
 * line of its ';'), so both forms go through one statement reader.
 *
 * Reads: system host-name; interfaces IF [vlan-tagging, mtu] and units
 * (vlan-id, description, family inet address and mtu); routing-options
 * autonomous-system, router-id, static route P discard|reject|next-hop;
 * policy-options prefix-list entries; policy-statement terms (from
 * prefix-list, prefix-list-filter, route-filter with exact, orlonger, longer,
 * upto, prefix-length-range; from protocol; then accept, reject, metric,
 * origin, as-path-prepend); protocols bgp at the global, group and neighbor
 * level (type, peer-as, local-as, description, import, export,
 * authentication-key, hold-time, bfd-liveness-detection minimum-interval,
 * minimum-receive-interval, transmit-interval minimum-interval, multiplier,
 * family inet unicast prefix-limit / accepted-prefix-limit maximum,
 * multipath, shutdown), a neighbor inheriting from its group and the group
 * from the global level.
 *
 * Skips: "## Last commit" and other comments, version, everything under
 * system but host-name, chassis, services, snmp, security, firewall,
 * class-of-service, routing-instances, logical-systems, other protocols,
 * inactive: statements (and `deactivate` lines of the set form), and the
 * BGP statements that do not change what the design decides (log-updown,
 * local-address, advertise-inactive, ...). Sources: docs/check.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendors/reader.h"

/* One set statement: its words (quotes removed) and line. */
struct stmt {
	char **w;
	size_t n;
	uint32_t line;
	const char *text;
};

struct jreader {
	struct ecrc_running *r;
	struct ecrc_arena *a;
	struct stmt *s;
	size_t n, cap;
	const char **inactive; /* deactivate prefixes, as "w1 w2 ..." */
	size_t n_inactive, cap_inactive;
};

/* ---- tokens ----------------------------------------------------------------- */

struct tok {
	const char *t; /* NULL for the punctuation below */
	char p;        /* '{', '}', ';', '[', ']', or 0 for a word */
	uint32_t line;
	bool bol; /* first token of its line */
};

static size_t tokenize(const char *text, size_t len, struct ecrc_arena *a, struct tok **out)
{
	size_t cap = 0, n = 0;
	struct tok *v = NULL;
	uint32_t line = 1;
	bool bol = true;
	for (size_t i = 0; i < len;) {
		char c = text[i];
		if (c == '\n') {
			line++;
			bol = true;
			i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			i++;
			continue;
		}
		if (c == '#' || (c == '/' && i + 1 < len && text[i + 1] == '/')) {
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
		struct tok *t = &v[n++];
		memset(t, 0, sizeof *t);
		t->line = line;
		t->bol = bol;
		bol = false;
		if (c == '{' || c == '}' || c == ';' || c == '[' || c == ']') {
			t->p = c;
			i++;
			continue;
		}
		if (c == '"') {
			size_t s = ++i;
			while (i < len && text[i] != '"') {
				if (text[i] == '\\' && i + 1 < len)
					i++;
				if (text[i] == '\n')
					line++;
				i++;
			}
			t->t = ecrc_arena_strndup(a, text + s, i - s);
			if (i < len)
				i++;
			continue;
		}
		size_t s = i;
		while (i < len && !strchr(" \t\r\n{};[]\"", text[i]))
			i++;
		t->t = ecrc_arena_strndup(a, text + s, i - s);
	}
	*out = v;
	return n;
}

static void add_stmt(struct jreader *j, char **path, size_t depth, char **words, size_t nw, uint32_t line)
{
	j->s = ecrc_rd_grow(j->a, j->s, &j->cap, j->n, sizeof *j->s);
	struct stmt *s = &j->s[j->n++];
	s->n = depth + nw;
	s->w = ecrc_arena_alloc(j->a, (s->n ? s->n : 1) * sizeof *s->w);
	if (depth)
		memcpy(s->w, path, depth * sizeof *path);
	if (nw)
		memcpy(s->w + depth, words, nw * sizeof *words);
	s->line = line;
	struct ecrc_buf b = {0};
	for (size_t i = 0; i < s->n; i++)
		ecrc_buf_printf(&b, "%s%s", i ? " " : "", s->w[i]);
	s->text = ecrc_arena_strdup(j->a, b.p ? b.p : "");
	ecrc_buf_free(&b);
}

/* The curly-brace form into set statements. Returns -1 on unbalanced braces. */
static int flatten(struct jreader *j, const struct tok *t, size_t n, char *err, size_t errlen)
{
	char *path[64];
	size_t plen[64]; /* words per level */
	bool inactive[64];
	size_t depth = 0, level = 0;
	char *words[64];
	size_t nw = 0;
	bool skip_stmt = false;
	uint32_t first_line = 0;
	for (size_t i = 0; i < n; i++) {
		if (!t[i].p) {
			if (nw == 0) {
				first_line = t[i].line;
				skip_stmt = false;
			}
			if (nw == 0 &&
			    (strcmp(t[i].t, "inactive:") == 0 || strcmp(t[i].t, "protect:") == 0)) {
				skip_stmt = strcmp(t[i].t, "inactive:") == 0;
				continue;
			}
			if (nw < 64)
				words[nw++] = (char *)(uintptr_t)t[i].t;
			continue;
		}
		switch (t[i].p) {
		case '{':
			if (level >= 64 || depth + nw > 64) {
				snprintf(err, errlen, "line %u: nested too deep", t[i].line);
				return -1;
			}
			memcpy(path + depth, words, nw * sizeof *words);
			plen[level] = nw;
			inactive[level] = skip_stmt || (level && inactive[level - 1]);
			depth += nw;
			level++;
			nw = 0;
			break;
		case '}':
			if (!level) {
				snprintf(err, errlen, "line %u: '}' without '{'", t[i].line);
				return -1;
			}
			level--;
			depth -= plen[level];
			nw = 0;
			break;
		case '[': {
			/* "import [ A B ];": one statement per element */
			size_t k = i + 1;
			size_t base = nw;
			while (k < n && t[k].p != ']') {
				if (!t[k].p && base < 64) {
					words[base] = (char *)(uintptr_t)t[k].t;
					if (!skip_stmt && !(level && inactive[level - 1]))
						add_stmt(j, path, depth, words, base + 1, t[k].line);
				}
				k++;
			}
			i = k;
			/* the ';' after ']' ends it */
			while (i + 1 < n && t[i + 1].p == ';')
				i++;
			nw = 0;
			break;
		}
		case ';':
			if (nw && !skip_stmt && !(level && inactive[level - 1]))
				add_stmt(j, path, depth, words, nw, first_line);
			nw = 0;
			break;
		default:
			break;
		}
	}
	if (level) {
		snprintf(err, errlen, "line %u: the configuration ends inside a block (a '}' is missing)",
		         n ? t[n - 1].line : 1);
		return -1;
	}
	return 0;
}

/* The display-set form: one statement per "set ..." line. */
static void read_set_lines(struct jreader *j, const struct tok *t, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t e = i + 1;
		while (e < n && !t[e].bol)
			e++;
		if (!t[i].p && (strcmp(t[i].t, "set") == 0 || strcmp(t[i].t, "deactivate") == 0) &&
		    e - i >= 2) {
			char *words[64];
			size_t nw = 0;
			for (size_t k = i + 1; k < e && nw < 64; k++)
				if (!t[k].p)
					words[nw++] = (char *)(uintptr_t)t[k].t;
			if (strcmp(t[i].t, "set") == 0) {
				add_stmt(j, NULL, 0, words, nw, t[i].line);
			} else {
				struct ecrc_buf b = {0};
				for (size_t k = 0; k < nw; k++)
					ecrc_buf_printf(&b, "%s%s", k ? " " : "", words[k]);
				j->inactive = ecrc_rd_grow(j->a, j->inactive, &j->cap_inactive, j->n_inactive,
				                           sizeof *j->inactive);
				j->inactive[j->n_inactive++] = ecrc_arena_strdup(j->a, b.p ? b.p : "");
				ecrc_buf_free(&b);
			}
		}
		i = e;
	}
}

/* ---- statements ---------------------------------------------------------------- */

static bool is(const struct stmt *s, size_t i, const char *w)
{
	return i < s->n && strcmp(s->w[i], w) == 0;
}

struct jnode {
	const char *name; /* "" the global level, a group name, or a neighbor address */
	const char *group;
	struct ecrc_run_neighbor nb;
	bool multipath;
	uint32_t multipath_line;
};

struct jstate {
	struct jnode *nodes;
	size_t n, cap;
	/* per policy: which terms have a terminal action */
	struct ecrc_run_term **terms_seen;
	bool *terminal;
	size_t n_terms, cap_terms, cap_terminal;
	const char **term_names;
	size_t cap_names;
	const char **import_names;
	size_t n_import, cap_import;
};

static struct jnode *jnode_get(struct jreader *j, struct jstate *st, const char *name, uint32_t line)
{
	for (size_t i = 0; i < st->n; i++)
		if (strcmp(st->nodes[i].name, name) == 0)
			return &st->nodes[i];
	st->nodes = ecrc_rd_grow(j->a, st->nodes, &st->cap, st->n, sizeof *st->nodes);
	struct jnode *n = &st->nodes[st->n++];
	memset(n, 0, sizeof *n);
	n->name = name;
	n->nb.line = line;
	return n;
}

/* The term of policy p named name (terms numbered in order of appearance). */
static struct ecrc_run_term *jterm(struct jreader *j, struct jstate *st, struct ecrc_run_policy *p,
                                   const char *name, uint32_t line, bool **terminal)
{
	for (size_t i = 0; i < st->n_terms; i++)
		if (st->terms_seen[i] && strcmp(st->term_names[i], name) == 0 && st->terms_seen[i] >= p->t &&
		    st->terms_seen[i] < p->t + p->n) {
			*terminal = &st->terminal[i];
			return st->terms_seen[i];
		}
	/* the array of terms may move when it grows: rebase the pointers */
	struct ecrc_run_term *old = p->t;
	struct ecrc_run_term *t = ecrc_running_term(j->r, p, (uint32_t)p->n + 1, line);
	if (old != p->t)
		for (size_t i = 0; i < st->n_terms; i++)
			if (st->terms_seen[i] >= old && st->terms_seen[i] < old + p->n - 1)
				st->terms_seen[i] = p->t + (st->terms_seen[i] - old);
	size_t cap_seen = st->cap_terms, cap_names = st->cap_names;
	st->terms_seen =
	    ecrc_rd_grow(j->a, st->terms_seen, &st->cap_terms, st->n_terms, sizeof *st->terms_seen);
	st->term_names = ecrc_rd_grow(j->a, st->term_names, &cap_names, st->n_terms, sizeof *st->term_names);
	st->cap_names = cap_names;
	st->terminal = ecrc_rd_grow(j->a, st->terminal, &st->cap_terminal, st->n_terms, sizeof *st->terminal);
	(void)cap_seen;
	st->terms_seen[st->n_terms] = t;
	st->term_names[st->n_terms] = name;
	st->terminal[st->n_terms] = false;
	*terminal = &st->terminal[st->n_terms];
	st->n_terms++;
	return t;
}

/* "route-filter P exact|orlonger|longer|upto /N|prefix-length-range /A-/B" */
static bool range_of(const struct stmt *s, size_t i, struct ecrc_ipnet p, uint8_t *ge, uint8_t *le)
{
	uint32_t a, b;
	if (i >= s->n || is(s, i, "exact")) {
		*ge = *le = 0;
		return true;
	}
	if (is(s, i, "orlonger")) {
		*ge = p.len;
		*le = 32;
		return true;
	}
	if (is(s, i, "longer")) {
		*ge = (uint8_t)(p.len < 32 ? p.len + 1 : 32);
		*le = 32;
		return true;
	}
	if (is(s, i, "upto") && i + 1 < s->n && s->w[i + 1][0] == '/' &&
	    ecrc_rd_u32(s->w[i + 1] + 1, 0, 32, &a)) {
		*ge = p.len;
		*le = (uint8_t)a;
		return true;
	}
	if (is(s, i, "prefix-length-range") && i + 1 < s->n) {
		if (sscanf(s->w[i + 1], "/%u-/%u", &a, &b) == 2 && a <= 32 && b <= 32) {
			*ge = (uint8_t)a;
			*le = (uint8_t)b;
			return true;
		}
	}
	return false;
}

static void policy_stmt(struct jreader *j, struct jstate *st, const struct stmt *s)
{
	struct ecrc_running *r = j->r;
	/* policy-options policy-statement NAME [term T] (from|then) ... */
	if (s->n < 4)
		return;
	struct ecrc_run_policy *p = ecrc_running_policy(r, s->w[2], s->line);
	size_t i = 3;
	const char *tname = "";
	if (is(s, 3, "term") && s->n >= 6) {
		tname = s->w[4];
		i = 5;
	}
	bool *terminal;
	struct ecrc_run_term *t = jterm(j, st, p, tname, s->line, &terminal);
	struct ecrc_ipnet pfx;
	uint32_t v;
	if (is(s, i, "from")) {
		if (is(s, i + 1, "prefix-list") && s->n == i + 3) {
			t->match = s->w[i + 2];
			t->match_line = s->line;
		} else if (is(s, i + 1, "prefix-list-filter") && s->n >= i + 3) {
			/* the list's entries with a match type: copied as filters once
			 * every list is read (below); exact keeps the list */
			t->match = s->w[i + 2];
			t->match_line = s->line;
			if (s->n > i + 3 && !is(s, i + 3, "exact"))
				ecrc_running_unknown(r, ECRC_RUN_POLICY, p->name, s->line, s->text);
		} else if (is(s, i + 1, "route-filter") && s->n >= i + 3 &&
		           ecrc_parse_ipnet(s->w[i + 2], &pfx)) {
			uint8_t ge, le;
			if (range_of(s, i + 3, pfx, &ge, &le) &&
			    (s->n <= i + 4 + (is(s, i + 3, "upto") || is(s, i + 3, "prefix-length-range"))))
				ecrc_running_term_filter(r, t, pfx, ge, le, s->line);
			else
				ecrc_running_unknown(r, ECRC_RUN_POLICY, p->name, s->line, s->text);
		} else if (is(s, i + 1, "protocol") || is(s, i + 1, "family")) {
			/* the design's routes are statics toward BGP: ecrc reads "from
			 * protocol" as no narrowing */
		} else
			t->match_other = true;
	} else if (is(s, i, "then")) {
		if (is(s, i + 1, "accept") && s->n == i + 2) {
			t->deny = false;
			*terminal = true;
		} else if (is(s, i + 1, "reject") && s->n == i + 2) {
			t->deny = true;
			*terminal = true;
		} else if (is(s, i + 1, "metric") && s->n == i + 3 &&
		           ecrc_rd_u32(s->w[i + 2], 0, 4294967295u, &v)) {
			t->has_med = true;
			t->med = v;
			t->med_line = s->line;
		} else if (is(s, i + 1, "origin") && s->n == i + 3 &&
		           (is(s, i + 2, "igp") || is(s, i + 2, "incomplete"))) {
			t->has_origin = true;
			t->origin = is(s, i + 2, "igp") ? ECRC_IR_ORIGIN_IGP : ECRC_IR_ORIGIN_INCOMPLETE;
			t->origin_line = s->line;
		} else if (is(s, i + 1, "as-path-prepend") && s->n == i + 3) {
			/* one quoted word: "65011 65011" */
			char *copy = ecrc_arena_strdup(j->a, s->w[i + 2]);
			uint32_t *path = ecrc_arena_alloc(j->a, (strlen(copy) / 2 + 2) * sizeof *path);
			size_t np = 0;
			bool ok = true;
			char *save = NULL;
			for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
				ok &= ecrc_parse_asn(w, &path[np++]);
			if (ok && np) {
				t->prepend = path;
				t->n_prepend = np;
				t->prepend_line = s->line;
			} else
				ecrc_running_unknown(r, ECRC_RUN_POLICY, p->name, s->line, s->text);
		} else if (is(s, i + 1, "community") || is(s, i + 1, "local-preference") ||
		           is(s, i + 1, "load-balance") || is(s, i + 1, "tag")) {
			/* no effect on what the design decides toward the VBR */
		} else
			ecrc_running_unknown(r, ECRC_RUN_POLICY, p->name, s->line, s->text);
	} else
		ecrc_running_unknown(r, ECRC_RUN_POLICY, p->name, s->line, s->text);
}

static const char *const harmless_bgp[] = {"log-updown",
                                           "local-address",
                                           "advertise-inactive",
                                           "advertise-peer-as",
                                           "graceful-restart",
                                           "tcp-mss",
                                           "traceoptions",
                                           "keep",
                                           "remove-private",
                                           "passive",
                                           "cluster",
                                           "path-selection",
                                           "damping",
                                           "out-delay",
                                           "mtu-discovery",
                                           "precision-timers",
                                           "bfd-liveness-detection",
                                           "family",
                                           NULL};

static void bgp_stmt(struct jreader *j, struct jstate *st, const struct stmt *s)
{
	struct ecrc_running *r = j->r;
	/* protocols bgp [group G [neighbor A]] STATEMENT */
	size_t i = 2;
	const char *name = "";
	const char *group = NULL;
	if (is(s, 2, "group") && s->n >= 4) {
		group = s->w[3];
		name = group;
		i = 4;
		if (is(s, 4, "neighbor") && s->n >= 6) {
			name = s->w[5];
			i = 6;
		}
	}
	struct jnode *n = jnode_get(j, st, name, s->line);
	if (name != group && group)
		n->group = group;
	if (i >= s->n)
		return;
	struct ecrc_run_neighbor *nb = &n->nb;
	const char *kw = s->w[i];
	size_t rest = s->n - i - 1;
	uint32_t v;
	r->n_recognized++;
	if (strcmp(kw, "peer-as") == 0 && rest == 1 && ecrc_parse_asn(s->w[i + 1], &v)) {
		nb->has_remote_as = true;
		nb->remote_as = v;
		nb->remote_as_line = s->line;
	} else if (strcmp(kw, "local-as") == 0 && rest >= 1 && ecrc_parse_asn(s->w[i + 1], &v)) {
		nb->has_local_as = true;
		nb->local_as = v;
		nb->local_as_line = s->line;
	} else if (strcmp(kw, "description") == 0 && rest == 1) {
		nb->description = s->w[i + 1];
	} else if (strcmp(kw, "import") == 0 && rest == 1) {
		if (nb->import_policy)
			ecrc_running_unknown(r, ECRC_RUN_NEIGHBOR, name, s->line, s->text);
		else {
			nb->import_policy = s->w[i + 1];
			nb->import_line = s->line;
		}
	} else if (strcmp(kw, "export") == 0 && rest == 1) {
		if (nb->export_policy)
			ecrc_running_unknown(r, ECRC_RUN_NEIGHBOR, name, s->line, s->text);
		else {
			nb->export_policy = s->w[i + 1];
			nb->export_line = s->line;
		}
	} else if (strcmp(kw, "authentication-key") == 0 || strcmp(kw, "authentication-key-chain") == 0) {
		nb->md5 = true;
		nb->md5_line = s->line;
	} else if (strcmp(kw, "hold-time") == 0 && rest == 1 && ecrc_rd_u32(s->w[i + 1], 0, 65535, &v)) {
		/* Junos sends keepalives at a third of the hold time */
		nb->has_timers = true;
		nb->hold_s = v;
		nb->keepalive_s = v / 3;
		nb->timers_line = s->line;
	} else if (strcmp(kw, "bfd-liveness-detection") == 0 && rest >= 2 &&
	           ecrc_rd_u32(s->w[s->n - 1], 1, 255000, &v)) {
		if (!nb->has_bfd_timers) {
			nb->bfd_min_tx_ms = nb->bfd_min_rx_ms = 0;
			nb->bfd_multiplier = 3; /* Junos's default multiplier */
		}
		nb->bfd = nb->has_bfd_timers = true;
		if (!nb->bfd_line)
			nb->bfd_line = s->line;
		if (is(s, i + 1, "minimum-interval") && rest == 2) {
			nb->bfd_min_tx_ms = nb->bfd_min_rx_ms = v;
			nb->bfd_timers_line = s->line;
		} else if (is(s, i + 1, "minimum-receive-interval") && rest == 2) {
			nb->bfd_min_rx_ms = v;
			nb->bfd_rx_line = s->line;
		} else if (is(s, i + 1, "transmit-interval") && is(s, i + 2, "minimum-interval") &&
		           rest == 3) {
			nb->bfd_min_tx_ms = v;
			nb->bfd_tx_line = s->line;
		} else if (is(s, i + 1, "multiplier") && rest == 2) {
			nb->bfd_multiplier = v;
			nb->bfd_mult_line = s->line;
		} else if (!is(s, i + 1, "session-mode") && !is(s, i + 1, "version") &&
		           !is(s, i + 1, "holddown-interval"))
			ecrc_running_unknown(r, ECRC_RUN_NEIGHBOR, name, s->line, s->text);
		if (!nb->bfd_timers_line)
			nb->bfd_timers_line = s->line;
	} else if (strcmp(kw, "family") == 0 && rest >= 5 && is(s, i + 1, "inet") &&
	           is(s, i + 2, "unicast") &&
	           (is(s, i + 3, "prefix-limit") || is(s, i + 3, "accepted-prefix-limit"))) {
		if (is(s, i + 4, "maximum") && ecrc_rd_u32(s->w[i + 5], 1, 4294967295u, &v)) {
			nb->has_max_prefixes = true;
			nb->max_prefixes = v;
			nb->max_prefixes_line = s->line;
		}
		/* teardown [N] [idle-timeout]: not the limit */
	} else if (strcmp(kw, "multipath") == 0) {
		n->multipath = true;
		n->multipath_line = s->line;
	} else if (strcmp(kw, "shutdown") == 0) {
		nb->shutdown = true;
		nb->shutdown_line = s->line;
	} else if (strcmp(kw, "type") == 0 || strcmp(kw, "neighbor") == 0) {
		/* type external|internal: peer-as decides for the design */
	} else {
		bool ok = false;
		for (size_t k = 0; harmless_bgp[k]; k++)
			ok |= strcmp(harmless_bgp[k], kw) == 0;
		if (!ok || strcmp(kw, "family") == 0 || strcmp(kw, "bfd-liveness-detection") == 0) {
			if (!(strcmp(kw, "family") == 0 && !is(s, i + 3, "prefix-limit")))
				ecrc_running_unknown(r, ECRC_RUN_NEIGHBOR, name, s->line, s->text);
		}
	}
}

static bool deactivated(const struct jreader *j, const struct stmt *s)
{
	for (size_t k = 0; k < j->n_inactive; k++) {
		size_t l = strlen(j->inactive[k]);
		if (strncmp(s->text, j->inactive[k], l) == 0 && (s->text[l] == '\0' || s->text[l] == ' '))
			return true;
	}
	return false;
}

int ecrc_junos_read_running(const char *text, size_t len, struct ecrc_arena *a, struct ecrc_running *r,
                            char *err, size_t errlen)
{
	ecrc_running_init(r, &ecrc_vendor_juniper_junos, a);
	if (memchr(text, '\0', len)) {
		snprintf(err, errlen, "line 1: binary data, not a Junos configuration");
		return -1;
	}
	/* Junos's defaults: hold 90 (keepalive 30); BFD has no default interval */
	r->default_keepalive_s = 30;
	r->default_hold_s = 90;
	/* the export policy decides what leaves: a static it accepts is advertised */
	r->originates_statics = true;

	struct jreader j = {.r = r, .a = a};
	struct tok *t;
	size_t nt = tokenize(text, len, a, &t);
	bool set_form = false, braces = false;
	for (size_t i = 0; i < nt; i++) {
		if (t[i].bol && !t[i].p && (strcmp(t[i].t, "set") == 0 || strcmp(t[i].t, "deactivate") == 0))
			set_form = true;
		if (t[i].p == '{')
			braces = true;
	}
	if (set_form && !braces)
		read_set_lines(&j, t, nt);
	else if (flatten(&j, t, nt, err, errlen))
		return -1;

	struct jstate st = {0};
	struct jnode *global = jnode_get(&j, &st, "", 0);
	(void)global;
	for (size_t i = 0; i < j.n; i++) {
		const struct stmt *s = &j.s[i];
		if (!s->n || deactivated(&j, s))
			continue;
		uint32_t v;
		struct ecrc_ipnet p;
		if (is(s, 0, "system") && is(s, 1, "host-name") && s->n == 3) {
			r->hostname = s->w[2];
			r->n_recognized++;
		} else if (is(s, 0, "interfaces") && s->n >= 3) {
			r->n_recognized++;
			const char *ifn = s->w[1];
			if (is(s, 2, "unit") && s->n >= 5) {
				char *name = ecrc_arena_printf(a, "%s.%s", ifn, s->w[3]);
				struct ecrc_run_iface *f = ecrc_running_iface(r, name, s->line);
				f->parent = ifn;
				if (is(s, 4, "vlan-id") && s->n == 6 && ecrc_rd_u32(s->w[5], 0, 4094, &v)) {
					f->vlan = v;
					f->vlan_line = s->line;
				} else if (is(s, 4, "description") && s->n == 6) {
					f->description = s->w[5];
				} else if (is(s, 4, "family") && is(s, 5, "inet") && is(s, 6, "address") &&
				           s->n >= 8 && ecrc_parse_ipnet(s->w[7], &p)) {
					if (!f->has_address) {
						f->has_address = true;
						f->address = p;
						f->address_line = s->line;
					}
				} else if (is(s, 4, "family") && is(s, 5, "inet") && is(s, 6, "mtu") &&
				           s->n == 8 && ecrc_rd_u32(s->w[7], 64, 65535, &v)) {
					f->mtu = v;
					f->mtu_line = s->line;
				} else if (is(s, 4, "disable"))
					ecrc_running_unknown(r, ECRC_RUN_IFACE, name, s->line, s->text);
			} else if (is(s, 2, "mtu") && s->n == 4 && ecrc_rd_u32(s->w[3], 64, 65535, &v)) {
				/* the port's media MTU (with the 802.1Q header): the units
				 * without their own inet MTU get it less 18 bytes */
				for (size_t k = 0; k < r->n_ifaces; k++)
					(void)k;
				struct ecrc_run_iface *f = ecrc_running_iface(r, ifn, s->line);
				f->mtu = v;
				f->mtu_line = s->line;
			}
		} else if (is(s, 0, "routing-options")) {
			if (is(s, 1, "autonomous-system") && s->n >= 3 && ecrc_parse_asn(s->w[2], &r->asn)) {
				r->has_asn = true;
				r->asn_line = s->line;
				r->n_recognized++;
			} else if (is(s, 1, "router-id") && s->n == 3 &&
			           ecrc_parse_ipv4(s->w[2], &r->router_id)) {
				r->has_router_id = true;
			} else if (is(s, 1, "static") && is(s, 2, "route") && s->n >= 5 &&
			           ecrc_parse_ipnet(s->w[3], &p) &&
			           ecrc_ipnet_equal(p, ecrc_ipnet_network(p))) {
				uint32_t nh;
				r->n_recognized++;
				if (is(s, 4, "discard") || is(s, 4, "reject"))
					ecrc_running_static(r, p, false, 0, s->line);
				else if (is(s, 4, "next-hop") && s->n == 6 && ecrc_parse_ipv4(s->w[5], &nh))
					ecrc_running_static(r, p, true, nh, s->line);
			}
		} else if (is(s, 0, "policy-options") && is(s, 1, "prefix-list") && s->n == 4 &&
		           ecrc_parse_ipnet(s->w[3], &p)) {
			struct ecrc_run_plist *pl = ecrc_running_plist(r, s->w[2], s->line);
			ecrc_running_plist_add(r, pl, p, 0, 0, false, s->line);
			r->n_recognized++;
		} else if (is(s, 0, "policy-options") && is(s, 1, "policy-statement")) {
			policy_stmt(&j, &st, s);
			r->n_recognized++;
		} else if (is(s, 0, "protocols") && is(s, 1, "bgp")) {
			bgp_stmt(&j, &st, s);
		}
	}
	if (!r->n_recognized) {
		snprintf(err, errlen,
		         "line 1: no interfaces, routing-options, policy-options or protocols bgp statement: "
		         "not a "
		         "Junos configuration");
		return -1;
	}
	/* units without their own inet MTU: the port's media MTU less the
	 * Ethernet and 802.1Q headers (docs/vendors/juniper-junos.md) */
	for (size_t k = 0; k < r->n_ifaces; k++) {
		struct ecrc_run_iface *f = &r->ifaces[k];
		if (f->parent == f->name || f->mtu_line)
			continue;
		for (size_t m = 0; m < r->n_ifaces; m++)
			if (r->ifaces[m].parent == r->ifaces[m].name &&
			    strcmp(r->ifaces[m].name, f->parent) == 0 && r->ifaces[m].mtu_line) {
				f->mtu = r->ifaces[m].mtu > 18 ? r->ifaces[m].mtu - 18 : 0;
				f->mtu_line = r->ifaces[m].mtu_line;
			}
	}
	/* a term without accept or reject only sets attributes and goes on:
	 * ecrc does not follow that (reported when it is the uplink's) */
	for (size_t i = 0; i < st.n_terms; i++)
		if (!st.terminal[i] && st.terms_seen[i]) {
			struct ecrc_run_term *tm = st.terms_seen[i];
			if (tm->n_prepend || tm->has_med || tm->has_origin) {
				for (size_t pi = 0; pi < r->n_policies; pi++)
					if (tm >= r->policies[pi].t &&
					    tm < r->policies[pi].t + r->policies[pi].n)
						ecrc_running_unknown(
						    r, ECRC_RUN_POLICY, r->policies[pi].name, tm->line,
						    "a term that sets attributes without accept or reject");
			}
			tm->match_other = true;
		}
	/* neighbors: their own statements, then the group's, then the global level */
	struct jnode *glob = NULL;
	for (size_t i = 0; i < st.n; i++)
		if (!*st.nodes[i].name)
			glob = &st.nodes[i];
	for (size_t i = 0; i < st.n; i++) {
		const struct jnode *nd = &st.nodes[i];
		uint32_t addr;
		if (!*nd->name || !ecrc_parse_ipv4(nd->name, &addr))
			continue;
		struct ecrc_run_neighbor *nb = ecrc_running_neighbor(r, addr, nd->nb.line);
		*nb = nd->nb;
		nb->address = addr;
		nb->group = nd->group;
		const struct jnode *g = NULL;
		for (size_t k = 0; k < st.n && nd->group; k++)
			if (strcmp(st.nodes[k].name, nd->group) == 0)
				g = &st.nodes[k];
		if (g)
			ecrc_running_inherit(nb, &g->nb);
		if (glob)
			ecrc_running_inherit(nb, &glob->nb);
		if ((g && g->multipath) || nd->multipath || (glob && glob->multipath)) {
			/* multipath: every equal path (ecrc reads 16, Junos's ECMP width) */
			r->maximum_paths = 16;
			r->maximum_paths_line = g && g->multipath ? g->multipath_line : nd->multipath_line;
		}
		/* Junos accepts every BGP route no import policy rejects */
		const struct ecrc_run_policy *ip = ecrc_running_find_policy(r, nb->import_policy);
		if (ip)
			((struct ecrc_run_policy *)(uintptr_t)ip)->default_permit = true;
	}
	size_t n_unknown = r->n_unknown;
	for (size_t u = 0; u < n_unknown; u++) {
		if (r->unknown[u].owner != ECRC_RUN_NEIGHBOR)
			continue;
		for (size_t i = 0; i < r->n_neighbors; i++) {
			const struct ecrc_run_neighbor *nb = &r->neighbors[i];
			if (r->unknown[u].name &&
			    ((nb->group && strcmp(nb->group, r->unknown[u].name) == 0) ||
			     !*r->unknown[u].name)) {
				char a4[16];
				ecrc_running_unknown(r, ECRC_RUN_NEIGHBOR, ecrc_fmt_ipv4(nb->address, a4),
				                     r->unknown[u].line, r->unknown[u].text);
			}
		}
	}
	ecrc_running_finish(r);
	return 0;
}
