/*
 * values.c: the value syntax of the design format (IPv4 without leading
 * zeros, prefixes, ASNs in asplain and asdot, bounded integers), prefix
 * arithmetic, and the config-safety check every emitted string passes.
 */
#include <stdlib.h>
#include <string.h>

#include "common/common.h"

/* A decimal number with no sign, no leading zero (except "0" itself), and
 * at most `maxdigits` digits; stops at the first non-digit. */
static const char *parse_dec(const char *s, unsigned maxdigits, uint64_t *out)
{
	if (*s < '0' || *s > '9')
		return NULL;
	if (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		return NULL;
	uint64_t v = 0;
	unsigned n = 0;
	while (*s >= '0' && *s <= '9') {
		if (++n > maxdigits)
			return NULL;
		v = v * 10 + (uint64_t)(*s - '0');
		s++;
	}
	*out = v;
	return s;
}

static const char *parse_ipv4_prefix(const char *s, uint32_t *out)
{
	uint32_t a = 0;
	for (int i = 0; i < 4; i++) {
		uint64_t v;
		s = parse_dec(s, 3, &v);
		if (!s || v > 255)
			return NULL;
		a = (a << 8) | (uint32_t)v;
		if (i < 3) {
			if (*s != '.')
				return NULL;
			s++;
		}
	}
	*out = a;
	return s;
}

bool ecrc_parse_ipv4(const char *s, uint32_t *out)
{
	const char *e = parse_ipv4_prefix(s, out);
	return e && *e == '\0';
}

bool ecrc_parse_ipnet(const char *s, struct ecrc_ipnet *out)
{
	uint32_t a;
	uint64_t len;
	const char *e = parse_ipv4_prefix(s, &a);
	if (!e || *e != '/')
		return false;
	e = parse_dec(e + 1, 2, &len);
	if (!e || *e != '\0' || len > 32)
		return false;
	out->addr = a;
	out->len = (uint8_t)len;
	return true;
}

bool ecrc_parse_asn(const char *s, uint32_t *out)
{
	uint64_t hi, lo;
	const char *e = parse_dec(s, 10, &hi);
	if (!e)
		return false;
	if (*e == '\0') {
		if (hi > 4294967295u)
			return false;
		*out = (uint32_t)hi;
		return true;
	}
	if (*e != '.' || hi > 65535)
		return false;
	e = parse_dec(e + 1, 5, &lo);
	if (!e || *e != '\0' || lo > 65535)
		return false;
	*out = (uint32_t)(hi << 16 | lo);
	return true;
}

bool ecrc_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	uint64_t v;
	const char *e = parse_dec(s, 10, &v);
	if (!e || *e != '\0' || v < min || v > max)
		return false;
	*out = (uint32_t)v;
	return true;
}

/* Writes v in decimal at p; returns the end. The formatters below run for
 * every prefix and AS path a rule looks at, so they avoid snprintf (about
 * 25 times slower here, and a quarter of all of lint's work on a large
 * design; see docs/performance.md). */
static char *put_dec(char *p, uint32_t v)
{
	char digits[10];
	int n = 0;
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = digits[--n];
	return p;
}

static char *put_ipv4(char *p, uint32_t a)
{
	p = put_dec(p, a >> 24);
	*p++ = '.';
	p = put_dec(p, (a >> 16) & 255);
	*p++ = '.';
	p = put_dec(p, (a >> 8) & 255);
	*p++ = '.';
	return put_dec(p, a & 255);
}

const char *ecrc_fmt_ipv4(uint32_t a, char buf[16])
{
	*put_ipv4(buf, a) = '\0';
	return buf;
}

const char *ecrc_fmt_ipnet(struct ecrc_ipnet p, char buf[19])
{
	char *e = put_ipv4(buf, p.addr);
	*e++ = '/';
	*put_dec(e, p.len & 63) = '\0';
	return buf;
}

const char *ecrc_fmt_asn(uint32_t asn, char buf[12])
{
	*put_dec(buf, asn) = '\0';
	return buf;
}

uint32_t ecrc_mask(uint8_t len)
{
	return len == 0 ? 0 : len >= 32 ? 0xffffffffu : ~(0xffffffffu >> len);
}

struct ecrc_ipnet ecrc_ipnet_network(struct ecrc_ipnet p)
{
	p.addr &= ecrc_mask(p.len);
	return p;
}

bool ecrc_ipnet_contains(struct ecrc_ipnet outer, struct ecrc_ipnet inner)
{
	return outer.len <= inner.len && ((outer.addr ^ inner.addr) & ecrc_mask(outer.len)) == 0;
}

bool ecrc_ipnet_overlaps(struct ecrc_ipnet a, struct ecrc_ipnet b)
{
	uint8_t len = a.len < b.len ? a.len : b.len;
	return ((a.addr ^ b.addr) & ecrc_mask(len)) == 0;
}

bool ecrc_ipnet_equal(struct ecrc_ipnet a, struct ecrc_ipnet b)
{
	return a.addr == b.addr && a.len == b.len;
}

int ecrc_ipnet_cmp(struct ecrc_ipnet a, struct ecrc_ipnet b)
{
	if (a.addr != b.addr)
		return a.addr < b.addr ? -1 : 1;
	if (a.len != b.len)
		return a.len < b.len ? -1 : 1;
	return 0;
}

bool ecrc_config_safe(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p >= 0x7f)
			return false;
		if (strchr(";{}\"#!\\'`$<>|&", *p))
			return false;
	}
	return true;
}

unsigned ecrc_edit_distance(const char *a, const char *b)
{
	/* optimal string alignment: insertions, deletions, substitutions and
	 * transpositions of neighbours each cost 1 ("bdf" is 1 from "bfd") */
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 99;
	unsigned d[65][65];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
			unsigned v = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}
