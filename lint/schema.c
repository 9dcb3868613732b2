/*
 * schema.c: the design format v1 as one table: every element, where it may
 * appear, its attributes with their types, defaults and where their values
 * go in the model, and its children. The loader is driven by this table;
 * docs/ecrc-design.xsd says the same for editors and xmllint, and a test
 * holds the two to agreement on every fixture.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lint/lint.h"
#include "vendors/vendor.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define NONE SIZE_MAX
#define SINGLE SIZE_MAX

static const char *const redundancy_enum[] = {"active-active", "active-standby", NULL};
static const char *const role_enum[] = {"none", "primary", "standby", NULL};
/* index = enum ecrc_platform */
const char *const ecrc_platform_names[] = {"none", "mx", "srx", "v8", "v5", NULL};
static const char *const origin_enum[] = {"igp", "incomplete", NULL};
static const char *const routing_enum[] = {"bgp", "static", NULL};
static const char *const edition_enum[] = {"enterprise", "basic", NULL};
static const char *const direction_enum[] = {"region-in", "region-out", NULL};
static const char *const action_enum[] = {"permit", "deny", NULL};
/* index = enum ecrc_attach_kind */
static const char *const attach_kind_enum[] = {"any", "ecr", "vbr", "vpn", "ccn", "vpc", NULL};
static const char *const protocol_enum[] = {"all", "tcp", "udp", "icmp", NULL};

#define A(name, type, req, dflt, st, field)                                                                  \
	{                                                                                                    \
		name, type, req, dflt, offsetof(st, field), NONE, 0, 0, NULL                                 \
	}
#define AU(name, req, dflt, st, field, lo, hi)                                                               \
	{                                                                                                    \
		name, ECRC_VT_U32, req, dflt, offsetof(st, field), NONE, lo, hi, NULL                        \
	}
#define AE(name, req, dflt, st, field, e)                                                                    \
	{                                                                                                    \
		name, ECRC_VT_ENUM, req, dflt, offsetof(st, field), NONE, 0, 0, e                            \
	}

/* ---- attributes, per element ------------------------------------------ */

