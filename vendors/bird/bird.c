/*
 * bird.c: the BIRD 2 backend: the IR as a bird.conf, and the reader of the
 * subset it emits.
 *
 * BIRD configures no interfaces, so the VLAN devices, their addresses,
 * MTUs and descriptions are iproute2 commands in a comment block
 * (iproute2.c). The rest is BIRD: router id, the device and kernel
 * protocols (ECMP into the kernel with "merge paths"), one static protocol
 * with the blackhole anchors (and the routes of static uplinks), one BFD
 * protocol with the intervals per interface, an import and an export filter
 * per neighbor ending in "reject", and one BGP protocol per neighbor.
 * Names are apostrophe-quoted symbols, so ids keep their '-' and '.'.
 * Syntax and sources: docs/vendors/bird.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vendors/reader.h"

#define STATIC_NAME "ECRC-STATIC"
#define BFD_NAME "ECRC-BFD"
#define PEER_PREFIX "ECRC-PEER-"

static void put_set(const struct ecrc_ir_prefix_list *l, struct ecrc_buf *out)
{
	char p[19];
	ecrc_buf_puts(out, "[ ");
	for (size_t i = 0; i < l->n_entries; i++) {
		const struct ecrc_ir_prefix_entry *e = &l->entries[i];
		ecrc_buf_printf(out, "%s%s", i ? ", " : "", ecrc_fmt_ipnet(e->prefix, p));
		if (e->ge || e->le)
			ecrc_buf_printf(out, "{%u,%u}", e->ge, e->le);
	}
	ecrc_buf_puts(out, " ]");
}

static void render_filters(const struct ecrc_ir_neighbor *nb, struct ecrc_buf *out)
{
	ecrc_buf_printf(out, "\nfilter '%s' {\n", nb->import_policy);
	if (nb->import_list.n_entries) {
		ecrc_buf_puts(out, "\tif net ~ ");
		put_set(&nb->import_list, out);
		if (nb->import_local_pref)
			ecrc_buf_printf(out, " then {\n\t\tbgp_local_pref = %u;\n\t\taccept;\n\t}\n",
			                nb->import_local_pref);
		else
			ecrc_buf_puts(out, " then accept;\n");
	}
	ecrc_buf_puts(out, "\treject;\n}\n");

	ecrc_buf_printf(out, "\nfilter '%s' {\n", nb->export_policy);
	for (size_t t = 0; t < nb->n_export_terms; t++) {
		const struct ecrc_ir_export_term *term = &nb->export_terms[t];
		ecrc_buf_puts(out, "\tif net ~ ");
		put_set(&term->match, out);
		ecrc_buf_puts(out, " then {\n");
		/* prepend() puts one ASN in front: the last of the list first */
		for (size_t i = term->n_prepend; i-- > 0;)
			ecrc_buf_printf(out, "\t\tbgp_path.prepend(%u);\n", term->prepend[i]);
		if (term->has_med)
			ecrc_buf_printf(out, "\t\tbgp_med = %u;\n", term->med);
		ecrc_buf_printf(out, "\t\tbgp_origin = %s;\n",
		                term->origin == ECRC_IR_ORIGIN_INCOMPLETE ? "ORIGIN_INCOMPLETE"
		                                                          : "ORIGIN_IGP");
		ecrc_buf_puts(out, "\t\taccept;\n\t}\n");
	}
	ecrc_buf_puts(out, "\treject;\n}\n");
}

