/*
 * lower.c: design model -> CPE IR. One CPE at a time: per uplink an 802.1Q
 * sub-interface; per uplink with <bgp> one neighbor with its timers, MD5
 * key (from the environment, never from the design), BFD, inbound list
 * (the <accept> entries, or the cloud prefixes the uplink's VBR reaches)
 * and outbound terms (the routes the VBR is to receive, grouped by their
 * attributes); per uplink without <bgp> static routes to the reachable
 * cloud prefixes via the VBR; a discard anchor per advertised prefix.
 *
 * What the VBR receives and what it reaches come from the shared derived
 * facts (lint/facts.c), the same ones the rules judge, so the config says
 * exactly what lint checked.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"
#include "lint/lint.h"
#include "vendors/vendor.h"

#define DESCRIPTION_MAX 79 /* the shortest platform limit (Comware peer descriptions) */
#define KEY_MAX 80         /* RFC 2385 keys; FRR and Linux TCP_MD5SIG take 80 */
#define KEY_PUNCT "-_.:+=@%^*,/~[]()"

struct lowering {
	const struct ecrc_design *d;
	const struct ecrc_cpe *cpe;
	const struct ecrc_facts *facts;
	const struct ecrc_vendor *vendor;
	const struct ecrc_lower_options *opt;
	struct ecrc_arena *a;
	struct ecrc_diags *diags;
	bool failed;
};

static void error(struct lowering *L, const struct ecrc_node *at, struct ecrc_loc loc, const char *fmt, ...)
    ECRC_PRINTF(4, 5);

static void error(struct lowering *L, const struct ecrc_node *at, struct ecrc_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ecrc_diag_vadd(L->diags, "input", ECRC_SEV_ERROR, loc, at, fmt, ap);
	va_end(ap);
	L->failed = true;
}

/* "ECRC-<kind>-<id>", cut to fit with a digest of the id when too long. */
static const char *policy_name(struct ecrc_arena *a, const char *kind, const char *id)
{
	const size_t max = ECRC_IR_NAME_MAX - 5; /* room for "-NNNN" term suffixes */
	char *name = ecrc_arena_printf(a, "ECRC-%s-%s", kind, id);
	if (strlen(name) <= max)
		return name;
	unsigned char dg[32];
	char hex[65];
	ecrc_sha256(id, strlen(id), dg);
	ecrc_sha256_hex(dg, hex);
	size_t keep = max - strlen("ECRC-") - strlen(kind) - 1 - 9;
	return ecrc_arena_printf(a, "ECRC-%s-%.*s-%.8s", kind, (int)keep, id, hex);
}

static const char *cut(struct ecrc_arena *a, const char *s)
{
	return strlen(s) <= DESCRIPTION_MAX ? s : ecrc_arena_strndup(a, s, DESCRIPTION_MAX);
}

/* A key a config can carry on every platform: a letter first (Cisco reads
 * a leading digit and a space as an encryption type), then letters,
 * digits and a little punctuation; no blank, quote, comment or shell
 * character. */
static const char *key_problem(const char *key)
{
	if (!*key)
		return "is empty";
	if (!((key[0] >= 'A' && key[0] <= 'Z') || (key[0] >= 'a' && key[0] <= 'z')))
		return "does not start with a letter";
	for (const char *p = key; *p; p++) {
		char c = *p;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      strchr(KEY_PUNCT, c)))
			return "holds a character a config cannot carry (allowed: letters, digits "
			       "and " KEY_PUNCT ")";
	}
	return NULL;
}

static const char *env(const char *name)
{
	return getenv(name);
}

