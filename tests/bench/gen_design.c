/*
 * gen_design.c: writes a large, valid design for benchmarks and scale tests.
 *
 *   ecrc-gen-design N P > design.xml
 *
 * N data centers, each with P prefixes and two CPEs of different vendors,
 * each CPE on its own physical connection (different access points and
 * devices) to its own VBR; per data center one ECR that associates both
 * VBRs and the transit router of the data center's region. A region holds
 * 50 data centers (more once the 28 real region ids are used up), one Enterprise Edition transit router and
 * one VPC whose security group admits each of its data centers' prefix blocks. The output lints with zero
 * errors and zero warnings under the whole rule catalog, and is byte-identical for the same N and P.
 *
 * Address plan (disjoint, so prefix-overlap never fires):
 *   data center prefixes  /24s from 20.0.0.0, one aligned block per data center
 *   VPC CIDRs             10.R.0.0/16, one per region
 *   peering subnets       /30s from 172.16.0.0/12, CPE .1, VBR .2
 * Even data centers advertise every prefix explicitly with <advertise>; odd
 * ones rely on the default (every <prefix> of the data center).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DCS_PER_REGION 50
#define MAX_REGIONS 256          /* 10.R.0.0/16 */
#define PREFIX_BASE 0x14000000u  /* 20.0.0.0 */
#define PREFIX_LIMIT 0x64000000u /* 100.0.0.0: stay below 100.64.0.0/10 */
#define PEERING_BASE 0xac100000u /* 172.16.0.0/12 */
#define PEERING_SIZE 0x00100000u
#define ECR_ASN_BASE 64512u      /* 64512..65011, below the reserved 65025 */
#define CPE_ASN_BASE 4200000000u /* private 4-byte ASNs, never an ECR's */

struct vendor {
	const char *name;
	const char *iface; /* a port name the vendor's interface-name pattern accepts */
};

static const struct vendor vendors[] = {
    {"cisco-iosxe", "GigabitEthernet0/0/1"},
    {"juniper-junos", "ge-0/0/1"},
    {"huawei-vrp", "GigabitEthernet0/0/1"},
    {"h3c-comware", "GigabitEthernet1/0/1"},
    {"arista-eos", "Ethernet1"},
    {"frr", "eth1"},
    {"bird", "eth1"},
};
#define N_VENDORS (sizeof vendors / sizeof vendors[0])

/* Real Alibaba Cloud region ids first; synthetic ones after them. */
/* Alibaba Cloud region ids (the list of rules/region-unknown.c): a design
 * with more data centers puts more of them in each region, so that every
 * <region id> is a real one and region-unknown stays quiet. */
static const char *const region_names[] = {
    "cn-beijing",     "cn-shanghai",    "cn-hangzhou",    "cn-shenzhen",    "cn-qingdao",
    "cn-zhangjiakou", "cn-huhehaote",   "cn-wulanchabu",  "cn-chengdu",     "cn-guangzhou",
    "cn-heyuan",      "cn-nanjing",     "cn-fuzhou",      "cn-wuhan-lr",    "cn-hongkong",
    "ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ap-northeast-1", "ap-northeast-2", "us-east-1",      "us-west-1",      "eu-central-1",
    "eu-west-1",      "me-east-1",      "me-central-1",
};
#define N_REGION_NAMES (sizeof region_names / sizeof region_names[0])

struct plan {
	unsigned long n_dcs;
	unsigned long n_prefixes;
	unsigned long block; /* /24s per data center, a power of two >= P */
	unsigned block_len;  /* the block's prefix length */
	unsigned long per_region;
	unsigned long n_regions;
};

static void ipv4(char buf[16], uint32_t a)
{
	snprintf(buf, 16, "%" PRIu32 ".%" PRIu32 ".%" PRIu32 ".%" PRIu32, a >> 24, (a >> 16) & 255,
	         (a >> 8) & 255, a & 255);
}

static void region_name(char buf[32], unsigned long r)
{
	if (r < N_REGION_NAMES)
		snprintf(buf, 32, "%s", region_names[r]);
	else
		snprintf(buf, 32, "region-%03lu", r + 1);
}

static uint32_t block_base(const struct plan *p, unsigned long dc)
{
	return PREFIX_BASE + (uint32_t)(dc * p->block * 256u);
}

