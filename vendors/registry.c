/*
 * registry.c: the vendor registry's look-ups: a backend by name, and the
 * PCRE2 check of interface names against each platform's naming. The
 * table itself (ecrc_vendors[]) is generated from the directory names
 * under vendors/ (cmake/vendor_table.cmake).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <string.h>

#include "vendors/vendor.h"

const struct ecrc_vendor *ecrc_vendor_find(const char *name)
{
	for (size_t i = 0; i < ecrc_vendors_count; i++)
		if (strcmp(ecrc_vendors[i]->name, name) == 0)
			return ecrc_vendors[i];
	return NULL;
}

const struct ecrc_vendor_platform *ecrc_vendor_platform(const struct ecrc_vendor *v, const char *name)
{
	if (!name)
		return v->n_platforms ? &v->platforms[0] : NULL;
	for (size_t i = 0; i < v->n_platforms; i++)
		if (v->platforms[i].name && strcmp(v->platforms[i].name, name) == 0)
			return &v->platforms[i];
	return NULL;
}

const char *ecrc_vendor_platform_names(const struct ecrc_vendor *v)
{
	static char buf[128];
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < v->n_platforms && v->platforms[i].name && n < sizeof buf; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? ", " : "", v->platforms[i].name);
	return n ? buf : "none (it has no platform variants)";
}

/* One compiled pattern per vendor, compiled on first use and kept for the
 * process (the patterns are constants; freeing them at exit buys nothing). */
static pcre2_code **compiled; /* one per registry entry */

bool ecrc_vendor_iface_ok(const struct ecrc_vendor *v, const char *iface)
{
	size_t i;
	for (i = 0; i < ecrc_vendors_count; i++)
		if (ecrc_vendors[i] == v)
			break;
	if (i == ecrc_vendors_count || !v->iface_pattern)
		return true;
	if (!compiled)
		compiled = ecrc_xcalloc(ecrc_vendors_count, sizeof(*compiled));
	if (!compiled[i]) {
		int err;
		PCRE2_SIZE off;
		compiled[i] = pcre2_compile((PCRE2_SPTR)v->iface_pattern, PCRE2_ZERO_TERMINATED,
		                            PCRE2_ANCHORED | PCRE2_ENDANCHORED, &err, &off, NULL);
		if (!compiled[i])
			return true; /* a broken pattern is a bug caught by the vendor tests */
	}
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(compiled[i], NULL);
	if (!md)
		ecrc_oom();
	int rc = pcre2_match(compiled[i], (PCRE2_SPTR)iface, strlen(iface), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}
