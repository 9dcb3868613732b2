/*
 * test_vendor_vrp.c: the Huawei VRP backend: the essential lines of a
 * rendered config, the round trip through the reader, and reader errors.
 */
#include "vendor_fixture.h"
#include "inbound_check.h"

static const struct ecrc_vendor *V = &ecrc_vendor_huawei_vrp;
static const struct fx_caveats CV = {.strict = true}; /* VRP says everything the IR holds */

static char *render(const struct ecrc_ir_cpe *cpe)
{
	struct ecrc_buf out = {0};
	assert_int_equal(V->render(cpe, &out), 0);
	return ecrc_buf_take(&out);
}

static struct ecrc_ir_cpe *cpe_of(struct ecrc_arena *a)
{
	return fx_cpe(a, V->name, "GigabitEthernet0/0/1", "XGigabitEthernet0/0/2");
}

static void test_essential_lines(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	char *t = render(cpe_of(a));

	assert_non_null(strstr(t, "\n# ecrc " ECRC_VERSION " - design beijing-idc-ecmp sha256 0123"));
	assert_line(t, "sysname BJ-CPE1");
	/* the global bfd stanza, before any peer uses it */
	assert_line(t, "bfd");
	assert_true(fx_line_no(t, "bfd") < fx_line_no(t, " peer 10.10.1.6 bfd enable"));
	/* the sub-interface with its VLAN, address, MTU */
	assert_line(t, "interface GigabitEthernet0/0/1.1308");
	assert_line(t, " dot1q termination vid 1308");
	assert_line(t, " ip address 10.10.1.5 255.255.255.252");
	assert_line(t, " mtu 8500");
	assert_line(t, " arp broadcast enable");
	assert_line(t, " description to vbr-1 on pc-bj-1");
	/* anchors and the static-only uplink's routes */
	assert_line(t, "ip route-static 192.168.0.0 255.255.0.0 NULL0");
	assert_line(t, "ip route-static 172.16.0.0 255.240.0.0 NULL0");
	assert_line(t, "ip route-static 10.2.0.0 255.255.0.0 10.10.4.2");
	assert_line(t, "  network 192.168.0.0 255.255.0.0");
	/* the outbound filter and its final deny */
	assert_line(t, "ip ip-prefix ECRC-OUT-cpe1-up-1 index 10 permit 192.168.0.0 16");
	assert_line(t, "route-policy ECRC-OUT-cpe1-up permit node 10");
	assert_line(t, " if-match ip-prefix ECRC-OUT-cpe1-up-1");
	assert_line(t, " apply as-path 65003 65003 4200000001 additive");
	assert_line(t, " apply as-path 65003 additive");
	assert_line(t, " apply cost 100");
	assert_line(t, " apply origin incomplete");
	assert_line(t, "route-policy ECRC-OUT-cpe1-up deny node 65535");
	assert_true(fx_line_no(t, "route-policy ECRC-OUT-cpe1-up permit node 20") <
	            fx_line_no(t, "route-policy ECRC-OUT-cpe1-up deny node 65535"));
	/* the inbound filter with its ranges, and its final deny */
	assert_line(t, "ip ip-prefix ECRC-IN-cpe1-up index 10 permit 10.0.0.0 16");
	assert_line(
	    t, "ip ip-prefix ECRC-IN-cpe1-up index 20 permit 10.1.0.0 16 greater-equal 17 less-equal 24");
	assert_line(t, "route-policy ECRC-IN-cpe1-up deny node 65535");
	/* BGP: process, router-id, peer with its remote AS and the rest */
	assert_line(t, "bgp 65003");
	assert_line(t, " router-id 10.255.0.1");
	assert_line(t, " peer 10.10.1.6 as-number 64512");
	assert_line(t, " peer 10.10.3.2 as-number 45104");
	assert_line(t, " peer 10.10.1.6 description vbr-1 pc-bj-1");
	assert_line(t, " peer 10.10.1.6 password cipher s3cr3t-Key_1");
	assert_line(t, " peer 10.10.1.6 timer keepalive 10 hold 30");
	/* the design's default 30/90 is not VRP's (60/180): it is written,
	 * and VRP's own default is not */
	assert_line(t, " peer 10.10.2.6 timer keepalive 30 hold 90");
	assert_null(strstr(t, " peer 10.10.3.2 timer"));
	/* BFD with the design's timers, on the peer */
	assert_line(t, " peer 10.10.1.6 bfd min-tx-interval 300 min-rx-interval 300 detect-multiplier 3");
	assert_line(t, " peer 10.10.2.6 bfd min-tx-interval 200 min-rx-interval 400 detect-multiplier 5");
	assert_line(t, " peer 10.10.1.6 bfd enable");
	assert_no_line(t, " peer 10.10.3.2 bfd enable");
	assert_line(t, " ipv4-family unicast");
	assert_line(t, "  maximum load-balancing 2");
	assert_line(t, "  peer 10.10.1.6 enable");
	assert_line(t, "  peer 10.10.1.6 route-policy ECRC-IN-cpe1-up import");
	assert_line(t, "  peer 10.10.1.6 route-policy ECRC-OUT-cpe1-up export");
	/* a limit that recovers by itself, with a warning threshold */
	assert_line(t, "  peer 10.10.1.6 route-limit 1000 80 idle-timeout 5");
	/* the end marker and a trailing newline */
	size_t len = strlen(t);
	assert_true(len > 8 && strcmp(t + len - 8, "\nreturn\n") == 0);
	free(t);
	ecrc_arena_free(a);
}

