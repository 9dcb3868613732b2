/*
 * check.c: the comparison behind `ecrc check`: for each uplink of a CPE,
 * the deployed interface and neighbor (found by the design's addresses)
 * against the design's compiled IR, one drift-* finding per difference, at
 * the config line that differs (or the element's own line, or the line
 * where it should be), with a note at the design element. Also the
 * --config option syntax and the file reading that check, verify and
 * import share.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "common/prefix_set.h"

bool ecrc_check_parse_config(const char *arg, struct ecrc_check_config *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1]) {
		snprintf(err, errlen, "--config needs CPE=FILE or CPE=VENDOR:FILE, not '%s'", arg);
		return false;
	}
	out->cpe_id = strndup(arg, (size_t)(eq - arg));
	if (!out->cpe_id)
		ecrc_oom();
	const char *rest = eq + 1;
	const char *colon = strchr(rest, ':');
	if (colon) {
		char name[64];
		size_t n = (size_t)(colon - rest);
		if (n < sizeof name) {
			memcpy(name, rest, n);
			name[n] = '\0';
			out->vendor = ecrc_vendor_find(name);
			if (out->vendor)
				rest = colon + 1;
		}
	}
	if (!*rest) {
		snprintf(err, errlen, "--config=%s names no file", arg);
		free((char *)(uintptr_t)out->cpe_id);
		out->cpe_id = NULL;
		return false;
	}
	out->path = rest;
	return true;
}

void ecrc_check_configs_free(struct ecrc_check_config *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)(uintptr_t)v[i].cpe_id);
	free(v);
}

const struct ecrc_cpe *ecrc_check_find_cpe(const struct ecrc_design *d, const char *id)
{
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			if (strcmp(c->id, id) == 0)
				return c;
	return NULL;
}

char *ecrc_check_slurp(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return NULL;
	}
	struct ecrc_buf b = {0};
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		ecrc_buf_putn(&b, chunk, n);
		if (b.len > ECRC_MAX_FILE_BYTES) {
			fclose(f);
			ecrc_buf_free(&b);
			snprintf(err, errlen, "%s: larger than %u bytes; not a running configuration", path,
			         ECRC_MAX_FILE_BYTES);
			return NULL;
		}
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		ecrc_buf_free(&b);
		snprintf(err, errlen, "%s: read error", path);
		return NULL;
	}
	*len = b.len;
	ecrc_buf_putc(&b, '\0');
	return ecrc_buf_take(&b);
}

int ecrc_check_read(const struct ecrc_vendor *v, const char *path, const char *text, size_t len,
                    struct ecrc_arena *arena, struct ecrc_running *run, char *err, size_t errlen)
{
	if (!v->read_running) {
		snprintf(err, errlen, "%s: ecrc cannot read %s running configurations yet", path, v->display);
		return -1;
	}
	char e[512];
	if (v->read_running(text, len, arena, run, e, sizeof e)) {
		/* "line N: ..." -> "PATH:N: ..." */
		unsigned line;
		int off = 0;
		if (sscanf(e, "line %u: %n", &line, &off) == 1 && off > 0)
			snprintf(err, errlen, "%s:%u: %s", path, line, e + off);
		else
			snprintf(err, errlen, "%s: %s", path, e);
		return -1;
	}
	return 0;
}

/* ---- the comparison ---------------------------------------------------------- */

struct cmp {
	const struct ecrc_design *d;
	const struct ecrc_running *run;
	struct ecrc_diags *diags;
	const char *file;       /* owned by diags' arena */
	uint32_t fallback_line; /* where a missing element would go */
};

static struct ecrc_finding *drift(struct cmp *c, const char *rule, uint32_t line, const char *fmt, ...)
    ECRC_PRINTF(4, 5);
static struct ecrc_finding *drift(struct cmp *c, const char *rule, uint32_t line, const char *fmt, ...)
{
	const struct ecrc_rule *r = ecrc_rule_find(rule);
	enum ecrc_severity sev = r ? r->severity : ECRC_SEV_ERROR;
	struct ecrc_loc loc = {.file = c->file, .line = line ? line : c->fallback_line, .col = 1};
	va_list ap;
	va_start(ap, fmt);
	struct ecrc_finding *f = ecrc_diag_vadd(c->diags, rule, sev, loc, NULL, fmt, ap);
	va_end(ap);
	return f;
}

/* A statement of the uplink ecrc cannot interpret: a warning of the kind
 * it belongs to (it may or may not change what the design decides). */
static void unknown(struct cmp *c, const char *rule, enum ecrc_run_owner owner, const char *name,
                    const char *what, const struct ecrc_node *at)
{
	if (!name)
		return;
	for (size_t i = 0; i < c->run->n_unknown; i++) {
		const struct ecrc_run_unknown *u = &c->run->unknown[i];
		if (u->owner != owner || !u->name || strcmp(u->name, name) != 0)
			continue;
		struct ecrc_loc loc = {.file = c->file, .line = u->line, .col = 1};
		struct ecrc_finding *f = ecrc_diag_add(c->diags, rule, ECRC_SEV_WARNING, loc, NULL,
		                                       "ecrc cannot interpret this statement of %s: \"%s\"; "
		                                       "check by hand that it does not change "
		                                       "what the design decides",
		                                       what, u->text);
		ecrc_diag_note(c->diags, f, at->loc, "the design's %s", ecrc_kind_name(at->kind));
	}
}

