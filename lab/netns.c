/*
 * netns.c: the lab's network: a namespace per router, a veth pair per
 * circuit (CPE port upN, VBR port dc) and per VBR-ECR trunk (VBR port ecr,
 * ECR port vbrN), created directly inside their namespaces so that nothing
 * ever appears in the host's. Where the kernel has 802.1Q, each circuit
 * carries its VLAN on sub-interfaces upN.VLAN and dc.VLAN; otherwise the
 * veth ends themselves take those names (untagged) and the report says so.
 * Addresses come from the FRR configs (zebra installs them).
 *
 * A drill's silent failure is an nftables table at both ends of each
 * circuit: a netdev ingress hook dropping every frame (ARP included) while
 * the carrier stays up; where the kernel lacks it, inet input and forward
 * chains drop the circuit's IP traffic. Nothing is dropped on egress, so
 * local sends succeed (see netdev_ruleset).
 */
#include <stdio.h>
#include <string.h>

#include "lab/lab.h"

#define CMD_TIMEOUT_MS 15000
#define LAB_TABLE "ecrc_drill"

/* Runs a command; on failure writes "what: output" into err. */
static int run(const char *const *argv, const char *input, const char *what, char *err, size_t errlen)
{
	struct ecrc_buf out = {0};
	int rc = ecrc_lab_run_cmd(argv, input, &out, CMD_TIMEOUT_MS);

	if (rc != 0) {
		size_t n = out.len;
		while (n && (out.p[n - 1] == '\n' || out.p[n - 1] == ' '))
			n--;
		snprintf(err, errlen, "%s: %.*s", what, (int)n, out.len ? out.p : "failed");
	}
	ecrc_buf_free(&out);
	return rc == 0 ? 0 : -1;
}

static int link_up(const char *ns, const char *dev, char *err, size_t errlen)
{
	const char *argv[] = {"ip", "-n", ns, "link", "set", "dev", dev, "up", NULL};

	return run(argv, NULL, "ip link set up", err, errlen);
}

static int link_mtu(const char *ns, const char *dev, uint32_t mtu, char *err, size_t errlen)
{
	char m[12];
	const char *argv[] = {"ip", "-n", ns, "link", "set", "dev", dev, "mtu", m, NULL};

	snprintf(m, sizeof m, "%u", (unsigned)mtu);
	return run(argv, NULL, "ip link set mtu", err, errlen);
}

static int veth(const char *ns_a, const char *a, const char *ns_b, const char *b, char *err, size_t errlen)
{
	const char *argv[] = {"ip",   "link", "add",  "name", a,       "netns", ns_a, "type",
	                      "veth", "peer", "name", b,      "netns", ns_b,    NULL};

	return run(argv, NULL, "ip link add veth", err, errlen);
}

static int vlan(const char *ns, const char *port, const char *name, uint32_t id, char *err, size_t errlen)
{
	char v[12];
	const char *argv[] = {"ip",   "-n", ns,     "link", "add", "link", port,
	                      "name", name, "type", "vlan", "id",  v,      NULL};

	snprintf(v, sizeof v, "%u", (unsigned)id);
	return run(argv, NULL, "ip link add vlan", err, errlen);
}

static int rename_link(const char *ns, const char *from, const char *to, char *err, size_t errlen)
{
	const char *argv[] = {"ip", "-n", ns, "link", "set", "dev", from, "name", to, NULL};

	return run(argv, NULL, "ip link set name", err, errlen);
}

static int nft(const char *ns, const char *ruleset, char *err, size_t errlen)
{
	const char *argv[] = {"ip", "netns", "exec", ns, "nft", "-f", "-", NULL};

	return run(argv, ruleset, "nft", err, errlen);
}

/* A silent failure is dropped on ingress only, at both ends of the
 * circuit: each side's own sends still succeed (its TCP keeps the socket
 * and its hold timer is what notices, as on a real circuit that loses
 * light in the middle), and nothing arrives. Dropping on the VBR's egress
 * made its TCP see local send failures and give up after about 8 s
 * ("Peer closed the session"), so hold-timer drills could not be
 * measured (issue 12). */
static void netdev_ruleset(struct ecrc_buf *b, const char *dev, const char *policy)
{
	ecrc_buf_printf(b,
	                "table netdev " LAB_TABLE " {\n"
	                " chain in { type filter hook ingress device \"%s\" priority -500; policy %s; }\n"
	                "}\n",
	                dev, policy);
}

/* Does the kernel have netdev ingress hooks? Tried on a port with a table
 * that drops nothing, then removed. */
static bool probe_netdev(const char *ns, const char *dev)
{
	struct ecrc_buf b = {0};
	char err[256];
	bool ok;

	netdev_ruleset(&b, dev, "accept");
	ok = nft(ns, b.p, err, sizeof err) == 0;
	ecrc_buf_free(&b);
	if (ok)
		ok = nft(ns, "delete table netdev " LAB_TABLE "\n", err, sizeof err) == 0;
	return ok;
}

