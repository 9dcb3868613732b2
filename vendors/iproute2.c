/*
 * iproute2.c: the VLAN device block of the Linux backends. Neither zebra
 * nor BIRD creates 802.1Q devices, so FRR and BIRD configs carry the
 * iproute2 commands that do, as comments for the operator (and the lab) to
 * run before the daemons start; the readers take the parent, VLAN, MTU
 * (and for BIRD the address and description) back from them.
 * iproute2 syntax: ip-link(8) "type vlan id", "mtu", "alias"; ip-address(8).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendors/reader.h"

const char *ecrc_vendor_linux_ifname(const struct ecrc_ir_iface *f, char *buf, size_t n)
{
	if (f->vlan == 0) /* an untagged circuit: the port itself */
		snprintf(buf, n, "%s", f->parent);
	else
		snprintf(buf, n, "%s.%u", f->parent, f->vlan);
	return buf;
}

void ecrc_vendor_put_links(const struct ecrc_vendor *v, const struct ecrc_ir_cpe *cpe, const char *intro,
                           bool addresses, struct ecrc_buf *out)
{
	const char *c = v->comment;
	char name[96], p[19];
	if (!cpe->n_ifaces)
		return;
	ecrc_buf_printf(out, "%s\n%s %s\n", c, c, intro);
	bool *port_mtu_set = ecrc_xcalloc(cpe->n_ports ? cpe->n_ports : 1, sizeof *port_mtu_set);
	for (size_t i = 0; i < cpe->n_ifaces; i++) {
		const struct ecrc_ir_iface *f = &cpe->ifaces[i];
		const struct ecrc_ir_port *port = &cpe->ports[f->port];
		ecrc_vendor_linux_ifname(f, name, sizeof name);
		/* the parent must carry the largest MTU before its VLAN devices can:
		 * set once, before its first one */
		if (f->vlan && port->mtu > 1500 && !port_mtu_set[f->port])
			ecrc_buf_printf(out, "%s   ip link set dev %s mtu %u\n", c, f->parent, port->mtu);
		if (f->vlan) {
			port_mtu_set[f->port] = true;
			ecrc_buf_printf(out, "%s   ip link add link %s name %s type vlan id %u\n", c,
			                f->parent, name, f->vlan);
		}
		ecrc_buf_printf(out, "%s   ip link set dev %s mtu %u up\n", c, name, f->mtu);
		if (!addresses)
			continue;
		ecrc_buf_printf(out, "%s   ip address add %s dev %s\n", c, ecrc_fmt_ipnet(f->address, p),
		                name);
		if (f->description)
			ecrc_buf_printf(out, "%s   ip link set dev %s alias \"%s\"\n", c, name,
			                f->description);
	}
	free(port_mtu_set);
}

static struct ecrc_vendor_link *link_get(struct ecrc_arena *a, struct ecrc_vendor_link **v, size_t *n,
                                         size_t *cap, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].name, name) == 0)
			return &(*v)[i];
	*v = ecrc_rd_grow(a, *v, cap, *n, sizeof **v);
	struct ecrc_vendor_link *k = &(*v)[(*n)++];
	memset(k, 0, sizeof *k);
	k->name = ecrc_arena_strdup(a, name);
	k->mtu = 1500;
	return k;
}

int ecrc_vendor_read_links(const struct ecrc_vendor *v, const char *text, size_t len, struct ecrc_arena *a,
                           struct ecrc_vendor_link **links, size_t *n, char *err, size_t errlen)
{
	struct ecrc_rd rd;
	struct ecrc_rd_line *lines;
	size_t nl, cap = 0;
	ecrc_rd_init(&rd, a, err, errlen);
	ecrc_rd_split(text, len, "", a, &lines, &nl);
	*links = NULL;
	*n = 0;
	for (size_t i = 0; i < nl; i++) {
		const struct ecrc_rd_line *l = &lines[i];
		if (l->n < 5 || strcmp(l->w[0], v->comment) != 0 || strcmp(l->w[1], "ip") != 0)
			continue;
		const char *const *w = (const char *const *)l->w + 2;
		size_t nw = l->n - 2;
		if (nw == 10 && strcmp(w[0], "link") == 0 && strcmp(w[1], "add") == 0 &&
		    strcmp(w[2], "link") == 0 && strcmp(w[4], "name") == 0 && strcmp(w[6], "type") == 0 &&
		    strcmp(w[7], "vlan") == 0 && strcmp(w[8], "id") == 0) {
			struct ecrc_vendor_link *k = link_get(a, links, n, &cap, w[5]);
			if (k->parent)
				return ecrc_rd_fail(&rd, l->no, "VLAN device %s is created twice", w[5]);
			if (!ecrc_rd_u32(w[9], 1, 4094, &k->vlan))
				return ecrc_rd_fail(&rd, l->no, "bad VLAN id %s", w[9]);
			k->parent = w[3];
			if (!k->line)
				k->line = l->no;
		} else if (nw == 7 && strcmp(w[0], "link") == 0 && strcmp(w[1], "set") == 0 &&
		           strcmp(w[2], "dev") == 0 && strcmp(w[4], "mtu") == 0 && strcmp(w[6], "up") == 0) {
			struct ecrc_vendor_link *k = link_get(a, links, n, &cap, w[3]);
			if (!ecrc_rd_u32(w[5], 68, 65535, &k->mtu))
				return ecrc_rd_fail(&rd, l->no, "bad MTU %s", w[5]);
			if (!k->line)
				k->line = l->no;
			k->up = true;
		} else if (nw == 5 && strcmp(w[0], "address") == 0 && strcmp(w[1], "add") == 0 &&
		           strcmp(w[3], "dev") == 0) {
			struct ecrc_vendor_link *k = link_get(a, links, n, &cap, w[4]);
			if (!ecrc_parse_ipnet(w[2], &k->address))
				return ecrc_rd_fail(&rd, l->no, "bad address %s", w[2]);
			k->has_address = true;
		} else if (nw >= 6 && strcmp(w[0], "link") == 0 && strcmp(w[1], "set") == 0 &&
		           strcmp(w[2], "dev") == 0 && strcmp(w[4], "alias") == 0) {
			const char *s = ecrc_rd_rest(l, 7);
			size_t sl = strlen(s);
			if (sl < 2 || s[0] != '"' || s[sl - 1] != '"')
				return ecrc_rd_fail(&rd, l->no, "the alias must be quoted");
			link_get(a, links, n, &cap, w[3])->alias = ecrc_arena_strndup(a, s + 1, sl - 2);
		}
	}
	/* A device brought up but not created is a port used untagged (VLAN 0);
	 * the rest only set a parent's MTU. */
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		struct ecrc_vendor_link *e = &(*links)[i];
		if (!e->parent && e->up) {
			e->parent = e->name;
			e->vlan = 0;
		}
		if (e->parent)
			(*links)[k++] = *e;
	}
	*n = k;
	return 0;
}
