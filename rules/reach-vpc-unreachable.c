/*
 * reach-vpc-unreachable.c: a VPC in the design that no data center can
 * reach: no path uplink -> VBR -> ECR -> VPC, uplink -> VBR -> ECR -> transit
 * router -> VPC, or uplink -> VBR -> transit router -> VPC (the facts' reach
 * lists, per VPC the data centers that reach it). The message says which
 * link of the chain is missing; one pass over the attachments and
 * associations indexes them by VPC ordinal and transit router, so each
 * unreachable VPC costs a few lookups. Reaching is judged per route the VPC
 * advertises (one per vSwitch CIDR): a VPC whose every path goes through
 * an ECR association whose allowed prefixes cover none of its vSwitches is
 * unreachable too, since the ECR advertises only the allowed prefixes.
 */
#include <stdlib.h>

#include "lint/lint.h"

struct index {
	const struct ecrc_attach **vpc_attach;   /* per VPC ordinal: its first <attach vpc=>, or NULL */
	const struct ecrc_associate **vpc_assoc; /* per VPC ordinal: its first <associate vpc=>, or NULL */
	const struct ecrc_associate **tr_assoc;  /* ECR associations of transit routers, by router */
	size_t n_tr_assoc;
	const struct ecrc_ecr *served; /* the first ECR an uplink reaches, or NULL */
};

static int by_target(const void *pa, const void *pb)
{
	const struct ecrc_associate *a = *(const struct ecrc_associate *const *)pa;
	const struct ecrc_associate *b = *(const struct ecrc_associate *const *)pb;

	if (a->target != b->target)
		return (uintptr_t)a->target < (uintptr_t)b->target ? -1 : 1;
	if (a->node.loc.line != b->node.loc.line)
		return a->node.loc.line < b->node.loc.line ? -1 : 1;
	return a->node.loc.col < b->node.loc.col ? -1 : a->node.loc.col > b->node.loc.col;
}

/* The first ECR association of a transit router, or NULL. */
static const struct ecrc_associate *tr_assoc(const struct index *ix, const struct ecrc_transit_router *tr)
{
	size_t lo = 0, hi = ix->n_tr_assoc;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((uintptr_t)ix->tr_assoc[mid]->target < (uintptr_t)&tr->node)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n_tr_assoc && ix->tr_assoc[lo]->target == &tr->node ? ix->tr_assoc[lo] : NULL;
}

static bool vpc_ordinal(const struct ecrc_facts *f, const struct ecrc_node *n, size_t *i)
{
	const struct ecrc_vpc_facts *vf = NULL;

	if (n && n->kind == ECRC_K_VPC)
		vf = ecrc_facts_vpc(f, (const struct ecrc_vpc *)n);
	if (vf)
		*i = (size_t)(vf - f->vpcs);
	return vf != NULL;
}

static void index_attaches(const struct ecrc_check *ck, struct index *ix)
{
	size_t i;

	for (const struct ecrc_region *r = ck->design->cloud->regions; r; r = r->next)
		for (const struct ecrc_transit_router *tr = r->trs; tr; tr = tr->next)
			for (const struct ecrc_attach *at = tr->attaches; at; at = at->next)
				if (at->kind == ECRC_ATT_VPC && vpc_ordinal(ck->facts, at->target, &i) &&
				    !ix->vpc_attach[i])
					ix->vpc_attach[i] = at;
}

static void index_associations(const struct ecrc_check *ck, struct index *ix)
{
	size_t n = 0, i;

	for (const struct ecrc_ecr *ecr = ck->design->cloud->ecrs; ecr; ecr = ecr->next)
		n += ecr->n_associates;
	ix->tr_assoc = ecrc_xcalloc(n + 1, sizeof(*ix->tr_assoc));
	for (const struct ecrc_ecr *ecr = ck->design->cloud->ecrs; ecr; ecr = ecr->next) {
		for (const struct ecrc_associate *a = ecr->associates; a; a = a->next) {
			if (a->kind == ECRC_ASSOC_VPC && vpc_ordinal(ck->facts, a->target, &i) &&
			    !ix->vpc_assoc[i])
				ix->vpc_assoc[i] = a;
			if (a->kind == ECRC_ASSOC_TR && a->target && a->target->kind == ECRC_K_TRANSIT_ROUTER)
				ix->tr_assoc[ix->n_tr_assoc++] = a;
		}
	}
	if (ix->n_tr_assoc)
		qsort(ix->tr_assoc, ix->n_tr_assoc, sizeof(*ix->tr_assoc), by_target);
}

