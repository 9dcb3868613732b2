/*
 * sim.c: the simulation core. The virtual clock, the event queue (a binary
 * heap ordered by time, then by a sequence number, so that events at the
 * same instant run in the order they were queued), restartable timers, the
 * seeded PRNG, the trace, and the undo log that puts the converged state
 * back after each drill. It knows no protocol: a timer calls its hook, an
 * event its handler.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

/* ---- PRNG: splitmix64 to seed, xoshiro256** to draw ------------------------ */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void eng_prng_seed(struct eng_prng *p, uint64_t seed)
{
	uint64_t x = seed;
	for (int i = 0; i < 4; i++)
		p->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t eng_prng_next(struct eng_prng *p)
{
	uint64_t *s = p->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t eng_prng_below(struct eng_prng *p, uint64_t n)
{
	if (n == 0)
		return 0;
	/* Rejection keeps it exactly uniform. */
	uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t r;
	do
		r = eng_prng_next(p);
	while (r >= limit);
	return r % n;
}

uint64_t eng_hash_str(const char *s, uint64_t h)
{
	if (h == 0)
		h = 0xcbf29ce484222325ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* ---- the event queue ----------------------------------------------------------- */

static bool ev_before(const struct eng_event *a, const struct eng_event *b)
{
	if (a->time != b->time)
		return a->time < b->time;
	return a->seq < b->seq;
}

void eng_push(struct eng *e, const struct eng_event *ev)
{
	if (ev->time == e->now) {
		/* Queued for now: later than everything already queued for now
		 * (those were queued before the clock got here, or earlier into
		 * this FIFO), so a FIFO keeps the (time, seq) order. */
		if (e->fifo_tail == e->cap_fifo) {
			if (e->fifo_head > 0) {
				memmove(e->fifo, e->fifo + e->fifo_head,
				        (e->fifo_tail - e->fifo_head) * sizeof(*e->fifo));
				e->fifo_tail -= e->fifo_head;
				e->fifo_head = 0;
			}
			if (e->fifo_tail == e->cap_fifo) {
				e->cap_fifo = e->cap_fifo ? e->cap_fifo * 2 : 256;
				e->fifo = ecrc_xrealloc(e->fifo, e->cap_fifo * sizeof(*e->fifo));
			}
		}
		struct eng_event *x = &e->fifo[e->fifo_tail++];
		*x = *ev;
		x->seq = e->seq++;
		return;
	}
	if (e->n_heap == e->cap_heap) {
		e->cap_heap = e->cap_heap ? e->cap_heap * 2 : 256;
		e->heap = ecrc_xrealloc(e->heap, e->cap_heap * sizeof(*e->heap));
	}
	size_t i = e->n_heap++;
	struct eng_event x = *ev;
	x.seq = e->seq++;
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!ev_before(&x, &e->heap[parent]))
			break;
		e->heap[i] = e->heap[parent];
		i = parent;
	}
	e->heap[i] = x;
}

static void heap_pop(struct eng *e, struct eng_event *out)
{
	*out = e->heap[0];
	struct eng_event last = e->heap[--e->n_heap];
	size_t n = e->n_heap, i = 0;
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		const struct eng_event *best = &last;
		if (l < n && ev_before(&e->heap[l], best)) {
			m = l;
			best = &e->heap[l];
		}
		if (r < n && ev_before(&e->heap[r], best))
			m = r;
		if (m == i)
			break;
		e->heap[i] = e->heap[m];
		i = m;
	}
	if (n > 0)
		e->heap[i] = last;
}

bool eng_pop(struct eng *e, struct eng_event *out)
{
	bool fifo = e->fifo_head < e->fifo_tail;
	if (!fifo && e->n_heap == 0)
		return false;
	if (fifo && (e->n_heap == 0 || ev_before(&e->fifo[e->fifo_head], &e->heap[0]))) {
		*out = e->fifo[e->fifo_head++];
		if (e->fifo_head == e->fifo_tail)
			e->fifo_head = e->fifo_tail = 0;
		return true;
	}
	heap_pop(e, out);
	return true;
}

/* ---- timers ------------------------------------------------------------------------ */

