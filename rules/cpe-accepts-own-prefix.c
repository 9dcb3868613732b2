/*
 * cpe-accepts-own-prefix.c: an explicit inbound filter (<accept>) that lets
 * the data center's own prefixes, or more specific routes inside them, back
 * in from the cloud. The ECR hands one circuit's routes to the other VBRs;
 * with different CPE ASNs (which Alibaba's ECMP-over-ECR guide allows) BGP's AS_PATH loop check
 * does not stop them. Without <accept> elements the emitted filter accepts
 * every route inside the reachable VPC blocks and never the data center's own prefixes,
 * so only explicit filters are checked.
 */
#include "lint/lint.h"

/* The prefix lengths an <accept> admits, as a prefix-list entry does:
 * exactly the prefix's length without ge/le; len..le with le; ge..32 with ge. */
static void accept_range(const struct ecrc_accept *a, unsigned *lo, unsigned *hi)
{
	*lo = a->has_ge ? a->ge : a->prefix.len;
	*hi = a->has_le ? a->le : a->has_ge ? 32 : a->prefix.len;
}

/* True when some route inside own passes the filter entry. */
static bool admits_part_of(const struct ecrc_accept *a, struct ecrc_ipnet own)
{
	struct ecrc_ipnet p = ecrc_ipnet_network(a->prefix);
	unsigned lo, hi;

	accept_range(a, &lo, &hi);
	if (lo > hi)
		return false;
	own = ecrc_ipnet_network(own);
	if (ecrc_ipnet_contains(p, own)) /* a route within own, at a length the entry admits */
		return (own.len > lo ? own.len : lo) <= hi;
	return ecrc_ipnet_contains(own, p); /* everything the entry admits lies inside own */
}

static void describe(const struct ecrc_accept *a, char *out, size_t size)
{
	char buf[19];

	ecrc_fmt_ipnet(a->prefix, buf);
	if (a->has_ge && a->has_le)
		snprintf(out, size, "%s ge=%u le=%u", buf, (unsigned)a->ge, (unsigned)a->le);
	else if (a->has_ge)
		snprintf(out, size, "%s ge=%u", buf, (unsigned)a->ge);
	else if (a->has_le)
		snprintf(out, size, "%s le=%u", buf, (unsigned)a->le);
	else
		snprintf(out, size, "%s", buf);
}

static void check_accept(struct ecrc_check *ck, const struct ecrc_uplink *u, const struct ecrc_accept *a)
{
	const struct ecrc_datacenter *dc = u->cpe->dc;
	struct ecrc_buf hits = {0};
	struct ecrc_finding *f;
	char what[48], buf[19];
	size_t n = 0;

	for (const struct ecrc_prefix_node *p = dc->prefixes; p; p = p->next) {
		if (!admits_part_of(a, p->prefix))
			continue;
		if (n < 4)
			ecrc_buf_printf(&hits, "%s%s", n ? ", " : "", ecrc_fmt_ipnet(p->prefix, buf));
		n++;
	}
	if (n == 0)
		return;
	if (n > 4)
		ecrc_buf_printf(&hits, " and %zu more", n - 4);
	describe(a, what, sizeof(what));
	f = ecrc_report(ck, &a->node,
	                "the inbound filter of %s accepts %s, which admits routes for %s's own prefix%s %s: "
	                "the cloud can send them back, learned over another circuit, and the CPE would "
	                "route data center traffic into the cloud; accept only the cloud's prefixes (the "
	                "VPC CIDRs)",
	                u->id, what, dc->id, n > 1 ? "es" : "", hits.p);
	n = 0;
	for (const struct ecrc_prefix_node *p = dc->prefixes; p && n < 4; p = p->next) {
		if (!admits_part_of(a, p->prefix))
			continue;
		ecrc_report_note(ck, f, &p->node, "%s owns %s", dc->id, ecrc_fmt_ipnet(p->prefix, buf));
		n++;
	}
	ecrc_buf_free(&hits);
}

static void check(struct ecrc_check *ck)
{
	for (const struct ecrc_datacenter *dc = ck->design->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *cpe = dc->cpes; cpe; cpe = cpe->next)
			for (const struct ecrc_uplink *u = cpe->uplinks; u; u = u->next)
				for (const struct ecrc_accept *a = u->bgp ? u->bgp->accepts : NULL; a;
				     a = a->next)
					check_accept(ck, u, a);
}

const struct ecrc_rule ecrc_rule_cpe_accepts_own_prefix = {
    .id = "cpe-accepts-own-prefix",
    .severity = ECRC_SEV_WARNING,
    .summary = "an explicit inbound filter accepts the data center's own prefixes: they can come back "
               "over the other circuit",
    .check = check,
};
