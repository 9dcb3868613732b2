/*
 * test_vendor_junos.c: the Juniper Junos backend: the essential lines of a
 * rendered config, the round trip through the reader, and reader errors.
 */
#include "vendor_fixture.h"
#include "inbound_check.h"

static const struct ecrc_vendor *V = &ecrc_vendor_juniper_junos;

static char *render(const struct ecrc_ir_cpe *cpe)
{
	struct ecrc_buf out = {0};
	assert_int_equal(V->render(cpe, &out), 0);
	return ecrc_buf_take(&out);
}

static void test_essential_lines(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	char *t = render(fx_cpe(a, V->name, "ge-0/0/1", "xe-0/1/0"));

	/* the header comment */
	assert_true(strncmp(t, "# ", 2) == 0);
	assert_non_null(strstr(t, "\n# ecrc " ECRC_VERSION " - design beijing-idc-ecmp sha256 0123"));
	/* parent port, VLAN tagging, unit with its VLAN, address and MTU */
	assert_line(t, "    ge-0/0/1 {");
	assert_line(t, "        vlan-tagging;");
	assert_line(t, "        unit 1308 {");
	assert_line(t, "            vlan-id 1308;");
	assert_line(t, "                address 10.10.1.5/30;");
	assert_line(t, "                mtu 8500;");
	/* media MTU: the largest IP MTU plus 18 bytes of 802.1Q Ethernet */
	assert_line(t, "        mtu 8518;");
	assert_line(t, "        mtu 1518;");
	/* the anchors and the static routes of the static-only uplink */
	assert_line(t, "        route 192.168.0.0/16 discard;");
	assert_line(t, "        route 172.16.0.0/12 discard;");
	assert_line(t, "        route 10.2.0.0/16 next-hop 10.10.4.2;");
	assert_line(t, "    router-id 10.255.0.1;");
	assert_line(t, "    autonomous-system 65003;");
	/* the outbound filter: prefix list, prepend, MED, origin, final reject */
	assert_line(t, "    prefix-list ECRC-OUT-cpe1-up-1 {");
	assert_line(t, "        192.168.0.0/16;");
	assert_line(t, "    policy-statement ECRC-OUT-cpe1-up {");
	assert_line(t, "                prefix-list ECRC-OUT-cpe1-up-1;");
	assert_line(t, "                as-path-prepend \"65003 65003 4200000001\";");
	assert_line(t, "                as-path-prepend 65003;");
	assert_line(t, "                metric 100;");
	assert_line(t, "                origin incomplete;");
	assert_line(t, "            then reject;");
	size_t out_policy = fx_line_no(t, "    policy-statement ECRC-OUT-cpe1-up {");
	size_t reject = fx_line_no(t, "        term reject {");
	assert_true(out_policy > 0 && reject > 0);
	/* inbound: one term per accepted range */
	assert_line(t, "        term ECRC-IN-cpe1-up-2 {");
	assert_line(t, "                route-filter 10.0.0.0/16 exact;");
	assert_line(t, "                route-filter 10.1.0.0/16 prefix-length-range /17-/24;");
	/* BGP: group, multipath, neighbor with remote AS and the rest */
	assert_line(t, "        group ECRC-VBR {");
	assert_line(t, "            type external;");
	assert_line(t, "            multipath;");
	assert_line(t, "            neighbor 10.10.1.6 {");
	assert_line(t, "                peer-as 64512;");
	assert_line(t, "                description \"vbr-1 pc-bj-1\";");
	assert_line(t, "                import ECRC-IN-cpe1-up;");
	assert_line(t, "                export ECRC-OUT-cpe1-up;");
	assert_line(t, "                authentication-key \"s3cr3t-Key_1\";");
	assert_line(t, "                hold-time 30;");
	assert_line(t, "                hold-time 180;");
	assert_no_line(t, "                hold-time 90;");
	assert_line(t, "                            maximum 1000;");
	/* a limit that recovers by itself, with a warning threshold */
	assert_line(t, "                            teardown 80 idle-timeout 5;");
	/* BFD with the design's timers on the neighbor */
	assert_line(t, "                bfd-liveness-detection {");
	assert_line(t, "                    minimum-interval 300;");
	assert_line(t, "                    multiplier 3;");
	/* different transmit and receive intervals */
	assert_line(t, "                    minimum-receive-interval 400;");
	assert_line(t, "                        minimum-interval 200;");
	assert_line(t, "                    multiplier 5;");
	/* the forwarding-table load-balance policy */
	assert_line(t, "    policy-statement ECRC-LB {");
	assert_line(t, "            load-balance per-packet;");
	assert_line(t, "        export ECRC-LB;");
	assert_line(t, "    host-name BJ-CPE1;");
	free(t);
	ecrc_arena_free(a);
}

