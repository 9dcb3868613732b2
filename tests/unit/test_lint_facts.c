/*
 * test_lint_facts.c: the derived facts of lint/facts.c: BFD detection times
 * (RFC 5880 6.8.4) and BGP hold-time negotiation, the routes (AS_PATHs)
 * each VBR receives, ECMP groups per data center, and VPC reachability;
 * and a 2,000-data-center design built and linted in one pass.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "lint/lint.h"

/* ---- a design text built from parts ---------------------------------- */

/* One data center with two uplinks, both VBRs on ecr-1 (the reference
 * design, with the pieces the tests vary left as format arguments); a
 * macro, so that the compiler checks the format against its arguments. */
#define REFERENCE                                                                                            \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                       \
	"<design name=\"t\" version=\"1\">\n"                                                                \
	"  <datacenter id=\"idc-bj\" max-failover-ms=\"1000\">\n"                                            \
	"    <prefix>192.168.0.0/16</prefix>\n"                                                              \
	"    <prefix>172.20.0.0/16</prefix>\n"                                                               \
	"    <cpe id=\"cpe1\" vendor=\"huawei-vrp\" asn=\"65003\">\n"                                        \
	"      <uplink id=\"cpe1-up\" connection=\"pc-bj-1\" interface=\"GigabitEthernet0/0/1\" "            \
	"vlan=\"1308\" address=\"10.10.1.5/30\">\n"                                                          \
	"        <bgp neighbor=\"10.10.1.6\" remote-asn=\"64512\" %s>%s</bgp>\n"                             \
	"      </uplink>\n"                                                                                  \
	"    </cpe>\n"                                                                                       \
	"    <cpe id=\"cpe2\" vendor=\"cisco-iosxe\" asn=\"65004\">\n"                                       \
	"      <uplink id=\"cpe2-up\" connection=\"pc-bj-2\" interface=\"GigabitEthernet0/0/1\" "            \
	"vlan=\"1309\" address=\"10.10.2.5/30\">\n"                                                          \
	"        <bgp neighbor=\"10.10.2.6\" remote-asn=\"64512\">%s</bgp>\n"                                \
	"      </uplink>\n"                                                                                  \
	"    </cpe>\n"                                                                                       \
	"  </datacenter>\n"                                                                                  \
	"  <cloud provider=\"alibaba\">\n"                                                                   \
	"    <ecr id=\"ecr-1\" asn=\"64512\">\n"                                                             \
	"      <associate vbr=\"vbr-1\"/>\n"                                                                 \
	"      %s\n"                                                                                         \
	"      <associate transit-router=\"tr-bj\"/>\n"                                                      \
	"      <associate vpc=\"vpc-direct\"/>\n"                                                            \
	"    </ecr>\n"                                                                                       \
	"    %s\n"                                                                                           \
	"    <region id=\"cn-beijing\">\n"                                                                   \
	"      <physical-connection id=\"pc-bj-1\"/>\n"                                                      \
	"      <physical-connection id=\"pc-bj-2\"/>\n"                                                      \
	"      <vbr id=\"vbr-1\" connection=\"pc-bj-1\" vlan=\"1308\" local-address=\"10.10.1.6/30\" "       \
	"peer-address=\"10.10.1.5\">\n"                                                                      \
	"        <bgp-peer peer-asn=\"65003\" %s>%s</bgp-peer>\n"                                            \
	"      </vbr>\n"                                                                                     \
	"      <vbr id=\"vbr-2\" connection=\"pc-bj-2\" vlan=\"1309\" local-address=\"10.10.2.6/30\" "       \
	"peer-address=\"10.10.2.5\">\n"                                                                      \
	"        <bgp-peer peer-asn=\"65004\">%s</bgp-peer>\n"                                               \
	"      </vbr>\n"                                                                                     \
	"      <transit-router id=\"tr-bj\">\n"                                                              \
	"        <attach vpc=\"vpc-prod\"/>\n"                                                               \
	"        <attach vpc=\"vpc-direct\"/>\n"                                                             \
	"      </transit-router>\n"                                                                          \
	"      <vpc id=\"vpc-prod\" cidr=\"10.0.0.0/16\"/>\n"                                                \
	"      <vpc id=\"vpc-direct\" cidr=\"10.1.0.0/16\"/>\n"                                              \
	"      <vpc id=\"vpc-alone\" cidr=\"10.2.0.0/16\"/>\n"                                               \
	"    </region>\n"                                                                                    \
	"  </cloud>\n"                                                                                       \
	"</design>\n"

