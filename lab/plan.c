/*
 * plan.c: the lab's topology, derived from the model: a router (namespace
 * plus FRR instance) per CPE, VBR and ECR that takes part in a BGP circuit;
 * a circuit (veth pair) per uplink and the VBR it pairs with; a trunk (veth
 * pair) per VBR and its ECR; the prefixes the cloud side originates (the
 * VPC CIDRs the design says each ECR, or an ECR-less VBR, reaches). No
 * system call happens here: the plan is testable without root.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lab/lab.h"

/* Growable arrays in the plan's arena would need copying; the counts are
 * bounded by the design, so each array is sized once from the model. */

static size_t count_uplinks(const struct ecrc_design *d, size_t *n_cpes)
{
	size_t n = 0;

	*n_cpes = 0;
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next) {
			(*n_cpes)++;
			n += c->n_uplinks;
		}
	return n;
}

static void skip(struct ecrc_lab *lab, size_t cap, const char *fmt, ...) ECRC_PRINTF(3, 4);
static void skip(struct ecrc_lab *lab, size_t cap, const char *fmt, ...)
{
	va_list ap;

	if (lab->n_skipped >= cap)
		return;
	va_start(ap, fmt);
	lab->skipped[lab->n_skipped++] = ecrc_arena_vprintf(lab->arena, fmt, ap);
	va_end(ap);
}

static struct ecrc_lab_router *add_router(struct ecrc_lab *lab, enum ecrc_lab_role role, const char *id)
{
	struct ecrc_lab_router *r = &lab->routers[lab->n_routers++];

	r->role = role;
	r->id = id;
	return r;
}

struct ecrc_lab_router *ecrc_lab_router_find(const struct ecrc_lab *lab, const char *id)
{
	for (size_t i = 0; i < lab->n_routers; i++)
		if (strcmp(lab->routers[i].id, id) == 0)
			return &lab->routers[i];
	return NULL;
}

/* Every prefix the design names, so that the trunks' subnets avoid them. */
struct used {
	struct ecrc_ipnet *v;
	size_t n, cap;
};

static void use(struct ecrc_lab *lab, struct used *u, struct ecrc_ipnet p)
{
	if (u->n == u->cap) {
		size_t cap = u->cap ? 2 * u->cap : 32;
		struct ecrc_ipnet *v = ecrc_arena_alloc(lab->arena, cap * sizeof(*v));
		if (u->n)
			memcpy(v, u->v, u->n * sizeof(*v));
		u->v = v;
		u->cap = cap;
	}
	u->v[u->n++] = p;
}

static void collect_used(struct ecrc_lab *lab, const struct ecrc_design *d, struct used *u)
{
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next) {
		for (const struct ecrc_prefix_node *p = dc->prefixes; p; p = p->next)
			use(lab, u, p->prefix);
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			for (const struct ecrc_uplink *up = c->uplinks; up; up = up->next) {
				use(lab, u, up->address);
				if (up->bgp)
					for (const struct ecrc_advertise *a = up->bgp->advertises; a;
					     a = a->next)
						use(lab, u, a->prefix);
			}
	}
	for (const struct ecrc_ecr *e = d->cloud->ecrs; e; e = e->next)
		for (const struct ecrc_associate *as = e->associates; as; as = as->next)
			for (const struct ecrc_prefix_node *p = as->allowed; p; p = p->next)
				use(lab, u, p->prefix);
	for (const struct ecrc_region *rg = d->cloud->regions; rg; rg = rg->next) {
		for (const struct ecrc_vbr *v = rg->vbrs; v; v = v->next)
			use(lab, u, v->local_address);
		for (const struct ecrc_vpc *v = rg->vpcs; v; v = v->next) {
			use(lab, u, v->cidr);
			for (const struct ecrc_prefix_node *p = v->cidrs; p; p = p->next)
				use(lab, u, p->prefix);
			for (const struct ecrc_vswitch *vs = v->vswitches; vs; vs = vs->next)
				use(lab, u, vs->cidr); /* inside a block, unless vswitch-outside-vpc */
		}
	}
}

