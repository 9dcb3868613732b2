/*
 * drills.c: which failures verify simulates. The planned drills (each
 * physical connection a BGP session rides; with all, each such CPE down
 * and each session reset), the custom drill of --fail, and the
 * max-failover-ms a drill is held to.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify/verify.h"

void ecrc_verify_drills_add(struct ecrc_verify_drills *ds, const char *name,
                            const struct ecrc_engine_failure *f, size_t n)
{
	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? ds->cap * 2 : 16;
		ds->v = ecrc_xrealloc(ds->v, ds->cap * sizeof(*ds->v));
	}
	struct ecrc_verify_drill_spec *d = &ds->v[ds->n++];
	d->name = ecrc_xstrdup(name);
	d->f = ecrc_xmalloc((n ? n : 1) * sizeof(*f));
	memcpy(d->f, f, n * sizeof(*f));
	d->n = n;
	/* the targets are copied too: the spec owns every string it holds */
	size_t len = 1;
	for (size_t i = 0; i < n; i++)
		len += strlen(f[i].target) + 1;
	char *p = d->targets = ecrc_xmalloc(len);
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(f[i].target) + 1;
		memcpy(p, f[i].target, k);
		d->f[i].target = p;
		p += k;
	}
}

void ecrc_verify_drills_append(struct ecrc_verify_drills *ds, const struct ecrc_verify_drills *from)
{
	for (size_t i = 0; i < from->n; i++)
		ecrc_verify_drills_add(ds, from->v[i].name, from->v[i].f, from->v[i].n);
}

void ecrc_verify_drills_free(struct ecrc_verify_drills *ds)
{
	for (size_t i = 0; i < ds->n; i++) {
		free(ds->v[i].name);
		free(ds->v[i].f);
		free(ds->v[i].targets);
	}
	free(ds->v);
	memset(ds, 0, sizeof(*ds));
}

static bool uplink_has_session(const struct ecrc_uplink *u)
{
	return u->bgp && u->vbr;
}

void ecrc_verify_plan_drills(const struct ecrc_design *d, bool all, struct ecrc_verify_drills *ds)
{
	for (const struct ecrc_region *r = d->cloud->regions; r; r = r->next)
		for (const struct ecrc_physical_connection *pc = r->connections; pc; pc = pc->next) {
			bool used = false;
			for (const struct ecrc_uplink *u = pc->uplinks; u && !used; u = u->next_on_connection)
				used = uplink_has_session(u);
			if (used)
				ecrc_verify_drills_add(
				    ds, pc->id, &(struct ecrc_engine_failure){ECRC_FAIL_SILENT, pc->id}, 1);
		}
	if (!all)
		return;
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next) {
			bool used = false;
			for (const struct ecrc_uplink *u = c->uplinks; u && !used; u = u->next)
				used = uplink_has_session(u);
			if (used)
				ecrc_verify_drills_add(
				    ds, c->id, &(struct ecrc_engine_failure){ECRC_FAIL_CPE_DOWN, c->id}, 1);
		}
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			for (const struct ecrc_uplink *u = c->uplinks; u; u = u->next)
				if (uplink_has_session(u))
					ecrc_verify_drills_add(
					    ds, u->id,
					    &(struct ecrc_engine_failure){ECRC_FAIL_BGP_RESET, u->id}, 1);
}

static int fail_error(char *err, size_t errlen, const char *fmt, ...) ECRC_PRINTF(3, 4);

