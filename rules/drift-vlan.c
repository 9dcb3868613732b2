/*
 * drift-vlan.c: reported by `ecrc check` (check/check.c) when a CPE's running
 * configuration differs from the design; it has no lint check function.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_drift_vlan = {
    .id = "drift-vlan",
    .severity = ECRC_SEV_ERROR,
    .summary = "(ecrc check) the uplink's sub-interface differs: port, VLAN, MTU, or a statement on it ecrc "
               "cannot interpret",
    .command = "check",
};
