/*
 * drift.c: the design's cloud side against what Terraform says is deployed
 * (`ecrc check --terraform-state`). Each design object is found in the
 * state by the Terraform name `ecrc emit --terraform` gives it, else by the
 * instance name it sets (virtual_border_router_name, ecr_name) or by the
 * IDs that link the resources (a BGP group's router_id is its VBR's id, a
 * child instance's ecr_id and child_instance_id). Every difference is a
 * drift-cloud error at the resource's line in the state file, naming the
 * resource and the attribute, with a note at the design element. An
 * attribute the state does not know (a plan before apply) is not compared.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"
#include "terraform/terraform.h"

struct drift {
	const struct ecrc_design *d;
	const struct ecrc_tf_state *st;
	struct ecrc_diags *diags;
	const char *file; /* the state's path, owned by diags */
	size_t n;
};

static struct ecrc_finding *report(struct drift *D, const struct ecrc_tf_resource *r,
                                   const struct ecrc_node *at, const char *attr, const char *fmt, ...)
    ECRC_PRINTF(5, 6);
static struct ecrc_finding *report(struct drift *D, const struct ecrc_tf_resource *r,
                                   const struct ecrc_node *at, const char *attr, const char *fmt, ...)
{
	struct ecrc_buf m = {0};
	va_list ap;
	va_start(ap, fmt);
	ecrc_buf_vprintf(&m, fmt, ap);
	va_end(ap);
	struct ecrc_loc loc = {D->file, r ? r->line : 1, 1};
	struct ecrc_finding *f =
	    ecrc_diag_add(D->diags, ECRC_TF_DRIFT_RULE, ECRC_SEV_ERROR, loc, NULL, "%s", m.p);
	ecrc_buf_free(&m);
	if (at) {
		/* name the element by its id, or its nearest ancestor's */
		const struct ecrc_node *named = at;
		while (named && !ecrc_node_id(named))
			named = named->parent;
		if (named == at || !named)
			ecrc_diag_note(D->diags, f, attr ? ecrc_attr_loc(at, attr) : at->loc,
			               "<%s%s%s> in the design", ecrc_kind_name(at->kind),
			               named ? " id=" : "", named ? ecrc_node_id(named) : "");
		else
			ecrc_diag_note(D->diags, f, attr ? ecrc_attr_loc(at, attr) : at->loc,
			               "<%s> of %s in the design", ecrc_kind_name(at->kind),
			               ecrc_node_id(named));
	}
	D->n++;
	return f;
}

static const char *tfname(const char *id, char buf[160])
{
	ecrc_tf_name(id, buf, 160);
	return buf;
}

/* The resource for a design object: by Terraform name, else by the value
 * of `by_attr` (an instance name) equal to the design id. */
static const struct ecrc_tf_resource *find(const struct ecrc_tf_state *st, const char *type, const char *id,
                                           const char *by_attr)
{
	char n[160];
	const struct ecrc_tf_resource *r = ecrc_tf_find(st, type, tfname(id, n));
	if (r || !by_attr)
		return r;
	for (size_t i = 0; i < st->n; i++) {
		const char *v = ecrc_tf_str(&st->resources[i], by_attr);
		if (strcmp(st->resources[i].type, type) == 0 && v && strcmp(v, id) == 0)
			return &st->resources[i];
	}
	return NULL;
}

/* The resource of a type whose attribute `attr` holds the value of
 * `other`'s id (a BGP group's router_id = its VBR's id). */
static const struct ecrc_tf_resource *linked(const struct ecrc_tf_state *st, const char *type,
                                             const char *attr, const struct ecrc_tf_resource *other)
{
	const char *id = ecrc_tf_str(other, "id");
	if (!id)
		return NULL;
	for (size_t i = 0; i < st->n; i++) {
		const char *v = ecrc_tf_str(&st->resources[i], attr);
		if (strcmp(st->resources[i].type, type) == 0 && v && strcmp(v, id) == 0)
			return &st->resources[i];
	}
	return NULL;
}

