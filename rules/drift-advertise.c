/*
 * drift-advertise.c: reported by `ecrc check` (check/check.c) when a CPE's running
 * configuration differs from the design; it has no lint check function.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_drift_advertise = {
    .id = "drift-advertise",
    .severity = ECRC_SEV_ERROR,
    .summary = "(ecrc check) what the CPE advertises differs: a prefix not originated or not permitted, an "
               "extra prefix permitted, a MED or origin",
    .command = "check",
};