static const struct ecrc_attr_spec design_attrs[] = {
    A("name", ECRC_VT_NAME, true, NULL, struct ecrc_design, name),
    {"version", ECRC_VT_FIXED, true, ECRC_FORMAT_VERSION, NONE, NONE, 0, 0, NULL},
};
static const struct ecrc_attr_spec datacenter_attrs[] = {
    A("id", ECRC_VT_ID, true, NULL, struct ecrc_datacenter, id),
    AE("redundancy", false, "active-active", struct ecrc_datacenter, redundancy, redundancy_enum),
    AU("max-failover-ms", false, NULL, struct ecrc_datacenter, max_failover_ms, 1, 86400000),
};
static const struct ecrc_attr_spec cpe_attrs[] = {
    A("id", ECRC_VT_ID, true, NULL, struct ecrc_cpe, id),
    A("vendor", ECRC_VT_VENDOR, true, NULL, struct ecrc_cpe, vendor),
    AE("platform", false, NULL, struct ecrc_cpe, platform, ecrc_platform_names),
    A("hostname", ECRC_VT_HOSTNAME, false, NULL, struct ecrc_cpe, hostname),
    A("asn", ECRC_VT_ASN, true, NULL, struct ecrc_cpe, asn),
    A("router-id", ECRC_VT_IPV4, false, NULL, struct ecrc_cpe, router_id),
};
static const struct ecrc_attr_spec uplink_attrs[] = {
    A("id", ECRC_VT_ID, true, NULL, struct ecrc_uplink, id),
    A("connection", ECRC_VT_IDREF, true, NULL, struct ecrc_uplink, connection_id),
    A("interface", ECRC_VT_IFACE, true, NULL, struct ecrc_uplink, interface),
    AU("vlan", true, NULL, struct ecrc_uplink, vlan, 0, 4094),
    A("address", ECRC_VT_IFADDR, true, NULL, struct ecrc_uplink, address),
    AU("mtu", false, "1500", struct ecrc_uplink, mtu, 68, 65535),
    AE("role", false, NULL, struct ecrc_uplink, role, role_enum),
};
static const struct ecrc_attr_spec bgp_attrs[] = {
    A("neighbor", ECRC_VT_IPV4, true, NULL, struct ecrc_bgp, neighbor),
    A("remote-asn", ECRC_VT_ASN, true, NULL, struct ecrc_bgp, remote_asn),
    AU("keepalive", false, "30", struct ecrc_bgp, keepalive_s, 0, 65535),
    AU("hold", false, "90", struct ecrc_bgp, hold_s, 0, 65535),
    AU("max-prefixes", false, "1000", struct ecrc_bgp, max_prefixes, 1, 4294967295u),
    A("auth-key-env", ECRC_VT_ENVNAME, false, NULL, struct ecrc_bgp, auth_key_env),
};
static const struct ecrc_attr_spec bfd_attrs[] = {
    AU("min-tx", false, "1000", struct ecrc_bfd, min_tx_ms, 1, 60000),
    AU("min-rx", false, "1000", struct ecrc_bfd, min_rx_ms, 1, 60000),
    AU("multiplier", false, "3", struct ecrc_bfd, multiplier, 1, 255),
};
static const struct ecrc_attr_spec advertise_attrs[] = {
    A("prefix", ECRC_VT_PREFIX, true, NULL, struct ecrc_advertise, prefix),
    AU("as-path-prepend", false, "0", struct ecrc_advertise, as_path_prepend, 0, 32),
    {"origin-as-path", ECRC_VT_ASNLIST, false, NULL, offsetof(struct ecrc_advertise, origin_as_path),
     offsetof(struct ecrc_advertise, n_origin_as_path), 0, 0, NULL},
    AU("med", false, NULL, struct ecrc_advertise, med, 0, 4294967295u),
    AE("origin", false, "igp", struct ecrc_advertise, origin, origin_enum),
};
static const struct ecrc_attr_spec accept_attrs[] = {
    A("prefix", ECRC_VT_PREFIX, true, NULL, struct ecrc_accept, prefix),
    AU("ge", false, NULL, struct ecrc_accept, ge, 0, 32),
    AU("le", false, NULL, struct ecrc_accept, le, 0, 32),
};
static const struct ecrc_attr_spec cloud_attrs[] = {
    {"provider", ECRC_VT_FIXED, false, "alibaba", NONE, NONE, 0, 0, NULL},
};
static const struct ecrc_attr_spec ecr_attrs[] = {
    A("id", ECRC_VT_ID, true, NULL, struct ecrc_ecr, id),
    A("asn", ECRC_VT_ASN, false, "45104", struct ecrc_ecr, asn),
};
static const struct ecrc_attr_spec associate_attrs[] = {
    A("vbr", ECRC_VT_IDREF, false, NULL, struct ecrc_associate, target_id),
    A("vpc", ECRC_VT_IDREF, false, NULL, struct ecrc_associate, target_id),
    A("transit-router", ECRC_VT_IDREF, false, NULL, struct ecrc_associate, target_id),
};
static const struct ecrc_attr_spec region_attrs[] = {
    A("id", ECRC_VT_ID, true, NULL, struct ecrc_region, id),
};
static const struct ecrc_attr_spec pc_attrs[] = {
    A("id", ECRC_VT_ID, true, NULL, struct ecrc_physical_connection, id),
    A("access-point", ECRC_VT_TOKEN, false, NULL, struct ecrc_physical_connection, access_point),
    A("device", ECRC_VT_TOKEN, false, NULL, struct ecrc_physical_connection, device),
};
static const struct ecrc_attr_spec vbr_attrs[] = {
    A("id", ECRC_VT_ID, true, NULL, struct ecrc_vbr, id),
    A("connection", ECRC_VT_IDREF, true, NULL, struct ecrc_vbr, connection_id),
    AU("vlan", true, NULL, struct ecrc_vbr, vlan, 0, 4094),
    A("local-address", ECRC_VT_IFADDR, true, NULL, struct ecrc_vbr, local_address),
    A("peer-address", ECRC_VT_IPV4, true, NULL, struct ecrc_vbr, peer_address),
    AE("routing", false, "bgp", struct ecrc_vbr, routing, routing_enum),
    AU("mtu", false, "1500", struct ecrc_vbr, mtu, 68, 65535),
    AU("route-quota", false, "110", struct ecrc_vbr, route_quota, 1, 4294967295u),
};
static const struct ecrc_attr_spec bgp_peer_attrs[] = {
    A("peer-asn", ECRC_VT_ASN, true, NULL, struct ecrc_bgp_peer, peer_asn),
    A("local-asn", ECRC_VT_ASN, false, NULL, struct ecrc_bgp_peer, local_asn),
    AU("keepalive", false, "30", struct ecrc_bgp_peer, keepalive_s, 0, 65535),
    AU("hold", false, "90", struct ecrc_bgp_peer, hold_s, 0, 65535),
    A("auth", ECRC_VT_MD5, false, NULL, struct ecrc_bgp_peer, auth_md5),
};
static const struct ecrc_attr_spec tr_attrs[] = {
    A("id", ECRC_VT_ID, true, NULL, struct ecrc_transit_router, id),
    AE("edition", false, "enterprise", struct ecrc_transit_router, edition, edition_enum),
    A("cen", ECRC_VT_NAME, false, NULL, struct ecrc_transit_router, cen),
};
static const struct ecrc_attr_spec attach_attrs[] = {
    A("vpc", ECRC_VT_IDREF, false, NULL, struct ecrc_attach, target_id),
    A("vbr", ECRC_VT_IDREF, false, NULL, struct ecrc_attach, target_id),
    A("vpn", ECRC_VT_IDREF, false, NULL, struct ecrc_attach, target_id),
    A("ccn", ECRC_VT_IDREF, false, NULL, struct ecrc_attach, target_id),
    A("route-sync", ECRC_VT_BOOL, false, "false", struct ecrc_attach, route_sync),
};
static const struct ecrc_attr_spec route_policy_attrs[] = {
    AE("direction", true, NULL, struct ecrc_route_policy, direction, direction_enum),
    AU("priority", true, NULL, struct ecrc_route_policy, priority, 1, 100),
    AE("action", true, NULL, struct ecrc_route_policy, action, action_enum),
    AE("source", false, "any", struct ecrc_route_policy, source, attach_kind_enum),
    AE("destination", false, "any", struct ecrc_route_policy, destination, attach_kind_enum),
};
static const struct ecrc_attr_spec vpc_attrs[] = {
    A("id", ECRC_VT_ID, true, NULL, struct ecrc_vpc, id),
    A("cidr", ECRC_VT_PREFIX, true, NULL, struct ecrc_vpc, cidr),
};
static const struct ecrc_attr_spec vswitch_attrs[] = {
    A("id", ECRC_VT_ID, true, NULL, struct ecrc_vswitch, id),
    A("cidr", ECRC_VT_PREFIX, true, NULL, struct ecrc_vswitch, cidr),
    A("zone", ECRC_VT_TOKEN, true, NULL, struct ecrc_vswitch, zone),
};
static const struct ecrc_attr_spec allow_ingress_attrs[] = {
    A("source", ECRC_VT_PREFIX, true, NULL, struct ecrc_allow_ingress, source),
    AE("protocol", false, "all", struct ecrc_allow_ingress, protocol, protocol_enum),
    A("ports", ECRC_VT_PORTS, false, NULL, struct ecrc_allow_ingress, ports),
};
static const struct ecrc_attr_spec simple_attrs[] = {
    A("id", ECRC_VT_ID, true, NULL, struct ecrc_simple, id),
};
static const struct ecrc_attr_spec disable_attrs[] = {
    A("rule", ECRC_VT_RULEID, true, NULL, struct ecrc_disable, rule),
    A("reason", ECRC_VT_TEXT, false, NULL, struct ecrc_disable, reason),
};