static const char *md5_key(struct lowering *L, const struct ecrc_uplink *u, bool *redacted)
{
	const struct ecrc_bgp *bgp = u->bgp;
	const char *var = bgp->auth_key_env;
	*redacted = false;
	if (!var)
		return NULL;
	struct ecrc_loc at = ecrc_attr_loc(&bgp->node, "auth-key-env");
	if (L->opt->redact_secrets) {
		*redacted = true;
		return ecrc_arena_printf(L->a, ECRC_REDACTED_PREFIX "%s>", var);
	}
	const char *key = (L->opt->getenv_fn ? L->opt->getenv_fn : env)(var);
	if (!key) {
		error(L, &bgp->node, at,
		      "uplink %s: environment variable %s (auth-key-env) is not set; export the BGP MD5 key "
		      "in it, "
		      "or emit with --redact-secrets",
		      u->id, var);
		return NULL;
	}
	size_t max =
	    L->vendor->limits && L->vendor->limits->md5_key_max ? L->vendor->limits->md5_key_max : KEY_MAX;
	if (max > KEY_MAX)
		max = KEY_MAX;
	const char *why = key_problem(key);
	if (why) {
		error(L, &bgp->node, at, "uplink %s: the MD5 key in %s %s", u->id, var, why);
		return NULL;
	}
	if (strlen(key) > max) {
		error(L, &bgp->node, at,
		      "uplink %s: the MD5 key in %s has %zu characters; %s accepts at most %zu", u->id, var,
		      strlen(key), L->vendor->name, max);
		return NULL;
	}
	return ecrc_arena_strdup(L->a, key);
}

/* The vendor's limits (vendors/limits.c), the same judgement as the rule
 * vendor-limit: each value refused is an error at its attribute. */
struct limit_ctx {
	struct lowering *L;
	const struct ecrc_uplink *u;
	const struct ecrc_node *node;
};

static void limit_error(void *ctx, const char *attr, const char *msg)
{
	struct limit_ctx *c = ctx;
	error(c->L, c->node, ecrc_attr_loc(c->node, attr), "uplink %s: %s", c->u->id, msg);
}

static void check_bgp_limits(struct lowering *L, const struct ecrc_uplink *u, const struct ecrc_bgp *bgp)
{
	struct limit_ctx c = {L, u, &bgp->node};
	ecrc_vendor_check_bgp(L->vendor, bgp->keepalive_s, bgp->hold_s, bgp->max_prefixes, limit_error, &c);
}

static void check_bfd_limits(struct lowering *L, const struct ecrc_uplink *u, const struct ecrc_bfd *bfd)
{
	struct limit_ctx c = {L, u, &bfd->node};
	ecrc_vendor_check_bfd(L->vendor, bfd->min_tx_ms, bfd->min_rx_ms, bfd->multiplier, limit_error, &c);
}

/* ---- prefix sets ------------------------------------------------------------ */

struct netvec {
	struct ecrc_ipnet *v;
	size_t n, cap;
};

static void netvec_push(struct netvec *nv, struct ecrc_ipnet p)
{
	if (nv->n == nv->cap) {
		nv->cap = nv->cap ? 2 * nv->cap : 8;
		nv->v = ecrc_xrealloc(nv->v, nv->cap * sizeof *nv->v);
	}
	nv->v[nv->n++] = ecrc_ipnet_network(p);
}

static int net_cmp(const void *a, const void *b)
{
	return ecrc_ipnet_cmp(*(const struct ecrc_ipnet *)a, *(const struct ecrc_ipnet *)b);
}

/* Sorted, without duplicates. */
static void netvec_sort(struct netvec *nv)
{
	if (nv->n)
		qsort(nv->v, nv->n, sizeof *nv->v, net_cmp);
	size_t k = 0;
	for (size_t i = 0; i < nv->n; i++)
		if (k == 0 || !ecrc_ipnet_equal(nv->v[k - 1], nv->v[i]))
			nv->v[k++] = nv->v[i];
	nv->n = k;
}

/* The cloud prefixes an uplink's VBR reaches: each reachable VPC's blocks
 * (primary and secondary), or, behind a transit router whose ECR
 * association lists allowed prefixes, those prefixes (they replace the
 * specific routes). `allowed` (may be NULL) tells which entries came from
 * an association and are advertised as they are. Sorted, no duplicates;
 * the data center's own prefixes are not removed here. */
