/*
 * test_engine_fixture.h: the engine's input built by hand for its unit
 * tests: the CPE IR and the cloud model of the reference design
 * (fixtures/designs/beijing-idc-ecmp.xml), which a test may change before
 * it builds the engine. Header-only: each test executable includes it.
 */
#ifndef TEST_ENGINE_FIXTURE_H
#define TEST_ENGINE_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

#define FX_MAX 4

struct fx_cpe {
	struct ecrc_ir_cpe ir;
	struct ecrc_ir_iface iface;
	struct ecrc_ir_static anchor;
	struct ecrc_ir_neighbor nbr;
	struct ecrc_ir_export_term term;
	struct ecrc_ir_prefix_entry out_entry;
	struct ecrc_ir_prefix_entry in_entries[2];
	uint32_t prepend[8];
};

struct fx {
	struct fx_cpe cpes[FX_MAX];
	const struct ecrc_ir_cpe *cpe_ptrs[FX_MAX];
	size_t n_cpes;
	struct ecrc_engine_vbr vbrs[FX_MAX];
	struct ecrc_engine_ecr ecr;
	struct ecrc_engine_ecr_tr ecr_tr;
	struct ecrc_engine_tr tr;
	struct ecrc_engine_tr_attach attach;
	struct ecrc_engine_vpc vpc;
	struct ecrc_ipnet vpc_cidr;
	struct ecrc_engine_dc dc;
	struct ecrc_ipnet dc_prefix;
	const char *dc_cpes[FX_MAX];
	struct ecrc_engine_model m;
	struct ecrc_engine_options opt;
};

static inline struct ecrc_ipnet fx_net(const char *s)
{
	struct ecrc_ipnet p;
	if (!ecrc_parse_ipnet(s, &p))
		abort();
	return p;
}

static inline uint32_t fx_ip(const char *s)
{
	uint32_t a;
	if (!ecrc_parse_ipv4(s, &a))
		abort();
	return a;
}

/* One CPE with one uplink, as lowered from the reference design. */
static inline void fx_cpe(struct fx *f, size_t i, const char *id, uint32_t asn, const char *router_id,
                          const char *uplink, const char *connection, const char *vbr, const char *address,
                          const char *neighbor)
{
	struct fx_cpe *c = &f->cpes[i];
	memset(c, 0, sizeof(*c));
	c->iface = (struct ecrc_ir_iface){.parent = "eth1",
	                                  .vlan = 1308 + (uint32_t)i,
	                                  .address = fx_net(address),
	                                  .mtu = 1500,
	                                  .uplink_id = uplink};
	c->anchor = (struct ecrc_ir_static){.prefix = fx_net("192.168.0.0/16")};
	c->out_entry = (struct ecrc_ir_prefix_entry){.prefix = fx_net("192.168.0.0/16")};
	c->term = (struct ecrc_ir_export_term){
	    .match = {.name = "ECRC-OUT", .entries = &c->out_entry, .n_entries = 1},
	    .prepend = c->prepend,
	};
	c->in_entries[0] = (struct ecrc_ir_prefix_entry){.prefix = fx_net("10.0.0.0/16")};
	c->nbr = (struct ecrc_ir_neighbor){
	    .address = fx_ip(neighbor),
	    .remote_as = 64512,
	    .description = vbr,
	    .iface = 0,
	    .keepalive_s = 30,
	    .hold_s = 90,
	    .timers_default = true,
	    .bfd = true,
	    .bfd_min_tx_ms = 300,
	    .bfd_min_rx_ms = 300,
	    .bfd_multiplier = 3,
	    .max_prefixes = 1000,
	    .import_policy = "ECRC-IN",
	    .import_list = {.name = "ECRC-IN", .entries = c->in_entries, .n_entries = 1},
	    .export_policy = "ECRC-OUT",
	    .export_terms = &c->term,
	    .n_export_terms = 1,
	    .uplink_id = uplink,
	    .connection_id = connection,
	    .vbr_id = vbr,
	};
	c->ir = (struct ecrc_ir_cpe){
	    .id = id,
	    .hostname = id,
	    .vendor = "frr",
	    .design_name = "fixture",
	    .asn = asn,
	    .router_id = fx_ip(router_id),
	    .ifaces = &c->iface,
	    .n_ifaces = 1,
	    .statics = &c->anchor,
	    .n_statics = 1,
	    .neighbors = &c->nbr,
	    .n_neighbors = 1,
	    .maximum_paths = 4,
	};
}

static inline void fx_vbr(struct fx *f, size_t i, const char *id, const char *connection, const char *local,
                          const char *peer, uint32_t peer_asn)
{
	f->vbrs[i] = (struct ecrc_engine_vbr){
	    .id = id,
	    .connection_id = connection,
	    .region_id = "cn-beijing",
	    .local_asn = 64512,
	    .local_address = fx_ip(local),
	    .peer_address = fx_ip(peer),
	    .bgp = true,
	    .peer_asn = peer_asn,
	    .keepalive_s = 30,
	    .hold_s = 90,
	    .bfd = {.enabled = true, .min_tx_ms = 300, .min_rx_ms = 300, .multiplier = 3},
	    .route_quota = 110,
	    .ecr_id = "ecr-1",
	};
}

