/*
 * module.c: `ecrc emit --terraform`: the design's cloud side as a Terraform
 * module for the aliyun/alicloud provider. Per VBR: the VBR (VLAN,
 * addresses, MTU, BFD timers), its BGP group (peer ASN, MD5 key from a
 * sensitive variable named after the uplink's auth-key-env, route limit)
 * and BGP peer (enable_bfd). Per ECR: the ECR (alibaba_side_asn), a VBR
 * child instance per <associate vbr=>, a TR association (allowed prefixes)
 * per <associate transit-router=>, a VPC association per <associate vpc=>.
 * What exists before the module (physical connections, transit routers and
 * their CEN, VPCs) comes in as variables. Argument names and ranges: the
 * provider documentation cited in docs/terraform.md.
 *
 * The text is aligned the way `terraform fmt` aligns it, and is the same
 * for the same design: no timestamps, everything in document order.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"
#include "lint/lint.h"
#include "terraform/terraform.h"

#define NAME_MAX_LEN 160

void ecrc_tf_name(const char *id, char *buf, size_t n)
{
	size_t i = 0;
	for (; id[i] && i + 1 < n; i++)
		buf[i] = id[i] == '.' ? '_' : id[i];
	buf[i] = '\0';
}

void ecrc_tf_assoc_name(const char *ecr_id, const char *target_id, char *buf, size_t n)
{
	char a[NAME_MAX_LEN], b[NAME_MAX_LEN];
	ecrc_tf_name(ecr_id, a, sizeof a);
	ecrc_tf_name(target_id, b, sizeof b);
	snprintf(buf, n, "%s_%s", a, b);
}

/* ---- HCL text ----------------------------------------------------------------- */

/* One block's attributes, written together so that the '=' line up as
 * `terraform fmt` puts them. */
struct attr {
	const char *name;
	char *value; /* HCL expression text, malloc'd */
};

struct block {
	struct attr v[16];
	size_t n;
};

static void set(struct block *b, const char *name, const char *fmt, ...) ECRC_PRINTF(3, 4);
static void set(struct block *b, const char *name, const char *fmt, ...)
{
	struct ecrc_buf t = {0};
	va_list ap;
	va_start(ap, fmt);
	ecrc_buf_vprintf(&t, fmt, ap);
	va_end(ap);
	if (b->n == sizeof b->v / sizeof b->v[0])
		abort(); /* a programming error: blocks here have at most 13 attributes */
	b->v[b->n].name = name;
	b->v[b->n].value = ecrc_buf_take(&t);
	b->n++;
}

/* A quoted HCL string. Design ids, addresses and names cannot hold '"',
 * '\\' or "${", but the escapes keep any text a literal. */
static void set_str(struct block *b, const char *name, const char *s)
{
	struct ecrc_buf t = {0};
	ecrc_buf_putc(&t, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			ecrc_buf_putc(&t, '\\');
		else if ((*p == '$' || *p == '%') && p[1] == '{')
			ecrc_buf_putc(&t, *p); /* "$${" is a literal "${" */
		ecrc_buf_putc(&t, *p);
	}
	ecrc_buf_putc(&t, '"');
	set(b, name, "%s", t.p);
	ecrc_buf_free(&t);
}

static void set_ipv4(struct block *b, const char *name, uint32_t a)
{
	char ip[16];
	set_str(b, name, ecrc_fmt_ipv4(a, ip));
}

static void put_block(struct ecrc_buf *out, const char *head, struct block *b)
{
	size_t w = 0;
	for (size_t i = 0; i < b->n; i++)
		if (strlen(b->v[i].name) > w)
			w = strlen(b->v[i].name);
	ecrc_buf_printf(out, "%s {\n", head);
	for (size_t i = 0; i < b->n; i++) {
		ecrc_buf_printf(out, "  %-*s = %s\n", (int)w, b->v[i].name, b->v[i].value);
		free(b->v[i].value);
	}
	ecrc_buf_puts(out, "}\n");
	b->n = 0;
}

/* ---- the design's pieces ---------------------------------------------------- */

