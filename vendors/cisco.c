/*
 * cisco.c: the pieces of Cisco-style syntax that IOS-XE and FRR share, both
 * ways: prefix lists, the in and out route-maps with their explicit final
 * deny, and the neighbor commands common to both ("remote-as",
 * "description", "password", "timers"; "route-map in|out" and
 * "maximum-prefix" in the address family). FRR closes each route-map
 * block with "exit"; IOS does not.
 */
#include <string.h>

#include "vendors/reader.h"

#define FINAL_SEQ 65535 /* the route-maps' explicit deny: always last */

static void put_plist(const struct ecrc_ir_prefix_list *l, struct ecrc_buf *out)
{
	for (size_t i = 0; i < l->n_entries; i++) {
		char p[19];
		ecrc_buf_printf(out, "ip prefix-list %s seq %zu permit %s", l->name, 5 * (i + 1),
		                ecrc_fmt_ipnet(l->entries[i].prefix, p));
		ecrc_vendor_put_range(&l->entries[i], out);
		ecrc_buf_putc(out, '\n');
	}
}

void ecrc_cisco_put_policies(const struct ecrc_ir_neighbor *nb, const char *block_end, struct ecrc_buf *out)
{
	/* inbound: the accepted list, then the deny. An empty list gets no
	 * permit term: a list that does not exist matches everything. */
	ecrc_buf_puts(out, "!\n");
	put_plist(&nb->import_list, out);
	if (nb->import_list.n_entries) {
		ecrc_buf_printf(out, "route-map %s permit 10\n match ip address prefix-list %s\n",
		                nb->import_policy, nb->import_list.name);
		if (nb->import_local_pref)
			ecrc_buf_printf(out, " set local-preference %u\n", nb->import_local_pref);
		ecrc_buf_puts(out, block_end);
	}
	ecrc_buf_printf(out, "route-map %s deny %u\n%s", nb->import_policy, FINAL_SEQ, block_end);

	/* outbound: one permit term per attribute set, then the deny */
	ecrc_buf_puts(out, "!\n");
	for (size_t t = 0; t < nb->n_export_terms; t++)
		put_plist(&nb->export_terms[t].match, out);
	for (size_t t = 0; t < nb->n_export_terms; t++) {
		const struct ecrc_ir_export_term *term = &nb->export_terms[t];
		ecrc_buf_printf(out, "route-map %s permit %zu\n match ip address prefix-list %s\n",
		                nb->export_policy, 10 * (t + 1), term->match.name);
		if (term->n_prepend) {
			ecrc_buf_puts(out, " set as-path prepend");
			for (size_t i = 0; i < term->n_prepend; i++)
				ecrc_buf_printf(out, " %u", term->prepend[i]);
			ecrc_buf_putc(out, '\n');
		}
		if (term->has_med)
			ecrc_buf_printf(out, " set metric %u\n", term->med);
		if (term->origin == ECRC_IR_ORIGIN_INCOMPLETE)
			ecrc_buf_puts(out, " set origin incomplete\n");
		ecrc_buf_puts(out, block_end);
	}
	ecrc_buf_printf(out, "route-map %s deny %u\n%s", nb->export_policy, FINAL_SEQ, block_end);
}

static bool is_word(const struct ecrc_rd_line *l, size_t i, const char *w)
{
	return i < l->n && strcmp(l->w[i], w) == 0;
}

int ecrc_cisco_read_plist(struct ecrc_rd *rd, const struct ecrc_rd_line *l)
{
	uint32_t seq, ge = 0, le = 0;
	struct ecrc_ipnet p;
	if (l->n < 7 || !is_word(l, 3, "seq") || !ecrc_rd_u32(l->w[4], 1, 4294967294u, &seq))
		return ecrc_rd_fail(rd, l->no, "expected \"ip prefix-list NAME seq N permit PREFIX\"");
	if (!is_word(l, 5, "permit"))
		return ecrc_rd_fail(rd, l->no, "ecrc's prefix lists only permit");
	if (!ecrc_parse_ipnet(l->w[6], &p) || !ecrc_ipnet_equal(p, ecrc_ipnet_network(p)))
		return ecrc_rd_fail(rd, l->no, "bad prefix %s", l->w[6]);
	/* len < ge <= le <= 32, as these platforms insist */
	bool has_ge = false, has_le = false;
	for (size_t i = 7; i < l->n; i += 2) {
		if (i + 1 >= l->n)
			return ecrc_rd_fail(rd, l->no, "%s needs a length", l->w[i]);
		if (is_word(l, i, "ge") && !has_ge && !has_le &&
		    ecrc_rd_u32(l->w[i + 1], p.len + 1u, 32, &ge))
			has_ge = true;
		else if (is_word(l, i, "le") && !has_le &&
		         ecrc_rd_u32(l->w[i + 1], has_ge ? ge : p.len + 1u, 32, &le))
			has_le = true;
		else
			return ecrc_rd_fail(rd, l->no, "bad range \"%s %s\"", l->w[i], l->w[i + 1]);
	}
	uint8_t oge, ole;
	ecrc_vendor_range(p.len, has_ge, ge, has_le, le, &oge, &ole);
	ecrc_rd_plist_add(rd, ecrc_rd_plist_get(rd, l->w[2], l->no), seq, p, oge, ole);
	return 0;
}

