/*
 * drift-accept.c: reported by `ecrc check` (check/check.c) when a CPE's running
 * configuration differs from the design; it has no lint check function.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_drift_accept = {
    .id = "drift-accept",
    .severity = ECRC_SEV_ERROR,
    .summary = "(ecrc check) the inbound filter or multipath differs: a prefix not accepted, an extra one "
               "accepted, no inbound policy, maximum-paths below the design's",
    .command = "check",
};