/* A number attribute against the design's value. */
static void cmp_u32(struct drift *D, const struct ecrc_tf_resource *r, const char *attr, uint32_t want,
                    const struct ecrc_node *at, const char *design_attr)
{
	uint32_t got;
	if (!ecrc_tf_u32(r, attr, &got))
		return;
	if (got != want)
		report(D, r, at, design_attr, "%s: %s is %u, the design says %u", r->address, attr, got,
		       want);
}

/* An IPv4 attribute (address or dotted mask) against the design's value. */
static void cmp_ipv4(struct drift *D, const struct ecrc_tf_resource *r, const char *attr, uint32_t want,
                     const struct ecrc_node *at, const char *design_attr)
{
	const char *s = ecrc_tf_str(r, attr);
	if (!s)
		return;
	uint32_t got;
	char w[16];
	if (!ecrc_parse_ipv4(s, &got) || got != want)
		report(D, r, at, design_attr, "%s: %s is %s, the design says %s", r->address, attr, s,
		       ecrc_fmt_ipv4(want, w));
}

static void missing(struct drift *D, const char *type, const char *id, const struct ecrc_node *at,
                    const char *what)
{
	char n[160];
	report(D, NULL, at, NULL, "no %s.%s in the state: %s %s is not deployed (or not by this state)", type,
	       tfname(id, n), what, id);
}

static void check_vbr(struct drift *D, const struct ecrc_vbr *v)
{
	const struct ecrc_tf_resource *r = find(D->st, ECRC_TF_VBR, v->id, "virtual_border_router_name");
	if (!r) {
		missing(D, ECRC_TF_VBR, v->id, &v->node, "VBR");
		return;
	}
	const struct ecrc_node *at = &v->node;
	cmp_u32(D, r, "vlan_id", v->vlan, at, "vlan");
	cmp_ipv4(D, r, "local_gateway_ip", v->local_address.addr, at, "local-address");
	cmp_ipv4(D, r, "peer_gateway_ip", v->peer_address, at, "peer-address");
	cmp_ipv4(D, r, "peering_subnet_mask", ecrc_mask(v->local_address.len), at, "local-address");
	cmp_u32(D, r, "mtu", v->mtu, at, "mtu");
	const struct ecrc_bgp_peer *p = v->bgp_peer;
	if (p && p->bfd) {
		const struct ecrc_node *b = &p->bfd->node;
		cmp_u32(D, r, "min_tx_interval", p->bfd->min_tx_ms, b, "min-tx");
		cmp_u32(D, r, "min_rx_interval", p->bfd->min_rx_ms, b, "min-rx");
		cmp_u32(D, r, "detect_multiplier", p->bfd->multiplier, b, "multiplier");
	}
	if (!p)
		return;

	char n[160];
	tfname(v->id, n);
	const struct ecrc_tf_resource *g = ecrc_tf_find(D->st, ECRC_TF_BGP_GROUP, n);
	if (!g)
		g = linked(D->st, ECRC_TF_BGP_GROUP, "router_id", r);
	if (!g) {
		report(D, r, &p->node, NULL,
		       "%s: no %s for it in the state: the design's BGP peer of %s (peer ASN %u) "
		       "is not deployed",
		       r->address, ECRC_TF_BGP_GROUP, v->id, p->peer_asn);
		return;
	}
	cmp_u32(D, g, "peer_asn", p->peer_asn, &p->node, "peer-asn");
	uint32_t local;
	if (ecrc_tf_u32(g, "local_asn", &local) && local != 0 && local != ecrc_vbr_local_asn(v))
		report(D, g, v->ecr ? &v->ecr->node : &p->node, v->ecr ? "asn" : "local-asn",
		       "%s: local_asn is %u, the design's VBR %s speaks AS %u%s", g->address, local, v->id,
		       ecrc_vbr_local_asn(v), v->ecr ? " (its ECR's)" : "");
	cmp_u32(D, g, "route_limit", v->route_quota, &v->node, "route-quota");
	if (g->values) {
		bool key = ecrc_tf_str(g, "auth_key") != NULL;
		if (key != p->auth_md5)
			report(D, g, &p->node, "auth", "%s: auth_key is %s, the design says %s", g->address,
			       key ? "set" : "empty", p->auth_md5 ? "auth=\"md5\"" : "no MD5");
	}

	const struct ecrc_tf_resource *peer = ecrc_tf_find(D->st, ECRC_TF_BGP_PEER, n);
	if (!peer)
		peer = linked(D->st, ECRC_TF_BGP_PEER, "bgp_group_id", g);
	if (!peer) {
		report(D, g, &p->node, NULL,
		       "%s: no %s in it in the state: the design's BGP peer of %s is not "
		       "deployed",
		       g->address, ECRC_TF_BGP_PEER, v->id);
		return;
	}
	cmp_ipv4(D, peer, "peer_ip_address", v->peer_address, &v->node, "peer-address");
	int bfd = ecrc_tf_bool(peer, "enable_bfd");
	if (bfd >= 0 && bfd != (p->bfd != NULL))
		report(D, peer, p->bfd ? &p->bfd->node : &p->node, NULL,
		       "%s: enable_bfd is %s, the design %s", peer->address, bfd ? "true" : "false",
		       p->bfd ? "has <bfd>" : "has no <bfd>");
}

