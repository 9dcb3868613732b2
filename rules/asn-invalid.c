/*
 * asn-invalid.c: ASNs Alibaba Cloud or BGP itself does not accept. The
 * cloud side (ECR asn, VBR local-asn) must be 45104, 64512..65534 except
 * the reserved 65025, or 4200000000..4294967294; a CPE cannot use 0
 * (RFC 7607), 23456 (AS_TRANS, RFC 6793), 65535 or 4294967295 (RFC 7300).
 */
#include "lint/lint.h"

/* Why a cloud-side ASN is refused, or NULL when it is usable. */
static const char *cloud_asn_problem(uint32_t asn)
{
	if (asn == 65025)
		return "65025 is reserved by Alibaba Cloud";
	if (asn == 45104 || (asn >= 64512 && asn <= 65534) || (asn >= 4200000000u && asn <= 4294967294u))
		return NULL;
	return "Alibaba Cloud accepts 45104, 64512..65534 (except 65025) or 4200000000..4294967294";
}

static const char *cpe_asn_problem(uint32_t asn)
{
	switch (asn) {
	case 0:
		return "AS 0 cannot be used by a BGP speaker (RFC 7607)";
	case 23456:
		return "23456 is AS_TRANS, a placeholder for 4-byte ASNs (RFC 6793)";
	case 65535:
	case 4294967295u:
		return "it is reserved (RFC 7300)";
	default:
		return NULL;
	}
}

static void check(struct ecrc_check *ck)
{
	const struct ecrc_cloud *cloud = ck->design->cloud;
	const char *why;
	char a[12];

	for (const struct ecrc_ecr *e = cloud ? cloud->ecrs : NULL; e; e = e->next)
		if ((why = cloud_asn_problem(e->asn)))
			ecrc_report(ck, &e->node, "%s asn %s cannot be used for an ECR: %s", e->id,
			            ecrc_fmt_asn(e->asn, a), why);
	for (const struct ecrc_region *r = cloud ? cloud->regions : NULL; r; r = r->next)
		for (const struct ecrc_vbr *v = r->vbrs; v; v = v->next)
			if (v->bgp_peer && v->bgp_peer->has_local_asn &&
			    (why = cloud_asn_problem(v->bgp_peer->local_asn)))
				ecrc_report(ck, &v->bgp_peer->node,
				            "%s local-asn %s cannot be used for a VBR: %s", v->id,
				            ecrc_fmt_asn(v->bgp_peer->local_asn, a), why);
	for (const struct ecrc_datacenter *dc = ck->design->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			if ((why = cpe_asn_problem(c->asn)))
				ecrc_report(ck, &c->node,
				            "%s asn %s cannot be used: %s; pick a private ASN such as 65001",
				            c->id, ecrc_fmt_asn(c->asn, a), why);
}

const struct ecrc_rule ecrc_rule_asn_invalid = {
    .id = "asn-invalid",
    .severity = ECRC_SEV_ERROR,
    .summary = "an ECR/VBR local ASN Alibaba does not accept, or a reserved CPE ASN",
    .check = check,
};