int ecrc_cisco_read_rmap_line(struct ecrc_rd *rd, struct ecrc_rd_term *t, const struct ecrc_rd_line *l)
{
	uint32_t v;
	if (l->n == 5 && is_word(l, 0, "match") && is_word(l, 1, "ip") && is_word(l, 2, "address") &&
	    is_word(l, 3, "prefix-list") && !t->match) {
		t->match = l->w[4];
		t->match_line = l->no;
	} else if (l->n >= 4 && is_word(l, 0, "set") && is_word(l, 1, "as-path") &&
	           is_word(l, 2, "prepend")) {
		t->n_prepend = l->n - 3;
		uint32_t *asns = ecrc_arena_alloc(rd->arena, t->n_prepend * sizeof *asns);
		for (size_t i = 0; i < t->n_prepend; i++)
			if (!ecrc_parse_asn(l->w[3 + i], &asns[i]))
				return ecrc_rd_fail(rd, l->no, "bad AS number %s", l->w[3 + i]);
		t->prepend = asns;
		t->sets_something = true;
	} else if (l->n == 3 && is_word(l, 0, "set") && is_word(l, 1, "local-preference")) {
		return ecrc_rd_term_local_pref(rd, l, 2, t);
	} else if (l->n == 3 && is_word(l, 0, "set") && is_word(l, 1, "metric") &&
	           ecrc_rd_u32(l->w[2], 0, 4294967295u, &v)) {
		t->has_med = true;
		t->med = v;
		t->sets_something = true;
	} else if (l->n == 3 && is_word(l, 0, "set") && is_word(l, 1, "origin") &&
	           (is_word(l, 2, "igp") || is_word(l, 2, "incomplete"))) {
		t->has_origin = true;
		t->origin = is_word(l, 2, "igp") ? ECRC_IR_ORIGIN_IGP : ECRC_IR_ORIGIN_INCOMPLETE;
		t->sets_something = true;
	} else {
		return ecrc_rd_fail(rd, l->no, "unsupported route-map command: %s", l->text);
	}
	return 0;
}

int ecrc_cisco_read_neighbor(struct ecrc_rd *rd, const struct ecrc_rd_line *l, bool af,
                             uint32_t max_prefixes_max, struct ecrc_rd_peer **peer)
{
	uint32_t addr;
	if (l->n < 3 || !ecrc_parse_ipv4(l->w[1], &addr))
		return ecrc_rd_fail(rd, l->no, "expected \"neighbor A.B.C.D ...\"");
	struct ecrc_rd_peer *p = ecrc_rd_peer_get(rd, addr, l->no);
	*peer = p;
	if (af) {
		if (l->n == 5 && is_word(l, 2, "route-map") && is_word(l, 4, "in")) {
			p->import_name = l->w[3];
			p->import_line = l->no;
		} else if (l->n == 5 && is_word(l, 2, "route-map") && is_word(l, 4, "out")) {
			p->export_name = l->w[3];
			p->export_line = l->no;
		} else if (l->n >= 4 && l->n <= 7 && is_word(l, 2, "maximum-prefix")) {
			/* maximum-prefix N [WARN] [restart MIN] */
			if (!ecrc_rd_u32(l->w[3], 1, max_prefixes_max, &p->ir.max_prefixes))
				return ecrc_rd_fail(rd, l->no, "bad maximum-prefix %s", l->w[3]);
			size_t i = 4;
			if (i < l->n && !is_word(l, i, "restart") &&
			    !ecrc_rd_u32(l->w[i++], 1, 100, &p->ir.max_prefix_warn_pct))
				return ecrc_rd_fail(rd, l->no, "bad maximum-prefix threshold %s (1..100 %%)",
				                    l->w[i - 1]);
			uint32_t min;
			if (i + 2 == l->n && is_word(l, i, "restart") &&
			    ecrc_rd_u32(l->w[i + 1], 1, 65535, &min)) {
				p->ir.max_prefix_recovers = true;
				p->ir.max_prefix_restart_s = min * 60;
			} else if (i != l->n) {
				return ecrc_rd_fail(
				    rd, l->no, "expected \"maximum-prefix N [THRESHOLD] [restart MINUTES]\"");
			}
		} else {
			return 1;
		}
		return 0;
	}
	if (l->n == 4 && is_word(l, 2, "remote-as")) {
		if (!ecrc_parse_asn(l->w[3], &p->ir.remote_as))
			return ecrc_rd_fail(rd, l->no, "bad AS number %s", l->w[3]);
		p->has_remote_as = true;
	} else if (l->n >= 4 && is_word(l, 2, "description")) {
		p->ir.description = ecrc_rd_rest(l, 3);
	} else if (l->n >= 4 && is_word(l, 2, "password")) {
		const char *key = ecrc_rd_rest(l, 3);
		p->ir.md5_redacted = ecrc_vendor_key_redacted(key);
		if (l->n > 4 && !p->ir.md5_redacted)
			return ecrc_rd_fail(rd, l->no,
			                    "ecrc writes a password as one word without an encryption type");
		p->ir.md5_key = key;
	} else if (l->n == 5 && is_word(l, 2, "timers")) {
		if (!ecrc_rd_u32(l->w[3], 0, 65535, &p->ir.keepalive_s) ||
		    !ecrc_rd_u32(l->w[4], 0, 65535, &p->ir.hold_s))
			return ecrc_rd_fail(rd, l->no, "bad timers");
	} else {
		return 1;
	}
	return 0;
}