static void note(struct cmp *c, struct ecrc_finding *f, const struct ecrc_node *at, const char *attr,
                 const char *fmt, ...) ECRC_PRINTF(5, 6);
static void note(struct cmp *c, struct ecrc_finding *f, const struct ecrc_node *at, const char *attr,
                 const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ecrc_diag_note(c->diags, f, attr ? ecrc_attr_loc(at, attr) : at->loc, "%s", msg);
}

static const struct ecrc_advertise *find_advertise(const struct ecrc_bgp *bgp, struct ecrc_ipnet p)
{
	for (const struct ecrc_advertise *a = bgp->advertises; a; a = a->next)
		if (ecrc_ipnet_equal(ecrc_ipnet_network(a->prefix), p))
			return a;
	return NULL;
}

static const struct ecrc_node *accept_node(const struct ecrc_bgp *bgp, const struct ecrc_ir_prefix_entry *e)
{
	for (const struct ecrc_accept *a = bgp->accepts; a; a = a->next)
		if (ecrc_ipnet_equal(a->prefix, e->prefix))
			return &a->node;
	return &bgp->node;
}

static void fmt_entry(const struct ecrc_ir_prefix_entry *e, char *buf, size_t n)
{
	char p[19];
	ecrc_fmt_ipnet(e->prefix, p);
	if (e->ge == 0 && e->le == 0)
		snprintf(buf, n, "%s", p);
	else
		snprintf(buf, n, "%s ge %u le %u", p, e->ge, e->le);
}

static bool entry_equal(const struct ecrc_ir_prefix_entry *a, const struct ecrc_ir_prefix_entry *b)
{
	return ecrc_ipnet_equal(a->prefix, b->prefix) && a->ge == b->ge && a->le == b->le;
}

static void fmt_path(const uint32_t *v, size_t n, char *buf, size_t len)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && o + 12 < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%u", i ? " " : "", v[i]);
	if (!n)
		snprintf(buf, len, "none");
}

static void compare_iface(struct cmp *c, const struct ecrc_uplink *u, const struct ecrc_ir_iface *f,
                          const struct ecrc_run_iface *x)
{
	char a[19], b[19];
	if (!x->vlan_unknown && (x->vlan != f->vlan || strcmp(x->parent, f->parent) != 0)) {
		struct ecrc_finding *fd;
		if (x->vlan != f->vlan)
			fd = drift(c, "drift-vlan", x->vlan_line ? x->vlan_line : x->line,
			           "uplink %s: interface %s carries VLAN %u, the design says %u", u->id,
			           x->name, x->vlan, f->vlan);
		else
			fd = drift(c, "drift-vlan", x->line,
			           "uplink %s: interface %s is on port %s, the design says %s", u->id,
			           x->name, x->parent, f->parent);
		note(c, fd, &u->node, x->vlan != f->vlan ? "vlan" : "interface", "uplink %s: %s VLAN %u",
		     u->id, f->parent, f->vlan);
	}
	if (!x->has_address) {
		struct ecrc_finding *fd =
		    drift(c, "drift-address", x->line,
		          "uplink %s: interface %s has no IPv4 address; the design gives it %s", u->id,
		          x->name, ecrc_fmt_ipnet(f->address, a));
		note(c, fd, &u->node, "address", "the design's address");
	} else if (x->address.addr != f->address.addr ||
	           (!x->address_len_unknown && x->address.len != f->address.len)) {
		struct ecrc_finding *fd =
		    drift(c, "drift-address", x->address_line,
		          "uplink %s: interface %s has address %s, the design says %s", u->id, x->name,
		          ecrc_fmt_ipnet(x->address, a), ecrc_fmt_ipnet(f->address, b));
		note(c, fd, &u->node, "address", "the design's address");
	}
	if (!c->run->mtu_unknown || x->mtu_line) {
		uint32_t mtu = x->mtu ? x->mtu : 1500;
		if (mtu != f->mtu) {
			struct ecrc_finding *fd =
			    drift(c, "drift-vlan", x->mtu_line ? x->mtu_line : x->line,
			          "uplink %s: interface %s has MTU %u, the design says %u", u->id, x->name,
			          mtu, f->mtu);
			note(c, fd, &u->node, "mtu", "the design's MTU");
		}
	}
	unknown(c, "drift-vlan", ECRC_RUN_IFACE, x->name, "the uplink's interface", &u->node);
}