struct render {
	const struct ecrc_design *d;
	const struct ecrc_tf_options *opt;
	struct ecrc_diags *diags;
	const struct ecrc_region *home; /* the default provider's region: the first */
	bool failed;
	/* every Terraform name given so far, with the kind and id it came from */
	struct taken {
		char name[NAME_MAX_LEN];
		const char *kind;
		const char *id;
	} * taken;
	size_t n_taken;
};

static const char *name_of(const char *id, char buf[NAME_MAX_LEN])
{
	ecrc_tf_name(id, buf, NAME_MAX_LEN);
	return buf;
}

/* Records that `name` (of the given kind: a resource type, "variable" or
 * "output") stands for design id `id`; two ids meeting in one name is an
 * error at the node. */
static void take(struct render *R, const char *kind, const char *name, const char *id,
                 const struct ecrc_node *at)
{
	for (size_t i = 0; i < R->n_taken; i++) {
		struct taken *t = &R->taken[i];
		if (strcmp(t->kind, kind) == 0 && strcmp(t->name, name) == 0) {
			if (strcmp(t->id, id) == 0)
				return;
			ecrc_diag_add(
			    R->diags, "input", ECRC_SEV_ERROR, at->loc, at,
			    "'%s' and '%s' both become the Terraform name '%s' (%s), which must be unique: "
			    "Terraform names cannot hold '.', written as '_'; rename one of them",
			    t->id, id, name, kind);
			R->failed = true;
			return;
		}
	}
	R->taken = ecrc_xrealloc(R->taken, (R->n_taken + 1) * sizeof *R->taken);
	struct taken *t = &R->taken[R->n_taken++];
	snprintf(t->name, sizeof t->name, "%s", name);
	t->kind = kind;
	t->id = id;
}

/* Names the provider accepts for instances: 2..128 characters starting with
 * a letter (design ids start with a letter and have at most 64). */
static bool name_ok(const char *id)
{
	return strlen(id) >= 2;
}

static void header(const struct render *R, struct ecrc_buf *out, const char *what)
{
	char hex[65];
	ecrc_sha256_hex(R->d->sha256, hex);
	if (R->opt->forced)
		ecrc_buf_puts(out,
		              "# WARNING: emitted with --force although the design has lint errors; fix them "
		              "before applying.\n");
	ecrc_buf_printf(out, "# ecrc %s - design %s sha256 %s - terraform (%s)\n", ECRC_VERSION, R->d->name,
	                hex, ECRC_TF_PROVIDER_SOURCE);
	ecrc_buf_printf(out,
	                "# %s of the design's cloud side, generated by ecrc emit --terraform.\n"
	                "# Change the design and emit again rather than editing this file.\n",
	                what);
}

/* `provider = alicloud.<region>` for a resource outside the home region. */
static void set_provider(const struct render *R, struct block *b, const struct ecrc_region *r)
{
	char n[NAME_MAX_LEN];
	if (r && r != R->home)
		set(b, "provider", "alicloud.%s", name_of(r->id, n));
}

/* The uplink whose BGP session this VBR is the cloud end of, with the
 * environment variable of its MD5 key; NULL when none names one. */
static const char *md5_env(const struct ecrc_design *d, const struct ecrc_vbr *v)
{
	for (const struct ecrc_datacenter *dc = d->dcs; dc; dc = dc->next)
		for (const struct ecrc_cpe *c = dc->cpes; c; c = c->next)
			for (const struct ecrc_uplink *u = c->uplinks; u; u = u->next)
				if (u->vbr == v && u->bgp && u->bgp->auth_key_env)
					return u->bgp->auth_key_env;
	return NULL;
}

/* The variable that holds a VBR's MD5 key: the uplink's auth-key-env, or
 * "<vbr>_auth_key" when the design names none (lint reports that as
 * bgp-auth-mismatch). */
static void md5_var(const struct ecrc_design *d, const struct ecrc_vbr *v, char *buf, size_t n)
{
	const char *env = md5_env(d, v);
	char vn[NAME_MAX_LEN];
	if (env)
		snprintf(buf, n, "%s", env);
	else
		snprintf(buf, n, "%s_auth_key", name_of(v->id, vn));
}

/* ---- versions.tf ---------------------------------------------------------- */

