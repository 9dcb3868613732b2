/*
 * asn-ebgp-required.c: a VBR peers with the data center over eBGP only; a
 * CPE whose asn equals the ASN its VBR speaks would open an iBGP session.
 * Reported once per CPE, at the CPE.
 */
#include "lint/lint.h"

static void check(struct ecrc_check *ck)
{
	for (const struct ecrc_datacenter *dc = ck->design->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			for (const struct ecrc_uplink *u = c->uplinks; u; u = u->next) {
				const struct ecrc_uplink_facts *uf = ecrc_facts_uplink(ck->facts, u);
				struct ecrc_finding *f;
				char a[12];

				if (!uf || !uf->has_bgp_session || uf->vbr_local_asn != c->asn)
					continue;
				ecrc_fmt_asn(c->asn, a);
				if (uf->ecr) {
					f = ecrc_report(ck, &c->node,
					                "%s asn %s equals the ASN %s speaks (that of %s): "
					                "the session on %s would be iBGP, which a VBR does "
					                "not accept; give the data center its own ASN",
					                c->id, a, uf->vbr->id, uf->ecr->id, u->id);
					ecrc_report_note(ck, f, &uf->ecr->node, "%s has asn %s", uf->ecr->id,
					                 a);
				} else {
					f = ecrc_report(ck, &c->node,
					                "%s asn %s equals the ASN %s speaks: the session on "
					                "%s would be iBGP, which a VBR does not accept; give "
					                "the data center its own ASN",
					                c->id, a, uf->vbr->id, u->id);
					ecrc_report_note(ck, f, &uf->vbr->bgp_peer->node, "%s speaks AS %s",
					                 uf->vbr->id, a);
				}
				break;
			}
}

const struct ecrc_rule ecrc_rule_asn_ebgp_required = {
    .id = "asn-ebgp-required",
    .severity = ECRC_SEV_ERROR,
    .summary = "CPE ASN equals the cloud side's ASN: the session would be iBGP",
    .check = check,
};
