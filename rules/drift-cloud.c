/*
 * drift-cloud.c: reported by `ecrc check --terraform-state` (terraform/drift.c)
 * when the cloud side Terraform says is deployed differs from the design;
 * it has no lint check function.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_drift_cloud = {
    .id = "drift-cloud",
    .severity = ECRC_SEV_ERROR,
    .summary = "(ecrc check --terraform-state) a VBR, BGP group or peer, ECR or ECR association in the "
               "Terraform state differs from the design, or is missing",
    .command = "check",
};