static char *versions_tf(struct render *R)
{
	struct ecrc_buf out = {0};
	header(R, &out, "Requirements");
	ecrc_buf_printf(&out,
	                "\nterraform {\n"
	                "  required_version = \"%s\"\n"
	                "  required_providers {\n"
	                "    alicloud = {\n"
	                "      source  = \"%s\"\n"
	                "      version = \"%s\"\n"
	                "    }\n"
	                "  }\n"
	                "}\n",
	                ECRC_TF_TERRAFORM_VERSION, ECRC_TF_PROVIDER_SOURCE, ECRC_TF_PROVIDER_VERSION);
	struct block b = {0};
	char n[NAME_MAX_LEN];
	for (const struct ecrc_region *r = R->d->cloud->regions; r; r = r->next) {
		if (r != R->home) {
			set(&b, "alias", "\"%s\"", name_of(r->id, n));
			take(R, "provider", n, r->id, &r->node);
		}
		set_str(&b, "region", r->id);
		ecrc_buf_putc(&out, '\n');
		put_block(&out, "provider \"alicloud\"", &b);
	}
	return ecrc_buf_take(&out);
}

/* ---- variables.tf ----------------------------------------------------------- */

static void variable(struct render *R, struct ecrc_buf *out, const char *name, const char *id,
                     const struct ecrc_node *at, bool sensitive, const char *fmt, ...) ECRC_PRINTF(7, 8);
static void variable(struct render *R, struct ecrc_buf *out, const char *name, const char *id,
                     const struct ecrc_node *at, bool sensitive, const char *fmt, ...)
{
	for (size_t i = 0; i < R->n_taken; i++)
		if (strcmp(R->taken[i].kind, "variable") == 0 && strcmp(R->taken[i].name, name) == 0 &&
		    strcmp(R->taken[i].id, id) == 0)
			return; /* one MD5 variable shared by several VBRs */
	take(R, "variable", name, id, at);
	struct ecrc_buf desc = {0};
	va_list ap;
	va_start(ap, fmt);
	ecrc_buf_vprintf(&desc, fmt, ap);
	va_end(ap);
	struct block b = {0};
	set_str(&b, "description", desc.p);
	set(&b, "type", "string");
	if (sensitive)
		set(&b, "sensitive", "true");
	ecrc_buf_free(&desc);
	char head[NAME_MAX_LEN + 16];
	snprintf(head, sizeof head, "variable \"%s\"", name);
	ecrc_buf_putc(out, '\n');
	put_block(out, head, &b);
}

static bool ecr_associates(const struct ecrc_design *d, enum ecrc_assoc_kind kind,
                           const struct ecrc_node *target)
{
	for (const struct ecrc_ecr *e = d->cloud->ecrs; e; e = e->next)
		for (const struct ecrc_associate *a = e->associates; a; a = a->next)
			if (a->kind == kind && a->target == target)
				return true;
	return false;
}