/* Peering subnet of uplink k (0, 1) of data center dc. */
static uint32_t peering_net(unsigned long dc, unsigned k)
{
	return PEERING_BASE + (uint32_t)((2 * dc + k) * 4u);
}

static unsigned vlan_of(unsigned long dc, unsigned k)
{
	return 100u + (unsigned)((2 * dc + k) % 2900u);
}

static const struct vendor *vendor_of(unsigned long dc, unsigned k)
{
	/* the two CPEs of a data center are always of different vendors */
	return &vendors[(dc + 3u * k) % N_VENDORS];
}

static void datacenter(const struct plan *p, unsigned long dc)
{
	char a[16], b[16];
	uint32_t base = block_base(p, dc);
	printf("  <datacenter id=\"dc-%04lu\" redundancy=\"active-active\" max-failover-ms=\"1000\">\n",
	       dc + 1);
	for (unsigned long j = 0; j < p->n_prefixes; j++) {
		ipv4(a, base + (uint32_t)(j * 256u));
		printf("    <prefix>%s/24</prefix>\n", a);
	}
	for (unsigned k = 0; k < 2; k++) {
		const struct vendor *v = vendor_of(dc, k);
		uint32_t net = peering_net(dc, k);
		ipv4(a, net + 1);
		ipv4(b, net + 2);
		printf("    <cpe id=\"dc-%04lu-cpe%u\" vendor=\"%s\" asn=\"%lu\">\n", dc + 1, k + 1, v->name,
		       (unsigned long)CPE_ASN_BASE + 2 * dc + k);
		printf("      <uplink id=\"dc-%04lu-up%u\" connection=\"dc-%04lu-pc%u\" interface=\"%s\" "
		       "vlan=\"%u\" "
		       "address=\"%s/30\">\n",
		       dc + 1, k + 1, dc + 1, k + 1, v->iface, vlan_of(dc, k), a);
		printf("        <bgp neighbor=\"%s\" remote-asn=\"%lu\">\n", b,
		       (unsigned long)ECR_ASN_BASE + dc % 500);
		printf("          <bfd min-tx=\"300\" min-rx=\"300\" multiplier=\"3\"/>\n");
		if (dc % 2 == 0) {
			for (unsigned long j = 0; j < p->n_prefixes; j++) {
				ipv4(a, base + (uint32_t)(j * 256u));
				printf("          <advertise prefix=\"%s/24\"/>\n", a);
			}
		}
		printf("        </bgp>\n      </uplink>\n    </cpe>\n");
	}
	printf("  </datacenter>\n");
}

static void region(const struct plan *p, unsigned long r)
{
	char name[32], a[16], b[16];
	region_name(name, r);
	unsigned long first = r * p->per_region;
	unsigned long last = first + p->per_region < p->n_dcs ? first + p->per_region : p->n_dcs;

	printf("    <region id=\"%s\">\n", name);
	for (unsigned long dc = first; dc < last; dc++) {
		for (unsigned k = 0; k < 2; k++)
			printf("      <physical-connection id=\"dc-%04lu-pc%u\" access-point=\"ap-%s-%c\" "
			       "device=\"asw-dc-%04lu-%u\"/>\n",
			       dc + 1, k + 1, name, (int)('A' + (dc % 4) * 2 + k), dc + 1, k + 1);
		for (unsigned k = 0; k < 2; k++) {
			uint32_t net = peering_net(dc, k);
			ipv4(a, net + 2);
			ipv4(b, net + 1);
			printf("      <vbr id=\"dc-%04lu-vbr%u\" connection=\"dc-%04lu-pc%u\" vlan=\"%u\" "
			       "local-address=\"%s/30\" peer-address=\"%s\"",
			       dc + 1, k + 1, dc + 1, k + 1, vlan_of(dc, k), a, b);
			if (p->n_prefixes > 110)
				printf(" route-quota=\"%lu\"", p->n_prefixes);
			printf(">\n        <bgp-peer peer-asn=\"%lu\">\n",
			       (unsigned long)CPE_ASN_BASE + 2 * dc + k);
			printf("          <bfd min-tx=\"300\" min-rx=\"300\" multiplier=\"3\"/>\n");
			printf("        </bgp-peer>\n      </vbr>\n");
		}
	}
	printf("      <transit-router id=\"tr-%s\" edition=\"enterprise\" cen=\"cen-scale\">\n", name);
	printf("        <attach vpc=\"vpc-%s\" route-sync=\"false\"/>\n", name);
	printf("      </transit-router>\n");
	printf("      <vpc id=\"vpc-%s\" cidr=\"10.%lu.0.0/16\">\n", name, r);
	for (unsigned long dc = first; dc < last; dc++) {
		ipv4(a, block_base(p, dc));
		printf("        <allow-ingress source=\"%s/%u\"/>\n", a, p->block_len);
	}
	printf("      </vpc>\n    </region>\n");
}