/* Is prefix text s one of the association's allowed prefixes? */
static bool allowed_has(const struct ecrc_associate *a, const char *s)
{
	struct ecrc_ipnet p;
	if (!ecrc_parse_ipnet(s, &p))
		return false;
	for (const struct ecrc_prefix_node *x = a->allowed; x; x = x->next)
		if (ecrc_ipnet_equal(ecrc_ipnet_network(x->prefix), ecrc_ipnet_network(p)) &&
		    x->prefix.len == p.len)
			return true;
	return false;
}

static void check_allowed(struct drift *D, const struct ecrc_tf_resource *r, const struct ecrc_associate *a)
{
	if (!ecrc_tf_has(r, "allowed_prefixes") && !a->n_allowed)
		return;
	size_t n = ecrc_tf_list_len(r, "allowed_prefixes");
	char buf[19];
	for (size_t i = 0; i < n; i++) {
		const char *s = ecrc_tf_list_str(r, "allowed_prefixes", i);
		if (s && !allowed_has(a, s))
			report(D, r, &a->node, NULL,
			       "%s: allowed_prefixes has %s, which the design does not allow", r->address, s);
	}
	for (const struct ecrc_prefix_node *x = a->allowed; x; x = x->next) {
		bool found = false;
		for (size_t i = 0; i < n && !found; i++) {
			struct ecrc_ipnet p;
			const char *s = ecrc_tf_list_str(r, "allowed_prefixes", i);
			found = s && ecrc_parse_ipnet(s, &p) &&
			        ecrc_ipnet_equal(ecrc_ipnet_network(p), ecrc_ipnet_network(x->prefix)) &&
			        p.len == x->prefix.len;
		}
		if (!found)
			report(D, r, &x->node, NULL, "%s: allowed_prefixes lacks %s, which the design allows",
			       r->address, ecrc_fmt_ipnet(x->prefix, buf));
	}
}

/* Was this state resource (of one of the association types) accounted for
 * by the design's associations of ECR e? */
struct seen {
	const struct ecrc_tf_resource **v;
	size_t n;
};

static bool was_seen(const struct seen *s, const struct ecrc_tf_resource *r)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == r)
			return true;
	return false;
}

