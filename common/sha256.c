/*
 * sha256.c: SHA-256 through nettle (Debian's nettle-dev), for the design
 * digest in config headers and the emit MANIFEST.
 */
#include <nettle/sha2.h>

#include "common/common.h"

void ecrc_sha256(const void *data, size_t len, unsigned char out[32])
{
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

void ecrc_sha256_hex(const unsigned char digest[32], char out[65])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[64] = '\0';
}
