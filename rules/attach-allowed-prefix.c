/*
 * attach-allowed-prefix.c: an ECR-to-TR association whose allowed prefixes
 * do not cover a CIDR of a VPC attached to that transit router. Alibaba, "Create an ECR connection"
 * (https://www.alibabacloud.com/help/en/cen/user-guide/connect-ecrs): with a route prefix selected, "the
 * transit router does not advertise specific routes to the ECR. Only the selected route prefix is advertised
 * to the ECR", so a VPC outside every allowed prefix is never learned by the data centers. Coverage is by the
 * union of the allowed prefixes: a CIDR split across two of them is still covered. What must be covered is
 * what the VPC advertises: one system route per vSwitch CIDR, so a VPC with <vswitch> elements is judged per
 * vSwitch (a block partly outside the allowed prefixes is fine when every vSwitch is inside); a VPC without
 * them is judged by its blocks, where its unknown vSwitches may lie.
 */
#include <stdlib.h>

#include "lint/lint.h"

struct span {
	uint64_t first, last; /* addresses, inclusive */
};

static struct span span_of(struct ecrc_ipnet p)
{
	struct ecrc_ipnet n = ecrc_ipnet_network(p);
	struct span s = {n.addr, (uint64_t)n.addr + ((uint64_t)1 << (32 - n.len)) - 1};

	return s;
}

static int by_first(const void *pa, const void *pb)
{
	const struct span *a = pa, *b = pb;

	return a->first < b->first ? -1 : a->first > b->first;
}

/* True when the spans, sorted by first address, together cover p. */
static bool covered(const struct span *v, size_t n, struct ecrc_ipnet p)
{
	struct span want = span_of(p);
	uint64_t next = want.first;

	for (size_t i = 0; i < n && v[i].first <= next; i++) {
		if (v[i].last >= next)
			next = v[i].last + 1;
		if (next > want.last)
			return true;
	}
	return false;
}

static void list_allowed(const struct ecrc_associate *a, struct ecrc_buf *out)
{
	char buf[19];
	size_t i = 0;

	for (const struct ecrc_prefix_node *p = a->allowed; p; p = p->next, i++) {
		if (i == 4) {
			ecrc_buf_printf(out, " and %zu more", a->n_allowed - i);
			break;
		}
		ecrc_buf_printf(out, "%s%s", i ? ", " : "", ecrc_fmt_ipnet(p->prefix, buf));
	}
}

static void check_cidr(struct ecrc_check *ck, const struct ecrc_associate *a, const struct span *v, size_t n,
                       const struct ecrc_vpc *vpc, const struct ecrc_vswitch *vs,
                       const struct ecrc_node *where, struct ecrc_ipnet cidr)
{
	const char *tr = a->target_id, *ecr = a->ecr->id;
	struct ecrc_buf allowed = {0};
	struct ecrc_finding *f;
	char buf[19];

	if (covered(v, n, cidr))
		return;
	list_allowed(a, &allowed);
	ecrc_fmt_ipnet(ecrc_ipnet_network(cidr), buf);
	if (vs) {
		f = ecrc_report(
		    ck, &a->node,
		    "the allowed prefixes of %s's connection to %s (%s) do not cover vSwitch %s (%s) of "
		    "%s: %s advertises only the allowed prefixes to %s, so no data center learns the "
		    "vSwitch's route; add <allowed-prefix>%s</allowed-prefix>",
		    ecr, tr, allowed.p, vs->id, buf, vpc->id, tr, ecr, buf);
		ecrc_report_note(ck, f, where, "vSwitch %s (%s) of %s, attached to %s", vs->id, buf, vpc->id,
		                 tr);
	} else {
		f = ecrc_report(
		    ck, &a->node,
		    "the allowed prefixes of %s's connection to %s (%s) do not cover %s of %s: %s "
		    "advertises only the allowed prefixes to %s, so no data center learns a route to "
		    "%s; add <allowed-prefix>%s</allowed-prefix>",
		    ecr, tr, allowed.p, buf, vpc->id, tr, ecr, buf, buf);
		ecrc_report_note(ck, f, where, "%s of %s, attached to %s", buf, vpc->id, tr);
	}
	ecrc_buf_free(&allowed);
}

static void check_association(struct ecrc_check *ck, const struct ecrc_associate *a)
{
	const struct ecrc_transit_router *tr;
	struct span *v;
	size_t n = 0;

	if (a->kind != ECRC_ASSOC_TR || a->n_allowed == 0 || !a->target ||
	    a->target->kind != ECRC_K_TRANSIT_ROUTER)
		return;
	tr = (const struct ecrc_transit_router *)a->target;
	v = ecrc_xcalloc(a->n_allowed, sizeof(*v));
	for (const struct ecrc_prefix_node *p = a->allowed; p; p = p->next)
		v[n++] = span_of(p->prefix);
	qsort(v, n, sizeof(*v), by_first);
	for (const struct ecrc_attach *at = tr->attaches; at; at = at->next) {
		const struct ecrc_vpc *vpc;

		if (at->kind != ECRC_ATT_VPC || !at->target || at->target->kind != ECRC_K_VPC)
			continue;
		vpc = (const struct ecrc_vpc *)at->target;
		if (vpc->n_vswitches) {
			for (const struct ecrc_vswitch *vs = vpc->vswitches; vs; vs = vs->next)
				check_cidr(ck, a, v, n, vpc, vs, &vs->node, vs->cidr);
			continue;
		}
		check_cidr(ck, a, v, n, vpc, NULL, &vpc->node, vpc->cidr);
		for (const struct ecrc_prefix_node *c = vpc->cidrs; c; c = c->next)
			check_cidr(ck, a, v, n, vpc, NULL, &c->node, c->prefix);
	}
	free(v);
}

static void check(struct ecrc_check *ck)
{
	for (const struct ecrc_ecr *ecr = ck->design->cloud->ecrs; ecr; ecr = ecr->next)
		for (const struct ecrc_associate *a = ecr->associates; a; a = a->next)
			check_association(ck, a);
}

const struct ecrc_rule ecrc_rule_attach_allowed_prefix = {
    .id = "attach-allowed-prefix",
    .severity = ECRC_SEV_ERROR,
    .summary = "an ECR-TR association's allowed prefixes do not cover a vSwitch (or, without vSwitches, a "
               "CIDR) of a VPC behind that transit router",
    .check = check,
};