static char *variables_tf(struct render *R)
{
	struct ecrc_buf out = {0};
	char n[NAME_MAX_LEN], v[NAME_MAX_LEN + 16];
	header(R, &out, "Inputs");
	for (const struct ecrc_region *r = R->d->cloud->regions; r; r = r->next) {
		for (const struct ecrc_physical_connection *pc = r->connections; pc; pc = pc->next) {
			if (!pc->n_vbrs)
				continue;
			snprintf(v, sizeof v, "%s_id", name_of(pc->id, n));
			variable(R, &out, v, pc->id, &pc->node, false,
			         "ID (pc-...) of the Express Connect physical connection the design calls "
			         "%s, in %s%s%s%s%s%s",
			         pc->id, r->id, pc->access_point ? ", access point " : "",
			         pc->access_point ? pc->access_point : "", pc->device ? ", device " : "",
			         pc->device ? pc->device : "",
			         ". Ordered from Alibaba Cloud, not created here.");
		}
		for (const struct ecrc_transit_router *tr = r->trs; tr; tr = tr->next) {
			if (!ecr_associates(R->d, ECRC_ASSOC_TR, &tr->node))
				continue;
			snprintf(v, sizeof v, "%s_id", name_of(tr->id, n));
			variable(R, &out, v, tr->id, &tr->node, false,
			         "ID (tr-...) of the transit router the design calls %s, in %s", tr->id,
			         r->id);
			if (tr->cen) {
				snprintf(v, sizeof v, "%s_cen_id", name_of(tr->id, n));
				variable(R, &out, v, tr->id, &tr->node, false,
				         "ID (cen-...) of the CEN instance the design calls %s, which "
				         "transit router %s "
				         "belongs to",
				         tr->cen, tr->id);
			}
		}
		for (const struct ecrc_vpc *vpc = r->vpcs; vpc; vpc = vpc->next) {
			if (!ecr_associates(R->d, ECRC_ASSOC_VPC, &vpc->node))
				continue;
			snprintf(v, sizeof v, "%s_id", name_of(vpc->id, n));
			variable(R, &out, v, vpc->id, &vpc->node, false,
			         "ID (vpc-...) of the VPC the design calls %s, in %s", vpc->id, r->id);
		}
	}
	for (const struct ecrc_region *r = R->d->cloud->regions; r; r = r->next)
		for (const struct ecrc_vbr *vb = r->vbrs; vb; vb = vb->next) {
			if (!vb->bgp_peer || !vb->bgp_peer->auth_md5)
				continue;
			md5_var(R->d, vb, v, sizeof v);
			variable(R, &out, v, v, &vb->bgp_peer->node, true,
			         "MD5 key of the BGP sessions whose CPE side reads it from environment "
			         "variable %s "
			         "(auth-key-env); set TF_VAR_%s",
			         v, v);
		}
	return ecrc_buf_take(&out);
}

/* ---- main.tf ----------------------------------------------------------------- */

static void vbr_resources(struct render *R, struct ecrc_buf *out, const struct ecrc_vbr *v)
{
	char n[NAME_MAX_LEN], head[2 * NAME_MAX_LEN], pcn[NAME_MAX_LEN], var[NAME_MAX_LEN + 16];
	struct block b = {0};
	name_of(v->id, n);
	take(R, ECRC_TF_VBR, n, v->id, &v->node);

	set_provider(R, &b, v->region);
	set(&b, "physical_connection_id", "var.%s_id", name_of(v->connection_id, pcn));
	if (name_ok(v->id))
		set_str(&b, "virtual_border_router_name", v->id);
	char desc[3 * NAME_MAX_LEN];
	snprintf(desc, sizeof desc, "ecrc design %s: %s on %s", R->d->name, v->id, v->connection_id);
	set_str(&b, "description", desc);
	set(&b, "vlan_id", "%u", v->vlan);
	set_ipv4(&b, "local_gateway_ip", v->local_address.addr);
	set_ipv4(&b, "peer_gateway_ip", v->peer_address);
	set_ipv4(&b, "peering_subnet_mask", ecrc_mask(v->local_address.len));
	set(&b, "mtu", "%u", v->mtu);
	const struct ecrc_bfd *bfd = v->bgp_peer ? v->bgp_peer->bfd : NULL;
	if (bfd) {
		set(&b, "min_tx_interval", "%u", bfd->min_tx_ms);
		set(&b, "min_rx_interval", "%u", bfd->min_rx_ms);
		set(&b, "detect_multiplier", "%u", bfd->multiplier);
	}
	snprintf(head, sizeof head, "resource \"%s\" \"%s\"", ECRC_TF_VBR, n);
	ecrc_buf_putc(out, '\n');
	put_block(out, head, &b);

	if (!v->bgp_peer)
		return; /* static routing: no BGP group */
	const struct ecrc_bgp_peer *p = v->bgp_peer;
	take(R, ECRC_TF_BGP_GROUP, n, v->id, &p->node);
	set_provider(R, &b, v->region);
	set(&b, "router_id", "%s.%s.id", ECRC_TF_VBR, n);
	if (name_ok(v->id))
		set_str(&b, "bgp_group_name", v->id);
	set(&b, "peer_asn", "%u", p->peer_asn);
	/* an ECR's VBRs speak the ECR's ASN (alibaba_side_asn); local_asn only
	 * for a VBR on its own */
	if (!v->ecr)
		set(&b, "local_asn", "%u", ecrc_vbr_local_asn(v));
	set(&b, "route_limit", "%u", v->route_quota);
	if (p->auth_md5) {
		md5_var(R->d, v, var, sizeof var);
		set(&b, "auth_key", "var.%s", var);
	}
	snprintf(head, sizeof head, "resource \"%s\" \"%s\"", ECRC_TF_BGP_GROUP, n);
	ecrc_buf_putc(out, '\n');
	put_block(out, head, &b);

	take(R, ECRC_TF_BGP_PEER, n, v->id, &p->node);
	set_provider(R, &b, v->region);
	set(&b, "bgp_group_id", "%s.%s.id", ECRC_TF_BGP_GROUP, n);
	set_ipv4(&b, "peer_ip_address", v->peer_address);
	set(&b, "enable_bfd", "%s", p->bfd ? "true" : "false");
	snprintf(head, sizeof head, "resource \"%s\" \"%s\"", ECRC_TF_BGP_PEER, n);
	ecrc_buf_putc(out, '\n');
	put_block(out, head, &b);
}

