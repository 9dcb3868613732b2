/*
 * drift-bfd.c: reported by `ecrc check` (check/check.c) when a CPE's running
 * configuration differs from the design; it has no lint check function.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_drift_bfd = {
    .id = "drift-bfd",
    .severity = ECRC_SEV_ERROR,
    .summary =
        "(ecrc check) BFD is off where the design runs it (or on where it does not), or its timers differ",
    .command = "check",
};
