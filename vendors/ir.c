/*
 * ir.c: the IR's derived level, computed once from its flat lists: the
 * ports (each parent of one or more interfaces, with the largest MTU of
 * its interfaces and whether it carries 802.1Q sub-interfaces) and the
 * link from each interface to the BGP neighbor that runs over it. The
 * lowering (emit/lower.c) and every reader call it when their IR is
 * complete, so that no backend rebuilds them.
 */
#include <string.h>

#include "vendors/vendor.h"

void ecrc_ir_link(struct ecrc_ir_cpe *cpe, struct ecrc_arena *arena)
{
	cpe->n_ports = 0;
	cpe->ports = ecrc_arena_alloc(arena, (cpe->n_ifaces ? cpe->n_ifaces : 1) * sizeof *cpe->ports);
	for (size_t i = 0; i < cpe->n_ifaces; i++) {
		struct ecrc_ir_iface *f = &cpe->ifaces[i];
		size_t k;
		for (k = 0; k < cpe->n_ports; k++)
			if (strcmp(cpe->ports[k].name, f->parent) == 0)
				break;
		if (k == cpe->n_ports)
			cpe->ports[cpe->n_ports++] =
			    (struct ecrc_ir_port){.name = f->parent, .first_iface = i};
		struct ecrc_ir_port *p = &cpe->ports[k];
		if (f->mtu > p->mtu)
			p->mtu = f->mtu;
		if (f->vlan)
			p->tagged = true;
		f->port = k;
		f->neighbor = ECRC_IR_NONE;
	}
	/* the first neighbor over an interface (the design pairs one per uplink) */
	for (size_t k = cpe->n_neighbors; k-- > 0;)
		if (cpe->neighbors[k].iface < cpe->n_ifaces)
			cpe->ifaces[cpe->neighbors[k].iface].neighbor = k;
}
