/*
 * state.c: reads the deployed cloud from Terraform: the JSON that
 * `terraform show -json` prints for a state (values.root_module) or a plan
 * (planned_values.root_module), resources of child modules included
 * (child_modules[], recursively), with jansson. A raw terraform.tfstate
 * (version 4: resources[].instances[].attributes) is read too. Only managed
 * resources are kept; data sources are not what is deployed.
 *
 * Format: <https://developer.hashicorp.com/terraform/internals/json-format>.
 * A format_version of another major version than 1 is refused, as that
 * page asks of consumers.
 */
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "terraform/terraform.h"

static int fail(char *err, size_t n, const char *fmt, ...) ECRC_PRINTF(3, 4);
static int fail(char *err, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, n, fmt, ap);
	va_end(ap);
	return -1;
}

/* The line of the first occurrence of `"<needle>"` at or after `from` in
 * the text (1 when not found: one-line JSON, as terraform prints it). */
static uint32_t line_of(const char *text, size_t len, const char *needle, size_t *from)
{
	size_t nl = strlen(needle);
	for (size_t i = *from; i + nl + 2 <= len; i++) {
		if (text[i] == '"' && memcmp(text + i + 1, needle, nl) == 0 && text[i + 1 + nl] == '"') {
			uint32_t line = 1;
			for (size_t k = 0; k < i; k++)
				line += text[k] == '\n';
			*from = i + nl + 2;
			return line;
		}
	}
	return 1;
}

struct reader {
	struct ecrc_tf_state *st;
	const char *text;
	size_t len;
	size_t cap;
	size_t scan; /* where the next address is looked for in the text */
};

static void add(struct reader *R, const char *address, const char *type, const char *name, json_t *values)
{
	struct ecrc_tf_state *st = R->st;
	if (st->n == R->cap) {
		R->cap = R->cap ? 2 * R->cap : 16;
		st->resources = ecrc_xrealloc(st->resources, R->cap * sizeof *st->resources);
	}
	struct ecrc_tf_resource *r = &st->resources[st->n++];
	r->address = address;
	r->type = type;
	r->name = name;
	r->values = values;
	size_t from = R->scan;
	r->line = line_of(R->text, R->len, address, &from);
	if (r->line == 1 && from == R->scan) { /* not found after the last one: look from the start */
		from = 0;
		r->line = line_of(R->text, R->len, address, &from);
	}
	if (from != R->scan)
		R->scan = from;
}

/* values.root_module and its child_modules (show -json). */
static int read_module(struct reader *R, json_t *mod, char *err, size_t n, int depth)
{
	if (depth > 64)
		return fail(err, n, "modules nested deeper than 64 levels");
	json_t *res = json_object_get(mod, "resources");
	if (res && !json_is_array(res))
		return fail(err, n, "a module's \"resources\" is not an array");
	size_t i;
	json_t *r;
	json_array_foreach(res, i, r)
	{
		const char *mode = json_string_value(json_object_get(r, "mode"));
		const char *type = json_string_value(json_object_get(r, "type"));
		const char *name = json_string_value(json_object_get(r, "name"));
		const char *addr = json_string_value(json_object_get(r, "address"));
		json_t *values = json_object_get(r, "values");
		if (!type || !name)
			return fail(err, n, "resource %zu of a module has no \"type\" or \"name\"", i);
		if (mode && strcmp(mode, "managed") != 0)
			continue;
		if (!json_is_object(values))
			values = NULL; /* a plan may not know them yet */
		add(R, addr ? addr : name, type, name, values);
	}
	json_t *children = json_object_get(mod, "child_modules");
	json_t *c;
	json_array_foreach(children, i, c)
	{
		if (read_module(R, c, err, n, depth + 1) != 0)
			return -1;
	}
	return 0;
}

/* A raw terraform.tfstate, format version 4. */
static int read_raw(struct reader *R, json_t *root, char *err, size_t n)
{
	json_t *res = json_object_get(root, "resources");
	if (!json_is_array(res))
		return fail(err, n, "a state file (version 4) without a \"resources\" array");
	size_t i;
	json_t *r;
	json_array_foreach(res, i, r)
	{
		const char *mode = json_string_value(json_object_get(r, "mode"));
		const char *type = json_string_value(json_object_get(r, "type"));
		const char *name = json_string_value(json_object_get(r, "name"));
		if (!type || !name)
			return fail(err, n, "resource %zu has no \"type\" or \"name\"", i);
		if (mode && strcmp(mode, "managed") != 0)
			continue;
		json_t *inst = json_object_get(r, "instances");
		size_t k;
		json_t *in;
		json_array_foreach(inst, k, in)
		{
			json_t *attrs = json_object_get(in, "attributes");
			add(R, name, type, name, json_is_object(attrs) ? attrs : NULL);
		}
	}
	return 0;
}