static int bird_render(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	char a[16], p[19], name[96];

	ecrc_vendor_header(&ecrc_vendor_bird, cpe, out);
	ecrc_buf_printf(out, "router id %s;\nhostname \"%s\";\n", ecrc_fmt_ipv4(cpe->router_id, a),
	                cpe->hostname);
	ecrc_vendor_put_links(
	    &ecrc_vendor_bird, cpe,
	    "BIRD does not configure interfaces: create the sub-interfaces first (iproute2):", true, out);

	ecrc_buf_puts(out, "\nprotocol device {\n}\n");
	ecrc_buf_printf(
	    out, "\nprotocol kernel {\n\tipv4 {\n\t\texport all;\n\t};\n\tmerge paths on limit %u;\n}\n",
	    cpe->maximum_paths);

	if (cpe->n_statics) {
		ecrc_buf_puts(out, "\nprotocol static '" STATIC_NAME "' {\n\tipv4;\n");
		for (size_t i = 0; i < cpe->n_statics; i++) {
			const struct ecrc_ir_static *s = &cpe->statics[i];
			/* routes to one prefix over several uplinks are one multipath route */
			if (i > 0 && s->has_next_hop && cpe->statics[i - 1].has_next_hop &&
			    ecrc_ipnet_equal(cpe->statics[i - 1].prefix, s->prefix))
				continue;
			ecrc_buf_printf(out, "\troute %s", ecrc_fmt_ipnet(s->prefix, p));
			if (!s->has_next_hop) {
				ecrc_buf_puts(out, " blackhole;\n");
				continue;
			}
			for (size_t j = i; j < cpe->n_statics && cpe->statics[j].has_next_hop &&
			                   ecrc_ipnet_equal(cpe->statics[j].prefix, s->prefix);
			     j++)
				ecrc_buf_printf(out, " via %s", ecrc_fmt_ipv4(cpe->statics[j].next_hop, a));
			ecrc_buf_puts(out, ";\n");
		}
		ecrc_buf_puts(out, "}\n");
	}

	bool any_bfd = false;
	for (size_t i = 0; i < cpe->n_neighbors; i++) {
		const struct ecrc_ir_neighbor *nb = &cpe->neighbors[i];
		if (!nb->bfd)
			continue;
		if (!any_bfd)
			ecrc_buf_puts(out, "\nprotocol bfd '" BFD_NAME "' {\n");
		any_bfd = true;
		ecrc_buf_printf(
		    out,
		    "\tinterface \"%s\" {\n\t\tmin rx interval %u ms;\n\t\tmin tx interval %u ms;\n"
		    "\t\tmultiplier %u;\n\t};\n",
		    ecrc_vendor_linux_ifname(&cpe->ifaces[nb->iface], name, sizeof name), nb->bfd_min_rx_ms,
		    nb->bfd_min_tx_ms, nb->bfd_multiplier);
	}
	if (any_bfd)
		ecrc_buf_puts(out, "}\n");

	for (size_t i = 0; i < cpe->n_neighbors; i++) {
		const struct ecrc_ir_neighbor *nb = &cpe->neighbors[i];
		render_filters(nb, out);
		ecrc_fmt_ipv4(nb->address, a);
		ecrc_buf_printf(out, "\nprotocol bgp '" PEER_PREFIX "%s' {\n", a);
		if (nb->description)
			ecrc_buf_printf(out, "\tdescription \"%s\";\n", nb->description);
		ecrc_buf_printf(out, "\tlocal %s as %u;\n",
		                ecrc_fmt_ipv4(cpe->ifaces[nb->iface].address.addr, p), cpe->asn);
		ecrc_buf_printf(out, "\tneighbor %s as %u;\n", a, nb->remote_as);
		/* BIRD's own default hold time is 240 s: the timers are always
		 * written (no keepalive with hold time 0: BIRD sends none) */
		ecrc_buf_printf(out, "\thold time %u;\n", nb->hold_s);
		if (nb->hold_s)
			ecrc_buf_printf(out, "\tkeepalive time %u;\n", nb->keepalive_s);
		if (nb->md5_key && nb->md5_redacted)
			ecrc_buf_printf(out, "\tpassword %s;\n", nb->md5_key); /* unquoted: BIRD refuses it */
		else if (nb->md5_key)
			ecrc_buf_printf(out, "\tpassword \"%s\";\n", nb->md5_key);
		if (nb->bfd)
			ecrc_buf_puts(out, "\tbfd on;\n");
		ecrc_buf_printf(out,
		                "\tipv4 {\n\t\timport filter '%s';\n\t\texport filter '%s';\n"
		                "\t\timport limit %u action restart;\n\t};\n}\n",
		                nb->import_policy, nb->export_policy, nb->max_prefixes);
	}
	return 0;
}

/* ---- the reader: a tokenizer and a parser for the emitted subset ----------- */

enum tok_kind { T_END, T_WORD, T_STRING, T_SYMBOL, T_PUNCT, T_RAW };

struct tok {
	enum tok_kind kind;
	const char *s; /* arena copy: the word, the string or symbol without quotes, the punctuation */
	uint32_t line;
};

struct lexer {
	const char *p, *end;
	uint32_t line;
	struct ecrc_arena *a;
	struct tok peeked;
	bool has_peeked;
	char *err;
	size_t errlen;
};

static int fail(struct lexer *lx, uint32_t line, const char *fmt, ...) ECRC_PRINTF(3, 4);

