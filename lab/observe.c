/*
 * observe.c: what the lab reads back from the real FRR daemons, as JSON
 * (jansson): each circuit's BGP session on both sides (bgpd's `show bgp
 * neighbors A.B.C.D json`: state, negotiated hold time and keepalive), its
 * BFD session on both sides (bfdd's `show bfd peers json`: status and the
 * intervals each side negotiated), and the routes zebra installed (`show ip
 * route P json`: the selected route's next hops in the FIB), with each next
 * hop mapped back to the design's VBR.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "lab/lab.h"

static json_t *show_json(struct ecrc_lab_router *r, enum ecrc_lab_daemon d, const char *cmd)
{
	char err[256];
	char *out = ecrc_lab_show(r, d, cmd, err, sizeof err);
	json_t *j;

	if (!out)
		return NULL;
	j = json_loads(out, 0, NULL);
	free(out);
	return j;
}

static void side(const struct ecrc_lab_circuit *c, enum ecrc_lab_side s, struct ecrc_lab_router **r,
                 uint32_t *peer)
{
	*r = s == ECRC_LAB_SIDE_CPE ? c->cpe_router : c->vbr_router;
	*peer = s == ECRC_LAB_SIDE_CPE ? c->vbr_addr : c->cpe_addr;
}

/* bgpd's view of the session with peer (NULL when unknown). */
static json_t *bgp_neighbor(struct ecrc_lab_router *r, uint32_t peer, json_t **root)
{
	char a[16], cmd[64];

	ecrc_fmt_ipv4(peer, a);
	snprintf(cmd, sizeof cmd, "show bgp neighbors %s json", a);
	*root = show_json(r, ECRC_LAB_BGPD, cmd);
	return *root ? json_object_get(*root, a) : NULL;
}

bool ecrc_lab_bgp_state(const struct ecrc_lab *lab, const struct ecrc_lab_circuit *c, enum ecrc_lab_side s,
                        char *state, size_t n)
{
	struct ecrc_lab_router *r;
	uint32_t peer;

	(void)lab;
	side(c, s, &r, &peer);
	return ecrc_lab_bgp_peer_state(r, peer, state, n);
}

bool ecrc_lab_bgp_peer_state(struct ecrc_lab_router *r, uint32_t peer, char *state, size_t n)
{
	json_t *root, *nb;
	const char *st;

	nb = bgp_neighbor(r, peer, &root);
	st = json_string_value(json_object_get(nb, "bgpState"));
	snprintf(state, n, "%s", st ? st : "");
	json_decref(root);
	return st != NULL;
}

/* bfdd's session with peer, from the array `show bfd peers json` prints. */
static json_t *bfd_peer(struct ecrc_lab_router *r, uint32_t peer, json_t **root)
{
	char a[16];
	size_t i;
	json_t *p;

	ecrc_fmt_ipv4(peer, a);
	*root = show_json(r, ECRC_LAB_BFDD, "show bfd peers json");
	json_array_foreach(*root, i, p)
	{
		const char *addr = json_string_value(json_object_get(p, "peer"));
		if (addr && strcmp(addr, a) == 0)
			return p;
	}
	return NULL;
}

bool ecrc_lab_bfd_state(const struct ecrc_lab *lab, const struct ecrc_lab_circuit *c, enum ecrc_lab_side s,
                        char *state, size_t n)
{
	struct ecrc_lab_router *r;
	uint32_t peer;
	json_t *root, *p;
	const char *st;

	(void)lab;
	side(c, s, &r, &peer);
	p = bfd_peer(r, peer, &root);
	st = json_string_value(json_object_get(p, "status"));
	snprintf(state, n, "%s", st ? st : "");
	json_decref(root);
	return root != NULL;
}

static uint32_t get_u32(json_t *o, const char *key)
{
	json_int_t v = json_integer_value(json_object_get(o, key));

	return v > 0 ? (uint32_t)v : 0;
}

/* RFC 5880 6.8.4: this side waits the remote multiplier times the larger
 * of its own required min rx and the remote's desired min tx. */
