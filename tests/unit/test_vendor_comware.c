/*
 * test_vendor_comware.c: the H3C Comware 7 backend: the essential lines of
 * a rendered config (BFD on the interface, not the peer), the round trip
 * through the reader, and reader errors.
 */
#include "vendor_fixture.h"
#include "inbound_check.h"

static const struct ecrc_vendor *V = &ecrc_vendor_h3c_comware;
static const struct fx_caveats CV = {.strict = true}; /* Comware says everything the IR holds */

static char *render(const struct ecrc_ir_cpe *cpe)
{
	struct ecrc_buf out = {0};
	assert_int_equal(V->render(cpe, &out), 0);
	return ecrc_buf_take(&out);
}

static struct ecrc_ir_cpe *cpe_of(struct ecrc_arena *a)
{
	return fx_cpe(a, V->name, "GigabitEthernet1/0/1", "Ten-GigabitEthernet1/0/49");
}

/* The text of the section that starts with line head, up to the next "#". */
static char *section(const char *t, const char *head)
{
	const char *s = strstr(t, head);
	assert_non_null(s);
	const char *e = strstr(s, "\n#\n");
	assert_non_null(e);
	return strndup(s, (size_t)(e - s + 1));
}

static void test_essential_lines(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	char *t = render(cpe_of(a));

	assert_non_null(strstr(t, "\n# ecrc " ECRC_VERSION " - design beijing-idc-ecmp sha256 0123"));
	assert_line(t, "sysname BJ-CPE1");
	/* the parent port in route mode, the sub-interface with VLAN, address, MTU */
	assert_line(t, "interface GigabitEthernet1/0/1");
	assert_line(t, " port link-mode route");
	assert_line(t, "interface GigabitEthernet1/0/1.1308");
	assert_line(t, " vlan-type dot1q vid 1308");
	assert_line(t, " ip address 10.10.1.5 255.255.255.252");
	assert_line(t, " mtu 8500");
	/* BFD with the design's timers, on the interface the session runs over */
	char *s = section(t, "interface GigabitEthernet1/0/1.1308\n");
	assert_line(s, " bfd min-transmit-interval 300");
	assert_line(s, " bfd min-receive-interval 300");
	assert_line(s, " bfd detect-multiplier 3");
	free(s);
	s = section(t, "interface Ten-GigabitEthernet1/0/49.1309\n");
	assert_line(s, " bfd min-transmit-interval 200");
	assert_line(s, " bfd min-receive-interval 400");
	assert_line(s, " bfd detect-multiplier 5");
	free(s);
	s = section(t, "interface GigabitEthernet1/0/1.1400\n"); /* its peer has BFD off */
	assert_null(strstr(s, "bfd"));
	free(s);
	/* anchors and the static-only uplink's routes */
	assert_line(t, "ip route-static 192.168.0.0 16 NULL0");
	assert_line(t, "ip route-static 172.16.0.0 12 NULL0");
	assert_line(t, "ip route-static 10.2.0.0 16 10.10.4.2");
	assert_line(t, "  network 192.168.0.0 255.255.0.0");
	/* the outbound filter and its final deny */
	assert_line(t, "ip prefix-list ECRC-OUT-cpe1-up-1 index 10 permit 192.168.0.0 16");
	assert_line(t, "route-policy ECRC-OUT-cpe1-up permit node 10");
	assert_line(t, " if-match ip address prefix-list ECRC-OUT-cpe1-up-1");
	assert_line(t, " apply as-path 65003 65003 4200000001");
	assert_line(t, " apply cost 100");
	assert_line(t, " apply origin incomplete");
	assert_line(t, "route-policy ECRC-OUT-cpe1-up deny node 65535");
	assert_true(fx_line_no(t, "route-policy ECRC-OUT-cpe1-up permit node 20") <
	            fx_line_no(t, "route-policy ECRC-OUT-cpe1-up deny node 65535"));
	/* the inbound filter with its ranges */
	assert_line(
	    t, "ip prefix-list ECRC-IN-cpe1-up index 20 permit 10.1.0.0 16 greater-equal 17 less-equal 24");
	assert_line(t, " if-match ip address prefix-list ECRC-IN-cpe1-up");
	assert_line(t, "route-policy ECRC-IN-cpe1-up deny node 65535");
	/* BGP */
	assert_line(t, "bgp 65003");
	assert_line(t, " router-id 10.255.0.1");
	assert_line(t, " peer 10.10.1.6 as-number 64512");
	assert_line(t, " peer 10.10.1.6 description vbr-1 pc-bj-1");
	assert_line(t, " peer 10.10.1.6 password simple s3cr3t-Key_1");
	assert_line(t, " peer 10.10.1.6 timer keepalive 10 hold 30");
	assert_line(t, " peer 10.10.2.6 timer keepalive 30 hold 90");
	assert_null(strstr(t, " peer 10.10.3.2 timer"));
	assert_line(t, " peer 10.10.1.6 bfd");
	assert_no_line(t, " peer 10.10.3.2 bfd");
	assert_line(t, " address-family ipv4 unicast");
	assert_line(t, "  balance 2");
	assert_line(t, "  peer 10.10.1.6 enable");
	/* a limit that recovers by itself, with a warning threshold */
	assert_line(t, "  peer 10.10.1.6 route-limit 1000 reconnect 300 80");
	assert_line(t, "  peer 10.10.1.6 route-policy ECRC-IN-cpe1-up import");
	assert_line(t, "  peer 10.10.1.6 route-policy ECRC-OUT-cpe1-up export");
	size_t len = strlen(t);
	assert_true(len > 8 && strcmp(t + len - 8, "\nreturn\n") == 0);
	free(t);
	ecrc_arena_free(a);
}

