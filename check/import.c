/*
 * import.c: the data-center side of a design from what is deployed
 * (`ecrc import --config=CPE=VENDOR:FILE`): one <cpe> per running
 * configuration, read by the vendor's running-config reader, with an
 * <uplink> per VBR of the cloud side whose peer address is one of the
 * CPE's interface addresses (or whose address is one of its BGP
 * neighbors): the port and VLAN, the address, BGP with its timers, limit
 * and BFD as in effect (the platform's defaults where the config sets
 * none), the prefixes the outbound policy advertises (with prepend, MED and
 * origin) and those the inbound policy accepts. What a config cannot say
 * (the name of the MD5 key's environment variable, the data center's id)
 * is an XML comment starting "ecrc import:".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"

static void put_ipnet(struct ecrc_buf *o, const char *attr, struct ecrc_ipnet p)
{
	char b[19];
	ecrc_buf_printf(o, " %s=\"%s\"", attr, ecrc_fmt_ipnet(p, b));
}

/* A valid design id made of "<a>-<b>" (both ids already). */
static void join_id(const char *a, const char *b, char out[65])
{
	snprintf(out, 65, "%s-%s", a, b);
}

static bool valid_hostname(const char *s)
{
	if (!s || !*s || strlen(s) > 63)
		return false;
	for (const char *p = s; *p; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		          (*p == '-' && p != s);
		if (!ok)
			return false;
	}
	return true;
}

static void add_prefix(struct ecrc_import_dc *dc, struct ecrc_ipnet p)
{
	p = ecrc_ipnet_network(p);
	for (size_t i = 0; i < dc->n_prefixes; i++)
		if (ecrc_ipnet_equal(dc->prefixes[i], p) && dc->prefixes[i].len == p.len)
			return;
	dc->prefixes = ecrc_xrealloc(dc->prefixes, (dc->n_prefixes + 1) * sizeof *dc->prefixes);
	dc->prefixes[dc->n_prefixes++] = p;
}

/* <advertise> per prefix the outbound policy permits exactly. */
static void put_advertises(const struct ecrc_running *run, const struct ecrc_run_policy *pol,
                           struct ecrc_buf *o, struct ecrc_import_dc *dc)
{
	for (size_t i = 0; pol && i < pol->n; i++) {
		const struct ecrc_run_term *t = &pol->t[i];
		if (t->deny || t->match_other)
			continue;
		const struct ecrc_run_entry *v;
		bool all;
		size_t n = ecrc_running_term_entries(run, t, &v, &all);
		if (all)
			ecrc_buf_puts(
			    o, "          <!-- ecrc import: the outbound policy also advertises every route; "
			       "a design advertises listed prefixes only -->\n");
		for (size_t k = 0; k < n; k++) {
			if (v[k].deny)
				continue;
			struct ecrc_ipnet p = v[k].e.prefix;
			if (v[k].e.ge || v[k].e.le) {
				char b[19];
				ecrc_buf_printf(
				    o,
				    "          <!-- ecrc import: the outbound policy permits the range %s "
				    "ge %u le %u; a design advertises exact prefixes -->\n",
				    ecrc_fmt_ipnet(p, b), v[k].e.ge, v[k].e.le);
				continue;
			}
			/* the verdict of the whole policy for this prefix: the first term decides */
			struct ecrc_run_verdict vd;
			ecrc_running_eval(run, pol, p, &vd);
			if (!vd.permit || vd.term != t)
				continue;
			ecrc_buf_puts(o, "          <advertise");
			put_ipnet(o, "prefix", p);
			size_t own = 0;
			while (own < t->n_prepend && t->prepend[own] == run->asn)
				own++;
			if (own)
				ecrc_buf_printf(o, " as-path-prepend=\"%zu\"", own);
			if (own < t->n_prepend) {
				ecrc_buf_puts(o, " origin-as-path=\"");
				for (size_t a = own; a < t->n_prepend; a++)
					ecrc_buf_printf(o, "%s%u", a > own ? " " : "", t->prepend[a]);
				ecrc_buf_putc(o, '"');
			}
			if (t->has_med)
				ecrc_buf_printf(o, " med=\"%u\"", t->med);
			bool by_network = false;
			for (size_t a = 0; a < run->n_networks; a++)
				by_network |= ecrc_ipnet_equal(run->networks[a].prefix, p);
			enum ecrc_ir_origin origin = t->has_origin ? t->origin
			                             : by_network  ? ECRC_IR_ORIGIN_IGP
			                                           : ECRC_IR_ORIGIN_INCOMPLETE;
			if (origin == ECRC_IR_ORIGIN_INCOMPLETE)
				ecrc_buf_puts(o, " origin=\"incomplete\"");
			ecrc_buf_puts(o, "/>\n");
			add_prefix(dc, p);
		}
	}
}

