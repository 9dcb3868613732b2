/*
 * junos.c: the Juniper Junos backend (first compiling version; rendering and the
 * reader are being completed in the following commits).
 */
#include <stdio.h>

#include "vendors/vendor.h"

static int junos_render(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	ecrc_buf_printf(out, "# ecrc: CPE %s (backend incomplete)\n", cpe->id);
	return 0;
}

static int junos_read(const char *text, size_t len, struct ecrc_arena *arena, struct ecrc_ir_cpe **out, char *err,
		   size_t errlen)
{
	(void)text;
	(void)len;
	(void)arena;
	*out = NULL;
	snprintf(err, errlen, "line 1: the Juniper Junos reader is not written yet");
	return -1;
}

const struct ecrc_vendor ecrc_vendor_juniper_junos = {
	.name = "juniper-junos",
	.display = "Juniper Junos",
	.ext = ".junos",
	.comment = "#",
	.iface_pattern = "(ge|xe|et)-\\d+/\\d+/\\d+|ae\\d+",
	.iface_example = "ge-0/0/1",
	.render = junos_render,
	.read = junos_read,
};
