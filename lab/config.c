/*
 * config.c: the FRR configs the lab runs. A CPE runs exactly what `ecrc
 * emit --vendor=frr` would produce for it (the design's CPE lowered to the
 * IR with the frr override and rendered by the frr backend), with one
 * change: its ports are renamed to the lab's veth ends, in the IR, before
 * rendering. The cloud side is an emulation of Alibaba's routers written
 * here: each VBR speaks eBGP to its CPE with the ECR's ASN, the VBR's
 * timers, BFD and MD5, and iBGP to its ECR with next-hop-self; each ECR
 * forms ECMP over its VBRs (multipath with as-path multipath-relax) and
 * originates the VPC CIDRs it reaches.
 */
#include <string.h>

#include "emit/emit.h"
#include "lab/lab.h"
#include "vendors/vendor.h"

/* The MD5 key a VBR uses when its BGP group has one but the CPE has none:
 * a key the CPE cannot match, as on Alibaba's side. */
#define LAB_UNMATCHED_KEY "ecrc-lab-group-key"

static const struct ecrc_uplink *uplink_by_id(const struct ecrc_cpe *cpe, const char *id, size_t *index)
{
	size_t i = 0;

	for (const struct ecrc_uplink *up = cpe->uplinks; up; up = up->next, i++)
		if (id && strcmp(up->id, id) == 0) {
			*index = i;
			return up;
		}
	return NULL;
}

int ecrc_lab_cpe_config(struct ecrc_lab *lab, struct ecrc_lab_router *r, struct ecrc_diags *diags)
{
	const struct ecrc_vendor *frr = ecrc_vendor_find("frr");
	struct ecrc_lower_options lo = {.vendor_override = "frr"};
	struct ecrc_ir_cpe *ir;
	struct ecrc_buf out = {0};

	if (!frr)
		return -1;
	ir = ecrc_lower_cpe(lab->design, r->cpe, &lo, lab->arena, diags);
	if (!ir)
		return -1;
	for (size_t i = 0; i < ir->n_ifaces; i++) {
		size_t index;
		if (!uplink_by_id(r->cpe, ir->ifaces[i].uplink_id, &index))
			index = i; /* every IR interface is an uplink's; keep the order otherwise */
		ir->ifaces[i].parent = ecrc_arena_printf(lab->arena, "up%zu", index);
	}
	ecrc_ir_link(ir, lab->arena); /* the renamed ports */
	for (size_t i = 0; i < lab->n_circuits; i++) {
		struct ecrc_lab_circuit *c = &lab->circuits[i];
		if (c->cpe_router != r)
			continue;
		for (size_t k = 0; k < ir->n_neighbors; k++)
			if (ir->neighbors[k].uplink_id &&
			    strcmp(ir->neighbors[k].uplink_id, c->uplink->id) == 0)
				c->md5_key = ir->neighbors[k].md5_key;
	}
	frr->render(ir, &out);
	r->config = ecrc_buf_take(&out);
	return 0;
}

static void header(struct ecrc_buf *b, const struct ecrc_lab *lab, const struct ecrc_lab_router *r,
                   const char *what)
{
	ecrc_buf_printf(b, "! ecrc lab: %s %s of design %s (an emulation of Alibaba Cloud's side)\n", what,
	                r->id, lab->design->name);
	ecrc_buf_printf(b, "frr defaults traditional\nhostname %s\nlog timestamp precision 3\n!\n", r->id);
}

/* MTUs are set on the links themselves (netns.c). */
static void iface(struct ecrc_buf *b, const char *name, uint32_t addr, uint8_t len)
{
	char a[16];

	ecrc_buf_printf(b, "interface %s\n ip address %s/%u\nexit\n!\n", name, ecrc_fmt_ipv4(addr, a),
	                (unsigned)len);
}

static void originate_statics(struct ecrc_buf *b, const struct ecrc_lab *lab, const struct ecrc_lab_router *r)
{
	char p[19];

	for (size_t i = 0; i < lab->n_origins; i++)
		if (lab->origins[i].router == r)
			ecrc_buf_printf(b, "ip route %s blackhole\n",
			                ecrc_fmt_ipnet(lab->origins[i].prefix, p));
}

static void originate_networks(struct ecrc_buf *b, const struct ecrc_lab *lab,
                               const struct ecrc_lab_router *r)
{
	char p[19];

	for (size_t i = 0; i < lab->n_origins; i++)
		if (lab->origins[i].router == r)
			ecrc_buf_printf(b, "  network %s\n", ecrc_fmt_ipnet(lab->origins[i].prefix, p));
}

