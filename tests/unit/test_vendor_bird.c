/*
 * test_vendor_bird.c: the BIRD 2 backend on a hand-built IR: the essential
 * lines, the round trip through its reader, the real BIRD parser
 * (bird -p -c) accepting the output and refusing a broken or redacted one,
 * and the reader's errors.
 */
#include "ir_sample.h"
#include "inbound_check.h"

#define V (&ecrc_vendor_bird)

static void test_essential_lines(void **state)
{
	(void)state;
	struct ecrc_ir_cpe cpe = sample_ir("bird", "eth1", "eth2");
	char *t = sample_render(V, &cpe);
	assert_true(strncmp(t, "# ecrc " ECRC_VERSION " - design unit-sample sha256 ", 30) == 0);
	sample_has(t, "\nrouter id 10.255.3.2;\n");
	/* the sub-interface with its VLAN, address and MTU (iproute2) */
	sample_has(t, "#   ip link add link eth1 name eth1.2302 type vlan id 2302\n"
	              "#   ip link set dev eth1.2302 mtu 1500 up\n"
	              "#   ip address add 10.254.32.1/30 dev eth1.2302\n");
	/* ECMP into the kernel */
	sample_has(t, "\tmerge paths on limit 2;\n");
	/* anchors and the static uplink's route */
	sample_has(t, "\troute 10.20.0.0/16 blackhole;\n");
	sample_has(t, "\troute 172.18.0.0/16 via 10.254.33.2;\n");
	/* BFD with the design's timers on the interface of the BFD neighbor only */
	sample_has(t,
	           "\tinterface \"eth1.2302\" {\n\t\tmin rx interval 300 ms;\n\t\tmin tx interval 300 ms;\n"
	           "\t\tmultiplier 3;\n\t};\n");
	assert_null(strstr(t, "interface \"eth2.2303\""));
	/* the neighbor with remote AS, timers, key, BFD, filters and limit */
	sample_has(t, "protocol bgp 'ECRC-PEER-10.254.32.2' {\n\tdescription \"vbr-sz-2 pc-sz-2\";\n"
	              "\tlocal 10.254.32.1 as 65031;\n\tneighbor 10.254.32.2 as 64800;\n\thold time 90;\n"
	              "\tkeepalive time 30;\n\tpassword \"Sz-Key.2026\";\n\tbfd on;\n\tipv4 {\n"
	              "\t\timport filter 'ECRC-IN-cpe2-up';\n\t\texport filter 'ECRC-OUT-cpe2-up';\n"
	              "\t\timport limit 100 action restart;\n");
	/* the limit recovers: "action restart" restarts the protocol */
	assert_true(cpe.neighbors[0].max_prefix_recovers);
	/* inbound: exactly the set, then reject; empty: reject only */
	sample_has(t, "filter 'ECRC-IN-cpe2-up' {\n"
	              "\tif net ~ [ 172.16.0.0/15{15,16}, 10.0.0.0/16, 10.100.0.0/16{24,32} ] then accept;\n"
	              "\treject;\n}\n");
	sample_has(t, "filter 'ECRC-IN-cpe2.b' {\n\treject;\n}\n");
	/* outbound: prepend in reverse (prepend() puts one ASN in front), MED, origin, final reject */
	sample_has(t, "\tif net ~ [ 172.20.0.0/14, 10.21.0.0/16 ] then {\n\t\tbgp_path.prepend(65100);\n"
	              "\t\tbgp_path.prepend(65031);\n\t\tbgp_path.prepend(65031);\n\t\tbgp_med = 50;\n"
	              "\t\tbgp_origin = ORIGIN_INCOMPLETE;\n\t\taccept;\n\t}\n\treject;\n}\n");
	free(t);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct ecrc_ir_cpe cpe = sample_ir("bird", "eth1", "eth2");
	cpe.forced = true;
	free(sample_round_trip(V, &cpe));

	/* two static uplinks to one prefix: one multipath route, read back as two */
	static struct ecrc_ir_static two[2] = {
	    {.prefix = {.addr = 0xAC120000u, .len = 16}, .has_next_hop = true, .next_hop = 0x0AFE2002u},
	    {.prefix = {.addr = 0xAC120000u, .len = 16}, .has_next_hop = true, .next_hop = 0x0AFE2102u},
	};
	cpe = sample_ir("bird", "eth1", "eth2");
	cpe.statics = two;
	cpe.n_statics = 2;
	cpe.n_neighbors = 0;
	sample_relink(&cpe);
	char *t = sample_round_trip(V, &cpe);
	sample_has(t, "\troute 172.18.0.0/16 via 10.254.32.2 via 10.254.33.2;\n");
	free(t);

	cpe = sample_ir("bird", "eth1", "eth2");
	cpe.neighbors[0].md5_key = ECRC_REDACTED_PREFIX "ECRC_MD5_KEY>";
	cpe.neighbors[0].md5_redacted = true;
	t = sample_round_trip(V, &cpe);
	sample_has(t, "\tpassword <REDACTED ECRC_MD5_KEY>;\n");
	free(t);
}

