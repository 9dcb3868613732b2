/*
 * test_emit_lower.c: design -> CPE IR. A design written for the test
 * exercises what the fixtures do not: reachability through an ECR to a
 * directly associated VPC (with a secondary CIDR) and to a transit router
 * whose association lists allowed prefixes; export terms grouped by their
 * attributes with prepend and origin-as-path; anchors deduplicated; an
 * uplink with static routing; <accept> ranges; long ids cut to the name
 * limit; MD5 keys from the (injected) environment, missing, unusable or
 * redacted; and the platform limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emit/emit.h"
#include "lint/lint.h"

#define LONG_ID "uplink-with-a-rather-long-name-that-goes-on.and.on-and-on-xyz"

static const char design_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<design name=\"lower-unit\" version=\"1\">\n"
    "  <datacenter id=\"idc\">\n"
    "    <prefix>192.168.0.0/16</prefix>\n"
    "    <prefix>10.99.0.0/16</prefix>\n"
    "    <cpe id=\"cpe1\" vendor=\"frr\" hostname=\"C1\" asn=\"65001\" router-id=\"10.255.0.1\">\n"
    "      <uplink id=\"up-a\" connection=\"pc-1\" interface=\"eth1\" vlan=\"100\" address=\"10.1.1.1/30\">\n"
    "        <bgp neighbor=\"10.1.1.2\" remote-asn=\"64512\" auth-key-env=\"K1\" max-prefixes=\"50\">\n"
    "          <bfd min-tx=\"300\" min-rx=\"350\" multiplier=\"4\"/>\n"
    "          <advertise prefix=\"192.168.0.0/16\"/>\n"
    "          <advertise prefix=\"10.99.0.0/16\" as-path-prepend=\"1\" origin-as-path=\"65100 65101\""
    " med=\"10\" origin=\"incomplete\"/>\n"
    "          <advertise prefix=\"192.168.1.0/24\" as-path-prepend=\"1\" origin-as-path=\"65100 65101\""
    " med=\"10\" origin=\"incomplete\"/>\n"
    "        </bgp>\n"
    "      </uplink>\n"
    "      <uplink id=\"up-static\" connection=\"pc-3\" interface=\"eth2\" vlan=\"300\""
    " address=\"10.3.3.1/30\" mtu=\"8500\"/>\n"
    "    </cpe>\n"
    "    <cpe id=\"cpe2\" vendor=\"cisco-iosxe\" asn=\"65002\">\n"
    "      <uplink id=\"" LONG_ID "\" connection=\"pc-2\" interface=\"GigabitEthernet0/0/1\" vlan=\"200\""
    " address=\"10.2.2.1/30\">\n"
    "        <bgp neighbor=\"10.2.2.2\" remote-asn=\"64512\" keepalive=\"10\" hold=\"30\">\n"
    "          <accept prefix=\"172.16.0.0/12\" le=\"24\"/>\n"
    "          <accept prefix=\"10.0.0.0/16\"/>\n"
    "          <accept prefix=\"10.5.0.0/16\" ge=\"20\"/>\n"
    "        </bgp>\n"
    "      </uplink>\n"
    "    </cpe>\n"
    "  </datacenter>\n"
    "  <cloud provider=\"alibaba\">\n"
    "    <ecr id=\"ecr\" asn=\"64512\">\n"
    "      <associate vbr=\"vbr-1\"/>\n"
    "      <associate vbr=\"vbr-2\"/>\n"
    "      <associate vbr=\"vbr-3\"/>\n"
    "      <associate vpc=\"vpc-direct\"/>\n"
    "      <associate transit-router=\"tr\"><allowed-prefix>172.16.0.0/12</allowed-prefix></associate>\n"
    "    </ecr>\n"
    "    <region id=\"cn-beijing\">\n"
    "      <physical-connection id=\"pc-1\"/>\n"
    "      <physical-connection id=\"pc-2\"/>\n"
    "      <physical-connection id=\"pc-3\"/>\n"
    "      <vbr id=\"vbr-1\" connection=\"pc-1\" vlan=\"100\" local-address=\"10.1.1.2/30\""
    " peer-address=\"10.1.1.1\"><bgp-peer peer-asn=\"65001\" auth=\"md5\"><bfd/></bgp-peer></vbr>\n"
    "      <vbr id=\"vbr-2\" connection=\"pc-2\" vlan=\"200\" local-address=\"10.2.2.2/30\""
    " peer-address=\"10.2.2.1\"><bgp-peer peer-asn=\"65002\"/></vbr>\n"
    "      <vbr id=\"vbr-3\" connection=\"pc-3\" vlan=\"300\" local-address=\"10.3.3.2/30\""
    " peer-address=\"10.3.3.1\" routing=\"static\" mtu=\"8500\"/>\n"
    "      <transit-router id=\"tr\"><attach vpc=\"vpc-tr\"/></transit-router>\n"
    "      <vpc id=\"vpc-direct\" cidr=\"10.0.0.0/16\"><cidr>10.5.0.0/16</cidr></vpc>\n"
    "      <vpc id=\"vpc-tr\" cidr=\"172.16.0.0/16\"/>\n"
    "      <vpc id=\"vpc-own\" cidr=\"192.168.7.0/24\"/>\n"
    "    </region>\n"
    "  </cloud>\n"
    "</design>\n";

struct fixture {
	struct ecrc_design *d;
	struct ecrc_diags diags;
	struct ecrc_arena *arena;
};

static const char *env_with_key(const char *name)
{
	return strcmp(name, "K1") == 0 ? "Key-One.1" : NULL;
}
static const char *env_empty(const char *name)
{
	(void)name;
	return NULL;
}
static const char *env_bad_key(const char *name)
{
	(void)name;
	return "two words";
}
static const char *env_long_key(const char *name)
{
	(void)name;
	return "Abcdefghij-0123456789-abcdefghij"; /* 32 characters */
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	bool fatal = false;
	ecrc_diags_init(&f->diags);
	f->d = ecrc_load_memory("lower-unit.xml", design_xml, strlen(design_xml), &f->diags, &fatal);
	if (!f->d || !ecrc_design_intact(&f->diags)) {
		for (size_t i = 0; i < f->diags.n; i++)
			fprintf(stderr, "%u:%u: %s\n", f->diags.v[i].loc.line, f->diags.v[i].loc.col,
			        f->diags.v[i].message);
		return -1;
	}
	ecrc_diags_free(&f->diags);
	ecrc_diags_init(&f->diags);
	f->arena = ecrc_arena_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	ecrc_arena_free(f->arena);
	ecrc_diags_free(&f->diags);
	ecrc_design_free(f->d);
	free(f);
	return 0;
}