/* Links the arrays into the model; call after any change. */
static inline void fx_link(struct fx *f)
{
	for (size_t i = 0; i < f->n_cpes; i++) {
		f->cpes[i].ir.ifaces = &f->cpes[i].iface;
		f->cpes[i].ir.statics = &f->cpes[i].anchor;
		f->cpes[i].ir.neighbors = &f->cpes[i].nbr;
		f->cpes[i].nbr.export_terms = &f->cpes[i].term;
		f->cpes[i].nbr.import_list.entries = f->cpes[i].in_entries;
		f->cpes[i].term.match.entries = &f->cpes[i].out_entry;
		f->cpes[i].term.prepend = f->cpes[i].prepend;
		f->cpe_ptrs[i] = &f->cpes[i].ir;
		f->dc_cpes[i] = f->cpes[i].ir.id;
	}
	f->ecr_tr.allowed = NULL;
	f->vpc.routes = &f->vpc_cidr;
	f->dc.prefixes = &f->dc_prefix;
	f->dc.cpe_ids = f->dc_cpes;
	f->dc.n_cpes = f->n_cpes;
	f->m = (struct ecrc_engine_model){
	    .cpes = f->cpe_ptrs,
	    .n_cpes = f->n_cpes,
	    .dcs = &f->dc,
	    .n_dcs = 1,
	    .vbrs = f->vbrs,
	    .n_vbrs = f->n_cpes,
	    .ecrs = &f->ecr,
	    .n_ecrs = 1,
	    .ecr_trs = &f->ecr_tr,
	    .n_ecr_trs = 1,
	    .trs = &f->tr,
	    .n_trs = 1,
	    .tr_attaches = &f->attach,
	    .n_tr_attaches = 1,
	    .vpcs = &f->vpc,
	    .n_vpcs = 1,
	};
}

/* The reference design: two CPEs, two circuits, BFD 300/300/3 on both
 * sides, ECR 64512, TR, one VPC. */
static inline void fx_reference(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	f->n_cpes = 2;
	fx_cpe(f, 0, "cpe1", 65003, "10.255.0.1", "cpe1-up", "pc-bj-1", "vbr-1", "10.10.1.5/30", "10.10.1.6");
	fx_cpe(f, 1, "cpe2", 65004, "10.255.0.2", "cpe2-up", "pc-bj-2", "vbr-2", "10.10.2.5/30", "10.10.2.6");
	fx_vbr(f, 0, "vbr-1", "pc-bj-1", "10.10.1.6", "10.10.1.5", 65003);
	fx_vbr(f, 1, "vbr-2", "pc-bj-2", "10.10.2.6", "10.10.2.5", 65004);
	f->ecr = (struct ecrc_engine_ecr){.id = "ecr-1", .asn = 64512};
	f->ecr_tr = (struct ecrc_engine_ecr_tr){.ecr_id = "ecr-1", .tr_id = "tr-bj"};
	f->tr = (struct ecrc_engine_tr){.id = "tr-bj", .region_id = "cn-beijing"};
	f->attach = (struct ecrc_engine_tr_attach){
	    .tr_id = "tr-bj", .kind = ECRC_ENGINE_ATT_VPC, .target_id = "vpc-prod"};
	f->vpc_cidr = fx_net("10.0.0.0/16");
	f->vpc = (struct ecrc_engine_vpc){.id = "vpc-prod", .region_id = "cn-beijing", .n_routes = 1};
	f->dc_prefix = fx_net("192.168.0.0/16");
	f->dc = (struct ecrc_engine_dc){.id = "idc-bj", .n_prefixes = 1};
	ecrc_engine_options_init(&f->opt);
	fx_link(f);
}

static inline struct ecrc_engine *fx_engine(struct fx *f)
{
	char err[256];
	fx_link(f);
	struct ecrc_engine *e = ecrc_engine_new(&f->m, &f->opt, err, sizeof(err));
	if (!e) {
		fprintf(stderr, "fixture: %s\n", err);
		abort();
	}
	return e;
}

/* The next hops of a router's route as "a,b" (or "-" when none). */
static inline const char *fx_hops(struct ecrc_engine *e, const char *router, const char *prefix, char *buf,
                                  size_t n)
{
	struct ecrc_engine_route r;
	if (!ecrc_engine_route(e, router, fx_net(prefix), true, &r) || !r.present) {
		snprintf(buf, n, "-");
		return buf;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < r.n_next_hops; i++) {
		strncat(buf, i ? "," : "", n - strlen(buf) - 1);
		strncat(buf, r.next_hops[i], n - strlen(buf) - 1);
	}
	return buf;
}

#endif