/* ---- children, per element ----------------------------------------------- */

#define C(kind, st, head, count, min)                                                                        \
	{                                                                                                    \
		kind, offsetof(st, head), offsetof(st, count), min                                           \
	}
#define C1(kind, st, head, min)                                                                              \
	{                                                                                                    \
		kind, offsetof(st, head), SINGLE, min                                                        \
	}

static const struct ecrc_child_spec design_children[] = {
    {ECRC_K_DESCRIPTION, NONE, SINGLE, 0}, /* text, stored by the loader */
    C(ECRC_K_DATACENTER, struct ecrc_design, dcs, n_dcs, 1),
    C1(ECRC_K_CLOUD, struct ecrc_design, cloud, 1),
    {ECRC_K_LINT, NONE, SINGLE, 0}, /* its <disable>s go to the design */
};
static const struct ecrc_child_spec datacenter_children[] = {
    C(ECRC_K_PREFIX, struct ecrc_datacenter, prefixes, n_prefixes, 1),
    C(ECRC_K_CPE, struct ecrc_datacenter, cpes, n_cpes, 1),
};
static const struct ecrc_child_spec cpe_children[] = {
    C(ECRC_K_UPLINK, struct ecrc_cpe, uplinks, n_uplinks, 1),
};
static const struct ecrc_child_spec uplink_children[] = {
    C1(ECRC_K_BGP, struct ecrc_uplink, bgp, 0),
};
static const struct ecrc_child_spec bgp_children[] = {
    C1(ECRC_K_BFD, struct ecrc_bgp, bfd, 0),
    C(ECRC_K_ADVERTISE, struct ecrc_bgp, advertises, n_advertises, 0),
    C(ECRC_K_ACCEPT, struct ecrc_bgp, accepts, n_accepts, 0),
};
static const struct ecrc_child_spec cloud_children[] = {
    C(ECRC_K_ECR, struct ecrc_cloud, ecrs, n_ecrs, 0),
    C(ECRC_K_REGION, struct ecrc_cloud, regions, n_regions, 1),
};
static const struct ecrc_child_spec ecr_children[] = {
    C(ECRC_K_ASSOCIATE, struct ecrc_ecr, associates, n_associates, 0),
};
static const struct ecrc_child_spec associate_children[] = {
    C(ECRC_K_ALLOWED_PREFIX, struct ecrc_associate, allowed, n_allowed, 0),
};
static const struct ecrc_child_spec region_children[] = {
    C(ECRC_K_PHYSICAL_CONNECTION, struct ecrc_region, connections, n_connections, 0),
    C(ECRC_K_VBR, struct ecrc_region, vbrs, n_vbrs, 0),
    C(ECRC_K_TRANSIT_ROUTER, struct ecrc_region, trs, n_trs, 0),
    C(ECRC_K_VPC, struct ecrc_region, vpcs, n_vpcs, 0),
    C(ECRC_K_VPN, struct ecrc_region, vpns, n_vpns, 0),
    C(ECRC_K_CCN, struct ecrc_region, ccns, n_ccns, 0),
};
static const struct ecrc_child_spec vbr_children[] = {
    C1(ECRC_K_BGP_PEER, struct ecrc_vbr, bgp_peer, 0),
};
static const struct ecrc_child_spec bgp_peer_children[] = {
    C1(ECRC_K_BFD, struct ecrc_bgp_peer, bfd, 0),
};
static const struct ecrc_child_spec tr_children[] = {
    C(ECRC_K_ATTACH, struct ecrc_transit_router, attaches, n_attaches, 0),
    C(ECRC_K_ROUTE_POLICY, struct ecrc_transit_router, policies, n_policies, 0),
};
static const struct ecrc_child_spec vpc_children[] = {
    C(ECRC_K_CIDR, struct ecrc_vpc, cidrs, n_cidrs, 0),
    C(ECRC_K_VSWITCH, struct ecrc_vpc, vswitches, n_vswitches, 0),
    C(ECRC_K_ALLOW_INGRESS, struct ecrc_vpc, ingress, n_ingress, 0),
};
static const struct ecrc_child_spec lint_children[] = {
    C(ECRC_K_DISABLE, struct ecrc_design, disables, n_disables, 0),
};

