/*
 * running.c: what the running-config readers share (vendor.h, "running.c"):
 * the tables a reader fills (interfaces, neighbors, prefix lists, policies,
 * statics, network statements, statements it could not interpret), finding
 * the uplink that matters for a design uplink, evaluating a policy for one
 * route as the router would (first matching term decides, then the
 * default), and turning what was found into a CPE IR for the engine and
 * for import.
 */
#include <stdlib.h>
#include <string.h>

#include "common/prefix_set.h"
#include "vendors/reader.h"

void ecrc_running_init(struct ecrc_running *r, const struct ecrc_vendor *v, struct ecrc_arena *a)
{
	memset(r, 0, sizeof *r);
	r->vendor = v;
	r->arena = a;
	r->default_keepalive_s = 60;
	r->default_hold_s = 180;
}

struct ecrc_run_iface *ecrc_running_iface(struct ecrc_running *r, const char *name, uint32_t line)
{
	for (size_t i = 0; i < r->n_ifaces; i++)
		if (strcmp(r->ifaces[i].name, name) == 0)
			return &r->ifaces[i];
	r->ifaces = ecrc_rd_grow(r->arena, r->ifaces, &r->cap_ifaces, r->n_ifaces, sizeof *r->ifaces);
	struct ecrc_run_iface *f = &r->ifaces[r->n_ifaces++];
	memset(f, 0, sizeof *f);
	f->name = ecrc_arena_strdup(r->arena, name);
	f->parent = f->name;
	f->line = line;
	return f;
}

struct ecrc_run_neighbor *ecrc_running_neighbor(struct ecrc_running *r, uint32_t address, uint32_t line)
{
	for (size_t i = 0; i < r->n_neighbors; i++)
		if (r->neighbors[i].address == address)
			return &r->neighbors[i];
	r->neighbors =
	    ecrc_rd_grow(r->arena, r->neighbors, &r->cap_neighbors, r->n_neighbors, sizeof *r->neighbors);
	struct ecrc_run_neighbor *nb = &r->neighbors[r->n_neighbors++];
	memset(nb, 0, sizeof *nb);
	nb->address = address;
	nb->line = line;
	return nb;
}

struct ecrc_run_plist *ecrc_running_plist(struct ecrc_running *r, const char *name, uint32_t line)
{
	for (size_t i = 0; i < r->n_plists; i++)
		if (strcmp(r->plists[i].name, name) == 0)
			return &r->plists[i];
	r->plists = ecrc_rd_grow(r->arena, r->plists, &r->cap_plists, r->n_plists, sizeof *r->plists);
	struct ecrc_run_plist *pl = &r->plists[r->n_plists++];
	memset(pl, 0, sizeof *pl);
	pl->name = ecrc_arena_strdup(r->arena, name);
	pl->line = line;
	return pl;
}

void ecrc_running_plist_add(struct ecrc_running *r, struct ecrc_run_plist *pl, struct ecrc_ipnet prefix,
                            uint8_t ge, uint8_t le, bool deny, uint32_t line)
{
	pl->v = ecrc_rd_grow(r->arena, pl->v, &pl->cap, pl->n, sizeof *pl->v);
	pl->v[pl->n++] =
	    (struct ecrc_run_entry){.e = {.prefix = prefix, .ge = ge, .le = le}, .deny = deny, .line = line};
}

struct ecrc_run_policy *ecrc_running_policy(struct ecrc_running *r, const char *name, uint32_t line)
{
	for (size_t i = 0; i < r->n_policies; i++)
		if (strcmp(r->policies[i].name, name) == 0)
			return &r->policies[i];
	r->policies =
	    ecrc_rd_grow(r->arena, r->policies, &r->cap_policies, r->n_policies, sizeof *r->policies);
	struct ecrc_run_policy *p = &r->policies[r->n_policies++];
	memset(p, 0, sizeof *p);
	p->name = ecrc_arena_strdup(r->arena, name);
	p->line = line;
	return p;
}