struct parts {
	const char *bgp1_attrs, *bgp1_body, *bgp2_body;
	const char *assoc2, *ecr2;
	const char *peer1_attrs, *peer1_body, *peer2_body;
};

struct loaded {
	struct ecrc_diags diags;
	struct ecrc_design *d;
	const struct ecrc_facts *f;
};

static void load(struct loaded *l, const struct parts *p)
{
	struct ecrc_buf b = {0};
	bool fatal = false;

	ecrc_buf_printf(&b, REFERENCE, p->bgp1_attrs ? p->bgp1_attrs : "", p->bgp1_body ? p->bgp1_body : "",
	                p->bgp2_body ? p->bgp2_body : "",
	                p->assoc2 ? p->assoc2 : "<associate vbr=\"vbr-2\"/>", p->ecr2 ? p->ecr2 : "",
	                p->peer1_attrs ? p->peer1_attrs : "", p->peer1_body ? p->peer1_body : "",
	                p->peer2_body ? p->peer2_body : "");
	ecrc_diags_init(&l->diags);
	l->d = ecrc_load_memory("t.xml", b.p, b.len, &l->diags, &fatal);
	ecrc_buf_free(&b);
	assert_non_null(l->d);
	assert_false(fatal);
	for (size_t i = 0; i < l->diags.n; i++)
		fprintf(stderr, "load: %s: %s\n", l->diags.v[i].rule, l->diags.v[i].message);
	assert_true(ecrc_design_intact(&l->diags));
	l->f = ecrc_facts_build(l->d);
	assert_non_null(l->f);
}

static void unload(struct loaded *l)
{
	ecrc_design_free(l->d);
	ecrc_diags_free(&l->diags);
}

static const struct ecrc_uplink_facts *uplink(const struct loaded *l, const char *id)
{
	for (size_t i = 0; i < l->f->n_uplinks; i++)
		if (strcmp(l->f->uplinks[i].uplink->id, id) == 0)
			return &l->f->uplinks[i];
	fail_msg("no uplink %s", id);
	return NULL;
}

static struct ecrc_ipnet net(const char *s)
{
	struct ecrc_ipnet n;

	assert_true(ecrc_parse_ipnet(s, &n));
	return n;
}

static bool reaches(const struct ecrc_vpc_reach *r, size_t n, const char *vpc)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].vpc->id, vpc) == 0)
			return true;
	return false;
}

/* ---- BFD and BGP negotiation ------------------------------------------ */

static void test_bfd_negotiation_arithmetic(void **state)
{
	struct ecrc_bfd cpe = {.min_tx_ms = 300, .min_rx_ms = 300, .multiplier = 3};
	struct ecrc_bfd vbr = {.min_tx_ms = 1000, .min_rx_ms = 1000, .multiplier = 3};
	struct ecrc_bfd_session s;

	(void)state;
	/* domain.md: the VBR's defaults against a CPE at 300/300/3. */
	ecrc_bfd_negotiate(&cpe, &vbr, &s);
	assert_true(s.on_both);
	assert_int_equal(s.cpe_tx_ms, 1000);
	assert_int_equal(s.vbr_tx_ms, 1000);
	assert_int_equal(s.cpe_detect_ms, 3000);
	assert_int_equal(s.vbr_detect_ms, 3000);
	assert_int_equal(s.detect_ms, 3000);

	/* Asymmetric: each side waits the other's multiplier. */
	cpe = (struct ecrc_bfd){.min_tx_ms = 1000, .min_rx_ms = 1000, .multiplier = 5};
	vbr = (struct ecrc_bfd){.min_tx_ms = 300, .min_rx_ms = 300, .multiplier = 3};
	ecrc_bfd_negotiate(&cpe, &vbr, &s);
	assert_int_equal(s.cpe_detect_ms, 3 * 1000);
	assert_int_equal(s.vbr_detect_ms, 5 * 1000);
	assert_int_equal(s.detect_ms, 5000);
	assert_int_equal(s.cpe_tx_ms, 1000);
	assert_int_equal(s.vbr_tx_ms, 1000);

	cpe = (struct ecrc_bfd){.min_tx_ms = 200, .min_rx_ms = 500, .multiplier = 4};
	vbr = (struct ecrc_bfd){.min_tx_ms = 300, .min_rx_ms = 250, .multiplier = 3};
	ecrc_bfd_negotiate(&cpe, &vbr, &s);
	assert_int_equal(s.cpe_tx_ms, 250);         /* max(200, 250) */
	assert_int_equal(s.vbr_tx_ms, 500);         /* max(300, 500) */
	assert_int_equal(s.cpe_detect_ms, 3 * 500); /* vbr mult x max(cpe rx 500, vbr tx 300) */
	assert_int_equal(s.vbr_detect_ms, 4 * 250); /* cpe mult x max(vbr rx 250, cpe tx 200) */
	assert_int_equal(s.detect_ms, 1500);

	/* One side off: no session, no numbers. */
	ecrc_bfd_negotiate(&cpe, NULL, &s);
	assert_false(s.on_both);
	assert_ptr_equal(s.cpe, &cpe);
	assert_null(s.vbr);
	assert_int_equal(s.detect_ms, 0);
}