/* <accept> per entry the inbound policy permits; where deny entries or
 * terms take routes away (or the policy accepts by default), per range of
 * the set it really accepts (vendors/running.c). */
static void put_accepts(const struct ecrc_running *run, const struct ecrc_run_policy *pol, struct ecrc_buf *o)
{
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_prefix_entry *rv;
	size_t nr = pol && !ecrc_running_policy_is_union(run, pol)
	                ? ecrc_running_policy_ranges(run, pol, a, &rv)
	                : SIZE_MAX;
	if (nr != SIZE_MAX) {
		ecrc_buf_printf(o,
		                "          <!-- ecrc import: the routes inbound policy %s accepts, its deny "
		                "entries and terms applied, as %zu range%s -->\n",
		                pol->name, nr, nr == 1 ? "" : "s");
		for (size_t k = 0; k < nr; k++) {
			ecrc_buf_puts(o, "          <accept");
			put_ipnet(o, "prefix", rv[k].prefix);
			if (rv[k].ge)
				ecrc_buf_printf(o, " ge=\"%u\"", rv[k].ge);
			if (rv[k].le)
				ecrc_buf_printf(o, " le=\"%u\"", rv[k].le);
			ecrc_buf_puts(o, "/>\n");
		}
		ecrc_arena_free(a);
		return;
	}
	ecrc_arena_free(a);
	for (size_t i = 0; pol && i < pol->n; i++) {
		const struct ecrc_run_term *t = &pol->t[i];
		if (t->deny || t->match_other)
			continue;
		const struct ecrc_run_entry *v;
		bool all;
		size_t n = ecrc_running_term_entries(run, t, &v, &all);
		if (all)
			ecrc_buf_puts(
			    o, "          <!-- ecrc import: the inbound policy accepts every route -->\n");
		for (size_t k = 0; k < n; k++) {
			if (v[k].deny)
				continue;
			ecrc_buf_puts(o, "          <accept");
			put_ipnet(o, "prefix", v[k].e.prefix);
			if (v[k].e.ge)
				ecrc_buf_printf(o, " ge=\"%u\"", v[k].e.ge);
			if (v[k].e.le)
				ecrc_buf_printf(o, " le=\"%u\"", v[k].e.le);
			ecrc_buf_puts(o, "/>\n");
		}
	}
}

static void put_uplink(const char *cpe_id, const struct ecrc_running *run, const struct ecrc_import_vbr *vbr,
                       const struct ecrc_run_iface *ifc, const struct ecrc_run_neighbor *nb,
                       struct ecrc_buf *o, struct ecrc_import_dc *dc)
{
	char id[65], ip[16];
	join_id(cpe_id, vbr->id, id);
	ecrc_buf_printf(o, "      <uplink id=\"%s\" connection=\"%s\" interface=\"%s\" vlan=\"%u\"", id,
	                vbr->connection, ifc->parent ? ifc->parent : ifc->name, ifc->vlan);
	put_ipnet(o, "address", ifc->address);
	if (ifc->mtu && ifc->mtu != 1500)
		ecrc_buf_printf(o, " mtu=\"%u\"", ifc->mtu);
	else if (!ifc->mtu && run->mtu_unknown && vbr->mtu != 1500)
		ecrc_buf_printf(o, " mtu=\"%u\"", vbr->mtu); /* the config cannot say; the VBR's */
	if (!nb) {
		ecrc_buf_puts(o, "/>\n");
		return;
	}
	ecrc_buf_puts(o, ">\n");
	uint32_t keep = nb->has_timers ? nb->keepalive_s : run->default_keepalive_s;
	uint32_t hold = nb->has_timers ? nb->hold_s : run->default_hold_s;
	if (nb->md5)
		ecrc_buf_printf(
		    o,
		    "        <!-- ecrc import: the config has an MD5 key; which environment variable "
		    "holds it is not in the config (%s assumed) -->\n",
		    ECRC_IMPORT_MD5_ENV);
	ecrc_buf_printf(o, "        <bgp neighbor=\"%s\" remote-asn=\"%u\"", ecrc_fmt_ipv4(nb->address, ip),
	                nb->has_remote_as ? nb->remote_as : vbr->asn);
	if (keep != 30 || hold != 90)
		ecrc_buf_printf(o, " keepalive=\"%u\" hold=\"%u\"", keep, hold);
	uint32_t maxp = nb->has_max_prefixes ? nb->max_prefixes : run->default_max_prefixes;
	if (maxp && maxp != 1000)
		ecrc_buf_printf(o, " max-prefixes=\"%u\"", maxp);
	if (nb->md5)
		ecrc_buf_printf(o, " auth-key-env=\"%s\"", ECRC_IMPORT_MD5_ENV);
	ecrc_buf_puts(o, ">\n");
	if (nb->bfd) {
		uint32_t tx = run->default_bfd_tx_ms, rx = run->default_bfd_rx_ms,
		         mult = run->default_bfd_multiplier;
		if (nb->has_bfd_timers) {
			tx = nb->bfd_min_tx_ms;
			rx = nb->bfd_min_rx_ms;
			mult = nb->bfd_multiplier;
		} else if (ifc->has_bfd) {
			tx = ifc->bfd_min_tx_ms;
			rx = ifc->bfd_min_rx_ms;
			mult = ifc->bfd_multiplier;
		}
		if (tx && rx && mult)
			ecrc_buf_printf(o, "          <bfd min-tx=\"%u\" min-rx=\"%u\" multiplier=\"%u\"/>\n",
			                tx, rx, mult);
		else
			ecrc_buf_puts(
			    o,
			    "          <!-- ecrc import: BFD is on for the neighbor, but no timers are set "
			    "and the platform runs none without them -->\n");
	}
	put_advertises(run, ecrc_running_find_policy(run, nb->export_policy), o, dc);
	put_accepts(run, ecrc_running_find_policy(run, nb->import_policy), o);
	ecrc_buf_puts(o, "        </bgp>\n      </uplink>\n");
}

