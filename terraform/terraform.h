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

/* ---- state.c: what `terraform show -json` prints, read back ------------------ */

struct json_t;

/* Larger inputs are refused (a state of thousands of resources is a few MiB). */
#define ECRC_TF_MAX_STATE_BYTES (256u << 20)

/* One managed resource of the state (or plan), from any module. */
struct ecrc_tf_resource {
	const char *address;         /* "alicloud_vpc_bgp_peer.vbr-1" (with its module path) */
	const char *type;            /* "alicloud_vpc_bgp_peer" */
	const char *name;            /* the label: "vbr-1" */
	const struct json_t *values; /* its attributes; NULL when a plan does not know them */
	uint32_t line;               /* of its address in the file (1 for one-line JSON) */
};

struct ecrc_tf_state {
	char *path; /* as given ("-" = stdin) */
	bool plan;  /* planned_values of a plan, not a state */
	bool empty; /* show -json of a state without resources */
	struct ecrc_tf_resource *resources;
	size_t n; /* in the file's order */
	struct json_t *root;
};

/* Reads `terraform show -json` output of a state or a plan (or a raw
 * terraform.tfstate of version 4). Returns 0, or -1 with "PATH: why" in
 * err. Free with ecrc_tf_state_free either way. */
int ecrc_tf_state_read(const char *path, struct ecrc_tf_state *st, char *err, size_t n);
int ecrc_tf_state_parse(const char *path, const char *text, size_t len, struct ecrc_tf_state *st, char *err,
                        size_t n);
void ecrc_tf_state_free(struct ecrc_tf_state *st);
/* The resource of this type with this label (first module first), or NULL. */
const struct ecrc_tf_resource *ecrc_tf_find(const struct ecrc_tf_state *st, const char *type,
                                            const char *name);
/* An attribute: a non-empty string (NULL otherwise); a number in 0..2^32-1
 * (JSON number or decimal string); a bool (-1 unknown). */
bool ecrc_tf_has(const struct ecrc_tf_resource *r, const char *attr); /* present, not null */
const char *ecrc_tf_str(const struct ecrc_tf_resource *r, const char *attr);
bool ecrc_tf_u32(const struct ecrc_tf_resource *r, const char *attr, uint32_t *out);
int ecrc_tf_bool(const struct ecrc_tf_resource *r, const char *attr);
size_t ecrc_tf_list_len(const struct ecrc_tf_resource *r, const char *attr);
const char *ecrc_tf_list_str(const struct ecrc_tf_resource *r, const char *attr, size_t i);

/* ---- drift.c: the design's cloud side against the state ---------------------- */

#define ECRC_TF_DRIFT_RULE "drift-cloud"

/* Compares the cloud side of a loaded, intact design with the state: each
 * VBR (VLAN, addresses, mask, MTU, BFD timers), its BGP group (peer ASN,
 * local ASN, MD5 on/off, route limit) and peer (address, BFD on/off), each
 * ECR (ASN), its VBR child instances, TR associations (allowed prefixes)
 * and VPC associations; and resources of the design's ECRs the design does
 * not have. Findings are drift-cloud errors at the state file's line of the
 * resource, naming the resource and the attribute, with a note at the
 * design element. Returns the number of findings. */
size_t ecrc_tf_check(const struct ecrc_design *d, const struct ecrc_tf_state *st, struct ecrc_diags *diags);

/* ---- import.c: a design's cloud side from the state ------------------------- */

/* Writes the <cloud> element of a design (indented two spaces, as a child
 * of <design>) from the state's VBRs, BGP groups and peers, ECRs and their
 * associations. Ids are the Terraform names or the instance names the
 * module set (virtual_border_router_name, ecr_name), and the values of the
 * physical connection, TR, CEN and VPC ids; what the state cannot know is
 * an XML comment starting "ecrc import:". Returns 0, or -1 with a message
 * in err when the state has no VBR. */
int ecrc_tf_import_cloud(const struct ecrc_tf_state *st, struct ecrc_buf *out, char *err, size_t n);

/* The state's VBRs with the ids ecrc_tf_import_cloud gives them, for
 * pairing CPE uplinks with them (ecrc import --config). *out is malloc'd
 * (free it); returns the count. */
struct ecrc_tf_vbr {
	char id[65], connection[65];
	uint32_t vlan;
	struct ecrc_ipnet local; /* local_gateway_ip and the mask's length */
	uint32_t peer;           /* peer_gateway_ip */
	uint32_t asn;            /* its ECR's alibaba_side_asn, else the group's local_asn, else 45104 */
	uint32_t mtu;
};
size_t ecrc_tf_import_vbrs(const struct ecrc_tf_state *st, struct ecrc_tf_vbr **out);

#endif