static void build(const struct ecrc_check *ck, struct index *ix)
{
	const struct ecrc_facts *f = ck->facts;

	ix->vpc_attach = ecrc_xcalloc(f->n_vpcs + 1, sizeof(*ix->vpc_attach));
	ix->vpc_assoc = ecrc_xcalloc(f->n_vpcs + 1, sizeof(*ix->vpc_assoc));
	index_attaches(ck, ix);
	index_associations(ck, ix);
	for (size_t i = 0; i < f->n_uplinks && !ix->served; i++)
		ix->served = f->uplinks[i].ecr;
}

static bool has_vbr_attachment(const struct ecrc_transit_router *tr)
{
	for (const struct ecrc_attach *at = tr->attaches; at; at = at->next)
		if (at->kind == ECRC_ATT_VBR)
			return true;
	return false;
}

/* The VPC is attached to a transit router: what is missing beyond it. */
static void report_attached(struct ecrc_check *ck, const struct index *ix, const struct ecrc_vpc *vpc,
                            const char *cidr, const struct ecrc_attach *at)
{
	const struct ecrc_transit_router *tr = at->tr;
	const struct ecrc_associate *as = tr_assoc(ix, tr);
	const char *serve = ix->served ? ix->served->id : "the data centers' ECR";
	struct ecrc_finding *f;

	if (as) {
		f = ecrc_report(
		    ck, &vpc->node,
		    "no data center can reach %s (%s): it is attached to %s, which connects to %s, "
		    "but no data center uplink peers with a VBR that %s associates; associate the "
		    "data center's VBRs with %s",
		    vpc->id, cidr, tr->id, as->ecr->id, as->ecr->id, as->ecr->id);
		ecrc_report_note(ck, f, &as->node, "%s connects to %s here", as->ecr->id, tr->id);
	} else if (has_vbr_attachment(tr)) {
		f = ecrc_report(ck, &vpc->node,
		                "no data center can reach %s (%s): it is attached to %s, which has no ECR "
		                "connection, and no data center uplink peers with a VBR attached to %s",
		                vpc->id, cidr, tr->id, tr->id);
	} else {
		f = ecrc_report(ck, &vpc->node,
		                "no data center can reach %s (%s): it is attached to %s, which has no ECR "
		                "connection; add <associate transit-router=\"%s\"/> to %s",
		                vpc->id, cidr, tr->id, tr->id, serve);
	}
	ecrc_report_note(ck, f, &at->node, "%s is attached to %s here", vpc->id, tr->id);
}

/* "10.0.0.0/16", or with vSwitches "10.0.0.0/16, vSwitches 10.0.1.0/24, 10.0.2.0/24" */
static void describe_vpc(const struct ecrc_vpc *vpc, char *out, size_t size)
{
	struct ecrc_buf b = {0};
	char buf[19];
	size_t k = 0;

	ecrc_buf_printf(&b, "%s", ecrc_fmt_ipnet(vpc->cidr, buf));
	for (const struct ecrc_vswitch *vs = vpc->vswitches; vs; vs = vs->next, k++) {
		if (k == 3) {
			ecrc_buf_printf(&b, " and %zu more", vpc->n_vswitches - k);
			break;
		}
		ecrc_buf_printf(&b, "%s%s",
		                k                      ? ", "
		                : vpc->n_vswitches > 1 ? ", vSwitches "
		                                       : ", vSwitch ",
		                ecrc_fmt_ipnet(vs->cidr, buf));
	}
	snprintf(out, size, "%s", b.p);
	ecrc_buf_free(&b);
}

