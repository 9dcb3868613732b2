/*
 * id-duplicate.c: front-end rule, reported by the loader (lint/loader.c) while it
 * reads the design; it has no check function and cannot be disabled.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_id_duplicate = {
    .id = "id-duplicate",
    .severity = ECRC_SEV_ERROR,
    .summary = "two elements share an id",
    .frontend = true,
    .check = NULL,
};
