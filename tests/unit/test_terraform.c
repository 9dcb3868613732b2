/*
 * test_terraform.c: the Terraform side of ecrc without a cloud. The module
 * is deterministic and refuses Terraform names that collide; the state
 * reader takes show -json of a state, of a plan, and a raw tfstate alike;
 * and the round trip: the state of each fixture design's module
 * (fixtures/rules/drift-cloud/good-*.json), imported back and put in place
 * of the design's <cloud>, loads, lints without errors, has no drift from
 * that state, and emits the same Terraform module as the design itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emit/emit.h"
#include "lint/lint.h"
#include "terraform/terraform.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct ecrc_buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ecrc_buf_putn(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return ecrc_buf_take(&b);
}

static struct ecrc_design *load_text(const char *name, const char *text, size_t len, struct ecrc_diags *diags)
{
	bool fatal = false;
	ecrc_diags_init(diags);
	struct ecrc_design *d = ecrc_load_memory(name, text, len, diags, &fatal);
	assert_non_null(d);
	assert_true(ecrc_design_intact(diags));
	ecrc_lint_design(d, &(struct ecrc_lint_options){0}, diags);
	return d;
}

/* main.tf of a design, without its header (which names the design's digest). */
static char *main_tf(struct ecrc_design *d)
{
	struct ecrc_diags diags;
	ecrc_diags_init(&diags);
	struct ecrc_emit_output out;
	assert_int_equal(ecrc_tf_render(d, &(struct ecrc_tf_options){0}, &diags, &out), 0);
	char *text = NULL;
	for (size_t i = 0; i < out.n_files; i++)
		if (strcmp(out.files[i].name, "main.tf") == 0) {
			const char *body = strstr(out.files[i].text, "\n\n");
			assert_non_null(body);
			text = ecrc_xstrdup(body);
		}
	ecrc_emit_output_free(&out);
	ecrc_diags_free(&diags);
	assert_non_null(text);
	return text;
}

static void roundtrip(const char *design, const char *state_file)
{
	char path[2048];
	size_t len;
	snprintf(path, sizeof path, "%s/fixtures/designs/%s.xml", ECRC_SOURCE_DIR, design);
	char *xml = slurp(path, &len);
	struct ecrc_diags diags;
	struct ecrc_design *d = load_text(path, xml, len, &diags);
	ecrc_diags_free(&diags);

	snprintf(path, sizeof path, "%s/fixtures/rules/drift-cloud/%s", ECRC_SOURCE_DIR, state_file);
	struct ecrc_tf_state st;
	char err[512];
	assert_int_equal(ecrc_tf_state_read(path, &st, err, sizeof err), 0);
	struct ecrc_buf cloud = {0};
	assert_int_equal(ecrc_tf_import_cloud(&st, &cloud, err, sizeof err), 0);

	/* the design with the imported <cloud> in place of its own */
	const char *a = strstr(xml, "  <cloud");
	const char *b = strstr(xml, "</cloud>\n");
	assert_non_null(a);
	assert_non_null(b);
	struct ecrc_buf x = {0};
	ecrc_buf_putn(&x, xml, (size_t)(a - xml));
	ecrc_buf_putn(&x, cloud.p, cloud.len);
	ecrc_buf_puts(&x, b + strlen("</cloud>\n"));
	struct ecrc_diags d2;
	struct ecrc_design *imported = load_text("imported.xml", x.p, x.len, &d2);
	size_t errors, warnings, notes;
	ecrc_diags_count(&d2, &errors, &warnings, &notes);
	if (errors) {
		for (size_t i = 0; i < d2.n; i++)
			fprintf(stderr, "%u:%u: %s [%s]\n", d2.v[i].loc.line, d2.v[i].loc.col,
			        d2.v[i].message, d2.v[i].rule);
		fprintf(stderr, "%s", x.p);
	}
	assert_int_equal(errors, 0);

	/* no drift between the imported design and the state it came from */
	struct ecrc_diags d3;
	ecrc_diags_init(&d3);
	assert_int_equal(ecrc_tf_check(imported, &st, &d3), 0);
	ecrc_diags_free(&d3);

	/* the same module: the same cloud side */
	char *want = main_tf(d), *got = main_tf(imported);
	if (strcmp(want, got) != 0)
		fprintf(stderr, "--- design\n%s--- imported\n%s", want, got);
	assert_string_equal(want, got);

	free(want);
	free(got);
	ecrc_design_free(imported);
	ecrc_diags_free(&d2);
	ecrc_buf_free(&x);
	ecrc_buf_free(&cloud);
	ecrc_tf_state_free(&st);
	ecrc_design_free(d);
	free(xml);
}

