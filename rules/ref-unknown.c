/*
 * ref-unknown.c: front-end rule, reported by the loader (lint/loader.c) while it
 * reads the design; it has no check function and cannot be disabled.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_ref_unknown = {
    .id = "ref-unknown",
    .severity = ECRC_SEV_ERROR,
    .summary = "a reference names no element of the right kind",
    .frontend = true,
    .check = NULL,
};