static const struct ecrc_region *target_region(const struct ecrc_associate *a)
{
	if (!a->target)
		return NULL;
	switch (a->kind) {
	case ECRC_ASSOC_VBR:
		return ((const struct ecrc_vbr *)a->target)->region;
	case ECRC_ASSOC_TR:
		return ((const struct ecrc_transit_router *)a->target)->region;
	case ECRC_ASSOC_VPC:
		return ((const struct ecrc_vpc *)a->target)->region;
	}
	return NULL;
}

static void ecr_resources(struct render *R, struct ecrc_buf *out, const struct ecrc_ecr *e)
{
	char n[NAME_MAX_LEN], tn[NAME_MAX_LEN], an[2 * NAME_MAX_LEN + 2], head[3 * NAME_MAX_LEN];
	struct block b = {0};
	name_of(e->id, n);
	take(R, ECRC_TF_ECR, n, e->id, &e->node);
	if (name_ok(e->id))
		set_str(&b, "ecr_name", e->id);
	char desc[3 * NAME_MAX_LEN];
	snprintf(desc, sizeof desc, "ecrc design %s: %s", R->d->name, e->id);
	set_str(&b, "description", desc);
	set(&b, "alibaba_side_asn", "%u", e->asn);
	snprintf(head, sizeof head, "resource \"%s\" \"%s\"", ECRC_TF_ECR, n);
	ecrc_buf_putc(out, '\n');
	put_block(out, head, &b);

	for (const struct ecrc_associate *a = e->associates; a; a = a->next) {
		const struct ecrc_region *r = target_region(a);
		if (!r)
			continue; /* unresolved: the design is not intact */
		ecrc_tf_assoc_name(e->id, a->target_id, an, sizeof an);
		name_of(a->target_id, tn);
		const char *type = a->kind == ECRC_ASSOC_VBR  ? ECRC_TF_VBR_CHILD
		                   : a->kind == ECRC_ASSOC_TR ? ECRC_TF_TR_ASSOC
		                                              : ECRC_TF_VPC_ASSOC;
		take(R, type, an, ecrc_arena_printf(R->diags->arena, "%s/%s", e->id, a->target_id), &a->node);
		set(&b, "ecr_id", "%s.%s.id", ECRC_TF_ECR, n);
		switch (a->kind) {
		case ECRC_ASSOC_VBR:
			set(&b, "child_instance_id", "%s.%s.id", ECRC_TF_VBR, tn);
			set_str(&b, "child_instance_type", "VBR");
			set_str(&b, "child_instance_region_id", r->id);
			break;
		case ECRC_ASSOC_TR: {
			const struct ecrc_transit_router *tr = (const struct ecrc_transit_router *)a->target;
			set(&b, "transit_router_id", "var.%s_id", tn);
			if (tr->cen)
				set(&b, "cen_id", "var.%s_cen_id", tn);
			set_str(&b, "association_region_id", r->id);
			break;
		}
		case ECRC_ASSOC_VPC:
			set(&b, "vpc_id", "var.%s_id", tn);
			set_str(&b, "association_region_id", r->id);
			break;
		}
		if (a->n_allowed) {
			struct ecrc_buf l = {0};
			char p[19];
			for (const struct ecrc_prefix_node *x = a->allowed; x; x = x->next)
				ecrc_buf_printf(&l, "%s\"%s\"", l.len ? ", " : "",
				                ecrc_fmt_ipnet(x->prefix, p));
			set(&b, "allowed_prefixes", "[%s]", l.p);
			ecrc_buf_free(&l);
		}
		snprintf(head, sizeof head, "resource \"%s\" \"%s\"", type, an);
		ecrc_buf_putc(out, '\n');
		put_block(out, head, &b);
	}
}