int ecrc_import_cpe(const char *cpe_id, const struct ecrc_running *run, const struct ecrc_import_vbr *vbrs,
                    size_t n_vbrs, struct ecrc_import_dc *dc, char *err, size_t errlen)
{
	struct ecrc_buf body = {0};
	size_t n_up = 0;
	uint32_t first_addr = 0;
	for (size_t i = 0; i < n_vbrs; i++) {
		const struct ecrc_import_vbr *v = &vbrs[i];
		const struct ecrc_run_iface *ifc = NULL;
		const struct ecrc_run_neighbor *nb = NULL;
		for (size_t k = 0; k < run->n_ifaces && !ifc; k++)
			if (run->ifaces[k].has_address && run->ifaces[k].address.addr == v->peer)
				ifc = &run->ifaces[k];
		for (size_t k = 0; k < run->n_neighbors && !nb; k++)
			if (run->neighbors[k].address == v->local.addr)
				nb = &run->neighbors[k];
		if (!ifc)
			continue; /* another CPE's VBR */
		if (!n_up)
			first_addr = ifc->address.addr;
		n_up++;
		put_uplink(cpe_id, run, v, ifc, nb, &body, dc);
	}
	if (!n_up) {
		ecrc_buf_free(&body);
		snprintf(err, errlen,
		         "no interface of %s has the peer address of a VBR in the cloud side: the config is "
		         "not of a "
		         "CPE of this interconnect",
		         cpe_id);
		return -1;
	}
	struct ecrc_buf *o = &dc->cpes;
	char ip[16];
	ecrc_buf_printf(o, "    <cpe id=\"%s\" vendor=\"%s\"", cpe_id, run->vendor->name);
	if (valid_hostname(run->hostname) && strcmp(run->hostname, cpe_id) != 0)
		ecrc_buf_printf(o, " hostname=\"%s\"", run->hostname);
	if (run->has_asn)
		ecrc_buf_printf(o, " asn=\"%u\"", run->asn);
	else
		ecrc_buf_puts(o, " asn=\"0\"");
	if (run->has_router_id && run->router_id != first_addr)
		ecrc_buf_printf(o, " router-id=\"%s\"", ecrc_fmt_ipv4(run->router_id, ip));
	ecrc_buf_puts(o, ">\n");
	if (!run->has_asn)
		ecrc_buf_puts(o, "      <!-- ecrc import: the config has no BGP process; asn=\"0\" is a "
		                 "placeholder -->\n");
	ecrc_buf_putn(o, body.p, body.len);
	ecrc_buf_puts(o, "    </cpe>\n");
	ecrc_buf_free(&body);
	return 0;
}

void ecrc_import_dc_free(struct ecrc_import_dc *dc)
{
	free(dc->prefixes);
	ecrc_buf_free(&dc->cpes);
	memset(dc, 0, sizeof *dc);
}