static void test_bgp_negotiation(void **state)
{
	struct ecrc_bgp cpe = {.keepalive_s = 10, .hold_s = 30};
	struct ecrc_bgp_peer vbr = {.keepalive_s = 30, .hold_s = 90};
	struct ecrc_bgp_session s;

	(void)state;
	ecrc_bgp_negotiate(&cpe, &vbr, &s);
	assert_int_equal(s.hold_s, 30);
	assert_int_equal(s.cpe_keepalive_s, 10);
	assert_int_equal(s.vbr_keepalive_s, 10); /* capped at hold / 3 */

	cpe.hold_s = 0;
	ecrc_bgp_negotiate(&cpe, &vbr, &s);
	assert_int_equal(s.hold_s, 0);
	assert_int_equal(s.cpe_keepalive_s, 0);
	assert_int_equal(s.vbr_keepalive_s, 0);
}

static void test_sessions_in_a_design(void **state)
{
	struct parts p = {
	    .bgp1_attrs = "keepalive=\"10\" hold=\"30\"",
	    .bgp1_body = "<bfd min-tx=\"300\" min-rx=\"300\" multiplier=\"3\"/>",
	    .peer1_body = "<bfd/>",
	    .bgp2_body = "<bfd/>",
	};
	struct loaded l;
	const struct ecrc_uplink_facts *u1, *u2;

	(void)state;
	load(&l, &p);
	u1 = uplink(&l, "cpe1-up");
	u2 = uplink(&l, "cpe2-up");
	assert_true(u1->has_bgp_session);
	assert_string_equal(u1->vbr->id, "vbr-1");
	assert_int_equal(u1->vbr_local_asn, 64512);
	assert_int_equal(u1->bgp.hold_s, 30);
	assert_int_equal(u1->bgp.vbr_keepalive_s, 10);
	assert_true(u1->bfd.on_both);
	assert_int_equal(u1->bfd.detect_ms, 3000);
	/* BFD on the CPE only: a one-sided session. */
	assert_true(u2->has_bgp_session);
	assert_int_equal(u2->bgp.hold_s, 90);
	assert_false(u2->bfd.on_both);
	assert_non_null(u2->bfd.cpe);
	assert_null(u2->bfd.vbr);
	unload(&l);
}

/* ---- routes ------------------------------------------------------------ */

