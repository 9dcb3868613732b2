/*
 * test_vendor_frr.c: the FRR backend on a hand-built IR: the essential
 * lines, the round trip through its reader, the real FRR parser (vtysh -C)
 * accepting the output and refusing a broken or redacted one, and the
 * reader's errors.
 */
#include "ir_sample.h"
#include "inbound_check.h"

#define V (&ecrc_vendor_frr)

static void test_essential_lines(void **state)
{
	(void)state;
	struct ecrc_ir_cpe cpe = sample_ir("frr", "eth1", "eth2");
	char *t = sample_render(V, &cpe);
	/* the header first, no timestamp */
	assert_true(strncmp(t, "! ecrc " ECRC_VERSION " - design unit-sample sha256 0123456789abcdef", 38) ==
	            0);
	sample_has(t, "- cpe cpe2 (frr)\n");
	/* sub-interface with its VLAN (kernel side, then zebra side) */
	sample_has(t, "!   ip link add link eth1 name eth1.2302 type vlan id 2302\n");
	sample_has(
	    t,
	    "!   ip link set dev eth2 mtu 8500\n!   ip link add link eth2 name eth2.2303 type vlan id 2303\n"
	    "!   ip link set dev eth2.2303 mtu 8500 up\n");
	sample_has(
	    t,
	    "\ninterface eth1.2302\n description to vbr-sz-2 on pc-sz-2\n ip address 10.254.32.1/30\nexit\n");
	/* anchors, and the static route of the static uplink */
	sample_has(t, "\nip route 10.20.0.0/16 blackhole\n");
	sample_has(t, "\nip route 172.18.0.0/16 10.254.33.2\n");
	/* BFD with the design's timers on the profile the neighbor uses */
	sample_has(t, "\nbfd\n profile ECRC-BFD-300-300-3\n  transmit-interval 300\n  receive-interval 300\n"
	              "  detect-multiplier 3\n exit\nexit\n");
	sample_has(t, " neighbor 10.254.32.2 bfd\n neighbor 10.254.32.2 bfd profile ECRC-BFD-300-300-3\n");
	assert_null(strstr(t, "neighbor 10.254.33.2 bfd"));
	/* neighbor with remote AS, description, key, timers */
	sample_has(t, "\nrouter bgp 65031\n bgp router-id 10.255.3.2\n");
	sample_has(
	    t, " neighbor 10.254.32.2 remote-as 64800\n neighbor 10.254.32.2 description vbr-sz-2 pc-sz-2\n"
	       " neighbor 10.254.32.2 password Sz-Key.2026\n neighbor 10.254.32.2 timers 30 90\n");
	sample_has(t, " neighbor 10.254.33.2 timers 10 30\n");
	/* inbound: exactly the list, then deny; an empty list has no permit term */
	sample_has(t, "ip prefix-list ECRC-IN-cpe2-up seq 5 permit 172.16.0.0/15 le 16\n"
	              "ip prefix-list ECRC-IN-cpe2-up seq 10 permit 10.0.0.0/16\n"
	              "ip prefix-list ECRC-IN-cpe2-up seq 15 permit 10.100.0.0/16 ge 24\n");
	sample_has(t, "route-map ECRC-IN-cpe2.b deny 65535\n");
	assert_null(strstr(t, "route-map ECRC-IN-cpe2.b permit"));
	/* outbound with prepend, MED, origin, and the final reject */
	sample_has(t,
	           "route-map ECRC-OUT-cpe2-up permit 20\n match ip address prefix-list ECRC-OUT-cpe2-up-2\n"
	           " set as-path prepend 65031 65031 65100\n set metric 50\n set origin incomplete\nexit\n"
	           "route-map ECRC-OUT-cpe2-up deny 65535\nexit\n");
	/* the anchor is announced, the policies applied, the limit and ECMP set */
	sample_has(t, "  network 10.20.0.0/16\n");
	assert_null(strstr(t, "network 172.18.0.0/16"));
	sample_has(t, "  neighbor 10.254.32.2 route-map ECRC-IN-cpe2-up in\n"
	              "  neighbor 10.254.32.2 route-map ECRC-OUT-cpe2-up out\n"
	              "  neighbor 10.254.32.2 maximum-prefix 100 80 restart 5\n");
	sample_has(t, "  maximum-paths 2\n exit-address-family\n");
	free(t);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct ecrc_ir_cpe cpe = sample_ir("frr", "eth1", "eth2");
	cpe.forced = true;
	char *t = sample_round_trip(V, &cpe);
	assert_true(strncmp(t, "! WARNING: emitted with --force", 31) == 0);
	free(t);

	/* the comparison is not blind: a changed MED is seen */
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_ir_cpe *back;
	char err[256], why[256];
	t = sample_render(V, &cpe);
	assert_int_equal(V->read(t, strlen(t), a, &back, err, sizeof err), 0);
	back->neighbors[0].export_terms[1].med = 51;
	assert_false(ecrc_ir_equal(&cpe, back, why, sizeof why));
	assert_non_null(strstr(why, "MED"));
	ecrc_arena_free(a);
	free(t);

	/* a CPE with static routing only: no BGP process at all */
	cpe = sample_ir("frr", "eth1", "eth2");
	cpe.n_neighbors = 0;
	sample_relink(&cpe);
	cpe.n_statics = 0;
	t = sample_round_trip(V, &cpe);
	assert_null(strstr(t, "router bgp"));
	free(t);
}

