/*
 * test_lab_plan.c: the parts of the FRR lab that need no root: the plan
 * (routers, circuits, trunks and their subnets, what the cloud side
 * originates, names that fit Linux and socket paths, what is skipped), the
 * FRR configs it writes for both sides, and the client of FRR's vty socket
 * protocol against a fake daemon; and the engine's prediction for the
 * lab, from the verify library's model of the same design.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "lab/lab.h"

static char *read_fixture(const char *rel)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", ECRC_SOURCE_DIR, rel);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* s with the first `from` replaced by `to` (which must be there). */
static char *replace(char *s, const char *from, const char *to)
{
	char *at = strstr(s, from);
	assert_non_null(at);
	size_t n = strlen(s) - strlen(from) + strlen(to);
	char *out = malloc(n + 1);
	size_t head = (size_t)(at - s);
	memcpy(out, s, head);
	strcpy(out + head, to);
	strcat(out, at + strlen(from));
	free(s);
	return out;
}

struct planned {
	struct ecrc_design *d;
	struct ecrc_diags diags;
	struct ecrc_lab lab;
	char err[512];
	int rc;
};

static void plan(struct planned *p, const char *text, const char *base)
{
	bool fatal = false;
	memset(p, 0, sizeof *p);
	ecrc_diags_init(&p->diags);
	p->d = ecrc_load_memory("t.xml", text, strlen(text), &p->diags, &fatal);
	assert_non_null(p->d);
	ecrc_sha256(p->d->source, p->d->source_len, p->d->sha256);
	p->rc = ecrc_lab_prepare(&p->lab, p->d, base, &p->diags, p->err, sizeof p->err);
}

static void unplan(struct planned *p)
{
	ecrc_lab_free(&p->lab);
	ecrc_design_free(p->d);
	ecrc_diags_free(&p->diags);
}

static void assert_contains(const char *text, const char *line)
{
	if (!strstr(text, line))
		fail_msg("missing \"%s\" in:\n%s", line, text);
}

static const char *addr(uint32_t a, char buf[16])
{
	return ecrc_fmt_ipv4(a, buf);
}

