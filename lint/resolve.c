/*
 * resolve.c: after the loader has built the tree, registers every id
 * (id-duplicate), resolves references to typed pointers (ref-unknown, with
 * the closest id of the right kind as a suggestion), sets the back pointers
 * the rules navigate by, applies defaults that depend on other elements,
 * and pairs each uplink with the VBR it peers with.
 */
#include <string.h>

#include "lint/lint.h"

struct ecrc_idmap {
	struct ecrc_node **slots;
	size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return h;
}

const char *ecrc_node_id(const struct ecrc_node *n)
{
	switch (n->kind) {
	case ECRC_K_DATACENTER:
		return ((const struct ecrc_datacenter *)n)->id;
	case ECRC_K_CPE:
		return ((const struct ecrc_cpe *)n)->id;
	case ECRC_K_UPLINK:
		return ((const struct ecrc_uplink *)n)->id;
	case ECRC_K_ECR:
		return ((const struct ecrc_ecr *)n)->id;
	case ECRC_K_REGION:
		return ((const struct ecrc_region *)n)->id;
	case ECRC_K_PHYSICAL_CONNECTION:
		return ((const struct ecrc_physical_connection *)n)->id;
	case ECRC_K_VBR:
		return ((const struct ecrc_vbr *)n)->id;
	case ECRC_K_TRANSIT_ROUTER:
		return ((const struct ecrc_transit_router *)n)->id;
	case ECRC_K_VPC:
		return ((const struct ecrc_vpc *)n)->id;
	case ECRC_K_VSWITCH:
		return ((const struct ecrc_vswitch *)n)->id;
	case ECRC_K_VPN:
	case ECRC_K_CCN:
		return ((const struct ecrc_simple *)n)->id;
	default:
		return NULL;
	}
}

static struct ecrc_node **idmap_slot(struct ecrc_idmap *m, const char *id)
{
	size_t i = (size_t)hash_str(id) & (m->cap - 1);
	while (m->slots[i] && strcmp(ecrc_node_id(m->slots[i]), id) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

struct ecrc_node *ecrc_design_find(const struct ecrc_design *d, const char *id)
{
	if (!d->ids || !id)
		return NULL;
	return *idmap_slot(d->ids, id);
}

struct resolver {
	struct ecrc_design *d;
	struct ecrc_diags *diags;
};

static void reg(struct resolver *R, struct ecrc_node *n)
{
	const char *id = ecrc_node_id(n);
	if (!id)
		return; /* the id was invalid and reported */
	struct ecrc_node **slot = idmap_slot(R->d->ids, id);
	if (*slot) {
		struct ecrc_finding *f = ecrc_diag_add(R->diags, "id-duplicate", ECRC_SEV_ERROR, n->loc, n,
		                                       "id '%s' is already used by the <%s> at line %u", id,
		                                       ecrc_kind_name((*slot)->kind), (*slot)->loc.line);
		ecrc_diag_note(R->diags, f, (*slot)->loc, "first defined here");
		return;
	}
	*slot = n;
	R->d->ids->n++;
}

/* Resolves `id` (from attribute `attr` of `from`) to a node of `kind`. */
static struct ecrc_node *ref(struct resolver *R, const struct ecrc_node *from, const char *attr,
                             const char *id, enum ecrc_kind kind)
{
	if (!id)
		return NULL;
	struct ecrc_node *n = ecrc_design_find(R->d, id);
	if (n && n->kind == kind)
		return n;
	if (n) {
		ecrc_diag_add(R->diags, "ref-unknown", ECRC_SEV_ERROR, from->loc, from,
		              "%s '%s' names a <%s>, not a <%s>", attr, id, ecrc_kind_name(n->kind),
		              ecrc_kind_name(kind));
		return NULL;
	}
	const char *best = NULL;
	unsigned best_d = 99;
	struct ecrc_idmap *m = R->d->ids;
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i] || m->slots[i]->kind != kind)
			continue;
		const char *cand = ecrc_node_id(m->slots[i]);
		unsigned dist = ecrc_edit_distance(id, cand);
		if (dist < best_d || (dist == best_d && best && strcmp(cand, best) < 0)) {
			best_d = dist;
			best = cand;
		}
	}
	size_t len = strlen(id);
	unsigned limit = len <= 4 ? 1 : len <= 10 ? 2 : 3;
	if (best && best_d <= limit)
		ecrc_diag_add(R->diags, "ref-unknown", ECRC_SEV_ERROR, from->loc, from,
		              "%s '%s' names no <%s>; did you mean '%s'?", attr, id, ecrc_kind_name(kind),
		              best);
	else
		ecrc_diag_add(R->diags, "ref-unknown", ECRC_SEV_ERROR, from->loc, from,
		              "%s '%s' names no <%s>", attr, id, ecrc_kind_name(kind));
	return NULL;
}

