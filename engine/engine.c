/*
 * engine.c: the engine's public face. Options, building and freeing an
 * engine, the convergence run, and the queries on the converged state:
 * sessions (with the negotiated BGP and BFD numbers) and routes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

struct ecrc_engine {
	struct eng e;
};

#define SEC 1000000ull

void ecrc_engine_options_init(struct ecrc_engine_options *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = 1;
	o->converge_limit_us = 300 * SEC;
	o->hop_delay = (struct ecrc_engine_hop_delay){.vbr_us = ECRC_ENGINE_CLOUD_HOP_DELAY_US,
	                                              .ecr_us = ECRC_ENGINE_CLOUD_HOP_DELAY_US,
	                                              .tr_us = ECRC_ENGINE_CLOUD_HOP_DELAY_US};
}

struct ecrc_engine *ecrc_engine_new(const struct ecrc_engine_model *m, const struct ecrc_engine_options *opt,
                                    char *err, size_t errlen)
{
	struct ecrc_engine *E = ecrc_xcalloc(1, sizeof(*E));
	struct eng *e = &E->e;
	if (opt)
		e->opt = *opt;
	else
		ecrc_engine_options_init(&e->opt);
	if (e->opt.converge_limit_us == 0)
		e->opt.converge_limit_us = 300 * SEC;
	e->model = m;
	e->arena = ecrc_arena_new();
	e->now = e->opt.start_us;
	e->empty_path = eng_aspath_intern(e, NULL, 0);
	if (eng_build(e, m, err, errlen) != 0) {
		ecrc_engine_free(E);
		return NULL;
	}
	return E;
}

void ecrc_engine_free(struct ecrc_engine *E)
{
	if (!E)
		return;
	struct eng *e = &E->e;
	for (size_t i = 0; i < e->n_routers; i++) {
		struct eng_router *r = e->routers[i];
		free(r->adjs);
		free(r->rib.slots);
		free(r->rib.list);
	}
	for (size_t i = 0; i < e->n_links; i++)
		free(e->links[i]->circuits);
	free(e->routers);
	free(e->circuits);
	free(e->links);
	free(e->regions);
	free(e->heap);
	free(e->fifo);
	free(e->prefixes);
	free(e->prefix_slots);
	free(e->aspath_slots);
	free(e->attr_slots);
	free(e->router_ids.slots);
	free(e->link_ids.slots);
	free(e->circuit_ids.slots);
	free(e->undo);
	free(e->undo_data);
	free(e->touched);
	free(e->scratch_names);
	free(e->walk_memo);
	free(e->walk_circuits);
	for (size_t i = 0; i < e->n_dcs; i++)
		free(e->dcs[i].pairs);
	ecrc_arena_free(e->arena);
	free(E);
}

struct eng *eng_of(struct ecrc_engine *E)
{
	return &E->e;
}

/* ---- convergence ---------------------------------------------------------------------- */

static void originate(struct eng *e, struct eng_router *r, struct ecrc_ipnet p)
{
	struct eng_attrs a = {.as_path = e->empty_path, .local_pref = 100, .origin = ENG_ORIGIN_IGP};
	eng_rib_update(e, r, NULL, eng_prefix_intern(e, p), eng_attrs_intern(e, &a), NULL);
}

uint64_t ecrc_engine_converge(struct ecrc_engine *E)
{
	struct eng *e = &E->e;
	uint64_t start = e->opt.start_us;
	e->now = start;
	e->last_change = start;
	eng_trace(e, "start: %zu routers, %zu circuits, seed %llu", e->n_routers, e->n_circuits,
	          (unsigned long long)e->opt.seed);
	/* what each router originates: a CPE's discard anchors, a VPC's system
	 * routes (one per vSwitch CIDR) */
	for (size_t i = 0; i < e->n_routers; i++) {
		struct eng_router *r = e->routers[i];
		if (r->kind == ENG_R_CPE) {
			for (size_t k = 0; k < r->ir->n_statics; k++)
				if (!r->ir->statics[k].has_next_hop)
					originate(e, r, r->ir->statics[k].prefix);
		} else if (r->kind == ENG_R_VPC) {
			for (size_t k = 0; k < r->vpc->n_routes; k++)
				originate(e, r, r->vpc->routes[k]);
		}
	}
	/* every session starts (RFC 4271 8.1.2 ManualStart; RFC 5880 6.8.1) */
	for (size_t i = 0; i < e->n_circuits; i++) {
		struct eng_circuit *c = e->circuits[i];
		eng_bgp_event(e, &c->cpe_bgp, ENG_BGP_MANUAL_START, NULL);
		eng_bgp_event(e, &c->vbr_bgp, ENG_BGP_MANUAL_START, NULL);
		eng_bfd_start(e, &c->cpe_bfd);
		eng_bfd_start(e, &c->vbr_bfd);
	}
	eng_run(e, start + e->opt.converge_limit_us);
	e->converged = true;
	e->converge_events = e->events;
	eng_trace(e, "converged: last change at %.6f s, %llu events", (double)(e->last_change - start) / 1e6,
	          (unsigned long long)e->events);
	return e->last_change - start;
}