static void test_untagged_port(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *cpe = cpe_of(a);
	cpe->ifaces[1].vlan = 0; /* the second port is the VBR's routed interface */
	cpe->ifaces[3].parent = "Ten-GigabitEthernet1/0/50";
	ecrc_ir_link(cpe, a);
	char *t = render(cpe);
	char *s = section(t, "interface Ten-GigabitEthernet1/0/49\n");
	assert_line(s, " port link-mode route");
	assert_line(s, " ip address 10.10.2.5 255.255.255.252");
	assert_line(s, " bfd min-transmit-interval 200");
	assert_null(strstr(s, "vlan-type"));
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
	for (size_t i = 0; i < cpe->n_neighbors; i++)
		cpe->neighbors[i].bfd = !cpe->neighbors[i].bfd;
	cpe->neighbors[2].bfd_min_tx_ms = cpe->neighbors[2].bfd_min_rx_ms = 1000;
	cpe->neighbors[2].bfd_multiplier = 3;
	free(fx_round_trip(V, cpe, &CV));
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
	fx_read_fails(V, "return\n", 1, "no ecrc header");

	struct ecrc_arena *a = ecrc_arena_new();
	char *t = render(cpe_of(a));
	char *bad;
	size_t at;

	/* an unknown command, with its line */
	at = fx_line_no(t, " vlan-type dot1q vid 1308");
	bad = fx_replace(t, " vlan-type dot1q vid 1308", " vlan-type dot1q vid 1308 to 1310");
	fx_read_fails(V, bad, (unsigned)at, "vlan-type");
	free(bad);
	at = fx_line_no(t, "sysname BJ-CPE1");
	bad = fx_replace(t, "sysname BJ-CPE1", "undo info-center enable");
	fx_read_fails(V, bad, (unsigned)at, "info-center");
	free(bad);
	/* a replacing as-path */
	at = fx_line_no(t, " apply as-path 65003 65003 4200000001");
	bad = fx_replace(t, " apply as-path 65003 65003 4200000001", " apply as-path 65003 replace");
	fx_read_fails(V, bad, (unsigned)at, "replace");
	free(bad);
	/* BFD on the peer, intervals missing on the interface */
	at = fx_line_no(t, " peer 10.10.1.6 as-number 64512");
	bad = fx_replace(
	    t, " bfd min-transmit-interval 300\n bfd min-receive-interval 300\n bfd detect-multiplier 3\n",
	    "");
	fx_read_fails(V, bad, (unsigned)at - 3, "BFD");
	free(bad);
	/* part of the BFD intervals */
	at = fx_line_no(t, " bfd min-transmit-interval 300");
	bad = fx_replace(t, " bfd detect-multiplier 3\n", "");
	fx_read_fails(V, bad, (unsigned)at, "all three");
	free(bad);
	/* BFD intervals on an interface whose peer does not run BFD */
	bad = fx_replace(t, " peer 10.10.1.6 bfd\n", "");
	fx_read_fails(V, bad, (unsigned)fx_line_no(t, " bfd min-transmit-interval 300"), "no peer");
	free(bad);
	/* an import policy that sets attributes */
	at = fx_line_no(t, "route-policy ECRC-IN-cpe1-up permit node 10");
	bad = fx_replace(t, " if-match ip address prefix-list ECRC-IN-cpe1-up\n",
	                 " if-match ip address prefix-list ECRC-IN-cpe1-up\n apply cost 5\n");
	fx_read_fails(V, bad, (unsigned)at, "import policy");
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
	static const char *const good[] = {"GigabitEthernet1/0/1",
	                                   "Ten-GigabitEthernet1/0/49",
	                                   "FortyGigE1/0/53",
	                                   "HundredGigE1/0/1",
	                                   "Twenty-FiveGigE1/0/1",
	                                   "Route-Aggregation1",
	                                   "Ten-GigabitEthernet1/0/49:1",
	                                   "FortyGigE1/0/53:2"};
	static const char *const bad[] = {"XGigabitEthernet0/0/1", "ge-0/0/1", "Ethernet1",
	                                  "Route-Aggregation",
	                                  /* a Layer-2 aggregate carries no routed sub-interface */
	                                  "Bridge-Aggregation2"};
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
	    "h3c-comware",
	    "ip prefix-list ECRC-IN-up1 index 10 permit 10.0.0.0 16 greater-equal 16 less-equal 32\n");
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
