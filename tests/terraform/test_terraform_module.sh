#!/usr/bin/env bash
# test_terraform_module.sh: `ecrc emit --terraform` writes, for every
# fixture design, a module that HashiCorp's HCL parser accepts and whose
# every resource argument exists in the aliyun/alicloud provider schema
# (tests/terraform/alicloud-schema.json, from @pulumi/alicloud); the
# reference design's module carries the design's values; the state
# Terraform would hold after applying each module has no drift from its
# design; the checker itself rejects a module with an argument the
# provider does not have.
set -u
: "${ECRC:?}" "${ECRC_SOURCE_DIR:?}"
. "$ECRC_SOURCE_DIR/tests/terraform/tf-lib.sh"
modules=$(hcl2json_dir) || exit $?
export NODE_PATH=$modules
t=$ECRC_SOURCE_DIR/tests/terraform
schema=$t/alicloud-schema.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

for design in "$ECRC_SOURCE_DIR"/fixtures/designs/*.xml; do
  name=$(basename "$design" .xml)
  "$ECRC" emit --terraform -o "$tmp/$name" "$design" 2>"$tmp/err" || { cat "$tmp/err" >&2; fail "emit --terraform $name"; }
  for f in versions.tf variables.tf main.tf outputs.tf MANIFEST; do
    [ -f "$tmp/$name/$f" ] || fail "$name: no $f"
  done
  (cd "$tmp/$name" && sha256sum -c --quiet MANIFEST) || fail "$name: MANIFEST does not match"
  node "$t/check-module.js" "$tmp/$name" "$schema" "$tmp/$name.json" || fail "$name: module does not check"
done

# terraform fmt, where Terraform is installed: the text is already canonical
if command -v terraform >/dev/null 2>&1; then
  TF_CLI_CONFIG_FILE=/dev/null terraform fmt -check -recursive "$tmp" >/dev/null 2>&1 || fail "terraform fmt would change the emitted modules"
fi

# the round trip: the state Terraform would hold after applying each module
# (state-from-module.js) has no drift from its design
for design in "$ECRC_SOURCE_DIR"/fixtures/designs/*.xml; do
  name=$(basename "$design" .xml)
  node "$t/state-from-module.js" "$tmp/$name" "$schema" >"$tmp/$name.state.json" || fail "$name: no state from the module"
  "$ECRC" check "$design" --terraform-state="$tmp/$name.state.json" >"$tmp/out" 2>&1 ||
    { cat "$tmp/out" >&2; fail "$name: the module's own state drifts from the design"; }
done
# and the committed corpus is what state-from-module.js writes for the reference design
cmp -s "$tmp/beijing-idc-ecmp.state.json" "$ECRC_SOURCE_DIR/fixtures/rules/drift-cloud/good-clean.json" ||
  fail "fixtures/rules/drift-cloud/good-clean.json is not what state-from-module.js writes for beijing-idc-ecmp"

# the reference design's values, as the parser read them
node - "$tmp/beijing-idc-ecmp.json" <<'JS' || fail "beijing-idc-ecmp: values"
const m = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const r = m.resource;
const bad = [];
const eq = (what, got, want) => { if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${what}: ${JSON.stringify(got)}, want ${JSON.stringify(want)}`); };
const vbr = r.alicloud_express_connect_virtual_border_router;
const want = { 'vbr-1': [1308, '10.10.1.6', '10.10.1.5'], 'vbr-2': [1309, '10.10.2.6', '10.10.2.5'] };
eq('VBRs', Object.keys(vbr).sort(), ['vbr-1', 'vbr-2']);
for (const [n, [vlan, local, peer]] of Object.entries(want)) {
  const v = vbr[n][0];
  eq(`${n} vlan_id`, v.vlan_id, vlan);
  eq(`${n} local_gateway_ip`, v.local_gateway_ip, local);
  eq(`${n} peer_gateway_ip`, v.peer_gateway_ip, peer);
  eq(`${n} peering_subnet_mask`, v.peering_subnet_mask, '255.255.255.252');
  eq(`${n} BFD`, [v.min_tx_interval, v.min_rx_interval, v.detect_multiplier], [300, 300, 3]);
  eq(`${n} physical_connection_id`, v.physical_connection_id, `\${var.pc-bj-${n.slice(-1)}_id}`);
  const p = r.alicloud_vpc_bgp_peer[n][0];
  eq(`${n} peer enable_bfd`, p.enable_bfd, true);
  eq(`${n} peer peer_ip_address`, p.peer_ip_address, peer);
  eq(`${n} group peer_asn`, r.alicloud_vpc_bgp_group[n][0].peer_asn, n === 'vbr-1' ? 65003 : 65004);
}
eq('ECR alibaba_side_asn', r.alicloud_express_connect_router_express_connect_router['ecr-1'][0].alibaba_side_asn, 64512);
eq('VBR child instances', Object.keys(r.alicloud_express_connect_router_vbr_child_instance).sort(), ['ecr-1_vbr-1', 'ecr-1_vbr-2']);
eq('TR association', Object.keys(r.alicloud_express_connect_router_tr_association), ['ecr-1_tr-bj']);
eq('variables', Object.keys(m.variable).sort(), ['pc-bj-1_id', 'pc-bj-2_id', 'tr-bj_cen_id', 'tr-bj_id']);
for (const b of bad) console.log(b);
process.exit(bad.length ? 1 : 0);
JS

# MD5: the key comes from a sensitive variable named after auth-key-env
node -e '
const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const v = m.variable.ECRC_MD5_KEY[0];
const g = m.resource.alicloud_vpc_bgp_group["vbr-sh-1"][0];
if (v.sensitive !== true || g.auth_key !== "${var.ECRC_MD5_KEY}") { console.log("md5:", JSON.stringify(v), g.auth_key); process.exit(1); }
' "$tmp/two-uplinks-md5.json" || fail "two-uplinks-md5: MD5 variable"
node -e '
const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const a = m.resource.alicloud_express_connect_router_tr_association["ecr-sz_tr-sz"][0];
if (JSON.stringify(a.allowed_prefixes) !== JSON.stringify(["172.16.0.0/15"])) { console.log("allowed_prefixes:", a.allowed_prefixes); process.exit(1); }
' "$tmp/multi-prefix-accept.json" || fail "multi-prefix-accept: allowed prefixes"

# the checker can fail: an argument the provider does not have, a missing
# required one, a value of the wrong type
cp -r "$tmp/beijing-idc-ecmp" "$tmp/broken"
sed -i 's/^  vlan_id  /  vlan     /; s/enable_bfd      = true/enable_bfd      = "yes"/' "$tmp/broken/main.tf"
if node "$t/check-module.js" "$tmp/broken" "$schema" "$tmp/broken.json" >"$tmp/out" 2>&1; then
  fail "check-module.js accepted a module with argument 'vlan'"
fi
grep -q "argument vlan is not an argument" "$tmp/out" || { cat "$tmp/out" >&2; fail "no finding for 'vlan'"; }
grep -q "required argument vlan_id is missing" "$tmp/out" || { cat "$tmp/out" >&2; fail "no finding for the missing vlan_id"; }
grep -q 'enable_bfd = "yes" is a string' "$tmp/out" || { cat "$tmp/out" >&2; fail "no finding for enable_bfd's type"; }
printf 'resource "alicloud_vpc_bgp_peer" "x" {\n  bgp_group_id = \n' >"$tmp/broken/main.tf"
node "$t/check-module.js" "$tmp/broken" "$schema" "$tmp/broken.json" >"$tmp/out" 2>&1 && fail "check-module.js accepted HCL that does not parse"
grep -q "HCL parse error" "$tmp/out" || { cat "$tmp/out" >&2; fail "no parse error reported"; }

echo "ok: the fixture designs' modules parse and check against the provider schema"
