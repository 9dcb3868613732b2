/*
 * model.c: the design -> engine model translation. Builds the engine's
 * input from a loaded design: each CPE's IR (by default lowered by
 * emit/lower.c, exactly what `ecrc emit` renders, MD5 keys redacted: the
 * engine only needs to know that a key is there; a caller may supply
 * another source), and the cloud model (VBRs, ECRs and their associations,
 * transit routers with attachments and route policies, VPCs, data
 * centers) from the design's cloud side. Used by `ecrc verify` and by
 * `ecrc lab` for its predictions.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify/verify.h"

struct ecrc_verify_model {
	struct ecrc_arena *arena; /* the IR and every array below */
	struct ecrc_engine_model m;
	const struct ecrc_design *design;
	const struct ecrc_facts *facts;
	ecrc_verify_cpe_ir_fn cpe_ir;
	void *cpe_ir_ctx;
};

static void *alloc_n(struct ecrc_arena *a, size_t n, size_t size)
{
	return ecrc_arena_alloc(a, (n ? n : 1) * size);
}

static enum ecrc_engine_attach attach_kind(enum ecrc_attach_kind k)
{
	switch (k) {
	case ECRC_ATT_ECR:
		return ECRC_ENGINE_ATT_ECR;
	case ECRC_ATT_VBR:
		return ECRC_ENGINE_ATT_VBR;
	case ECRC_ATT_VPN:
		return ECRC_ENGINE_ATT_VPN;
	case ECRC_ATT_CCN:
		return ECRC_ENGINE_ATT_CCN;
	case ECRC_ATT_VPC:
		return ECRC_ENGINE_ATT_VPC;
	case ECRC_ATT_ANY:
	default:
		return ECRC_ENGINE_ATT_ANY;
	}
}

/* ---- the data centers and their CPEs ---------------------------------------------------- */

static int build_dcs(struct ecrc_verify_model *vm, struct ecrc_diags *diags)
{
	const struct ecrc_design *d = vm->design;
	struct ecrc_arena *a = vm->arena;
	size_t n_dcs = 0, n_cpes = 0;
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next) {
		n_dcs++;
		n_cpes += dc->n_cpes;
	}
	struct ecrc_engine_dc *dcs = alloc_n(a, n_dcs, sizeof(*dcs));
	const struct ecrc_ir_cpe **cpes = alloc_n(a, n_cpes, sizeof(*cpes));
	size_t i = 0, k = 0;
	int rc = 0;
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next, i++) {
		struct ecrc_engine_dc *x = &dcs[i];
		x->id = dc->id;
		struct ecrc_ipnet *prefixes = alloc_n(a, dc->n_prefixes, sizeof(*prefixes));
		for (const struct ecrc_prefix_node *p = dc->prefixes; p; p = p->next)
			prefixes[x->n_prefixes++] = ecrc_ipnet_network(p->prefix);
		x->prefixes = prefixes;
		const char **ids = alloc_n(a, dc->n_cpes, sizeof(*ids));
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next) {
			struct ecrc_ir_cpe *ir = vm->cpe_ir(d, c, a, diags, vm->cpe_ir_ctx);
			if (!ir) {
				rc = -1;
				continue;
			}
			cpes[k++] = ir;
			ids[x->n_cpes++] = ir->id;
		}
		x->cpe_ids = ids;
	}
	vm->m.dcs = dcs;
	vm->m.n_dcs = n_dcs;
	vm->m.cpes = cpes;
	vm->m.n_cpes = k;
	return rc;
}

/* ---- the cloud side -------------------------------------------------------------------------- */