static void test_plan_reference(void **state)
{
	(void)state;
	struct planned p;
	char *text = read_fixture("fixtures/designs/beijing-idc-ecmp.xml");
	char prefix[32], a[16];

	plan(&p, text, "/tmp/ecrc-lab-test");
	assert_int_equal(p.rc, 0);
	struct ecrc_lab *lab = &p.lab;

	/* cpe1, vbr-1, cpe2, vbr-2, then the ECR */
	assert_int_equal(lab->n_routers, 5);
	const char *ids[] = {"cpe1", "vbr-1", "cpe2", "vbr-2", "ecr-1"};
	const enum ecrc_lab_role roles[] = {ECRC_LAB_CPE, ECRC_LAB_VBR, ECRC_LAB_CPE, ECRC_LAB_VBR,
	                                    ECRC_LAB_ECR};
	snprintf(prefix, sizeof prefix, "ecrc-%ld-", (long)getpid());
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(lab->routers[i].id, ids[i]);
		assert_int_equal(lab->routers[i].role, roles[i]);
		assert_true(strncmp(lab->routers[i].name, prefix, strlen(prefix)) == 0);
		assert_string_equal(lab->routers[i].name + strlen(prefix), ids[i]);
		assert_non_null(lab->routers[i].config);
	}
	assert_int_equal(lab->routers[1].asn, 64512); /* the VBR speaks the ECR's ASN */
	assert_int_equal(lab->routers[0].asn, 65003);

	assert_int_equal(lab->n_circuits, 2);
	assert_string_equal(lab->circuits[0].cpe_if, "up0.1308");
	assert_string_equal(lab->circuits[0].vbr_if, "dc.1308");
	assert_string_equal(addr(lab->circuits[0].cpe_addr, a), "10.10.1.5");
	assert_string_equal(addr(lab->circuits[0].vbr_addr, a), "10.10.1.6");
	assert_true(lab->circuits[0].cpe_bfd && lab->circuits[0].vbr_bfd);

	/* one /30 per VBR-ECR link, from 100.64.0.0/10 */
	assert_int_equal(lab->n_trunks, 2);
	assert_string_equal(addr(lab->trunks[0].ecr_addr, a), "100.64.0.1");
	assert_string_equal(addr(lab->trunks[0].vbr_addr, a), "100.64.0.2");
	assert_string_equal(addr(lab->trunks[1].ecr_addr, a), "100.64.0.5");
	assert_string_equal(lab->trunks[1].ecr_if, "vbr1");

	/* the ECR originates what the VPC behind its transit router advertises:
	 * one system route per vSwitch, never the VPC CIDR */
	assert_int_equal(lab->n_origins, 2);
	assert_string_equal(lab->origins[0].router->id, "ecr-1");
	char pfx[19];
	assert_string_equal(ecrc_fmt_ipnet(lab->origins[0].prefix, pfx), "10.0.1.0/24");
	assert_string_equal(ecrc_fmt_ipnet(lab->origins[1].prefix, pfx), "10.0.2.0/24");

	/* next hops map back to the design's VBRs */
	struct ecrc_lab_router *ecr = ecrc_lab_router_find(lab, "ecr-1"),
	                       *cpe1 = ecrc_lab_router_find(lab, "cpe1");
	assert_string_equal(ecrc_lab_next_hop_owner(lab, ecr, lab->trunks[1].vbr_addr), "vbr-2");
	assert_string_equal(ecrc_lab_next_hop_owner(lab, cpe1, lab->circuits[0].vbr_addr), "vbr-1");
	assert_null(ecrc_lab_next_hop_owner(lab, cpe1, lab->circuits[1].vbr_addr));

	/* the routes the report lists: the ECR's DC prefix, each CPE's two
	 * vSwitch routes */
	struct ecrc_lab_route *routes;
	size_t n;
	ecrc_lab_route_subjects(lab, &routes, &n);
	assert_int_equal(n, 5);
	assert_string_equal(routes[0].router, "ecr-1");
	assert_string_equal(ecrc_fmt_ipnet(routes[0].prefix, pfx), "192.168.0.0/16");
	assert_string_equal(routes[1].router, "cpe1");
	assert_string_equal(ecrc_fmt_ipnet(routes[1].prefix, pfx), "10.0.1.0/24");
	assert_string_equal(routes[2].router, "cpe1");
	assert_string_equal(ecrc_fmt_ipnet(routes[2].prefix, pfx), "10.0.2.0/24");
	assert_string_equal(routes[4].router, "cpe2");
	assert_string_equal(ecrc_fmt_ipnet(routes[4].prefix, pfx), "10.0.2.0/24");
	ecrc_lab_routes_free(routes, n);
	assert_int_equal(lab->n_skipped, 0);
	unplan(&p);
	free(text);
}

static void test_cloud_configs(void **state)
{
	(void)state;
	struct planned p;
	char *text = read_fixture("fixtures/designs/beijing-idc-ecmp.xml");

	plan(&p, text, "/tmp/ecrc-lab-test");
	assert_int_equal(p.rc, 0);
	const char *vbr = ecrc_lab_router_find(&p.lab, "vbr-1")->config;
	assert_contains(vbr, "interface dc.1308\n ip address 10.10.1.6/30\n");
	assert_contains(vbr, "router bgp 64512\n bgp router-id 10.10.1.6\n");
	assert_contains(vbr, " neighbor 10.10.1.5 remote-as 65003\n");
	assert_contains(vbr, " neighbor 10.10.1.5 timers 30 90\n");
	assert_contains(vbr, "  transmit-interval 300\n  receive-interval 300\n  detect-multiplier 3\n");
	assert_contains(vbr, " neighbor 10.10.1.5 bfd profile vbr\n");
	assert_contains(vbr, " neighbor 100.64.0.1 remote-as 64512\n");
	assert_contains(vbr, "  neighbor 100.64.0.1 next-hop-self\n");
	assert_null(strstr(vbr, "password"));

	const char *ecr = ecrc_lab_router_find(&p.lab, "ecr-1")->config;
	assert_contains(ecr, " bgp bestpath as-path multipath-relax\n");
	assert_contains(ecr, "  maximum-paths ibgp 64\n");
	assert_contains(ecr, "ip route 10.0.1.0/24 blackhole\n");
	assert_contains(ecr, "ip route 10.0.2.0/24 blackhole\n");
	assert_contains(ecr, "  network 10.0.1.0/24\n");
	assert_contains(ecr, "  network 10.0.2.0/24\n");
	assert_null(strstr(ecr, "10.0.0.0/16"));
	assert_contains(ecr, " neighbor 100.64.0.2 remote-as 64512\n");
	assert_contains(ecr, " neighbor 100.64.0.6 remote-as 64512\n");

	/* the CPE runs the frr backend's output, its port renamed for the lab */
	const char *cpe = ecrc_lab_router_find(&p.lab, "cpe1")->config;
	assert_contains(cpe, "interface up0.1308\n");
	assert_contains(cpe, " ip address 10.10.1.5/30\n");
	assert_contains(cpe, "router bgp 65003\n");
	assert_null(strstr(cpe, "GigabitEthernet"));
	unplan(&p);
	free(text);
}

