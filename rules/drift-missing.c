/*
 * drift-missing.c: reported by `ecrc check` (check/check.c) when a CPE's running
 * configuration differs from the design; it has no lint check function.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_drift_missing = {
    .id = "drift-missing",
    .severity = ECRC_SEV_ERROR,
    .summary = "(ecrc check) the uplink is not configured at all: no interface with its address or VLAN, or "
               "no BGP neighbor",
    .command = "check",
};
