/*
 * drift-auth.c: reported by `ecrc check` (check/check.c) when a CPE's running
 * configuration differs from the design; it has no lint check function.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_drift_auth = {
    .id = "drift-auth",
    .severity = ECRC_SEV_ERROR,
    .summary = "(ecrc check) MD5 authentication is on where the design has none, or off where it has one",
    .command = "check",
};