static void report(struct ecrc_check *ck, const struct index *ix, const struct ecrc_vpc *vpc, size_t i)
{
	const struct ecrc_associate *as = ix->vpc_assoc[i];
	const char *serve = ix->served ? ix->served->id : "the data centers' ECR";
	struct ecrc_finding *f;
	char cidr[160];

	describe_vpc(vpc, cidr, sizeof(cidr));
	if (as) {
		f = ecrc_report(
		    ck, &vpc->node,
		    "no data center can reach %s (%s): it is associated with %s, but no data center "
		    "uplink peers with a VBR that %s associates; associate the data center's VBRs "
		    "with %s, or associate %s with %s",
		    vpc->id, cidr, as->ecr->id, as->ecr->id, as->ecr->id, vpc->id, serve);
		ecrc_report_note(ck, f, &as->node, "%s associates %s here", as->ecr->id, vpc->id);
	} else if (ix->vpc_attach[i] && ix->vpc_attach[i]->tr) {
		report_attached(ck, ix, vpc, cidr, ix->vpc_attach[i]);
	} else {
		ecrc_report(
		    ck, &vpc->node,
		    "no data center can reach %s (%s): it is attached to no transit router and "
		    "associated with no ECR; attach it to a transit router that %s connects to, or add "
		    "<associate vpc=\"%s\"/> to %s",
		    vpc->id, cidr, serve, vpc->id, serve);
	}
}

/* True when some route of the VPC leaves the cloud toward an uplink: a
 * path without allowed prefixes carries every vSwitch route; one with
 * allowed prefixes carries them when some vSwitch route lies inside one.
 * When every path has allowed prefixes covering none of the routes,
 * *blocking is the first such association. */
static bool some_route_reaches(const struct ecrc_facts *f, const struct ecrc_vpc *vpc,
                               const struct ecrc_associate **blocking)
{
	size_t nr = ecrc_vpc_n_routes(vpc);
	struct ecrc_vpc_route *routes = ecrc_xcalloc(nr ? nr : 1, sizeof(*routes));
	bool reaches = false;

	nr = ecrc_vpc_routes(vpc, routes);
	*blocking = NULL;
	for (size_t u = 0; u < f->n_uplinks && !reaches; u++)
		for (size_t r = 0; r < f->uplinks[u].n_reach && !reaches; r++) {
			const struct ecrc_vpc_reach *re = &f->uplinks[u].reach[r];
			if (re->vpc != vpc)
				continue;
			if (!re->tr || !re->associate || !re->associate->n_allowed) {
				reaches = true;
				break;
			}
			for (size_t k = 0; k < nr && !reaches; k++)
				for (const struct ecrc_prefix_node *p = re->associate->allowed; p && !reaches;
				     p = p->next)
					reaches = ecrc_ipnet_contains(ecrc_ipnet_network(p->prefix),
					                              routes[k].prefix);
			if (!reaches && !*blocking)
				*blocking = re->associate;
		}
	free(routes);
	return reaches;
}

static void check(struct ecrc_check *ck)
{
	const struct ecrc_facts *f = ck->facts;
	struct index ix = {0};
	bool built = false;

	for (size_t i = 0; i < f->n_vpcs; i++) {
		if (f->vpcs[i].n_dcs > 0) {
			const struct ecrc_associate *blocking;
			const struct ecrc_vpc *vpc = f->vpcs[i].vpc;
			char what[160];

			if (!vpc->n_vswitches || some_route_reaches(f, vpc, &blocking) || !blocking)
				continue;
			describe_vpc(vpc, what, sizeof(what));
			struct ecrc_finding *fd =
			    ecrc_report(ck, &vpc->node,
			                "no data center can reach %s (%s): every path to it goes through "
			                "%s's connection to %s, "
			                "whose allowed prefixes cover none of its vSwitches, and the ECR "
			                "advertises only the "
			                "allowed prefixes; add an allowed prefix that covers them",
			                vpc->id, what, blocking->ecr->id, blocking->target_id);
			ecrc_report_note(ck, fd, &blocking->node,
			                 "%s's connection to %s and its allowed prefixes", blocking->ecr->id,
			                 blocking->target_id);
			continue;
		}
		if (!built) {
			build(ck, &ix);
			built = true;
		}
		report(ck, &ix, f->vpcs[i].vpc, i);
	}
	free(ix.vpc_attach);
	free(ix.vpc_assoc);
	free(ix.tr_assoc);
}

const struct ecrc_rule ecrc_rule_reach_vpc_unreachable = {
    .id = "reach-vpc-unreachable",
    .severity = ECRC_SEV_ERROR,
    .summary = "a VPC in the design that no uplink can reach (no ECR association path)",
    .check = check,
};
