/*
 * loader.c: reads a design file into the model. libxml2's SAX2 parser runs
 * over the file's bytes, with no network, no DTD and no
 * entity substitution: any DOCTYPE stops the parse (xml-malformed), so XXE
 * and entity bombs cannot work. Every element and attribute gets its exact
 * line and column from the source bytes. Validation is driven by the table
 * in schema.c; every problem in a file is reported in one run. References
 * are resolved afterwards (resolve.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "lint/lint.h"
#include "vendors/vendor.h"

#define MAX_TEXT 4096
#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

struct frame {
	struct ecrc_node *node; /* NULL inside an ignored subtree */
	const struct ecrc_elem_spec *spec;
	void *tail[ECRC_K__COUNT]; /* last child appended, per kind */
	struct ecrc_buf text;      /* text content (text elements) */
	bool text_reported;
	int order_rank; /* <design>: the latest child kind seen */
};

struct attr_name {
	size_t off, len;
};

struct loader {
	struct ecrc_design *d;
	struct ecrc_arena *a;
	struct ecrc_diags *diags;
	const char *file;
	const char *src;
	size_t len;
	xmlParserCtxtPtr ctxt;
	struct frame stack[ECRC_MAX_DEPTH + 2];
	int depth;      /* number of open elements */
	int skip;       /* > 0: inside an unknown element's subtree */
	bool malformed; /* xml-malformed reported: stop */
	bool root_seen;
	/* scratch for the current start tag: its attribute names in the source,
	 * and the offset of each of libxml2's attributes */
	struct attr_name *names;
	size_t n_names, cap_names;
	size_t *attr_off;
	size_t cap_attr_off;
	struct ecrc_suppression *pending; /* inline suppressions awaiting their element */
	struct ecrc_suppression *supp_tail;
};

/* ---- locations ------------------------------------------------------------ */

/* Byte offset of the start of every line. As in XML, "\r\n", "\n" and a
 * lone "\r" each end a line, so our line numbers agree with libxml2's. */
static void build_line_index(struct ecrc_design *d)
{
	const char *s = d->source;
	size_t len = d->source_len, n = 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= len || s[i + 1] != '\n')))
			n++;
	uint32_t *starts = ecrc_arena_alloc(d->arena, n * sizeof *starts);
	size_t k = 0;
	starts[k++] = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= len || s[i + 1] != '\n')))
			starts[k++] = (uint32_t)(i + 1);
	d->line_starts = starts;
	d->n_lines = n;
	d->memo = ecrc_arena_alloc(d->arena, sizeof *d->memo);
}

