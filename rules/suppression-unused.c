/*
 * suppression-unused.c: an inline <!-- ecrc-disable --> comment or a
 * <lint><disable> that silenced nothing, or names no rule. Reported by the
 * lint driver (lint/lint.c) after every other rule has run, since only
 * then is it known what each suppression silenced.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_suppression_unused = {
    .id = "suppression-unused",
    .severity = ECRC_SEV_WARNING,
    .summary = "an inline or design-wide suppression that silenced nothing, or names no rule",
    .frontend = false,
    .check = NULL,
};