int ecrc_tf_state_parse(const char *path, const char *text, size_t len, struct ecrc_tf_state *st, char *err,
                        size_t n)
{
	memset(st, 0, sizeof *st);
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return fail(err, n, "%s:%d:%d: not JSON: %s", path, je.line, je.column, je.text);
	st->root = root;
	st->path = ecrc_xstrdup(path);
	struct reader R = {.st = st, .text = text, .len = len};
	if (!json_is_object(root)) {
		ecrc_tf_state_free(st);
		return fail(err, n, "%s: not Terraform output: the top level is not an object", path);
	}
	const char *fv = json_string_value(json_object_get(root, "format_version"));
	json_t *version = json_object_get(root, "version");
	int rc;
	if (fv) {
		if (strncmp(fv, "1.", 2) != 0 && strcmp(fv, "1") != 0) {
			fail(err, n,
			     "%s: format_version %s is not supported (ecrc reads format version 1.x of "
			     "terraform show -json)",
			     path, fv);
			ecrc_tf_state_free(st);
			return -1;
		}
		json_t *values = json_object_get(root, "planned_values");
		st->plan = values != NULL;
		if (!values)
			values = json_object_get(root, "values");
		json_t *mod = json_object_get(values, "root_module");
		if (!values) {
			st->empty = true; /* an empty state: show -json prints only the versions */
			rc = 0;
		} else if (!json_is_object(mod)) {
			ecrc_tf_state_free(st);
			return fail(err, n, "%s: no values.root_module (nor planned_values.root_module)",
			            path);
		} else {
			rc = read_module(&R, mod, err, n, 0);
		}
	} else if (json_is_integer(version)) {
		if (json_integer_value(version) != 4) {
			fail(err, n,
			     "%s: a state file of version %lld; ecrc reads version 4, or the output of "
			     "terraform show -json",
			     path, (long long)json_integer_value(version));
			ecrc_tf_state_free(st);
			return -1;
		}
		rc = read_raw(&R, root, err, n);
	} else {
		ecrc_tf_state_free(st);
		return fail(err, n,
		            "%s: not Terraform output: no \"format_version\" (terraform show -json) and no "
		            "state \"version\"",
		            path);
	}
	if (rc != 0) {
		char why[512];
		snprintf(why, sizeof why, "%s", err);
		ecrc_tf_state_free(st);
		return fail(err, n, "%s: %s", path, why);
	}
	return 0;
}

int ecrc_tf_state_read(const char *path, struct ecrc_tf_state *st, char *err, size_t n)
{
	memset(st, 0, sizeof *st);
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return fail(err, n, "cannot read %s: %s", path, strerror(errno));
	struct ecrc_buf b = {0};
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		ecrc_buf_putn(&b, chunk, got);
		if (b.len > ECRC_TF_MAX_STATE_BYTES) {
			if (f != stdin)
				fclose(f);
			ecrc_buf_free(&b);
			return fail(err, n, "%s: larger than %u MiB; is it Terraform output?", path,
			            ECRC_TF_MAX_STATE_BYTES >> 20);
		}
	}
	bool bad = ferror(f);
	if (f != stdin)
		fclose(f);
	if (bad) {
		ecrc_buf_free(&b);
		return fail(err, n, "cannot read %s: %s", path, strerror(errno));
	}
	int rc = ecrc_tf_state_parse(path, b.p ? b.p : "", b.len, st, err, n);
	ecrc_buf_free(&b);
	return rc;
}

void ecrc_tf_state_free(struct ecrc_tf_state *st)
{
	if (st->root)
		json_decref(st->root);
	free(st->resources);
	free(st->path);
	memset(st, 0, sizeof *st);
}

const struct ecrc_tf_resource *ecrc_tf_find(const struct ecrc_tf_state *st, const char *type,
                                            const char *name)
{
	for (size_t i = 0; i < st->n; i++)
		if (strcmp(st->resources[i].type, type) == 0 && strcmp(st->resources[i].name, name) == 0)
			return &st->resources[i];
	return NULL;
}

static json_t *get(const struct ecrc_tf_resource *r, const char *attr)
{
	return r && r->values ? json_object_get(r->values, attr) : NULL;
}

bool ecrc_tf_has(const struct ecrc_tf_resource *r, const char *attr)
{
	json_t *v = get(r, attr);
	return v && !json_is_null(v);
}

const char *ecrc_tf_str(const struct ecrc_tf_resource *r, const char *attr)
{
	const char *s = json_string_value(get(r, attr));
	return s && *s ? s : NULL;
}

bool ecrc_tf_u32(const struct ecrc_tf_resource *r, const char *attr, uint32_t *out)
{
	json_t *v = get(r, attr);
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);
		if (i < 0 || i > (json_int_t)UINT32_MAX)
			return false;
		*out = (uint32_t)i;
		return true;
	}
	if (json_is_real(v)) {
		double x = json_real_value(v);
		if (x < 0 || x > (double)UINT32_MAX || x != (double)(uint32_t)x)
			return false;
		*out = (uint32_t)x;
		return true;
	}
	/* the provider keeps some numbers as strings ("64512") */
	const char *s = json_string_value(v);
	return s && ecrc_parse_u32(s, 0, UINT32_MAX, out);
}

int ecrc_tf_bool(const struct ecrc_tf_resource *r, const char *attr)
{
	json_t *v = get(r, attr);
	if (json_is_boolean(v))
		return json_is_true(v);
	const char *s = json_string_value(v);
	if (s && strcmp(s, "true") == 0)
		return 1;
	if (s && strcmp(s, "false") == 0)
		return 0;
	return -1;
}

size_t ecrc_tf_list_len(const struct ecrc_tf_resource *r, const char *attr)
{
	json_t *v = get(r, attr);
	return json_is_array(v) ? json_array_size(v) : 0;
}

const char *ecrc_tf_list_str(const struct ecrc_tf_resource *r, const char *attr, size_t i)
{
	return json_string_value(json_array_get(get(r, attr), i));
}