static uint32_t bfd_detect_ms(json_t *p)
{
	uint32_t rx = get_u32(p, "receive-interval"), rtx = get_u32(p, "remote-transmit-interval");

	return get_u32(p, "remote-detect-multiplier") * (rx > rtx ? rx : rtx);
}

void ecrc_lab_read_session(struct ecrc_lab *lab, const struct ecrc_lab_circuit *c, struct ecrc_lab_session *s)
{
	json_t *root, *nb, *p;
	struct ecrc_lab_router *r;
	uint32_t peer;

	memset(s, 0, sizeof *s);
	s->circuit = c;
	ecrc_lab_bgp_state(lab, c, ECRC_LAB_SIDE_VBR, s->vbr_state, sizeof s->vbr_state);
	side(c, ECRC_LAB_SIDE_CPE, &r, &peer);
	nb = bgp_neighbor(r, peer, &root);
	const char *st = json_string_value(json_object_get(nb, "bgpState"));
	snprintf(s->cpe_state, sizeof s->cpe_state, "%s", st ? st : "");
	s->established = strcmp(s->cpe_state, "Established") == 0 && strcmp(s->vbr_state, "Established") == 0;
	s->hold_s = get_u32(nb, "bgpTimerHoldTimeMsecs") / 1000;
	s->keepalive_s = get_u32(nb, "bgpTimerKeepAliveIntervalMsecs") / 1000;
	json_decref(root);

	s->bfd = c->cpe_bfd && c->vbr_bfd;
	p = bfd_peer(c->cpe_router, c->vbr_addr, &root);
	st = json_string_value(json_object_get(p, "status"));
	snprintf(s->bfd_state, sizeof s->bfd_state, "%s", st ? st : "");
	if (p)
		s->cpe_detect_ms = bfd_detect_ms(p);
	json_decref(root);
	p = bfd_peer(c->vbr_router, c->cpe_addr, &root);
	if (p)
		s->vbr_detect_ms = bfd_detect_ms(p);
	json_decref(root);
}

bool ecrc_lab_same_next_hops(const struct ecrc_lab_route *a, const struct ecrc_lab_route *b)
{
	if (a->n_next_hops != b->n_next_hops)
		return false;
	for (size_t i = 0; i < a->n_next_hops; i++) {
		bool found = false;
		for (size_t k = 0; k < b->n_next_hops && !found; k++)
			found = strcmp(a->next_hops[i], b->next_hops[k]) == 0;
		if (!found)
			return false;
	}
	return true;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t ecrc_lab_read_route(struct ecrc_lab *lab, struct ecrc_lab_router *r, struct ecrc_ipnet prefix,
                           struct ecrc_lab_route *out)
{
	char p[19], cmd[64];
	json_t *root, *entries, *e, *nh;
	size_t i, k;

	memset(out, 0, sizeof *out);
	out->router = r->id;
	out->prefix = prefix;
	ecrc_fmt_ipnet(prefix, p);
	snprintf(cmd, sizeof cmd, "show ip route %s json", p);
	root = show_json(r, ECRC_LAB_ZEBRA, cmd);
	entries = json_object_get(root, p);
	json_array_foreach(entries, i, e)
	{
		if (!json_is_true(json_object_get(e, "selected")))
			continue;
		json_t *hops = json_object_get(e, "nexthops");
		out->next_hops = ecrc_xcalloc(json_array_size(hops) + 1, sizeof(*out->next_hops));
		json_array_foreach(hops, k, nh)
		{
			const char *ip = json_string_value(json_object_get(nh, "ip"));
			uint32_t a;
			if (!json_is_true(json_object_get(nh, "fib")) || !ip || !ecrc_parse_ipv4(ip, &a))
				continue;
			const char *owner = ecrc_lab_next_hop_owner(lab, r, a);
			out->next_hops[out->n_next_hops++] = owner ? owner : "?";
		}
		break;
	}
	json_decref(root);
	if (out->n_next_hops > 1)
		qsort(out->next_hops, out->n_next_hops, sizeof(*out->next_hops), cmp_str);
	return out->n_next_hops;
}

/* The data center prefixes an ECR should hold: its ECMP groups' prefixes. */
static size_t ecr_prefixes(const struct ecrc_lab *lab, const struct ecrc_lab_router *r,
                           struct ecrc_ipnet *out, size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; i < lab->facts->n_dcs; i++) {
		const struct ecrc_dc_facts *df = &lab->facts->dcs[i];
		for (size_t g = 0; g < df->n_groups; g++) {
			if (df->groups[g].ecr != r->ecr)
				continue;
			for (size_t k = 0; k < df->groups[g].n_prefixes; k++) {
				bool dup = false;
				for (size_t j = 0; j < n && !dup; j++)
					dup = ecrc_ipnet_equal(out[j], df->groups[g].prefixes[k]);
				if (!dup && n < cap)
					out[n++] = df->groups[g].prefixes[k];
			}
		}
	}
	return n;
}