static void compare_bfd(struct cmp *c, const struct ecrc_uplink *u, const struct ecrc_ir_neighbor *nb,
                        const struct ecrc_run_uplink *up)
{
	const struct ecrc_run_neighbor *x = up->nb;
	const struct ecrc_running *run = c->run;
	const struct ecrc_bgp *bgp = u->bgp;
	char addr[16];
	ecrc_fmt_ipv4(nb->address, addr);
	if (nb->bfd && !x->bfd) {
		struct ecrc_finding *f =
		    drift(c, "drift-bfd", x->line,
		          "neighbor %s runs without BFD; the design runs BFD (%u/%u ms x %u): a "
		          "dead circuit is noticed only when the hold timer (%u s) expires",
		          addr, nb->bfd_min_tx_ms, nb->bfd_min_rx_ms, nb->bfd_multiplier,
		          x->has_timers ? x->hold_s : run->default_hold_s);
		note(c, f, &bgp->bfd->node, NULL, "the design's <bfd>");
		return;
	}
	if (!nb->bfd && x->bfd) {
		struct ecrc_finding *f =
		    drift(c, "drift-bfd", x->bfd_line,
		          "neighbor %s runs BFD; the design has none for uplink %s", addr, u->id);
		note(c, f, &bgp->node, NULL, "the design's <bgp>, without <bfd>");
		return;
	}
	if (!nb->bfd)
		return;
	uint32_t tx, rx, mult, line;
	if (x->has_bfd_timers) {
		tx = x->bfd_min_tx_ms, rx = x->bfd_min_rx_ms, mult = x->bfd_multiplier,
		line = x->bfd_timers_line;
		uint32_t first = tx != nb->bfd_min_tx_ms   ? x->bfd_tx_line
		                 : rx != nb->bfd_min_rx_ms ? x->bfd_rx_line
		                                           : x->bfd_mult_line;
		if (first)
			line = first;
	} else if (up->iface && up->iface->has_bfd) {
		tx = up->iface->bfd_min_tx_ms, rx = up->iface->bfd_min_rx_ms,
		mult = up->iface->bfd_multiplier;
		line = up->iface->bfd_line;
	} else if (run->default_bfd_multiplier) {
		tx = run->default_bfd_tx_ms, rx = run->default_bfd_rx_ms, mult = run->default_bfd_multiplier;
		line = x->bfd_line;
	} else {
		struct ecrc_finding *f = drift(
		    c, "drift-bfd", x->bfd_line,
		    "neighbor %s asks for BFD but interface %s sets no BFD interval: %s runs no BFD session",
		    addr, up->iface ? up->iface->name : "?", run->vendor->display);
		note(c, f, &bgp->bfd->node, NULL, "the design's <bfd>");
		return;
	}
	if (tx != nb->bfd_min_tx_ms || rx != nb->bfd_min_rx_ms || mult != nb->bfd_multiplier) {
		struct ecrc_finding *f = drift(
		    c, "drift-bfd", line,
		    "neighbor %s: BFD %u/%u ms x %u (detection %u ms), the design says %u/%u ms x %u (%u ms)",
		    addr, tx, rx, mult, rx * mult, nb->bfd_min_tx_ms, nb->bfd_min_rx_ms, nb->bfd_multiplier,
		    nb->bfd_min_rx_ms * nb->bfd_multiplier);
		note(c, f, &bgp->bfd->node, NULL, "the design's <bfd>");
	}
}

/* ---- drift-accept: the accepted sets -------------------------------------- */

/* Whether line is that of a term that matches every route, permitting
 * (deny false) or denying (true: a catch-all at the end). */
static bool is_all_term(const struct ecrc_run_policy *in, const struct ecrc_running *run, uint32_t line,
                        bool deny)
{
	for (size_t i = 0; i < in->n; i++) {
		const struct ecrc_run_entry *v;
		bool all;
		ecrc_running_term_entries(run, &in->t[i], &v, &all);
		if (all && in->t[i].deny == deny && in->t[i].line == line)
			return true;
	}
	return false;
}

/* Up to four regions as text, then "and N more ranges". */
static void regions_text(const struct ecrc_pfx_diff *d, size_t n, const bool *pick, char *buf, size_t len)
{
	size_t o = 0, count = 0;
	char e[64];
	buf[0] = '\0';
	for (size_t k = 0; k < n; k++) {
		if (pick && !pick[k])
			continue;
		if (count++ < 4 && o < len) {
			ecrc_pfx_diff_format(&d[k], e, sizeof e);
			o += (size_t)snprintf(buf + o, len - o, "%s%s", count > 1 ? ", " : "", e);
		}
	}
	if (count > 4 && o < len)
		snprintf(buf + o, len - o, " and %zu more range%s", count - 4, count - 4 == 1 ? "" : "s");
}

