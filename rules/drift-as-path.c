/*
 * drift-as-path.c: reported by `ecrc check` (check/check.c) when a CPE's running
 * configuration differs from the design; it has no lint check function.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_drift_as_path = {
    .id = "drift-as-path",
    .severity = ECRC_SEV_ERROR,
    .summary = "(ecrc check) an advertised prefix carries a different AS_PATH prepend than the design's",
    .command = "check",
};