static void test_no_bfd_no_global_bfd(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *cpe = cpe_of(a);
	for (size_t i = 0; i < cpe->n_neighbors; i++)
		cpe->neighbors[i].bfd = false;
	char *t = render(cpe);
	assert_no_line(t, "bfd");
	/* past the header, whose apply procedure names 'display bfd session' */
	const char *body = strstr(t, "\nsysname ");
	assert_non_null(body);
	assert_null(strstr(body, " bfd "));
	free(fx_round_trip(V, cpe, &CV));
	free(t);
	ecrc_arena_free(a);
}

static void test_untagged_port(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *cpe = cpe_of(a);
	cpe->ifaces[0].vlan = 0;
	ecrc_ir_link(cpe, a);
	char *t = render(cpe);
	assert_line(t, "interface GigabitEthernet0/0/1");
	assert_line(t, "interface GigabitEthernet0/0/1.1400");
	assert_no_line(t, " dot1q termination vid 0");
	free(fx_round_trip(V, cpe, &CV));
	free(t);
	ecrc_arena_free(a);
}

/* platform v8 (the default) ends in a trial commit; v5 applies each
 * command as entered and has none; the reader holds the two apart */
static void test_platform_commit(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *cpe = cpe_of(a);
	assert_string_equal(cpe->platform, "v8");
	char *t = render(cpe);
	assert_line(t, "# platform v8 (VRP V8: two-stage configuration, changes need commit)");
	assert_non_null(strstr(t, "\n#\ncommit trial 600\nreturn\n"));
	free(t);
	free(fx_round_trip(V, cpe, &CV));
	cpe->platform = "v5";
	t = fx_round_trip(V, cpe, &CV);
	assert_line(t, "# platform v5 (VRP V5: each command takes effect when entered)");
	assert_no_line(t, "commit trial 600");
	/* a v5 header with a trial commit, and a v8 header without one */
	char *bad = ecrc_xmalloc(strlen(t) + 32);
	strcpy(bad, t);
	char *ret = strstr(bad, "\nreturn\n");
	assert_non_null(ret);
	strcpy(ret, "\ncommit trial 600\nreturn\n");
	struct ecrc_ir_cpe *back;
	char err[256];
	assert_int_equal(V->read(bad, strlen(bad), a, &back, err, sizeof err), -1);
	assert_non_null(strstr(err, "other than v8"));
	free(bad);
	free(t);
	ecrc_arena_free(a);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *cpe = cpe_of(a);
	free(fx_round_trip(V, cpe, &CV));
	cpe->forced = true;
	free(fx_round_trip(V, cpe, &CV));
	/* static routing only: no BGP process at all */
	cpe->n_neighbors = 0;
	ecrc_ir_link(cpe, a);
	cpe->n_statics = 0;
	cpe->asn = 0;
	cpe->router_id = 0;
	cpe->maximum_paths = 1;
	char *t = fx_round_trip(V, cpe, &CV);
	/* past the header, whose apply procedure names 'display bgp peer' */
	const char *body = strstr(t, "\nsysname ");
	assert_non_null(body);
	assert_null(strstr(body, "bgp "));
	free(t);
	ecrc_arena_free(a);
}