static void compare_accept(struct cmp *c, const struct ecrc_uplink *u, const struct ecrc_ir_neighbor *nb,
                           const struct ecrc_run_uplink *up)
{
	const struct ecrc_run_neighbor *x = up->nb;
	const struct ecrc_bgp *bgp = u->bgp;
	char addr[16];
	ecrc_fmt_ipv4(nb->address, addr);
	if (!x->import_policy) {
		struct ecrc_finding *f =
		    drift(c, "drift-accept", x->line,
		          "neighbor %s has no inbound policy; the design accepts only %zu prefix%s", addr,
		          nb->import_list.n_entries, nb->import_list.n_entries == 1 ? "" : "es");
		note(c, f, &bgp->node, NULL, "the design's <accept> list");
		return;
	}
	if (!up->in) {
		struct ecrc_finding *f =
		    drift(c, "drift-accept", x->import_line, "neighbor %s: inbound policy %s is not defined",
		          addr, x->import_policy);
		note(c, f, &bgp->node, NULL, "the design's <accept> list");
		return;
	}
	unknown(c, "drift-accept", ECRC_RUN_POLICY, up->in->name, "the inbound policy", &bgp->node);
	/* The sets, not the entries: the deployed policy (terms in order, each
	 * term's list first-match, deny entries and terms included) against
	 * the design's list, over the whole prefix space (common/prefix_set.c).
	 * A /24 entry inside the design's "le 32" range accepts nothing new;
	 * a deny entry before the permit takes routes away. */
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_pfx_filter dep, dsg;
	ecrc_running_policy_filter(c->run, up->in, a, &dep);
	struct ecrc_pfx_entry *want = ecrc_arena_alloc(a, (nb->import_list.n_entries + 1) * sizeof(*want));
	for (size_t j = 0; j < nb->import_list.n_entries; j++) {
		const struct ecrc_ir_prefix_entry *w = &nb->import_list.entries[j];
		want[j] = (struct ecrc_pfx_entry){w->prefix, w->ge, w->le, false, (uint32_t)j + 1};
	}
	struct ecrc_pfx_term one = {.entries = want, .n = nb->import_list.n_entries};
	dsg = (struct ecrc_pfx_filter){&one, 1, false};
	uint32_t first_list_line = 0;
	for (size_t i = 0; i < up->in->n; i++) {
		const struct ecrc_run_term *t = &up->in->t[i];
		const struct ecrc_run_entry *v;
		bool all;
		ecrc_running_term_entries(c->run, t, &v, &all);
		if (all && !t->deny) {
			struct ecrc_finding *f =
			    drift(c, "drift-accept", t->line,
			          "neighbor %s: inbound policy %s accepts every route", addr, up->in->name);
			note(c, f, &bgp->node, NULL, "the design accepts only its <accept> prefixes");
		}
		if (t->match)
			unknown(c, "drift-accept", ECRC_RUN_PLIST, t->match, "the inbound prefix list",
			        &bgp->node);
		if (!first_list_line && !t->deny && t->match) {
			const struct ecrc_run_plist *pl = ecrc_running_find_plist(c->run, t->match);
			if (pl)
				first_list_line = pl->line;
		}
	}
	struct ecrc_pfx_diff *d;
	size_t nd = ecrc_pfx_compare(&dep, &dsg, NULL, 0, &d);
	if (nd == SIZE_MAX) {
		struct ecrc_loc loc = {
		    .file = c->file, .line = up->in->line ? up->in->line : c->fallback_line, .col = 1};
		struct ecrc_finding *f = ecrc_diag_add(
		    c->diags, "drift-accept", ECRC_SEV_WARNING, loc, NULL,
		    "neighbor %s: inbound policy %s has too many overlapping entries to compare as a set of "
		    "routes; not compared: check by hand that it accepts what the design accepts",
		    addr, up->in->name);
		note(c, f, &bgp->node, NULL, "the design's <accept> list");
		ecrc_arena_free(a);
		return;
	}

	/* One finding per deployed rule that accepts too much (not for a
	 * term that accepts everything: said above), one per design entry
	 * that is not (wholly) accepted, each listing its ranges. */
	bool *done = ecrc_xcalloc(nd + 1, sizeof(*done));
	bool *pick = ecrc_xcalloc(nd + 1, sizeof(*pick));
	for (size_t i = 0; i < nd; i++) {
		if (done[i])
			continue;
		bool extra = d[i].a_accepts;
		uint32_t key = extra ? d[i].who_a : d[i].who_b;
		size_t count = 0;
		char list[256];
		for (size_t k = i; k < nd; k++) {
			pick[k] =
			    !done[k] && d[k].a_accepts == extra && (extra ? d[k].who_a : d[k].who_b) == key;
			if (pick[k]) {
				done[k] = true;
				count++;
			}
		}
		for (size_t k = 0; k < i; k++)
			pick[k] = false;
		regions_text(d, nd, pick, list, sizeof list);
		if (extra) {
			if (is_all_term(up->in, c->run, key, false))
				continue;
			struct ecrc_finding *f = drift(c, "drift-accept", key ? key : up->in->line,
			                               "neighbor %s: inbound policy %s accepts %s, "
			                               "which the design does not accept",
			                               addr, up->in->name, list);
			note(c, f, &bgp->node, NULL, "the design's <accept> list");
			continue;
		}
		const struct ecrc_ir_prefix_entry *wx = &nb->import_list.entries[key - 1];
		/* where: the deny that takes the routes away, else the list that
		 * should hold them */
		uint32_t line = d[i].who_a && !is_all_term(up->in, c->run, d[i].who_a, true) ? d[i].who_a
		                : first_list_line                                            ? first_list_line
		                                                                             : up->in->line;
		char w[64], kept[256];
		fmt_entry(wx, w, sizeof w);
		/* what the policy still accepts of the design's entry, to name
		 * the smaller side */
		struct ecrc_pfx_filter none = {0};
		struct ecrc_pfx_diff *part;
		size_t some = ecrc_pfx_compare(&dep, &none, &want[key - 1], 0, &part);
		if (some == SIZE_MAX)
			some = 1, kept[0] = '\0';
		else
			regions_text(part, some, NULL, kept, sizeof kept);
		free(part);
		struct ecrc_finding *f =
		    !some ? drift(c, "drift-accept", line,
		                  "neighbor %s: inbound policy %s does not accept %s", addr, up->in->name, w)
		    : some < count && kept[0]
		        ? drift(c, "drift-accept", line,
		                "neighbor %s: inbound policy %s accepts only %s of %s, which the design "
		                "accepts "
		                "whole",
		                addr, up->in->name, kept, w)
		        : drift(c, "drift-accept", line,
		                "neighbor %s: inbound policy %s accepts only part of %s: not %s", addr,
		                up->in->name, w, list);
		note(c, f, accept_node(bgp, wx), NULL, "the design accepts %s", w);
	}
	free(pick);
	free(done);
	free(d);
	ecrc_arena_free(a);
}

