/*
 * comware.c: the H3C Comware backend (first compiling version; rendering and the
 * reader are being completed in the following commits).
 */
#include <stdio.h>

#include "vendors/vendor.h"

static int comware_render(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	ecrc_buf_printf(out, "# ecrc: CPE %s (backend incomplete)\n", cpe->id);
	return 0;
}

static int comware_read(const char *text, size_t len, struct ecrc_arena *arena, struct ecrc_ir_cpe **out, char *err,
		   size_t errlen)
{
	(void)text;
	(void)len;
	(void)arena;
	*out = NULL;
	snprintf(err, errlen, "line 1: the H3C Comware reader is not written yet");
	return -1;
}

const struct ecrc_vendor ecrc_vendor_h3c_comware = {
	.name = "h3c-comware",
	.display = "H3C Comware",
	.ext = ".comware",
	.comment = "#",
	.iface_pattern = "(GigabitEthernet|Ten-GigabitEthernet|FortyGigE|HundredGigE|Twenty-FiveGigE|Bridge-Aggregation|Route-Aggregation)\\d+(/\\d+)*",
	.iface_example = "GigabitEthernet1/0/1",
	.render = comware_render,
	.read = comware_read,
};