static void test_bfd_only_where_on(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *cpe = fx_cpe(a, V->name, "ge-0/0/1", "xe-0/1/0");
	for (size_t i = 0; i < cpe->n_neighbors; i++)
		cpe->neighbors[i].bfd = false;
	char *t = render(cpe);
	assert_null(strstr(t, "bfd-liveness-detection"));
	free(t);
	ecrc_arena_free(a);
}

static void test_untagged_port(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *cpe = fx_cpe(a, V->name, "ge-0/0/1", "xe-0/1/0");
	/* VLAN 0: the VBR uses the port as a routed interface, untagged */
	cpe->n_ifaces = 1;
	cpe->ifaces[0].vlan = 0;
	cpe->n_neighbors = 1;
	ecrc_ir_link(cpe, a);
	cpe->n_statics = 2;
	char *t = render(cpe);
	assert_no_line(t, "        vlan-tagging;");
	assert_line(t, "        unit 0 {");
	assert_line(t, "        mtu 1514;");
	assert_null(strstr(t, "vlan-id"));
	struct fx_caveats cv = {.maximum_paths = 16, .keepalive_derived = true};
	free(fx_round_trip(V, cpe, &cv));
	free(t);
	ecrc_arena_free(a);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *cpe = fx_cpe(a, V->name, "ge-0/0/1", "xe-0/1/0");
	/* Junos has no multipath width (it installs up to 16 equal paths) and
	 * no keepalive setting (a third of the hold time) */
	struct fx_caveats cv = {.maximum_paths = 16, .keepalive_derived = true};
	free(fx_round_trip(V, cpe, &cv));
	/* the same with --force, and with a static-only CPE */
	cpe->forced = true;
	free(fx_round_trip(V, cpe, &cv));
	cpe->n_neighbors = 0;
	ecrc_ir_link(cpe, a);
	cv.maximum_paths = 1; /* no BGP multipath without BGP */
	char *t = fx_round_trip(V, cpe, &cv);
	assert_null(strstr(t, "protocols {"));
	free(t);
	ecrc_arena_free(a);
}

/* platform srx: the uplink units join a security zone whose
 * host-inbound-traffic admits BGP, and BFD where it runs; mx has none */
static void test_platform_srx(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *cpe = fx_cpe(a, V->name, "ge-0/0/1", "reth1");
	char *t = render(cpe);
	assert_line(t, "# platform mx (MX Series and other routers without security zones)");
	assert_null(strstr(t, "security {"));
	free(t);
	cpe->platform = "srx";
	t = render(cpe);
	assert_line(t, "# platform srx (SRX Series: security zones must admit BGP and BFD)");
	assert_line(t, "security {");
	assert_line(t, "        security-zone ECRC-CLOUD {");
	assert_line(t, "                ge-0/0/1.1308 {");
	assert_line(t, "                    host-inbound-traffic {");
	assert_line(t, "                            bgp;");
	assert_line(t, "                            bfd;");
	assert_line(t, "                reth1.1500;"); /* static routing: in the zone, no protocols */
	free(t);
	struct fx_caveats cv = {.maximum_paths = 16, .keepalive_derived = true};
	t = fx_round_trip(V, cpe, &cv);
	/* read back as srx; without the zone the reader refuses the file */
	struct ecrc_ir_cpe *back = NULL;
	char err[256];
	assert_int_equal(V->read(t, strlen(t), a, &back, err, sizeof err), 0);
	assert_string_equal(back->platform, "srx");
	char *cut = strstr(t, "security {");
	assert_non_null(cut);
	char *end = strstr(cut, "\n}\n");
	assert_non_null(end);
	memmove(cut, end + 3, strlen(end + 3) + 1);
	assert_int_equal(V->read(t, strlen(t), a, &back, err, sizeof err), -1);
	if (!strstr(err, "platform srx"))
		fail_msg("err: %s", err);
	free(t);
	ecrc_arena_free(a);
}

static void test_next_hop_list(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *cpe = fx_cpe(a, V->name, "ge-0/0/1", "xe-0/1/0");
	/* two static uplinks to one cloud prefix: one route, two next hops */
	cpe->statics[3].prefix = cpe->statics[2].prefix;
	cpe->statics[3].next_hop = fx_ip("10.10.3.2");
	char *t = render(cpe);
	assert_line(t, "        route 10.2.0.0/16 next-hop [ 10.10.4.2 10.10.3.2 ];");
	struct fx_caveats cv = {.maximum_paths = 16, .keepalive_derived = true};
	free(fx_round_trip(V, cpe, &cv));
	free(t);
	ecrc_arena_free(a);
}

