/*
 * lint.c: the lint driver. Builds the derived facts once, runs every
 * enabled rule of the table over a loaded design, then applies inline
 * (<!-- ecrc-disable -->) and design-wide (<lint><disable>) suppressions
 * and reports the ones that silenced nothing (suppression-unused).
 */
#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"

struct ecrc_finding *ecrc_report_sev(struct ecrc_check *ck, enum ecrc_severity sev,
                                     const struct ecrc_node *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct ecrc_finding *f = ecrc_diag_vadd(ck->diags, ck->rule->id, sev, at->loc, at, fmt, ap);
	va_end(ap);
	return f;
}

struct ecrc_finding *ecrc_report(struct ecrc_check *ck, const struct ecrc_node *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct ecrc_finding *f =
	    ecrc_diag_vadd(ck->diags, ck->rule->id, ck->rule->severity, at->loc, at, fmt, ap);
	va_end(ap);
	return f;
}

void ecrc_report_note(struct ecrc_check *ck, struct ecrc_finding *f, const struct ecrc_node *at,
                      const char *fmt, ...)
{
	if (!f)
		return;
	char *msg;
	va_list ap;
	va_start(ap, fmt);
	msg = ecrc_arena_vprintf(ck->diags->arena, fmt, ap);
	va_end(ap);
	ecrc_diag_note(ck->diags, f, at->loc, "%s", msg);
}

const struct ecrc_rule *ecrc_rule_find(const char *id)
{
	for (size_t i = 0; i < ecrc_rules_count; i++)
		if (strcmp(ecrc_rules[i]->id, id) == 0)
			return ecrc_rules[i];
	return NULL;
}

static bool in_list(const char *const *list, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], id) == 0)
			return true;
	return false;
}

bool ecrc_rule_enabled(const struct ecrc_lint_options *opt, const char *id)
{
	const struct ecrc_rule *r = ecrc_rule_find(id);
	if (r && r->frontend)
		return true;
	if (!opt)
		return true;
	if (opt->n_enable_only && !in_list(opt->enable_only, opt->n_enable_only, id))
		return false;
	return !in_list(opt->disable, opt->n_disable, id);
}

/* Is the finding silenced by an inline suppression on its node or an
 * ancestor, or by a design-wide <disable>? Marks every suppression that
 * silences it as used, and records the nearest one in the finding. */
static bool suppressed(const struct ecrc_design *d, struct ecrc_finding *f)
{
	bool hit = false;
	for (const struct ecrc_node *n = f->node; n; n = n->parent) {
		for (struct ecrc_suppression *s = n->suppress; s; s = s->next_pending) {
			for (size_t i = 0; i < s->n_rules; i++) {
				if (strcmp(s->rules[i], f->rule) == 0) {
					s->used[i] = true;
					if (!hit)
						f->suppression = (struct ecrc_finding_suppression){
						    "inline", s->reason, s->loc};
					hit = true;
				}
			}
		}
	}
	for (struct ecrc_disable *x = d->disables; x; x = x->next) {
		if (x->rule && strcmp(x->rule, f->rule) == 0) {
			x->used = true;
			if (!hit)
				f->suppression =
				    (struct ecrc_finding_suppression){"design", x->reason, x->node.loc};
			hit = true;
		}
	}
	return hit;
}

/* Moves a silenced finding to diags->suppressed, its texts copied into
 * the diags' arena (the design, which owns the reason, goes first). */
static void keep_suppressed(struct ecrc_diags *diags, const struct ecrc_finding *f)
{
	if (diags->n_suppressed == diags->cap_suppressed) {
		diags->cap_suppressed = diags->cap_suppressed ? 2 * diags->cap_suppressed : 8;
		diags->suppressed =
		    ecrc_xrealloc(diags->suppressed, diags->cap_suppressed * sizeof *diags->suppressed);
	}
	struct ecrc_finding *k = &diags->suppressed[diags->n_suppressed++];
	*k = *f;
	k->node = NULL;
	if (k->suppression.reason)
		k->suppression.reason = ecrc_arena_strdup(diags->arena, k->suppression.reason);
	if (k->suppression.loc.file)
		k->suppression.loc.file = ecrc_arena_strdup(diags->arena, k->suppression.loc.file);
}

static const struct ecrc_rule *suppression_unused_rule(void)
{
	return ecrc_rule_find("suppression-unused");
}

void ecrc_lint_design(const struct ecrc_design *d, const struct ecrc_lint_options *opt,
                      struct ecrc_diags *diags)
{
	size_t first = diags->n;
	static const struct ecrc_lint_options defaults;
	struct ecrc_check ck = {
	    .design = d, .opt = opt ? opt : &defaults, .facts = ecrc_facts_build(d), .diags = diags};
	for (size_t i = 0; i < ecrc_rules_count; i++) {
		const struct ecrc_rule *r = ecrc_rules[i];
		if (!r->check || !ecrc_rule_enabled(opt, r->id))
			continue;
		ck.rule = r;
		r->check(&ck);
	}

	/* suppressions: drop silenced findings of this design's rules */
	size_t w = first;
	for (size_t i = first; i < diags->n; i++) {
		struct ecrc_finding *f = &diags->v[i];
		const struct ecrc_rule *r = ecrc_rule_find(f->rule);
		if (r && !r->frontend && suppressed(d, f)) {
			keep_suppressed(diags, f);
			continue;
		}
		diags->v[w++] = *f;
	}
	diags->n = w;

	const struct ecrc_rule *su = suppression_unused_rule();
	if (!su || !ecrc_rule_enabled(opt, su->id))
		return;
	ck.rule = su;
	for (struct ecrc_suppression *s = d->suppressions; s; s = s->next) {
		if (s->n_rules == 0) {
			ecrc_diag_add(
			    diags, su->id, su->severity, s->loc, NULL,
			    "ecrc-disable comment names no rule; write <!-- ecrc-disable RULE: reason -->");
			continue;
		}
		for (size_t i = 0; i < s->n_rules; i++) {
			const struct ecrc_rule *r = ecrc_rule_find(s->rules[i]);
			if (!r)
				ecrc_diag_add(
				    diags, su->id, su->severity, s->loc, NULL,
				    "ecrc-disable names '%s', which is not a rule (see `ecrc rules`)",
				    s->rules[i]);
			else if (r->frontend)
				ecrc_diag_add(diags, su->id, su->severity, s->loc, NULL,
				              "'%s' is a front-end rule and cannot be disabled", s->rules[i]);
			else if (!s->used[i] && ecrc_rule_enabled(opt, r->id))
				ecrc_diag_add(diags, su->id, su->severity, s->loc, NULL,
				              "ecrc-disable %s silences nothing: no %s finding in the "
				              "element that follows",
				              s->rules[i], s->rules[i]);
		}
	}
	for (struct ecrc_disable *x = d->disables; x; x = x->next) {
		if (!x->rule)
			continue;
		const struct ecrc_rule *r = ecrc_rule_find(x->rule);
		if (!r)
			ecrc_diag_add(diags, su->id, su->severity, x->node.loc, &x->node,
			              "<disable rule='%s'> names no rule (see `ecrc rules`)", x->rule);
		else if (r->frontend)
			ecrc_diag_add(diags, su->id, su->severity, x->node.loc, &x->node,
			              "'%s' is a front-end rule and cannot be disabled", x->rule);
		else if (!x->used && ecrc_rule_enabled(opt, r->id))
			ecrc_diag_add(diags, su->id, su->severity, x->node.loc, &x->node,
			              "<disable rule='%s'> silences nothing: the design has no %s finding",
			              x->rule, x->rule);
	}
}