void eng_timer_init(struct eng_timer *t, eng_timer_hook hook, void *owner, size_t owner_size,
                    uint32_t *owner_stamp)
{
	memset(t, 0, sizeof(*t));
	t->hook = hook;
	t->owner = owner;
	t->owner_size = owner_size;
	t->owner_stamp = owner_stamp;
}

/* The caller has saved the timer's owner (the timer lives inside it). */
void eng_timer_arm(struct eng *e, struct eng_timer *t, uint64_t deadline)
{
	t->armed = true;
	t->deadline = deadline;
	if (t->queued && t->queued_at <= deadline)
		return;
	t->gen++;
	t->queued = true;
	t->queued_at = deadline;
	struct eng_event ev = {.time = deadline, .handler = eng_timer_event, .gen = t->gen, .obj = t};
	eng_push(e, &ev);
}

void eng_timer_stop(struct eng_timer *t)
{
	t->armed = false;
}

void eng_timer_event(struct eng *e, const struct eng_event *ev)
{
	struct eng_timer *t = ev->obj;
	if (ev->gen != t->gen)
		return; /* superseded by an earlier deadline */
	eng_save(e, t->owner, t->owner_size, t->owner_stamp);
	t->queued = false;
	if (!t->armed)
		return;
	if (t->deadline > e->now) {
		/* restarted later since it was queued */
		t->queued = true;
		t->queued_at = t->deadline;
		struct eng_event again = {
		    .time = t->deadline, .handler = eng_timer_event, .gen = t->gen, .obj = t};
		eng_push(e, &again);
		return;
	}
	t->armed = false;
	t->hook(e, t);
}

/* ---- the run loop ----------------------------------------------------------------- */

bool eng_run(struct eng *e, uint64_t until)
{
	while (e->fifo_head < e->fifo_tail || e->n_heap > 0) {
		if (e->fifo_head == e->fifo_tail && e->heap[0].time > until)
			return false;
		struct eng_event ev;
		eng_pop(e, &ev);
		e->now = ev.time;
		e->events++;
		ev.handler(e, &ev);
	}
	return true;
}

/* ---- trace -------------------------------------------------------------------------- */

void eng_trace(struct eng *e, const char *fmt, ...)
{
	if (!e->opt.trace)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->trace_buf, sizeof(e->trace_buf), fmt, ap);
	va_end(ap);
	e->opt.trace(e->opt.trace_ctx, e->now, e->trace_buf);
}

/* ---- the undo log ---------------------------------------------------------------- */

static void undo_push(struct eng *e, void *obj, size_t size)
{
	if (e->n_undo == e->cap_undo) {
		e->cap_undo = e->cap_undo ? e->cap_undo * 2 : 1024;
		e->undo = ecrc_xrealloc(e->undo, e->cap_undo * sizeof(*e->undo));
	}
	while (e->undo_len + size > e->undo_cap) {
		e->undo_cap = e->undo_cap ? e->undo_cap * 2 : 64 * 1024;
		e->undo_data = ecrc_xrealloc(e->undo_data, e->undo_cap);
	}
	e->undo[e->n_undo++] = (struct eng_undo_rec){.obj = obj, .size = size, .off = e->undo_len};
	if (size)
		memcpy(e->undo_data + e->undo_len, obj, size);
	/* keep every record 16-aligned in the data buffer */
	e->undo_len += (size + 15) & ~(size_t)15;
}

bool eng_save(struct eng *e, void *obj, size_t size, uint32_t *stamp)
{
	if (!e->recording || *stamp == e->epoch)
		return false;
	undo_push(e, obj, size);
	*stamp = e->epoch;
	return true;
}

void eng_save_extra(struct eng *e, void *ptr, size_t size)
{
	if (!e->recording)
		return;
	undo_push(e, ptr, size);
}

/* Starts recording: every object's first change from here on is saved. */
void eng_undo_begin(struct eng *e)
{
	e->epoch++;
	e->n_undo = 0;
	e->undo_len = 0;
	e->n_touched = 0;
	e->recording = true;
}

/* Puts every saved object back, newest first. */
void eng_undo_revert(struct eng *e)
{
	for (size_t i = e->n_undo; i-- > 0;) {
		const struct eng_undo_rec *r = &e->undo[i];
		if (r->size)
			memcpy(r->obj, e->undo_data + r->off, r->size);
	}
	e->n_undo = 0;
	e->undo_len = 0;
	e->recording = false;
}
