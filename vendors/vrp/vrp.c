/*
 * vrp.c: the Huawei VRP backend (first compiling version; rendering and the
 * reader are being completed in the following commits).
 */
#include <stdio.h>

#include "vendors/vendor.h"

static int vrp_render(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	ecrc_buf_printf(out, "# ecrc: CPE %s (backend incomplete)\n", cpe->id);
	return 0;
}

static int vrp_read(const char *text, size_t len, struct ecrc_arena *arena, struct ecrc_ir_cpe **out, char *err,
		   size_t errlen)
{
	(void)text;
	(void)len;
	(void)arena;
	*out = NULL;
	snprintf(err, errlen, "line 1: the Huawei VRP reader is not written yet");
	return -1;
}

const struct ecrc_vendor ecrc_vendor_huawei_vrp = {
	.name = "huawei-vrp",
	.display = "Huawei VRP",
	.ext = ".vrp",
	.comment = "#",
	.iface_pattern = "(GigabitEthernet|XGigabitEthernet|25GE|40GE|100GE|Eth-Trunk)\\d+(/\\d+)*",
	.iface_example = "GigabitEthernet0/0/1",
	.render = vrp_render,
	.read = vrp_read,
};