static void test_routes_explicit_and_implied(void **state)
{
	struct parts p = {
	    .bgp1_body = "<advertise prefix=\"192.168.0.0/16\" as-path-prepend=\"2\" origin-as-path=\"65100 "
	                 "65101\" med=\"20\" origin=\"incomplete\"/>"
	                 "<advertise prefix=\"10.99.0.0/16\"/>"
	                 "<advertise prefix=\"192.168.1.0/16\" as-path-prepend=\"5\"/>",
	};
	struct loaded l;
	const struct ecrc_uplink_facts *u1, *u2;
	const struct ecrc_route *r;

	(void)state;
	load(&l, &p);
	u1 = uplink(&l, "cpe1-up");
	/* Sorted by prefix; the second 192.168.0.0/16 (host bits set) is a
	 * duplicate of the first and the first <advertise> wins. */
	assert_int_equal(u1->n_routes, 2);
	assert_true(ecrc_ipnet_equal(u1->routes[0].prefix, net("10.99.0.0/16")));
	r = ecrc_uplink_route(u1, net("192.168.0.0/16"));
	assert_non_null(r);
	assert_ptr_equal(r, &u1->routes[1]);
	assert_int_equal(r->as_path_len, 5);
	assert_int_equal(r->n_own, 3);
	assert_int_equal(r->as_path[0], 65003);
	assert_int_equal(r->as_path[2], 65003);
	assert_int_equal(r->as_path[3], 65100);
	assert_int_equal(r->as_path[4], 65101);
	assert_string_equal(r->as_path_text, "65003 65003 65003 65100 65101");
	assert_true(r->has_med);
	assert_int_equal(r->med, 20);
	assert_int_equal(r->origin, ECRC_ORIGIN_INCOMPLETE);
	assert_non_null(r->advertise);
	assert_ptr_equal(r->at, &r->advertise->node);
	assert_null(ecrc_uplink_route(u1, net("172.20.0.0/16")));

	/* No <advertise>: every <prefix> of the data center, default attributes. */
	u2 = uplink(&l, "cpe2-up");
	assert_int_equal(u2->n_routes, 2);
	r = ecrc_uplink_route(u2, net("172.20.0.0/16"));
	assert_non_null(r);
	assert_null(r->advertise);
	assert_non_null(r->dc_prefix);
	assert_ptr_equal(r->at, &u2->uplink->bgp->node);
	assert_string_equal(r->as_path_text, "65004");
	assert_int_equal(r->n_own, 1);
	assert_false(r->has_med);
	assert_int_equal(r->origin, ECRC_ORIGIN_IGP);
	assert_non_null(ecrc_uplink_route(u2, net("192.168.0.0/16")));
	unload(&l);
}

/* ---- ECMP groups and reachability -------------------------------------- */

static void test_one_group_and_reach(void **state)
{
	struct parts p = {0};
	struct loaded l;
	const struct ecrc_dc_facts *df;
	const struct ecrc_ecr_facts *ef;

	(void)state;
	load(&l, &p);
	assert_int_equal(l.f->n_dcs, 1);
	df = &l.f->dcs[0];
	assert_ptr_equal(ecrc_facts_dc(l.f, df->dc), df);
	assert_int_equal(df->n_uplinks, 2);
	assert_int_equal(df->n_groups, 1);
	assert_string_equal(df->groups[0].ecr->id, "ecr-1");
	assert_int_equal(df->groups[0].n_members, 2);
	assert_string_equal(df->groups[0].members[0]->uplink->id, "cpe1-up");
	assert_string_equal(df->groups[0].members[1]->uplink->id, "cpe2-up");
	assert_ptr_equal(uplink(&l, "cpe2-up")->group, &df->groups[0]);
	/* Both uplinks advertise both prefixes (implied). */
	assert_int_equal(df->groups[0].n_prefixes, 2);

	/* ecr-1 reaches vpc-prod and vpc-direct through tr-bj; vpc-direct is
	 * also associated directly, but each VPC is listed once, with the
	 * first path found (associations in document order). */
	ef = ecrc_facts_ecr(l.f, df->groups[0].ecr);
	assert_non_null(ef);
	assert_int_equal(ef->n_reach, 2);
	assert_string_equal(ef->reach[0].vpc->id, "vpc-prod");
	assert_non_null(ef->reach[0].tr);
	assert_non_null(ef->reach[0].attach);
	assert_string_equal(ef->reach[1].vpc->id, "vpc-direct");
	assert_string_equal(ef->reach[1].tr->id, "tr-bj");
	assert_int_equal(df->n_reach, 2);
	assert_true(reaches(df->reach, df->n_reach, "vpc-prod"));
	assert_false(reaches(df->reach, df->n_reach, "vpc-alone"));
	assert_int_equal(uplink(&l, "cpe1-up")->n_reach, 2);
	for (size_t i = 0; i < l.f->n_vpcs; i++) {
		const struct ecrc_vpc_facts *vf = &l.f->vpcs[i];

		assert_ptr_equal(ecrc_facts_vpc(l.f, vf->vpc), vf);
		assert_int_equal(vf->n_dcs, strcmp(vf->vpc->id, "vpc-alone") == 0 ? 0 : 1);
	}
	unload(&l);
}