static void design(const struct plan *p)
{
	printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	printf("<!-- generated by ecrc-gen-design %lu %lu; do not edit -->\n", p->n_dcs, p->n_prefixes);
	printf("<design name=\"scale-%lu-%lu\" version=\"1\">\n", p->n_dcs, p->n_prefixes);
	printf("  <description>Scale design: %lu data centers, each with %lu prefixes and two CPEs on two\n"
	       "    circuits, active-active ECMP through one ECR per data center.</description>\n",
	       p->n_dcs, p->n_prefixes);
	for (unsigned long dc = 0; dc < p->n_dcs; dc++)
		datacenter(p, dc);
	printf("  <cloud provider=\"alibaba\">\n");
	for (unsigned long dc = 0; dc < p->n_dcs; dc++) {
		char name[32];
		region_name(name, dc / p->per_region);
		printf("    <ecr id=\"dc-%04lu-ecr\" asn=\"%lu\">\n", dc + 1,
		       (unsigned long)ECR_ASN_BASE + dc % 500);
		printf("      <associate vbr=\"dc-%04lu-vbr1\"/>\n", dc + 1);
		printf("      <associate vbr=\"dc-%04lu-vbr2\"/>\n", dc + 1);
		printf("      <associate transit-router=\"tr-%s\"/>\n", name);
		printf("    </ecr>\n");
	}
	for (unsigned long r = 0; r < p->n_regions; r++)
		region(p, r);
	printf("  </cloud>\n</design>\n");
}

static int usage(const char *msg)
{
	if (msg)
		fprintf(stderr, "ecrc-gen-design: %s\n", msg);
	fprintf(stderr, "usage: ecrc-gen-design N P > design.xml\n"
	                "  N  data centers (1 or more), each with two CPEs on two circuits\n"
	                "  P  prefixes per data center (1 or more)\n");
	return 2;
}

static bool parse_count(const char *s, unsigned long *out)
{
	char *end;
	errno = 0;
	if (*s < '1' || *s > '9')
		return false;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || v == 0)
		return false;
	*out = v;
	return true;
}

int main(int argc, char **argv)
{
	struct plan p = {0};
	if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		usage(NULL);
		return 0;
	}
	if (argc != 3)
		return usage("expected two arguments");
	if (!parse_count(argv[1], &p.n_dcs) || !parse_count(argv[2], &p.n_prefixes))
		return usage("N and P must be whole numbers from 1");
	p.block = 1;
	p.block_len = 24;
	while (p.block < p.n_prefixes) {
		p.block *= 2;
		p.block_len--;
		if (p.block_len < 8)
			return usage("P is too large: a data center's prefixes must fit a /8");
	}
	/* the address plan's capacity */
	if (p.n_dcs > (PREFIX_LIMIT - PREFIX_BASE) / 256u / p.block)
		return usage("N x P is too large for the prefix range 20.0.0.0 to 100.0.0.0");
	if (p.n_dcs > PEERING_SIZE / 8u)
		return usage("N is too large for the peering range 172.16.0.0/12");
	p.per_region = DCS_PER_REGION;
	if ((p.n_dcs + p.per_region - 1) / p.per_region > N_REGION_NAMES)
		p.per_region = (p.n_dcs + N_REGION_NAMES - 1) / N_REGION_NAMES;
	p.n_regions = (p.n_dcs + p.per_region - 1) / p.per_region;

	design(&p);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ecrc-gen-design: cannot write the design: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