static struct ecrc_cpe *cpe_of(const struct ecrc_design *d, const char *id)
{
	for (struct ecrc_cpe *c = d->dcs->cpes; c; c = c->next)
		if (strcmp(c->id, id) == 0)
			return c;
	fail_msg("no CPE %s", id);
	return NULL;
}

static void assert_net(struct ecrc_ipnet p, const char *want)
{
	char b[19];
	assert_string_equal(ecrc_fmt_ipnet(p, b), want);
}

static void test_bgp_uplink(void **state)
{
	struct fixture *f = *state;
	struct ecrc_lower_options opt = {.getenv_fn = env_with_key};
	struct ecrc_ir_cpe *ir = ecrc_lower_cpe(f->d, cpe_of(f->d, "cpe1"), &opt, f->arena, &f->diags);
	assert_non_null(ir);
	assert_string_equal(ir->vendor, "frr");
	assert_string_equal(ir->hostname, "C1");
	assert_string_equal(ir->design_name, "lower-unit");
	assert_int_equal(ir->asn, 65001);
	assert_int_equal(ir->maximum_paths, 2);

	assert_int_equal(ir->n_ifaces, 2);
	assert_string_equal(ir->ifaces[0].parent, "eth1");
	assert_int_equal(ir->ifaces[0].vlan, 100);
	assert_net(ir->ifaces[0].address, "10.1.1.1/30");
	assert_string_equal(ir->ifaces[0].description, "to vbr-1 on pc-1");
	assert_int_equal(ir->ifaces[1].mtu, 8500);

	assert_int_equal(ir->n_neighbors, 1);
	const struct ecrc_ir_neighbor *nb = &ir->neighbors[0];
	char a[16];
	assert_string_equal(ecrc_fmt_ipv4(nb->address, a), "10.1.1.2");
	assert_int_equal(nb->remote_as, 64512);
	assert_string_equal(nb->description, "vbr-1 pc-1");
	assert_true(nb->timers_default);
	assert_string_equal(nb->md5_key, "Key-One.1");
	assert_false(nb->md5_redacted);
	assert_true(nb->bfd);
	assert_int_equal(nb->bfd_min_tx_ms, 300);
	assert_int_equal(nb->bfd_min_rx_ms, 350);
	assert_int_equal(nb->bfd_multiplier, 4);
	assert_int_equal(nb->max_prefixes, 50);
	assert_string_equal(nb->vbr_id, "vbr-1");

	/* inbound: every route inside the ECR's VPC (both CIDRs, le 32: the
	 * cloud sends the vSwitch routes, not the blocks), exactly the TR's
	 * allowed prefix instead of its VPC, never a data center prefix
	 * (vpc-own is not associated anyway) */
	assert_string_equal(nb->import_policy, "ECRC-IN-up-a");
	assert_string_equal(nb->import_list.name, "ECRC-IN-up-a");
	assert_int_equal(nb->import_list.n_entries, 3);
	assert_net(nb->import_list.entries[0].prefix, "10.0.0.0/16");
	assert_net(nb->import_list.entries[1].prefix, "10.5.0.0/16");
	assert_net(nb->import_list.entries[2].prefix, "172.16.0.0/12");
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(nb->import_list.entries[i].ge, 16);
		assert_int_equal(nb->import_list.entries[i].le, 32);
	}
	assert_true(nb->import_list.entries[2].ge == 0 && nb->import_list.entries[2].le == 0);

	/* outbound: grouped by attributes, in prefix order; the prepend is the
	 * VBR's AS_PATH without the first CPE ASN (the router adds it) */
	assert_string_equal(nb->export_policy, "ECRC-OUT-up-a");
	assert_int_equal(nb->n_export_terms, 2);
	const struct ecrc_ir_export_term *t = &nb->export_terms[0];
	assert_string_equal(t->match.name, "ECRC-OUT-up-a-1");
	assert_int_equal(t->match.n_entries, 2);
	assert_net(t->match.entries[0].prefix, "10.99.0.0/16");
	assert_net(t->match.entries[1].prefix, "192.168.1.0/24");
	assert_int_equal(t->n_prepend, 3);
	assert_int_equal(t->prepend[0], 65001);
	assert_int_equal(t->prepend[1], 65100);
	assert_int_equal(t->prepend[2], 65101);
	assert_true(t->has_med);
	assert_int_equal(t->med, 10);
	assert_int_equal(t->origin, ECRC_IR_ORIGIN_INCOMPLETE);
	t = &nb->export_terms[1];
	assert_string_equal(t->match.name, "ECRC-OUT-up-a-2");
	assert_int_equal(t->match.n_entries, 1);
	assert_net(t->match.entries[0].prefix, "192.168.0.0/16");
	assert_int_equal(t->n_prepend, 0);
	assert_false(t->has_med);
	assert_int_equal(t->origin, ECRC_IR_ORIGIN_IGP);

	/* anchors first (one per advertised prefix), then the static uplink's
	 * routes to the reachable cloud prefixes via its VBR */
	assert_int_equal(ir->n_statics, 6);
	assert_net(ir->statics[0].prefix, "10.99.0.0/16");
	assert_net(ir->statics[1].prefix, "192.168.0.0/16");
	assert_net(ir->statics[2].prefix, "192.168.1.0/24");
	for (size_t i = 0; i < 3; i++)
		assert_false(ir->statics[i].has_next_hop);
	assert_net(ir->statics[3].prefix, "10.0.0.0/16");
	assert_net(ir->statics[5].prefix, "172.16.0.0/12");
	for (size_t i = 3; i < 6; i++) {
		assert_true(ir->statics[i].has_next_hop);
		assert_string_equal(ecrc_fmt_ipv4(ir->statics[i].next_hop, a), "10.3.3.2");
	}
}