static void cloud_blocks(const struct ecrc_uplink_facts *uf, struct netvec *out, struct netvec *allowed)
{
	for (size_t i = 0; uf && i < uf->n_reach; i++) {
		const struct ecrc_vpc_reach *r = &uf->reach[i];
		if (r->tr && r->associate && r->associate->n_allowed) {
			for (const struct ecrc_prefix_node *p = r->associate->allowed; p; p = p->next) {
				netvec_push(out, p->prefix);
				if (allowed)
					netvec_push(allowed, p->prefix);
			}
			continue;
		}
		netvec_push(out, r->vpc->cidr);
		for (const struct ecrc_prefix_node *p = r->vpc->cidrs; p; p = p->next)
			netvec_push(out, p->prefix);
	}
	netvec_sort(out);
	if (allowed)
		netvec_sort(allowed);
}

static bool dc_owns(const struct ecrc_datacenter *dc, struct ecrc_ipnet p)
{
	for (const struct ecrc_prefix_node *x = dc ? dc->prefixes : NULL; x; x = x->next)
		if (ecrc_ipnet_contains(ecrc_ipnet_network(x->prefix), p))
			return true;
	return false;
}

/* For static routing: the reachable cloud blocks, routed as a whole to the
 * VBR, never one of the data center's own prefixes. */
static void reachable(const struct lowering *L, const struct ecrc_uplink_facts *uf, struct netvec *out)
{
	cloud_blocks(uf, out, NULL);
	size_t k = 0;
	for (size_t i = 0; i < out->n; i++)
		if (!dc_owns(L->cpe->dc, out->v[i]))
			out->v[k++] = out->v[i];
	out->n = k;
}

/* Appends to `out` the parts of `block` that hold none of the data
 * center's prefixes: `block` itself when it meets none of them, nothing
 * when one contains it, else its two halves, each split in turn. A route
 * inside `block` is inside one of the parts exactly when it neither lies
 * in a data center prefix nor contains one. */
static void block_minus_dc(const struct ecrc_datacenter *dc, struct ecrc_ipnet block, struct netvec *out)
{
	bool meets = false;
	for (const struct ecrc_prefix_node *x = dc ? dc->prefixes : NULL; x; x = x->next) {
		struct ecrc_ipnet own = ecrc_ipnet_network(x->prefix);
		if (ecrc_ipnet_contains(own, block))
			return;
		if (ecrc_ipnet_contains(block, own))
			meets = true;
	}
	if (!meets || block.len == 32) {
		netvec_push(out, block);
		return;
	}
	uint8_t len = (uint8_t)(block.len + 1);
	struct ecrc_ipnet lo = {block.addr, len}, hi = {block.addr | (UINT32_C(1) << (32 - len)), len};
	block_minus_dc(dc, lo, out);
	block_minus_dc(dc, hi, out);
}

/* Without <accept>, the inbound list accepts what the cloud really sends
 * (docs/design-format.md, <vswitch>): every route inside each reachable
 * VPC block, from the block's length to /32, since the VPC advertises one
 * system route per vSwitch CIDR and never the block itself; or exactly an
 * ECR association's allowed prefixes. Never a data center prefix: a block
 * that holds one is split around it. */
static void default_import(const struct lowering *L, const struct ecrc_uplink_facts *uf,
                           struct ecrc_ir_prefix_list *l)
{
	struct netvec blocks = {0}, allowed = {0}, parts = {0};
	cloud_blocks(uf, &blocks, &allowed);
	bool *range = NULL;
	size_t n_range = 0;
	for (size_t i = 0; i < blocks.n; i++) {
		bool exact = false;
		for (size_t j = 0; j < allowed.n && !exact; j++)
			exact = ecrc_ipnet_equal(allowed.v[j], blocks.v[i]);
		if (exact) {
			if (!dc_owns(L->cpe->dc, blocks.v[i]))
				netvec_push(&parts, blocks.v[i]);
		} else {
			block_minus_dc(L->cpe->dc, blocks.v[i], &parts);
		}
		range = ecrc_xrealloc(range, (parts.n ? parts.n : 1) * sizeof *range);
		for (; n_range < parts.n; n_range++)
			range[n_range] = !exact;
	}
	l->entries = ecrc_arena_alloc(L->a, (parts.n ? parts.n : 1) * sizeof *l->entries);
	for (size_t i = 0; i < parts.n; i++) {
		struct ecrc_ir_prefix_entry *e = &l->entries[l->n_entries++];
		e->prefix = parts.v[i];
		if (range[i] && e->prefix.len < 32) {
			e->ge = e->prefix.len;
			e->le = 32;
		}
	}
	free(range);
	free(blocks.v);
	free(allowed.v);
	free(parts.v);
}