static int fail_error(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* One item of --fail: 0 with *out filled, or -1 with a message. */
static int parse_failure(const struct ecrc_design *d, const char *s, struct ecrc_engine_failure *out,
                         char *err, size_t errlen)
{
	static const struct {
		const char *word;
		enum ecrc_engine_failure_kind kind;
		enum ecrc_kind on;
		const char *what;
	} forms[] = {
	    {"silent", ECRC_FAIL_SILENT, ECRC_K_PHYSICAL_CONNECTION, "a physical connection"},
	    {"carrier", ECRC_FAIL_CARRIER, ECRC_K_PHYSICAL_CONNECTION, "a physical connection"},
	    {"down", ECRC_FAIL_CPE_DOWN, ECRC_K_CPE, "a CPE"},
	    {"reset", ECRC_FAIL_BGP_RESET, ECRC_K_UPLINK, "an uplink"},
	};
	const size_t n_forms = sizeof forms / sizeof forms[0];
	const char *colon = strchr(s, ':');
	const char *id = colon ? colon + 1 : s;
	const struct ecrc_node *node = ecrc_design_find(d, id);
	enum ecrc_kind k = node ? node->kind : ECRC_K__COUNT;
	enum ecrc_engine_failure_kind kind;
	if (!colon) {
		if (k == ECRC_K_PHYSICAL_CONNECTION)
			kind = ECRC_FAIL_SILENT;
		else if (k == ECRC_K_CPE)
			kind = ECRC_FAIL_CPE_DOWN;
		else
			return fail_error(
			    err, errlen,
			    "--fail: '%s' is neither a physical connection nor a CPE of the design", s);
	} else {
		size_t len = (size_t)(colon - s), j;
		for (j = 0; j < n_forms; j++)
			if (strlen(forms[j].word) == len && strncmp(s, forms[j].word, len) == 0)
				break;
		if (j == n_forms)
			return fail_error(
			    err, errlen,
			    "--fail: '%.*s' is not a kind of failure (silent, carrier, down, reset)",
			    (int)len, s);
		if (k != forms[j].on)
			return fail_error(err, errlen, "--fail: %s needs the id of %s; '%s' is not one",
			                  forms[j].word, forms[j].what, id);
		kind = forms[j].kind;
	}
	if (kind == ECRC_FAIL_BGP_RESET &&
	    !uplink_has_session((const struct ecrc_uplink *)(const void *)node))
		return fail_error(err, errlen, "--fail: uplink '%s' has no BGP session with a VBR", id);
	*out = (struct ecrc_engine_failure){kind, id};
	return 0;
}

int ecrc_verify_parse_fail(const struct ecrc_design *d, const char *arg, struct ecrc_verify_drills *ds,
                           char *err, size_t errlen)
{
	/* the items, split at commas (empty ones skipped), point into a copy */
	char *copy = ecrc_xstrdup(arg);
	size_t cap = 1;
	for (const char *c = arg; *c; c++)
		cap += *c == ',';
	const char **items = ecrc_xcalloc(cap, sizeof(*items));
	size_t n = 0;
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ","))
		if (*tok)
			items[n++] = tok;
	struct ecrc_engine_failure *f = ecrc_xcalloc(n ? n : 1, sizeof(*f));
	int rc = n ? 0 : fail_error(err, errlen, "--fail: no failure given");
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = parse_failure(d, items[i], &f[i], err, errlen);
	if (rc == 0)
		ecrc_verify_drills_add(ds, arg, f, n);
	free(f);
	free(items);
	free(copy);
	return rc;
}

bool ecrc_verify_drill_intent(const struct ecrc_design *d, const struct ecrc_verify_drill_spec *dr,
                              uint32_t *max_ms, bool *resets_only)
{
	bool have = false;
	*resets_only = true;
	for (size_t i = 0; i < dr->n; i++) {
		const struct ecrc_node *n = ecrc_design_find(d, dr->f[i].target);
		if (dr->f[i].kind != ECRC_FAIL_BGP_RESET)
			*resets_only = false;
		const struct ecrc_datacenter *dcs[64];
		size_t k = 0;
		if (n && n->kind == ECRC_K_PHYSICAL_CONNECTION) {
			const struct ecrc_physical_connection *pc = (const void *)n;
			for (const struct ecrc_uplink *u = pc->uplinks; u && k < 64;
			     u = u->next_on_connection)
				if (u->cpe)
					dcs[k++] = u->cpe->dc;
		} else if (n && n->kind == ECRC_K_CPE) {
			dcs[k++] = ((const struct ecrc_cpe *)(const void *)n)->dc;
		} else if (n && n->kind == ECRC_K_UPLINK) {
			const struct ecrc_uplink *u = (const void *)n;
			if (u->cpe)
				dcs[k++] = u->cpe->dc;
		}
		for (size_t j = 0; j < k; j++)
			if (dcs[j] && dcs[j]->has_max_failover_ms &&
			    (!have || dcs[j]->max_failover_ms < *max_ms)) {
				*max_ms = dcs[j]->max_failover_ms;
				have = true;
			}
	}
	return have;
}
