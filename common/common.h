/*
 * common.h: what every layer of ecrc shares and nothing more: the version,
 * the arena allocator, IPv4 values, a growable text buffer, SHA-256 and
 * reading input files, and the RFC timer arithmetic (BFD and BGP) that
 * lint and the engine share.
 * No layer-specific types live here.
 */
#ifndef ECRC_COMMON_H
#define ECRC_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ECRC_VERSION "0.1.0"
/* The design format this build reads (<design version="1">, docs/design-format.md). */
#define ECRC_FORMAT_VERSION "1"
#define ECRC_URL "https://github.com/ecrc/ecrc"

#if defined(__GNUC__)
#define ECRC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define ECRC_NORETURN __attribute__((noreturn))
#else
#define ECRC_PRINTF(f, a)
#define ECRC_NORETURN
#endif

/* ---- arena.c: one arena per design; allocation failure ends in ecrc_oom() */

struct ecrc_arena;

struct ecrc_arena *ecrc_arena_new(void);
void ecrc_arena_free(struct ecrc_arena *a);
void *ecrc_arena_alloc(struct ecrc_arena *a, size_t size); /* zeroed, 16-aligned */
char *ecrc_arena_strdup(struct ecrc_arena *a, const char *s);
char *ecrc_arena_strndup(struct ecrc_arena *a, const char *s, size_t n);
char *ecrc_arena_printf(struct ecrc_arena *a, const char *fmt, ...) ECRC_PRINTF(2, 3);
char *ecrc_arena_vprintf(struct ecrc_arena *a, const char *fmt, va_list ap) ECRC_PRINTF(2, 0);
size_t ecrc_arena_bytes(const struct ecrc_arena *a);
void ecrc_oom(void) ECRC_NORETURN;
void *ecrc_xmalloc(size_t n);
void *ecrc_xcalloc(size_t n, size_t size);
void *ecrc_xrealloc(void *p, size_t n);
char *ecrc_xstrdup(const char *s);

/* ---- values.c: value syntax of the design format ---------------------- */

struct ecrc_loc {
	const char *file; /* owned by the design (or the diags) */
	uint32_t line;    /* 1-based; 0 = no location */
	uint32_t col;     /* 1-based, in characters */
};

/* An IPv4 prefix or interface address: host byte order. */
struct ecrc_ipnet {
	uint32_t addr;
	uint8_t len;
};

bool ecrc_parse_ipv4(const char *s, uint32_t *out);
bool ecrc_parse_ipnet(const char *s, struct ecrc_ipnet *out);
bool ecrc_parse_asn(const char *s, uint32_t *out);
bool ecrc_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out);
/* Formatting into caller buffers of at least 16 / 19 / 12 bytes. */
const char *ecrc_fmt_ipv4(uint32_t a, char buf[16]);
const char *ecrc_fmt_ipnet(struct ecrc_ipnet p, char buf[19]);
const char *ecrc_fmt_asn(uint32_t asn, char buf[12]); /* asplain */
uint32_t ecrc_mask(uint8_t len);
struct ecrc_ipnet ecrc_ipnet_network(struct ecrc_ipnet p); /* host bits cleared */
bool ecrc_ipnet_contains(struct ecrc_ipnet outer, struct ecrc_ipnet inner);
bool ecrc_ipnet_overlaps(struct ecrc_ipnet a, struct ecrc_ipnet b);
bool ecrc_ipnet_equal(struct ecrc_ipnet a, struct ecrc_ipnet b);
int ecrc_ipnet_cmp(struct ecrc_ipnet a, struct ecrc_ipnet b); /* by network, then length */
/* True when s may appear in a config: printable ASCII, no ; { } " # ! or
 * control characters. Used for every string that reaches emitted text. */
bool ecrc_config_safe(const char *s);
unsigned ecrc_edit_distance(const char *a, const char *b);

/* ---- buf.c: a growable text buffer (malloc-owned) ---------------------- */

struct ecrc_buf {
	char *p; /* NUL-terminated when len > 0 or after any append */
	size_t len, cap;
};

void ecrc_buf_puts(struct ecrc_buf *b, const char *s);
void ecrc_buf_putn(struct ecrc_buf *b, const char *s, size_t n);
void ecrc_buf_putc(struct ecrc_buf *b, char c);
void ecrc_buf_printf(struct ecrc_buf *b, const char *fmt, ...) ECRC_PRINTF(2, 3);
void ecrc_buf_vprintf(struct ecrc_buf *b, const char *fmt, va_list ap) ECRC_PRINTF(2, 0);
void ecrc_buf_free(struct ecrc_buf *b);
char *ecrc_buf_take(struct ecrc_buf *b); /* hands over the string; b is empty after */

