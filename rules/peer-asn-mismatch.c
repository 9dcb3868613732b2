/*
 * peer-asn-mismatch.c: each end of a BGP session must expect the other's
 * ASN: the VBR's peer-asn is the CPE's asn, and the uplink's remote-asn is
 * the ASN the VBR speaks (its ECR's when associated, else its local-asn or
 * 45104).
 */
#include "lint/lint.h"

static void check(struct ecrc_check *ck)
{
	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink_facts *uf = &ck->facts->uplinks[i];
		const struct ecrc_uplink *u = uf->uplink;
		const struct ecrc_vbr *v = uf->vbr;
		const struct ecrc_cpe *cpe = u->cpe;
		char a[12], b[12];
		struct ecrc_finding *f;

		if (!uf->has_bgp_session || !cpe)
			continue;
		if (v->bgp_peer->peer_asn != cpe->asn) {
			f = ecrc_report(ck, &v->bgp_peer->node,
			                "%s peer-asn is %s but %s, its CPE on %s, has asn %s: the VBR would "
			                "refuse %s's OPEN; set peer-asn=\"%s\"",
			                v->id, ecrc_fmt_asn(v->bgp_peer->peer_asn, a), cpe->id, u->id,
			                ecrc_fmt_asn(cpe->asn, b), cpe->id, b);
			ecrc_report_note(ck, f, &cpe->node, "%s has asn %s", cpe->id, b);
		}
		if (u->bgp->remote_asn != uf->vbr_local_asn) {
			ecrc_fmt_asn(u->bgp->remote_asn, a);
			ecrc_fmt_asn(uf->vbr_local_asn, b);
			if (uf->ecr) {
				f = ecrc_report(ck, &u->bgp->node,
				                "%s remote-asn is %s but %s speaks AS %s, the ASN of %s it "
				                "is associated with; set remote-asn=\"%s\"",
				                u->id, a, v->id, b, uf->ecr->id, b);
				ecrc_report_note(ck, f, &uf->ecr->node, "%s has asn %s", uf->ecr->id, b);
			} else {
				f = ecrc_report(
				    ck, &u->bgp->node,
				    "%s remote-asn is %s but %s speaks AS %s%s; set remote-asn=\"%s\"", u->id,
				    a, v->id, b,
				    v->bgp_peer->has_local_asn ? " (its local-asn)" : " (Alibaba's default)",
				    b);
				ecrc_report_note(ck, f, &v->bgp_peer->node, "%s's BGP peer", v->id);
			}
		}
	}
}

const struct ecrc_rule ecrc_rule_peer_asn_mismatch = {
    .id = "peer-asn-mismatch",
    .severity = ECRC_SEV_ERROR,
    .summary = "CPE asn != VBR peer-asn, or CPE remote-asn != the VBR's effective local ASN",
    .check = check,
};