static void test_accept_and_long_names(void **state)
{
	struct fixture *f = *state;
	struct ecrc_lower_options opt = {.getenv_fn = env_empty};
	struct ecrc_ir_cpe *ir = ecrc_lower_cpe(f->d, cpe_of(f->d, "cpe2"), &opt, f->arena, &f->diags);
	assert_non_null(ir);
	assert_string_equal(ir->hostname, "cpe2"); /* defaults to the id */
	const struct ecrc_ir_neighbor *nb = &ir->neighbors[0];
	assert_null(nb->md5_key);
	assert_false(nb->bfd);
	assert_false(nb->timers_default);
	assert_int_equal(nb->keepalive_s, 10);
	assert_int_equal(nb->hold_s, 30);
	/* the <accept> entries as written, ranges normalised */
	assert_int_equal(nb->import_list.n_entries, 3);
	assert_int_equal(nb->import_list.entries[0].ge, 12);
	assert_int_equal(nb->import_list.entries[0].le, 24);
	assert_int_equal(nb->import_list.entries[1].ge, 0);
	assert_int_equal(nb->import_list.entries[1].le, 0);
	assert_int_equal(nb->import_list.entries[2].ge, 20);
	assert_int_equal(nb->import_list.entries[2].le, 32);
	/* no <advertise>: every data center prefix, default attributes, one term */
	assert_int_equal(nb->n_export_terms, 1);
	assert_int_equal(nb->export_terms[0].match.n_entries, 2);
	/* names fit ECRC_IR_NAME_MAX with the term suffix, and stay distinct */
	assert_true(strlen(nb->import_policy) <= ECRC_IR_NAME_MAX - 5);
	assert_true(strlen(nb->export_terms[0].match.name) <= ECRC_IR_NAME_MAX);
	assert_true(strncmp(nb->export_policy, "ECRC-OUT-uplink-with-a-rather-long", 34) == 0);
	assert_string_not_equal(nb->import_policy, nb->export_policy);
	/* the same long id always gives the same name */
	struct ecrc_ir_cpe *again = ecrc_lower_cpe(f->d, cpe_of(f->d, "cpe2"), &opt, f->arena, &f->diags);
	assert_string_equal(again->neighbors[0].export_policy, nb->export_policy);
}

