/*
 * import_configs.c: a design from the running configurations alone
 * (`ecrc import` without --terraform-state; import.c pairs the configs
 * with a Terraform state's VBRs instead). The data center side comes
 * from the CPEs' running configurations: each eBGP neighbor reached over a sub-interface (VLAN) is an uplink,
 * with its address, VLAN, MTU, timers, BFD, MD5, maximum-prefix, what its outbound policy advertises
 * (prepend, MED, origin) and what its inbound policy accepts. The cloud side is what those imply: a VBR
 * facing each uplink (its VLAN, addresses, the CPE's AS, the same BFD), one ECR with the neighbors' AS
 * associated with every VBR and a transit router, and a VPC per accepted prefix. What a config cannot tell
 * (the region, access points, devices, ids where the config does not carry ecrc's names, the intent) is
 * written as an XML comment starting "ecrc import:".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "vendors/reader.h"

/* One imported uplink. */
struct iup {
	const struct ecrc_running *run;
	const char *cpe_id;
	struct ecrc_run_uplink u;
	const char *id, *conn, *vbr;
	bool ids_guessed;
	struct ecrc_ir_neighbor nb; /* what the engine would see (ecrc_running_to_ir) */
	struct ecrc_ir_iface f;
};

static void xml_attr(struct ecrc_buf *b, const char *name, const char *v)
{
	ecrc_buf_printf(b, " %s=\"", name);
	for (const char *c = v; *c; c++) {
		switch (*c) {
		case '&':
			ecrc_buf_puts(b, "&amp;");
			break;
		case '<':
			ecrc_buf_puts(b, "&lt;");
			break;
		case '>':
			ecrc_buf_puts(b, "&gt;");
			break;
		case '"':
			ecrc_buf_puts(b, "&quot;");
			break;
		default:
			if ((unsigned char)*c >= 0x20 && (unsigned char)*c < 0x7f)
				ecrc_buf_putc(b, *c);
		}
	}
	ecrc_buf_putc(b, '"');
}

/* An id as the design format allows it: [A-Za-z][A-Za-z0-9._-]{0,63}. */
static bool id_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 64 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", s[i]))
			return false;
	return true;
}

/* The ids ecrc's own emitted configs carry: the interface description
 * "to VBR on CONNECTION" (or "on CONNECTION"), the policy "ECRC-IN-UPLINK". */
static void recover_ids(struct iup *x, struct ecrc_arena *a)
{
	const char *d = x->u.iface->description;
	char v[80], c[80];
	if (d && sscanf(d, "to %79s on %79s", v, c) == 2 && id_ok(v) && id_ok(c)) {
		x->vbr = ecrc_arena_strdup(a, v);
		x->conn = ecrc_arena_strdup(a, c);
	} else if (d && sscanf(d, "on %79s", c) == 1 && id_ok(c))
		x->conn = ecrc_arena_strdup(a, c);
	const char *p = x->u.nb->import_policy;
	if (p && strncmp(p, "ECRC-IN-", 8) == 0 && id_ok(p + 8))
		x->id = ecrc_arena_strdup(a, p + 8);
}

static bool is_uplink(const struct ecrc_running *r, const struct ecrc_run_neighbor *nb,
                      const struct ecrc_run_iface **f)
{
	*f = NULL;
	uint32_t local = nb->has_local_as ? nb->local_as : r->asn;
	if (!nb->has_remote_as || nb->remote_as == local)
		return false; /* iBGP toward the data center */
	for (size_t i = 0; i < r->n_ifaces; i++) {
		const struct ecrc_run_iface *x = &r->ifaces[i];
		if (!x->has_address || (x->address.len > 30 && !x->address_len_unknown))
			continue;
		/* BIRD: the subnet is not in the config; a /30 is assumed */
		struct ecrc_ipnet net = x->address;
		if (x->address_len_unknown)
			net.len = 30;
		if (ecrc_ipnet_contains(ecrc_ipnet_network(net), (struct ecrc_ipnet){nb->address, 32}) &&
		    x->address.addr != nb->address) {
			*f = x;
			return true;
		}
	}
	return false;
}

static void put_bfd(struct ecrc_buf *b, const char *indent, const struct ecrc_ir_neighbor *nb)
{
	if (nb->bfd)
		ecrc_buf_printf(b, "%s<bfd min-tx=\"%u\" min-rx=\"%u\" multiplier=\"%u\"/>\n", indent,
		                nb->bfd_min_tx_ms, nb->bfd_min_rx_ms, nb->bfd_multiplier);
}