struct ecrc_run_term *ecrc_running_term(struct ecrc_running *r, struct ecrc_run_policy *p, uint32_t seq,
                                        uint32_t line)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->t[i].seq == seq)
			return &p->t[i];
	p->t = ecrc_rd_grow(r->arena, p->t, &p->cap, p->n, sizeof *p->t);
	struct ecrc_run_term *t = &p->t[p->n++];
	memset(t, 0, sizeof *t);
	t->seq = seq;
	t->line = line;
	return t;
}

void ecrc_running_term_filter(struct ecrc_running *r, struct ecrc_run_term *t, struct ecrc_ipnet prefix,
                              uint8_t ge, uint8_t le, uint32_t line)
{
	t->filters = ecrc_rd_grow(r->arena, t->filters, &t->cap_filters, t->n_filters, sizeof *t->filters);
	t->filters[t->n_filters++] =
	    (struct ecrc_run_entry){.e = {.prefix = prefix, .ge = ge, .le = le}, .line = line};
}

void ecrc_running_static(struct ecrc_running *r, struct ecrc_ipnet prefix, bool has_next_hop,
                         uint32_t next_hop, uint32_t line)
{
	r->statics = ecrc_rd_grow(r->arena, r->statics, &r->cap_statics, r->n_statics, sizeof *r->statics);
	r->statics[r->n_statics++] = (struct ecrc_run_static){
	    .prefix = prefix, .has_next_hop = has_next_hop, .next_hop = next_hop, .line = line};
}

void ecrc_running_network(struct ecrc_running *r, struct ecrc_ipnet prefix, uint32_t line)
{
	r->networks =
	    ecrc_rd_grow(r->arena, r->networks, &r->cap_networks, r->n_networks, sizeof *r->networks);
	r->networks[r->n_networks++] = (struct ecrc_run_network){.prefix = prefix, .line = line};
}

void ecrc_running_unknown(struct ecrc_running *r, enum ecrc_run_owner owner, const char *name, uint32_t line,
                          const char *text)
{
	r->unknown = ecrc_rd_grow(r->arena, r->unknown, &r->cap_unknown, r->n_unknown, sizeof *r->unknown);
	r->unknown[r->n_unknown++] =
	    (struct ecrc_run_unknown){.line = line,
	                              .text = ecrc_arena_strdup(r->arena, text),
	                              .owner = owner,
	                              .name = name ? ecrc_arena_strdup(r->arena, name) : NULL};
}

static int cmp_term(const void *a, const void *b)
{
	const struct ecrc_run_term *x = a, *y = b;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void ecrc_running_finish(struct ecrc_running *r)
{
	for (size_t i = 0; i < r->n_policies; i++)
		if (r->policies[i].n > 1)
			qsort(r->policies[i].t, r->policies[i].n, sizeof *r->policies[i].t, cmp_term);
}

const struct ecrc_run_policy *ecrc_running_find_policy(const struct ecrc_running *r, const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < r->n_policies; i++)
		if (strcmp(r->policies[i].name, name) == 0)
			return &r->policies[i];
	return NULL;
}

const struct ecrc_run_plist *ecrc_running_find_plist(const struct ecrc_running *r, const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < r->n_plists; i++)
		if (strcmp(r->plists[i].name, name) == 0)
			return &r->plists[i];
	return NULL;
}