/* ---- sha256.c: via nettle ---------------------------------------------- */

void ecrc_sha256(const void *data, size_t len, unsigned char out[32]);
void ecrc_sha256_hex(const unsigned char digest[32], char out[65]);

/* ---- input.c: reading input files without blocking on special files --- */

#define ECRC_INPUT_NOT_REGULAR (-2) /* a FIFO, device, directory or socket */
#define ECRC_INPUT_TOO_LARGE (-3)   /* more than the limit */

/* Opens a regular file for reading, refusing anything else (a FIFO without
 * a writer, a device, a directory, a socket) without blocking on it.
 * Returns the descriptor, or -1 (cannot open) or ECRC_INPUT_NOT_REGULAR
 * with the reason in err ("is a FIFO (named pipe), not a regular file...";
 * the caller adds the path). */
int ecrc_input_open(const char *path, char *err, size_t errlen);
/* Reads fd to its end into a malloc'd, NUL-terminated buffer (*out, *len).
 * Returns 0; ECRC_INPUT_TOO_LARGE when more than limit bytes came, or -1
 * with the reason in err (then nothing is in *out). */
int ecrc_input_read(int fd, size_t limit, char **out, size_t *len, char *err, size_t errlen);

/* ---- timers.c: RFC 5880 and RFC 4271 timer arithmetic ------------------
 * One implementation for lint, the engine and the lab. "a" is the local
 * side, "b" the remote one. */

#define ECRC_TIME_NEVER UINT64_MAX

/* One side's BFD configuration (RFC 5880 6.8.1 bfd.DesiredMinTxInterval,
 * bfd.RequiredMinRxInterval, bfd.DetectMult). */
struct ecrc_bfd_config {
	uint64_t desired_min_tx_us, required_min_rx_us;
	uint32_t detect_mult;
};

/* Both sides' negotiated values: the interval each side transmits at
 * (6.8.2, 6.8.7) and the detection time each side applies (6.8.4). */
struct ecrc_bfd_timers {
	uint64_t a_tx_us, b_tx_us;
	uint64_t a_detect_us, b_detect_us;
};

/* 6.8.7: the interval at which side a transmits. */
uint64_t ecrc_bfd_tx_interval_us(uint64_t a_desired_min_tx_us, uint64_t b_required_min_rx_us);
/* 6.8.4: the detection time side a applies to b's packets. */
uint64_t ecrc_bfd_detect_time_us(uint32_t b_detect_mult, uint64_t a_required_min_rx_us,
                                 uint64_t b_desired_min_tx_us);
/* 6.8.7: the shortest and longest gap between packets sent at an interval
 * (75..100%, 75..90% with a multiplier of 1). */
void ecrc_bfd_jitter_range_us(uint64_t interval_us, uint32_t detect_mult, uint64_t *min_us, uint64_t *max_us);
void ecrc_bfd_timers(const struct ecrc_bfd_config *a, const struct ecrc_bfd_config *b,
                     struct ecrc_bfd_timers *out);
/* After a silent failure: the earliest and latest a side with detection
 * time detect_us notices, the remote transmitting every remote_tx_us. */
void ecrc_bfd_detect_window_us(uint64_t detect_us, uint64_t remote_tx_us, uint32_t remote_detect_mult,
                               uint64_t *best_us, uint64_t *bound_us);

/* BGP: the negotiated hold time (4.2) and the keepalive each side sends
 * at (4.4, 10): 0 when the hold time is 0 or the configured keepalive is
 * 0 (no KEEPALIVEs), else the configured one capped at a third of the
 * hold time (at least 1 s). */
struct ecrc_bgp_timers {
	uint32_t hold_s;                       /* 0: no hold timer */
	uint32_t a_keepalive_s, b_keepalive_s; /* 0: no keepalives */
};

uint32_t ecrc_bgp_negotiated_hold(uint32_t a_hold_s, uint32_t b_hold_s);
bool ecrc_bgp_hold_acceptable(uint32_t hold_s); /* 6.2: 1 and 2 are refused */
uint32_t ecrc_bgp_keepalive(uint32_t configured_keepalive_s, uint32_t negotiated_hold_s);
void ecrc_bgp_timers(uint32_t a_keepalive_s, uint32_t a_hold_s, uint32_t b_keepalive_s, uint32_t b_hold_s,
                     struct ecrc_bgp_timers *out);
/* Without BFD, after a silent failure: the earliest and latest the hold
 * timer expires (ECRC_TIME_NEVER both when the hold time is 0). */
void ecrc_bgp_hold_window_us(uint32_t hold_s, uint32_t remote_keepalive_s, uint64_t *best_us,
                             uint64_t *bound_us);

#endif