static char *main_tf(struct render *R)
{
	struct ecrc_buf out = {0};
	header(R, &out, "Resources");
	for (const struct ecrc_region *r = R->d->cloud->regions; r; r = r->next)
		for (const struct ecrc_vbr *v = r->vbrs; v; v = v->next)
			vbr_resources(R, &out, v);
	for (const struct ecrc_ecr *e = R->d->cloud->ecrs; e; e = e->next)
		ecr_resources(R, &out, e);
	return ecrc_buf_take(&out);
}

/* ---- outputs.tf ------------------------------------------------------------- */

static void output(struct render *R, struct ecrc_buf *out, const char *name, const char *id,
                   const struct ecrc_node *at, const char *desc, const char *value)
{
	take(R, "output", name, id, at);
	struct block b = {0};
	set_str(&b, "description", desc);
	set(&b, "value", "%s", value);
	char head[NAME_MAX_LEN + 16];
	snprintf(head, sizeof head, "output \"%s\"", name);
	ecrc_buf_putc(out, '\n');
	put_block(out, head, &b);
}

static char *outputs_tf(struct render *R)
{
	struct ecrc_buf out = {0};
	char n[NAME_MAX_LEN], o[NAME_MAX_LEN + 32], val[2 * NAME_MAX_LEN], desc[NAME_MAX_LEN + 64];
	header(R, &out, "Outputs");
	for (const struct ecrc_region *r = R->d->cloud->regions; r; r = r->next)
		for (const struct ecrc_vbr *v = r->vbrs; v; v = v->next) {
			name_of(v->id, n);
			snprintf(o, sizeof o, "%s_id", n);
			snprintf(val, sizeof val, "%s.%s.id", ECRC_TF_VBR, n);
			snprintf(desc, sizeof desc, "ID of VBR %s", v->id);
			output(R, &out, o, v->id, &v->node, desc, val);
			snprintf(o, sizeof o, "%s_route_table_id", n);
			snprintf(val, sizeof val, "%s.%s.route_table_id", ECRC_TF_VBR, n);
			snprintf(desc, sizeof desc, "ID of the route table of VBR %s", v->id);
			output(R, &out, o, v->id, &v->node, desc, val);
		}
	for (const struct ecrc_ecr *e = R->d->cloud->ecrs; e; e = e->next) {
		name_of(e->id, n);
		snprintf(o, sizeof o, "%s_id", n);
		snprintf(val, sizeof val, "%s.%s.id", ECRC_TF_ECR, n);
		snprintf(desc, sizeof desc, "ID of Express Connect Router %s", e->id);
		output(R, &out, o, e->id, &e->node, desc, val);
	}
	return ecrc_buf_take(&out);
}

int ecrc_tf_render(struct ecrc_design *d, const struct ecrc_tf_options *opt, struct ecrc_diags *diags,
                   struct ecrc_emit_output *out)
{
	struct render R = {.d = d, .opt = opt, .diags = diags, .home = d->cloud->regions};
	ecrc_sha256(d->source, d->source_len, d->sha256);
	memset(out, 0, sizeof *out);
	static const char *const names[] = {"versions.tf", "variables.tf", "main.tf", "outputs.tf"};
	char *texts[4];
	texts[0] = versions_tf(&R);
	texts[1] = variables_tf(&R);
	texts[2] = main_tf(&R);
	texts[3] = outputs_tf(&R);
	free(R.taken);
	if (R.failed) {
		for (size_t i = 0; i < 4; i++)
			free(texts[i]);
		ecrc_diags_sort(diags);
		return -1;
	}
	for (size_t i = 0; i < 4; i++)
		ecrc_emit_output_add(out, ecrc_xstrdup(names[i]), texts[i], strlen(texts[i]));
	ecrc_emit_output_add_manifest(out);
	return 0;
}