static void test_real_frr_parses(void **state)
{
	(void)state;
	if (!sample_have_tool("vtysh"))
		skip();
	struct ecrc_ir_cpe cpe = sample_ir("frr", "eth1", "eth2");
	char *t = sample_render(V, &cpe);
	char *path = sample_write_temp(t);
	assert_int_equal(sample_run_on("vtysh -C -f", path), 0);
	unlink(path);
	free(path);

	/* the check is real: a misspelt keyword is refused */
	char *bad = sample_edit(t, "detect-multiplier 3", "detect-multiplyer 3");
	path = sample_write_temp(bad);
	assert_int_not_equal(sample_run_on("vtysh -C -f", path), 0);
	unlink(path);
	free(path);
	free(bad);
	free(t);

	/* and so is a redacted file: it cannot be loaded as is */
	cpe.neighbors[0].md5_key = ECRC_REDACTED_PREFIX "ECRC_MD5_KEY>";
	cpe.neighbors[0].md5_redacted = true;
	t = sample_render(V, &cpe);
	sample_has(t, "! WARNING: secrets redacted");
	sample_has(t, " neighbor 10.254.32.2 password <REDACTED ECRC_MD5_KEY>\n");
	path = sample_write_temp(t);
	assert_int_not_equal(sample_run_on("vtysh -C -f", path), 0);
	unlink(path);
	free(path);
	free(t);
}

static void test_redacted_round_trip(void **state)
{
	(void)state;
	struct ecrc_ir_cpe cpe = sample_ir("frr", "eth1", "eth2");
	cpe.neighbors[0].md5_key = ECRC_REDACTED_PREFIX "ECRC_MD5_KEY>";
	cpe.neighbors[0].md5_redacted = true;
	free(sample_round_trip(V, &cpe));
}

static void test_reader_errors(void **state)
{
	(void)state;
	struct ecrc_ir_cpe cpe = sample_ir("frr", "eth1", "eth2");
	char *t = sample_render(V, &cpe);
	struct {
		const char *from, *to, *error;
	} cases[] = {
	    {"route-map ECRC-OUT-cpe2-up deny 65535\nexit\n", "", "does not end in a reject term"},
	    {" neighbor 10.254.32.2 timers 30 90\n", " neighbor 10.254.32.2 update-source lo\n",
	     "unsupported neighbor command"},
	    {"  neighbor 10.254.32.2 route-map ECRC-IN-cpe2-up in\n", "", "no import policy"},
	    {"ip route 10.21.0.0/16 blackhole\n", "", "has no discard (null) route"},
	    {"! ecrc ", "! ecrX ", "no ecrc header"},
	    {"!   ip link add link eth1 name eth1.2302 type vlan id 2302\n!   ip link set dev eth1.2302 mtu "
	     "1500 up\n",
	     "", "not a VLAN device"},
	    {"ip prefix-list ECRC-IN-cpe2-up seq 10 permit 10.0.0.0/16\n",
	     "ip prefix-list ECRC-IN-cpe2-up seq 10 deny 10.0.0.0/16\n", "only permit"},
	    {" set metric 50\n", " set metric 50\n set local-preference 200\n",
	     "sets local-preference; ecrc sets it inbound only"},
	    {" set metric 50\n", " set metric 50\n set tag 7\n", "unsupported route-map command"},
	    {" neighbor 10.254.32.2 bfd profile ECRC-BFD-300-300-3\n",
	     " neighbor 10.254.32.2 bfd profile NOPE\n", "BFD profile NOPE is not defined"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *s = sample_edit(t, cases[i].from, cases[i].to);
		sample_read_fails(V, s, cases[i].error);
		free(s);
	}
	free(t);
}

/* VLAN 0: Alibaba's untagged circuit, a routed port: the address goes on
 * the port itself, next to a tagged sub-interface of the same port. */
static void test_untagged_port(void **state)
{
	(void)state;
	struct ecrc_ir_cpe cpe = sample_ir("frr", "eth1", "eth2");
	cpe.ifaces[1].parent = cpe.ifaces[0].parent;
	cpe.ifaces[1].vlan = 0; /* a jumbo port, and a 1500-byte VLAN on it */
	sample_relink(&cpe);
	char *t = sample_round_trip(V, &cpe);
	sample_has(t, "!   ip link set dev eth1.2302 mtu 1500 up\n!   ip link set dev eth1 mtu 8500 up\n");
	sample_has(t, "\ninterface eth1\n description to vbr-sz-3 on pc-sz-3\n ip address 10.254.33.1/30\n");
	if (sample_have_tool("vtysh")) {
		char *path = sample_write_temp(t);
		assert_int_equal(sample_run_on("vtysh -C -f", path), 0);
		unlink(path);
		free(path);
	}
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
	inbound_check("frr", "ip prefix-list ECRC-IN-up1 seq 5 permit 10.0.0.0/16 le 32\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_inbound_vswitch_routes),
	    cmocka_unit_test(test_essential_lines),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_untagged_port),
	    cmocka_unit_test(test_real_frr_parses),
	    cmocka_unit_test(test_redacted_round_trip),
	    cmocka_unit_test(test_reader_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
