/*
 * import.c: a design's <cloud> from what Terraform says is deployed
 * (`ecrc import --terraform-state`). VBRs with their BGP groups and peers
 * become <vbr> with <bgp-peer> and <bfd>; ECRs become <ecr> with an
 * <associate> per VBR child instance, TR association (with its allowed
 * prefixes) and VPC association. Resources are linked as drift.c links
 * them: by the IDs in their attributes (a group's router_id is its VBR's
 * id), else by the Terraform names `ecrc emit --terraform` gives them.
 * Design ids come from the instance names (virtual_border_router_name,
 * ecr_name) or Terraform names, and from the values of the physical
 * connection, TR, CEN and VPC ids; each is made a valid design id. What the
 * state does not hold (access points, devices, TR editions and
 * attachments, BGP timers, VPC CIDRs without an alicloud_vpc) is said in an
 * XML comment starting "ecrc import:". Output order is the state's order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "terraform/terraform.h"

#define ID_MAX 64

/* A valid design id from any text: [A-Za-z][A-Za-z0-9._-]{0,63}. */
static void design_id(const char *s, const char *fallback, char out[ID_MAX + 1])
{
	if (!s || !*s)
		s = fallback;
	size_t n = 0;
	if (!((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		out[n++] = 'x';
	for (const char *p = s; *p && n < ID_MAX; p++) {
		char c = *p;
		bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		          c == '.' || c == '_' || c == '-';
		out[n++] = ok ? c : '-';
	}
	out[n] = '\0';
}

struct vbr {
	const struct ecrc_tf_resource *r, *group, *peer, *child;
	char id[ID_MAX + 1], pc[ID_MAX + 1], region[ID_MAX + 1];
	const struct ecrc_tf_resource *ecr; /* the ECR of its child instance */
};

struct region {
	char id[ID_MAX + 1];
};

struct import {
	const struct ecrc_tf_state *st;
	struct ecrc_buf *out;
	struct vbr *vbrs;
	size_t n_vbrs;
	struct region *regions;
	size_t n_regions;
};

static bool is(const struct ecrc_tf_resource *r, const char *type)
{
	return strcmp(r->type, type) == 0;
}

/* The resource of `type` whose `attr` equals the id attribute of `other`,
 * else the one named `name`. */
static const struct ecrc_tf_resource *link_to(const struct ecrc_tf_state *st, const char *type,
                                              const char *attr, const struct ecrc_tf_resource *other,
                                              const char *name)
{
	const char *id = ecrc_tf_str(other, "id");
	for (size_t i = 0; id && i < st->n; i++) {
		const char *v = ecrc_tf_str(&st->resources[i], attr);
		if (is(&st->resources[i], type) && v && strcmp(v, id) == 0)
			return &st->resources[i];
	}
	return name ? ecrc_tf_find(st, type, name) : NULL;
}

static void add_region(struct import *I, const char *id)
{
	for (size_t i = 0; i < I->n_regions; i++)
		if (strcmp(I->regions[i].id, id) == 0)
			return;
	I->regions = ecrc_xrealloc(I->regions, (I->n_regions + 1) * sizeof *I->regions);
	snprintf(I->regions[I->n_regions++].id, ID_MAX + 1, "%s", id);
}

/* An association resource's ECR: by ecr_id, else by its Terraform name
 * "<ecr>_<target>" against the ECRs' names. */
static const struct ecrc_tf_resource *assoc_ecr(const struct ecrc_tf_state *st,
                                                const struct ecrc_tf_resource *a)
{
	const char *eid = ecrc_tf_str(a, "ecr_id");
	for (size_t i = 0; i < st->n; i++) {
		const struct ecrc_tf_resource *e = &st->resources[i];
		if (!is(e, ECRC_TF_ECR))
			continue;
		const char *id = ecrc_tf_str(e, "id");
		if (eid && id && strcmp(eid, id) == 0)
			return e;
		size_t n = strlen(e->name);
		if (!eid && strncmp(a->name, e->name, n) == 0 && a->name[n] == '_')
			return e;
	}
	return NULL;
}

static void collect_vbrs(struct import *I)
{
	const struct ecrc_tf_state *st = I->st;
	for (size_t i = 0; i < st->n; i++) {
		const struct ecrc_tf_resource *r = &st->resources[i];
		if (!is(r, ECRC_TF_VBR))
			continue;
		I->vbrs = ecrc_xrealloc(I->vbrs, (I->n_vbrs + 1) * sizeof *I->vbrs);
		struct vbr *v = &I->vbrs[I->n_vbrs++];
		memset(v, 0, sizeof *v);
		v->r = r;
		design_id(ecrc_tf_str(r, "virtual_border_router_name"), r->name, v->id);
		char fb[ID_MAX + 8];
		snprintf(fb, sizeof fb, "pc-of-%s", v->id);
		design_id(ecrc_tf_str(r, "physical_connection_id"), fb, v->pc);
		v->group = link_to(st, ECRC_TF_BGP_GROUP, "router_id", r, r->name);
		v->peer =
		    v->group ? link_to(st, ECRC_TF_BGP_PEER, "bgp_group_id", v->group, v->group->name) : NULL;
		/* its child instance: by child_instance_id, else by the name "<ecr>_<vbr>" */
		v->child = link_to(st, ECRC_TF_VBR_CHILD, "child_instance_id", r, NULL);
		for (size_t k = 0; !v->child && k < st->n; k++) {
			const struct ecrc_tf_resource *c = &st->resources[k];
			size_t cl = strlen(c->name), vl = strlen(r->name);
			if (is(c, ECRC_TF_VBR_CHILD) && !ecrc_tf_str(c, "child_instance_id") && cl > vl + 1 &&
			    strcmp(c->name + cl - vl, r->name) == 0 && c->name[cl - vl - 1] == '_')
				v->child = c;
		}
		v->ecr = v->child ? assoc_ecr(st, v->child) : NULL;
		const char *region = ecrc_tf_str(v->child, "child_instance_region_id");
		if (!region)
			region = ecrc_tf_str(v->group, "region_id");
		design_id(region, "region-unknown", v->region);
		add_region(I, v->region);
	}
}

static void put_vbr(struct import *I, const struct vbr *v)
{
	struct ecrc_buf *o = I->out;
	uint32_t vlan = 0, mtu = 1500, a, mask = 0, peer = 0;
	char ip[16];
	if (!ecrc_tf_u32(v->r, "vlan_id", &vlan))
		ecrc_buf_printf(o, "      <!-- ecrc import: %s has no vlan_id in the state; 0 written -->\n",
		                v->r->address);
	const char *local = ecrc_tf_str(v->r, "local_gateway_ip");
	const char *pg = ecrc_tf_str(v->r, "peer_gateway_ip");
	const char *pm = ecrc_tf_str(v->r, "peering_subnet_mask");
	if (!local || !ecrc_parse_ipv4(local, &a))
		a = 0;
	if (!pg || !ecrc_parse_ipv4(pg, &peer))
		peer = 0;
	uint8_t len = 30;
	if (pm && ecrc_parse_ipv4(pm, &mask)) {
		uint8_t l = 0;
		while (l < 32 && (mask & (0x80000000u >> l)))
			l++;
		if (ecrc_mask(l) == mask)
			len = l;
	}
	if (!a || !peer || !pm)
		ecrc_buf_printf(o,
		                "      <!-- ecrc import: %s lacks an address or the mask in the state; "
		                "0.0.0.0 or /30 written -->\n",
		                v->r->address);
	ecrc_buf_printf(o, "      <vbr id=\"%s\" connection=\"%s\" vlan=\"%u\" local-address=\"%s/%u\"",
	                v->id, v->pc, vlan, ecrc_fmt_ipv4(a, ip), len);
	ecrc_buf_printf(o, " peer-address=\"%s\"", ecrc_fmt_ipv4(peer, ip));
	if (!v->group)
		ecrc_buf_puts(o, " routing=\"static\"");
	if (ecrc_tf_u32(v->r, "mtu", &mtu) && mtu != 1500)
		ecrc_buf_printf(o, " mtu=\"%u\"", mtu);
	uint32_t quota;
	if (v->group && ecrc_tf_u32(v->group, "route_limit", &quota) && quota != 110 && quota != 0)
		ecrc_buf_printf(o, " route-quota=\"%u\"", quota);
	if (!v->group) {
		ecrc_buf_puts(o, "/>\n");
		return;
	}
	ecrc_buf_puts(o, ">\n");
	uint32_t pasn = 0, lasn;
	ecrc_tf_u32(v->group, "peer_asn", &pasn);
	ecrc_buf_printf(
	    o, "        <!-- ecrc import: BGP keepalive and hold are not in the state (Alibaba's 30/90 s "
	       "written as the default) -->\n");
	ecrc_buf_printf(o, "        <bgp-peer peer-asn=\"%u\"", pasn);
	if (!v->ecr && ecrc_tf_u32(v->group, "local_asn", &lasn) && lasn != 0 && lasn != 45104)
		ecrc_buf_printf(o, " local-asn=\"%u\"", lasn);
	if (ecrc_tf_str(v->group, "auth_key"))
		ecrc_buf_puts(o, " auth=\"md5\"");
	uint32_t tx = 1000, rx = 1000, mult = 3;
	bool bfd = v->peer && ecrc_tf_bool(v->peer, "enable_bfd") == 1;
	if (!bfd) {
		ecrc_buf_puts(o, "/>\n");
	} else {
		ecrc_tf_u32(v->r, "min_tx_interval", &tx);
		ecrc_tf_u32(v->r, "min_rx_interval", &rx);
		ecrc_tf_u32(v->r, "detect_multiplier", &mult);
		ecrc_buf_printf(o,
		                ">\n          <bfd min-tx=\"%u\" min-rx=\"%u\" multiplier=\"%u\"/>\n        "
		                "</bgp-peer>\n",
		                tx, rx, mult);
	}
	ecrc_buf_puts(o, "      </vbr>\n");
}

/* The VPC resource (alicloud_vpc) with this id, for its CIDR. */
static const char *vpc_cidr(const struct ecrc_tf_state *st, const char *vpc_id)
{
	for (size_t i = 0; vpc_id && i < st->n; i++) {
		const struct ecrc_tf_resource *r = &st->resources[i];
		const char *id = ecrc_tf_str(r, "id");
		if (is(r, "alicloud_vpc") && id && strcmp(id, vpc_id) == 0)
			return ecrc_tf_str(r, "cidr_block");
	}
	return NULL;
}

/* The id an association's target gets: the value of `attr`, else the
 * association's Terraform name after "<ecr>_". */
static void target_id(const struct ecrc_tf_resource *a, const struct ecrc_tf_resource *ecr, const char *attr,
                      char out[ID_MAX + 1])
{
	const char *v = ecrc_tf_str(a, attr);
	const char *fb = a->name;
	if (ecr && strncmp(a->name, ecr->name, strlen(ecr->name)) == 0 && a->name[strlen(ecr->name)] == '_')
		fb = a->name + strlen(ecr->name) + 1;
	design_id(v, fb, out);
}

static void put_ecr(struct import *I, const struct ecrc_tf_resource *e)
{
	const struct ecrc_tf_state *st = I->st;
	struct ecrc_buf *o = I->out;
	char id[ID_MAX + 1], t[ID_MAX + 1];
	design_id(ecrc_tf_str(e, "ecr_name"), e->name, id);
	uint32_t asn;
	if (ecrc_tf_u32(e, "alibaba_side_asn", &asn))
		ecrc_buf_printf(o, "    <ecr id=\"%s\" asn=\"%u\">\n", id, asn);
	else
		ecrc_buf_printf(o, "    <ecr id=\"%s\">\n", id);
	for (size_t i = 0; i < I->n_vbrs; i++)
		if (I->vbrs[i].ecr == e)
			ecrc_buf_printf(o, "      <associate vbr=\"%s\"/>\n", I->vbrs[i].id);
	for (size_t i = 0; i < st->n; i++) {
		const struct ecrc_tf_resource *a = &st->resources[i];
		if (!(is(a, ECRC_TF_TR_ASSOC) || is(a, ECRC_TF_VPC_ASSOC)) || assoc_ecr(st, a) != e)
			continue;
		bool tr = is(a, ECRC_TF_TR_ASSOC);
		target_id(a, e, tr ? "transit_router_id" : "vpc_id", t);
		if (!tr && !vpc_cidr(st, ecrc_tf_str(a, "vpc_id"))) {
			ecrc_buf_printf(
			    o,
			    "      <!-- ecrc import: %s associates VPC %s, whose CIDR block is not in the "
			    "state (no alicloud_vpc); add <associate vpc=\"%s\"/> and the <vpc> by hand "
			    "-->\n",
			    a->address, t, t);
			continue;
		}
		size_t n = ecrc_tf_list_len(a, "allowed_prefixes");
		ecrc_buf_printf(o, "      <associate %s=\"%s\"%s\n", tr ? "transit-router" : "vpc", t,
		                n && tr ? ">" : "/>");
		if (!n || !tr)
			continue;
		for (size_t k = 0; k < n; k++) {
			struct ecrc_ipnet p;
			const char *s = ecrc_tf_list_str(a, "allowed_prefixes", k);
			char buf[19];
			if (s && ecrc_parse_ipnet(s, &p))
				ecrc_buf_printf(o, "        <allowed-prefix>%s</allowed-prefix>\n",
				                ecrc_fmt_ipnet(p, buf));
		}
		ecrc_buf_puts(o, "      </associate>\n");
	}
	ecrc_buf_puts(o, "    </ecr>\n");
}

static void put_region(struct import *I, const char *region)
{
	const struct ecrc_tf_state *st = I->st;
	struct ecrc_buf *o = I->out;
	char t[ID_MAX + 1], c[ID_MAX + 1];
	ecrc_buf_printf(o, "    <region id=\"%s\">\n", region);
	if (strcmp(region, "region-unknown") == 0)
		ecrc_buf_puts(
		    o, "      <!-- ecrc import: the state names no region for these VBRs (no child instance, "
		       "no region_id); write the region's id -->\n");
	/* physical connections, each once, in order of first use */
	bool any = false;
	for (size_t i = 0; i < I->n_vbrs; i++) {
		const struct vbr *v = &I->vbrs[i];
		if (strcmp(v->region, region) != 0)
			continue;
		bool before = false;
		for (size_t k = 0; k < i && !before; k++)
			before = strcmp(I->vbrs[k].region, region) == 0 && strcmp(I->vbrs[k].pc, v->pc) == 0;
		if (before)
			continue;
		if (!any)
			ecrc_buf_puts(
			    o,
			    "      <!-- ecrc import: access points and devices of the physical connections "
			    "are not in the state -->\n");
		any = true;
		ecrc_buf_printf(o, "      <physical-connection id=\"%s\"/>\n", v->pc);
	}
	for (size_t i = 0; i < I->n_vbrs; i++)
		if (strcmp(I->vbrs[i].region, region) == 0)
			put_vbr(I, &I->vbrs[i]);
	for (size_t i = 0; i < st->n; i++) {
		const struct ecrc_tf_resource *a = &st->resources[i];
		char r[ID_MAX + 1];
		design_id(ecrc_tf_str(a, "association_region_id"), "region-unknown", r);
		if (strcmp(r, region) != 0)
			continue;
		const struct ecrc_tf_resource *e = assoc_ecr(st, a);
		if (is(a, ECRC_TF_TR_ASSOC)) {
			target_id(a, e, "transit_router_id", t);
			ecrc_buf_puts(
			    o, "      <!-- ecrc import: the transit router's edition, attachments and route "
			       "policies are not in the ECR's state -->\n");
			const char *cen = ecrc_tf_str(a, "cen_id");
			if (cen) {
				design_id(cen, "cen", c);
				ecrc_buf_printf(o, "      <transit-router id=\"%s\" cen=\"%s\"/>\n", t, c);
			} else {
				ecrc_buf_printf(o, "      <transit-router id=\"%s\"/>\n", t);
			}
		} else if (is(a, ECRC_TF_VPC_ASSOC)) {
			const char *cidr = vpc_cidr(st, ecrc_tf_str(a, "vpc_id"));
			struct ecrc_ipnet p;
			char buf[19];
			if (!cidr || !ecrc_parse_ipnet(cidr, &p))
				continue;
			target_id(a, e, "vpc_id", t);
			ecrc_buf_printf(o, "      <vpc id=\"%s\" cidr=\"%s\"/>\n", t, ecrc_fmt_ipnet(p, buf));
		}
	}
	ecrc_buf_puts(o, "    </region>\n");
}

size_t ecrc_tf_import_vbrs(const struct ecrc_tf_state *st, struct ecrc_tf_vbr **out)
{
	struct import I = {.st = st};
	collect_vbrs(&I);
	*out = ecrc_xcalloc(I.n_vbrs ? I.n_vbrs : 1, sizeof **out);
	for (size_t i = 0; i < I.n_vbrs; i++) {
		const struct vbr *v = &I.vbrs[i];
		struct ecrc_tf_vbr *o = &(*out)[i];
		memcpy(o->id, v->id, sizeof o->id);
		memcpy(o->connection, v->pc, sizeof o->connection);
		ecrc_tf_u32(v->r, "vlan_id", &o->vlan);
		const char *s = ecrc_tf_str(v->r, "local_gateway_ip");
		uint32_t mask;
		o->local.len = 30;
		if (s)
			ecrc_parse_ipv4(s, &o->local.addr);
		if ((s = ecrc_tf_str(v->r, "peering_subnet_mask")) && ecrc_parse_ipv4(s, &mask)) {
			uint8_t l = 0;
			while (l < 32 && (mask & (0x80000000u >> l)))
				l++;
			o->local.len = l;
		}
		if ((s = ecrc_tf_str(v->r, "peer_gateway_ip")))
			ecrc_parse_ipv4(s, &o->peer);
		o->mtu = 1500;
		ecrc_tf_u32(v->r, "mtu", &o->mtu);
		o->asn = 45104;
		if (!(v->ecr && ecrc_tf_u32(v->ecr, "alibaba_side_asn", &o->asn)) &&
		    !(ecrc_tf_u32(v->group, "local_asn", &o->asn) && o->asn))
			o->asn = 45104;
	}
	free(I.vbrs);
	free(I.regions);
	return I.n_vbrs;
}

int ecrc_tf_import_cloud(const struct ecrc_tf_state *st, struct ecrc_buf *out, char *err, size_t n)
{
	struct import I = {.st = st, .out = out};
	collect_vbrs(&I);
	if (!I.n_vbrs) {
		free(I.vbrs);
		free(I.regions);
		snprintf(err, n,
		         "%s: no %s in the state: nothing to import (is it the output of terraform show "
		         "-json of the "
		         "workspace that manages the interconnect?)",
		         st->path, ECRC_TF_VBR);
		return -1;
	}
	/* regions of the associations too */
	for (size_t i = 0; i < st->n; i++) {
		const struct ecrc_tf_resource *a = &st->resources[i];
		if (is(a, ECRC_TF_TR_ASSOC) ||
		    (is(a, ECRC_TF_VPC_ASSOC) && vpc_cidr(st, ecrc_tf_str(a, "vpc_id")))) {
			char r[ID_MAX + 1];
			design_id(ecrc_tf_str(a, "association_region_id"), "region-unknown", r);
			add_region(&I, r);
		}
	}
	ecrc_buf_printf(out, "  <cloud provider=\"alibaba\">\n");
	/* the path inside a comment: no "--", nothing that is not printable ASCII */
	ecrc_buf_puts(out, "    <!-- ecrc import: the cloud side from ");
	for (const char *p = st->path; *p; p++)
		ecrc_buf_putc(out,
		              (*p == '-' && (p[1] == '-' || !p[1])) || *p < 0x20 || *p > 0x7e ? '_' : *p);
	ecrc_buf_printf(out, " (%s) -->\n", st->plan ? "a plan's planned values" : "Terraform state");
	for (size_t i = 0; i < st->n; i++)
		if (is(&st->resources[i], ECRC_TF_ECR))
			put_ecr(&I, &st->resources[i]);
	for (size_t i = 0; i < I.n_regions; i++)
		put_region(&I, I.regions[i].id);
	ecrc_buf_puts(out, "  </cloud>\n");
	free(I.vbrs);
	free(I.regions);
	return 0;
}