static void test_no_bfd_on_vbr(void **state)
{
	(void)state;
	struct planned p;
	char *text = read_fixture("fixtures/lab/one-sided-bfd.xml");

	plan(&p, text, "/tmp/ecrc-lab-test");
	assert_int_equal(p.rc, 0);
	assert_true(p.lab.circuits[0].cpe_bfd);
	assert_false(p.lab.circuits[0].vbr_bfd);
	const char *vbr = ecrc_lab_router_find(&p.lab, "vbr-1")->config;
	assert_null(strstr(vbr, "\nbfd\n"));
	assert_null(strstr(vbr, " bfd"));
	assert_contains(vbr, " neighbor 10.10.1.5 timers 3 9\n");
	unplan(&p);
	free(text);
}

static void test_md5_key_on_both_sides(void **state)
{
	(void)state;
	struct planned p;
	char *text = read_fixture("fixtures/designs/two-uplinks-md5.xml");

	setenv("ECRC_MD5_KEY", "Lab-k3y", 1);
	plan(&p, text, "/tmp/ecrc-lab-test");
	assert_int_equal(p.rc, 0);
	assert_contains(ecrc_lab_router_find(&p.lab, "vbr-sh-1")->config,
	                " neighbor 10.254.1.1 password Lab-k3y\n");
	assert_contains(ecrc_lab_router_find(&p.lab, "cpe1")->config, "password Lab-k3y\n");
	unplan(&p);

	/* without the key the CPE cannot be compiled: the lab says so */
	unsetenv("ECRC_MD5_KEY");
	plan(&p, text, "/tmp/ecrc-lab-test");
	assert_int_equal(p.rc, -1);
	assert_non_null(strstr(p.err, "cpe1"));
	assert_true(p.diags.n > 0);
	unplan(&p);
	free(text);
}

static void test_trunks_avoid_design_prefixes(void **state)
{
	(void)state;
	struct planned p;
	char a[16], pfx[19];
	char *text = read_fixture("fixtures/designs/beijing-idc-ecmp.xml");

	text = replace(text, "cidr=\"10.0.0.0/16\"", "cidr=\"100.64.0.0/29\"");
	text = replace(text, "cidr=\"10.0.1.0/24\"", "cidr=\"100.64.0.0/30\"");
	text = replace(text, "cidr=\"10.0.2.0/24\"", "cidr=\"100.64.0.4/30\"");
	plan(&p, text, "/tmp/ecrc-lab-test");
	assert_int_equal(p.rc, 0);
	assert_string_equal(addr(p.lab.trunks[0].ecr_addr, a), "100.64.0.9");
	assert_string_equal(addr(p.lab.trunks[1].ecr_addr, a), "100.64.0.13");
	assert_string_equal(ecrc_fmt_ipnet(p.lab.origins[0].prefix, pfx), "100.64.0.0/30");
	unplan(&p);
	free(text);
}

/* A socket path is at most 107 characters: base/name/staticd.vty. A base
 * that leaves no room for ecrc-<pid>-ecr-1 gets ecrc-<pid>-r4 instead; one
 * that leaves no room for that either is refused. */
static void test_long_base_shortens_names(void **state)
{
	(void)state;
	struct planned p;
	char base[128], long_name[32], short_name[32];
	char *text = read_fixture("fixtures/designs/beijing-idc-ecmp.xml");
	const size_t room = 107 - strlen("/staticd.vty") - 1; /* for base + name */

	snprintf(long_name, sizeof long_name, "ecrc-%ld-ecr-1", (long)getpid());
	snprintf(short_name, sizeof short_name, "ecrc-%ld-r4", (long)getpid());
	memset(base, 'd', sizeof base);
	base[0] = '/';
	base[room - strlen(long_name) + 1] = '\0';
	plan(&p, text, base);
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.lab.routers[4].name, short_name);
	unplan(&p);

	memset(base, 'd', sizeof base);
	base[0] = '/';
	base[room - strlen(short_name) + 1] = '\0';
	plan(&p, text, base);
	assert_int_equal(p.rc, -1);
	assert_non_null(strstr(p.err, "TMPDIR"));
	unplan(&p);
	free(text);
}