/* The next /30 of 100.64.0.0/10 (shared address space, RFC 6598, which
 * Alibaba forbids for VBR peering) that overlaps nothing in the design. */
static bool next_trunk_subnet(const struct used *u, uint32_t *cursor, uint32_t *net)
{
	const uint32_t base = 0x64400000u, end = base + (1u << 22);

	while (*cursor < end) {
		struct ecrc_ipnet cand = {*cursor, 30};
		bool clash = false;
		*cursor += 4;
		for (size_t i = 0; i < u->n && !clash; i++)
			clash = ecrc_ipnet_overlaps(cand, u->v[i]);
		if (!clash) {
			*net = cand.addr;
			return true;
		}
	}
	return false;
}

static void add_origin(struct ecrc_lab *lab, size_t cap, struct ecrc_lab_router *r, struct ecrc_ipnet p)
{
	p = ecrc_ipnet_network(p);
	for (size_t i = 0; i < lab->n_origins; i++)
		if (lab->origins[i].router == r && ecrc_ipnet_equal(lab->origins[i].prefix, p))
			return;
	if (lab->n_origins < cap)
		lab->origins[lab->n_origins++] = (struct ecrc_lab_origin){r, p};
}

/* What the cloud side originates for one path to a VPC: the ECR's
 * allowed prefixes for its transit router replace the specific routes the
 * TR advertises (Alibaba, "Create an ECR connection"); otherwise the VPC's system routes, one per
 * vSwitch CIDR (the VPC's blocks are never advertised; a VPC without
 * vSwitches has the engine's placeholder per block, lint/vswitch.c), so
 * that the real CPEs learn what they would learn from Alibaba. */
static void add_reach(struct ecrc_lab *lab, size_t cap, struct ecrc_lab_router *r,
                      const struct ecrc_vpc_reach *rc)
{
	if (rc->associate && rc->tr && rc->associate->n_allowed) {
		for (const struct ecrc_prefix_node *p = rc->associate->allowed; p; p = p->next)
			add_origin(lab, cap, r, p->prefix);
		return;
	}
	size_t n = ecrc_vpc_n_routes(rc->vpc);
	struct ecrc_vpc_route *vr = ecrc_xcalloc(n, sizeof(*vr));
	n = ecrc_vpc_routes(rc->vpc, vr);
	for (size_t k = 0; k < n; k++)
		add_origin(lab, cap, r, vr[k].prefix);
	free(vr);
}

static size_t count_origin_cap(const struct ecrc_design *d)
{
	size_t n = 0;

	for (const struct ecrc_region *rg = d->cloud->regions; rg; rg = rg->next)
		for (const struct ecrc_vpc *v = rg->vpcs; v; v = v->next)
			n += ecrc_vpc_n_routes(v);
	for (const struct ecrc_ecr *e = d->cloud->ecrs; e; e = e->next)
		for (const struct ecrc_associate *as = e->associates; as; as = as->next)
			n += as->n_allowed;
	return n;
}

/* Namespace and pathspace names: ecrc-<pid>-<id>, shortened to
 * ecrc-<pid>-r<index> when a socket path under base would not fit. */
static int name_routers(struct ecrc_lab *lab, const char *base, char *err, size_t errlen)
{
	const size_t sun_path = 108, longest = sizeof "/staticd.vty";
	long pid = (long)getpid();

	for (size_t i = 0; i < lab->n_routers; i++) {
		struct ecrc_lab_router *r = &lab->routers[i];
		r->name = ecrc_arena_printf(lab->arena, "ecrc-%ld-%s", pid, r->id);
		if (strlen(base) + 1 + strlen(r->name) + longest > sun_path || strlen(r->name) > 48)
			r->name = ecrc_arena_printf(lab->arena, "ecrc-%ld-r%zu", pid, i);
		if (strlen(base) + 1 + strlen(r->name) + longest > sun_path) {
			snprintf(err, errlen,
			         "the temporary directory %s is too long for FRR's socket paths; set TMPDIR "
			         "to a shorter one",
			         base);
			return -1;
		}
		r->dir = ecrc_arena_printf(lab->arena, "%s/%s", base, r->name);
	}
	return 0;
}

