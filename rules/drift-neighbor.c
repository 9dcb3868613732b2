/*
 * drift-neighbor.c: reported by `ecrc check` (check/check.c) when a CPE's running
 * configuration differs from the design; it has no lint check function.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_drift_neighbor = {
    .id = "drift-neighbor",
    .severity = ECRC_SEV_ERROR,
    .summary = "(ecrc check) the BGP neighbor differs: its address, remote AS, local AS, shutdown, or a "
               "neighbor statement ecrc cannot interpret",
    .command = "check",
};
