/*
 * eos.c: the Arista EOS backend (first compiling version; rendering and the
 * reader are being completed in the following commits).
 */
#include <stdio.h>

#include "vendors/vendor.h"

static int eos_render(const struct ecrc_ir_cpe *cpe, struct ecrc_buf *out)
{
	ecrc_buf_printf(out, "! ecrc: CPE %s (backend incomplete)\n", cpe->id);
	return 0;
}

static int eos_read(const char *text, size_t len, struct ecrc_arena *arena, struct ecrc_ir_cpe **out, char *err,
		   size_t errlen)
{
	(void)text;
	(void)len;
	(void)arena;
	*out = NULL;
	snprintf(err, errlen, "line 1: the Arista EOS reader is not written yet");
	return -1;
}

const struct ecrc_vendor ecrc_vendor_arista_eos = {
	.name = "arista-eos",
	.display = "Arista EOS",
	.ext = ".eos",
	.comment = "!",
	.iface_pattern = "(Ethernet\\d+(/\\d+)*|Port-Channel\\d+)",
	.iface_example = "Ethernet1",
	.render = eos_render,
	.read = eos_read,
};