static int fail(struct lexer *lx, uint32_t line, const char *fmt, ...)
{
	int n = snprintf(lx->err, lx->errlen, "line %u: ", line);
	if (n >= 0 && (size_t)n < lx->errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(lx->err + n, lx->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '.' || c == '/' || c == ':';
}

/* The next token. Prefix patterns ("10.0.0.0/8{8,16}") are one word. */
static struct tok lex(struct lexer *lx)
{
	if (lx->has_peeked) {
		lx->has_peeked = false;
		return lx->peeked;
	}
	for (;;) {
		while (lx->p < lx->end &&
		       (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\r' || *lx->p == '\n')) {
			if (*lx->p == '\n')
				lx->line++;
			lx->p++;
		}
		if (lx->p < lx->end && *lx->p == '#') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
			continue;
		}
		break;
	}
	struct tok t = {.kind = T_END, .line = lx->line};
	if (lx->p >= lx->end)
		return t;
	const char *s = lx->p;
	char c = *s;
	if (c == '"' || c == '\'') {
		const char *e = s + 1;
		while (e < lx->end && *e != c && *e != '\n')
			e++;
		if (e >= lx->end || *e != c) {
			t.kind = T_PUNCT; /* an unterminated quote: the parser reports it */
			t.s = "\"";
			lx->p = e;
			return t;
		}
		t.kind = c == '"' ? T_STRING : T_SYMBOL;
		t.s = ecrc_arena_strndup(lx->a, s + 1, (size_t)(e - s - 1));
		lx->p = e + 1;
		return t;
	}
	if (c == '<') { /* the --redact-secrets placeholder */
		const char *e = s;
		while (e < lx->end && *e != '>' && *e != '\n')
			e++;
		if (e < lx->end && *e == '>')
			e++;
		t.kind = T_RAW;
		t.s = ecrc_arena_strndup(lx->a, s, (size_t)(e - s));
		lx->p = e;
		return t;
	}
	if (word_char(c)) {
		const char *e = s;
		while (e < lx->end && word_char(*e))
			e++;
		if (e < lx->end && *e == '{' && memchr(s, '/', (size_t)(e - s))) { /* a pattern's {ge,le} */
			while (e < lx->end && *e != '}' && *e != '\n')
				e++;
			if (e < lx->end && *e == '}')
				e++;
		}
		t.kind = T_WORD;
		t.s = ecrc_arena_strndup(lx->a, s, (size_t)(e - s));
		lx->p = e;
		return t;
	}
	t.kind = T_PUNCT;
	t.s = ecrc_arena_strndup(lx->a, s, 1);
	lx->p = s + 1;
	return t;
}

static struct tok peek(struct lexer *lx)
{
	if (!lx->has_peeked) {
		lx->peeked = lex(lx);
		lx->has_peeked = true;
	}
	return lx->peeked;
}

static bool is(struct tok t, enum tok_kind k, const char *s)
{
	return t.kind == k && (!s || strcmp(t.s, s) == 0);
}

static const char *tok_text(struct tok t)
{
	return t.kind == T_END ? "end of file" : t.s;
}

/* Expects the words/punctuation of a space-separated sequence ("min rx interval"). */
static int expect(struct lexer *lx, const char *seq)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s", seq);
	for (char *save = NULL, *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		struct tok t = lex(lx);
		bool punct = !word_char(w[0]);
		if (!is(t, punct ? T_PUNCT : T_WORD, w))
			return fail(lx, t.line, "expected \"%s\", found \"%s\"", w, tok_text(t));
	}
	return 0;
}

static int expect_u32(struct lexer *lx, uint32_t min, uint32_t max, uint32_t *out)
{
	struct tok t = lex(lx);
	if (t.kind != T_WORD || !ecrc_parse_u32(t.s, min, max, out))
		return fail(lx, t.line, "expected a number %u..%u, found \"%s\"", min, max, tok_text(t));
	return 0;
}

static int expect_ipv4(struct lexer *lx, uint32_t *out)
{
	struct tok t = lex(lx);
	if (t.kind != T_WORD || !ecrc_parse_ipv4(t.s, out))
		return fail(lx, t.line, "expected an IPv4 address, found \"%s\"", tok_text(t));
	return 0;
}

static int expect_asn(struct lexer *lx, uint32_t *out)
{
	struct tok t = lex(lx);
	if (t.kind != T_WORD || !ecrc_parse_asn(t.s, out))
		return fail(lx, t.line, "expected an AS number, found \"%s\"", tok_text(t));
	return 0;
}

static int expect_name(struct lexer *lx, const char **out)
{
	struct tok t = lex(lx);
	if (t.kind != T_SYMBOL && t.kind != T_WORD)
		return fail(lx, t.line, "expected a name, found \"%s\"", tok_text(t));
	*out = t.s;
	return 0;
}

static bool parse_pattern(const char *s, struct ecrc_ir_prefix_entry *e)
{
	const char *brace = strchr(s, '{');
	char buf[32];
	size_t n = brace ? (size_t)(brace - s) : strlen(s);
	if (n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!ecrc_parse_ipnet(buf, &e->prefix) || !ecrc_ipnet_equal(e->prefix, ecrc_ipnet_network(e->prefix)))
		return false;
	e->ge = e->le = 0;
	if (!brace)
		return true;
	unsigned ge, le;
	char tail;
	if (sscanf(brace, "{%u,%u%c", &ge, &le, &tail) != 3 || tail != '}' ||
	    brace[strlen(brace) - 1] != '}' || ge < e->prefix.len || ge > le || le > 32 ||
	    (ge == e->prefix.len && le == e->prefix.len))
		return false;
	e->ge = (uint8_t)ge;
	e->le = (uint8_t)le;
	return true;
}

/* "[ P, P{a,b}, ... ]" */
static int parse_set(struct lexer *lx, struct ecrc_ir_prefix_list *l)
{
	if (expect(lx, "["))
		return -1;
	size_t cap = 0;
	for (;;) {
		struct tok t = lex(lx);
		struct ecrc_ir_prefix_entry e;
		if (t.kind != T_WORD || !parse_pattern(t.s, &e))
			return fail(lx, t.line, "expected a prefix pattern, found \"%s\"", tok_text(t));
		l->entries = ecrc_rd_grow(lx->a, l->entries, &cap, l->n_entries, sizeof *l->entries);
		l->entries[l->n_entries++] = e;
		t = lex(lx);
		if (is(t, T_PUNCT, "]"))
			return 0;
		if (!is(t, T_PUNCT, ","))
			return fail(lx, t.line, "expected \",\" or \"]\", found \"%s\"", tok_text(t));
	}
}

struct filter {
	const char *name;
	uint32_t line;
	bool used;
	struct ecrc_ir_export_term *terms;
	size_t n_terms, cap_terms;
	bool import_shape;   /* only "if net ~ [...] then accept;" terms (or setting only bgp_local_pref) */
	bool has_local_pref; /* a term sets bgp_local_pref (the standby's de-preference) */
	uint32_t local_pref;
	uint32_t local_pref_line;
};

/* filter NAME { (if net ~ SET then accept; | if net ~ SET then { ... accept; })* reject; } */
static int parse_filter(struct lexer *lx, struct filter *f)
{
	if (expect_name(lx, &f->name) || expect(lx, "{"))
		return -1;
	f->import_shape = true;
	for (;;) {
		struct tok t = lex(lx);
		if (is(t, T_WORD, "reject"))
			return expect(lx, "; }");
		if (!is(t, T_WORD, "if"))
			return fail(lx, t.line, "expected \"if\" or \"reject\", found \"%s\"", tok_text(t));
		f->terms = ecrc_rd_grow(lx->a, f->terms, &f->cap_terms, f->n_terms, sizeof *f->terms);
		struct ecrc_ir_export_term *term = &f->terms[f->n_terms++];
		memset(term, 0, sizeof *term);
		if (expect(lx, "net ~") || parse_set(lx, &term->match) || expect(lx, "then"))
			return -1;
		t = lex(lx);
		if (is(t, T_WORD, "accept")) {
			if (expect(lx, ";"))
				return -1;
			continue;
		}
		if (!is(t, T_PUNCT, "{"))
			return fail(lx, t.line, "expected \"accept\" or \"{\", found \"%s\"", tok_text(t));
		bool has_origin = false;
		size_t cap = 0;
		for (;;) {
			t = lex(lx);
			if (is(t, T_WORD, "accept")) {
				if (expect(lx, "; }"))
					return -1;
				break;
			}
			if (is(t, T_WORD, "bgp_local_pref")) {
				if (f->has_local_pref || expect(lx, "=") ||
				    expect_u32(lx, 0, 4294967295u, &f->local_pref) || expect(lx, ";"))
					return f->has_local_pref
					           ? fail(lx, t.line, "bgp_local_pref set twice")
					           : -1;
				f->has_local_pref = true;
				f->local_pref_line = t.line;
				continue;
			}
			f->import_shape = false;
			if (is(t, T_WORD, "bgp_path.prepend")) {
				uint32_t asn;
				if (expect(lx, "(") || expect_asn(lx, &asn) || expect(lx, ") ;"))
					return -1;
				/* prepend() puts the ASN in front: read in reverse */
				term->prepend =
				    ecrc_rd_grow(lx->a, term->prepend, &cap, term->n_prepend, sizeof asn);
				memmove(term->prepend + 1, term->prepend, term->n_prepend * sizeof asn);
				term->prepend[0] = asn;
				term->n_prepend++;
			} else if (is(t, T_WORD, "bgp_med")) {
				if (term->has_med || expect(lx, "=") ||
				    expect_u32(lx, 0, 4294967295u, &term->med) || expect(lx, ";"))
					return term->has_med ? fail(lx, t.line, "bgp_med set twice") : -1;
				term->has_med = true;
			} else if (is(t, T_WORD, "bgp_origin")) {
				if (has_origin || expect(lx, "="))
					return has_origin ? fail(lx, t.line, "bgp_origin set twice") : -1;
				struct tok o = lex(lx);
				if (is(o, T_WORD, "ORIGIN_IGP"))
					term->origin = ECRC_IR_ORIGIN_IGP;
				else if (is(o, T_WORD, "ORIGIN_INCOMPLETE"))
					term->origin = ECRC_IR_ORIGIN_INCOMPLETE;
				else
					return fail(lx, o.line, "expected ORIGIN_IGP or ORIGIN_INCOMPLETE");
				has_origin = true;
				if (expect(lx, ";"))
					return -1;
			} else {
				return fail(lx, t.line, "unsupported filter statement \"%s\"", tok_text(t));
			}
		}
	}
}

struct bfd_iface {
	const char *name;
	uint32_t tx, rx, mult;
	bool used;
};

struct peer {
	struct ecrc_ir_neighbor ir;
	uint32_t line, local;
	uint32_t local_as;
	bool has_local, has_neighbor, bfd_on, has_hold, has_keepalive;
	const char *import_name, *export_name;
	bool has_limit;
};

struct bird_reader {
	struct lexer lx;
	struct ecrc_ir_cpe *cpe;
	bool has_router_id;
	struct ecrc_ir_static *statics;
	size_t cap_statics;
	struct bfd_iface *bfds;
	size_t n_bfds, cap_bfds;
	struct filter *filters;
	size_t n_filters, cap_filters;
	struct peer *peers;
	size_t n_peers, cap_peers;
	bool has_kernel;
};

static int parse_kernel(struct bird_reader *r)
{
	struct lexer *lx = &r->lx;
	if (expect(lx, "{ ipv4 { export all ; } ; merge paths on limit") ||
	    expect_u32(lx, 1, 256, &r->cpe->maximum_paths) || expect(lx, "; }"))
		return -1;
	r->has_kernel = true;
	return 0;
}

static int parse_static(struct bird_reader *r)
{
	struct lexer *lx = &r->lx;
	const char *name;
	if (expect_name(lx, &name) || expect(lx, "{ ipv4 ;"))
		return -1;
	for (;;) {
		struct tok t = lex(lx);
		if (is(t, T_PUNCT, "}"))
			return 0;
		if (!is(t, T_WORD, "route"))
			return fail(lx, t.line, "expected \"route\", found \"%s\"", tok_text(t));
		t = lex(lx);
		struct ecrc_ipnet p;
		if (t.kind != T_WORD || !ecrc_parse_ipnet(t.s, &p) ||
		    !ecrc_ipnet_equal(p, ecrc_ipnet_network(p)))
			return fail(lx, t.line, "expected a prefix, found \"%s\"", tok_text(t));
		struct ecrc_ir_cpe *cpe = r->cpe;
		if (is(peek(lx), T_WORD, "blackhole")) {
			lex(lx);
			cpe->statics = ecrc_rd_grow(lx->a, cpe->statics, &r->cap_statics, cpe->n_statics,
			                            sizeof *cpe->statics);
			cpe->statics[cpe->n_statics++] = (struct ecrc_ir_static){.prefix = p};
		} else {
			size_t n = 0;
			while (is(peek(lx), T_WORD, "via")) {
				lex(lx);
				uint32_t nh;
				if (expect_ipv4(lx, &nh))
					return -1;
				cpe->statics = ecrc_rd_grow(lx->a, cpe->statics, &r->cap_statics,
				                            cpe->n_statics, sizeof *cpe->statics);
				cpe->statics[cpe->n_statics++] = (struct ecrc_ir_static){
				    .prefix = p, .has_next_hop = true, .next_hop = nh};
				n++;
			}
			if (!n)
				return fail(lx, t.line, "route %s: expected \"blackhole\" or \"via\"", t.s);
		}
		if (expect(lx, ";"))
			return -1;
	}
}

static int parse_bfd(struct bird_reader *r)
{
	struct lexer *lx = &r->lx;
	const char *name;
	if (expect_name(lx, &name) || expect(lx, "{"))
		return -1;
	for (;;) {
		struct tok t = lex(lx);
		if (is(t, T_PUNCT, "}"))
			return 0;
		struct tok n = lex(lx);
		if (!is(t, T_WORD, "interface") || n.kind != T_STRING)
			return fail(lx, t.line, "expected interface \"NAME\", found \"%s\"", tok_text(t));
		r->bfds = ecrc_rd_grow(lx->a, r->bfds, &r->cap_bfds, r->n_bfds, sizeof *r->bfds);
		struct bfd_iface *b = &r->bfds[r->n_bfds++];
		*b = (struct bfd_iface){.name = n.s};
		if (expect(lx, "{ min rx interval") || expect_u32(lx, 1, 4294967u, &b->rx) ||
		    expect(lx, "ms ; min tx interval") || expect_u32(lx, 1, 4294967u, &b->tx) ||
		    expect(lx, "ms ; multiplier") || expect_u32(lx, 1, 255, &b->mult) || expect(lx, "; } ;"))
			return -1;
	}
}

static int parse_bgp(struct bird_reader *r, uint32_t line)
{
	struct lexer *lx = &r->lx;
	const char *name;
	if (expect_name(lx, &name) || expect(lx, "{"))
		return -1;
	r->peers = ecrc_rd_grow(lx->a, r->peers, &r->cap_peers, r->n_peers, sizeof *r->peers);
	struct peer *p = &r->peers[r->n_peers++];
	memset(p, 0, sizeof *p);
	p->line = line;
	for (;;) {
		struct tok t = lex(lx);
		if (is(t, T_PUNCT, "}"))
			break;
		if (is(t, T_WORD, "description")) {
			struct tok s = lex(lx);
			if (s.kind != T_STRING)
				return fail(lx, s.line, "expected a quoted description");
			p->ir.description = s.s;
			if (expect(lx, ";"))
				return -1;
		} else if (is(t, T_WORD, "local")) {
			if (expect_ipv4(lx, &p->local) || expect(lx, "as") || expect_asn(lx, &p->local_as) ||
			    expect(lx, ";"))
				return -1;
			p->has_local = true;
		} else if (is(t, T_WORD, "neighbor")) {
			if (expect_ipv4(lx, &p->ir.address) || expect(lx, "as") ||
			    expect_asn(lx, &p->ir.remote_as) || expect(lx, ";"))
				return -1;
			p->has_neighbor = true;
		} else if (is(t, T_WORD, "hold")) {
			if (expect(lx, "time") || expect_u32(lx, 0, 65535, &p->ir.hold_s) || expect(lx, ";"))
				return -1;
			p->has_hold = true;
		} else if (is(t, T_WORD, "keepalive")) {
			if (expect(lx, "time") || expect_u32(lx, 1, 65535, &p->ir.keepalive_s) ||
			    expect(lx, ";"))
				return -1;
			p->has_keepalive = true;
		} else if (is(t, T_WORD, "password")) {
			struct tok s = lex(lx);
			if (s.kind == T_RAW && ecrc_vendor_key_redacted(s.s))
				p->ir.md5_redacted = true;
			else if (s.kind != T_STRING)
				return fail(lx, s.line, "expected a quoted password");
			p->ir.md5_key = s.s;
			if (expect(lx, ";"))
				return -1;
		} else if (is(t, T_WORD, "bfd")) {
			if (expect(lx, "on ;"))
				return -1;
			p->bfd_on = true;
		} else if (is(t, T_WORD, "ipv4")) {
			if (expect(lx, "{ import filter") || expect_name(lx, &p->import_name) ||
			    expect(lx, "; export filter") || expect_name(lx, &p->export_name) ||
			    expect(lx, "; import limit") ||
			    expect_u32(lx, 1, 4294967295u, &p->ir.max_prefixes) ||
			    expect(lx, "action restart ; } ;"))
				return -1;
			/* BIRD restarts the protocol as soon as the limit took it down */
			p->ir.max_prefix_recovers = true;
			p->has_limit = true;
		} else {
			return fail(lx, t.line, "unsupported bgp option \"%s\"", tok_text(t));
		}
	}
	if (!p->has_local || !p->has_neighbor || !p->has_limit)
		return fail(lx, line,
		            "protocol bgp %s needs local, neighbor and an ipv4 channel with its filters",
		            name);
	if (!p->has_hold || p->has_keepalive != (p->ir.hold_s != 0))
		return fail(lx, line,
		            "protocol bgp %s: ecrc writes hold time, and keepalive time unless hold is 0",
		            name);
	return 0;
}

static struct filter *filter_find(struct bird_reader *r, const char *name)
{
	for (size_t i = 0; i < r->n_filters; i++)
		if (strcmp(r->filters[i].name, name) == 0)
			return &r->filters[i];
	return NULL;
}

/* The IR from what was parsed: interfaces from the iproute2 block, each
 * peer's interface by subnet, its BFD by interface name, its filters. */
static int resolve(struct bird_reader *r, const struct ecrc_vendor_link *links, size_t n_links)
{
	struct lexer *lx = &r->lx;
	struct ecrc_ir_cpe *cpe = r->cpe;
	cpe->n_ifaces = n_links;
	cpe->ifaces = ecrc_arena_alloc(lx->a, n_links * sizeof *cpe->ifaces);
	for (size_t i = 0; i < n_links; i++) {
		const struct ecrc_vendor_link *k = &links[i];
		if (!k->has_address)
			return fail(lx, k->line, "sub-interface %s has no \"ip address add\" line", k->name);
		cpe->ifaces[i] = (struct ecrc_ir_iface){.parent = k->parent,
		                                        .vlan = k->vlan,
		                                        .address = k->address,
		                                        .mtu = k->mtu,
		                                        .description = k->alias};
	}
	if (r->n_peers && !r->has_kernel)
		return fail(lx, 1, "no kernel protocol with \"merge paths\"");
	cpe->n_neighbors = r->n_peers;
	cpe->neighbors = ecrc_arena_alloc(lx->a, r->n_peers * sizeof *cpe->neighbors);
	for (size_t i = 0; i < r->n_peers; i++) {
		struct peer *p = &r->peers[i];
		struct ecrc_ir_neighbor *nb = &p->ir;
		char a[16];
		ecrc_fmt_ipv4(nb->address, a);
		if (i == 0)
			cpe->asn = p->local_as;
		else if (p->local_as != cpe->asn)
			return fail(lx, p->line, "peer %s: local AS %u differs from the first peer's %u", a,
			            p->local_as, cpe->asn);
		size_t k;
		for (k = 0; k < cpe->n_ifaces; k++)
			if (cpe->ifaces[k].address.addr == p->local &&
			    ecrc_ipnet_contains(ecrc_ipnet_network(cpe->ifaces[k].address),
			                        (struct ecrc_ipnet){.addr = nb->address, .len = 32}))
				break;
		if (k == cpe->n_ifaces)
			return fail(lx, p->line, "peer %s: no sub-interface has local address and subnet", a);
		nb->iface = k;
		nb->timers_default = nb->keepalive_s == 30 && nb->hold_s == 90;
		char ifname[96];
		ecrc_vendor_linux_ifname(&cpe->ifaces[k], ifname, sizeof ifname);
		for (size_t b = 0; b < r->n_bfds; b++) {
			if (strcmp(r->bfds[b].name, ifname) != 0)
				continue;
			if (!p->bfd_on)
				return fail(lx, p->line, "peer %s: BFD intervals for %s but no \"bfd on\"", a,
				            ifname);
			nb->bfd = true;
			nb->bfd_min_tx_ms = r->bfds[b].tx;
			nb->bfd_min_rx_ms = r->bfds[b].rx;
			nb->bfd_multiplier = r->bfds[b].mult;
			r->bfds[b].used = true;
		}
		if (p->bfd_on && !nb->bfd)
			return fail(lx, p->line, "peer %s: \"bfd on\" but no BFD interface %s", a, ifname);

		struct filter *in = filter_find(r, p->import_name), *out = filter_find(r, p->export_name);
		if (!in || !out)
			return fail(lx, p->line, "peer %s: filter %s is not defined", a,
			            in ? p->export_name : p->import_name);
		if (!in->import_shape || in->n_terms > 1)
			return fail(lx, in->line,
			            "import filter %s: ecrc accepts one prefix set and sets nothing",
			            in->name);
		nb->import_policy = in->name;
		nb->import_local_pref = in->has_local_pref ? in->local_pref : 0;
		if (out->has_local_pref)
			return fail(lx, out->local_pref_line,
			            "export filter %s sets bgp_local_pref; ecrc sets it inbound only",
			            out->name);
		nb->import_list.name = in->name;
		if (in->n_terms)
			nb->import_list =
			    (struct ecrc_ir_prefix_list){.name = in->name,
			                                 .entries = in->terms[0].match.entries,
			                                 .n_entries = in->terms[0].match.n_entries};
		if (out->n_terms && out->import_shape)
			return fail(lx, out->line, "export filter %s must set bgp_origin in each term",
			            out->name);
		nb->export_policy = out->name;
		nb->n_export_terms = out->n_terms;
		nb->export_terms = out->terms;
		for (size_t t = 0; t < out->n_terms; t++)
			out->terms[t].match.name = ecrc_arena_printf(lx->a, "%s-%zu", out->name, t + 1);
		cpe->neighbors[i] = *nb;
	}
	for (size_t b = 0; b < r->n_bfds; b++)
		if (!r->bfds[b].used)
			return fail(lx, 1, "BFD interface %s has no BGP peer", r->bfds[b].name);
	return 0;
}

static int bird_read(const char *text, size_t len, struct ecrc_arena *arena, struct ecrc_ir_cpe **out,
                     char *err, size_t errlen)
{
	struct bird_reader r = {
	    .lx = {.p = text, .end = text + len, .line = 1, .a = arena, .err = err, .errlen = errlen}};
	struct lexer *lx = &r.lx;
	struct ecrc_vendor_link *links;
	size_t n_links;
	*out = NULL;
	r.cpe = ecrc_arena_alloc(arena, sizeof *r.cpe);
	if (ecrc_vendor_read_header(&ecrc_vendor_bird, text, len, arena, r.cpe, err, errlen) ||
	    ecrc_vendor_read_links(&ecrc_vendor_bird, text, len, arena, &links, &n_links, err, errlen))
		return -1;

	for (;;) {
		struct tok t = lex(lx);
		if (t.kind == T_END)
			break;
		if (is(t, T_WORD, "router")) {
			if (expect(lx, "id") || expect_ipv4(lx, &r.cpe->router_id) || expect(lx, ";"))
				return -1;
			r.has_router_id = true;
		} else if (is(t, T_WORD, "hostname")) {
			struct tok s = lex(lx);
			if (s.kind != T_STRING)
				return fail(lx, s.line, "expected a quoted hostname");
			r.cpe->hostname = s.s;
			if (expect(lx, ";"))
				return -1;
		} else if (is(t, T_WORD, "filter")) {
			r.filters =
			    ecrc_rd_grow(arena, r.filters, &r.cap_filters, r.n_filters, sizeof *r.filters);
			struct filter *f = &r.filters[r.n_filters++];
			memset(f, 0, sizeof *f);
			f->line = t.line;
			if (parse_filter(lx, f))
				return -1;
		} else if (is(t, T_WORD, "protocol")) {
			struct tok k = lex(lx);
			int rc;
			if (is(k, T_WORD, "device"))
				rc = expect(lx, "{ }");
			else if (is(k, T_WORD, "kernel"))
				rc = parse_kernel(&r);
			else if (is(k, T_WORD, "static"))
				rc = parse_static(&r);
			else if (is(k, T_WORD, "bfd"))
				rc = parse_bfd(&r);
			else if (is(k, T_WORD, "bgp"))
				rc = parse_bgp(&r, t.line);
			else
				return fail(lx, k.line, "unsupported protocol \"%s\"", tok_text(k));
			if (rc)
				return -1;
		} else {
			return fail(lx, t.line, "unsupported statement \"%s\"", tok_text(t));
		}
	}
	if (!r.has_router_id)
		return fail(lx, 1, "no router id");
	if (resolve(&r, links, n_links))
		return -1;
	ecrc_ir_link(r.cpe, arena);
	*out = r.cpe;
	return 0;
}

static const struct ecrc_vendor_limits bird_limits = {
    .hold_min_s = 3,
    .keepalive_within_hold = true,
};

/* How to apply the file safely, per platform (vendors.md point 8); the
 * sources are on docs/vendors/. */
static const char *const bird_apply_all[] = {
    "How to apply: this is a complete bird.conf. Create the VLAN devices first (the",
    "ip link lines below), check it with 'birdc configure check \"FILE\"', then",
    "'birdc configure \"FILE\" timeout 600'. Check 'birdc show protocols', then",
    "'birdc configure confirm' within 10 minutes to keep it, or BIRD goes back to",
    "the old configuration by itself ('birdc configure undo' at once).",
    NULL,
};
static const struct ecrc_vendor_platform bird_platforms[] = {
    {NULL, "BIRD 2", bird_apply_all},
};

const struct ecrc_vendor ecrc_vendor_bird = {
    .name = "bird",
    .display = "BIRD 2",
    .ext = ".bird.conf",
    .comment = "#",
    /* a Linux device name short enough that NAME.VLAN fits IFNAMSIZ (15) */
    .iface_pattern = "[A-Za-z][A-Za-z0-9_-]{0,9}",
    .iface_example = "eth1",
    .syntax_chars = "\"';{}[](),=~",
    .prefix_restart_unit_s = 0,
    .prefix_warn = false,
    .render = bird_render,
    .read = bird_read,
    .limits = &bird_limits,
    .platforms = bird_platforms,
    .n_platforms = sizeof bird_platforms / sizeof bird_platforms[0],
    .read_running = ecrc_bird_read_running,
};