static void import_list(struct lowering *L, const struct ecrc_uplink *u, const struct ecrc_uplink_facts *uf,
                        struct ecrc_ir_neighbor *nb)
{
	struct ecrc_ir_prefix_list *l = &nb->import_list;
	l->name = nb->import_policy;
	if (u->bgp->n_accepts) {
		l->entries = ecrc_arena_alloc(L->a, u->bgp->n_accepts * sizeof *l->entries);
		for (const struct ecrc_accept *ac = u->bgp->accepts; ac; ac = ac->next) {
			struct ecrc_ir_prefix_entry *e = &l->entries[l->n_entries++];
			e->prefix = ecrc_ipnet_network(ac->prefix);
			if (ac->has_ge || ac->has_le) {
				uint8_t len = e->prefix.len;
				e->ge = ac->has_ge && ac->ge > len ? ac->ge : len;
				e->le = ac->has_le ? ac->le : 32;
				if (e->le < e->ge)
					e->le = e->ge;
				if (e->ge == len && e->le == len)
					e->ge = e->le = 0;
			}
		}
		return;
	}
	default_import(L, uf, l);
}

/* The routes the VBR is to receive, one term per distinct (prepend, MED,
 * origin), in the order of their first prefix. The router adds its own
 * ASN once on eBGP; the rest of the path is the prepend. */
static void export_terms(struct lowering *L, const struct ecrc_uplink_facts *uf, struct ecrc_ir_neighbor *nb)
{
	size_t n = uf ? uf->n_routes : 0;
	nb->export_terms = ecrc_arena_alloc(L->a, (n ? n : 1) * sizeof *nb->export_terms);
	size_t *counts = ecrc_xcalloc(n ? n : 1, sizeof *counts);
	size_t *term_of = ecrc_xcalloc(n ? n : 1, sizeof *term_of);
	for (size_t i = 0; i < n; i++) {
		const struct ecrc_route *r = &uf->routes[i];
		size_t t;
		for (t = 0; t < nb->n_export_terms; t++) {
			const struct ecrc_ir_export_term *x = &nb->export_terms[t];
			if (x->n_prepend == r->as_path_len - 1 &&
			    memcmp(x->prepend, r->as_path + 1, x->n_prepend * sizeof *x->prepend) == 0 &&
			    x->has_med == r->has_med && (!x->has_med || x->med == r->med) &&
			    (x->origin == ECRC_IR_ORIGIN_INCOMPLETE) == (r->origin == ECRC_ORIGIN_INCOMPLETE))
				break;
		}
		if (t == nb->n_export_terms) {
			struct ecrc_ir_export_term *x = &nb->export_terms[nb->n_export_terms++];
			x->n_prepend = r->as_path_len - 1;
			x->prepend =
			    ecrc_arena_alloc(L->a, (x->n_prepend ? x->n_prepend : 1) * sizeof *x->prepend);
			memcpy(x->prepend, r->as_path + 1, x->n_prepend * sizeof *x->prepend);
			x->has_med = r->has_med;
			x->med = r->med;
			x->origin = r->origin == ECRC_ORIGIN_INCOMPLETE ? ECRC_IR_ORIGIN_INCOMPLETE
			                                                : ECRC_IR_ORIGIN_IGP;
			x->match.name =
			    ecrc_arena_printf(L->a, "%s-%zu", nb->export_policy, nb->n_export_terms);
		}
		term_of[i] = t;
		counts[t]++;
	}
	for (size_t t = 0; t < nb->n_export_terms; t++)
		nb->export_terms[t].match.entries =
		    ecrc_arena_alloc(L->a, counts[t] * sizeof *nb->export_terms[t].match.entries);
	for (size_t i = 0; i < n; i++) {
		struct ecrc_ir_prefix_list *m = &nb->export_terms[term_of[i]].match;
		m->entries[m->n_entries++].prefix = uf->routes[i].prefix;
	}
	free(counts);
	free(term_of);
}

/* ---- the CPE ---------------------------------------------------------------- */

struct static_slot {
	struct ecrc_ir_static s;
	size_t order;
};