static void test_split_and_ungrouped(void **state)
{
	/* vbr-2 on a second ECR. */
	struct parts p = {
	    .assoc2 = "",
	    .ecr2 = "<ecr id=\"ecr-2\" asn=\"64513\"><associate vbr=\"vbr-2\"/></ecr>",
	};
	/* vbr-2 on no ECR at all, but attached to a transit router. */
	struct parts q = {
	    .assoc2 = "",
	    .ecr2 = "",
	};
	struct loaded l;
	const struct ecrc_dc_facts *df;
	const struct ecrc_uplink_facts *u2;

	(void)state;
	load(&l, &p);
	df = &l.f->dcs[0];
	assert_int_equal(df->n_groups, 2);
	assert_string_equal(df->groups[0].ecr->id, "ecr-1");
	assert_string_equal(df->groups[1].ecr->id, "ecr-2");
	assert_int_equal(df->groups[0].n_members, 1);
	assert_int_equal(df->groups[1].n_members, 1);
	u2 = uplink(&l, "cpe2-up");
	assert_int_equal(u2->vbr_local_asn, 64513);
	assert_int_equal(u2->n_reach, 0);
	unload(&l);

	load(&l, &q);
	df = &l.f->dcs[0];
	assert_int_equal(df->n_groups, 1);
	assert_int_equal(df->groups[0].n_members, 1);
	u2 = uplink(&l, "cpe2-up");
	assert_null(u2->group);
	assert_null(u2->ecr);
	assert_int_equal(u2->vbr_local_asn, 45104);
	unload(&l);
}

static void test_vbr_attached_to_transit_router(void **state)
{
	/* No ECR for vbr-2; tr-bj has it attached directly (a CEN VBR
	 * attachment), so cpe2-up reaches tr-bj's VPCs without an ECR. */
	static const char *const xml =
	    "<?xml version=\"1.0\"?>\n"
	    "<design name=\"t\" version=\"1\">\n"
	    "  <datacenter id=\"dc\">\n"
	    "    <prefix>192.168.0.0/16</prefix>\n"
	    "    <cpe id=\"c\" vendor=\"frr\" asn=\"65001\">\n"
	    "      <uplink id=\"u\" connection=\"pc\" interface=\"eth1\" vlan=\"10\" "
	    "address=\"10.0.0.1/30\">\n"
	    "        <bgp neighbor=\"10.0.0.2\" remote-asn=\"45104\"/>\n"
	    "      </uplink>\n"
	    "    </cpe>\n"
	    "  </datacenter>\n"
	    "  <cloud provider=\"alibaba\">\n"
	    "    <region id=\"cn-hangzhou\">\n"
	    "      <physical-connection id=\"pc\"/>\n"
	    "      <vbr id=\"v\" connection=\"pc\" vlan=\"10\" local-address=\"10.0.0.2/30\" "
	    "peer-address=\"10.0.0.1\">\n"
	    "        <bgp-peer peer-asn=\"65001\"/>\n"
	    "      </vbr>\n"
	    "      <transit-router id=\"tr\"><attach vbr=\"v\"/><attach vpc=\"vpc\"/></transit-router>\n"
	    "      <vpc id=\"vpc\" cidr=\"10.9.0.0/16\"/>\n"
	    "    </region>\n"
	    "  </cloud>\n"
	    "</design>\n";
	struct ecrc_diags diags;
	struct ecrc_design *d;
	const struct ecrc_facts *f;
	bool fatal = false;

	(void)state;
	ecrc_diags_init(&diags);
	d = ecrc_load_memory("t.xml", xml, strlen(xml), &diags, &fatal);
	assert_non_null(d);
	assert_true(ecrc_design_intact(&diags));
	f = ecrc_facts_build(d);
	assert_int_equal(f->n_uplinks, 1);
	assert_null(f->uplinks[0].ecr);
	assert_int_equal(f->uplinks[0].n_reach, 1);
	assert_string_equal(f->uplinks[0].reach[0].vpc->id, "vpc");
	assert_null(f->uplinks[0].reach[0].ecr);
	assert_string_equal(f->uplinks[0].reach[0].tr->id, "tr");
	assert_int_equal(f->dcs[0].n_groups, 0);
	assert_int_equal(f->dcs[0].n_reach, 1);
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
}

/* ---- scale ------------------------------------------------------------- */

/* 2,000 data centers, each with two circuits to its own ECR and VPC, in
 * one region: built, faceted and linted clean. */