void ecrc_running_inherit(struct ecrc_run_neighbor *nb, const struct ecrc_run_neighbor *s)
{
#define TAKE(flag, ...)                                                                                      \
	if (!nb->flag && s->flag) {                                                                          \
		__VA_ARGS__;                                                                                 \
	}
	TAKE(has_remote_as, nb->has_remote_as = true; nb->remote_as = s->remote_as;
	     nb->remote_as_line = s->remote_as_line)
	TAKE(has_local_as, nb->has_local_as = true; nb->local_as = s->local_as;
	     nb->local_as_line = s->local_as_line)
	TAKE(bfd, nb->bfd = true; nb->bfd_line = s->bfd_line)
	TAKE(has_bfd_timers, nb->has_bfd_timers = true; nb->bfd_min_tx_ms = s->bfd_min_tx_ms;
	     nb->bfd_min_rx_ms = s->bfd_min_rx_ms; nb->bfd_multiplier = s->bfd_multiplier;
	     nb->bfd_timers_line = s->bfd_timers_line; nb->bfd_tx_line = s->bfd_tx_line;
	     nb->bfd_rx_line = s->bfd_rx_line; nb->bfd_mult_line = s->bfd_mult_line)
	TAKE(has_timers, nb->has_timers = true; nb->keepalive_s = s->keepalive_s; nb->hold_s = s->hold_s;
	     nb->timers_line = s->timers_line)
	TAKE(md5, nb->md5 = true; nb->md5_line = s->md5_line)
	TAKE(has_max_prefixes, nb->has_max_prefixes = true; nb->max_prefixes = s->max_prefixes;
	     nb->max_prefixes_line = s->max_prefixes_line)
	TAKE(import_policy, nb->import_policy = s->import_policy; nb->import_line = s->import_line)
	TAKE(export_policy, nb->export_policy = s->export_policy; nb->export_line = s->export_line)
	TAKE(shutdown, nb->shutdown = true; nb->shutdown_line = s->shutdown_line)
	TAKE(description, nb->description = s->description)
#undef TAKE
}

/* ---- finding the uplink ------------------------------------------------------ */

static bool port_vlan_is(const struct ecrc_run_iface *f, const struct ecrc_ir_iface *want)
{
	return f->vlan == want->vlan && strcmp(f->parent, want->parent) == 0;
}

void ecrc_running_uplink(const struct ecrc_running *r, const struct ecrc_ir_iface *want_if, uint32_t want_nb,
                         struct ecrc_run_uplink *out)
{
	memset(out, 0, sizeof *out);
	if (want_if) {
		for (size_t i = 0; i < r->n_ifaces && !out->iface; i++)
			if (r->ifaces[i].has_address && r->ifaces[i].address.addr == want_if->address.addr)
				out->iface = &r->ifaces[i];
		for (size_t i = 0; i < r->n_ifaces && !out->iface; i++)
			if (port_vlan_is(&r->ifaces[i], want_if))
				out->iface = &r->ifaces[i];
	}
	for (size_t i = 0; i < r->n_neighbors && !out->nb; i++)
		if (r->neighbors[i].address == want_nb)
			out->nb = &r->neighbors[i];
	/* else the neighbor inside the interface's subnet (when it is known) */
	if (!out->nb && out->iface && out->iface->has_address && !out->iface->address_len_unknown) {
		struct ecrc_ipnet net = ecrc_ipnet_network(out->iface->address);
		for (size_t i = 0; i < r->n_neighbors && !out->nb; i++) {
			uint32_t a = r->neighbors[i].address;
			if (a != out->iface->address.addr &&
			    ecrc_ipnet_contains(net, (struct ecrc_ipnet){a, 32}))
				out->nb = &r->neighbors[i];
		}
	}
	if (out->nb) {
		out->in = ecrc_running_find_policy(r, out->nb->import_policy);
		out->out = ecrc_running_find_policy(r, out->nb->export_policy);
	}
}

/* ---- evaluating a policy ------------------------------------------------------ */

static bool entry_matches(const struct ecrc_ir_prefix_entry *e, struct ecrc_ipnet route)
{
	return ecrc_pfx_range_holds(e->prefix, e->ge, e->le, route);
}

/* The first entry of a list that matches decides; none: deny. */
static const struct ecrc_run_entry *list_match(const struct ecrc_run_entry *v, size_t n,
                                               struct ecrc_ipnet route)
{
	for (size_t i = 0; i < n; i++)
		if (entry_matches(&v[i].e, route))
			return &v[i];
	return NULL;
}