static void compare_advertise(struct cmp *c, const struct ecrc_uplink *u, const struct ecrc_ir_neighbor *nb,
                              const struct ecrc_run_uplink *up)
{
	const struct ecrc_run_neighbor *x = up->nb;
	const struct ecrc_bgp *bgp = u->bgp;
	char addr[16], p[19], w1[160], w2[160];
	ecrc_fmt_ipv4(nb->address, addr);
	if (!x->export_policy) {
		struct ecrc_finding *f = drift(
		    c, "drift-advertise", x->line,
		    "neighbor %s has no outbound policy; the design advertises only its <advertise> prefixes",
		    addr);
		note(c, f, &bgp->node, NULL, "the design's <bgp>");
		return;
	}
	if (!up->out) {
		struct ecrc_finding *f =
		    drift(c, "drift-advertise", x->export_line,
		          "neighbor %s: outbound policy %s is not defined", addr, x->export_policy);
		note(c, f, &bgp->node, NULL, "the design's <bgp>");
		return;
	}
	unknown(c, "drift-advertise", ECRC_RUN_POLICY, up->out->name, "the outbound policy", &bgp->node);
	for (size_t t = 0; t < nb->n_export_terms; t++) {
		const struct ecrc_ir_export_term *want = &nb->export_terms[t];
		for (size_t k = 0; k < want->match.n_entries; k++) {
			struct ecrc_ipnet pfx = want->match.entries[k].prefix;
			const struct ecrc_advertise *adv = find_advertise(bgp, pfx);
			const struct ecrc_node *at = adv ? &adv->node : &bgp->node;
			ecrc_fmt_ipnet(pfx, p);
			uint32_t oline = 0;
			bool by_network = false;
			for (size_t i = 0; i < c->run->n_networks; i++)
				by_network |= ecrc_ipnet_equal(c->run->networks[i].prefix, pfx);
			if (!ecrc_running_originated(c->run, pfx, &oline)) {
				struct ecrc_finding *f = drift(c, "drift-advertise", c->run->asn_line,
				                               "%s is not originated: no network statement "
				                               "(or redistributed discard route) for it",
				                               p);
				note(c, f, at, NULL, "the design advertises %s", p);
			}
			struct ecrc_run_verdict v;
			ecrc_running_eval(c->run, up->out, pfx, &v);
			if (!v.permit) {
				struct ecrc_finding *f =
				    drift(c, "drift-advertise", v.line,
				          "neighbor %s: outbound policy %s does not advertise %s", addr,
				          up->out->name, p);
				note(c, f, at, NULL, "the design advertises %s", p);
				continue;
			}
			const struct ecrc_run_term *dt = v.term;
			const uint32_t *pp = dt ? dt->prepend : NULL;
			size_t np = dt ? dt->n_prepend : 0;
			if (np != want->n_prepend ||
			    (np && memcmp(pp, want->prepend, np * sizeof *pp) != 0)) {
				fmt_path(pp, np, w1, sizeof w1);
				fmt_path(want->prepend, want->n_prepend, w2, sizeof w2);
				struct ecrc_finding *f = drift(
				    c, "drift-as-path", dt && dt->prepend_line ? dt->prepend_line : v.line,
				    "neighbor %s: %s is advertised with prepend %s, the design prepends %s",
				    addr, p, w1, w2);
				note(c, f, at,
				     adv && ecrc_attr_set(at, "as-path-prepend") ? "as-path-prepend" : NULL,
				     "the design's AS_PATH for %s", p);
			}
			bool has_med = dt && dt->has_med;
			if (has_med != want->has_med || (has_med && dt->med != want->med)) {
				if (has_med)
					snprintf(w1, sizeof w1, "MED %u", dt->med);
				else
					snprintf(w1, sizeof w1, "no MED");
				if (want->has_med)
					snprintf(w2, sizeof w2, "MED %u", want->med);
				else
					snprintf(w2, sizeof w2, "none");
				struct ecrc_finding *f =
				    drift(c, "drift-advertise", dt && dt->med_line ? dt->med_line : v.line,
				          "neighbor %s: %s is advertised with %s, the design says %s", addr,
				          p, w1, w2);
				note(c, f, at, adv && ecrc_attr_set(at, "med") ? "med" : NULL,
				     "the design's MED for %s", p);
			}
			/* a network statement originates IGP, a redistributed static incomplete */
			enum ecrc_ir_origin o = dt && dt->has_origin ? dt->origin
			                        : by_network         ? ECRC_IR_ORIGIN_IGP
			                                             : ECRC_IR_ORIGIN_INCOMPLETE;
			if (o != want->origin) {
				struct ecrc_finding *f = drift(
				    c, "drift-advertise", dt && dt->origin_line ? dt->origin_line : v.line,
				    "neighbor %s: %s is advertised with origin %s, the design says %s", addr,
				    p, o == ECRC_IR_ORIGIN_IGP ? "igp" : "incomplete",
				    want->origin == ECRC_IR_ORIGIN_IGP ? "igp" : "incomplete");
				note(c, f, at, adv && ecrc_attr_set(at, "origin") ? "origin" : NULL,
				     "the design's origin for %s", p);
			}
		}
	}
	/* what the deployed policy lets out beyond the design */
	for (size_t i = 0; i < up->out->n; i++) {
		const struct ecrc_run_term *t = &up->out->t[i];
		if (t->deny || t->match_other)
			continue;
		const struct ecrc_run_entry *v;
		bool all;
		size_t n = ecrc_running_term_entries(c->run, t, &v, &all);
		if (all) {
			struct ecrc_finding *f = drift(
			    c, "drift-advertise", t->line,
			    "neighbor %s: outbound policy %s advertises every route", addr, up->out->name);
			note(c, f, &bgp->node, NULL, "the design advertises only its <advertise> prefixes");
		}
		if (t->match)
			unknown(c, "drift-advertise", ECRC_RUN_PLIST, t->match, "the outbound prefix list",
			        &bgp->node);
		for (size_t k = 0; k < n; k++) {
			if (v[k].deny)
				continue;
			bool known = false;
			for (size_t a = 0; a < nb->n_export_terms && !known; a++)
				for (size_t b = 0; b < nb->export_terms[a].match.n_entries; b++)
					known |= entry_equal(&v[k].e, &nb->export_terms[a].match.entries[b]);
			if (!known) {
				fmt_entry(&v[k].e, w1, sizeof w1);
				struct ecrc_finding *f = drift(c, "drift-advertise", v[k].line,
				                               "neighbor %s: outbound policy %s also permits "
				                               "%s, which the design does not advertise",
				                               addr, up->out->name, w1);
				note(c, f, &bgp->node, NULL, "the design's <advertise> list");
			}
		}
	}
}

