/*
 * test_vendor_iosxe.c: the Cisco IOS-XE backend on a hand-built IR. No IOS
 * parser runs on Debian, so the platform's essential lines are asserted one
 * by one (docs/vendors/cisco-iosxe.md cites where each comes from), then
 * the round trip through the reader and the reader's errors.
 */
#include "ir_sample.h"
#include "inbound_check.h"

#define V (&ecrc_vendor_cisco_iosxe)

static void test_essential_lines(void **state)
{
	(void)state;
	struct ecrc_ir_cpe cpe = sample_ir("cisco-iosxe", "GigabitEthernet0/0/1", "GigabitEthernet0/0/2");
	char *t = sample_render(V, &cpe);
	assert_true(strncmp(t, "! ecrc " ECRC_VERSION " - design unit-sample sha256 ", 30) == 0);
	sample_has(t, "\nhostname SZ-CPE2\n");
	/* parent ports up; the jumbo one carries the MTU its sub-interface needs */
	sample_has(t, "\ninterface GigabitEthernet0/0/1\n no shutdown\n");
	sample_has(t, "\ninterface GigabitEthernet0/0/2\n mtu 8500\n no shutdown\n");
	/* the sub-interface with its VLAN, address, MTU, and BFD with the design's timers */
	sample_has(t, "\ninterface GigabitEthernet0/0/1.2302\n description to vbr-sz-2 on pc-sz-2\n"
	              " encapsulation dot1Q 2302\n ip address 10.254.32.1 255.255.255.252\n ip mtu 1500\n"
	              " bfd interval 300 min_rx 300 multiplier 3\n no bfd echo\n no shutdown\n");
	sample_has(t, "\ninterface GigabitEthernet0/0/2.2303\n description to vbr-sz-3 on pc-sz-3\n"
	              " encapsulation dot1Q 2303\n ip address 10.254.33.1 255.255.255.252\n ip mtu 8500\n"
	              " no shutdown\n");
	/* anchors and the static uplink's route */
	sample_has(t, "\nip route 172.20.0.0 255.252.0.0 Null0\n");
	sample_has(t, "\nip route 172.18.0.0 255.255.0.0 10.254.33.2\n");
	/* inbound list and policy, the empty one denying all */
	sample_has(t, "ip prefix-list ECRC-IN-cpe2-up seq 5 permit 172.16.0.0/15 le 16\n"
	              "ip prefix-list ECRC-IN-cpe2-up seq 10 permit 10.0.0.0/16\n"
	              "ip prefix-list ECRC-IN-cpe2-up seq 15 permit 10.100.0.0/16 ge 24\n"
	              "route-map ECRC-IN-cpe2-up permit 10\n match ip address prefix-list ECRC-IN-cpe2-up\n"
	              "route-map ECRC-IN-cpe2-up deny 65535\n");
	sample_has(t, "!\nroute-map ECRC-IN-cpe2.b deny 65535\n!\n");
	/* outbound terms and the final deny */
	sample_has(t,
	           "route-map ECRC-OUT-cpe2-up permit 20\n match ip address prefix-list ECRC-OUT-cpe2-up-2\n"
	           " set as-path prepend 65031 65031 65100\n set metric 50\n set origin incomplete\n"
	           "route-map ECRC-OUT-cpe2-up deny 65535\n");
	/* the BGP process */
	sample_has(t, "\nrouter bgp 65031\n bgp router-id 10.255.3.2\n bgp log-neighbor-changes\n"
	              " no bgp default ipv4-unicast\n");
	sample_has(
	    t, " neighbor 10.254.32.2 remote-as 64800\n neighbor 10.254.32.2 description vbr-sz-2 pc-sz-2\n"
	       " neighbor 10.254.32.2 password Sz-Key.2026\n neighbor 10.254.32.2 timers 30 90\n"
	       " neighbor 10.254.32.2 fall-over bfd\n");
	assert_null(strstr(t, "neighbor 10.254.33.2 fall-over bfd"));
	sample_has(t, "  network 172.20.0.0 mask 255.252.0.0\n");
	assert_null(strstr(t, "network 172.18.0.0"));
	sample_has(t, "  neighbor 10.254.32.2 activate\n  neighbor 10.254.32.2 route-map ECRC-IN-cpe2-up in\n"
	              "  neighbor 10.254.32.2 route-map ECRC-OUT-cpe2-up out\n"
	              "  neighbor 10.254.32.2 maximum-prefix 100 80 restart 5\n");
	sample_has(t, "  maximum-paths 2\n exit-address-family\n!\nend\n");
	free(t);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct ecrc_ir_cpe cpe = sample_ir("cisco-iosxe", "GigabitEthernet0/0/1", "Te0/1/0");
	cpe.forced = true;
	free(sample_round_trip(V, &cpe));
	cpe.neighbors[0].md5_key = ECRC_REDACTED_PREFIX "ECRC_MD5_KEY>";
	cpe.neighbors[0].md5_redacted = true;
	char *t = sample_round_trip(V, &cpe);
	sample_has(t, " neighbor 10.254.32.2 password <REDACTED ECRC_MD5_KEY>\n");
	free(t);
	cpe.n_neighbors = 0;
	sample_relink(&cpe);
	cpe.n_statics = 0;
	free(sample_round_trip(V, &cpe));
}