static bool exact_or_orlonger(const struct ecrc_ir_prefix_entry *e)
{
	return (e->ge == 0 && e->le == 0) || (e->ge == e->prefix.len && e->le == 32);
}

/* The permit entries of a policy's permit terms, in order. */
static size_t permit_entries(const struct ecrc_running *r, const struct ecrc_run_policy *p,
                             struct ecrc_arena *a, const struct ecrc_ir_prefix_entry **out)
{
	size_t cap = 1, n = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct ecrc_run_entry *v;
		bool all;
		cap += ecrc_running_term_entries(r, &p->t[i], &v, &all);
	}
	struct ecrc_ir_prefix_entry *e = ecrc_arena_alloc(a, cap * sizeof *e);
	for (size_t i = 0; i < p->n; i++) {
		const struct ecrc_run_entry *v;
		bool all;
		size_t m = ecrc_running_term_entries(r, &p->t[i], &v, &all);
		for (size_t k = 0; k < m && !p->t[i].deny; k++)
			if (!v[k].deny)
				e[n++] = v[k].e;
	}
	*out = e;
	return n;
}

int ecrc_import_design(const struct ecrc_import_source *src, size_t n, const char *name, struct ecrc_buf *out,
                       char *err, size_t errlen)
{
	struct ecrc_arena *a = ecrc_arena_new();
	struct iup *ups = NULL;
	size_t n_ups = 0, cap = 0;
	char p1[19], p2[19], a1[16];

	for (size_t s = 0; s < n; s++) {
		const struct ecrc_running *r = src[s].run;
		size_t k = 0;
		for (size_t i = 0; i < r->n_neighbors; i++) {
			const struct ecrc_run_iface *f;
			if (!is_uplink(r, &r->neighbors[i], &f))
				continue;
			ups = ecrc_rd_grow(a, ups, &cap, n_ups, sizeof *ups);
			struct iup *x = &ups[n_ups++];
			memset(x, 0, sizeof *x);
			x->run = r;
			x->cpe_id = src[s].cpe_id;
			x->u.iface = f;
			x->u.nb = &r->neighbors[i];
			x->u.in = ecrc_running_find_policy(r, x->u.nb->import_policy);
			x->u.out = ecrc_running_find_policy(r, x->u.nb->export_policy);
			struct ecrc_ir_cpe *ir = ecrc_running_to_ir(r, &x->u, 1, a);
			x->nb = ir->neighbors[0];
			x->f = ir->ifaces[0];
			if (f->address_len_unknown)
				x->f.address.len = 30;
			k++;
			recover_ids(x, a);
			if (!x->id) {
				x->id = ecrc_arena_printf(a, "%s-up%zu", src[s].cpe_id, k);
				x->ids_guessed = true;
			}
			if (!x->conn) {
				x->conn = ecrc_arena_printf(a, "pc-%s", x->id);
				x->ids_guessed = true;
			}
			if (!x->vbr) {
				x->vbr = ecrc_arena_printf(a, "vbr-%s", x->id);
				x->ids_guessed = true;
			}
		}
		if (!k) {
			snprintf(err, errlen,
			         "%s: no uplink found: no eBGP neighbor inside the subnet of a sub-interface",
			         src[s].path);
			ecrc_arena_free(a);
			return -1;
		}
	}

	/* the data center's prefixes: what the uplinks advertise */
	struct ecrc_ipnet *dcp = ecrc_arena_alloc(a, 64 * sizeof *dcp);
	size_t n_dcp = 0;
	struct ecrc_ipnet *vpcs = ecrc_arena_alloc(a, 64 * sizeof *vpcs);
	size_t n_vpcs = 0;
	uint32_t ecr_asn = 0;
	bool one_asn = true;
	for (size_t i = 0; i < n_ups; i++) {
		const struct ecrc_ir_neighbor *nb = &ups[i].nb;
		if (!ecr_asn)
			ecr_asn = nb->remote_as;
		one_asn &= nb->remote_as == ecr_asn;
		for (size_t t = 0; t < nb->n_export_terms; t++)
			for (size_t e = 0; e < nb->export_terms[t].match.n_entries; e++) {
				struct ecrc_ipnet p = nb->export_terms[t].match.entries[e].prefix;
				bool seen = false;
				for (size_t k = 0; k < n_dcp; k++)
					seen |= ecrc_ipnet_equal(dcp[k], p);
				if (!seen && n_dcp < 64 && ecrc_running_originated(ups[i].run, p, NULL))
					dcp[n_dcp++] = p;
			}
		/* the VPC blocks: the ranges the inbound policy permits, before
		 * any deny takes part of them away (the <accept> list then says
		 * what it really accepts) */
		const struct ecrc_ir_prefix_entry *pv = nb->import_list.entries;
		size_t pn = nb->import_list.n_entries;
		if (ups[i].u.in && !ecrc_running_policy_is_union(ups[i].run, ups[i].u.in))
			pn = permit_entries(ups[i].run, ups[i].u.in, a, &pv);
		for (size_t e = 0; e < pn; e++) {
			const struct ecrc_ir_prefix_entry *x = &pv[e];
			bool seen = false;
			for (size_t k = 0; k < n_vpcs; k++)
				seen |= ecrc_ipnet_equal(vpcs[k], x->prefix);
			if (!seen && n_vpcs < 64 && exact_or_orlonger(x) && x->prefix.len >= 8)
				vpcs[n_vpcs++] = x->prefix;
		}
	}
	/* active-standby when the uplinks advertise with different prepends */
	size_t min_prepend = SIZE_MAX, max_prepend = 0;
	for (size_t i = 0; i < n_ups; i++)
		for (size_t t = 0; t < ups[i].nb.n_export_terms; t++) {
			size_t np = ups[i].nb.export_terms[t].n_prepend;
			min_prepend = np < min_prepend ? np : min_prepend;
			max_prepend = np > max_prepend ? np : max_prepend;
		}
	bool standby = n_ups > 1 && min_prepend != SIZE_MAX && max_prepend > min_prepend;

	struct ecrc_buf *b = out;
	ecrc_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<design");
	xml_attr(b, "name", name);
	ecrc_buf_puts(b, " version=\"1\">\n");
	ecrc_buf_puts(b, "  <description>Imported by ecrc import from the running configurations of");
	for (size_t s = 0; s < n; s++)
		ecrc_buf_printf(b, " %s", src[s].cpe_id);
	ecrc_buf_puts(b, ".</description>\n\n");
	ecrc_buf_puts(b, "  <!-- ecrc import: the data center's id and prefixes are guesses: the prefixes "
	                 "are what the uplinks advertise -->\n");
	ecrc_buf_printf(b, "  <datacenter id=\"dc-1\" redundancy=\"%s\">\n",
	                standby ? "active-standby" : "active-active");
	if (standby)
		ecrc_buf_puts(b, "    <!-- ecrc import: active-standby because the uplinks prepend "
		                 "differently; the longer prepend is the standby -->\n");
	for (size_t k = 0; k < n_dcp; k++)
		ecrc_buf_printf(b, "    <prefix>%s</prefix>\n", ecrc_fmt_ipnet(dcp[k], p1));
	for (size_t s = 0; s < n; s++) {
		const struct ecrc_running *r = src[s].run;
		ecrc_buf_printf(b, "\n    <cpe");
		xml_attr(b, "id", src[s].cpe_id);
		xml_attr(b, "vendor", r->vendor->name);
		if (r->hostname && id_ok(r->hostname))
			xml_attr(b, "hostname", r->hostname);
		ecrc_buf_printf(b, " asn=\"%u\"", r->asn);
		if (r->has_router_id)
			ecrc_buf_printf(b, " router-id=\"%s\"", ecrc_fmt_ipv4(r->router_id, a1));
		ecrc_buf_puts(b, ">\n");
		for (size_t i = 0; i < n_ups; i++) {
			const struct iup *x = &ups[i];
			if (x->run != r)
				continue;
			const struct ecrc_ir_neighbor *nb = &x->nb;
			if (x->u.iface->address_len_unknown)
				ecrc_buf_puts(b, "      <!-- ecrc import: the config does not carry the "
				                 "peering subnet's length: /30 assumed -->\n");
			if (x->u.iface->vlan_unknown)
				ecrc_buf_puts(b, "      <!-- ecrc import: the config names no device for "
				                 "this neighbor: port and VLAN unknown -->\n");
			if (x->ids_guessed)
				ecrc_buf_printf(b,
				                "      <!-- ecrc import: uplink, connection and VBR ids made "
				                "up (%s carries no ecrc names) -->\n",
				                x->u.iface->name);
			ecrc_buf_puts(b, "      <uplink");
			xml_attr(b, "id", x->id);
			xml_attr(b, "connection", x->conn);
			xml_attr(b, "interface", x->f.parent);
			ecrc_buf_printf(b, " vlan=\"%u\" address=\"%s\"", x->f.vlan,
			                ecrc_fmt_ipnet(x->f.address, p1));
			if (x->f.mtu != 1500)
				ecrc_buf_printf(b, " mtu=\"%u\"", x->f.mtu);
			if (standby) {
				size_t np = nb->n_export_terms ? nb->export_terms[0].n_prepend : 0;
				ecrc_buf_printf(b, " role=\"%s\"", np > min_prepend ? "standby" : "primary");
			}
			ecrc_buf_puts(b, ">\n");
			ecrc_buf_printf(b, "        <bgp neighbor=\"%s\" remote-asn=\"%u\"",
			                ecrc_fmt_ipv4(nb->address, a1), nb->remote_as);
			if (nb->keepalive_s != 30 || nb->hold_s != 90)
				ecrc_buf_printf(b, " keepalive=\"%u\" hold=\"%u\"", nb->keepalive_s,
				                nb->hold_s);
			if (nb->max_prefixes && nb->max_prefixes != 1000)
				ecrc_buf_printf(b, " max-prefixes=\"%u\"", nb->max_prefixes);
			if (nb->md5_key)
				ecrc_buf_printf(b, " auth-key-env=\"ECRC_MD5_KEY\"");
			ecrc_buf_puts(b, ">\n");
			if (nb->md5_key)
				ecrc_buf_puts(b,
				              "          <!-- ecrc import: MD5 is on; the key is not in the "
				              "design: export it as ECRC_MD5_KEY before ecrc emit -->\n");
			if (!nb->max_prefixes)
				ecrc_buf_puts(b, "          <!-- ecrc import: the config sets no "
				                 "maximum-prefix; the design's default 1000 applies -->\n");
			put_bfd(b, "          ", nb);
			for (size_t t = 0; t < nb->n_export_terms; t++) {
				const struct ecrc_ir_export_term *et = &nb->export_terms[t];
				bool own = true;
				for (size_t k = 0; k < et->n_prepend; k++)
					own &= et->prepend[k] == r->asn;
				for (size_t e = 0; e < et->match.n_entries; e++) {
					struct ecrc_ipnet pfx = et->match.entries[e].prefix;
					if (!ecrc_running_originated(r, pfx, NULL)) {
						ecrc_buf_printf(
						    b,
						    "          <!-- ecrc import: the outbound policy also "
						    "permits %s, which this CPE does not originate -->\n",
						    ecrc_fmt_ipnet(pfx, p1));
						continue;
					}
					ecrc_buf_printf(b, "          <advertise prefix=\"%s\"",
					                ecrc_fmt_ipnet(pfx, p1));
					if (et->n_prepend && own)
						ecrc_buf_printf(b, " as-path-prepend=\"%zu\"", et->n_prepend);
					else if (et->n_prepend) {
						ecrc_buf_puts(b, " origin-as-path=\"");
						for (size_t k = 0; k < et->n_prepend; k++)
							ecrc_buf_printf(b, "%s%u", k ? " " : "",
							                et->prepend[k]);
						ecrc_buf_puts(b, "\"");
					}
					if (et->has_med)
						ecrc_buf_printf(b, " med=\"%u\"", et->med);
					if (et->origin == ECRC_IR_ORIGIN_INCOMPLETE)
						ecrc_buf_puts(b, " origin=\"incomplete\"");
					ecrc_buf_puts(b, "/>\n");
				}
			}
			bool ranges = ups[i].u.in && !ecrc_running_policy_is_union(ups[i].run, ups[i].u.in);
			if (ranges)
				ecrc_buf_printf(
				    b,
				    "          <!-- ecrc import: the routes inbound policy %s accepts, its "
				    "deny entries and terms applied, as %zu range%s -->\n",
				    ups[i].u.in->name, nb->import_list.n_entries,
				    nb->import_list.n_entries == 1 ? "" : "s");
			for (size_t e = 0; e < nb->import_list.n_entries; e++)
				ranges |= !exact_or_orlonger(&nb->import_list.entries[e]) ||
				          nb->import_list.entries[e].prefix.len < 8;
			if (ranges)
				for (size_t e = 0; e < nb->import_list.n_entries; e++) {
					const struct ecrc_ir_prefix_entry *x2 = &nb->import_list.entries[e];
					ecrc_buf_printf(b, "          <accept prefix=\"%s\"",
					                ecrc_fmt_ipnet(x2->prefix, p1));
					if (x2->ge || x2->le)
						ecrc_buf_printf(b, " ge=\"%u\" le=\"%u\"", x2->ge, x2->le);
					ecrc_buf_puts(b, "/>\n");
				}
			ecrc_buf_puts(b, "        </bgp>\n      </uplink>\n");
		}
		ecrc_buf_puts(b, "    </cpe>\n");
	}
	ecrc_buf_puts(b, "  </datacenter>\n\n  <cloud provider=\"alibaba\">\n");
	if (!one_asn)
		ecrc_buf_puts(b, "    <!-- ecrc import: the uplinks' neighbors have different ASNs; the ECR "
		                 "takes the first -->\n");
	ecrc_buf_puts(
	    b, "    <!-- ecrc import: the cloud side is what the configs imply: one ECR with the neighbors' "
	       "AS, a VBR per uplink, a transit router and a VPC per accepted prefix -->\n");
	ecrc_buf_printf(b, "    <ecr id=\"ecr-1\" asn=\"%u\">\n", ecr_asn);
	for (size_t i = 0; i < n_ups; i++) {
		ecrc_buf_puts(b, "      <associate");
		xml_attr(b, "vbr", ups[i].vbr);
		ecrc_buf_puts(b, "/>\n");
	}
	if (n_vpcs)
		ecrc_buf_puts(b, "      <associate transit-router=\"tr-1\"/>\n");
	ecrc_buf_puts(b, "    </ecr>\n\n");
	ecrc_buf_puts(b, "    <!-- ecrc import: the region is a guess: no config names it -->\n");
	ecrc_buf_puts(b, "    <region id=\"cn-hangzhou\">\n");
	ecrc_buf_puts(b, "      <!-- ecrc import: access points and devices are unknown; add access-point= "
	                 "and device= to check redundancy -->\n");
	for (size_t i = 0; i < n_ups; i++) {
		bool seen = false;
		for (size_t k = 0; k < i; k++)
			seen |= strcmp(ups[k].conn, ups[i].conn) == 0;
		if (seen)
			continue;
		ecrc_buf_puts(b, "      <physical-connection");
		xml_attr(b, "id", ups[i].conn);
		ecrc_buf_puts(b, "/>\n");
	}
	for (size_t i = 0; i < n_ups; i++) {
		const struct iup *x = &ups[i];
		struct ecrc_ipnet local = {x->nb.address, x->f.address.len};
		ecrc_buf_puts(b, "      <vbr");
		xml_attr(b, "id", x->vbr);
		xml_attr(b, "connection", x->conn);
		ecrc_buf_printf(b, " vlan=\"%u\" local-address=\"%s\" peer-address=\"%s\"", x->f.vlan,
		                ecrc_fmt_ipnet(local, p1), ecrc_fmt_ipv4(x->f.address.addr, a1));
		if (x->f.mtu != 1500)
			ecrc_buf_printf(b, " mtu=\"%u\"", x->f.mtu);
		ecrc_buf_puts(b, ">\n");
		ecrc_buf_puts(
		    b, "        <!-- ecrc import: the VBR's BGP and BFD settings mirror the CPE's -->\n");
		ecrc_buf_printf(b, "        <bgp-peer peer-asn=\"%u\"",
		                x->u.nb->has_local_as ? x->u.nb->local_as : x->run->asn);
		if (x->nb.keepalive_s != 30 || x->nb.hold_s != 90)
			ecrc_buf_printf(b, " keepalive=\"%u\" hold=\"%u\"", x->nb.keepalive_s, x->nb.hold_s);
		if (x->nb.md5_key)
			ecrc_buf_puts(b, " auth=\"md5\"");
		ecrc_buf_puts(b, ">\n");
		put_bfd(b, "          ", &x->nb);
		ecrc_buf_puts(b, "        </bgp-peer>\n      </vbr>\n");
	}
	if (n_vpcs) {
		ecrc_buf_puts(b,
		              "\n      <transit-router id=\"tr-1\" edition=\"enterprise\" cen=\"cen-1\">\n");
		for (size_t k = 0; k < n_vpcs; k++)
			ecrc_buf_printf(b, "        <attach vpc=\"vpc-%zu\" route-sync=\"false\"/>\n", k + 1);
		ecrc_buf_puts(b, "      </transit-router>\n");
		for (size_t k = 0; k < n_vpcs; k++) {
			ecrc_buf_printf(b, "\n      <vpc id=\"vpc-%zu\" cidr=\"%s\">\n", k + 1,
			                ecrc_fmt_ipnet(vpcs[k], p1));
			for (size_t j = 0; j < n_dcp; j++)
				ecrc_buf_printf(b, "        <allow-ingress source=\"%s\"/>\n",
				                ecrc_fmt_ipnet(dcp[j], p2));
			ecrc_buf_puts(b, "      </vpc>\n");
		}
	}
	ecrc_buf_puts(b, "    </region>\n  </cloud>\n</design>\n");
	ecrc_arena_free(a);
	return 0;
}
