/*
 * fuzz_running.c: libFuzzer target for one running-config reader, chosen
 * at build time (ECRC_FUZZ_VENDOR, e.g. "frr"; one executable per vendor:
 * fuzz_running_frr, fuzz_running_junos, ...). Each input is read as that
 * vendor's running configuration; a config that reads is then taken through
 * what check, verify and import do with it: the uplink of every interface
 * and neighbor is found, its policies are evaluated for every prefix the
 * config names, it becomes an IR, and the import writes a design. Besides
 * crashes and leaks it aborts when the reader's contract is broken: a
 * refusal without a "line N:" message, a recorded line past the input's
 * last line, or an element without its name.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "common/prefix_set.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t count_lines(const uint8_t *d, size_t n)
{
	uint32_t l = 1;
	for (size_t i = 0; i < n; i++)
		l += d[i] == '\n';
	return l;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ecrc_vendor *v = ecrc_vendor_find(ECRC_FUZZ_VENDOR);
	if (!v || !v->read_running)
		abort();
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_running run;
	char err[512] = "";
	uint32_t lines = count_lines(data, size);
	if (v->read_running((const char *)data, size, a, &run, err, sizeof err)) {
		unsigned line;
		if (sscanf(err, "line %u:", &line) != 1 || line == 0 || line > lines)
			abort();
		ecrc_arena_free(a);
		return 0;
	}
	for (size_t i = 0; i < run.n_ifaces; i++)
		if (!run.ifaces[i].name || !run.ifaces[i].parent || run.ifaces[i].line > lines ||
		    run.ifaces[i].address_line > lines || run.ifaces[i].vlan_line > lines)
			abort();
	for (size_t i = 0; i < run.n_unknown; i++)
		if (!run.unknown[i].text || run.unknown[i].line > lines)
			abort();
	for (size_t i = 0; i < run.n_neighbors; i++) {
		const struct ecrc_run_neighbor *nb = &run.neighbors[i];
		if (nb->line > lines || nb->remote_as_line > lines || nb->bfd_line > lines ||
		    nb->timers_line > lines)
			abort();
		struct ecrc_run_uplink up;
		struct ecrc_ir_iface want = {.parent = "eth1", .vlan = 1, .address = {nb->address ^ 1u, 30}};
		ecrc_running_uplink(&run, &want, nb->address, &up);
		const struct ecrc_run_policy *pols[2] = {up.in, up.out};
		for (size_t k = 0; k < 2; k++)
			if (pols[k])
				for (size_t s = 0; s < run.n_statics; s++) {
					struct ecrc_run_verdict vd;
					ecrc_running_eval(&run, pols[k], run.statics[s].prefix, &vd);
					if (vd.line > lines)
						abort();
				}
		/* the inbound policy as a set of routes: every range the walk
		 * finds is accepted, at both ends of its lengths */
		if (up.in) {
			struct ecrc_pfx_filter pf;
			struct ecrc_ir_prefix_entry *rv;
			ecrc_running_policy_filter(&run, up.in, a, &pf);
			size_t nr = ecrc_running_policy_ranges(&run, up.in, a, &rv);
			for (size_t k = 0; nr != SIZE_MAX && k < nr; k++) {
				uint8_t lo = rv[k].ge ? rv[k].ge : rv[k].prefix.len;
				uint8_t hi = rv[k].le ? rv[k].le : lo;
				uint32_t who;
				if (lo > hi || hi > 32 ||
				    !ecrc_pfx_accepts(&pf, (struct ecrc_ipnet){rv[k].prefix.addr, lo},
				                      &who) ||
				    !ecrc_pfx_accepts(&pf, (struct ecrc_ipnet){rv[k].prefix.addr, hi},
				                      &who) ||
				    who > lines)
					abort();
			}
		}
		if (up.iface && up.nb) {
			struct ecrc_ir_cpe *ir = ecrc_running_to_ir(&run, &up, 1, a);
			if (ir->n_neighbors > 1)
				abort();
		}
	}
	struct ecrc_import_source src = {"cpe1", "fuzz", &run};
	struct ecrc_buf xml = {0};
	if (run.has_asn)
		(void)ecrc_import_design(&src, 1, "fuzz", &xml, err, sizeof err);
	ecrc_buf_free(&xml);
	ecrc_arena_free(a);
	return 0;
}