/* The reference design with `from` replaced by `to` (once). */
static char *edited(const char *from, const char *to, size_t *len)
{
	char path[2048];
	size_t n;
	snprintf(path, sizeof path, "%s/fixtures/designs/beijing-idc-ecmp.xml", ECRC_SOURCE_DIR);
	char *xml = slurp(path, &n);
	char *at = strstr(xml, from);
	assert_non_null(at);
	struct ecrc_buf b = {0};
	ecrc_buf_putn(&b, xml, (size_t)(at - xml));
	ecrc_buf_puts(&b, to);
	ecrc_buf_puts(&b, at + strlen(from));
	free(xml);
	*len = b.len;
	return ecrc_buf_take(&b);
}

static const char *file_text(const struct ecrc_emit_output *out, const char *name)
{
	for (size_t i = 0; i < out->n_files; i++)
		if (strcmp(out->files[i].name, name) == 0)
			return out->files[i].text;
	fail_msg("no %s", name);
	return NULL;
}

static void test_render_second_region_and_vpc_association(void **state)
{
	(void)state;
	/* vbr-2, the TR and the VPC in a region of their own, and the ECR
	 * associated with vpc-prod directly */
	size_t len;
	char *x = edited("      <vbr id=\"vbr-2\"",
	                 "    </region>\n    <region id=\"cn-beijing.b\">\n"
	                 "      <vbr id=\"vbr-2\"",
	                 &len);
	struct ecrc_buf b = {0};
	const char *as = strstr(x, "      <associate transit-router=\"tr-bj\"/>");
	assert_non_null(as);
	ecrc_buf_putn(&b, x, (size_t)(as - x));
	ecrc_buf_puts(&b, "      <associate vpc=\"vpc-prod\"/>\n");
	ecrc_buf_puts(&b, as);
	free(x);
	struct ecrc_diags diags;
	struct ecrc_design *d = load_text("regions.xml", b.p, b.len, &diags);
	struct ecrc_emit_output out;
	assert_int_equal(ecrc_tf_render(d, &(struct ecrc_tf_options){0}, &diags, &out), 0);
	const char *versions = file_text(&out, "versions.tf"), *main = file_text(&out, "main.tf"),
	           *vars = file_text(&out, "variables.tf");
	assert_non_null(strstr(versions, "provider \"alicloud\" {\n  region = \"cn-beijing\"\n}"));
	assert_non_null(
	    strstr(versions,
	           "provider \"alicloud\" {\n  alias  = \"cn-beijing_b\"\n  region = \"cn-beijing.b\"\n}"));
	/* vbr-2 and its BGP group and peer use the second region's provider, vbr-1 the default */
	const char *v2 =
	    strstr(main, "resource \"alicloud_express_connect_virtual_border_router\" \"vbr-2\" {\n");
	assert_non_null(v2);
	assert_memory_equal(
	    v2 + strlen("resource \"alicloud_express_connect_virtual_border_router\" \"vbr-2\" {\n"),
	    "  provider                   = alicloud.cn-beijing_b\n", 53);
	const char *v1 =
	    strstr(main, "resource \"alicloud_express_connect_virtual_border_router\" \"vbr-1\" {\n");
	assert_non_null(v1);
	assert_true(strncmp(strchr(v1, '\n') + 1, "  provider", 10) != 0);
	assert_non_null(strstr(
	    main,
	    "resource \"alicloud_express_connect_router_vbr_child_instance\" \"ecr-1_vbr-2\" {\n"
	    "  ecr_id                   = alicloud_express_connect_router_express_connect_router.ecr-1.id\n"
	    "  child_instance_id        = alicloud_express_connect_virtual_border_router.vbr-2.id\n"
	    "  child_instance_type      = \"VBR\"\n"
	    "  child_instance_region_id = \"cn-beijing.b\"\n}"));
	assert_non_null(strstr(
	    main,
	    "resource \"alicloud_express_connect_router_vpc_association\" \"ecr-1_vpc-prod\" {\n"
	    "  ecr_id                = alicloud_express_connect_router_express_connect_router.ecr-1.id\n"
	    "  vpc_id                = var.vpc-prod_id\n"
	    "  association_region_id = \"cn-beijing.b\"\n}"));
	assert_non_null(strstr(vars, "variable \"vpc-prod_id\" {"));

	/* a state without the VPC association drifts: the association is missing */
	char path[2048], err[512];
	snprintf(path, sizeof path, "%s/fixtures/rules/drift-cloud/good-clean.json", ECRC_SOURCE_DIR);
	struct ecrc_tf_state st;
	assert_int_equal(ecrc_tf_state_read(path, &st, err, sizeof err), 0);
	struct ecrc_diags dd;
	ecrc_diags_init(&dd);
	assert_int_equal(ecrc_tf_check(d, &st, &dd), 1);
	assert_non_null(
	    strstr(dd.v[0].message, "no alicloud_express_connect_router_vpc_association.ecr-1_vpc-prod"));
	ecrc_diags_free(&dd);
	ecrc_tf_state_free(&st);

	ecrc_emit_output_free(&out);
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
	ecrc_buf_free(&b);
}