static void test_reader_errors(void **state)
{
	(void)state;
	fx_read_fails(V, "", 1, "no ecrc header");
	fx_read_fails(V, "sysname x\n", 1, "no ecrc header");

	struct ecrc_arena *a = ecrc_arena_new();
	char *t = render(cpe_of(a));
	char *bad;
	size_t at;

	/* an unknown command, with its line */
	at = fx_line_no(t, " arp broadcast enable");
	bad = fx_replace(t, " arp broadcast enable", " undo shutdown");
	fx_read_fails(V, bad, (unsigned)at, "undo shutdown");
	free(bad);
	/* garbage at the top level */
	at = fx_line_no(t, "sysname BJ-CPE1");
	bad = fx_replace(t, "sysname BJ-CPE1", "this is not VRP");
	fx_read_fails(V, bad, (unsigned)at, "this is not VRP");
	free(bad);
	/* a bad mask */
	at = fx_line_no(t, " ip address 10.10.1.5 255.255.255.252");
	bad = fx_replace(t, " ip address 10.10.1.5 255.255.255.252", " ip address 10.10.1.5 255.0.255.252");
	fx_read_fails(V, bad, (unsigned)at, "mask");
	free(bad);
	/* an export policy without its final deny */
	at = fx_line_no(t, "route-policy ECRC-OUT-cpe1-up permit node 10");
	bad = fx_replace(t, "route-policy ECRC-OUT-cpe1-up deny node 65535",
	                 "route-policy ECRC-OUT-cpe1-up permit node 30");
	fx_read_fails(V, bad, (unsigned)at, "reject");
	free(bad);
	/* a peer with BFD but no global bfd */
	bad = fx_replace(t, "\nbfd\n", "\n");
	fx_read_fails(V, bad, (unsigned)fx_line_no(t, " peer 10.10.1.6 bfd enable") - 1, "global 'bfd'");
	free(bad);
	/* an anchor without its network statement */
	at = fx_line_no(t, "ip route-static 172.16.0.0 255.240.0.0 NULL0");
	bad = fx_replace(t, "  network 172.16.0.0 255.240.0.0\n", "");
	fx_read_fails(V, bad, (unsigned)at, "network");
	free(bad);
	/* a sub-interface without dot1q termination */
	at = fx_line_no(t, "interface GigabitEthernet0/0/1.1308");
	bad = fx_replace(t, " dot1q termination vid 1308\n", "");
	fx_read_fails(V, bad, (unsigned)at, "dot1q");
	free(bad);
	free(t);
	ecrc_arena_free(a);
}

static void test_fixture_designs(void **state)
{
	(void)state;
	fx_designs_round_trip(V, &CV);
}

static void test_iface_pattern(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "GigabitEthernet0/0/1", "XGigabitEthernet0/0/2", "25GE1/0/1",   "100GE2/0/3", "Eth-Trunk1",
	    "100GE0/1/0",           "40GE1/0/1:2",           "10GE1/0/0/1", "400GE0/2/1", "MultiGE0/0/3"};
	static const char *const bad[] = {
	    "ge-0/0/1", "Ethernet1", "GigabitEthernet", "Eth-Trunk",
	    "100GE",    "100GE1",    "Eth-Trunk1:1",    "GigabitEthernet0/0/1.100"};
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
	inbound_check(
	    "huawei-vrp",
	    "ip ip-prefix ECRC-IN-up1 index 10 permit 10.0.0.0 16 greater-equal 16 less-equal 32\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_inbound_vswitch_routes),
	    cmocka_unit_test(test_essential_lines),
	    cmocka_unit_test(test_no_bfd_no_global_bfd),
	    cmocka_unit_test(test_untagged_port),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_platform_commit),
	    cmocka_unit_test(test_reader_errors),
	    cmocka_unit_test(test_fixture_designs),
	    cmocka_unit_test(test_iface_pattern),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
