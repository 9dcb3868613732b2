/*
 * test_check_running.c: the running-config tables (vendors/running.c) and
 * the --config syntax (check/check.c) on hand-written configs: a policy is
 * evaluated as the router would (first matching term, a deny entry of a
 * list, a term matching on something else, the default), the uplink is
 * found by address, then by port and VLAN, the neighbor inside the subnet;
 * peer-group inheritance; one statement per owner of what is not understood.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check/check.h"

static struct ecrc_check_config *dup_config(const struct ecrc_check_config *c)
{
	struct ecrc_check_config *d = ecrc_xmalloc(sizeof *d);
	*d = *c;
	return d;
}

static struct ecrc_running *read_frr(struct ecrc_arena *a, const char *text)
{
	struct ecrc_running *r = ecrc_arena_alloc(a, sizeof *r);
	char err[256];
	int rc = ecrc_vendor_frr.read_running(text, strlen(text), a, r, err, sizeof err);
	if (rc)
		fail_msg("%s", err);
	return r;
}

static struct ecrc_ipnet net(const char *s)
{
	struct ecrc_ipnet p;
	assert_true(ecrc_parse_ipnet(s, &p));
	return p;
}

static const char policy_conf[] = "ip prefix-list L seq 5 deny 10.1.0.0/16\n"
                                  "ip prefix-list L seq 10 permit 10.0.0.0/8 le 24\n"
                                  "ip prefix-list M seq 5 permit 0.0.0.0/0 le 32\n"
                                  "route-map P permit 10\n"
                                  " match community C\n"
                                  " set metric 7\n"
                                  "route-map P deny 20\n"
                                  " match ip address prefix-list L\n"
                                  "route-map P permit 30\n"
                                  " match ip address prefix-list M\n"
                                  " set as-path prepend 65001 65001\n"
                                  "router bgp 65001\n";

static void test_policy_evaluation(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_running *r = read_frr(a, policy_conf);
	const struct ecrc_run_policy *p = ecrc_running_find_policy(r, "P");
	assert_non_null(p);
	assert_int_equal(p->n, 3);
	struct ecrc_run_verdict v;
	/* term 10 matches on a community only: never a design route; term 20's
	 * list permits 10.2.0.0/16 (the deny entry is for 10.1/16): deny */
	ecrc_running_eval(r, p, net("10.2.0.0/16"), &v);
	assert_false(v.permit);
	assert_int_equal(v.line, 2);
	/* 10.1.0.0/16: the list's deny entry, so term 20 does not match; term 30 permits */
	ecrc_running_eval(r, p, net("10.1.0.0/16"), &v);
	assert_true(v.permit);
	assert_non_null(v.term);
	assert_int_equal(v.term->n_prepend, 2);
	assert_int_equal(v.term->prepend[0], 65001);
	/* a /25 is beyond L's le 24: term 30 */
	ecrc_running_eval(r, p, net("10.2.3.0/25"), &v);
	assert_true(v.permit);
	assert_int_equal(v.line, 3);
	ecrc_arena_free(a);
}

static void test_default_and_empty(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_running *r =
	    read_frr(a, "route-map E permit 10\n match ip address prefix-list NONE\nrouter bgp 1\n");
	const struct ecrc_run_policy *p = ecrc_running_find_policy(r, "E");
	struct ecrc_run_verdict v;
	/* an undefined list matches nothing: the route-map's implicit deny */
	ecrc_running_eval(r, p, net("192.168.0.0/16"), &v);
	assert_false(v.permit);
	assert_null(v.term);
	ecrc_arena_free(a);
}

static const char uplink_conf[] = "interface eth1.1308\n"
                                  " ip address 10.10.1.9/30\n"
                                  "exit\n"
                                  "interface eth2.77\n"
                                  " ip address 10.10.7.1/30\n"
                                  "exit\n"
                                  "router bgp 65003\n"
                                  " neighbor G peer-group\n"
                                  " neighbor G remote-as 64512\n"
                                  " neighbor G timers 30 90\n"
                                  " neighbor G unsuppress-map X\n"
                                  " neighbor 10.10.1.10 peer-group G\n"
                                  " neighbor 10.10.1.10 timers 10 30\n"
                                  " neighbor 10.10.7.2 remote-as 65003\n";

static void test_uplink_finding_and_inheritance(void **state)
{
	(void)state;
	struct ecrc_arena *a = ecrc_arena_new();
	struct ecrc_running *r = read_frr(a, uplink_conf);
	/* the design's address 10.10.1.5 is not configured: found by port and
	 * VLAN; its neighbor 10.10.1.6 neither: the one inside the subnet */
	struct ecrc_ir_iface want = {.parent = "eth1", .vlan = 1308, .address = net("10.10.1.5/30")};
	struct ecrc_run_uplink up;
	ecrc_running_uplink(r, &want, 0x0a0a0106u, &up);
	assert_non_null(up.iface);
	assert_string_equal(up.iface->name, "eth1.1308");
	assert_int_equal(up.iface->vlan, 1308);
	assert_non_null(up.nb);
	assert_int_equal(up.nb->address, 0x0a0a010au);
	/* the group gives the remote AS; the neighbor's own timers win */
	assert_true(up.nb->has_remote_as);
	assert_int_equal(up.nb->remote_as, 64512);
	assert_int_equal(up.nb->remote_as_line, 9);
	assert_int_equal(up.nb->keepalive_s, 10);
	assert_int_equal(up.nb->timers_line, 13);
	/* the group's statement ecrc does not know counts for its member */
	size_t mine = 0;
	for (size_t i = 0; i < r->n_unknown; i++)
		mine +=
		    r->unknown[i].owner == ECRC_RUN_NEIGHBOR && strcmp(r->unknown[i].name, "10.10.1.10") == 0;
	assert_int_equal(mine, 1);
	/* nothing at that port and VLAN, nothing at that address: not configured */
	struct ecrc_ir_iface other = {.parent = "eth9", .vlan = 5, .address = net("10.99.0.1/30")};
	ecrc_running_uplink(r, &other, 0x0a630002u, &up);
	assert_null(up.iface);
	assert_null(up.nb);
	ecrc_arena_free(a);
}

static void test_config_option(void **state)
{
	(void)state;
	struct ecrc_check_config c;
	char err[256];
	assert_true(ecrc_check_parse_config("cpe1=frr:/etc/frr/frr.conf", &c, err, sizeof err));
	assert_string_equal(c.cpe_id, "cpe1");
	assert_ptr_equal(c.vendor, &ecrc_vendor_frr);
	assert_string_equal(c.path, "/etc/frr/frr.conf");
	ecrc_check_configs_free(dup_config(&c), 1);
	/* a colon that names no vendor is part of the path */
	assert_true(ecrc_check_parse_config("cpe2=c:/x.cfg", &c, err, sizeof err));
	assert_null(c.vendor);
	assert_string_equal(c.path, "c:/x.cfg");
	ecrc_check_configs_free(dup_config(&c), 1);
	assert_false(ecrc_check_parse_config("cpe1", &c, err, sizeof err));
	assert_false(ecrc_check_parse_config("=x", &c, err, sizeof err));
	assert_false(ecrc_check_parse_config("cpe1=", &c, err, sizeof err));
	assert_false(ecrc_check_parse_config("cpe1=frr:", &c, err, sizeof err));
	assert_null(c.cpe_id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_policy_evaluation),
	    cmocka_unit_test(test_default_and_empty),
	    cmocka_unit_test(test_uplink_finding_and_inheritance),
	    cmocka_unit_test(test_config_option),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