#define E(kind, name, st, next, attrs, children, text)                                                       \
	[kind] = {name, kind, sizeof(st), next, attrs, N(attrs), children, N(children), text}
#define E0(kind, name, st, next, attrs, text)                                                                \
	[kind] = {name, kind, sizeof(st), next, attrs, N(attrs), NULL, 0, text}
#define NEXT(st) offsetof(st, next)

static const struct ecrc_attr_spec no_attrs[1];

const struct ecrc_elem_spec ecrc_elem_specs[ECRC_K__COUNT] = {
    E(ECRC_K_DESIGN, "design", struct ecrc_design, NONE, design_attrs, design_children, false),
    [ECRC_K_DESCRIPTION] = {"description", ECRC_K_DESCRIPTION, sizeof(struct ecrc_node), NONE, no_attrs, 0,
                            NULL, 0, true},
    E(ECRC_K_DATACENTER, "datacenter", struct ecrc_datacenter, NEXT(struct ecrc_datacenter), datacenter_attrs,
      datacenter_children, false),
    [ECRC_K_PREFIX] = {"prefix", ECRC_K_PREFIX, sizeof(struct ecrc_prefix_node),
                       NEXT(struct ecrc_prefix_node), no_attrs, 0, NULL, 0, true},
    E(ECRC_K_CPE, "cpe", struct ecrc_cpe, NEXT(struct ecrc_cpe), cpe_attrs, cpe_children, false),
    E(ECRC_K_UPLINK, "uplink", struct ecrc_uplink, NEXT(struct ecrc_uplink), uplink_attrs, uplink_children,
      false),
    E(ECRC_K_BGP, "bgp", struct ecrc_bgp, NONE, bgp_attrs, bgp_children, false),
    E0(ECRC_K_BFD, "bfd", struct ecrc_bfd, NONE, bfd_attrs, false),
    E0(ECRC_K_ADVERTISE, "advertise", struct ecrc_advertise, NEXT(struct ecrc_advertise), advertise_attrs,
       false),
    E0(ECRC_K_ACCEPT, "accept", struct ecrc_accept, NEXT(struct ecrc_accept), accept_attrs, false),
    E(ECRC_K_CLOUD, "cloud", struct ecrc_cloud, NONE, cloud_attrs, cloud_children, false),
    E(ECRC_K_ECR, "ecr", struct ecrc_ecr, NEXT(struct ecrc_ecr), ecr_attrs, ecr_children, false),
    E(ECRC_K_ASSOCIATE, "associate", struct ecrc_associate, NEXT(struct ecrc_associate), associate_attrs,
      associate_children, false),
    [ECRC_K_ALLOWED_PREFIX] = {"allowed-prefix", ECRC_K_ALLOWED_PREFIX, sizeof(struct ecrc_prefix_node),
                               NEXT(struct ecrc_prefix_node), no_attrs, 0, NULL, 0, true},
    E(ECRC_K_REGION, "region", struct ecrc_region, NEXT(struct ecrc_region), region_attrs, region_children,
      false),
    E0(ECRC_K_PHYSICAL_CONNECTION, "physical-connection", struct ecrc_physical_connection,
       NEXT(struct ecrc_physical_connection), pc_attrs, false),
    E(ECRC_K_VBR, "vbr", struct ecrc_vbr, NEXT(struct ecrc_vbr), vbr_attrs, vbr_children, false),
    E(ECRC_K_BGP_PEER, "bgp-peer", struct ecrc_bgp_peer, NONE, bgp_peer_attrs, bgp_peer_children, false),
    E(ECRC_K_TRANSIT_ROUTER, "transit-router", struct ecrc_transit_router, NEXT(struct ecrc_transit_router),
      tr_attrs, tr_children, false),
    E0(ECRC_K_ATTACH, "attach", struct ecrc_attach, NEXT(struct ecrc_attach), attach_attrs, false),
    E0(ECRC_K_ROUTE_POLICY, "route-policy", struct ecrc_route_policy, NEXT(struct ecrc_route_policy),
       route_policy_attrs, false),
    E(ECRC_K_VPC, "vpc", struct ecrc_vpc, NEXT(struct ecrc_vpc), vpc_attrs, vpc_children, false),
    [ECRC_K_CIDR] = {"cidr", ECRC_K_CIDR, sizeof(struct ecrc_prefix_node), NEXT(struct ecrc_prefix_node),
                     no_attrs, 0, NULL, 0, true},
    E0(ECRC_K_VSWITCH, "vswitch", struct ecrc_vswitch, NEXT(struct ecrc_vswitch), vswitch_attrs, false),
    E0(ECRC_K_ALLOW_INGRESS, "allow-ingress", struct ecrc_allow_ingress, NEXT(struct ecrc_allow_ingress),
       allow_ingress_attrs, false),
    E0(ECRC_K_VPN, "vpn", struct ecrc_simple, NEXT(struct ecrc_simple), simple_attrs, false),
    E0(ECRC_K_CCN, "ccn", struct ecrc_simple, NEXT(struct ecrc_simple), simple_attrs, false),
    E(ECRC_K_LINT, "lint", struct ecrc_node, NONE, no_attrs, lint_children, false),
    E0(ECRC_K_DISABLE, "disable", struct ecrc_disable, NEXT(struct ecrc_disable), disable_attrs, false),
};