void ecrc_running_eval(const struct ecrc_running *r, const struct ecrc_run_policy *p, struct ecrc_ipnet route,
                       struct ecrc_run_verdict *v)
{
	memset(v, 0, sizeof *v);
	v->line = p->line;
	v->permit = p->default_permit;
	for (size_t i = 0; i < p->n; i++) {
		const struct ecrc_run_term *t = &p->t[i];
		if (t->match_other)
			continue;
		const struct ecrc_run_entry *hit = NULL;
		if (t->match) {
			const struct ecrc_run_plist *pl = ecrc_running_find_plist(r, t->match);
			/* a missing list matches nothing (IOS-XE, FRR: matches every
			 * route; readers that know set match to NULL instead) */
			hit = pl ? list_match(pl->v, pl->n, route) : NULL;
			if (!hit || hit->deny)
				continue;
		} else if (t->n_filters) {
			hit = list_match(t->filters, t->n_filters, route);
			if (!hit || hit->deny)
				continue;
		}
		v->permit = !t->deny;
		v->term = t;
		v->line = hit ? hit->line : t->line;
		return;
	}
}

size_t ecrc_running_term_entries(const struct ecrc_running *r, const struct ecrc_run_term *t,
                                 const struct ecrc_run_entry **out, bool *all)
{
	*all = false;
	*out = NULL;
	if (t->match_other)
		return 0;
	if (t->match) {
		const struct ecrc_run_plist *pl = ecrc_running_find_plist(r, t->match);
		if (!pl)
			return 0;
		*out = pl->v;
		return pl->n;
	}
	if (t->n_filters) {
		*out = t->filters;
		return t->n_filters;
	}
	*all = true;
	return 0;
}

bool ecrc_running_originated(const struct ecrc_running *r, struct ecrc_ipnet p, uint32_t *line)
{
	for (size_t i = 0; i < r->n_networks; i++)
		if (ecrc_ipnet_equal(r->networks[i].prefix, p)) {
			if (line)
				*line = r->networks[i].line;
			return true;
		}
	if (r->originates_statics)
		for (size_t i = 0; i < r->n_statics; i++)
			if (!r->statics[i].has_next_hop && ecrc_ipnet_equal(r->statics[i].prefix, p)) {
				if (line)
					*line = r->statics[i].line;
				return true;
			}
	return false;
}

/* ---- an inbound policy as a set of routes ----------------------------------------- */

void ecrc_running_policy_filter(const struct ecrc_running *r, const struct ecrc_run_policy *p,
                                struct ecrc_arena *a, struct ecrc_pfx_filter *out)
{
	struct ecrc_pfx_term *terms = ecrc_arena_alloc(a, (p->n + 1) * sizeof(*terms));
	for (size_t i = 0; i < p->n; i++) {
		const struct ecrc_run_term *t = &p->t[i];
		const struct ecrc_run_entry *v;
		bool all;
		size_t n = ecrc_running_term_entries(r, t, &v, &all);
		struct ecrc_pfx_entry *e = ecrc_arena_alloc(a, (n + 1) * sizeof(*e));
		for (size_t k = 0; k < n; k++)
			e[k] = (struct ecrc_pfx_entry){v[k].e.prefix, v[k].e.ge, v[k].e.le, v[k].deny,
			                               v[k].line};
		terms[i] = (struct ecrc_pfx_term){.entries = e,
		                                  .n = n,
		                                  .all = all,
		                                  .never = t->match_other,
		                                  .deny = t->deny,
		                                  .who = t->line};
	}
	*out = (struct ecrc_pfx_filter){terms, p->n, p->default_permit};
}

bool ecrc_running_policy_is_union(const struct ecrc_running *r, const struct ecrc_run_policy *p)
{
	if (p->default_permit)
		return false;
	bool deny_seen = false;
	for (size_t i = 0; i < p->n; i++) {
		const struct ecrc_run_term *t = &p->t[i];
		if (t->match_other)
			continue;
		if (t->deny) {
			deny_seen = true;
			continue;
		}
		if (deny_seen)
			return false;
		const struct ecrc_run_entry *v;
		bool all;
		size_t n = ecrc_running_term_entries(r, t, &v, &all);
		for (size_t k = 0; k < n; k++)
			if (v[k].deny)
				return false;
	}
	return true;
}