static void test_static_vbr_is_skipped(void **state)
{
	(void)state;
	struct planned p;
	char *text = read_fixture("fixtures/designs/beijing-idc-ecmp.xml");

	text = replace(text, "peer-address=\"10.10.2.5\">", "peer-address=\"10.10.2.5\" routing=\"static\">");
	plan(&p, text, "/tmp/ecrc-lab-test");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.lab.n_circuits, 1);
	assert_int_equal(p.lab.n_routers, 3);
	assert_int_equal(p.lab.n_skipped, 1);
	assert_string_equal(p.lab.skipped[0], "uplink cpe2-up: VBR vbr-2 does not speak BGP");
	unplan(&p);
	free(text);
}

/* ---- the engine's prediction on the lab's input ------------------------- */

static void predict(struct planned *p, struct ecrc_lab_expect *x)
{
	ecrc_lab_predict(&p->lab, x, &p->diags);
	if (!x->ok)
		fail_msg("no prediction: %s", x->message);
}

static void test_prediction_reference(void **state)
{
	(void)state;
	struct planned p;
	struct ecrc_lab_expect x = {0};
	char *text = read_fixture("fixtures/designs/beijing-idc-ecmp.xml");

	plan(&p, text, "/tmp/ecrc-lab-test");
	assert_int_equal(p.rc, 0);
	predict(&p, &x);
	assert_int_equal(x.n_sessions, 2);
	assert_true(x.sessions[0].established);
	assert_int_equal(x.sessions[0].hold_s, 90);
	assert_int_equal(x.sessions[0].cpe_keepalive_s, 30);
	assert_int_equal(x.sessions[0].cpe_detect_ms, 900);

	/* the routes the lab reads: ECMP at the ECR, one VBR per CPE for each
	 * vSwitch route */
	assert_int_equal(x.n_routes, 5);
	assert_string_equal(x.routes[0].router, "ecr-1");
	assert_int_equal(x.routes[0].n_next_hops, 2);
	assert_string_equal(x.routes[0].next_hops[0], "vbr-1");
	assert_string_equal(x.routes[0].next_hops[1], "vbr-2");
	assert_int_equal(x.routes[1].n_next_hops, 1);
	assert_string_equal(x.routes[1].next_hops[0], "vbr-1");

	/* BFD 300/300/3 both sides: detected by BFD within [600, 900] ms */
	assert_int_equal(x.n_drills, 2);
	assert_string_equal(x.drills[0].name, "pc-bj-1");
	assert_string_equal(x.drills[1].name, "pc-bj-2");
	for (size_t i = 0; i < 2; i++) {
		const struct ecrc_lab_expect_drill *d = &x.drills[i];
		assert_string_equal(d->detected_by, "bfd");
		assert_int_equal(d->detect_bound_ms, 900);
		assert_int_equal(d->detect_best_ms, 600);
		assert_true(d->detect_ms >= 600 && d->detect_ms <= 900);
		assert_int_equal(d->cpe.bound_ms, 900);
		assert_int_equal(d->vbr.bound_ms, 900);
		assert_string_equal(d->cpe.detected_by, "bfd");
	}

	/* the routes after each drill, in the order of x.routes: the ECR on
	 * the surviving VBR alone, the CPE that lost its circuit without cloud
	 * routes, the other CPE's unchanged */
	for (size_t i = 0; i < 2; i++) {
		const struct ecrc_lab_expect_drill *d = &x.drills[i];
		const char *survivor = i == 0 ? "vbr-2" : "vbr-1";
		assert_int_equal(d->n_routes_after, x.n_routes);
		assert_string_equal(d->routes_after[0].router, "ecr-1");
		assert_int_equal(d->routes_after[0].n_next_hops, 1);
		assert_string_equal(d->routes_after[0].next_hops[0], survivor);
		for (size_t k = 1; k < d->n_routes_after; k++) {
			const struct ecrc_lab_route *r = &d->routes_after[k];
			bool lost = strcmp(r->router, i == 0 ? "cpe1" : "cpe2") == 0;
			assert_int_equal(r->n_next_hops, lost ? 0 : 1);
			if (!lost)
				assert_string_equal(r->next_hops[0], survivor);
		}
	}
	ecrc_lab_expect_free(&x);
	unplan(&p);
	free(text);
}