int ecrc_lab_build_network(struct ecrc_lab *lab, char *err, size_t errlen)
{
	for (size_t i = 0; i < lab->n_routers; i++) {
		const char *ns = lab->routers[i].name;
		const char *argv[] = {"ip", "netns", "add", ns, NULL};
		if (run(argv, NULL, "ip netns add", err, errlen) != 0)
			return -1;
		ecrc_lab_track_netns(ns);
		if (link_up(ns, "lo", err, errlen) != 0)
			return -1;
		if (ecrc_lab_interrupted())
			return -1;
	}

	for (size_t i = 0; i < lab->n_circuits; i++) {
		struct ecrc_lab_circuit *c = &lab->circuits[i];
		const char *cns = c->cpe_router->name, *vns = c->vbr_router->name;
		uint32_t cmtu = c->uplink->mtu, vmtu = c->vbr->mtu;
		uint32_t port_mtu = cmtu > vmtu ? cmtu : vmtu;

		if (veth(cns, c->cpe_port, vns, c->vbr_port, err, errlen) != 0)
			return -1;
		if (!lab->vlan_probed && c->uplink->vlan) {
			/* The first tagged circuit tells whether the kernel has 802.1Q. */
			char verr[256];
			lab->vlan_probed = true;
			lab->vlan =
			    vlan(cns, c->cpe_port, c->cpe_if, c->uplink->vlan, verr, sizeof verr) == 0;
		} else if (lab->vlan && c->uplink->vlan &&
		           vlan(cns, c->cpe_port, c->cpe_if, c->uplink->vlan, err, errlen) != 0)
			return -1;
		if (lab->vlan && c->vbr->vlan &&
		    vlan(vns, c->vbr_port, c->vbr_if, c->vbr->vlan, err, errlen) != 0)
			return -1;
		/* Without 802.1Q the veth ends are the layer 3 interfaces. */
		if (!lab->vlan && strcmp(c->cpe_port, c->cpe_if) != 0) {
			if (rename_link(cns, c->cpe_port, c->cpe_if, err, errlen) != 0)
				return -1;
			snprintf(c->cpe_port, sizeof c->cpe_port, "%s", c->cpe_if);
		}
		if (!lab->vlan && strcmp(c->vbr_port, c->vbr_if) != 0) {
			if (rename_link(vns, c->vbr_port, c->vbr_if, err, errlen) != 0)
				return -1;
			snprintf(c->vbr_port, sizeof c->vbr_port, "%s", c->vbr_if);
		}
		if (link_mtu(cns, c->cpe_port, port_mtu, err, errlen) != 0 ||
		    link_mtu(vns, c->vbr_port, port_mtu, err, errlen) != 0 ||
		    link_mtu(cns, c->cpe_if, cmtu, err, errlen) != 0 ||
		    link_mtu(vns, c->vbr_if, vmtu, err, errlen) != 0)
			return -1;
		if (link_up(cns, c->cpe_port, err, errlen) != 0 ||
		    link_up(vns, c->vbr_port, err, errlen) != 0)
			return -1;
		if (strcmp(c->cpe_port, c->cpe_if) != 0 && link_up(cns, c->cpe_if, err, errlen) != 0)
			return -1;
		if (strcmp(c->vbr_port, c->vbr_if) != 0 && link_up(vns, c->vbr_if, err, errlen) != 0)
			return -1;
		if (ecrc_lab_interrupted())
			return -1;
	}

	for (size_t i = 0; i < lab->n_trunks; i++) {
		struct ecrc_lab_trunk *t = &lab->trunks[i];
		const char *vns = t->vbr_router->name, *ens = t->ecr_router->name;
		if (veth(vns, t->vbr_if, ens, t->ecr_if, err, errlen) != 0)
			return -1;
		if (link_up(vns, t->vbr_if, err, errlen) != 0 || link_up(ens, t->ecr_if, err, errlen) != 0)
			return -1;
		if (ecrc_lab_interrupted())
			return -1;
	}
	lab->nft_netdev = probe_netdev(lab->circuits[0].vbr_router->name, lab->circuits[0].vbr_port);
	return 0;
}

int ecrc_lab_drop(struct ecrc_lab *lab, const char *connection_id, bool on, char *err, size_t errlen)
{
	for (size_t i = 0; i < lab->n_circuits; i++) {
		const struct ecrc_lab_circuit *c = &lab->circuits[i];
		if (strcmp(c->uplink->connection_id, connection_id) != 0)
			continue;
		/* both ends, ingress only (see netdev_ruleset) */
		const char *ns[2] = {c->cpe_router->name, c->vbr_router->name};
		const char *port[2] = {c->cpe_port, c->vbr_port};
		const char *ifn[2] = {c->cpe_if, c->vbr_if};
		for (int k = 0; k < 2; k++) {
			struct ecrc_buf b = {0};
			if (!on)
				ecrc_buf_printf(&b, "delete table %s " LAB_TABLE "\n",
				                lab->nft_netdev ? "netdev" : "inet");
			else if (lab->nft_netdev)
				netdev_ruleset(&b, port[k], "drop");
			else
				ecrc_buf_printf(&b,
				                "table inet " LAB_TABLE " {\n"
				                " chain in { type filter hook input priority -500; iifname "
				                "\"%s\" drop; }\n"
				                " chain fwd { type filter hook forward priority -500; "
				                "iifname \"%s\" drop; }\n"
				                "}\n",
				                ifn[k], ifn[k]);
			int rc = nft(ns[k], b.p, err, errlen);
			ecrc_buf_free(&b);
			if (rc != 0)
				return -1;
		}
	}
	return 0;
}
