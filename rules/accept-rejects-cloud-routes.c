/*
 * accept-rejects-cloud-routes.c: an uplink's explicit inbound filter
 * (<accept>) that rejects a route the cloud will send for a VPC the uplink
 * reaches. The cloud does not advertise a VPC's blocks: it advertises one
 * system route per vSwitch CIDR (Alibaba, "Propagate routes to a transit
 * router"), or, behind an ECR association with allowed prefixes, exactly
 * those prefixes (Alibaba, "Create an ECR connection"). A filter written as the VPC CIDR alone accepts
 * none of them, and the CPE learns nothing from the cloud. A VPC without
 * <vswitch> is judged by the placeholder route verify uses (the first /24
 * of each block).
 */
#include <stdlib.h>

#include "lint/lint.h"

/* Whether an <accept> admits the route, as a prefix-list entry does:
 * exactly the prefix's length without ge/le; len..le with le; ge..32 with ge. */
static bool admits(const struct ecrc_accept *a, struct ecrc_ipnet route)
{
	struct ecrc_ipnet p = ecrc_ipnet_network(a->prefix);
	unsigned lo = a->has_ge ? a->ge : p.len;
	unsigned hi = a->has_le ? a->le : a->has_ge ? 32 : p.len;

	return ecrc_ipnet_contains(p, route) && route.len >= lo && route.len <= hi;
}

static bool accepted(const struct ecrc_bgp *bgp, struct ecrc_ipnet route)
{
	for (const struct ecrc_accept *a = bgp->accepts; a; a = a->next)
		if (admits(a, route))
			return true;
	return false;
}

struct rejected {
	struct ecrc_ipnet prefix;
	const struct ecrc_node *at;
	const char *what; /* "the system route 10.0.1.0/24 of vSwitch vsw-a in vpc-prod", ... */
	const char *fix;  /* the <accept> that takes it: the exact allowed prefix, or the block le=32 */
};

static void push(struct rejected **v, size_t *n, size_t *cap, struct rejected r)
{
	for (size_t i = 0; i < *n; i++)
		if (ecrc_ipnet_equal((*v)[i].prefix, r.prefix))
			return;
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 8;
		*v = ecrc_xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = r;
}

static void check_uplink(struct ecrc_check *ck, const struct ecrc_uplink_facts *uf)
{
	const struct ecrc_uplink *u = uf->uplink;
	struct rejected *v = NULL;
	size_t n = 0, cap = 0;
	char buf[19];

	for (size_t i = 0; i < uf->n_reach; i++) {
		const struct ecrc_vpc_reach *r = &uf->reach[i];
		if (r->tr && r->associate && r->associate->n_allowed) {
			for (const struct ecrc_prefix_node *p = r->associate->allowed; p; p = p->next) {
				struct ecrc_ipnet pf = ecrc_ipnet_network(p->prefix);
				if (!accepted(u->bgp, pf))
					push(&v, &n, &cap,
					     (struct rejected){
					         pf, &p->node,
					         ecrc_arena_printf(
					             ck->design->arena,
					             "the allowed prefix %s of %s's connection to %s: "
					             "the ECR advertises it instead of the vSwitch routes",
					             ecrc_fmt_ipnet(pf, buf), r->associate->ecr->id,
					             r->tr->id),
					         ecrc_arena_printf(ck->design->arena,
					                           "<accept prefix=\"%s\"/>",
					                           ecrc_fmt_ipnet(pf, buf))});
			}
			continue;
		}
		size_t nr = ecrc_vpc_n_routes(r->vpc);
		struct ecrc_vpc_route *routes = ecrc_xcalloc(nr, sizeof *routes);
		nr = ecrc_vpc_routes(r->vpc, routes);
		for (size_t k = 0; k < nr; k++) {
			if (accepted(u->bgp, routes[k].prefix))
				continue;
			const char *what =
			    routes[k].vswitch
			        ? ecrc_arena_printf(ck->design->arena,
			                            "the system route %s of vSwitch %s in %s",
			                            ecrc_fmt_ipnet(routes[k].prefix, buf),
			                            routes[k].vswitch->id, r->vpc->id)
			        : ecrc_arena_printf(ck->design->arena,
			                            "%s, standing for the vSwitches of %s (none is declared)",
			                            ecrc_fmt_ipnet(routes[k].prefix, buf), r->vpc->id);
			struct ecrc_ipnet block = ecrc_ipnet_network(r->vpc->cidr);
			for (const struct ecrc_prefix_node *c = r->vpc->cidrs; c; c = c->next)
				if (ecrc_ipnet_contains(ecrc_ipnet_network(c->prefix), routes[k].prefix))
					block = ecrc_ipnet_network(c->prefix);
			const char *fix =
			    ecrc_arena_printf(ck->design->arena, "<accept prefix=\"%s\" le=\"32\"/>",
			                      ecrc_fmt_ipnet(block, buf));
			push(&v, &n, &cap, (struct rejected){routes[k].prefix, routes[k].at, what, fix});
		}
		free(routes);
	}
	if (n == 0) {
		free(v);
		return;
	}
	struct ecrc_buf list = {0};
	for (size_t i = 0; i < n && i < 4; i++)
		ecrc_buf_printf(&list, "%s%s", i ? ", " : "", ecrc_fmt_ipnet(v[i].prefix, buf));
	if (n > 4)
		ecrc_buf_printf(&list, " and %zu more", n - 4);
	struct ecrc_finding *f = ecrc_report(
	    ck, &u->bgp->accepts->node,
	    "the inbound filter of %s rejects %s, which the cloud sends for the VPC%s %s reaches: the CPE "
	    "never learns %s. The cloud advertises a VPC's system routes, one per vSwitch CIDR (never the "
	    "VPC's block), or in their place the allowed prefixes of the ECR's association; add %s, or "
	    "remove the <accept> elements to get the default filter",
	    u->id, list.p, uf->n_reach > 1 ? "s" : "", u->id, n > 1 ? "them" : "it", v[0].fix);
	for (size_t i = 0; i < n && i < 4; i++)
		ecrc_report_note(ck, f, v[i].at, "%s", v[i].what);
	ecrc_buf_free(&list);
	free(v);
}

static void check(struct ecrc_check *ck)
{
	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink_facts *uf = &ck->facts->uplinks[i];
		if (uf->uplink->bgp && uf->uplink->bgp->n_accepts && uf->n_reach)
			check_uplink(ck, uf);
	}
}

const struct ecrc_rule ecrc_rule_accept_rejects_cloud_routes = {
    .id = "accept-rejects-cloud-routes",
    .severity = ECRC_SEV_ERROR,
    .summary = "an explicit inbound filter rejects a route the cloud sends (a vSwitch CIDR or an allowed "
               "prefix) for a VPC the uplink reaches",
    .check = check,
};