static void test_real_bird_parses(void **state)
{
	(void)state;
	if (!sample_have_tool("bird"))
		skip();
	struct ecrc_ir_cpe cpe = sample_ir("bird", "eth1", "eth2");
	char *t = sample_render(V, &cpe);
	char *path = sample_write_temp(t);
	assert_int_equal(sample_run_on("bird -p -c", path), 0);
	unlink(path);
	free(path);

	char *bad = sample_edit(t, "min tx interval", "min tx intervall");
	path = sample_write_temp(bad);
	assert_int_not_equal(sample_run_on("bird -p -c", path), 0);
	unlink(path);
	free(path);
	free(bad);
	free(t);

	cpe.neighbors[0].md5_key = ECRC_REDACTED_PREFIX "ECRC_MD5_KEY>";
	cpe.neighbors[0].md5_redacted = true;
	t = sample_render(V, &cpe);
	path = sample_write_temp(t);
	assert_int_not_equal(sample_run_on("bird -p -c", path), 0);
	unlink(path);
	free(path);
	free(t);
}

static void test_reader_errors(void **state)
{
	(void)state;
	struct ecrc_ir_cpe cpe = sample_ir("bird", "eth1", "eth2");
	char *t = sample_render(V, &cpe);
	struct {
		const char *from, *to, *error;
	} cases[] = {
	    {"\treject;\n}\n\nfilter 'ECRC-OUT-cpe2-up'", "}\n\nfilter 'ECRC-OUT-cpe2-up'",
	     "expected \"if\" or \"reject\""},
	    {"\tbfd on;\n", "", "no \"bfd on\""},
	    {"\thold time 90;\n", "\thold time 90;\n\tmultihop;\n", "unsupported bgp option \"multihop\""},
	    {"import filter 'ECRC-IN-cpe2-up'", "import filter 'NOPE'", "filter NOPE is not defined"},
	    {"#   ip address add 10.254.32.1/30 dev eth1.2302\n", "", "no \"ip address add\" line"},
	    {"\t\tbgp_med = 50;\n", "\t\tbgp_local_pref = 50;\n",
	     "sets bgp_local_pref; ecrc sets it inbound only"},
	    {"# ecrc ", "# ecrX ", "no ecrc header"},
	    {"172.16.0.0/15{15,16}", "172.16.0.0/15{17,16}", "expected a prefix pattern"},
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
	struct ecrc_ir_cpe cpe = sample_ir("bird", "eth1", "eth2");
	cpe.ifaces[1].parent = cpe.ifaces[0].parent;
	cpe.ifaces[1].vlan = 0; /* a jumbo port, and a 1500-byte VLAN on it */
	sample_relink(&cpe);
	char *t = sample_round_trip(V, &cpe);
	sample_has(t, "#   ip address add 10.254.33.1/30 dev eth1\n");
	assert_null(strstr(t, "name eth1.0"));
	if (sample_have_tool("bird")) {
		char *path = sample_write_temp(t);
		assert_int_equal(sample_run_on("bird -p -c", path), 0);
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
	inbound_check("bird", "if net ~ [ 10.0.0.0/16{16,32} ] then accept;\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_inbound_vswitch_routes),
	    cmocka_unit_test(test_essential_lines),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_untagged_port),
	    cmocka_unit_test(test_real_bird_parses),
	    cmocka_unit_test(test_reader_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