static void test_prediction_one_sided_bfd(void **state)
{
	(void)state;
	struct planned p;
	struct ecrc_lab_expect x = {0};
	char *text = read_fixture("fixtures/lab/one-sided-bfd.xml");

	plan(&p, text, "/tmp/ecrc-lab-test");
	assert_int_equal(p.rc, 0);
	predict(&p, &x);
	assert_false(x.sessions[0].bfd);
	assert_int_equal(x.sessions[0].hold_s, 9);
	for (size_t i = 0; i < x.n_drills; i++) {
		assert_string_equal(x.drills[i].detected_by, "hold-timer");
		assert_int_equal(x.drills[i].detect_bound_ms, 9000);
		assert_int_equal(x.drills[i].detect_best_ms, 6000);
	}
	assert_int_equal(x.n_drills, 2);
	ecrc_lab_expect_free(&x);
	unplan(&p);
	free(text);
}

/* ---- the vty client against a fake daemon ------------------------------ */

/* Answers each NUL-terminated command: "enable" with nothing, "fail" with
 * status 1, "big" with 100 kB in pieces, anything else by echoing it. */
static void fake_daemon(int listener)
{
	int fd = accept(listener, NULL, NULL);
	char cmd[256];
	size_t n = 0;

	while (fd >= 0) {
		char c;
		if (read(fd, &c, 1) != 1)
			break;
		if (c) {
			if (n < sizeof cmd - 1)
				cmd[n++] = c;
			continue;
		}
		cmd[n] = '\0';
		n = 0;
		const char tail_ok[4] = {0, 0, 0, 0}, tail_fail[4] = {0, 0, 0, 1};
		if (strcmp(cmd, "close") == 0)
			break;
		if (strcmp(cmd, "fail") == 0) {
			(void)!write(fd, "% Unknown command\n", 18);
			(void)!write(fd, tail_fail, 4);
		} else if (strcmp(cmd, "big") == 0) {
			char block[1000];
			memset(block, 'x', sizeof block);
			for (int i = 0; i < 100; i++)
				(void)!write(fd, block, sizeof block);
			(void)!write(fd, tail_ok, 4);
		} else {
			if (strcmp(cmd, "enable") != 0)
				(void)!write(fd, cmd, strlen(cmd));
			(void)!write(fd, tail_ok, 4);
		}
	}
	_exit(0);
}

static void test_vty_protocol(void **state)
{
	(void)state;
	char path[108], err[256];
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int status = -1;

	snprintf(path, sizeof path, "/tmp/ecrc-vty-test-%ld.vty", (long)getpid());
	unlink(path);
	int l = socket(AF_UNIX, SOCK_STREAM, 0);
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
	assert_int_equal(bind(l, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(l, 1), 0);
	pid_t pid = fork();
	if (pid == 0)
		fake_daemon(l);
	close(l);

	struct ecrc_lab_vty *v = ecrc_lab_vty_open(path, err, sizeof err);
	assert_non_null(v);
	char *out = ecrc_lab_vty_cmd(v, "show bgp summary json", &status, err, sizeof err);
	assert_non_null(out);
	assert_string_equal(out, "show bgp summary json");
	assert_int_equal(status, 0);
	free(out);
	out = ecrc_lab_vty_cmd(v, "fail", &status, err, sizeof err);
	assert_non_null(out);
	assert_int_equal(status, 1);
	free(out);
	out = ecrc_lab_vty_cmd(v, "big", &status, err, sizeof err);
	assert_non_null(out);
	assert_int_equal(strlen(out), 100000);
	free(out);
	out = ecrc_lab_vty_cmd(v, "close", &status, err, sizeof err);
	assert_null(out);
	assert_non_null(strstr(err, "closed"));
	ecrc_lab_vty_close(v);
	waitpid(pid, NULL, 0);
	unlink(path);

	assert_null(ecrc_lab_vty_open(path, err, sizeof err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plan_reference),
	    cmocka_unit_test(test_cloud_configs),
	    cmocka_unit_test(test_no_bfd_on_vbr),
	    cmocka_unit_test(test_md5_key_on_both_sides),
	    cmocka_unit_test(test_trunks_avoid_design_prefixes),
	    cmocka_unit_test(test_long_base_shortens_names),
	    cmocka_unit_test(test_static_vbr_is_skipped),
	    cmocka_unit_test(test_prediction_reference),
	    cmocka_unit_test(test_prediction_one_sided_bfd),
	    cmocka_unit_test(test_vty_protocol),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