static void test_secrets(void **state)
{
	struct fixture *f = *state;
	const struct ecrc_cpe *cpe = cpe_of(f->d, "cpe1");

	struct ecrc_lower_options opt = {.getenv_fn = env_empty};
	assert_null(ecrc_lower_cpe(f->d, cpe, &opt, f->arena, &f->diags));
	assert_int_equal(f->diags.n, 1);
	assert_non_null(strstr(f->diags.v[0].message, "environment variable K1"));
	assert_non_null(strstr(f->diags.v[0].message, "up-a"));
	assert_int_equal(f->diags.v[0].loc.line, 8); /* the <bgp> with auth-key-env */
	ecrc_diags_free(&f->diags);
	ecrc_diags_init(&f->diags);

	opt.getenv_fn = env_bad_key;
	assert_null(ecrc_lower_cpe(f->d, cpe, &opt, f->arena, &f->diags));
	assert_non_null(strstr(f->diags.v[0].message, "cannot carry"));
	assert_null(strstr(f->diags.v[0].message, "two words")); /* the key is never echoed */
	ecrc_diags_free(&f->diags);
	ecrc_diags_init(&f->diags);

	/* redacted: the marked placeholder, no environment needed */
	opt.getenv_fn = env_empty;
	opt.redact_secrets = true;
	struct ecrc_ir_cpe *ir = ecrc_lower_cpe(f->d, cpe, &opt, f->arena, &f->diags);
	assert_non_null(ir);
	assert_true(ir->neighbors[0].md5_redacted);
	assert_string_equal(ir->neighbors[0].md5_key, ECRC_REDACTED_PREFIX "K1>");
}

