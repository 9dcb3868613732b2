/*
 * schema.c: front-end rule, reported by the loader (lint/loader.c) while it
 * reads the design; it has no check function and cannot be disabled.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_schema = {
    .id = "schema",
    .severity = ECRC_SEV_ERROR,
    .summary =
        "an unknown element or attribute, a missing required attribute, or a value of the wrong syntax",
    .frontend = true,
    .check = NULL,
};
