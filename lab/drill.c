/*
 * drill.c: one silent failure of a physical connection, measured on real
 * FRR. It starts from the lab's settled state (every session up, the routes
 * as first measured), puts the drop in (nftables on the VBR end of every
 * circuit on that connection), then polls every ECRC_LAB_POLL_MS: on each
 * side of each affected circuit, BFD's status and BGP's state (the first of
 * them to leave up/Established is that side's detection, and says by what),
 * and every route that used the connection, until each has lost the failed
 * paths (convergence). Then the drop comes out and the lab waits until it
 * is settled again, so that the next drill starts from the same state.
 */
#include <stdlib.h>
#include <string.h>

#include "lab/lab.h"

#define DETECT_MARGIN_MS 10000   /* beyond the longest hold time, before giving up */
#define SETTLE_TIMEOUT_MS 120000 /* for the lab to come back after a drill */
#define SETTLE_HOLD_MS 1500      /* settled means: continuously, this long */
#define AFTER_SETTLE_MS 500      /* from convergence to reading the routes after a drill */

struct watched_side {
	const struct ecrc_lab_circuit *c;
	enum ecrc_lab_side side;
	bool bfd_was_up;
	bool was_established; /* else nothing to detect on this side */
	int64_t detect_ms;    /* -1: not yet */
	bool by_bfd;
};

struct watched_route {
	struct ecrc_lab_router *router;
	const struct ecrc_lab_route *before;
	int64_t lost_ms; /* -1: still uses a failed VBR */
};

static bool affected(const struct ecrc_lab_circuit *c, const char *connection_id)
{
	return strcmp(c->uplink->connection_id, connection_id) == 0;
}

/* Does a route use a VBR of a circuit on the failed connection? */
static bool uses_failed(const struct ecrc_lab *lab, const struct ecrc_lab_route *r, const char *connection_id)
{
	for (size_t i = 0; i < r->n_next_hops; i++)
		for (size_t k = 0; k < lab->n_circuits; k++)
			if (affected(&lab->circuits[k], connection_id) &&
			    strcmp(lab->circuits[k].vbr_router->id, r->next_hops[i]) == 0)
				return true;
	return false;
}

/* Every session up (when they were: --keep-going drills a lab with a
 * session down) and every route as in the baseline. */
static bool settled(struct ecrc_lab *lab, const struct ecrc_lab_route *baseline, size_t n, bool sessions)
{
	const char *why;

	if (sessions && !ecrc_lab_sessions_up(lab, &why))
		return false;
	for (size_t i = 0; i < n; i++) {
		struct ecrc_lab_route now;
		ecrc_lab_read_route(lab, ecrc_lab_router_find(lab, baseline[i].router), baseline[i].prefix,
		                    &now);
		bool same = ecrc_lab_same_next_hops(&now, &baseline[i]);
		free(now.next_hops);
		if (!same)
			return false;
	}
	return true;
}

/* Waits until the lab has been settled for SETTLE_HOLD_MS without a break
 * (a session that comes up may still flap once, e.g. when FRR re-registers
 * its BFD session). Returns when the final settled stretch began, in ms
 * from the call, or -1 (timeout or interrupt; a message in err). */