static void compare_neighbor(struct cmp *c, const struct ecrc_cpe *cpe, const struct ecrc_uplink *u,
                             const struct ecrc_ir_neighbor *nb, const struct ecrc_run_uplink *up)
{
	const struct ecrc_run_neighbor *x = up->nb;
	const struct ecrc_running *run = c->run;
	const struct ecrc_bgp *bgp = u->bgp;
	char a[16], b[16];
	ecrc_fmt_ipv4(nb->address, a);
	if (x->address != nb->address) {
		struct ecrc_finding *f = drift(c, "drift-neighbor", x->line,
		                               "uplink %s peers with %s, the design's neighbor is %s", u->id,
		                               ecrc_fmt_ipv4(x->address, b), a);
		note(c, f, &bgp->node, "neighbor", "the design's neighbor");
	}
	if (!x->has_remote_as) {
		struct ecrc_finding *f =
		    drift(c, "drift-neighbor", x->line, "neighbor %s has no remote AS", a);
		note(c, f, &bgp->node, "remote-asn", "the design's remote AS %u", nb->remote_as);
	} else if (x->remote_as != nb->remote_as) {
		struct ecrc_finding *f =
		    drift(c, "drift-neighbor", x->remote_as_line,
		          "neighbor %s has remote AS %u, the design says %u", a, x->remote_as, nb->remote_as);
		note(c, f, &bgp->node, "remote-asn", "the design's remote AS");
	}
	uint32_t local = x->has_local_as ? x->local_as : run->asn;
	if (local != cpe->asn) {
		struct ecrc_finding *f =
		    drift(c, "drift-neighbor", x->has_local_as ? x->local_as_line : run->asn_line,
		          "neighbor %s is reached from AS %u, the design's CPE AS is %u", a, local, cpe->asn);
		note(c, f, &cpe->node, "asn", "the design's CPE AS");
	}
	if (x->shutdown) {
		struct ecrc_finding *f = drift(c, "drift-neighbor", x->shutdown_line,
		                               "neighbor %s is shut down: the uplink carries no routes", a);
		note(c, f, &bgp->node, NULL, "the design's <bgp>");
	}
	compare_bfd(c, u, nb, up);
	uint32_t k = x->has_timers ? x->keepalive_s : run->default_keepalive_s;
	uint32_t h = x->has_timers ? x->hold_s : run->default_hold_s;
	if (k != nb->keepalive_s || h != nb->hold_s) {
		struct ecrc_finding *f =
		    drift(c, "drift-timers", x->has_timers ? x->timers_line : x->line,
		          "neighbor %s: BGP timers %u/%u%s, the design says %u/%u", a, k, h,
		          x->has_timers ? "" : " (the platform's default)", nb->keepalive_s, nb->hold_s);
		note(c, f, &bgp->node, ecrc_attr_set(&bgp->node, "hold") ? "hold" : NULL,
		     "the design's timers");
	}
	if ((nb->md5_key != NULL) != x->md5) {
		struct ecrc_finding *f =
		    drift(c, "drift-auth", x->md5 ? x->md5_line : x->line,
		          x->md5 ? "neighbor %s uses an MD5 password; the design has no auth-key-env"
		                 : "neighbor %s has no MD5 password; the design authenticates the session",
		          a);
		note(c, f, &bgp->node, ecrc_attr_set(&bgp->node, "auth-key-env") ? "auth-key-env" : NULL,
		     "the design's <bgp>");
	}
	bool has_max = x->has_max_prefixes || run->default_max_prefixes;
	uint32_t max = x->has_max_prefixes ? x->max_prefixes : run->default_max_prefixes;
	if (!has_max || max != nb->max_prefixes) {
		struct ecrc_finding *f;
		if (!has_max)
			f = drift(c, "drift-max-prefix", x->line,
			          "neighbor %s has no maximum-prefix limit; the design says %u", a,
			          nb->max_prefixes);
		else
			f = drift(c, "drift-max-prefix", x->max_prefixes_line,
			          "neighbor %s: maximum-prefix %u, the design says %u", a, max,
			          nb->max_prefixes);
		note(c, f, &bgp->node, ecrc_attr_set(&bgp->node, "max-prefixes") ? "max-prefixes" : NULL,
		     "the design's limit");
	}
	compare_accept(c, u, nb, up);
	compare_advertise(c, u, nb, up);
	char key[16];
	ecrc_fmt_ipv4(x->address, key);
	unknown(c, "drift-neighbor", ECRC_RUN_NEIGHBOR, key, "the uplink's neighbor", &bgp->node);
}