/* The cloud prefixes a CPE should hold: what its VBRs or their ECRs originate. */
static size_t cpe_prefixes(const struct ecrc_lab *lab, const struct ecrc_lab_router *r,
                           struct ecrc_ipnet *out, size_t cap)
{
	size_t n = 0;

	for (size_t o = 0; o < lab->n_origins; o++) {
		const struct ecrc_lab_router *src = lab->origins[o].router;
		bool reaches = false;
		for (size_t i = 0; i < lab->n_circuits && !reaches; i++) {
			const struct ecrc_lab_circuit *c = &lab->circuits[i];
			if (c->cpe_router != r)
				continue;
			if (c->vbr_router == src)
				reaches = true;
			for (size_t t = 0; t < lab->n_trunks && !reaches; t++)
				reaches = lab->trunks[t].vbr_router == c->vbr_router &&
				          lab->trunks[t].ecr_router == src;
		}
		bool dup = false;
		for (size_t j = 0; j < n && !dup; j++)
			dup = ecrc_ipnet_equal(out[j], lab->origins[o].prefix);
		if (reaches && !dup && n < cap)
			out[n++] = lab->origins[o].prefix;
	}
	return n;
}

void ecrc_lab_route_subjects(const struct ecrc_lab *lab, struct ecrc_lab_route **out, size_t *n_out)
{
	size_t cap = 0, n = 0;
	struct ecrc_lab_route *v = NULL;
	size_t pcap = lab->n_origins + 1;

	for (size_t i = 0; i < lab->facts->n_dcs; i++)
		for (size_t g = 0; g < lab->facts->dcs[i].n_groups; g++)
			pcap += lab->facts->dcs[i].groups[g].n_prefixes;
	struct ecrc_ipnet *prefixes = ecrc_xcalloc(pcap, sizeof(*prefixes));

	/* ECRs first, then CPEs, each in plan order (the report's order). */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < lab->n_routers; i++) {
			const struct ecrc_lab_router *r = &lab->routers[i];
			size_t np;
			if (pass == 0 && r->role == ECRC_LAB_ECR)
				np = ecr_prefixes(lab, r, prefixes, pcap);
			else if (pass == 1 && r->role == ECRC_LAB_CPE)
				np = cpe_prefixes(lab, r, prefixes, pcap);
			else
				continue;
			for (size_t k = 0; k < np; k++) {
				if (n == cap) {
					cap = cap ? 2 * cap : 8;
					v = ecrc_xrealloc(v, cap * sizeof(*v));
				}
				memset(&v[n], 0, sizeof v[n]);
				v[n].router = r->id;
				v[n].prefix = prefixes[k];
				n++;
			}
		}
	free(prefixes);
	*out = v;
	*n_out = n;
}

void ecrc_lab_read_routes(struct ecrc_lab *lab, struct ecrc_lab_route **out, size_t *n_out)
{
	ecrc_lab_route_subjects(lab, out, n_out);
	for (size_t i = 0; i < *n_out; i++)
		ecrc_lab_read_route(lab, ecrc_lab_router_find(lab, (*out)[i].router), (*out)[i].prefix,
		                    &(*out)[i]);
}

void ecrc_lab_routes_free(struct ecrc_lab_route *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(r[i].next_hops);
	free(r);
}