struct ecrc_loc ecrc_design_loc(const struct ecrc_design *d, size_t off)
{
	struct ecrc_loc loc = {d->file, 0, 0};
	if (!d->line_starts || off > d->source_len)
		return loc;
	size_t lo = 0, hi = d->n_lines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (d->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	/* Columns count characters from the line start; the loader asks in
	 * ascending order, so continue from the last answer on the same line
	 * (a design written on one long line stays linear). */
	struct ecrc_memo *c = d->memo;
	size_t start = d->line_starts[lo];
	uint32_t col = 1;
	if (start == 0 && d->source_len >= 3 && memcmp(d->source, "\xef\xbb\xbf", 3) == 0)
		start = 3; /* a UTF-8 BOM is not a character of the first line */
	if (c && c->line == lo + 1 && c->off >= start && c->off <= off) {
		start = c->off;
		col = c->col;
	}
	for (size_t i = start; i < off; i++)
		if (((unsigned char)d->source[i] & 0xc0) != 0x80)
			col++;
	if (c) {
		c->line = lo + 1;
		c->off = off;
		c->col = col;
	}
	loc.line = (uint32_t)lo + 1;
	loc.col = col;
	return loc;
}

static const struct ecrc_design *design_of(const struct ecrc_node *n)
{
	while (n && n->kind != ECRC_K_DESIGN)
		n = n->parent;
	return (const struct ecrc_design *)n;
}

struct ecrc_loc ecrc_attr_loc(const struct ecrc_node *n, const char *name)
{
	int i = ecrc_attr_index(n->kind, name);
	const struct ecrc_design *d = design_of(n);
	if (i < 0 || !n->attr_off || !(n->set & (UINT64_C(1) << i)) || !d)
		return n->loc;
	return ecrc_design_loc(d, n->attr_off[i]);
}

bool ecrc_attr_set(const struct ecrc_node *n, const char *name)
{
	int i = ecrc_attr_index(n->kind, name);
	return i >= 0 && (n->set & (UINT64_C(1) << i));
}

static size_t cur_offset(const struct loader *L)
{
	/* libxml2 may shrink its copy of the input as it goes; `consumed`
	 * counts what it dropped, so this is the offset in our bytes */
	xmlParserInputPtr in = L->ctxt->input;
	if (!in)
		return L->len;
	size_t off = (size_t)in->consumed + (size_t)(in->cur - in->base);
	return off <= L->len ? off : L->len;
}

static struct ecrc_loc here(const struct loader *L)
{
	return ecrc_design_loc(L->d, cur_offset(L));
}

/* ---- findings --------------------------------------------------------------- */

static struct ecrc_finding *schema_err(struct loader *L, struct ecrc_loc loc, const char *fmt, ...)
    ECRC_PRINTF(3, 4);
static struct ecrc_finding *schema_err(struct loader *L, struct ecrc_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct ecrc_finding *f = ecrc_diag_vadd(L->diags, "schema", ECRC_SEV_ERROR, loc, NULL, fmt, ap);
	va_end(ap);
	return f;
}

static void malformed(struct loader *L, struct ecrc_loc loc, const char *fmt, ...) ECRC_PRINTF(3, 4);
static void malformed(struct loader *L, struct ecrc_loc loc, const char *fmt, ...)
{
	if (L->malformed)
		return;
	L->malformed = true;
	va_list ap;
	va_start(ap, fmt);
	ecrc_diag_vadd(L->diags, "xml-malformed", ECRC_SEV_ERROR, loc, NULL, fmt, ap);
	va_end(ap);
	if (L->ctxt)
		xmlStopParser(L->ctxt);
}

/* The closest of `n` candidates within a small edit distance, or NULL. */
static const char *suggest(const char *name, const char *const *cands, size_t n)
{
	const char *best = NULL;
	unsigned best_d = 99;
	size_t len = strlen(name);
	unsigned limit = len <= 4 ? 1 : len <= 10 ? 2 : 3;
	for (size_t i = 0; i < n; i++) {
		unsigned dist = ecrc_edit_distance(name, cands[i]);
		if (dist < best_d) {
			best_d = dist;
			best = cands[i];
		}
	}
	return best_d <= limit ? best : NULL;
}

/* ---- values --------------------------------------------------------------- */

static void store_value(struct loader *L, struct ecrc_node *node, const struct ecrc_attr_spec *a,
                        const char *v)
{
	if (a->off == SIZE_MAX)
		return;
	char *field = (char *)node + a->off;
	uint32_t u = 0;
	struct ecrc_ipnet p = {0, 0};
	switch (a->type) {
	case ECRC_VT_ID:
	case ECRC_VT_IDREF:
	case ECRC_VT_NAME:
	case ECRC_VT_HOSTNAME:
	case ECRC_VT_IFACE:
	case ECRC_VT_ENVNAME:
	case ECRC_VT_TOKEN:
	case ECRC_VT_TEXT:
	case ECRC_VT_RULEID:
	case ECRC_VT_PORTS: {
		const char *s = ecrc_arena_strdup(L->a, v);
		memcpy(field, &s, sizeof s);
		break;
	}
	case ECRC_VT_VENDOR: {
		const char *s = ecrc_vendor_find(v)->name;
		memcpy(field, &s, sizeof s);
		break;
	}
	case ECRC_VT_ASN:
		ecrc_parse_asn(v, &u);
		memcpy(field, &u, sizeof u);
		break;
	case ECRC_VT_IPV4:
		ecrc_parse_ipv4(v, &u);
		memcpy(field, &u, sizeof u);
		break;
	case ECRC_VT_U32:
		ecrc_parse_u32(v, a->min, a->max, &u);
		memcpy(field, &u, sizeof u);
		break;
	case ECRC_VT_PREFIX:
	case ECRC_VT_IFADDR:
		ecrc_parse_ipnet(v, &p);
		memcpy(field, &p, sizeof p);
		break;
	case ECRC_VT_BOOL:
	case ECRC_VT_MD5: {
		bool b = strcmp(v, "true") == 0 || strcmp(v, "md5") == 0;
		memcpy(field, &b, sizeof b);
		break;
	}
	case ECRC_VT_ENUM: {
		int idx = 0;
		for (int i = 0; a->enums[i]; i++)
			if (strcmp(a->enums[i], v) == 0)
				idx = i;
		memcpy(field, &idx, sizeof idx);
		break;
	}
	case ECRC_VT_ASNLIST: {
		size_t n = 0;
		for (const char *s = v; *s;) {
			while (*s == ' ')
				s++;
			if (!*s)
				break;
			n++;
			s += strcspn(s, " ");
		}
		uint32_t *list = n ? ecrc_arena_alloc(L->a, n * sizeof *list) : NULL;
		size_t i = 0;
		for (const char *s = v; *s;) {
			while (*s == ' ')
				s++;
			if (!*s)
				break;
			size_t k = strcspn(s, " ");
			char tok[16];
			memcpy(tok, s, k);
			tok[k] = '\0';
			ecrc_parse_asn(tok, &list[i++]);
			s += k;
		}
		memcpy(field, &list, sizeof list);
		memcpy((char *)node + a->off2, &n, sizeof n);
		break;
	}
	case ECRC_VT_FIXED:
		break;
	}
}

static void value_error(struct loader *L, struct ecrc_loc loc, const struct ecrc_elem_spec *e,
                        const struct ecrc_attr_spec *a, const char *v)
{
	const char *expected = NULL;
	ecrc_value_check(a, v, &expected);
	/* quote the value safely: it may hold anything */
	char shown[80];
	size_t j = 0;
	for (const unsigned char *s = (const unsigned char *)v; *s && j < sizeof shown - 5; s++) {
		if (*s == '\n') {
			shown[j++] = '\\';
			shown[j++] = 'n';
		} else if (*s < 0x20 || *s >= 0x7f) {
			/* control, DEL and every non-ASCII byte (a bidi override
			 * would reorder the message on a terminal) */
			j += (size_t)snprintf(shown + j, sizeof shown - j, "\\x%02x", *s);
		} else {
			shown[j++] = (char)*s;
		}
	}
	shown[j] = '\0';
	if (a->type == ECRC_VT_U32) {
		schema_err(L, loc, "%s='%s' on <%s> must be a whole number from %u to %u", a->name, shown,
		           e->name, a->min, a->max);
	} else if (a->type == ECRC_VT_ENUM || a->type == ECRC_VT_VENDOR) {
		struct ecrc_buf list = {0};
		const char *cands[16];
		size_t n = 0;
		if (a->type == ECRC_VT_ENUM) {
			for (size_t i = 0; a->enums[i] && n < 16; i++)
				if (strcmp(a->enums[i], "none") != 0)
					cands[n++] = a->enums[i];
		} else {
			for (size_t i = 0; i < ecrc_vendors_count && n < 16; i++)
				cands[n++] = ecrc_vendors[i]->name;
		}
		for (size_t i = 0; i < n; i++)
			ecrc_buf_printf(&list, "%s'%s'", i ? ", " : "", cands[i]);
		const char *s = suggest(v, cands, n);
		if (s)
			schema_err(L, loc, "%s='%s' on <%s> is not one of %s; did you mean '%s'?", a->name,
			           shown, e->name, list.p, s);
		else
			schema_err(L, loc, "%s='%s' on <%s> is not one of %s", a->name, shown, e->name,
			           list.p);
		ecrc_buf_free(&list);
	} else if (a->type == ECRC_VT_FIXED && strcmp(a->name, "version") == 0) {
		schema_err(L, loc, "version='%s' is not supported: ecrc %s reads design format version %s",
		           shown, ECRC_VERSION, ECRC_FORMAT_VERSION);
	} else {
		schema_err(L, loc, "%s='%s' on <%s> is not valid: expected %s", a->name, shown, e->name,
		           expected ? expected : "a valid value");
	}
}

/* ---- attribute positions in the source ------------------------------------ */

/* From the '<' of a start tag, one pass over its attributes: the byte
 * offset and length of each name, in source order, namespace declarations
 * included, into L->names. Linear in the tag's length, however many
 * attributes it has (a lookup per attribute would be quadratic). */
static void scan_attr_names(struct loader *L, size_t lt)
{
	const char *s = L->src, *end = L->src + L->len;
	const char *p = s + lt + 1;
	L->n_names = 0;
	while (p < end && !strchr(" \t\r\n/>", *p))
		p++;
	for (;;) {
		while (p < end && strchr(" \t\r\n", *p))
			p++;
		if (p >= end || *p == '/' || *p == '>')
			return;
		const char *name = p;
		while (p < end && !strchr(" \t\r\n=", *p))
			p++;
		if (L->n_names == L->cap_names) {
			L->cap_names = L->cap_names ? 2 * L->cap_names : 16;
			L->names = ecrc_xrealloc(L->names, L->cap_names * sizeof *L->names);
		}
		L->names[L->n_names++] = (struct attr_name){(size_t)(name - s), (size_t)(p - name)};
		while (p < end && *p != '"' && *p != '\'')
			p++;
		if (p >= end)
			return;
		char q = *p++;
		while (p < end && *p != q)
			p++;
		p++;
	}
}

static bool name_is(const struct loader *L, const struct attr_name *n, const char *prefix, const char *local)
{
	const char *s = L->src + n->off;
	size_t plen = prefix ? strlen(prefix) : 0, llen = strlen(local);
	if (prefix)
		return n->len == plen + 1 + llen && memcmp(s, prefix, plen) == 0 && s[plen] == ':' &&
		       memcmp(s + plen + 1, local, llen) == 0;
	return n->len == llen && memcmp(s, local, llen) == 0;
}

/* The source offset of each of libxml2's attributes (which come in source
 * order, without the namespace declarations) into L->attr_off; the tag's
 * '<' where the source does not say (never expected). */
static void match_attr_names(struct loader *L, size_t lt, int nb_attributes, const xmlChar **attributes)
{
	if ((size_t)nb_attributes > L->cap_attr_off) {
		L->cap_attr_off = (size_t)nb_attributes;
		L->attr_off = ecrc_xrealloc(L->attr_off, L->cap_attr_off * sizeof *L->attr_off);
	}
	size_t k = 0;
	for (int i = 0; i < nb_attributes; i++) {
		while (k < L->n_names &&
		       (name_is(L, &L->names[k], NULL, "xmlns") ||
		        (L->names[k].len > 6 && memcmp(L->src + L->names[k].off, "xmlns:", 6) == 0)))
			k++;
		const char *local = (const char *)attributes[5 * i],
		           *prefix = (const char *)attributes[5 * i + 1];
		if (k < L->n_names && name_is(L, &L->names[k], prefix, local))
			L->attr_off[i] = L->names[k++].off;
		else
			L->attr_off[i] = lt;
	}
}

/* ---- SAX callbacks ----------------------------------------------------------- */

static struct loader *loader_of(void *ctx)
{
	return ((xmlParserCtxtPtr)ctx)->_private;
}

static void append_child(struct loader *L, struct frame *pf, const struct ecrc_child_spec *cs,
                         const struct ecrc_elem_spec *ce, struct ecrc_node *child)
{
	if (cs->count_off == SIZE_MAX) {
		/* a single child: the frame's tail marks that one was seen */
		if (pf->tail[ce->kind]) {
			struct ecrc_loc first = ((struct ecrc_node *)pf->tail[ce->kind])->loc;
			struct ecrc_finding *f = schema_err(
			    L, child->loc, "<%s> may appear only once in <%s>", ce->name, pf->spec->name);
			ecrc_diag_note(L->diags, f, first, "the first <%s> is here", ce->name);
			return;
		}
		pf->tail[ce->kind] = child;
		if (cs->head_off != SIZE_MAX)
			*(void **)((char *)pf->node + cs->head_off) = child;
		return; /* else stored by the loader itself (description, lint) */
	}
	/* <lint> has no struct of its own: its <disable>s belong to the design */
	char *parent = pf->spec->kind == ECRC_K_LINT ? (char *)L->d : (char *)pf->node;
	void **head = (void **)(parent + cs->head_off);
	if (!*head)
		*head = child;
	else
		*(void **)((char *)pf->tail[ce->kind] + ce->next_off) = child;
	pf->tail[ce->kind] = child;
	(*(size_t *)(parent + cs->count_off))++;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                     const xmlChar **attributes)
{
	(void)uri;
	(void)nb_defaulted;
	struct loader *L = loader_of(ctx);
	if (L->malformed)
		return;
	size_t cur = cur_offset(L);
	size_t lt = cur;
	while (lt > 0 && L->src[lt] != '<')
		lt--;
	struct ecrc_loc loc = ecrc_design_loc(L->d, lt);
	const char *name = (const char *)localname;

	if (L->depth >= ECRC_MAX_DEPTH) {
		malformed(L, loc, "elements are nested more than %d levels deep; a design needs at most 6",
		          ECRC_MAX_DEPTH);
		return;
	}
	struct frame *pf = L->depth > 0 ? &L->stack[L->depth - 1] : NULL;
	struct frame *f = &L->stack[L->depth++];
	memset(f, 0, sizeof *f);
	if (L->skip) {
		L->skip++;
		return;
	}

	/* which element is this? */
	const struct ecrc_elem_spec *e = NULL;
	const struct ecrc_child_spec *cs = NULL;
	if (!pf) {
		if (L->root_seen || strcmp(name, "design") != 0 || prefix) {
			schema_err(L, loc,
			           "the root element must be <design name=\"...\" version=\"1\">, not <%s>",
			           name);
			L->skip = 1;
			return;
		}
		L->root_seen = true;
		e = &ecrc_elem_specs[ECRC_K_DESIGN];
	} else {
		for (size_t i = 0; i < pf->spec->n_children && !prefix; i++) {
			const struct ecrc_elem_spec *c = &ecrc_elem_specs[pf->spec->children[i].kind];
			if (strcmp(c->name, name) == 0) {
				e = c;
				cs = &pf->spec->children[i];
			}
		}
		if (!e) {
			const char *cands[16];
			size_t n = 0;
			for (size_t i = 0; i < pf->spec->n_children; i++)
				cands[n++] = ecrc_elem_specs[pf->spec->children[i].kind].name;
			const char *s = suggest(name, cands, n);
			const struct ecrc_elem_spec *known = NULL;
			for (int k = 0; k < ECRC_K__COUNT; k++)
				if (strcmp(ecrc_elem_specs[k].name, name) == 0)
					known = &ecrc_elem_specs[k];
			if (prefix)
				schema_err(L, loc,
				           "unknown element <%s:%s> in <%s>; designs use no namespaces",
				           (const char *)prefix, name, pf->spec->name);
			else if (known)
				schema_err(L, loc, "<%s> is not allowed in <%s>", name, pf->spec->name);
			else if (s)
				schema_err(L, loc, "unknown element <%s> in <%s>; did you mean <%s>?", name,
				           pf->spec->name, s);
			else
				schema_err(L, loc, "unknown element <%s> in <%s>", name, pf->spec->name);
			L->skip = 1;
			return;
		}
	}

	struct ecrc_node *node = e->kind == ECRC_K_DESIGN ? &L->d->node : ecrc_arena_alloc(L->a, e->size);
	node->kind = e->kind;
	node->loc = loc;
	node->parent = pf ? pf->node : NULL;
	f->node = node;
	f->spec = e;

	/* inline suppressions written directly before this element */
	if (L->pending) {
		node->suppress = L->pending;
		L->pending = NULL;
	}

	/* Designs use no namespaces, except that <design> may name the XSD for
	 * editors: xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" and
	 * xsi:noNamespaceSchemaLocation="..." (ignored by ecrc). */
	for (int i = 0; i < nb_namespaces; i++) {
		const char *pfx = (const char *)namespaces[2 * i], *u = (const char *)namespaces[2 * i + 1];
		if (e->kind == ECRC_K_DESIGN && pfx && strcmp(pfx, "xsi") == 0 && u && strcmp(u, XSI_NS) == 0)
			continue;
		schema_err(L, loc, "<%s> declares an XML namespace; designs use no namespaces", name);
		break;
	}

	/* attributes */
	uint32_t *offs = NULL;
	scan_attr_names(L, lt);
	match_attr_names(L, lt, nb_attributes, attributes);
	if (e->n_attrs) {
		offs = ecrc_arena_alloc(L->a, e->n_attrs * sizeof *offs);
		for (int i = 0; i < nb_attributes; i++) {
			int idx = attributes[5 * i + 1]
			              ? -1
			              : ecrc_attr_index(e->kind, (const char *)attributes[5 * i]);
			if (idx >= 0)
				offs[idx] = (uint32_t)L->attr_off[i];
		}
		node->attr_off = offs;
	}
	char small[256];
	for (int i = 0; i < nb_attributes; i++) {
		const char *aname = (const char *)attributes[5 * i];
		const char *aprefix = (const char *)attributes[5 * i + 1];
		const char *vb = (const char *)attributes[5 * i + 3],
		           *ve = (const char *)attributes[5 * i + 4];
		size_t vlen = (size_t)(ve - vb);
		if (aprefix && e->kind == ECRC_K_DESIGN && attributes[5 * i + 2] &&
		    strcmp((const char *)attributes[5 * i + 2], XSI_NS) == 0 &&
		    strcmp(aname, "noNamespaceSchemaLocation") == 0)
			continue; /* where editors find the XSD */
		int idx = aprefix ? -1 : ecrc_attr_index(e->kind, aname);
		if (idx < 0) {
			const char *cands[16];
			size_t n = 0;
			for (size_t k = 0; k < e->n_attrs && n < 16; k++)
				cands[n++] = e->attrs[k].name;
			struct ecrc_loc aloc = ecrc_design_loc(L->d, L->attr_off[i]);
			const char *s = aprefix ? NULL : suggest(aname, cands, n);
			if (aprefix)
				schema_err(L, aloc, "unknown attribute '%s:%s' on <%s>", aprefix, aname,
				           e->name);
			else if (s)
				schema_err(L, aloc, "unknown attribute '%s' on <%s>; did you mean '%s'?",
				           aname, e->name, s);
			else if (n)
				schema_err(L, aloc, "unknown attribute '%s' on <%s>", aname, e->name);
			else
				schema_err(L, aloc, "<%s> takes no attributes, found '%s'", e->name, aname);
			continue;
		}
		const struct ecrc_attr_spec *a = &e->attrs[idx];
		char *v = vlen < sizeof small ? small : ecrc_xmalloc(vlen + 1);
		memcpy(v, vb, vlen);
		v[vlen] = '\0';
		struct ecrc_loc aloc = ecrc_design_loc(L->d, offs[idx]);
		const char *expected;
		if (strlen(v) != vlen || !ecrc_value_check(a, v, &expected)) {
			value_error(L, aloc, e, a, v);
		} else {
			node->set |= UINT64_C(1) << idx;
			store_value(L, node, a, v);
		}
		if (v != small)
			free(v);
	}
	for (size_t i = 0; i < e->n_attrs; i++) {
		const struct ecrc_attr_spec *a = &e->attrs[i];
		if (node->set & (UINT64_C(1) << i))
			continue;
		/* a present but invalid value was reported already */
		bool written = false;
		for (int k = 0; k < nb_attributes; k++)
			if (!attributes[5 * k + 1] && strcmp((const char *)attributes[5 * k], a->name) == 0)
				written = true;
		if (a->required && !written)
			schema_err(L, loc, "<%s> is missing the required attribute '%s'", e->name, a->name);
		if (a->dflt)
			store_value(L, node, a, a->dflt);
	}

	if (pf && cs) {
		/* <design>'s children come in the spec's order: description,
		 * datacenters, cloud, lint (the other elements take any order) */
		if (pf->spec->kind == ECRC_K_DESIGN) {
			int rank = (int)(cs - pf->spec->children);
			if (rank < pf->order_rank)
				schema_err(L, loc,
				           "<%s> must come before <%s> in <design>: description, datacenter, "
				           "cloud, lint",
				           e->name, ecrc_kind_name(pf->spec->children[pf->order_rank].kind));
			else
				pf->order_rank = rank;
		}
		append_child(L, pf, cs, e, node);
	}
}

static void finish_text(struct loader *L, struct frame *f)
{
	struct ecrc_node *node = f->node;
	if (!f->text.p)
		ecrc_buf_puts(&f->text, ""); /* an empty element: work on our own empty string */
	char *t = f->text.p;
	while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
		t++;
	size_t n = strlen(t);
	while (n && strchr(" \t\r\n", t[n - 1]))
		n--;
	t[n] = '\0';
	if (node->kind == ECRC_K_DESCRIPTION) {
		for (const unsigned char *c = (const unsigned char *)t; *c; c++)
			if ((*c < 0x20 && *c != '\n' && *c != '\t' && *c != '\r') || *c == 0x7f) {
				schema_err(L, node->loc, "<description> contains a control character");
				return;
			}
		L->d->description = ecrc_arena_strdup(L->a, t);
		return;
	}
	struct ecrc_prefix_node *pn = (struct ecrc_prefix_node *)node;
	if (!ecrc_parse_ipnet(t, &pn->prefix)) {
		char shown[64];
		snprintf(shown, sizeof shown, "%s", t);
		for (char *c = shown; *c; c++)
			if ((unsigned char)*c < 0x20)
				*c = '?';
		schema_err(L, node->loc, "<%s>%s</%s> is not an IPv4 prefix like 192.168.0.0/16",
		           f->spec->name, shown, f->spec->name);
	}
}

static bool is_set(const struct ecrc_node *n, const char *attr)
{
	return ecrc_attr_set(n, attr);
}

/* Element-level constraints the attribute table cannot say. */
static void finish_node(struct loader *L, struct frame *f)
{
	struct ecrc_node *node = f->node;
	const struct ecrc_elem_spec *e = f->spec;
	if (e->text)
		finish_text(L, f);
	for (size_t i = 0; i < e->n_children; i++) {
		const struct ecrc_child_spec *cs = &e->children[i];
		if (!cs->min || cs->head_off == SIZE_MAX)
			continue;
		void *head;
		memcpy(&head, (char *)node + cs->head_off, sizeof head);
		if (!head)
			schema_err(L, node->loc, "<%s> needs at least one <%s>", e->name,
			           ecrc_kind_name(cs->kind));
	}
	switch (node->kind) {
	case ECRC_K_DATACENTER: {
		struct ecrc_datacenter *dc = (struct ecrc_datacenter *)node;
		dc->has_max_failover_ms = is_set(node, "max-failover-ms");
		break;
	}
	case ECRC_K_CPE: {
		struct ecrc_cpe *cpe = (struct ecrc_cpe *)node;
		if (!cpe->hostname && cpe->id) {
			const struct ecrc_attr_spec hs = {
			    "hostname", ECRC_VT_HOSTNAME, false, NULL, 0, 0, 0, 0, NULL};
			const char *expected;
			if (ecrc_value_check(&hs, cpe->id, &expected))
				cpe->hostname = cpe->id;
			else
				schema_err(L, node->loc,
				           "<cpe id='%s'> needs a hostname= attribute: its id is not a valid "
				           "hostname "
				           "(letters, digits and '-' only)",
				           cpe->id);
		}
		break;
	}
	case ECRC_K_BGP_PEER: {
		struct ecrc_bgp_peer *bp = (struct ecrc_bgp_peer *)node;
		bp->has_local_asn = is_set(node, "local-asn");
		break;
	}
	case ECRC_K_ADVERTISE: {
		struct ecrc_advertise *ad = (struct ecrc_advertise *)node;
		ad->has_med = is_set(node, "med");
		break;
	}
	case ECRC_K_ACCEPT: {
		struct ecrc_accept *ac = (struct ecrc_accept *)node;
		ac->has_ge = is_set(node, "ge");
		ac->has_le = is_set(node, "le");
		uint32_t lo = ac->has_ge ? ac->ge : ac->prefix.len, hi = ac->has_le ? ac->le : lo;
		if ((ac->has_ge && ac->ge < ac->prefix.len) || (ac->has_le && ac->le < ac->prefix.len) ||
		    lo > hi) {
			char ge[16] = "", le[16] = "";
			if (ac->has_ge)
				snprintf(ge, sizeof ge, " ge=%u", ac->ge);
			if (ac->has_le)
				snprintf(le, sizeof le, " le=%u", ac->le);
			schema_err(L, node->loc,
			           "<accept> needs prefix length <= ge <= le <= 32; got /%u with%s%s",
			           ac->prefix.len, ge, le);
		}
		break;
	}
	case ECRC_K_ASSOCIATE: {
		struct ecrc_associate *as = (struct ecrc_associate *)node;
		int n = is_set(node, "vbr") + is_set(node, "vpc") + is_set(node, "transit-router");
		if (n != 1) {
			if (n == 0 && !as->target_id)
				schema_err(L, node->loc,
				           "<associate> needs exactly one of vbr=, vpc= or transit-router=");
			else if (n > 1)
				schema_err(
				    L, node->loc,
				    "<associate> needs exactly one of vbr=, vpc= or transit-router=, not %d",
				    n);
			as->target_id = NULL; /* nothing to resolve */
			break;
		}
		as->kind = is_set(node, "vbr")   ? ECRC_ASSOC_VBR
		           : is_set(node, "vpc") ? ECRC_ASSOC_VPC
		                                 : ECRC_ASSOC_TR;
		if (as->kind != ECRC_ASSOC_TR && as->allowed)
			schema_err(L, as->allowed->node.loc,
			           "<allowed-prefix> applies only to <associate transit-router=...>");
		break;
	}
	case ECRC_K_ATTACH: {
		struct ecrc_attach *at = (struct ecrc_attach *)node;
		int n = is_set(node, "vpc") + is_set(node, "vbr") + is_set(node, "vpn") + is_set(node, "ccn");
		if (n != 1) {
			if (n > 1 || !at->target_id)
				schema_err(L, node->loc,
				           "<attach> needs exactly one of vpc=, vbr=, vpn= or ccn=");
			at->target_id = NULL;
			break;
		}
		at->kind = is_set(node, "vpc")   ? ECRC_ATT_VPC
		           : is_set(node, "vbr") ? ECRC_ATT_VBR
		           : is_set(node, "vpn") ? ECRC_ATT_VPN
		                                 : ECRC_ATT_CCN;
		if (at->kind != ECRC_ATT_VPC && is_set(node, "route-sync"))
			schema_err(L, ecrc_attr_loc(node, "route-sync"),
			           "route-sync= applies only to <attach vpc=...>");
		break;
	}
	case ECRC_K_VBR: {
		struct ecrc_vbr *v = (struct ecrc_vbr *)node;
		if (v->routing == ECRC_ROUTING_BGP && !v->bgp_peer)
			schema_err(L, node->loc, "<vbr id='%s'> uses BGP routing and needs a <bgp-peer>",
			           v->id ? v->id : "?");
		if (v->routing == ECRC_ROUTING_STATIC && v->bgp_peer)
			schema_err(L, v->bgp_peer->node.loc,
			           "<bgp-peer> in <vbr id='%s'> with routing=\"static\"; remove it or use "
			           "routing=\"bgp\"",
			           v->id ? v->id : "?");
		break;
	}
	default:
		break;
	}
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	(void)localname;
	(void)prefix;
	(void)uri;
	struct loader *L = loader_of(ctx);
	if (L->malformed || L->depth == 0)
		return;
	struct frame *f = &L->stack[--L->depth];
	if (L->skip) {
		L->skip--;
		return;
	}
	if (L->pending) {
		/* a suppression comment right before an end tag applies to nothing;
		 * it stays in the design's list and is reported unused */
		L->pending = NULL;
	}
	finish_node(L, f);
	ecrc_buf_free(&f->text);
}

static void on_characters(void *ctx, const xmlChar *ch, int len)
{
	struct loader *L = loader_of(ctx);
	if (L->malformed || L->skip || L->depth == 0)
		return;
	struct frame *f = &L->stack[L->depth - 1];
	if (f->spec->text) {
		if (f->text.len + (size_t)len > MAX_TEXT) {
			if (!f->text_reported)
				schema_err(L, f->node->loc, "<%s> text is longer than %d bytes",
				           f->spec->name, MAX_TEXT);
			f->text_reported = true;
			return;
		}
		ecrc_buf_putn(&f->text, (const char *)ch, (size_t)len);
		return;
	}
	for (int i = 0; i < len; i++) {
		if (!strchr(" \t\r\n", ch[i])) {
			/* the parser is past the text: point at its first character */
			size_t end = cur_offset(L),
			       at = end >= (size_t)len ? end - (size_t)len + (size_t)i : end;
			if (!f->text_reported)
				schema_err(L, ecrc_design_loc(L->d, at),
				           "unexpected text in <%s>; values go in attributes", f->spec->name);
			f->text_reported = true;
			return;
		}
	}
}

/* <!-- ecrc-disable RULE[,RULE...]: reason --> */
static void on_comment(void *ctx, const xmlChar *value)
{
	struct loader *L = loader_of(ctx);
	if (L->malformed || L->skip)
		return;
	const char *c = (const char *)value;
	while (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
		c++;
	if (strncmp(c, "ecrc-disable", 12) != 0 || (c[12] != ' ' && c[12] != '\t' && c[12] != '\n'))
		return;
	c += 12;
	size_t cur = cur_offset(L), start = cur;
	while (start > 0 && !(start + 4 <= L->len && memcmp(L->src + start, "<!--", 4) == 0))
		start--;
	struct ecrc_suppression *s = ecrc_arena_alloc(L->a, sizeof *s);
	s->loc = ecrc_design_loc(L->d, start);
	const char *colon = strchr(c, ':');
	size_t list_len = colon ? (size_t)(colon - c) : strlen(c);
	char *list = ecrc_arena_strndup(L->a, c, list_len);
	if (colon) {
		const char *r = colon + 1;
		while (*r == ' ')
			r++;
		size_t n = strlen(r);
		while (n && strchr(" \t\r\n", r[n - 1]))
			n--;
		s->reason = ecrc_arena_strndup(L->a, r, n);
	}
	size_t n = 0;
	for (char *t = list; *t; t++)
		if (*t == ',')
			n++;
	s->rules = ecrc_arena_alloc(L->a, (n + 1) * sizeof *s->rules);
	s->used = ecrc_arena_alloc(L->a, (n + 1) * sizeof *s->used);
	for (char *tok = list; tok;) {
		char *comma = strchr(tok, ',');
		if (comma)
			*comma = '\0';
		while (*tok == ' ' || *tok == '\t' || *tok == '\n')
			tok++;
		size_t k = strlen(tok);
		while (k && strchr(" \t\r\n", tok[k - 1]))
			tok[--k] = '\0';
		if (*tok)
			s->rules[s->n_rules++] = tok;
		tok = comma ? comma + 1 : NULL;
	}
	if (L->supp_tail)
		L->supp_tail->next = s;
	else
		L->d->suppressions = s;
	L->supp_tail = s;
	/* several comments may stack before one element */
	if (L->pending) {
		struct ecrc_suppression *p = L->pending;
		while (p->next_pending)
			p = p->next_pending;
		p->next_pending = s;
	} else {
		L->pending = s;
	}
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	(void)name;
	(void)eid;
	(void)sid;
	struct loader *L = loader_of(ctx);
	size_t cur = cur_offset(L), start = cur;
	while (start > 0 && !(start + 9 <= L->len && memcmp(L->src + start, "<!DOCTYPE", 9) == 0))
		start--;
	malformed(L, ecrc_design_loc(L->d, start),
	          "DOCTYPE declarations are not allowed in a design (no DTDs, no entities); remove the "
	          "<!DOCTYPE ...> "
	          "declaration");
}

static void on_processing_instruction(void *ctx, const xmlChar *target, const xmlChar *data)
{
	(void)data;
	struct loader *L = loader_of(ctx);
	if (L->malformed || L->skip)
		return;
	schema_err(L, here(L), "processing instruction <?%s ...?> is not allowed in a design",
	           (const char *)target);
}

static void on_cdata(void *ctx, const xmlChar *value, int len)
{
	on_characters(ctx, value, len);
}

static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name)
{
	(void)ctx;
	return xmlGetPredefinedEntity(name);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *publicId,
                           const xmlChar *systemId, xmlChar *content)
{
	(void)name;
	(void)type;
	(void)publicId;
	(void)systemId;
	(void)content;
	struct loader *L = loader_of(ctx);
	malformed(L, here(L), "entity declarations are not allowed in a design");
}

static void on_reference(void *ctx, const xmlChar *name)
{
	struct loader *L = loader_of(ctx);
	malformed(L, here(L), "entity reference '&%s;' is not allowed; write the value out",
	          (const char *)name);
}

static void lowercase_first(char *s)
{
	if (s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
		s[0] = (char)(s[0] - 'A' + 'a');
}

static void on_error(void *ctx, xmlErrorPtr err)
{
	if (!err || (err->level != XML_ERR_FATAL && err->level != XML_ERR_ERROR))
		return;
	struct loader *L = loader_of(ctx);
	if (L->malformed || err->code == XML_ERR_USER_STOP)
		return;
	char msg[512];
	snprintf(msg, sizeof msg, "%s", err->message ? err->message : "not well-formed");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	for (char *c = msg; *c; c++)
		if (*c == '\n')
			*c = ' ';
	lowercase_first(msg);
	struct ecrc_loc loc = {L->file, err->line > 0 ? (uint32_t)err->line : 1,
	                       err->int2 > 0 ? (uint32_t)err->int2 : 1};
	if (err->code == XML_ERR_COMMENT_NOT_FINISHED) {
		/* libxml2 reports the end of the file; point at the comment */
		const char *open = NULL;
		for (const char *p = L->src; (p = strstr(p, "<!--")); p += 4) {
			const char *close = strstr(p + 4, "-->");
			if (!close) {
				open = p;
				break;
			}
			p = close;
		}
		if (open)
			loc = ecrc_design_loc(L->d, (size_t)(open - L->src));
	}
	/* libxml2 refuses a single comment, attribute value or processing
	 * instruction longer than XML_MAX_TEXT_LENGTH (10,000,000 bytes) unless
	 * XML_PARSE_HUGE, which the loader does not set */
	if (err->message && (strstr(err->message, "too big") || strstr(err->message, "too long")) &&
	    (err->code == XML_ERR_COMMENT_NOT_FINISHED || err->code == XML_ERR_ATTRIBUTE_NOT_FINISHED ||
	     err->code == XML_ERR_PI_NOT_FINISHED || err->code == XML_ERR_NAME_REQUIRED)) {
		const char *what = err->code == XML_ERR_COMMENT_NOT_FINISHED ? "a comment"
		                   : err->code == XML_ERR_PI_NOT_FINISHED    ? "a processing instruction"
		                   : err->code == XML_ERR_NAME_REQUIRED      ? "a name"
		                                                             : "an attribute value";
		if (err->code == XML_ERR_COMMENT_NOT_FINISHED) {
			/* libxml2 reports where it stopped; point at the comment's start */
			size_t off = cur_offset(L);
			while (off >= 4 && memcmp(L->src + off - 4, "<!--", 4) != 0)
				off--;
			if (off >= 4)
				loc = ecrc_design_loc(L->d, off - 4);
		}
		malformed(
		    L, loc,
		    "%s is longer than %d bytes, libxml2's limit for one text item (XML_MAX_TEXT_LENGTH); "
		    "shorten it (the whole design may be up to %u MiB)",
		    what, XML_MAX_TEXT_LENGTH, ECRC_MAX_FILE_BYTES / (1024u * 1024u));
		return;
	}
	if (err->code == XML_ERR_INVALID_CHAR || err->code == XML_ERR_INVALID_ENCODING)
		malformed(L, loc, "not well-formed XML: %s; save the design as UTF-8", msg);
	else if (err->code == XML_ERR_UNDECLARED_ENTITY || err->code == XML_WAR_UNDECLARED_ENTITY)
		malformed(L, loc, "not well-formed XML: %s; entities are not allowed in a design", msg);
	else
		malformed(L, loc, "not well-formed XML: %s", msg);
}

static void on_generic_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* ---- pre-checks: size, encoding ---------------------------------------------------- */

/* The first occurrence of pat (n bytes) in [p, p + len), or NULL. */
static const char *find_str(const char *p, size_t len, const char *pat, size_t n)
{
	const char *end = p + len;
	while (len >= n && (p = memchr(p, pat[0], len - n + 1))) {
		if (memcmp(p, pat, n) == 0)
			return p;
		p++;
		len = (size_t)(end - p);
	}
	return NULL;
}

/* One linear pass over the markup: the first start tag with more than
 * ECRC_MAX_ATTRS attributes (counted as '=' outside quoted values), skipping
 * comments, processing instructions, CDATA and declarations; SIZE_MAX when
 * none. Only a count: libxml2 still decides what is well-formed. */
static size_t find_crowded_tag(const char *s, size_t len, size_t *count)
{
	const char *end = s + len;
	for (const char *p = memchr(s, '<', len); p; p = p < end ? memchr(p, '<', (size_t)(end - p)) : NULL) {
		const char *close = NULL;
		size_t rest = (size_t)(end - p);
		if (rest >= 4 && memcmp(p, "<!--", 4) == 0)
			close = find_str(p + 4, rest - 4, "-->", 3);
		else if (rest >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
			close = find_str(p + 9, rest - 9, "]]>", 3);
		else if (rest >= 2 && p[1] == '?')
			close = find_str(p + 2, rest - 2, "?>", 2);
		else if (rest >= 2 && (p[1] == '!' || p[1] == '/'))
			close = memchr(p + 1, '>', rest - 1);
		else {
			/* a start tag: count the attributes up to its '>' */
			size_t n = 0;
			const char *q = p + 1;
			while (q < end && *q != '>' && *q != '<') {
				if (*q == '"' || *q == '\'') {
					const char *v = memchr(q + 1, *q, (size_t)(end - q - 1));
					if (!v)
						return SIZE_MAX;
					q = v + 1;
					continue;
				}
				if (*q == '=' && ++n > ECRC_MAX_ATTRS) {
					*count = n;
					q++;
					while (q < end && *q != '>' && *q != '<') {
						if (*q == '=')
							(*count)++;
						if (*q == '"' || *q == '\'') {
							const char *v =
							    memchr(q + 1, *q, (size_t)(end - q - 1));
							q = v ? v : end - 1;
						}
						q++;
					}
					return (size_t)(p - s);
				}
				q++;
			}
			p = q;
			continue;
		}
		if (!close)
			return SIZE_MAX;
		p = close + 1;
	}
	return SIZE_MAX;
}

static bool precheck(struct loader *L)
{
	const unsigned char *s = (const unsigned char *)L->src;
	size_t len = L->len;
	struct ecrc_loc l11 = {L->file, 1, 1};
	if (len == 0) {
		malformed(L, l11,
		          "the file is empty; a design starts with <design name=\"...\" version=\"1\">");
		return false;
	}
	if (len >= 4 && ((s[0] == 0xff && s[1] == 0xfe && s[2] == 0 && s[3] == 0) ||
	                 (s[0] == 0 && s[1] == 0 && s[2] == 0xfe && s[3] == 0xff))) {
		malformed(L, l11, "the file is UTF-32; save the design as UTF-8");
		return false;
	}
	if (len >= 2 && ((s[0] == 0xfe && s[1] == 0xff) || (s[0] == 0xff && s[1] == 0xfe))) {
		malformed(L, l11, "the file is UTF-16; save the design as UTF-8");
		return false;
	}
	const char *nul = memchr(L->src, '\0', len);
	if (nul) {
		malformed(L, ecrc_design_loc(L->d, (size_t)(nul - L->src)),
		          "the file contains a NUL byte: it is binary or UTF-16/32, not a UTF-8 design");
		return false;
	}
	size_t n_attrs = 0, crowded = find_crowded_tag(L->src, len, &n_attrs);
	if (crowded != SIZE_MAX) {
		malformed(L, ecrc_design_loc(L->d, crowded),
		          "this start tag has %zu attributes; ecrc reads at most %d on one element (design "
		          "elements have a few): remove the ones that are not in the design format",
		          n_attrs, ECRC_MAX_ATTRS);
		return false;
	}
	/* an encoding declaration other than UTF-8 */
	size_t i = (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) ? 3 : 0;
	if (len - i > 5 && memcmp(L->src + i, "<?xml", 5) == 0) {
		const char *end = memchr(L->src + i, '>', len - i);
		size_t decl_len = end ? (size_t)(end - L->src) : len;
		char decl[256];
		size_t n = decl_len - i < sizeof decl - 1 ? decl_len - i : sizeof decl - 1;
		memcpy(decl, L->src + i, n);
		decl[n] = '\0';
		char *enc = strstr(decl, "encoding");
		if (enc) {
			enc += 8;
			while (*enc == ' ' || *enc == '=' || *enc == '\t')
				enc++;
			if (*enc == '"' || *enc == '\'') {
				char q = *enc++;
				char *e = strchr(enc, q);
				if (e) {
					*e = '\0';
					if (strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "UTF8") != 0 &&
					    strcasecmp(enc, "US-ASCII") != 0 &&
					    strcasecmp(enc, "ASCII") != 0) {
						malformed(L,
						          ecrc_design_loc(
						              L->d, (size_t)(strstr(L->src + i, "encoding") -
						                             L->src)),
						          "encoding \"%s\" is not supported; save the design "
						          "as UTF-8 and "
						          "declare encoding=\"UTF-8\"",
						          enc);
						return false;
					}
				}
			}
		}
	}
	return true;
}

/* ---- entry points -------------------------------------------------------------- */

static struct ecrc_design *load(const char *name, char *buf, size_t len, struct ecrc_diags *diags,
                                bool *fatal)
{
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_design *d = ecrc_arena_alloc(a, sizeof *d);
	d->arena = a;
	d->file = ecrc_arena_strdup(a, name);
	d->source = buf;
	d->source_len = len;
	d->node.kind = ECRC_K_DESIGN;
	build_line_index(d);

	struct loader L = {.d = d, .a = a, .diags = diags, .file = d->file, .src = buf, .len = len};
	size_t first = diags->n;
	*fatal = false;
	if (!precheck(&L)) {
		*fatal = true;
		ecrc_design_free(d);
		return NULL;
	}

	xmlSetGenericErrorFunc(NULL, on_generic_error);
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		ecrc_oom();
	/* Not xmlParserInputBufferCreateStatic: in libxml2 2.9.14 an immutable
	 * buffer is misread once the parser shrinks it (elements repeat). */
	xmlParserInputBufferPtr ib = xmlParserInputBufferCreateMem(buf, (int)len, XML_CHAR_ENCODING_NONE);
	xmlParserInputPtr in = ib ? xmlNewIOInputStream(ctxt, ib, XML_CHAR_ENCODING_NONE) : NULL;
	if (!in)
		ecrc_oom();
	inputPush(ctxt, in);
	xmlSAXHandler *sax = ctxt->sax;
	memset(sax, 0, sizeof *sax);
	sax->initialized = XML_SAX2_MAGIC;
	sax->startElementNs = on_start;
	sax->endElementNs = on_end;
	sax->characters = on_characters;
	sax->cdataBlock = on_cdata;
	sax->comment = on_comment;
	sax->internalSubset = on_internal_subset;
	sax->externalSubset = on_internal_subset;
	sax->entityDecl = on_entity_decl;
	sax->getEntity = on_get_entity;
	sax->getParameterEntity = on_get_entity;
	sax->reference = on_reference;
	sax->processingInstruction = on_processing_instruction;
	sax->serror = on_error;
	sax->error = on_generic_error;
	sax->warning = on_generic_error;
	sax->fatalError = on_generic_error;
	ctxt->_private = &L;
	ctxt->userData = ctxt;
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	ctxt->replaceEntities = 0;
	ctxt->loadsubset = 0;
	ctxt->validate = 0;
	L.ctxt = ctxt;
	xmlParseDocument(ctxt);
	if (!ctxt->wellFormed && !L.malformed)
		malformed(&L, here(&L), "not well-formed XML");
	L.ctxt = NULL;
	xmlFreeParserCtxt(ctxt);
	free(L.names);
	free(L.attr_off);
	for (int i = 0; i < L.depth; i++)
		ecrc_buf_free(&L.stack[i].text);

	if (L.malformed) {
		/* what was said before the document broke off is noise next to
		 * "not well-formed": keep only that */
		size_t w = first;
		for (size_t i = first; i < diags->n; i++) {
			if (strcmp(diags->v[i].rule, "xml-malformed") == 0)
				diags->v[w++] = diags->v[i];
			else
				free(diags->v[i].notes);
		}
		diags->n = w;
		*fatal = true;
		ecrc_design_free(d);
		return NULL;
	}
	if (!L.root_seen) {
		if (diags->n == first) /* else the wrong root was reported */
			schema_err(&L, (struct ecrc_loc){d->file, 1, 1}, "no <design> element");
		*fatal = true;
		ecrc_design_free(d);
		return NULL;
	}
	if (!d->cloud) {
		/* reported as a missing child; give the rules an empty cloud */
		d->cloud = ecrc_arena_alloc(a, sizeof *d->cloud);
		d->cloud->node.kind = ECRC_K_CLOUD;
		d->cloud->node.loc = d->node.loc;
		d->cloud->node.parent = &d->node;
	}
	ecrc_resolve(d, diags);
	return d;
}

struct ecrc_design *ecrc_load_memory(const char *name, const char *buf, size_t len, struct ecrc_diags *diags,
                                     bool *fatal)
{
	if (len > ECRC_MAX_FILE_BYTES) {
		ecrc_diag_add(diags, "xml-malformed", ECRC_SEV_ERROR,
		              (struct ecrc_loc){ecrc_arena_strdup(diags->arena, name), 1, 1}, NULL,
		              "the file is %zu bytes; designs are limited to %u MiB", len,
		              ECRC_MAX_FILE_BYTES / (1024u * 1024u));
		*fatal = true;
		return NULL;
	}
	char *copy = ecrc_xmalloc(len + 1);
	memcpy(copy, buf, len);
	copy[len] = '\0';
	return load(name, copy, len, diags, fatal);
}

static void io_error(struct ecrc_diags *diags, const char *path, const char *what)
{
	ecrc_diag_add(diags, "input", ECRC_SEV_ERROR,
	              (struct ecrc_loc){ecrc_arena_strdup(diags->arena, path), 0, 0}, NULL, "%s", what);
}

struct ecrc_design *ecrc_load_file(const char *path, struct ecrc_diags *diags, bool *fatal)
{
	*fatal = true;
	bool is_stdin = strcmp(path, "-") == 0;
	const char *shown = is_stdin ? "<stdin>" : path;
	char why[256], msg[512];
	int fd = is_stdin ? STDIN_FILENO : ecrc_input_open(path, why, sizeof why);
	if (fd < 0) {
		if (fd == ECRC_INPUT_NOT_REGULAR)
			snprintf(msg, sizeof msg, "cannot read the design: it %s", why);
		else
			snprintf(msg, sizeof msg, "cannot open the design: %s",
			         why + strlen("cannot open: "));
		io_error(diags, path, msg);
		return NULL;
	}
	struct stat st;
	if (!is_stdin && fstat(fd, &st) == 0 && (uint64_t)st.st_size > ECRC_MAX_FILE_BYTES) {
		close(fd);
		ecrc_diag_add(diags, "xml-malformed", ECRC_SEV_ERROR,
		              (struct ecrc_loc){ecrc_arena_strdup(diags->arena, path), 1, 1}, NULL,
		              "the file is %llu bytes; designs are limited to %u MiB",
		              (unsigned long long)st.st_size, ECRC_MAX_FILE_BYTES / (1024u * 1024u));
		return NULL;
	}
	char *buf = NULL;
	size_t len = 0;
	int r = ecrc_input_read(fd, ECRC_MAX_FILE_BYTES, &buf, &len, why, sizeof why);
	if (!is_stdin)
		close(fd);
	if (r == ECRC_INPUT_TOO_LARGE) {
		ecrc_diag_add(diags, "xml-malformed", ECRC_SEV_ERROR,
		              (struct ecrc_loc){ecrc_arena_strdup(diags->arena, shown), 1, 1}, NULL,
		              "the input is larger than %u MiB, the limit for a design",
		              ECRC_MAX_FILE_BYTES / (1024u * 1024u));
		return NULL;
	}
	if (r != 0) {
		snprintf(msg, sizeof msg, "cannot read the design: %s", why + strlen("cannot read: "));
		io_error(diags, path, msg);
		return NULL;
	}
	return load(shown, buf, len, diags, fatal);
}

void ecrc_design_free(struct ecrc_design *d)
{
	if (!d)
		return;
	void *source;
	memcpy(&source, &d->source, sizeof source); /* the loader's own buffer */
	free(source);
	ecrc_arena_free(d->arena);
}