static void test_reader_errors(void **state)
{
	(void)state;
	struct ecrc_ir_cpe cpe = sample_ir("cisco-iosxe", "GigabitEthernet0/0/1", "GigabitEthernet0/0/2");
	char *t = sample_render(V, &cpe);
	struct {
		const char *from, *to, *error;
	} cases[] = {
	    {"route-map ECRC-OUT-cpe2-up deny 65535\n", "", "does not end in a reject term"},
	    {" no bfd echo\n", " no bfd echo\n ip ospf cost 10\n", "unsupported sub-interface command"},
	    {" bfd interval 300 min_rx 300 multiplier 3\n", "", "no BFD intervals"},
	    {" encapsulation dot1Q 2302\n", " encapsulation dot1Q 2399\n",
	     "unsupported sub-interface command"},
	    {"ip route 10.21.0.0 255.255.0.0 Null0\n", "", "has no discard (null) route"},
	    {"  neighbor 10.254.32.2 route-map ECRC-OUT-cpe2-up out\n", "", "no export policy"},
	    {"ip prefix-list ECRC-IN-cpe2-up seq 5 permit 172.16.0.0/15 le 16\n",
	     "ip prefix-list ECRC-IN-cpe2-up seq 5 permit 172.16.0.0/15 le 15\n", "bad range"},
	    {"! ecrc ", "! ecrX ", "no ecrc header"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *s = sample_edit(t, cases[i].from, cases[i].to);
		sample_read_fails(V, s, cases[i].error);
		free(s);
	}
	free(t);
}

static void test_interface_names(void **state)
{
	(void)state;
	assert_true(ecrc_vendor_iface_ok(V, "GigabitEthernet0/0/1"));
	assert_true(ecrc_vendor_iface_ok(V, "TenGigabitEthernet1/0/1"));
	assert_true(ecrc_vendor_iface_ok(V, "Gi0/0/1"));
	assert_true(ecrc_vendor_iface_ok(V, "Port-channel10"));
	assert_true(ecrc_vendor_iface_ok(V, "TenGigabitEthernet0/1/0"));
	assert_true(ecrc_vendor_iface_ok(V, "HundredGigE1/0/3"));
	assert_false(ecrc_vendor_iface_ok(V, "ge-0/0/1"));
	assert_false(ecrc_vendor_iface_ok(V, "eth1"));
	assert_false(ecrc_vendor_iface_ok(V, "GigabitEthernet0/0/1.100"));
	assert_true(ecrc_vendor_iface_ok(&ecrc_vendor_frr, "eth1"));
	assert_true(ecrc_vendor_iface_ok(&ecrc_vendor_bird, "enp3s0f1"));
	assert_false(ecrc_vendor_iface_ok(&ecrc_vendor_frr, "GigabitEthernet0/0/1"));
	assert_false(
	    ecrc_vendor_iface_ok(&ecrc_vendor_bird, "enp129s0f1np1")); /* .VLAN would pass 15 chars */
}

/* VLAN 0: Alibaba's untagged circuit, a routed port: the address goes on
 * the port itself, next to a tagged sub-interface of the same port. */
static void test_untagged_port(void **state)
{
	(void)state;
	struct ecrc_ir_cpe cpe = sample_ir("cisco-iosxe", "GigabitEthernet0/0/1", "GigabitEthernet0/0/2");
	cpe.ifaces[1].parent = cpe.ifaces[0].parent;
	cpe.ifaces[1].vlan = 0; /* a jumbo port, and a 1500-byte VLAN on it */
	sample_relink(&cpe);
	char *t = sample_round_trip(V, &cpe);
	sample_has(t, "\ninterface GigabitEthernet0/0/1\n mtu 8500\n description to vbr-sz-3 on pc-sz-3\n"
	              " ip address 10.254.33.1 255.255.255.252\n ip mtu 8500\n no shutdown\n");
	assert_null(strstr(t, "encapsulation dot1Q 0"));
	assert_null(strstr(t, "interface GigabitEthernet0/0/1.0"));
	free(t);
	/* and the untagged port first */
	struct ecrc_ir_iface swap = cpe.ifaces[0];
	cpe.ifaces[0] = cpe.ifaces[1];
	cpe.ifaces[1] = swap;
	cpe.neighbors[0].iface = 1;
	cpe.neighbors[1].iface = 0;
	sample_relink(&cpe);
	free(sample_round_trip(V, &cpe));
}

/* The default inbound list: every route inside the VPC block (the vSwitch
 * routes the cloud really sends), never the data center's own prefix. */
static void test_inbound_vswitch_routes(void **state)
{
	(void)state;
	inbound_check("cisco-iosxe", "ip prefix-list ECRC-IN-up1 seq 5 permit 10.0.0.0/16 le 32\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_inbound_vswitch_routes),
	    cmocka_unit_test(test_essential_lines),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_untagged_port),
	    cmocka_unit_test(test_reader_errors),
	    cmocka_unit_test(test_interface_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