static void build_vbr(const struct ecrc_vbr *v, struct ecrc_engine_vbr *x)
{
	x->id = v->id;
	x->connection_id = v->connection_id;
	x->region_id = v->region ? v->region->id : NULL;
	x->local_asn = ecrc_vbr_local_asn(v);
	x->local_address = v->local_address.addr;
	x->peer_address = v->peer_address;
	x->route_quota = v->route_quota;
	x->ecr_id = v->ecr ? v->ecr->id : NULL;
	const struct ecrc_bgp_peer *p = v->bgp_peer;
	x->bgp = v->routing == ECRC_ROUTING_BGP && p != NULL;
	if (!p)
		return;
	x->peer_asn = p->peer_asn;
	x->keepalive_s = p->keepalive_s;
	x->hold_s = p->hold_s;
	x->md5 = p->auth_md5;
	if (p->bfd)
		x->bfd = (struct ecrc_engine_bfd){.enabled = true,
		                                  .min_tx_ms = p->bfd->min_tx_ms,
		                                  .min_rx_ms = p->bfd->min_rx_ms,
		                                  .multiplier = p->bfd->multiplier};
}

static void build_cloud(struct ecrc_verify_model *vm)
{
	const struct ecrc_cloud *cl = vm->design->cloud;
	struct ecrc_arena *a = vm->arena;
	size_t n_vbrs = 0, n_trs = 0, n_vpcs = 0, n_attaches = 0, n_policies = 0, n_ecr_trs = 0,
	       n_ecr_vpcs = 0;
	for (const struct ecrc_region *r = cl->regions; r; r = r->next) {
		n_vbrs += r->n_vbrs;
		n_trs += r->n_trs;
		n_vpcs += r->n_vpcs;
		for (const struct ecrc_transit_router *t = r->trs; t; t = t->next) {
			n_attaches += t->n_attaches;
			n_policies += t->n_policies;
		}
	}
	for (const struct ecrc_ecr *e = cl->ecrs; e; e = e->next)
		for (const struct ecrc_associate *as = e->associates; as; as = as->next) {
			n_ecr_trs += as->kind == ECRC_ASSOC_TR;
			n_ecr_vpcs += as->kind == ECRC_ASSOC_VPC;
		}

	struct ecrc_engine_vbr *vbrs = alloc_n(a, n_vbrs, sizeof(*vbrs));
	struct ecrc_engine_tr *trs = alloc_n(a, n_trs, sizeof(*trs));
	struct ecrc_engine_vpc *vpcs = alloc_n(a, n_vpcs, sizeof(*vpcs));
	struct ecrc_engine_tr_attach *attaches = alloc_n(a, n_attaches, sizeof(*attaches));
	struct ecrc_engine_route_policy *policies = alloc_n(a, n_policies, sizeof(*policies));
	struct ecrc_engine_ecr *ecrs = alloc_n(a, cl->n_ecrs, sizeof(*ecrs));
	struct ecrc_engine_ecr_tr *ecr_trs = alloc_n(a, n_ecr_trs, sizeof(*ecr_trs));
	struct ecrc_engine_ecr_vpc *ecr_vpcs = alloc_n(a, n_ecr_vpcs, sizeof(*ecr_vpcs));
	struct ecrc_engine_model *m = &vm->m;

	for (const struct ecrc_region *r = cl->regions; r; r = r->next) {
		for (const struct ecrc_vbr *v = r->vbrs; v; v = v->next)
			build_vbr(v, &vbrs[m->n_vbrs++]);
		for (const struct ecrc_transit_router *t = r->trs; t; t = t->next) {
			trs[m->n_trs++] = (struct ecrc_engine_tr){.id = t->id, .region_id = r->id};
			for (const struct ecrc_attach *at = t->attaches; at; at = at->next)
				attaches[m->n_tr_attaches++] =
				    (struct ecrc_engine_tr_attach){.tr_id = t->id,
				                                   .kind = attach_kind(at->kind),
				                                   .target_id = at->target_id};
			for (const struct ecrc_route_policy *p = t->policies; p; p = p->next)
				policies[m->n_policies++] = (struct ecrc_engine_route_policy){
				    .tr_id = t->id,
				    .region_out = p->direction == ECRC_DIR_REGION_OUT,
				    .priority = p->priority,
				    .permit = p->action == ECRC_ACTION_PERMIT,
				    .source = attach_kind(p->source),
				    .destination = attach_kind(p->destination),
				};
		}
		for (const struct ecrc_vpc *v = r->vpcs; v; v = v->next) {
			/* what the VPC originates: one system route per vSwitch CIDR
			 * (lint/vswitch.c; a placeholder per block without vSwitches) */
			size_t n = ecrc_vpc_n_routes(v);
			struct ecrc_vpc_route *vr = ecrc_xcalloc(n, sizeof(*vr));
			struct ecrc_ipnet *routes = alloc_n(a, n, sizeof(*routes));
			n = ecrc_vpc_routes(v, vr);
			for (size_t k = 0; k < n; k++)
				routes[k] = vr[k].prefix;
			free(vr);
			vpcs[m->n_vpcs++] = (struct ecrc_engine_vpc){
			    .id = v->id, .region_id = r->id, .routes = routes, .n_routes = n};
		}
	}
	for (const struct ecrc_ecr *e = cl->ecrs; e; e = e->next) {
		ecrs[m->n_ecrs++] = (struct ecrc_engine_ecr){.id = e->id, .asn = e->asn};
		for (const struct ecrc_associate *as = e->associates; as; as = as->next) {
			if (as->kind == ECRC_ASSOC_TR) {
				struct ecrc_ipnet *allowed = alloc_n(a, as->n_allowed, sizeof(*allowed));
				size_t n = 0;
				for (const struct ecrc_prefix_node *p = as->allowed; p; p = p->next)
					allowed[n++] = ecrc_ipnet_network(p->prefix);
				ecr_trs[m->n_ecr_trs++] = (struct ecrc_engine_ecr_tr){.ecr_id = e->id,
				                                                      .tr_id = as->target_id,
				                                                      .allowed = allowed,
				                                                      .n_allowed = n};
			} else if (as->kind == ECRC_ASSOC_VPC) {
				ecr_vpcs[m->n_ecr_vpcs++] =
				    (struct ecrc_engine_ecr_vpc){.ecr_id = e->id, .vpc_id = as->target_id};
			}
		}
	}
	m->vbrs = vbrs;
	m->trs = trs;
	m->vpcs = vpcs;
	m->tr_attaches = attaches;
	m->policies = policies;
	m->ecrs = ecrs;
	m->ecr_trs = ecr_trs;
	m->ecr_vpcs = ecr_vpcs;
}