static int64_t wait_settled(struct ecrc_lab *lab, const struct ecrc_lab_route *baseline, size_t n,
                            bool sessions, int64_t until, const char *what, char *err, size_t errlen)
{
	int64_t t0 = ecrc_lab_now_ms(), since = -1;

	for (;;) {
		int64_t now = ecrc_lab_now_ms();
		if (settled(lab, baseline, n, sessions)) {
			if (since < 0)
				since = now;
			if (now - since >= SETTLE_HOLD_MS)
				return since - t0;
		} else
			since = -1;
		if (now > until) {
			snprintf(err, errlen,
			         "%s: the sessions and routes were not back as before within %lld s", what,
			         (long long)(until - t0) / 1000);
			return -1;
		}
		if (!ecrc_lab_sleep_ms(100)) {
			snprintf(err, errlen, "interrupted");
			return -1;
		}
	}
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

int ecrc_lab_drill(struct ecrc_lab *lab, const char *connection_id, const struct ecrc_lab_route *baseline,
                   size_t n_baseline, bool sessions_up, int64_t deadline_ms, struct ecrc_lab_drill *out,
                   char *err, size_t errlen)
{
	struct watched_side *sides = ecrc_xcalloc(2 * lab->n_circuits + 1, sizeof(*sides));
	struct watched_route *routes = ecrc_xcalloc(n_baseline + 1, sizeof(*routes));
	size_t n_sides = 0, n_watched = 0;
	uint32_t longest_hold_s = 0;
	int rc = -1;
	char st[24];

	memset(out, 0, sizeof *out);
	out->name = connection_id;
	out->cpe_detect_ms = out->vbr_detect_ms = out->detect_ms = -1;
	out->converged_ms = out->recovered_ms = out->ecr_converged_ms = -1;
	out->drop_ms = out->poll_max_ms = 0;

	/* From the settled state (right after the previous drill, a session
	 * may still be coming back). */
	if (wait_settled(lab, baseline, n_baseline, sessions_up,
	                 min64(ecrc_lab_now_ms() + SETTLE_TIMEOUT_MS, deadline_ms), connection_id, err,
	                 errlen) < 0)
		goto out;
	for (size_t i = 0; i < lab->n_circuits; i++) {
		const struct ecrc_lab_circuit *c = &lab->circuits[i];
		struct ecrc_lab_session s;
		if (!affected(c, connection_id))
			continue;
		ecrc_lab_read_session(lab, c, &s);
		if (s.hold_s > longest_hold_s)
			longest_hold_s = s.hold_s;
		for (int sd = 0; sd < 2; sd++) {
			struct watched_side *w = &sides[n_sides++];
			w->c = c;
			w->side = (enum ecrc_lab_side)sd;
			w->detect_ms = -1;
			w->bfd_was_up =
			    ecrc_lab_bfd_state(lab, c, w->side, st, sizeof st) && strcmp(st, "up") == 0;
			w->was_established = ecrc_lab_bgp_state(lab, c, w->side, st, sizeof st) &&
			                     strcmp(st, "Established") == 0;
		}
	}
	for (size_t i = 0; i < n_baseline; i++)
		if (uses_failed(lab, &baseline[i], connection_id)) {
			routes[n_watched].router = ecrc_lab_router_find(lab, baseline[i].router);
			routes[n_watched].before = &baseline[i];
			routes[n_watched].lost_ms = -1;
			n_watched++;
		}

	/* The failure. */
	int64_t t_drop = ecrc_lab_now_ms();
	if (ecrc_lab_drop(lab, connection_id, true, err, errlen) != 0)
		goto out;
	int64_t t0 = ecrc_lab_now_ms();
	out->drop_ms = t0 - t_drop;
	out->poll_max_ms = 0;
	int64_t round_start = t0;
	int64_t give_up = min64(t0 + (int64_t)longest_hold_s * 1000 + DETECT_MARGIN_MS, deadline_ms);

	for (;;) {
		bool pending = false;
		for (size_t i = 0; i < n_sides; i++) {
			struct watched_side *w = &sides[i];
			if (w->detect_ms >= 0 || !w->was_established)
				continue;
			int64_t t = ecrc_lab_now_ms() - t0;
			if (w->bfd_was_up && ecrc_lab_bfd_state(lab, w->c, w->side, st, sizeof st) &&
			    strcmp(st, "up") != 0) {
				w->detect_ms = t;
				w->by_bfd = true;
			} else if (ecrc_lab_bgp_state(lab, w->c, w->side, st, sizeof st) &&
			           strcmp(st, "Established") != 0) {
				w->detect_ms = t;
			} else
				pending = true;
		}
		for (size_t i = 0; i < n_watched; i++) {
			struct watched_route *wr = &routes[i];
			struct ecrc_lab_route now;
			if (wr->lost_ms >= 0)
				continue;
			int64_t t = ecrc_lab_now_ms() - t0;
			ecrc_lab_read_route(lab, wr->router, wr->before->prefix, &now);
			if (!uses_failed(lab, &now, connection_id))
				wr->lost_ms = t;
			else
				pending = true;
			free(now.next_hops);
		}
		int64_t round_end = ecrc_lab_now_ms();
		if (round_end - round_start > out->poll_max_ms)
			out->poll_max_ms = round_end - round_start;
		round_start = round_end;
		if (!pending || ecrc_lab_now_ms() > give_up)
			break;
		if (!ecrc_lab_sleep_ms(ECRC_LAB_POLL_MS)) {
			snprintf(err, errlen, "interrupted");
			goto out;
		}
	}

	/* What the drill measured. */
	for (size_t i = 0; i < n_sides; i++) {
		const struct watched_side *w = &sides[i];
		int64_t *slot = w->side == ECRC_LAB_SIDE_CPE ? &out->cpe_detect_ms : &out->vbr_detect_ms;
		if (w->detect_ms < 0)
			continue;
		if (*slot < 0 || w->detect_ms > *slot)
			*slot = w->detect_ms; /* several circuits: the slowest of that side */
		if (out->detect_ms < 0 || w->detect_ms < out->detect_ms) {
			out->detect_ms = w->detect_ms;
			out->detected_by = w->by_bfd ? "bfd" : "hold-timer";
		}
	}
	bool all_lost = true;
	int64_t last = -1;
	for (size_t i = 0; i < n_watched; i++) {
		if (routes[i].lost_ms < 0)
			all_lost = false;
		else if (routes[i].lost_ms > last)
			last = routes[i].lost_ms;
	}
	out->converged_ms = all_lost ? (n_watched ? last : out->detect_ms) : -1;
	out->ecr_converged_ms = -1;
	for (size_t i = 0; i < n_watched; i++)
		if (routes[i].router->role == ECRC_LAB_ECR && routes[i].lost_ms > out->ecr_converged_ms)
			out->ecr_converged_ms = routes[i].lost_ms;
	/* The routes after the failure, read once whatever was still moving
	 * has had time to (several of the cloud's processing delays). */
	if (!ecrc_lab_sleep_ms(AFTER_SETTLE_MS)) {
		snprintf(err, errlen, "interrupted");
		goto out;
	}
	ecrc_lab_read_routes(lab, &out->routes_after, &out->n_routes_after);

	/* Restore, and wait until everything is as before. */
	if (ecrc_lab_drop(lab, connection_id, false, err, errlen) != 0)
		goto out;
	out->recovered_ms = wait_settled(lab, baseline, n_baseline, sessions_up,
	                                 min64(ecrc_lab_now_ms() + SETTLE_TIMEOUT_MS, deadline_ms),
	                                 connection_id, err, errlen);
	if (out->recovered_ms < 0)
		goto out;
	rc = 0;
out:
	free(sides);
	free(routes);
	return rc;
}
