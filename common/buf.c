/*
 * buf.c: a growable text buffer, for rendered configs and reports.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"

static void reserve(struct ecrc_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->p = ecrc_xrealloc(b->p, cap);
	b->cap = cap;
}

void ecrc_buf_putn(struct ecrc_buf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void ecrc_buf_puts(struct ecrc_buf *b, const char *s)
{
	ecrc_buf_putn(b, s, strlen(s));
}

void ecrc_buf_putc(struct ecrc_buf *b, char c)
{
	ecrc_buf_putn(b, &c, 1);
}

void ecrc_buf_vprintf(struct ecrc_buf *b, const char *fmt, va_list ap)
{
	/* format straight into the free space; only when it does not fit,
	 * grow and format again */
	reserve(b, 64);
	va_list ap2;
	va_copy(ap2, ap);
	size_t room = b->cap - b->len;
	int n = vsnprintf(b->p + b->len, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->p[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		reserve(b, (size_t)n);
		vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void ecrc_buf_printf(struct ecrc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ecrc_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void ecrc_buf_free(struct ecrc_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

char *ecrc_buf_take(struct ecrc_buf *b)
{
	reserve(b, 0);
	b->p[b->len] = '\0';
	char *p = b->p;
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}