static void vbr_config(const struct ecrc_lab *lab, const struct ecrc_lab_router *r, struct ecrc_buf *b)
{
	const struct ecrc_lab_circuit *c = NULL;
	const struct ecrc_lab_trunk *t = NULL;
	const struct ecrc_bgp_peer *bp = r->vbr->bgp_peer;
	char a[16], asn[12];

	for (size_t i = 0; i < lab->n_circuits; i++)
		if (lab->circuits[i].vbr_router == r)
			c = &lab->circuits[i];
	for (size_t i = 0; i < lab->n_trunks; i++)
		if (lab->trunks[i].vbr_router == r)
			t = &lab->trunks[i];

	header(b, lab, r, "VBR");
	iface(b, c->vbr_if, c->vbr_addr, c->len);
	if (t)
		iface(b, t->vbr_if, t->vbr_addr, 30);
	originate_statics(b, lab, r);
	if (bp->bfd) {
		/* Alibaba's VBR BFD: min tx, min rx, detect multiplier. */
		ecrc_buf_printf(b,
		                "bfd\n profile vbr\n  transmit-interval %u\n  receive-interval %u\n"
		                "  detect-multiplier %u\n exit\n!\nexit\n!\n",
		                (unsigned)bp->bfd->min_tx_ms, (unsigned)bp->bfd->min_rx_ms,
		                (unsigned)bp->bfd->multiplier);
	}
	ecrc_buf_printf(b, "router bgp %s\n bgp router-id %s\n", ecrc_fmt_asn(r->asn, asn),
	                ecrc_fmt_ipv4(r->router_id, a));
	/* Alibaba accepts what the CPE sends (up to the route quota, which
	 * the lab does not emulate). */
	ecrc_buf_puts(b, " no bgp ebgp-requires-policy\n");
	const char *cpe = ecrc_fmt_ipv4(c->cpe_addr, a);
	ecrc_buf_printf(b, " neighbor %s remote-as %s\n", cpe, ecrc_fmt_asn(bp->peer_asn, asn));
	ecrc_buf_printf(b, " neighbor %s description %s\n", cpe, c->uplink->id);
	ecrc_buf_printf(b, " neighbor %s timers %u %u\n", cpe, (unsigned)bp->keepalive_s,
	                (unsigned)bp->hold_s);
	/* Retry the connection every 5 s, so that recovery after a drill does
	 * not wait for FRR's 120 s default. Detection does not depend on it. */
	ecrc_buf_printf(b, " neighbor %s timers connect 5\n", cpe);
	if (bp->auth_md5)
		ecrc_buf_printf(b, " neighbor %s password %s\n", cpe,
		                c->md5_key ? c->md5_key : LAB_UNMATCHED_KEY);
	if (bp->bfd)
		ecrc_buf_printf(b, " neighbor %s bfd\n neighbor %s bfd profile vbr\n", cpe, cpe);
	if (t) {
		char e[16];
		ecrc_fmt_ipv4(t->ecr_addr, e);
		ecrc_buf_printf(b, " neighbor %s remote-as %s\n", e, ecrc_fmt_asn(r->asn, asn));
		ecrc_buf_printf(b, " neighbor %s description %s\n", e, t->ecr_router->id);
		ecrc_buf_printf(b, " neighbor %s timers connect 5\n", e);
	}
	ecrc_buf_puts(b, " !\n address-family ipv4 unicast\n");
	originate_networks(b, lab, r);
	if (t) {
		char e[16];
		ecrc_buf_printf(b, "  neighbor %s next-hop-self\n", ecrc_fmt_ipv4(t->ecr_addr, e));
	}
	ecrc_buf_puts(b, " exit-address-family\nexit\n!\nend\n");
}

static void ecr_config(const struct ecrc_lab *lab, const struct ecrc_lab_router *r, struct ecrc_buf *b)
{
	char a[16], asn[12];

	header(b, lab, r, "ECR");
	for (size_t i = 0; i < lab->n_trunks; i++)
		if (lab->trunks[i].ecr_router == r)
			iface(b, lab->trunks[i].ecr_if, lab->trunks[i].ecr_addr, 30);
	originate_statics(b, lab, r);
	ecrc_buf_printf(b, "router bgp %s\n bgp router-id %s\n", ecrc_fmt_asn(r->asn, asn),
	                ecrc_fmt_ipv4(r->router_id, a));
	/* ECMP across VBRs for routes of equal AS_PATH length, whatever the
	 * ASNs in them (domain.md: the ECR forms ECMP across VBRs). */
	ecrc_buf_puts(b, " bgp bestpath as-path multipath-relax\n");
	for (size_t i = 0; i < lab->n_trunks; i++) {
		const struct ecrc_lab_trunk *t = &lab->trunks[i];
		if (t->ecr_router != r)
			continue;
		ecrc_fmt_ipv4(t->vbr_addr, a);
		ecrc_buf_printf(b, " neighbor %s remote-as %s\n", a, ecrc_fmt_asn(r->asn, asn));
		ecrc_buf_printf(b, " neighbor %s description %s\n", a, t->vbr_router->id);
		ecrc_buf_printf(b, " neighbor %s timers connect 5\n", a);
	}
	ecrc_buf_puts(b, " !\n address-family ipv4 unicast\n");
	originate_networks(b, lab, r);
	ecrc_buf_puts(b, "  maximum-paths 64\n  maximum-paths ibgp 64\n exit-address-family\nexit\n!\nend\n");
}

void ecrc_lab_cloud_config(const struct ecrc_lab *lab, struct ecrc_lab_router *r)
{
	struct ecrc_buf b = {0};

	if (r->role == ECRC_LAB_VBR)
		vbr_config(lab, r, &b);
	else if (r->role == ECRC_LAB_ECR)
		ecr_config(lab, r, &b);
	r->config = ecrc_buf_take(&b);
}
