/*
 * drift-timers.c: reported by `ecrc check` (check/check.c) when a CPE's running
 * configuration differs from the design; it has no lint check function.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_drift_timers = {
    .id = "drift-timers",
    .severity = ECRC_SEV_ERROR,
    .summary = "(ecrc check) the BGP keepalive/hold timers in effect differ from the design's",
    .command = "check",
};
