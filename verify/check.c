/*
 * check.c: the list of check records that verify's report and the lab's
 * result share: what was checked, on what, whether it held, and why.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "verify/verify.h"

bool ecrc_verify_checks_keep(struct ecrc_verify_checks *cs, bool ok)
{
	if (ok && !cs->keep_passed) {
		cs->n_passed_unlisted++;
		return false;
	}
	return true;
}

void ecrc_verify_checks_vadd(struct ecrc_verify_checks *cs, const char *check, const char *subject, bool ok,
                             bool warning, const char *fmt, va_list ap)
{
	if (!ecrc_verify_checks_keep(cs, ok))
		return;
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 64;
		cs->v = ecrc_xrealloc(cs->v, cs->cap * sizeof(*cs->v));
	}
	cs->v[cs->n++] = (struct ecrc_verify_check){
	    .check = check,
	    .subject = ecrc_arena_strdup(cs->arena, subject),
	    .message = ecrc_arena_vprintf(cs->arena, fmt, ap),
	    .ok = ok,
	    .warning = warning,
	};
	if (!ok)
		*(warning ? &cs->n_warned : &cs->n_failed) += 1;
}

void ecrc_verify_checks_add(struct ecrc_verify_checks *cs, const char *check, const char *subject, bool ok,
                            bool warning, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ecrc_verify_checks_vadd(cs, check, subject, ok, warning, fmt, ap);
	va_end(ap);
}

size_t ecrc_verify_checks_total(const struct ecrc_verify_checks *cs)
{
	return cs->n + cs->n_passed_unlisted;
}

void ecrc_verify_checks_free(struct ecrc_verify_checks *cs)
{
	free(cs->v);
	cs->v = NULL;
	cs->n = cs->cap = 0;
}
