/*
 * drift-max-prefix.c: reported by `ecrc check` (check/check.c) when a CPE's running
 * configuration differs from the design; it has no lint check function.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_drift_max_prefix = {
    .id = "drift-max-prefix",
    .severity = ECRC_SEV_ERROR,
    .summary = "(ecrc check) the maximum-prefix limit differs from the design's, or is missing",
    .command = "check",
};