struct static_vec {
	struct static_slot *v;
	size_t n, cap;
};

static void push_static(struct static_vec *sv, struct ecrc_ir_static s)
{
	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? 2 * sv->cap : 8;
		sv->v = ecrc_xrealloc(sv->v, sv->cap * sizeof *sv->v);
	}
	sv->v[sv->n] = (struct static_slot){.s = s, .order = sv->n};
	sv->n++;
}

static int static_cmp(const void *a, const void *b)
{
	const struct static_slot *x = a, *y = b;
	if (x->s.has_next_hop != y->s.has_next_hop)
		return x->s.has_next_hop ? 1 : -1; /* anchors first */
	int c = ecrc_ipnet_cmp(x->s.prefix, y->s.prefix);
	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

struct ecrc_ir_cpe *ecrc_lower_cpe(const struct ecrc_design *d, const struct ecrc_cpe *cpe,
                                   const struct ecrc_lower_options *opt, struct ecrc_arena *arena,
                                   struct ecrc_diags *diags)
{
	struct lowering L = {.d = d, .cpe = cpe, .opt = opt, .a = arena, .diags = diags};
	const char *vendor = opt->vendor_override ? opt->vendor_override : cpe->vendor;
	L.vendor = vendor ? ecrc_vendor_find(vendor) : NULL;
	if (!L.vendor) {
		error(&L, &cpe->node, ecrc_attr_loc(&cpe->node, "vendor"), "cpe %s: unknown vendor \"%s\"",
		      cpe->id, vendor ? vendor : "");
		return NULL;
	}
	L.facts = opt->facts ? opt->facts : ecrc_facts_build(d);

	struct ecrc_ir_cpe *ir = ecrc_arena_alloc(arena, sizeof *ir);
	ir->id = ecrc_arena_strdup(arena, cpe->id);
	ir->hostname = ecrc_arena_strdup(arena, cpe->hostname ? cpe->hostname : cpe->id);
	ir->vendor = L.vendor->name;
	/* the platform: the design's, judged against the vendor emitted for (a
	 * --vendor override takes that vendor's default when the design's
	 * platform is not one of its own) */
	const char *pname = cpe->platform ? ecrc_platform_names[cpe->platform] : NULL;
	const struct ecrc_vendor_platform *pf = ecrc_vendor_platform(L.vendor, pname);
	if (!pf && opt->vendor_override)
		pf = ecrc_vendor_platform(L.vendor, NULL);
	if (!pf) {
		error(&L, &cpe->node, ecrc_attr_loc(&cpe->node, "platform"),
		      "cpe %s: %s has no platform \"%s\"; its platforms are %s", cpe->id, L.vendor->name,
		      pname, ecrc_vendor_platform_names(L.vendor));
		return NULL;
	}
	ir->platform = pf->name;
	ir->design_name = ecrc_arena_strdup(arena, d->name ? d->name : "");
	ecrc_sha256_hex(d->sha256, ir->design_sha256);
	ir->forced = opt->forced;
	ir->asn = cpe->asn;
	ir->router_id = cpe->router_id;

	size_t n_bgp = 0;
	for (const struct ecrc_uplink *u = cpe->uplinks; u; u = u->next)
		n_bgp += u->bgp != NULL;
	ir->ifaces = ecrc_arena_alloc(arena, (cpe->n_uplinks ? cpe->n_uplinks : 1) * sizeof *ir->ifaces);
	ir->neighbors = ecrc_arena_alloc(arena, (n_bgp ? n_bgp : 1) * sizeof *ir->neighbors);

	struct static_vec sv = {0};

	for (const struct ecrc_uplink *u = cpe->uplinks; u; u = u->next) {
		const struct ecrc_uplink_facts *uf = ecrc_facts_uplink(L.facts, u);
		const char *vbr = u->vbr ? u->vbr->id : NULL;
		size_t k = ir->n_ifaces++;
		struct ecrc_ir_iface *f = &ir->ifaces[k];
		f->parent = ecrc_arena_strdup(arena, u->interface);
		f->vlan = u->vlan;
		f->address = u->address;
		f->mtu = u->mtu;
		f->description =
		    cut(arena, vbr ? ecrc_arena_printf(arena, "to %s on %s", vbr, u->connection_id)
		                   : ecrc_arena_printf(arena, "on %s", u->connection_id));
		f->uplink_id = ecrc_arena_strdup(arena, u->id);

		if (!u->bgp) {
			/* static routing: the reachable cloud prefixes via the VBR */
			if (!u->vbr)
				continue;
			struct netvec nv = {0};
			reachable(&L, uf, &nv);
			for (size_t i = 0; i < nv.n; i++)
				push_static(&sv,
				            (struct ecrc_ir_static){.prefix = nv.v[i],
				                                    .has_next_hop = true,
				                                    .next_hop = u->vbr->local_address.addr});
			free(nv.v);
			continue;
		}

		const struct ecrc_bgp *bgp = u->bgp;
		struct ecrc_ir_neighbor *nb = &ir->neighbors[ir->n_neighbors++];
		nb->address = bgp->neighbor;
		nb->remote_as = bgp->remote_asn;
		nb->description = cut(arena, vbr ? ecrc_arena_printf(arena, "%s %s", vbr, u->connection_id)
		                                 : ecrc_arena_strdup(arena, u->connection_id));
		nb->iface = k;
		nb->keepalive_s = bgp->keepalive_s;
		nb->hold_s = bgp->hold_s;
		nb->timers_default = bgp->keepalive_s == 30 && bgp->hold_s == 90;
		check_bgp_limits(&L, u, bgp);
		nb->md5_key = md5_key(&L, u, &nb->md5_redacted);
		if (bgp->bfd) {
			nb->bfd = true;
			nb->bfd_min_tx_ms = bgp->bfd->min_tx_ms;
			nb->bfd_min_rx_ms = bgp->bfd->min_rx_ms;
			nb->bfd_multiplier = bgp->bfd->multiplier;
			check_bfd_limits(&L, u, bgp->bfd);
		}
		nb->max_prefixes = bgp->max_prefixes;
		nb->max_prefix_recovers = true;
		nb->max_prefix_restart_s = L.vendor->prefix_restart_unit_s ? ECRC_MAX_PREFIX_RESTART_S : 0;
		nb->max_prefix_warn_pct = L.vendor->prefix_warn ? ECRC_MAX_PREFIX_WARN_PCT : 0;
		nb->import_policy = policy_name(arena, "IN", u->id);
		if (cpe->dc && cpe->dc->redundancy == ECRC_ACTIVE_STANDBY && u->role == ECRC_ROLE_STANDBY)
			nb->import_local_pref = ECRC_STANDBY_LOCAL_PREF;
		nb->export_policy = policy_name(arena, "OUT", u->id);
		import_list(&L, u, uf, nb);
		export_terms(&L, uf, nb);
		nb->uplink_id = f->uplink_id;
		nb->connection_id = ecrc_arena_strdup(arena, u->connection_id);
		nb->vbr_id = vbr ? ecrc_arena_strdup(arena, vbr) : NULL;
		/* one anchor per advertised prefix (deduplicated below) */
		for (size_t i = 0; uf && i < uf->n_routes; i++)
			push_static(&sv, (struct ecrc_ir_static){.prefix = uf->routes[i].prefix});
	}

	if (sv.n)
		qsort(sv.v, sv.n, sizeof *sv.v, static_cmp);
	ir->statics = ecrc_arena_alloc(arena, (sv.n ? sv.n : 1) * sizeof *ir->statics);
	for (size_t i = 0; i < sv.n; i++) {
		const struct ecrc_ir_static *s = &sv.v[i].s;
		const struct ecrc_ir_static *last = ir->n_statics ? &ir->statics[ir->n_statics - 1] : NULL;
		if (last && last->has_next_hop == s->has_next_hop &&
		    ecrc_ipnet_equal(last->prefix, s->prefix) && last->next_hop == s->next_hop)
			continue;
		ir->statics[ir->n_statics++] = *s;
	}
	free(sv.v);
	ir->maximum_paths = ir->n_neighbors > 2 ? (uint32_t)ir->n_neighbors : 2;
	ecrc_ir_link(ir, arena);
	return L.failed ? NULL : ir;
}