static const struct ecrc_uplink *design_uplink(const struct ecrc_cpe *cpe, const char *id)
{
	for (const struct ecrc_uplink *u = cpe->uplinks; u; u = u->next)
		if (id && strcmp(u->id, id) == 0)
			return u;
	return NULL;
}

static struct ecrc_ir_cpe *lower(const struct ecrc_design *d, const struct ecrc_cpe *cpe,
                                 const struct ecrc_vendor *v, struct ecrc_arena *arena,
                                 struct ecrc_diags *diags)
{
	struct ecrc_lower_options lo = {.redact_secrets = true, .vendor_override = v->name};
	return ecrc_lower_cpe(d, cpe, &lo, arena, diags);
}

int ecrc_check_cpe(const struct ecrc_design *d, const struct ecrc_cpe *cpe, const struct ecrc_vendor *v,
                   const struct ecrc_running *run, const char *path, struct ecrc_diags *diags)
{
	struct ecrc_arena *arena = ecrc_arena_new();
	struct ecrc_ir_cpe *ir = lower(d, cpe, v, arena, diags);
	if (!ir) {
		ecrc_arena_free(arena);
		return -1;
	}
	struct cmp c = {.d = d, .run = run, .diags = diags, .file = ecrc_arena_strdup(diags->arena, path)};
	c.fallback_line = run->asn_line ? run->asn_line : 1;

	for (size_t i = 0; i < ir->n_ifaces; i++) {
		const struct ecrc_ir_iface *f = &ir->ifaces[i];
		const struct ecrc_uplink *u = design_uplink(cpe, f->uplink_id);
		if (!u)
			continue;
		const struct ecrc_ir_neighbor *nb = NULL;
		for (size_t k = 0; k < ir->n_neighbors; k++)
			if (ir->neighbors[k].iface == i)
				nb = &ir->neighbors[k];
		struct ecrc_run_uplink up;
		ecrc_running_uplink(run, f, nb ? nb->address : 0, &up);
		char p[19], a[16];
		if (!up.iface) {
			struct ecrc_finding *fd = drift(
			    &c, "drift-missing", 0,
			    "uplink %s is not configured: no interface with address %s and no %s VLAN %u",
			    u->id, ecrc_fmt_ipv4(f->address.addr, a), f->parent, f->vlan);
			note(&c, fd, &u->node, NULL, "the design's uplink %s", u->id);
			continue;
		}
		compare_iface(&c, u, f, up.iface);
		if (!nb) {
			/* static routing: the routes via the VBR */
			for (size_t s = 0; s < ir->n_statics; s++) {
				const struct ecrc_ir_static *st = &ir->statics[s];
				if (!st->has_next_hop ||
				    !ecrc_ipnet_contains(ecrc_ipnet_network(f->address),
				                         (struct ecrc_ipnet){st->next_hop, 32}))
					continue;
				bool found = false;
				for (size_t k = 0; k < run->n_statics; k++)
					found |= run->statics[k].has_next_hop &&
					         run->statics[k].next_hop == st->next_hop &&
					         ecrc_ipnet_equal(run->statics[k].prefix, st->prefix);
				if (!found) {
					struct ecrc_finding *fd = drift(
					    &c, "drift-missing", up.iface->line,
					    "uplink %s: no static route %s via %s", u->id,
					    ecrc_fmt_ipnet(st->prefix, p), ecrc_fmt_ipv4(st->next_hop, a));
					note(&c, fd, &u->node, NULL, "the design's static uplink %s", u->id);
				}
			}
			continue;
		}
		if (!up.nb) {
			struct ecrc_finding *fd =
			    drift(&c, "drift-missing", run->asn_line ? run->asn_line : up.iface->line,
			          "uplink %s: no BGP neighbor %s%s", u->id, ecrc_fmt_ipv4(nb->address, a),
			          run->has_asn ? "" : " (no BGP process at all)");
			note(&c, fd, &u->bgp->node, "neighbor", "the design's neighbor");
			continue;
		}
		compare_neighbor(&c, cpe, u, nb, &up);
	}
	/* multipath: both VBRs' routes installed (the CPE's half of ECMP) */
	uint32_t paths = run->maximum_paths ? run->maximum_paths : 1;
	if (ir->n_neighbors && run->has_asn && paths < ir->maximum_paths) {
		struct ecrc_finding *fd = drift(
		    &c, "drift-accept", run->maximum_paths_line ? run->maximum_paths_line : run->asn_line,
		    "maximum-paths %u: the CPE installs %u path%s for a cloud prefix, the design needs %u "
		    "(ECMP toward the cloud)",
		    paths, paths, paths == 1 ? "" : "s", ir->maximum_paths);
		note(&c, fd, &cpe->node, NULL, "CPE %s", cpe->id);
	}
	ecrc_arena_free(arena);
	return 0;
}

