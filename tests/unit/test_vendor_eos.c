/*
 * test_vendor_eos.c: the Arista EOS backend: the essential lines of a
 * rendered config (routed parent ports, BFD on the sub-interface), the
 * round trip through the reader, and reader errors.
 */
#include "vendor_fixture.h"
#include "inbound_check.h"

static const struct ecrc_vendor *V = &ecrc_vendor_arista_eos;
static const struct fx_caveats CV = {.strict = true}; /* EOS says everything the IR holds */

static char *render(const struct ecrc_ir_cpe *cpe)
{
	struct ecrc_buf out = {0};
	assert_int_equal(V->render(cpe, &out), 0);
	return ecrc_buf_take(&out);
}

static struct ecrc_ir_cpe *cpe_of(struct ecrc_arena *a)
{
	return fx_cpe(a, V->name, "Ethernet1", "Ethernet2/1");
}

/* The text of the section that starts with line head, up to the next "!". */
static char *section(const char *t, const char *head)
{
	const char *s = strstr(t, head);
	assert_non_null(s);
	const char *e = strstr(s, "\n!\n");
	assert_non_null(e);
	return strndup(s, (size_t)(e - s + 1));
}

static void test_essential_lines(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	char *t = render(cpe_of(a));

	assert_non_null(strstr(t, "\n! ecrc " ECRC_VERSION " - design beijing-idc-ecmp sha256 0123"));
	assert_line(t, "hostname BJ-CPE1");
	assert_line(t, "ip routing");
	/* the parent port routed, the sub-interface with VLAN, address, MTU */
	char *s = section(t, "interface Ethernet1\n");
	assert_line(s, "   no switchport");
	free(s);
	s = section(t, "interface Ethernet2/1\n");
	assert_line(s, "   no switchport");
	free(s);
	s = section(t, "interface Ethernet1.1308\n");
	assert_line(s, "   encapsulation dot1q vlan 1308");
	assert_line(s, "   ip address 10.10.1.5/30");
	assert_line(s, "   mtu 1500");
	/* BFD with the design's timers, on the interface of the session */
	assert_line(s, "   bfd interval 300 min-rx 300 multiplier 3");
	free(s);
	s = section(t, "interface Ethernet2/1.1309\n");
	assert_line(s, "   mtu 8500");
	assert_line(s, "   bfd interval 200 min-rx 400 multiplier 5");
	free(s);
	s = section(t, "interface Ethernet1.1400\n");
	assert_null(strstr(s, "bfd"));
	free(s);
	/* anchors and the static-only uplink's routes */
	assert_line(t, "ip route 192.168.0.0/16 Null0");
	assert_line(t, "ip route 172.16.0.0/12 Null0");
	assert_line(t, "ip route 10.2.0.0/16 10.10.4.2");
	assert_line(t, "   network 192.168.0.0/16");
	/* the outbound filter and its final deny */
	assert_line(t, "ip prefix-list ECRC-OUT-cpe1-up-1 seq 10 permit 192.168.0.0/16");
	assert_line(t, "route-map ECRC-OUT-cpe1-up permit 10");
	assert_line(t, "   match ip address prefix-list ECRC-OUT-cpe1-up-1");
	assert_line(t, "   set as-path prepend 65003 65003 4200000001");
	assert_line(t, "   set metric 100");
	assert_line(t, "   set origin incomplete");
	assert_line(t, "route-map ECRC-OUT-cpe1-up deny 65535");
	assert_true(fx_line_no(t, "route-map ECRC-OUT-cpe1-up permit 20") <
	            fx_line_no(t, "route-map ECRC-OUT-cpe1-up deny 65535"));
	/* the inbound filter with its ranges, ge only above the length */
	assert_line(t, "ip prefix-list ECRC-IN-cpe1-up seq 20 permit 10.1.0.0/16 ge 17 le 24");
	assert_line(t, "ip prefix-list ECRC-IN-cpe1-up3 seq 20 permit 10.8.0.0/13 le 32");
	assert_line(t, "route-map ECRC-IN-cpe1-up deny 65535");
	/* BGP */
	assert_line(t, "router bgp 65003");
	assert_line(t, "   router-id 10.255.0.1");
	assert_line(t, "   maximum-paths 2 ecmp 2");
	assert_line(t, "   neighbor 10.10.1.6 remote-as 64512");
	assert_line(t, "   neighbor 10.10.1.6 description vbr-1 pc-bj-1");
	assert_line(t, "   neighbor 10.10.1.6 bfd");
	assert_no_line(t, "   neighbor 10.10.3.2 bfd");
	assert_line(t, "   neighbor 10.10.1.6 timers 10 30");
	assert_line(t, "   neighbor 10.10.2.6 timers 30 90");
	assert_line(t, "   neighbor 10.10.1.6 password 0 s3cr3t-Key_1");
	assert_line(t, "   neighbor 10.10.1.6 route-map ECRC-IN-cpe1-up in");
	assert_line(t, "   neighbor 10.10.1.6 route-map ECRC-OUT-cpe1-up out");
	/* a limit that recovers by itself, with a warning threshold */
	assert_line(t, "   neighbor 10.10.1.6 maximum-routes 1000 warning-limit 80 percent");
	assert_line(t, "   neighbor 10.10.1.6 idle-restart-timer 300");
	size_t len = strlen(t);
	assert_true(len > 5 && strcmp(t + len - 5, "\nend\n") == 0);
	free(t);
	ecrc_arena_free(a);
}

