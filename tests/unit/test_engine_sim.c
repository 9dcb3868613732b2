/*
 * test_engine_sim.c: the simulation core: the event queue's order (time,
 * then sequence), the seeded PRNG, restartable timers, the undo log, and
 * deterministic replay (the same seed gives the same trace, another seed
 * another one).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "test_engine_fixture.h"

static struct ecrc_engine *bare(struct fx *f)
{
	fx_reference(f);
	return fx_engine(f);
}

static void test_queue_order(void **state)
{
	(void)state;
	struct fx f;
	struct ecrc_engine *E = bare(&f);
	struct eng *e = eng_of(E);
	struct eng_prng p;
	eng_prng_seed(&p, 42);
	/* 2000 events over 50 instants, some for the current one (the FIFO):
	 * popped by time, ties in push order */
	e->now = 10;
	for (uint32_t i = 0; i < 2000; i++) {
		struct eng_event ev = {
		    .time = 10 + eng_prng_below(&p, 50), .handler = eng_route_deliver, .gen = i};
		eng_push(e, &ev);
	}
	assert_true(e->fifo_tail > e->fifo_head);
	assert_true(e->n_heap > 0);
	struct eng_event prev = {0}, ev;
	size_t n = 0;
	while (eng_pop(e, &ev)) {
		if (n > 0) {
			assert_true(ev.time >= prev.time);
			if (ev.time == prev.time) {
				assert_true(ev.seq > prev.seq);
				assert_true(ev.gen > prev.gen); /* pushed later */
			}
		}
		prev = ev;
		n++;
	}
	assert_int_equal(n, 2000);
	ecrc_engine_free(E);
}

static void test_prng(void **state)
{
	(void)state;
	struct eng_prng a, b, c;
	eng_prng_seed(&a, 1);
	eng_prng_seed(&b, 1);
	eng_prng_seed(&c, 2);
	bool differs = false;
	for (int i = 0; i < 100; i++) {
		uint64_t x = eng_prng_next(&a);
		assert_true(x == eng_prng_next(&b));
		differs |= x != eng_prng_next(&c);
	}
	assert_true(differs);
	/* below(n): in range and every value shows up */
	int seen[7] = {0};
	for (int i = 0; i < 7000; i++) {
		uint64_t v = eng_prng_below(&a, 7);
		assert_true(v < 7);
		seen[v]++;
	}
	for (int i = 0; i < 7; i++)
		assert_true(seen[i] > 800 && seen[i] < 1200);
	assert_int_equal(eng_prng_below(&a, 0), 0);
}

static void test_lazy_timer(void **state)
{
	(void)state;
	struct fx f;
	struct ecrc_engine *E = bare(&f);
	struct eng *e = eng_of(E);
	struct eng_bgp *b = &e->circuits[0]->cpe_bgp;
	e->n_heap = 0;
	eng_timer_arm(e, &b->hold, 10);
	assert_int_equal(e->n_heap, 1);
	eng_timer_arm(e, &b->hold, 20); /* later: the queued event will do */
	assert_int_equal(e->n_heap, 1);
	eng_timer_arm(e, &b->hold, 5); /* earlier: a new event */
	assert_int_equal(e->n_heap, 2);
	eng_timer_arm(e, &b->hold, 30);
	/* it fires once, at 30: the early events requeue or are stale */
	b->state = ECRC_BGP_ESTABLISHED; /* so that the expiry shows */
	b->down_at = ECRC_ENGINE_NEVER;
	eng_run(e, 29);
	assert_int_equal(b->state, ECRC_BGP_ESTABLISHED);
	eng_run(e, 30);
	assert_int_equal(b->state, ECRC_BGP_IDLE);
	assert_int_equal(b->down_at, 30);
	ecrc_engine_free(E);
}

static void test_undo(void **state)
{
	(void)state;
	struct fx f;
	struct ecrc_engine *E = bare(&f);
	struct eng *e = eng_of(E);
	struct eng_link *l = e->links[0];
	struct eng_bgp *b = &e->circuits[0]->cpe_bgp;
	/* outside a drill nothing is recorded */
	assert_false(ENG_SAVE(e, l));
	eng_undo_begin(e);
	assert_true(ENG_SAVE(e, l));
	l->up = false;
	assert_false(ENG_SAVE(e, l)); /* once per drill */
	ENG_SAVE(e, b);
	b->hold_s = 777;
	b->state = ECRC_BGP_OPENCONFIRM;
	eng_undo_revert(e);
	assert_true(l->up);
	assert_int_equal(b->hold_s, 0);
	assert_int_equal(b->state, ECRC_BGP_IDLE);
	/* the next drill saves again */
	eng_undo_begin(e);
	assert_true(ENG_SAVE(e, l));
	eng_undo_revert(e);
	ecrc_engine_free(E);
}

struct trace {
	char *text;
	size_t len, cap;
};

static void collect(void *ctx, uint64_t t, const char *line)
{
	struct trace *tr = ctx;
	char buf[640];
	int n = snprintf(buf, sizeof(buf), "%llu %s\n", (unsigned long long)t, line);
	if (tr->len + (size_t)n + 1 > tr->cap) {
		tr->cap = (tr->cap + (size_t)n + 1) * 2;
		tr->text = realloc(tr->text, tr->cap);
	}
	memcpy(tr->text + tr->len, buf, (size_t)n + 1);
	tr->len += (size_t)n;
}

/* Converges the reference with a seed and drills both circuits. */
static char *replay(uint64_t seed)
{
	struct fx f;
	fx_reference(&f);
	struct trace tr = {0};
	f.opt.seed = seed;
	f.opt.trace = collect;
	f.opt.trace_ctx = &tr;
	struct ecrc_engine *E = fx_engine(&f);
	ecrc_engine_converge(E);
	const char *pcs[] = {"pc-bj-1", "pc-bj-2"};
	for (int i = 0; i < 2; i++) {
		struct ecrc_engine_failure fail = {ECRC_FAIL_SILENT, pcs[i]};
		struct ecrc_engine_drill_result d;
		char err[64];
		assert_int_equal(ecrc_engine_drill(E, &fail, 1, &d, err, sizeof(err)), 0);
		ecrc_engine_drill_result_free(&d);
	}
	ecrc_engine_free(E);
	return tr.text;
}

static void test_replay(void **state)
{
	(void)state;
	char *a = replay(1), *b = replay(1), *c = replay(2);
	assert_non_null(a);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c); /* another seed, other jitter */
	assert_non_null(strstr(a, "from Up to Down (control detection time expired)"));
	free(a);
	free(b);
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_queue_order), cmocka_unit_test(test_prng),
	    cmocka_unit_test(test_lazy_timer),  cmocka_unit_test(test_undo),
	    cmocka_unit_test(test_replay),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