#define VPC_STATE                                                                                            \
	"{\"format_version\":\"1.0\",\"values\":{\"root_module\":{\"resources\":["                           \
	"{\"address\":\"alicloud_express_connect_router_express_connect_router.e\",\"mode\":\"managed\","    \
	"\"type\":\"alicloud_express_connect_router_express_connect_router\",\"name\":\"e\",\"values\":"     \
	"{\"id\":\"ecr-1x\",\"alibaba_side_asn\":64600,\"ecr_name\":\"ecr-a\"}},"                            \
	"{\"address\":\"alicloud_express_connect_virtual_border_router.v\",\"mode\":\"managed\","            \
	"\"type\":\"alicloud_express_connect_virtual_border_router\",\"name\":\"v\",\"values\":"             \
	"{\"id\":\"vbr-1x\",\"vlan_id\":7,\"local_gateway_ip\":\"10.1.0.1\",\"peer_gateway_ip\":\"10.1.0."   \
	"2\","                                                                                               \
	"\"peering_subnet_mask\":\"255.255.255.252\",\"physical_connection_id\":\"pc-9\",\"mtu\":1500}},"    \
	"{\"address\":\"alicloud_express_connect_router_vbr_child_instance.c\",\"mode\":\"managed\","        \
	"\"type\":\"alicloud_express_connect_router_vbr_child_instance\",\"name\":\"c\",\"values\":"         \
	"{\"ecr_id\":\"ecr-1x\",\"child_instance_id\":\"vbr-1x\",\"child_instance_region_id\":\"cn-"         \
	"hangzhou\"}},"                                                                                      \
	"{\"address\":\"alicloud_express_connect_router_vpc_association.a\",\"mode\":\"managed\","           \
	"\"type\":\"alicloud_express_connect_router_vpc_association\",\"name\":\"a\",\"values\":"            \
	"{\"ecr_id\":\"ecr-1x\",\"vpc_id\":\"vpc-77\",\"association_region_id\":\"cn-hangzhou\"}}%s]}}}"

static void test_import_vpc_association(void **state)
{
	(void)state;
	/* an ECR-VPC association imports as <associate vpc=> and a <vpc> when
	 * the state has the VPC (alicloud_vpc, for its CIDR), else as a comment */
	const char *vpc =
	    ",{\"address\":\"alicloud_vpc.p\",\"mode\":\"managed\",\"type\":\"alicloud_vpc\",\"name\":\"p\","
	    "\"values\":{\"id\":\"vpc-77\",\"cidr_block\":\"172.30.0.0/16\"}}";
	char text[4096], err[512];
	struct ecrc_tf_state st;
	struct ecrc_buf out = {0};
	snprintf(text, sizeof text, VPC_STATE, vpc);
	assert_int_equal(ecrc_tf_state_parse("s.json", text, strlen(text), &st, err, sizeof err), 0);
	assert_int_equal(ecrc_tf_import_cloud(&st, &out, err, sizeof err), 0);
	assert_non_null(strstr(out.p, "<ecr id=\"ecr-a\" asn=\"64600\">\n      <associate vbr=\"v\"/>\n"
	                              "      <associate vpc=\"vpc-77\"/>\n    </ecr>"));
	assert_non_null(strstr(out.p, "<region id=\"cn-hangzhou\">"));
	assert_non_null(strstr(out.p, "<vpc id=\"vpc-77\" cidr=\"172.30.0.0/16\"/>"));
	assert_non_null(strstr(out.p,
	                       "<vbr id=\"v\" connection=\"pc-9\" vlan=\"7\" local-address=\"10.1.0.1/30\" "
	                       "peer-address=\"10.1.0.2\" routing=\"static\"/>"));
	ecrc_buf_free(&out);
	ecrc_tf_state_free(&st);

	snprintf(text, sizeof text, VPC_STATE, "");
	assert_int_equal(ecrc_tf_state_parse("s.json", text, strlen(text), &st, err, sizeof err), 0);
	assert_int_equal(ecrc_tf_import_cloud(&st, &out, err, sizeof err), 0);
	assert_null(strstr(out.p, "      <associate vpc="));
	assert_non_null(strstr(out.p, "associates VPC vpc-77, whose CIDR block is not in the state"));
	ecrc_buf_free(&out);
	ecrc_tf_state_free(&st);
}