/* The frr backend names an uplink's sub-interface <parent>.<vlan>, and
 * uses the port itself for VLAN 0 (an untagged circuit); the VBR's side
 * mirrors it. */
static void port_names(struct ecrc_lab_circuit *c, size_t index)
{
	snprintf(c->cpe_port, sizeof c->cpe_port, "up%zu", index);
	snprintf(c->vbr_port, sizeof c->vbr_port, "dc");
	if (c->uplink->vlan == 0)
		snprintf(c->cpe_if, sizeof c->cpe_if, "up%zu", index);
	else
		snprintf(c->cpe_if, sizeof c->cpe_if, "up%zu.%u", index, (unsigned)c->uplink->vlan);
	if (c->vbr->vlan == 0)
		snprintf(c->vbr_if, sizeof c->vbr_if, "dc");
	else
		snprintf(c->vbr_if, sizeof c->vbr_if, "dc.%u", (unsigned)c->vbr->vlan);
}

int ecrc_lab_plan(struct ecrc_lab *lab, const struct ecrc_design *d, const char *base, char *err,
                  size_t errlen)
{
	size_t n_cpes, n_uplinks = count_uplinks(d, &n_cpes);
	size_t n_ecrs = d->cloud->n_ecrs;
	size_t origin_cap = count_origin_cap(d);
	size_t skip_cap = n_uplinks + 1;
	struct used used = {0};

	lab->design = d;
	lab->facts = ecrc_facts_build(d);
	if (!lab->arena)
		lab->arena = ecrc_arena_new();
	lab->base = ecrc_arena_strdup(lab->arena, base);
	/* At most one router per CPE, per circuit's VBR, per ECR. */
	lab->routers =
	    ecrc_arena_alloc(lab->arena, (n_cpes + n_uplinks + n_ecrs + 1) * sizeof(*lab->routers));
	lab->circuits = ecrc_arena_alloc(lab->arena, (n_uplinks + 1) * sizeof(*lab->circuits));
	lab->trunks = ecrc_arena_alloc(lab->arena, (n_uplinks + 1) * sizeof(*lab->trunks));
	lab->origins = ecrc_arena_alloc(lab->arena, (origin_cap + 1) * sizeof(*lab->origins));
	lab->skipped = ecrc_arena_alloc(lab->arena, skip_cap * sizeof(*lab->skipped));

	/* Circuits, and the CPE and VBR routers they join. */
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *cpe = dc->cpes; cpe; cpe = cpe->next) {
			struct ecrc_lab_router *cr = NULL;
			size_t index = 0;
			for (const struct ecrc_uplink *up = cpe->uplinks; up; up = up->next, index++) {
				const struct ecrc_vbr *v = up->vbr;
				if (!up->bgp) {
					skip(lab, skip_cap, "uplink %s: static routing, not emulated",
					     up->id);
					continue;
				}
				if (!v) {
					skip(lab, skip_cap, "uplink %s: no VBR pairs with it", up->id);
					continue;
				}
				if (v->routing != ECRC_ROUTING_BGP || !v->bgp_peer) {
					skip(lab, skip_cap, "uplink %s: VBR %s does not speak BGP", up->id,
					     v->id);
					continue;
				}
				if (ecrc_lab_router_find(lab, v->id)) {
					skip(lab, skip_cap, "uplink %s: VBR %s already has a circuit", up->id,
					     v->id);
					continue;
				}
				if (!cr) {
					cr = add_router(lab, ECRC_LAB_CPE, cpe->id);
					cr->cpe = cpe;
					cr->asn = cpe->asn;
					cr->router_id = cpe->router_id;
				}
				struct ecrc_lab_router *vr = add_router(lab, ECRC_LAB_VBR, v->id);
				vr->vbr = v;
				vr->asn = ecrc_vbr_local_asn(v);
				vr->router_id = v->local_address.addr;

				struct ecrc_lab_circuit *c = &lab->circuits[lab->n_circuits++];
				c->uplink = up;
				c->vbr = v;
				c->cpe_router = cr;
				c->vbr_router = vr;
				c->cpe_addr = up->address.addr;
				c->vbr_addr = v->local_address.addr;
				c->len = v->local_address.len;
				c->cpe_bfd = up->bgp->bfd != NULL;
				c->vbr_bfd = v->bgp_peer->bfd != NULL;
				port_names(c, index);
				if (strlen(c->cpe_if) > 15 || strlen(c->vbr_if) > 15) {
					snprintf(err, errlen,
					         "uplink %s: interface name %s is too long for Linux", up->id,
					         c->cpe_if);
					return -1;
				}
			}
		}

	/* ECRs and trunks. */
	collect_used(lab, d, &used);
	uint32_t cursor = 0x64400000u;
	for (size_t i = 0; i < lab->n_circuits; i++) {
		struct ecrc_lab_circuit *c = &lab->circuits[i];
		const struct ecrc_ecr *e = c->vbr->ecr;
		const struct ecrc_uplink_facts *uf = ecrc_facts_uplink(lab->facts, c->uplink);
		if (!e) {
			/* A VBR without an ECR: it originates what it reaches itself. */
			if (uf)
				for (size_t k = 0; k < uf->n_reach; k++)
					add_reach(lab, origin_cap, c->vbr_router, &uf->reach[k]);
			continue;
		}
		struct ecrc_lab_router *er = ecrc_lab_router_find(lab, e->id);
		if (!er) {
			er = add_router(lab, ECRC_LAB_ECR, e->id);
			er->ecr = e;
			er->asn = e->asn;
		}
		uint32_t net;
		if (!next_trunk_subnet(&used, &cursor, &net)) {
			snprintf(err, errlen, "no free /30 in 100.64.0.0/10 for the VBR-ECR links");
			return -1;
		}
		size_t at_ecr = 0;
		for (size_t k = 0; k < lab->n_trunks; k++)
			at_ecr += lab->trunks[k].ecr_router == er;
		struct ecrc_lab_trunk *t = &lab->trunks[lab->n_trunks++];
		t->vbr_router = c->vbr_router;
		t->ecr_router = er;
		t->ecr_addr = net + 1;
		t->vbr_addr = net + 2;
		snprintf(t->vbr_if, sizeof t->vbr_if, "ecr");
		snprintf(t->ecr_if, sizeof t->ecr_if, "vbr%zu", at_ecr);
		if (!er->router_id)
			er->router_id = t->ecr_addr;
	}
	for (size_t i = 0; i < lab->n_routers; i++) {
		struct ecrc_lab_router *r = &lab->routers[i];
		const struct ecrc_ecr_facts *ef;
		if (r->role != ECRC_LAB_ECR || !(ef = ecrc_facts_ecr(lab->facts, r->ecr)))
			continue;
		for (size_t k = 0; k < ef->n_reach; k++)
			add_reach(lab, origin_cap, r, &ef->reach[k]);
	}
	if (!lab->n_circuits) {
		snprintf(err, errlen,
		         "the design has no circuit the lab can build (an uplink with <bgp> whose VBR speaks "
		         "BGP)");
		return -1;
	}
	return name_routers(lab, base, err, errlen);
}

const char *ecrc_lab_next_hop_owner(const struct ecrc_lab *lab, const struct ecrc_lab_router *r,
                                    uint32_t addr)
{
	for (size_t i = 0; i < lab->n_circuits; i++) {
		const struct ecrc_lab_circuit *c = &lab->circuits[i];
		if (c->cpe_router == r && c->vbr_addr == addr)
			return c->vbr_router->id;
		if (c->vbr_router == r && c->cpe_addr == addr)
			return c->cpe_router->id;
	}
	for (size_t i = 0; i < lab->n_trunks; i++) {
		const struct ecrc_lab_trunk *t = &lab->trunks[i];
		if (t->ecr_router == r && t->vbr_addr == addr)
			return t->vbr_router->id;
		if (t->vbr_router == r && t->ecr_addr == addr)
			return t->ecr_router->id;
	}
	return NULL;
}