size_t ecrc_running_policy_ranges(const struct ecrc_running *r, const struct ecrc_run_policy *p,
                                  struct ecrc_arena *a, struct ecrc_ir_prefix_entry **out)
{
	struct ecrc_pfx_filter f, none = {0};
	struct ecrc_pfx_diff *d;
	ecrc_running_policy_filter(r, p, a, &f);
	size_t nd = ecrc_pfx_compare(&f, &none, NULL, 0, &d);
	*out = NULL;
	if (nd == SIZE_MAX)
		return SIZE_MAX;
	*out = ecrc_arena_alloc(a, (nd ? nd : 1) * sizeof(**out));
	for (size_t i = 0; i < nd; i++) {
		struct ecrc_ir_prefix_entry *e = &(*out)[i];
		e->prefix = d[i].node;
		if (d[i].lo == d[i].node.len && d[i].hi == d[i].node.len)
			e->ge = e->le = 0; /* exactly the node */
		else {
			e->ge = d[i].lo;
			e->le = d[i].hi;
		}
	}
	free(d);
	return nd;
}

/* ---- the IR of what is deployed -------------------------------------------------- */

static void copy_admitted(const struct ecrc_running *r, const struct ecrc_run_term *t,
                          struct ecrc_ir_prefix_list *l, struct ecrc_arena *a)
{
	const struct ecrc_run_entry *v;
	bool all;
	size_t n = ecrc_running_term_entries(r, t, &v, &all);
	l->entries = ecrc_arena_alloc(a, (n ? n : 1) * sizeof *l->entries);
	l->n_entries = 0;
	if (all) {
		l->entries[0] = (struct ecrc_ir_prefix_entry){.prefix = {0, 0}, .ge = 0, .le = 32};
		l->n_entries = 1;
	}
	for (size_t i = 0; i < n; i++)
		if (!v[i].deny)
			l->entries[l->n_entries++] = v[i].e;
}

static void neighbor_to_ir(const struct ecrc_running *r, const struct ecrc_run_uplink *u, size_t iface,
                           struct ecrc_ir_neighbor *nb, struct ecrc_arena *a)
{
	const struct ecrc_run_neighbor *d = u->nb;
	nb->address = d->address;
	nb->remote_as = d->remote_as;
	nb->description = d->description;
	nb->iface = iface;
	nb->keepalive_s = d->has_timers ? d->keepalive_s : r->default_keepalive_s;
	nb->hold_s = d->has_timers ? d->hold_s : r->default_hold_s;
	nb->timers_default = nb->keepalive_s == 30 && nb->hold_s == 90;
	nb->md5_key = d->md5 ? ECRC_REDACTED_PREFIX "DEPLOYED>" : NULL;
	nb->md5_redacted = d->md5;
	nb->bfd = d->bfd;
	if (d->has_bfd_timers) {
		nb->bfd_min_tx_ms = d->bfd_min_tx_ms;
		nb->bfd_min_rx_ms = d->bfd_min_rx_ms;
		nb->bfd_multiplier = d->bfd_multiplier;
	} else if (u->iface && u->iface->has_bfd) {
		nb->bfd_min_tx_ms = u->iface->bfd_min_tx_ms;
		nb->bfd_min_rx_ms = u->iface->bfd_min_rx_ms;
		nb->bfd_multiplier = u->iface->bfd_multiplier;
	} else if (d->bfd) {
		/* ASSUMPTION: a platform default of 1000 ms x 3 where the
		 * config sets no timers (documented per vendor in docs/check.md) */
		nb->bfd_min_tx_ms = nb->bfd_min_rx_ms = 1000;
		nb->bfd_multiplier = 3;
	}
	nb->max_prefixes = d->has_max_prefixes ? d->max_prefixes : r->default_max_prefixes;
	nb->import_policy = d->import_policy;
	nb->export_policy = d->export_policy;
	nb->import_list.name = d->import_policy;
	size_t nr = u->in && !ecrc_running_policy_is_union(r, u->in)
	                ? ecrc_running_policy_ranges(r, u->in, a, &nb->import_list.entries)
	                : SIZE_MAX;
	if (nr != SIZE_MAX) {
		/* deny entries or terms that take routes away, or a default
		 * of accept: the accepted set itself, as disjoint ranges */
		nb->import_list.n_entries = nr;
	} else if (u->in) {
		/* (or a policy too large to walk: its permit entries) */
		/* the accepted set: every permit term's admitted entries */
		size_t cap = 0;
		for (size_t i = 0; i < u->in->n; i++) {
			const struct ecrc_run_entry *v;
			bool all;
			cap += ecrc_running_term_entries(r, &u->in->t[i], &v, &all) + (all ? 1 : 0);
		}
		struct ecrc_ir_prefix_list *l = &nb->import_list;
		l->entries = ecrc_arena_alloc(a, (cap ? cap : 1) * sizeof *l->entries);
		for (size_t i = 0; i < u->in->n; i++) {
			if (u->in->t[i].deny)
				continue;
			struct ecrc_ir_prefix_list one = {0};
			copy_admitted(r, &u->in->t[i], &one, a);
			memcpy(l->entries + l->n_entries, one.entries, one.n_entries * sizeof *one.entries);
			l->n_entries += one.n_entries;
		}
	}
	if (u->out) {
		nb->export_terms =
		    ecrc_arena_alloc(a, (u->out->n ? u->out->n : 1) * sizeof *nb->export_terms);
		for (size_t i = 0; i < u->out->n; i++) {
			const struct ecrc_run_term *t = &u->out->t[i];
			if (t->deny)
				continue;
			struct ecrc_ir_export_term *x = &nb->export_terms[nb->n_export_terms++];
			x->match.name = t->match ? t->match : d->export_policy;
			copy_admitted(r, t, &x->match, a);
			x->prepend = t->prepend;
			x->n_prepend = t->n_prepend;
			x->has_med = t->has_med;
			x->med = t->med;
			x->origin = t->has_origin ? t->origin : ECRC_IR_ORIGIN_IGP;
		}
	}
}