static void test_roundtrip_reference(void **state)
{
	(void)state;
	roundtrip("beijing-idc-ecmp", "good-clean.json");
}

static void test_roundtrip_plan_and_raw_state(void **state)
{
	(void)state;
	roundtrip("beijing-idc-ecmp", "good-plan.json");
	roundtrip("beijing-idc-ecmp", "good-raw-tfstate.json");
}

static void test_roundtrip_allowed_prefixes_and_md5(void **state)
{
	(void)state;
	roundtrip("multi-prefix-accept", "good-multi-prefix-accept.json");
	roundtrip("two-uplinks-md5", "good-two-uplinks-md5.json");
}

static void test_import_marks_the_unknown(void **state)
{
	(void)state;
	char path[2048], err[512];
	snprintf(path, sizeof path, "%s/fixtures/rules/drift-cloud/good-clean.json", ECRC_SOURCE_DIR);
	struct ecrc_tf_state st;
	assert_int_equal(ecrc_tf_state_read(path, &st, err, sizeof err), 0);
	struct ecrc_buf out = {0};
	assert_int_equal(ecrc_tf_import_cloud(&st, &out, err, sizeof err), 0);
	assert_non_null(strstr(out.p, "<!-- ecrc import: access points and devices"));
	assert_non_null(strstr(out.p, "<vbr id=\"vbr-1\" connection=\"pc-bj-1\" vlan=\"1308\" "
	                              "local-address=\"10.10.1.6/30\" peer-address=\"10.10.1.5\">"));
	assert_non_null(strstr(out.p, "<bfd min-tx=\"300\" min-rx=\"300\" multiplier=\"3\"/>"));
	assert_non_null(strstr(out.p, "<ecr id=\"ecr-1\" asn=\"64512\">"));
	assert_non_null(strstr(out.p, "<transit-router id=\"tr-bj\" cen=\"cen-prod\"/>"));
	ecrc_buf_free(&out);
	ecrc_tf_state_free(&st);

	/* nothing to import */
	const char *empty = "{\"format_version\":\"1.0\",\"terraform_version\":\"1.11.4\"}";
	assert_int_equal(ecrc_tf_state_parse("empty.json", empty, strlen(empty), &st, err, sizeof err), 0);
	assert_int_equal(ecrc_tf_import_cloud(&st, &out, err, sizeof err), -1);
	assert_non_null(strstr(err, "nothing to import"));
	ecrc_buf_free(&out);
	ecrc_tf_state_free(&st);
}

static void test_state_accessors(void **state)
{
	(void)state;
	const char *text =
	    "{\"format_version\":\"1.0\",\"values\":{\"root_module\":{\"resources\":["
	    "{\"address\":\"a.x\",\"mode\":\"managed\",\"type\":\"a\",\"name\":\"x\",\"values\":"
	    "{\"n\":64512,\"s\":\"64513\",\"b\":true,\"bs\":\"false\",\"e\":\"\",\"l\":[\"p\",\"q\"],"
	    "\"neg\":-1,\"big\":4294967296,\"nul\":null}},"
	    "{\"address\":\"data.a.y\",\"mode\":\"data\",\"type\":\"a\",\"name\":\"y\",\"values\":{}}]}}}";
	struct ecrc_tf_state st;
	char err[256];
	assert_int_equal(ecrc_tf_state_parse("t.json", text, strlen(text), &st, err, sizeof err), 0);
	assert_int_equal(st.n, 1); /* the data source is not deployed */
	const struct ecrc_tf_resource *r = ecrc_tf_find(&st, "a", "x");
	assert_non_null(r);
	uint32_t v;
	assert_true(ecrc_tf_u32(r, "n", &v) && v == 64512);
	assert_true(ecrc_tf_u32(r, "s", &v) && v == 64513);
	assert_false(ecrc_tf_u32(r, "neg", &v));
	assert_false(ecrc_tf_u32(r, "big", &v));
	assert_false(ecrc_tf_u32(r, "absent", &v));
	assert_int_equal(ecrc_tf_bool(r, "b"), 1);
	assert_int_equal(ecrc_tf_bool(r, "bs"), 0);
	assert_int_equal(ecrc_tf_bool(r, "n"), -1);
	assert_null(ecrc_tf_str(r, "e"));
	assert_false(ecrc_tf_has(r, "nul"));
	assert_int_equal(ecrc_tf_list_len(r, "l"), 2);
	assert_string_equal(ecrc_tf_list_str(r, "l", 1), "q");
	assert_null(ecrc_tf_find(&st, "a", "y"));
	ecrc_tf_state_free(&st);
}