struct ecrc_ir_cpe *ecrc_verify_compiled_ir(const struct ecrc_design *d, const struct ecrc_cpe *cpe,
                                            struct ecrc_arena *arena, struct ecrc_diags *diags, void *ctx)
{
	const struct ecrc_facts *facts = ctx;
	struct ecrc_lower_options lo = {.redact_secrets = true, .facts = facts};
	return ecrc_lower_cpe(d, cpe, &lo, arena, diags);
}

struct ecrc_verify_model *ecrc_verify_model_new(const struct ecrc_design *d,
                                                const struct ecrc_verify_model_options *opt,
                                                struct ecrc_diags *diags)
{
	struct ecrc_verify_model *vm = ecrc_xcalloc(1, sizeof(*vm));
	vm->arena = ecrc_arena_new();
	vm->design = d;
	vm->facts = opt && opt->facts ? opt->facts : ecrc_facts_build(d);
	if (opt && opt->cpe_ir) {
		vm->cpe_ir = opt->cpe_ir;
		vm->cpe_ir_ctx = opt->cpe_ir_ctx;
	} else {
		/* the compiled IR, lowered with the facts built once */
		vm->cpe_ir = ecrc_verify_compiled_ir;
		vm->cpe_ir_ctx = (void *)(uintptr_t)vm->facts;
	}
	if (build_dcs(vm, diags) != 0) {
		ecrc_verify_model_free(vm);
		return NULL;
	}
	build_cloud(vm);
	return vm;
}

const struct ecrc_engine_model *ecrc_verify_engine_model(const struct ecrc_verify_model *vm)
{
	return &vm->m;
}

const struct ecrc_facts *ecrc_verify_facts(const struct ecrc_verify_model *vm)
{
	return vm->facts;
}

void ecrc_verify_model_free(struct ecrc_verify_model *vm)
{
	if (!vm)
		return;
	ecrc_arena_free(vm->arena);
	free(vm);
}