struct ecrc_ir_cpe *ecrc_running_to_ir(const struct ecrc_running *r, const struct ecrc_run_uplink *ups,
                                       size_t n, struct ecrc_arena *a)
{
	struct ecrc_ir_cpe *cpe = ecrc_arena_alloc(a, sizeof *cpe);
	cpe->hostname = r->hostname;
	cpe->vendor = r->vendor->name;
	cpe->asn = r->asn;
	cpe->router_id = r->router_id;
	cpe->maximum_paths = r->maximum_paths ? r->maximum_paths : 1;
	cpe->ifaces = ecrc_arena_alloc(a, (n ? n : 1) * sizeof *cpe->ifaces);
	cpe->neighbors = ecrc_arena_alloc(a, (n ? n : 1) * sizeof *cpe->neighbors);
	for (size_t i = 0; i < n; i++) {
		const struct ecrc_run_uplink *u = &ups[i];
		if (!u->iface)
			continue;
		size_t k = cpe->n_ifaces++;
		struct ecrc_ir_iface *f = &cpe->ifaces[k];
		f->parent = u->iface->parent;
		f->vlan = u->iface->vlan;
		f->address = u->iface->address;
		f->mtu = u->iface->mtu ? u->iface->mtu : 1500;
		f->description = u->iface->description;
		if (u->nb)
			neighbor_to_ir(r, u, k, &cpe->neighbors[cpe->n_neighbors++], a);
	}
	cpe->statics = ecrc_arena_alloc(a, (r->n_statics ? r->n_statics : 1) * sizeof *cpe->statics);
	for (size_t i = 0; i < r->n_statics; i++) {
		const struct ecrc_run_static *s = &r->statics[i];
		/* only what the design format knows: discard anchors that are
		 * originated, and routes via a neighbor of the uplinks */
		bool keep = s->has_next_hop;
		if (!s->has_next_hop) {
			keep = ecrc_running_originated(r, s->prefix, NULL);
		} else {
			keep = false;
			for (size_t j = 0; j < cpe->n_ifaces; j++)
				if (ecrc_ipnet_contains(ecrc_ipnet_network(cpe->ifaces[j].address),
				                        (struct ecrc_ipnet){s->next_hop, 32}))
					keep = true;
		}
		if (keep)
			cpe->statics[cpe->n_statics++] =
			    (struct ecrc_ir_static){s->prefix, s->has_next_hop, s->next_hop};
	}
	ecrc_ir_link(cpe, a);
	return cpe;
}
