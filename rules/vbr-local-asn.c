/*
 * vbr-local-asn.c: a VBR associated with an ECR speaks the ECR's ASN; a
 * local-asn that says otherwise does not describe the VBR as provisioned.
 */
#include "lint/lint.h"

static void check(struct ecrc_check *ck)
{
	const struct ecrc_cloud *cloud = ck->design->cloud;

	for (const struct ecrc_region *r = cloud ? cloud->regions : NULL; r; r = r->next)
		for (const struct ecrc_vbr *v = r->vbrs; v; v = v->next) {
			const struct ecrc_bgp_peer *p = v->bgp_peer;
			struct ecrc_finding *f;
			char a[12], b[12];

			if (!v->ecr || !p || !p->has_local_asn || p->local_asn == v->ecr->asn)
				continue;
			f = ecrc_report(ck, &p->node,
			                "%s local-asn %s differs from %s's asn %s: a VBR associated with an "
			                "ECR speaks the ECR's ASN; remove local-asn",
			                v->id, ecrc_fmt_asn(p->local_asn, a), v->ecr->id,
			                ecrc_fmt_asn(v->ecr->asn, b));
			ecrc_report_note(ck, f, &v->ecr->node, "%s has asn %s", v->ecr->id, b);
		}
}

const struct ecrc_rule ecrc_rule_vbr_local_asn = {
    .id = "vbr-local-asn",
    .severity = ECRC_SEV_ERROR,
    .summary = "a VBR associated with an ECR sets a local-asn different from the ECR's ASN",
    .check = check,
};
