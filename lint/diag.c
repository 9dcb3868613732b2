/*
 * diag.c: findings and their notes, collected (never printed here), then
 * sorted by file, line, column, rule and insertion order so that two runs
 * on the same input give byte-identical reports.
 */
#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"

void ecrc_diags_init(struct ecrc_diags *d)
{
	memset(d, 0, sizeof *d);
	d->arena = ecrc_arena_new();
}

void ecrc_diags_free(struct ecrc_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].notes);
	free(d->v);
	for (size_t i = 0; i < d->n_suppressed; i++)
		free(d->suppressed[i].notes);
	free(d->suppressed);
	ecrc_arena_free(d->arena);
	memset(d, 0, sizeof *d);
}

struct ecrc_finding *ecrc_diag_vadd(struct ecrc_diags *d, const char *rule, enum ecrc_severity sev,
                                    struct ecrc_loc loc, const struct ecrc_node *node, const char *fmt,
                                    va_list ap)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->v = ecrc_xrealloc(d->v, d->cap * sizeof *d->v);
	}
	struct ecrc_finding *f = &d->v[d->n];
	memset(f, 0, sizeof *f);
	f->rule = rule;
	f->severity = sev;
	f->loc = loc;
	if (loc.file)
		f->loc.file = ecrc_arena_strdup(d->arena, loc.file);
	f->node = node;
	f->message = ecrc_arena_vprintf(d->arena, fmt, ap);
	f->seq = d->n++;
	return f;
}

struct ecrc_finding *ecrc_diag_add(struct ecrc_diags *d, const char *rule, enum ecrc_severity sev,
                                   struct ecrc_loc loc, const struct ecrc_node *node, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct ecrc_finding *f = ecrc_diag_vadd(d, rule, sev, loc, node, fmt, ap);
	va_end(ap);
	return f;
}

void ecrc_diag_note(struct ecrc_diags *d, struct ecrc_finding *f, struct ecrc_loc loc, const char *fmt, ...)
{
	if (!f)
		return;
	f->notes = ecrc_xrealloc(f->notes, (f->n_notes + 1) * sizeof *f->notes);
	struct ecrc_diag_note *n = &f->notes[f->n_notes++];
	n->loc = loc;
	if (loc.file)
		n->loc.file = ecrc_arena_strdup(d->arena, loc.file);
	va_list ap;
	va_start(ap, fmt);
	n->message = ecrc_arena_vprintf(d->arena, fmt, ap);
	va_end(ap);
}

static int cmp_finding(const void *pa, const void *pb)
{
	const struct ecrc_finding *a = pa, *b = pb;
	int c = strcmp(a->loc.file ? a->loc.file : "", b->loc.file ? b->loc.file : "");
	if (c)
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	c = strcmp(a->rule, b->rule);
	if (c)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void ecrc_diags_sort(struct ecrc_diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, cmp_finding);
	if (d->n_suppressed > 1)
		qsort(d->suppressed, d->n_suppressed, sizeof *d->suppressed, cmp_finding);
}

void ecrc_diags_count(const struct ecrc_diags *d, size_t *errors, size_t *warnings, size_t *notes)
{
	size_t e = 0, w = 0, n = 0;
	for (size_t i = 0; i < d->n; i++) {
		switch (d->v[i].severity) {
		case ECRC_SEV_ERROR:
			e++;
			break;
		case ECRC_SEV_WARNING:
			w++;
			break;
		case ECRC_SEV_NOTE:
			n++;
			break;
		}
	}
	if (errors)
		*errors = e;
	if (warnings)
		*warnings = w;
	if (notes)
		*notes = n;
}

const char *ecrc_severity_name(enum ecrc_severity s)
{
	switch (s) {
	case ECRC_SEV_ERROR:
		return "error";
	case ECRC_SEV_WARNING:
		return "warning";
	case ECRC_SEV_NOTE:
		return "note";
	}
	return "?";
}

bool ecrc_design_intact(const struct ecrc_diags *diags)
{
	for (size_t i = 0; i < diags->n; i++) {
		const char *r = diags->v[i].rule;
		if (!strcmp(r, "xml-malformed") || !strcmp(r, "schema") || !strcmp(r, "id-duplicate") ||
		    !strcmp(r, "ref-unknown") || !strcmp(r, "input"))
			return false;
	}
	return true;
}