static void test_render_refuses_colliding_names(void **state)
{
	(void)state;
	char path[2048];
	size_t len;
	snprintf(path, sizeof path, "%s/fixtures/designs/beijing-idc-ecmp.xml", ECRC_SOURCE_DIR);
	char *xml = slurp(path, &len);
	/* ecr "ecr.1" and a VBR "ecr_1"... two VBRs "vbr.2" and "vbr_2" */
	struct ecrc_buf x = {0};
	for (const char *p = xml; *p; p++) {
		if (strncmp(p, "\"vbr-2\"", 7) == 0) {
			ecrc_buf_puts(&x, "\"vbr_2\"");
			p += 6;
		} else if (strncmp(p, "\"vbr-1\"", 7) == 0) {
			ecrc_buf_puts(&x, "\"vbr.2\"");
			p += 6;
		} else {
			ecrc_buf_putc(&x, *p);
		}
	}
	struct ecrc_diags diags;
	struct ecrc_design *d = load_text("collide.xml", x.p, x.len, &diags);
	struct ecrc_emit_output out;
	assert_int_equal(ecrc_tf_render(d, &(struct ecrc_tf_options){0}, &diags, &out), -1);
	bool said = false;
	for (size_t i = 0; i < diags.n; i++)
		said |= strstr(diags.v[i].message,
		               "'vbr.2' and 'vbr_2' both become the Terraform name 'vbr_2'") != NULL;
	assert_true(said);
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
	ecrc_buf_free(&x);
	free(xml);
}

static void test_render_is_deterministic(void **state)
{
	(void)state;
	char path[2048];
	size_t len;
	snprintf(path, sizeof path, "%s/fixtures/designs/two-uplinks-md5.xml", ECRC_SOURCE_DIR);
	char *xml = slurp(path, &len);
	struct ecrc_diags diags;
	struct ecrc_design *d = load_text(path, xml, len, &diags);
	struct ecrc_emit_output a, b;
	assert_int_equal(ecrc_tf_render(d, &(struct ecrc_tf_options){0}, &diags, &a), 0);
	assert_int_equal(ecrc_tf_render(d, &(struct ecrc_tf_options){.forced = true}, &diags, &b), 0);
	assert_int_equal(a.n_files, 5);
	assert_string_equal(a.files[4].name, "MANIFEST");
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(a.files[i].name, b.files[i].name);
		assert_string_equal(b.files[i].text +
		                        strlen("# WARNING: emitted with --force although the design has "
		                               "lint errors; fix them before applying.\n"),
		                    a.files[i].text);
		/* the key never appears, only the variable */
		assert_null(strstr(a.files[i].text, "Golden-Key"));
	}
	ecrc_emit_output_free(&a);
	ecrc_emit_output_free(&b);
	ecrc_design_free(d);
	ecrc_diags_free(&diags);
	free(xml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_roundtrip_reference),
	    cmocka_unit_test(test_roundtrip_plan_and_raw_state),
	    cmocka_unit_test(test_roundtrip_allowed_prefixes_and_md5),
	    cmocka_unit_test(test_import_marks_the_unknown),
	    cmocka_unit_test(test_state_accessors),
	    cmocka_unit_test(test_render_refuses_colliding_names),
	    cmocka_unit_test(test_render_is_deterministic),
	    cmocka_unit_test(test_render_second_region_and_vpc_association),
	    cmocka_unit_test(test_import_vpc_association),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