static void check_ecr(struct drift *D, const struct ecrc_ecr *e)
{
	const struct ecrc_tf_resource *r = find(D->st, ECRC_TF_ECR, e->id, "ecr_name");
	if (!r) {
		missing(D, ECRC_TF_ECR, e->id, &e->node, "ECR");
		return;
	}
	cmp_u32(D, r, "alibaba_side_asn", e->asn, &e->node, "asn");
	struct seen seen = {ecrc_xcalloc(e->n_associates + 1, sizeof *seen.v), 0};
	char an[330];
	for (const struct ecrc_associate *a = e->associates; a; a = a->next) {
		const char *type = a->kind == ECRC_ASSOC_VBR  ? ECRC_TF_VBR_CHILD
		                   : a->kind == ECRC_ASSOC_TR ? ECRC_TF_TR_ASSOC
		                                              : ECRC_TF_VPC_ASSOC;
		ecrc_tf_assoc_name(e->id, a->target_id, an, sizeof an);
		const struct ecrc_tf_resource *x = ecrc_tf_find(D->st, type, an);
		if (!x && a->kind == ECRC_ASSOC_VBR) {
			/* by the IDs: ecr_id and child_instance_id */
			const struct ecrc_tf_resource *vbr =
			    find(D->st, ECRC_TF_VBR, a->target_id, "virtual_border_router_name");
			const char *eid = ecrc_tf_str(r, "id"), *vid = ecrc_tf_str(vbr, "id");
			for (size_t i = 0; i < D->st->n && !x && eid && vid; i++) {
				const struct ecrc_tf_resource *c = &D->st->resources[i];
				const char *ce = ecrc_tf_str(c, "ecr_id"),
				           *cv = ecrc_tf_str(c, "child_instance_id");
				if (strcmp(c->type, type) == 0 && ce && cv && strcmp(ce, eid) == 0 &&
				    strcmp(cv, vid) == 0)
					x = c;
			}
		}
		if (!x) {
			report(D, r, &a->node, NULL,
			       "%s: no %s.%s in the state: the design associates %s %s with %s", r->address,
			       type, an,
			       a->kind == ECRC_ASSOC_VBR  ? "VBR"
			       : a->kind == ECRC_ASSOC_TR ? "transit router"
			                                  : "VPC",
			       a->target_id, e->id);
			continue;
		}
		seen.v[seen.n++] = x;
		if (a->kind != ECRC_ASSOC_VBR)
			check_allowed(D, x, a);
	}
	/* what the state associates with this ECR beyond the design */
	const char *eid = ecrc_tf_str(r, "id");
	char en[160];
	tfname(e->id, en);
	size_t enl = strlen(en);
	for (size_t i = 0; i < D->st->n; i++) {
		const struct ecrc_tf_resource *c = &D->st->resources[i];
		if (strcmp(c->type, ECRC_TF_VBR_CHILD) != 0 && strcmp(c->type, ECRC_TF_TR_ASSOC) != 0 &&
		    strcmp(c->type, ECRC_TF_VPC_ASSOC) != 0)
			continue;
		if (was_seen(&seen, c))
			continue;
		const char *ce = ecrc_tf_str(c, "ecr_id");
		bool ours =
		    eid && ce ? strcmp(ce, eid) == 0 : strncmp(c->name, en, enl) == 0 && c->name[enl] == '_';
		if (ours)
			report(D, c, &e->node, NULL,
			       "%s: associated with %s in the state, but not in the design", c->address,
			       e->id);
	}
	free(seen.v);
}

size_t ecrc_tf_check(const struct ecrc_design *d, const struct ecrc_tf_state *st, struct ecrc_diags *diags)
{
	struct drift D = {
	    .d = d, .st = st, .diags = diags, .file = ecrc_arena_strdup(diags->arena, st->path)};
	for (const struct ecrc_region *rg = d->cloud->regions; rg; rg = rg->next)
		for (const struct ecrc_vbr *v = rg->vbrs; v; v = v->next)
			check_vbr(&D, v);
	for (const struct ecrc_ecr *e = d->cloud->ecrs; e; e = e->next)
		check_ecr(&D, e);
	return D.n;
}