const struct ecrc_elem_spec *ecrc_elem_spec(enum ecrc_kind k)
{
	return &ecrc_elem_specs[k];
}

const struct ecrc_child_spec *ecrc_child_spec(enum ecrc_kind parent, enum ecrc_kind child)
{
	const struct ecrc_elem_spec *e = &ecrc_elem_specs[parent];
	for (size_t i = 0; i < e->n_children; i++)
		if (e->children[i].kind == child)
			return &e->children[i];
	return NULL;
}

int ecrc_attr_index(enum ecrc_kind k, const char *name)
{
	const struct ecrc_elem_spec *e = &ecrc_elem_specs[k];
	for (size_t i = 0; i < e->n_attrs; i++)
		if (strcmp(e->attrs[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *ecrc_kind_name(enum ecrc_kind k)
{
	return k < ECRC_K__COUNT ? ecrc_elem_specs[k].name : "?";
}

const char *ecrc_attach_kind_name(enum ecrc_attach_kind k)
{
	return attach_kind_enum[k];
}

/* ---- value syntax ----------------------------------------------------- */

static bool is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A word: the first character a letter (or a digit when first_digit, or
 * one of first_extra), the rest letters, digits or one of extra; at most
 * max characters. */
static bool match_word(const char *v, bool first_digit, const char *first_extra, const char *extra,
                       size_t max)
{
	size_t n = strlen(v);
	if (n == 0 || n > max)
		return false;
	if (!(is_alpha(v[0]) || (first_digit && is_digit(v[0])) || strchr(first_extra, v[0])))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!is_alpha(v[i]) && !is_digit(v[i]) && !strchr(extra, v[i]))
			return false;
	return true;
}

static bool check_ports(const char *v)
{
	if (strcmp(v, "-1/-1") == 0)
		return true;
	const char *slash = strchr(v, '/');
	if (!slash || slash == v || strlen(slash + 1) == 0 || slash - v > 5)
		return false;
	char lo[6];
	memcpy(lo, v, (size_t)(slash - v));
	lo[slash - v] = '\0';
	uint32_t a, b;
	return ecrc_parse_u32(lo, 1, 65535, &a) && ecrc_parse_u32(slash + 1, 1, 65535, &b) && a <= b;
}

bool ecrc_value_check(const struct ecrc_attr_spec *a, const char *v, const char **expected)
{
	uint32_t u;
	struct ecrc_ipnet p;
	switch (a->type) {
	case ECRC_VT_ID:
	case ECRC_VT_IDREF:
	case ECRC_VT_NAME:
		*expected = "an id: a letter, then up to 63 letters, digits, '.', '_' or '-'";
		return match_word(v, false, "", "._-", 64);
	case ECRC_VT_ASN:
		*expected = "an AS number: 0..4294967295, or asdot X.Y";
		return ecrc_parse_asn(v, &u);
	case ECRC_VT_IPV4:
		*expected = "an IPv4 address in dotted-quad form without leading zeros, like 10.10.1.5";
		return ecrc_parse_ipv4(v, &u);
	case ECRC_VT_PREFIX:
		*expected = "an IPv4 prefix like 192.168.0.0/16";
		return ecrc_parse_ipnet(v, &p);
	case ECRC_VT_IFADDR:
		*expected = "an interface address with its subnet length, like 10.10.1.5/30";
		return ecrc_parse_ipnet(v, &p);
	case ECRC_VT_U32:
		*expected = NULL; /* the caller says the range */
		return ecrc_parse_u32(v, a->min, a->max, &u);
	case ECRC_VT_BOOL:
		*expected = "'true' or 'false'";
		return strcmp(v, "true") == 0 || strcmp(v, "false") == 0;
	case ECRC_VT_ENUM:
		*expected = NULL; /* the caller lists the values */
		for (size_t i = 0; a->enums[i]; i++)
			if (strcmp(a->enums[i], v) == 0 && strcmp(v, "none") != 0)
				return true;
		return false;
	case ECRC_VT_HOSTNAME:
		*expected = "a hostname: a letter or digit, then up to 62 letters, digits or '-'";
		return match_word(v, true, "", "-", 63);
	case ECRC_VT_IFACE:
		*expected =
		    "an interface name: a letter or digit, then up to 63 letters, digits, '/', '.', '_', ':' "
		    "or '-'";
		return match_word(v, true, "", "/._:-", 64);
	case ECRC_VT_ENVNAME:
		*expected = "an environment variable name: [A-Za-z_][A-Za-z0-9_]*, at most 64 characters";
		return match_word(v, false, "_", "_", 64);
	case ECRC_VT_TOKEN:
		*expected = "a letter or digit, then up to 127 letters, digits, '.', '_', ':', '/' or '-'";
		return match_word(v, true, "", "._:/-", 128);
	case ECRC_VT_TEXT:
		*expected = "one line of printable text without ; { } \" # or !";
		return strlen(v) <= 512 && ecrc_config_safe(v);
	case ECRC_VT_ASNLIST: {
		*expected = "AS numbers separated by spaces";
		const char *s = v;
		char tok[16];
		while (*s) {
			while (*s == ' ')
				s++;
			if (!*s)
				break;
			size_t n = strcspn(s, " ");
			if (n >= sizeof tok)
				return false;
			memcpy(tok, s, n);
			tok[n] = '\0';
			if (!ecrc_parse_asn(tok, &u))
				return false;
			s += n;
		}
		return true;
	}
	case ECRC_VT_VENDOR:
		*expected = NULL; /* the caller lists the registry */
		return ecrc_vendor_find(v) != NULL;
	case ECRC_VT_RULEID:
		*expected = "a rule id like ecmp-as-path-length";
		if (!*v || strlen(v) > 64)
			return false;
		for (const char *c = v; *c; c++)
			if (!((*c >= 'a' && *c <= 'z') || is_digit(*c) || *c == '-'))
				return false;
		return true;
	case ECRC_VT_PORTS:
		*expected = "a port range START/END (1..65535), or -1/-1 for all";
		return check_ports(v);
	case ECRC_VT_MD5:
		*expected = "'md5'";
		return strcmp(v, "md5") == 0;
	case ECRC_VT_FIXED:
		*expected = a->dflt;
		return strcmp(v, a->dflt) == 0;
	}
	*expected = "?";
	return false;
}