uint64_t ecrc_engine_converge_events(const struct ecrc_engine *E)
{
	return E->e.converge_events;
}

/* ---- sessions ------------------------------------------------------------------------------ */

size_t ecrc_engine_n_sessions(const struct ecrc_engine *E)
{
	return E->e.n_circuits;
}

static const char *session_reason(const struct eng_circuit *c)
{
	const struct eng_bgp *a = &c->cpe_bgp, *b = &c->vbr_bgp;
	if (a->state == ECRC_BGP_ESTABLISHED && b->state == ECRC_BGP_ESTABLISHED)
		return NULL;
	if (!c->vbr)
		return "no VBR pairs with this uplink";
	if (!b->configured)
		return "the VBR has no BGP peer";
	if (a->md5 != b->md5)
		return a->md5 ? "MD5 on the CPE only: the VBR drops the TCP segments (RFC 2385)"
		              : "MD5 on the VBR only: it drops the CPE's TCP segments (RFC 2385)";
	if (a->error || b->error)
		return a->error >= b->error ? a->error_detail : b->error_detail;
	return "not established";
}

void ecrc_engine_session(const struct ecrc_engine *E, size_t i, struct ecrc_engine_session_info *out)
{
	const struct eng *e = &E->e;
	const struct eng_circuit *c = e->circuits[i];
	memset(out, 0, sizeof(*out));
	out->uplink_id = c->uplink_id;
	out->cpe_id = c->cpe->id;
	out->vbr_id = c->vbr ? c->vbr->id : NULL;
	out->connection_id = c->link->id;
	out->cpe_state = c->cpe_bgp.state;
	out->vbr_state = c->vbr_bgp.state;
	out->established =
	    c->cpe_bgp.state == ECRC_BGP_ESTABLISHED && c->vbr_bgp.state == ECRC_BGP_ESTABLISHED;
	out->reason = session_reason(c);
	const struct eng_bgp *fa = &c->cpe_bgp, *fb = &c->vbr_bgp;
	out->bgp_flaps = fa->flaps > fb->flaps ? fa->flaps : fb->flaps;
	out->bfd_flaps = c->cpe_bfd.flaps > c->vbr_bfd.flaps ? c->cpe_bfd.flaps : c->vbr_bfd.flaps;
	/* the side that noticed first tells why; the other heard a NOTIFICATION */
	const struct eng_bgp *why = fa->flap_detail[0] && (!fb->flap_detail[0] || fb->flaps < fa->flaps ||
	                                                   strncmp(fb->flap_detail, "notification", 12) == 0)
	                                ? fa
	                                : fb;
	out->flap_reason = why->flap_detail[0] ? why->flap_detail : NULL;
	if (out->established) {
		out->hold_s = c->cpe_bgp.hold_s;
		out->cpe_keepalive_s = c->cpe_bgp.keepalive_s;
		out->vbr_keepalive_s = c->vbr_bgp.keepalive_s;
	} else {
		/* what they would negotiate */
		struct ecrc_bgp_timers t;
		ecrc_bgp_timers(c->cpe_bgp.keepalive_cfg_s, c->cpe_bgp.hold_cfg_s, c->vbr_bgp.keepalive_cfg_s,
		                c->vbr_bgp.hold_cfg_s, &t);
		out->hold_s = t.hold_s;
		out->cpe_keepalive_s = t.a_keepalive_s;
		out->vbr_keepalive_s = t.b_keepalive_s;
	}
	const struct eng_bfd *x = &c->cpe_bfd, *y = &c->vbr_bfd;
	out->bfd_cpe = x->enabled;
	out->bfd_vbr = y->enabled;
	out->bfd_cpe_state = x->state;
	out->bfd_vbr_state = y->state;
	if (x->enabled && y->enabled) {
		/* RFC 5880 6.8.2-6.8.4 with the configured (Up) values */
		struct ecrc_bfd_config a = {x->config_tx_us, x->config_rx_us, x->detect_mult};
		struct ecrc_bfd_config b = {y->config_tx_us, y->config_rx_us, y->detect_mult};
		struct ecrc_bfd_timers t;
		ecrc_bfd_timers(&a, &b, &t);
		out->cpe_tx_ms = (uint32_t)(t.a_tx_us / 1000);
		out->vbr_tx_ms = (uint32_t)(t.b_tx_us / 1000);
		out->cpe_detect_ms = (uint32_t)(t.a_detect_us / 1000);
		out->vbr_detect_ms = (uint32_t)(t.b_detect_us / 1000);
	}
}

