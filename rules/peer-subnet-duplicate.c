/*
 * peer-subnet-duplicate.c: two uplinks, or two VBRs, whose peering subnets
 * are the same or overlap (rules.md, added in v1.1). A copy-pasted /30 on
 * a second circuit gives two interfaces the same addresses: the CPE has
 * two connected routes for one subnet (or the ECR two VBRs with one
 * subnet), and the second session's packets leave by the first circuit.
 * An uplink and its own VBR share their subnet by design: uplinks are
 * compared with uplinks, VBRs with VBRs.
 *
 * Each side's subnets are sorted once by network and length and swept
 * with a stack of the subnets that contain the current one (two prefixes
 * overlap only when one contains the other). Cost O(n log n + overlaps).
 * The finding goes to the element further down the file; the note to the
 * other one.
 */
#include <stdlib.h>

#include "lint/lint.h"

struct item {
	struct ecrc_ipnet net;  /* the subnet: host bits cleared */
	struct ecrc_ipnet addr; /* as written */
	uint64_t last;
	const struct ecrc_node *at;
	const char *id;
	const char *connection; /* the physical connection's id, or NULL */
	size_t seq;
};

static int by_net(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	if (a->net.addr != b->net.addr)
		return a->net.addr < b->net.addr ? -1 : 1;
	if (a->net.len != b->net.len)
		return a->net.len < b->net.len ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void add(struct item *v, size_t *n, struct ecrc_ipnet addr, const struct ecrc_node *at, const char *id,
                const char *connection)
{
	struct item *it = &v[*n];
	it->addr = addr;
	it->net = ecrc_ipnet_network(addr);
	it->last = (uint64_t)it->net.addr + ((uint64_t)1 << (32 - it->net.len)) - 1;
	it->at = at;
	it->id = id;
	it->connection = connection;
	it->seq = (*n)++;
}

static void report(struct ecrc_check *ck, const struct item *earlier, const struct item *later, bool vbr)
{
	char a[19], b[19], lb[19];
	ecrc_fmt_ipnet(later->net, a);
	ecrc_fmt_ipnet(earlier->net, b);
	ecrc_fmt_ipnet(earlier->addr, lb);
	bool same = ecrc_ipnet_equal(later->net, earlier->net);
	struct ecrc_finding *f = ecrc_report(
	    ck, later->at,
	    "%s %s's peering subnet %s %s %s's %s%s%s: the two sessions' addresses collide, so %s's "
	    "packets can leave by the other circuit; give each %s a subnet of its own",
	    vbr ? "VBR" : "uplink", later->id, a, same ? "is the same as" : "overlaps", earlier->id, b,
	    earlier->connection ? " on " : "", earlier->connection ? earlier->connection : "", later->id,
	    vbr ? "VBR" : "circuit");
	ecrc_report_note(ck, f, earlier->at, "%s %s has %s", vbr ? "VBR" : "uplink", earlier->id, lb);
}

static void sweep(struct ecrc_check *ck, struct item *v, size_t n, bool vbr)
{
	if (n < 2)
		return;
	qsort(v, n, sizeof *v, by_net);
	const struct item **stack = ecrc_xcalloc(n, sizeof *stack);
	size_t depth = 0;
	for (size_t i = 0; i < n; i++) {
		while (depth > 0 && stack[depth - 1]->last < v[i].net.addr)
			depth--;
		for (size_t k = 0; k < depth; k++) {
			const struct item *o = stack[k], *cur = &v[i];
			report(ck, o->seq < cur->seq ? o : cur, o->seq < cur->seq ? cur : o, vbr);
		}
		stack[depth++] = &v[i];
	}
	free(stack);
}

static void check(struct ecrc_check *ck)
{
	const struct ecrc_design *d = ck->design;
	size_t nu = 0, nv = 0;
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			nu += c->n_uplinks;
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next)
		nv += r->n_vbrs;

	struct item *v = ecrc_xcalloc(nu + 1, sizeof *v);
	size_t n = 0;
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			for (const struct ecrc_uplink *u = c->uplinks; u; u = u->next)
				add(v, &n, u->address, &u->node, u->id, u->connection_id);
	sweep(ck, v, n, false);
	free(v);

	v = ecrc_xcalloc(nv + 1, sizeof *v);
	n = 0;
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next)
		for (const struct ecrc_vbr *x = r->vbrs; x; x = x->next)
			add(v, &n, x->local_address, &x->node, x->id, x->connection_id);
	sweep(ck, v, n, true);
	free(v);
}

const struct ecrc_rule ecrc_rule_peer_subnet_duplicate = {
    .id = "peer-subnet-duplicate",
    .severity = ECRC_SEV_ERROR,
    .summary = "two uplinks (or two VBRs) use the same or overlapping peering subnets",
    .check = check,
};
