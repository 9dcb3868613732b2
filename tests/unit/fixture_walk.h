/*
 * fixture_walk.h: every design below a directory, for the tests that hold
 * two parts of ecrc to each other over all fixtures (test_ecmp_agree,
 * test_timers_agree). Header-only: include it after cmocka.h.
 */
#ifndef ECRC_TEST_FIXTURE_WALK_H
#define ECRC_TEST_FIXTURE_WALK_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int fixture_walk_by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Calls fn on every *.xml below dir, in name order, directories included
 * where they fall; fixtures/hostile (inputs for the loader, not designs) is
 * left out. */
static void fixture_walk(const char *dir, void (*fn)(const char *path, void *ctx), void *ctx)
{
	DIR *dh = opendir(dir);
	assert_non_null(dh);
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *de; (de = readdir(dh));) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(*names));
			assert_non_null(names);
		}
		size_t len = strlen(dir) + strlen(de->d_name) + 2;
		names[n] = malloc(len);
		assert_non_null(names[n]);
		snprintf(names[n], len, "%s/%s", dir, de->d_name);
		n++;
	}
	closedir(dh);
	qsort(names, n, sizeof(*names), fixture_walk_by_name);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		size_t len = strlen(names[i]);
		if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (!strstr(names[i], "/fixtures/hostile"))
				fixture_walk(names[i], fn, ctx);
		} else if (len > 4 && strcmp(names[i] + len - 4, ".xml") == 0) {
			fn(names[i], ctx);
		}
		free(names[i]);
	}
	free(names);
}

#endif