static void test_reader_errors(void **state)
{
	(void)state;
	fx_read_fails(V, "", 1, "no ecrc header");
	fx_read_fails(V, "garbage\n", 1, "no ecrc header");

	struct ecrc_arena *a = ecrc_arena_new();
	char *t = render(fx_cpe(a, V->name, "ge-0/0/1", "xe-0/1/0"));
	char *bad;

	/* a statement outside the subset, with its line */
	size_t at = fx_line_no(t, "        route 192.168.0.0/16 discard;");
	bad = fx_replace(t, "        route 192.168.0.0/16 discard;", "        route 192.168.0.0/16 reject;");
	fx_read_fails(V, bad, (unsigned)at, "discard");
	free(bad);
	/* an unknown top-level section */
	bad = fx_replace(t, "system {", "snmp {");
	fx_read_fails(V, bad, (unsigned)fx_line_no(t, "system {"), "snmp");
	free(bad);
	/* a missing ';' */
	at = fx_line_no(t, "    autonomous-system 65003;");
	bad = fx_replace(t, "    autonomous-system 65003;", "    autonomous-system 65003\n}");
	fx_read_fails(V, bad, (unsigned)at + 1, NULL);
	free(bad);
	/* an export policy without its final reject */
	bad = fx_replace(t, "            then reject;", "            then accept;");
	fx_read_fails(V, bad, (unsigned)fx_line_no(t, "    policy-statement ECRC-IN-cpe1-up {"), "reject");
	free(bad);
	/* a neighbor outside every interface subnet */
	at = fx_line_no(t, "            neighbor 10.10.1.6 {");
	bad = fx_replace(t, "neighbor 10.10.1.6 {", "neighbor 10.99.1.6 {");
	fx_read_fails(V, bad, (unsigned)at, "subnet");
	free(bad);
	/* an undefined prefix list */
	at = fx_line_no(t, "                prefix-list ECRC-OUT-cpe1-up-1;");
	bad = fx_replace(t, "                prefix-list ECRC-OUT-cpe1-up-1;",
	                 "                prefix-list NOPE;");
	fx_read_fails(V, bad, (unsigned)at, "NOPE");
	free(bad);
	/* unbalanced braces */
	size_t len = strlen(t);
	bad = strdup(t);
	bad[len - 2] = '\n'; /* drop the final '}' */
	unsigned lines = 1;
	for (const char *p = bad; *p; p++)
		lines += *p == '\n';
	fx_read_fails(V, bad, lines, "missing '}'");
	free(bad);
	free(t);
	ecrc_arena_free(a);
}

static void test_fixture_designs(void **state)
{
	(void)state;
	/* Junos has no multipath width and no keepalive setting */
	struct fx_caveats cv = {.maximum_paths = 16, .keepalive_derived = true};
	fx_designs_round_trip(V, &cv);
}

static void test_iface_pattern(void **state)
{
	(void)state;
	static const char *const good[] = {"ge-0/0/1",   "xe-1/2/3",   "et-0/0/48", "ae0",      "ae12",
	                                   "xe-0/0/0:1", "et-1/0/0:3", "reth1",     "mge-0/0/4"};
	static const char *const bad[] = {"GigabitEthernet0/0/1",
	                                  "ge-0/0",
	                                  "eth1",
	                                  "ge-0/0/1.100",
	                                  "ae-0/0/1",
	                                  "xe-0/0/0:",
	                                  "reth",
	                                  "ae0:1"};
	assert_true(ecrc_vendor_iface_ok(V, V->iface_example));
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		if (!ecrc_vendor_iface_ok(V, good[i]))
			fail_msg("%s should look like a %s interface", good[i], V->display);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (ecrc_vendor_iface_ok(V, bad[i]))
			fail_msg("%s should not look like a %s interface", bad[i], V->display);
}

/* The default inbound list: every route inside the VPC block (the vSwitch
 * routes the cloud really sends), never the data center's own prefix. */
static void test_inbound_vswitch_routes(void **state)
{
	(void)state;
	inbound_check("juniper-junos", "route-filter 10.0.0.0/16 prefix-length-range /16-/32;\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_inbound_vswitch_routes),
	    cmocka_unit_test(test_essential_lines),
	    cmocka_unit_test(test_bfd_only_where_on),
	    cmocka_unit_test(test_untagged_port),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_next_hop_list),
	    cmocka_unit_test(test_reader_errors),
	    cmocka_unit_test(test_platform_srx),
	    cmocka_unit_test(test_fixture_designs),
	    cmocka_unit_test(test_iface_pattern),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