/* ---- routes ----------------------------------------------------------------------------------- */

struct eng_rib_entry *eng_lookup(const struct eng *e, struct eng_router *r, struct ecrc_ipnet p, bool lpm)
{
	p = ecrc_ipnet_network(p);
	for (int len = p.len; len >= 0; len--) {
		if (!(e->len_mask & (1ull << len))) {
			if (!lpm)
				break;
			continue;
		}
		struct ecrc_ipnet q = {.addr = p.addr & ecrc_mask((uint8_t)len), .len = (uint8_t)len};
		int32_t id = eng_prefix_find(e, q);
		if (id >= 0) {
			struct eng_rib_entry *en = eng_rib_get(&r->rib, (uint32_t)id);
			if (en && en->best >= 0)
				return en;
		}
		if (!lpm)
			break;
	}
	return NULL;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The forwarding set of an entry as sorted router ids, in the scratch
 * array (valid until the next call). */
size_t eng_next_hops(struct eng *e, const struct eng_rib_entry *en, const char ***out)
{
	if (e->cap_scratch_names < en->n_paths + 1) {
		e->cap_scratch_names = en->n_paths + 16;
		e->scratch_names =
		    ecrc_xrealloc(e->scratch_names, e->cap_scratch_names * sizeof(*e->scratch_names));
	}
	size_t n = 0;
	for (uint32_t i = 0; i < en->n_paths; i++)
		if (en->paths[i].in_fib)
			e->scratch_names[n++] = en->paths[i].from ? en->paths[i].from->peer->id : "local";
	qsort(e->scratch_names, n, sizeof(*e->scratch_names), cmp_name);
	*out = e->scratch_names;
	return n;
}

bool ecrc_engine_route(struct ecrc_engine *E, const char *router, struct ecrc_ipnet prefix,
                       bool longest_match, struct ecrc_engine_route *out)
{
	struct eng *e = &E->e;
	struct eng_router *r = eng_router_find(e, router);
	memset(out, 0, sizeof(*out));
	if (!r)
		return false;
	out->router = r->id;
	out->prefix = ecrc_ipnet_network(prefix);
	out->as_path = "";
	struct eng_rib_entry *en = r->alive ? eng_lookup(e, r, prefix, longest_match) : NULL;
	if (!en)
		return true;
	const struct eng_path *b = &en->paths[en->best];
	out->present = true;
	out->prefix = eng_prefix(e, en->prefix);
	out->local = b->from == NULL;
	out->n_next_hops = eng_next_hops(e, en, &out->next_hops);
	out->as_path = eng_aspath_text(b->attrs->as_path, e->scratch_path, sizeof(e->scratch_path));
	for (uint32_t i = 0; out->local && i < en->n_paths; i++)
		if (en->paths[i].from) {
			out->learned_via = en->paths[i].from->peer->id;
			out->learned_as_path = eng_aspath_text(en->paths[i].attrs->as_path, e->scratch_path2,
			                                       sizeof(e->scratch_path2));
			break;
		}
	return true;
}
