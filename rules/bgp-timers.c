/*
 * bgp-timers.c: BGP keepalive and hold times that defeat the hold timer:
 * a hold time under 3 s (RFC 4271 4.2: zero or at least three seconds), a
 * keepalive not shorter than the hold time, a keepalive longer than a third
 * of it (RFC 4271 4.4 suggests one third), or no keepalives with a hold
 * timer running (the arithmetic of common/timers.c, which verify uses
 * too). Checked on each side as written.
 */
#include "lint/lint.h"

/* The problem with a (keepalive, hold) pair, or NULL. */
static const char *timer_problem(uint32_t keepalive, uint32_t hold)
{
	if (hold == 0)
		return NULL;
	if (!ecrc_bgp_hold_acceptable(hold))
		return "a hold time must be 0 or at least 3 s (RFC 4271)";
	/* the arithmetic lint and verify share (common/timers.c) */
	if (ecrc_bgp_keepalive(keepalive, hold) == 0)
		return "keepalive 0 sends no keepalives, so the peer's hold timer expires";
	if (keepalive >= hold)
		return "the keepalive is not shorter than the hold time, so the hold timer expires between "
		       "keepalives";
	if ((uint64_t)keepalive * 3 > hold)
		return "the keepalive is longer than a third of the hold time: two keepalives lost in a row "
		       "can drop the session (RFC 4271 suggests one third)";
	return NULL;
}

static void check(struct ecrc_check *ck)
{
	const struct ecrc_cloud *cloud = ck->design->cloud;
	const char *why;

	for (size_t i = 0; i < ck->facts->n_uplinks; i++) {
		const struct ecrc_uplink *u = ck->facts->uplinks[i].uplink;

		if (u->bgp && (why = timer_problem(u->bgp->keepalive_s, u->bgp->hold_s)))
			ecrc_report(ck, &u->bgp->node, "%s BGP timers keepalive %u s, hold %u s: %s", u->id,
			            u->bgp->keepalive_s, u->bgp->hold_s, why);
	}
	for (const struct ecrc_region *r = cloud ? cloud->regions : NULL; r; r = r->next)
		for (const struct ecrc_vbr *v = r->vbrs; v; v = v->next)
			if (v->bgp_peer &&
			    (why = timer_problem(v->bgp_peer->keepalive_s, v->bgp_peer->hold_s)))
				ecrc_report(ck, &v->bgp_peer->node,
				            "%s BGP timers keepalive %u s, hold %u s: %s", v->id,
				            v->bgp_peer->keepalive_s, v->bgp_peer->hold_s, why);
}

const struct ecrc_rule ecrc_rule_bgp_timers = {
    .id = "bgp-timers",
    .severity = ECRC_SEV_WARNING,
    .summary = "BGP hold < 3 s (and not 0), keepalive >= hold, or keepalive > hold/3",
    .check = check,
};
