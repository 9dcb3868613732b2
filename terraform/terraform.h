/*
 * terraform.h: the cloud side of a design as Terraform for the
 * aliyun/alicloud provider. module.c renders a design's VBRs, BGP groups
 * and peers, ECRs and their associations as a Terraform module (written by
 * the emit driver, atomically, with a MANIFEST); state.c reads what
 * `terraform show -json` prints; check.c compares that with the design's
 * cloud side (drift-cloud findings); import.c writes a design's <cloud>
 * from it. docs/terraform.md cites the provider documentation for every
 * argument used here.
 *
 * Layering: reads the lint model (lint/lint.h) like emit/ does and uses the
 * emit driver's public functions; never includes cli/.
 */
#ifndef ECRC_TERRAFORM_H
#define ECRC_TERRAFORM_H

#include "common/common.h"

struct ecrc_design;
struct ecrc_diags;
struct ecrc_emit_output;

/* The provider and the oldest version whose documentation has every
 * argument the module uses (docs/terraform.md). */
#define ECRC_TF_PROVIDER_SOURCE "aliyun/alicloud"
#define ECRC_TF_PROVIDER_VERSION ">= 1.263.0"
#define ECRC_TF_TERRAFORM_VERSION ">= 1.3.0"

/* The resource types, as the provider names them. */
#define ECRC_TF_VBR "alicloud_express_connect_virtual_border_router"
#define ECRC_TF_BGP_GROUP "alicloud_vpc_bgp_group"
#define ECRC_TF_BGP_PEER "alicloud_vpc_bgp_peer"
#define ECRC_TF_ECR "alicloud_express_connect_router_express_connect_router"
#define ECRC_TF_VBR_CHILD "alicloud_express_connect_router_vbr_child_instance"
#define ECRC_TF_TR_ASSOC "alicloud_express_connect_router_tr_association"
#define ECRC_TF_VPC_ASSOC "alicloud_express_connect_router_vpc_association"

/* ---- module.c: design -> Terraform module ---------------------------------- */

struct ecrc_tf_options {
	bool forced; /* --force with lint errors: every file says so first */
};

/* The Terraform name (resource label, variable, output) of a design id:
 * the id itself with '.' (which Terraform names cannot hold) as '_'. Two
 * names of a design that meet this way are refused by ecrc_tf_render. */
void ecrc_tf_name(const char *id, char *buf, size_t n);

/* The label of an ECR's association with a VBR, TR or VPC:
 * "<ecr name>_<target name>". */
void ecrc_tf_assoc_name(const char *ecr_id, const char *target_id, char *buf, size_t n);

/* Renders the design's cloud side as versions.tf, variables.tf, main.tf and
 * outputs.tf plus MANIFEST, into out (ecrc_emit_write writes them). The
 * design must be loaded and intact (lint has run). Returns 0, or -1 with
 * errors in diags (two ids that give one Terraform name). */
int ecrc_tf_render(struct ecrc_design *d, const struct ecrc_tf_options *opt, struct ecrc_diags *diags,
		   struct ecrc_emit_output *out);

#endif
