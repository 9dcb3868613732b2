/*
 * arena.c: the bump allocator that owns a design's model and IR, and the
 * one place where allocation failure is handled (ecrc_oom).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"

#define ARENA_CHUNK (64u * 1024u)

struct chunk {
	struct chunk *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

struct ecrc_arena {
	struct chunk *head;
	size_t total;
};

void ecrc_oom(void)
{
	fputs("ecrc: out of memory\n", stderr);
	exit(2);
}

void *ecrc_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		ecrc_oom();
	return p;
}

void *ecrc_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		ecrc_oom();
	return p;
}

void *ecrc_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		ecrc_oom();
	return q;
}

char *ecrc_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = ecrc_xmalloc(n);
	memcpy(p, s, n);
	return p;
}

struct ecrc_arena *ecrc_arena_new(void)
{
	return ecrc_xcalloc(1, sizeof(struct ecrc_arena));
}

void ecrc_arena_free(struct ecrc_arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

void *ecrc_arena_alloc(struct ecrc_arena *a, size_t size)
{
	size = (size + 15u) & ~(size_t)15u;
	if (size == 0)
		size = 16;
	struct chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		size_t cap = size > ARENA_CHUNK / 4 ? size : ARENA_CHUNK;
		c = malloc(sizeof(struct chunk) + cap);
		if (!c)
			ecrc_oom();
		c->size = cap;
		c->used = 0;
		if (cap == size && a->head) {
			/* a large block: keep the current chunk for small ones */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
		a->total += cap;
	}
	void *p = c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

char *ecrc_arena_strndup(struct ecrc_arena *a, const char *s, size_t n)
{
	char *p = ecrc_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ecrc_arena_strdup(struct ecrc_arena *a, const char *s)
{
	return ecrc_arena_strndup(a, s, strlen(s));
}

char *ecrc_arena_vprintf(struct ecrc_arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *p = ecrc_arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *ecrc_arena_printf(struct ecrc_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = ecrc_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t ecrc_arena_bytes(const struct ecrc_arena *a)
{
	return a->total;
}