static void test_two_thousand_data_centers(void **state)
{
	enum { N = 2000 };
	struct ecrc_buf b = {0};
	struct ecrc_diags diags;
	struct ecrc_design *d;
	const struct ecrc_facts *f;
	bool fatal = false;
	struct timespec t0, t1;

	(void)state;
	ecrc_buf_puts(&b, "<?xml version=\"1.0\"?>\n<design name=\"big\" version=\"1\">\n");
	for (int i = 0; i < N; i++) {
		int hi = i / 250, lo = i % 250;

		ecrc_buf_printf(
		    &b, "<datacenter id=\"dc%d\" max-failover-ms=\"1000\"><prefix>172.%d.%d.0/24</prefix>\n",
		    i, 16 + hi, lo);
		for (int k = 1; k <= 2; k++)
			ecrc_buf_printf(
			    &b,
			    "<cpe id=\"c%d-%d\" vendor=\"frr\" asn=\"%d\"><uplink id=\"u%d-%d\" "
			    "connection=\"pc%d-%d\" interface=\"eth1\" vlan=\"%d\" "
			    "address=\"10.%d.%d.%d/30\">"
			    "<bgp neighbor=\"10.%d.%d.%d\" remote-asn=\"64512\"><bfd min-tx=\"300\" "
			    "min-rx=\"300\" multiplier=\"3\"/></bgp></uplink></cpe>\n",
			    i, k, 65000 + k, i, k, i, k, 100 + k, 100 + hi, lo, 4 * k + 1, 100 + hi, lo,
			    4 * k + 2);
		ecrc_buf_puts(&b, "</datacenter>\n");
	}
	ecrc_buf_puts(&b, "<cloud provider=\"alibaba\">\n");
	for (int i = 0; i < N; i++)
		ecrc_buf_printf(&b,
		                "<ecr id=\"e%d\" asn=\"64512\"><associate vbr=\"v%d-1\"/><associate "
		                "vbr=\"v%d-2\"/><associate vpc=\"vpc%d\"/></ecr>\n",
		                i, i, i, i);
	ecrc_buf_puts(&b, "<region id=\"cn-beijing\">\n");
	for (int i = 0; i < N; i++) {
		int hi = i / 250, lo = i % 250;

		for (int k = 1; k <= 2; k++)
			ecrc_buf_printf(
			    &b,
			    "<physical-connection id=\"pc%d-%d\" access-point=\"ap%d\" device=\"dev%d-%d\"/>"
			    "<vbr id=\"v%d-%d\" connection=\"pc%d-%d\" vlan=\"%d\" "
			    "local-address=\"10.%d.%d.%d/30\" peer-address=\"10.%d.%d.%d\">"
			    "<bgp-peer peer-asn=\"%d\"><bfd min-tx=\"300\" min-rx=\"300\" "
			    "multiplier=\"3\"/></bgp-peer></vbr>\n",
			    i, k, k, i, k, i, k, i, k, 100 + k, 100 + hi, lo, 4 * k + 2, 100 + hi, lo,
			    4 * k + 1, 65000 + k);
		ecrc_buf_printf(&b,
		                "<vpc id=\"vpc%d\" cidr=\"10.%d.%d.0/24\"><allow-ingress "
		                "source=\"172.%d.%d.0/24\"/></vpc>\n",
		                i, 200 + hi, lo, 16 + hi, lo);
	}
	ecrc_buf_puts(&b, "</region></cloud></design>\n");

	ecrc_diags_init(&diags);
	d = ecrc_load_memory("big.xml", b.p, b.len, &diags, &fatal);
	assert_non_null(d);
	assert_true(ecrc_design_intact(&diags));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	f = ecrc_facts_build(d);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "facts for %d data centers: %.1f ms\n", N,
	        (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
	assert_int_equal(f->n_dcs, N);
	assert_int_equal(f->n_uplinks, 2 * N);
	for (int i = 0; i < N; i++) {
		assert_int_equal(f->dcs[i].n_groups, 1);
		assert_int_equal(f->dcs[i].groups[0].n_members, 2);
		assert_int_equal(f->dcs[i].n_reach, 1);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ecrc_lint_design(d, &(struct ecrc_lint_options){0}, &diags);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "lint of %d data centers: %.1f ms\n", N,
	        (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
	for (size_t i = 0; i < diags.n && i < 5; i++)
		fprintf(stderr, "finding: %s: %s\n", diags.v[i].rule, diags.v[i].message);
	assert_int_equal(diags.n, 0);
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
	ecrc_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bfd_negotiation_arithmetic),
	    cmocka_unit_test(test_bgp_negotiation),
	    cmocka_unit_test(test_sessions_in_a_design),
	    cmocka_unit_test(test_routes_explicit_and_implied),
	    cmocka_unit_test(test_one_group_and_reach),
	    cmocka_unit_test(test_split_and_ungrouped),
	    cmocka_unit_test(test_vbr_attached_to_transit_router),
	    cmocka_unit_test(test_two_thousand_data_centers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