struct ecrc_ir_cpe *ecrc_check_deployed_ir(const struct ecrc_design *d, const struct ecrc_cpe *cpe,
                                           const struct ecrc_vendor *v, const struct ecrc_running *run,
                                           struct ecrc_arena *arena, struct ecrc_diags *diags)
{
	struct ecrc_ir_cpe *ir = lower(d, cpe, v, arena, diags);
	if (!ir)
		return NULL;
	struct ecrc_run_uplink *ups =
	    ecrc_arena_alloc(arena, (ir->n_ifaces ? ir->n_ifaces : 1) * sizeof *ups);
	for (size_t i = 0; i < ir->n_ifaces; i++) {
		const struct ecrc_ir_neighbor *nb = NULL;
		for (size_t k = 0; k < ir->n_neighbors; k++)
			if (ir->neighbors[k].iface == i)
				nb = &ir->neighbors[k];
		ecrc_running_uplink(run, &ir->ifaces[i], nb ? nb->address : 0, &ups[i]);
		if (!nb)
			ups[i].nb = NULL;
	}
	struct ecrc_ir_cpe *dep = ecrc_running_to_ir(run, ups, ir->n_ifaces, arena);
	dep->id = ir->id;
	dep->design_name = ir->design_name;
	memcpy(dep->design_sha256, ir->design_sha256, sizeof dep->design_sha256);
	if (!dep->hostname)
		dep->hostname = ir->hostname;
	/* MD5: the engine compares keys; a deployed key ecrc cannot decrypt is
	 * taken as the design's when the design has one */
	for (size_t j = 0; j < dep->n_neighbors; j++)
		for (size_t m = 0; m < ir->n_neighbors; m++)
			if (dep->neighbors[j].md5_key && ir->neighbors[m].md5_key &&
			    dep->neighbors[j].address == ir->neighbors[m].address)
				dep->neighbors[j].md5_key = ir->neighbors[m].md5_key;
	/* the design's identity for the uplinks found */
	for (size_t i = 0, k = 0; i < ir->n_ifaces; i++) {
		if (!ups[i].iface)
			continue;
		dep->ifaces[k].uplink_id = ir->ifaces[i].uplink_id;
		for (size_t j = 0; j < dep->n_neighbors; j++)
			if (dep->neighbors[j].iface == k)
				for (size_t m = 0; m < ir->n_neighbors; m++)
					if (ir->neighbors[m].iface == i) {
						dep->neighbors[j].uplink_id = ir->neighbors[m].uplink_id;
						dep->neighbors[j].connection_id =
						    ir->neighbors[m].connection_id;
						dep->neighbors[j].vbr_id = ir->neighbors[m].vbr_id;
					}
		k++;
	}
	return dep;
}