static bool last_error_has(const struct ecrc_diags *d, const char *what)
{
	return d->n && strstr(d->v[d->n - 1].message, what) != NULL;
}

static void test_vendor_limits(void **state)
{
	struct fixture *f = *state;
	struct ecrc_cpe *cpe1 = cpe_of(f->d, "cpe1");
	struct ecrc_cpe *cpe2 = cpe_of(f->d, "cpe2");
	struct ecrc_lower_options opt = {.getenv_fn = env_with_key, .vendor_override = "cisco-iosxe"};
	struct ecrc_ir_cpe *ir = ecrc_lower_cpe(f->d, cpe1, &opt, f->arena, &f->diags);
	assert_non_null(ir);
	assert_string_equal(ir->vendor, "cisco-iosxe");
	assert_int_equal(f->diags.n, 0);

	/* IOS-XE takes keys of 25 characters, BFD multipliers from 3, hold 0 or >= 3 */
	opt.getenv_fn = env_long_key;
	assert_null(ecrc_lower_cpe(f->d, cpe1, &opt, f->arena, &f->diags));
	assert_true(last_error_has(&f->diags, "32 characters; cisco-iosxe accepts at most 25"));
	opt.vendor_override = "frr"; /* FRR takes 80 */
	assert_non_null(ecrc_lower_cpe(f->d, cpe1, &opt, f->arena, &f->diags));
	opt.getenv_fn = env_with_key;
	opt.vendor_override = "cisco-iosxe";
	cpe1->uplinks->bgp->bfd->multiplier = 2;
	assert_null(ecrc_lower_cpe(f->d, cpe1, &opt, f->arena, &f->diags));
	assert_true(
	    last_error_has(&f->diags, "BFD multiplier 2 is outside what cisco-iosxe accepts (3..50)"));
	opt.vendor_override = "frr";
	assert_non_null(ecrc_lower_cpe(f->d, cpe1, &opt, f->arena, &f->diags));
	cpe1->uplinks->bgp->bfd->multiplier = 4;

	/* BIRD: keepalive within the hold time, and no keepalive without one */
	opt.vendor_override = "bird";
	assert_non_null(ecrc_lower_cpe(f->d, cpe2, &opt, f->arena, &f->diags));
	cpe2->uplinks->bgp->keepalive_s = 40;
	assert_null(ecrc_lower_cpe(f->d, cpe2, &opt, f->arena, &f->diags));
	assert_true(last_error_has(&f->diags, "keepalive 40 s with hold time 30 s"));
	cpe2->uplinks->bgp->keepalive_s = 1;
	cpe2->uplinks->bgp->hold_s = 2;
	assert_null(ecrc_lower_cpe(f->d, cpe2, &opt, f->arena, &f->diags));
	assert_true(last_error_has(&f->diags, "hold time 2 s: bird accepts 0 or 3..65535"));
	cpe2->uplinks->bgp->keepalive_s = 10;
	cpe2->uplinks->bgp->hold_s = 30;
	cpe2->uplinks->bgp->max_prefixes = 3000000000u;
	opt.vendor_override = "cisco-iosxe";
	assert_null(ecrc_lower_cpe(f->d, cpe2, &opt, f->arena, &f->diags));
	assert_true(last_error_has(&f->diags, "max-prefixes 3000000000: cisco-iosxe accepts 1..2147483647"));
	cpe2->uplinks->bgp->max_prefixes = 1000;

	/* VLAN 0 (a routed port) lowers like any other; the backends put the
	 * address on the port itself */
	cpe2->uplinks->vlan = 0;
	ir = ecrc_lower_cpe(f->d, cpe2, &opt, f->arena, &f->diags);
	assert_non_null(ir);
	assert_int_equal(ir->ifaces[0].vlan, 0);
	cpe2->uplinks->vlan = 200;

	/* an unknown vendor is an error, not a crash */
	opt.vendor_override = "nokia-sros";
	assert_null(ecrc_lower_cpe(f->d, cpe2, &opt, f->arena, &f->diags));
	assert_true(last_error_has(&f->diags, "unknown vendor"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_bgp_uplink, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_accept_and_long_names, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_secrets, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_vendor_limits, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