static void test_untagged_port(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *cpe = cpe_of(a);
	cpe->ifaces[0].vlan = 0;
	cpe->ifaces[2].parent = "Ethernet3";
	ecrc_ir_link(cpe, a);
	char *t = render(cpe);
	char *s = section(t, "interface Ethernet1\n");
	assert_line(s, "   no switchport");
	assert_line(s, "   ip address 10.10.1.5/30");
	assert_line(s, "   bfd interval 300 min-rx 300 multiplier 3");
	assert_null(strstr(s, "encapsulation"));
	free(s);
	free(fx_round_trip(V, cpe, &CV));
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
	cpe->maximum_paths = 4;
	free(fx_round_trip(V, cpe, &CV));
	cpe->n_neighbors = 0;
	ecrc_ir_link(cpe, a);
	cpe->n_statics = 0;
	cpe->asn = 0;
	cpe->router_id = 0;
	cpe->maximum_paths = 1;
	char *t = fx_round_trip(V, cpe, &CV);
	assert_null(strstr(t, "router bgp"));
	free(t);
	ecrc_arena_free(a);
}

static void test_reader_errors(void **state)
{
	(void)state;
	fx_read_fails(V, "", 1, "no ecrc header");
	fx_read_fails(V, "end\n", 1, "no ecrc header");

	struct ecrc_arena *a = ecrc_arena_new();
	char *t = render(cpe_of(a));
	char *bad;
	size_t at;

	/* an unknown command, with its line */
	at = fx_line_no(t, "   encapsulation dot1q vlan 1308");
	bad = fx_replace(t, "   encapsulation dot1q vlan 1308", "   vlan id 1308");
	fx_read_fails(V, bad, (unsigned)at, "vlan id");
	free(bad);
	at = fx_line_no(t, "hostname BJ-CPE1");
	bad = fx_replace(t, "hostname BJ-CPE1", "spanning-tree mode mstp");
	fx_read_fails(V, bad, (unsigned)at, "spanning-tree");
	free(bad);
	/* a parent port left a switchport */
	at = fx_line_no(t, "interface Ethernet1");
	bad = fx_replace(t, "interface Ethernet1\n   no switchport\n", "interface Ethernet1\n");
	fx_read_fails(V, bad, (unsigned)at, "routed port");
	free(bad);
	/* no ip routing */
	bad = fx_replace(t, "ip routing\n", "");
	fx_read_fails(V, bad, (unsigned)fx_line_no(t, "hostname BJ-CPE1"), "ip routing");
	free(bad);
	/* ge not above the prefix length */
	at = fx_line_no(t, "ip prefix-list ECRC-IN-cpe1-up seq 20 permit 10.1.0.0/16 ge 17 le 24");
	bad = fx_replace(t, "10.1.0.0/16 ge 17 le 24", "10.1.0.0/16 ge 16 le 24");
	fx_read_fails(V, bad, (unsigned)at, "17");
	free(bad);
	/* an export route-map without its final deny */
	at = fx_line_no(t, "route-map ECRC-OUT-cpe1-up permit 10");
	bad =
	    fx_replace(t, "route-map ECRC-OUT-cpe1-up deny 65535", "route-map ECRC-OUT-cpe1-up permit 65535");
	fx_read_fails(V, bad, (unsigned)at, "reject");
	free(bad);
	/* a neighbor without remote-as */
	at = fx_line_no(t, "   neighbor 10.10.2.6 remote-as 64512");
	bad = fx_replace(t, "   neighbor 10.10.2.6 remote-as 64512\n", "");
	fx_read_fails(V, bad, (unsigned)at, "remote AS");
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
	static const char *const good[] = {"Ethernet1", "Ethernet3/1", "Ethernet3/1/2", "Port-Channel10"};
	static const char *const bad[] = {"Ethernet", "GigabitEthernet0/0/1", "Port-Channel",
	                                  "eth1",     "Ethernet1/1/1/1",      "Ethernet1.100"};
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
	inbound_check("arista-eos", "ip prefix-list ECRC-IN-up1 seq 10 permit 10.0.0.0/16 le 32\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_inbound_vswitch_routes), cmocka_unit_test(test_essential_lines),
	    cmocka_unit_test(test_untagged_port),          cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_reader_errors),          cmocka_unit_test(test_fixture_designs),
	    cmocka_unit_test(test_iface_pattern),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
