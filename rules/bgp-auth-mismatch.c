/*
 * bgp-auth-mismatch.c: TCP MD5 (RFC 2385) must be on both ends of a BGP
 * session or on neither; a one-sided key keeps the session from ever
 * establishing. Points at the side without a key.
 */
#include "lint/lint.h"

static void check(struct ecrc_check *ck)
{
	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink_facts *uf = &ck->facts->uplinks[i];
		const struct ecrc_bgp *bgp = uf->uplink->bgp;
		const struct ecrc_bgp_peer *peer;
		struct ecrc_finding *f;

		if (!uf->has_bgp_session)
			continue;
		peer = uf->vbr->bgp_peer;
		if ((bgp->auth_key_env != NULL) == peer->auth_md5)
			continue;
		if (peer->auth_md5) {
			f = ecrc_report(
			    ck, &bgp->node,
			    "%s's BGP group has an MD5 key but %s sets no auth-key-env: the session will "
			    "never establish; set auth-key-env to the variable holding the key",
			    uf->vbr->id, uf->uplink->id);
			ecrc_report_note(ck, f, &peer->node, "%s has auth=\"md5\"", uf->vbr->id);
		} else {
			f = ecrc_report(
			    ck, &peer->node,
			    "%s signs its BGP session with MD5 (auth-key-env %s) but %s's BGP peer has no "
			    "key: the session will never establish; set the key on %s and auth=\"md5\"",
			    uf->uplink->id, bgp->auth_key_env, uf->vbr->id, uf->vbr->id);
			ecrc_report_note(ck, f, &bgp->node, "%s has auth-key-env=\"%s\"", uf->uplink->id,
			                 bgp->auth_key_env);
		}
	}
}

const struct ecrc_rule ecrc_rule_bgp_auth_mismatch = {
    .id = "bgp-auth-mismatch",
    .severity = ECRC_SEV_ERROR,
    .summary = "MD5 configured on one side of a BGP session only",
    .check = check,
};