static void register_all(struct resolver *R)
{
	struct ecrc_design *d = R->d;
	size_t n = 0;
	for (struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next) {
		n += 1 + dc->n_cpes;
		for (struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			n += c->n_uplinks;
	}
	n += d->cloud->n_ecrs;
	for (struct ecrc_region *r = d->cloud->regions; r; r = r->next) {
		n += 1 + r->n_connections + r->n_vbrs + r->n_trs + r->n_vpcs + r->n_vpns + r->n_ccns;
		for (struct ecrc_vpc *v = r->vpcs; v; v = v->next)
			n += v->n_vswitches;
	}
	size_t cap = 64;
	while (cap < 2 * n + 1)
		cap *= 2;
	d->ids = ecrc_arena_alloc(d->arena, sizeof *d->ids);
	d->ids->cap = cap;
	d->ids->slots = ecrc_arena_alloc(d->arena, cap * sizeof *d->ids->slots);

	/* file order, so that the second of two equal ids is the one reported */
	for (struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next) {
		reg(R, &dc->node);
		for (struct ecrc_cpe *c = dc->cpes; c; c = c->next) {
			reg(R, &c->node);
			for (struct ecrc_uplink *u = c->uplinks; u; u = u->next)
				reg(R, &u->node);
		}
	}
	/* ECRs and regions interleave in the file: register in source order */
	struct ecrc_ecr *e = d->cloud->ecrs;
	struct ecrc_region *r = d->cloud->regions;
	while (e || r) {
		bool take_ecr =
		    e && (!r || e->node.loc.line < r->node.loc.line ||
		          (e->node.loc.line == r->node.loc.line && e->node.loc.col < r->node.loc.col));
		if (take_ecr) {
			reg(R, &e->node);
			e = e->next;
			continue;
		}
		reg(R, &r->node);
		/* region children are kept per kind; register them in file order */
		struct ecrc_node *heads[6] = {r->connections ? &r->connections->node : NULL,
		                              r->vbrs ? &r->vbrs->node : NULL,
		                              r->trs ? &r->trs->node : NULL,
		                              r->vpcs ? &r->vpcs->node : NULL,
		                              r->vpns ? &r->vpns->node : NULL,
		                              r->ccns ? &r->ccns->node : NULL};
		for (;;) {
			int best = -1;
			for (int k = 0; k < 6; k++) {
				if (!heads[k])
					continue;
				if (best < 0 || heads[k]->loc.line < heads[best]->loc.line ||
				    (heads[k]->loc.line == heads[best]->loc.line &&
				     heads[k]->loc.col < heads[best]->loc.col))
					best = k;
			}
			if (best < 0)
				break;
			struct ecrc_node *nd = heads[best];
			reg(R, nd);
			switch (nd->kind) {
			case ECRC_K_PHYSICAL_CONNECTION: {
				struct ecrc_physical_connection *x =
				    ((struct ecrc_physical_connection *)nd)->next;
				heads[best] = x ? &x->node : NULL;
				break;
			}
			case ECRC_K_VBR: {
				struct ecrc_vbr *x = ((struct ecrc_vbr *)nd)->next;
				heads[best] = x ? &x->node : NULL;
				break;
			}
			case ECRC_K_TRANSIT_ROUTER: {
				struct ecrc_transit_router *x = ((struct ecrc_transit_router *)nd)->next;
				heads[best] = x ? &x->node : NULL;
				break;
			}
			case ECRC_K_VPC: {
				struct ecrc_vpc *vpc = (struct ecrc_vpc *)nd;
				for (struct ecrc_vswitch *vs = vpc->vswitches; vs; vs = vs->next) {
					vs->vpc = vpc;
					reg(R, &vs->node);
				}
				struct ecrc_vpc *x = vpc->next;
				heads[best] = x ? &x->node : NULL;
				break;
			}
			default: {
				struct ecrc_simple *x = ((struct ecrc_simple *)nd)->next;
				heads[best] = x ? &x->node : NULL;
				break;
			}
			}
		}
		r = r->next;
	}
}

/* The VBR an uplink peers with, among those on its connection: the one on
 * the same VLAN; else the one whose peer-address is the uplink's address;
 * else the connection's only VBR. */
static struct ecrc_vbr *pair_uplink(const struct ecrc_uplink *u)
{
	const struct ecrc_physical_connection *pc = u->connection;
	if (!pc || !pc->vbrs)
		return NULL;
	for (struct ecrc_vbr *v = pc->vbrs; v; v = v->next_on_connection)
		if (v->vlan == u->vlan)
			return v;
	for (struct ecrc_vbr *v = pc->vbrs; v; v = v->next_on_connection)
		if (v->peer_address == u->address.addr)
			return v;
	return pc->n_vbrs == 1 ? pc->vbrs : NULL;
}

void ecrc_resolve(struct ecrc_design *d, struct ecrc_diags *diags)
{
	struct resolver R = {d, diags};
	register_all(&R);

	/* cloud side: regions and their members */
	for (struct ecrc_region *r = d->cloud->regions; r; r = r->next) {
		for (struct ecrc_physical_connection *pc = r->connections; pc; pc = pc->next)
			pc->region = r;
		for (struct ecrc_transit_router *tr = r->trs; tr; tr = tr->next)
			tr->region = r;
		for (struct ecrc_vpc *v = r->vpcs; v; v = v->next)
			v->region = r;
		for (struct ecrc_simple *s = r->vpns; s; s = s->next)
			s->region = r;
		for (struct ecrc_simple *s = r->ccns; s; s = s->next)
			s->region = r;
	}
	/* VBRs onto their connections; kept in file order per connection */
	for (struct ecrc_region *r = d->cloud->regions; r; r = r->next) {
		for (struct ecrc_vbr *v = r->vbrs; v; v = v->next) {
			v->region = r;
			v->connection = (struct ecrc_physical_connection *)ref(
			    &R, &v->node, "connection", v->connection_id, ECRC_K_PHYSICAL_CONNECTION);
			if (!v->connection)
				continue;
			/* prepended here, put back in file order below */
			v->next_on_connection = v->connection->vbrs;
			v->connection->vbrs = v;
			v->connection->n_vbrs++;
		}
		for (struct ecrc_transit_router *tr = r->trs; tr; tr = tr->next) {
			for (struct ecrc_attach *at = tr->attaches; at; at = at->next) {
				at->tr = tr;
				static const enum ecrc_kind kinds[] = {[ECRC_ATT_VPC] = ECRC_K_VPC,
				                                       [ECRC_ATT_VBR] = ECRC_K_VBR,
				                                       [ECRC_ATT_VPN] = ECRC_K_VPN,
				                                       [ECRC_ATT_CCN] = ECRC_K_CCN};
				if (at->kind == ECRC_ATT_ANY || !at->target_id)
					continue;
				at->target = ref(&R, &at->node, ecrc_attach_kind_name(at->kind),
				                 at->target_id, kinds[at->kind]);
			}
		}
	}
	for (struct ecrc_ecr *e = d->cloud->ecrs; e; e = e->next) {
		for (struct ecrc_associate *as = e->associates; as; as = as->next) {
			as->ecr = e;
			if (!as->target_id)
				continue;
			static const enum ecrc_kind kinds[] = {[ECRC_ASSOC_VBR] = ECRC_K_VBR,
			                                       [ECRC_ASSOC_VPC] = ECRC_K_VPC,
			                                       [ECRC_ASSOC_TR] = ECRC_K_TRANSIT_ROUTER};
			static const char *const names[] = {[ECRC_ASSOC_VBR] = "vbr",
			                                    [ECRC_ASSOC_VPC] = "vpc",
			                                    [ECRC_ASSOC_TR] = "transit-router"};
			as->target = ref(&R, &as->node, names[as->kind], as->target_id, kinds[as->kind]);
			if (as->target && as->kind == ECRC_ASSOC_VBR) {
				struct ecrc_vbr *v = (struct ecrc_vbr *)as->target;
				if (!v->ecr)
					v->ecr = e;
			}
		}
	}

	/* data center side */
	for (struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next) {
		for (struct ecrc_cpe *c = dc->cpes; c; c = c->next) {
			c->dc = dc;
			for (struct ecrc_uplink *u = c->uplinks; u; u = u->next) {
				u->cpe = c;
				u->connection = (struct ecrc_physical_connection *)ref(
				    &R, &u->node, "connection", u->connection_id, ECRC_K_PHYSICAL_CONNECTION);
				if (u->connection) {
					u->next_on_connection = u->connection->uplinks;
					u->connection->uplinks = u;
					u->connection->n_uplinks++;
				}
			}
			if (!ecrc_attr_set(&c->node, "router-id") && c->uplinks)
				c->router_id = c->uplinks->address.addr;
		}
	}
	/* the per-connection chains were built by prepending: reverse them */
	for (struct ecrc_region *r = d->cloud->regions; r; r = r->next) {
		for (struct ecrc_physical_connection *pc = r->connections; pc; pc = pc->next) {
			struct ecrc_vbr *vs = NULL;
			for (struct ecrc_vbr *v = pc->vbrs, *next; v; v = next) {
				next = v->next_on_connection;
				v->next_on_connection = vs;
				vs = v;
			}
			pc->vbrs = vs;
			struct ecrc_uplink *us = NULL;
			for (struct ecrc_uplink *u = pc->uplinks, *next; u; u = next) {
				next = u->next_on_connection;
				u->next_on_connection = us;
				us = u;
			}
			pc->uplinks = us;
		}
	}
	for (struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			for (struct ecrc_uplink *u = c->uplinks; u; u = u->next)
				u->vbr = pair_uplink(u);
}

uint32_t ecrc_vbr_local_asn(const struct ecrc_vbr *v)
{
	if (v->ecr)
		return v->ecr->asn;
	if (v->bgp_peer && v->bgp_peer->has_local_asn)
		return v->bgp_peer->local_asn;
	return 45104;
}
