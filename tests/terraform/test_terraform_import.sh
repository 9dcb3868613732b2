#!/usr/bin/env bash
# test_terraform_import.sh: `ecrc import --terraform-state --config`: the
# reference design's state (fixtures/rules/drift-cloud/good-clean.json) and
# its two CPEs' configs (the golden emitted configs: cpe1 as Huawei VRP when
# ecrc has a VRP running-config reader, else as IOS-XE; cpe2 as IOS-XE) give
# a design that lints with no errors, has no drift from that state nor from
# those configs, and emits the same Terraform resources as the reference
# design. The same for the MD5 design. Then the inputs it must refuse.
set -u
: "${ECRC:?}" "${ECRC_SOURCE_DIR:?}"
S=$ECRC_SOURCE_DIR
C=$S/fixtures/rules/drift-cloud
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
readers=" $("$ECRC" check --help | sed -n 's/^ *readers: //p') "
has_reader() { case "$readers" in *" $1 "*) return 0 ;; esac; return 1; }
declare -A ext=([cisco-iosxe]=ios [arista-eos]=eos [frr]=frr.conf [huawei-vrp]=vrp [h3c-comware]=comware
  [juniper-junos]=junos [bird]=bird.conf)

# roundtrip DESIGN STATE CPE:VENDOR...
roundtrip() {
  local design=$1 state=$2 args=() cfgs=() cv cpe v
  shift 2
  for cv in "$@"; do
    cpe=${cv%%:*} v=${cv#*:}
    args+=(--config="$cpe=$v:$S/fixtures/golden/$design/$cpe.${ext[$v]}")
    cfgs+=(--config="$cpe=$S/fixtures/golden/$design/$cpe.${ext[$v]}")
  done
  local out=$tmp/$design.xml
  "$ECRC" import --terraform-state="$C/$state" "${args[@]}" -o "$out" 2>"$tmp/err" ||
    { fail "$design: import failed"; cat "$tmp/err"; return; }
  grep -q '<!-- ecrc import: ' "$out" || fail "$design: no 'ecrc import:' comment for what cannot be known"
  ECRC_MD5_KEY=Golden-Key.2026 "$ECRC" lint --quiet "$out" >"$tmp/lint" 2>&1 ||
    { fail "$design: the imported design does not lint clean"; cat "$tmp/lint" "$out"; return; }
  grep -q ': error: ' "$tmp/lint" && fail "$design: lint errors in the imported design"
  "$ECRC" check "$out" --terraform-state="$C/$state" --quiet >"$tmp/chk" 2>&1 ||
    { fail "$design: the imported design drifts from its own state"; cat "$tmp/chk"; }
  "$ECRC" check "$out" "${cfgs[@]}" --quiet >"$tmp/chk" 2>&1 ||
    { fail "$design: the imported design drifts from its own configs"; cat "$tmp/chk"; }
  "$ECRC" emit --terraform -o "$tmp/$design.tf" "$out" 2>/dev/null || fail "$design: emit --terraform of the import"
  # the same resources as the design's own module (the header names the design's digest)
  diff <(sed 1,3d "$S/fixtures/golden/$design/terraform/main.tf") <(sed 1,3d "$tmp/$design.tf/main.tf") \
    >"$tmp/diff" || { fail "$design: the imported cloud side emits other resources"; cat "$tmp/diff"; }
}
cpe1=cisco-iosxe
has_reader huawei-vrp && cpe1=huawei-vrp
roundtrip beijing-idc-ecmp good-clean.json cpe1:$cpe1 cpe2:cisco-iosxe
roundtrip beijing-idc-ecmp good-plan.json cpe1:$cpe1 cpe2:cisco-iosxe
md5a=frr md5b=frr
has_reader h3c-comware && md5a=h3c-comware
roundtrip two-uplinks-md5 good-two-uplinks-md5.json cpe1:$md5a cpe2:$md5b
grep -q 'auth-key-env="ECRC_MD5_KEY"' "$tmp/two-uplinks-md5.xml" || fail "two-uplinks-md5: no auth-key-env on the uplinks"
grep -q 'auth="md5"' "$tmp/two-uplinks-md5.xml" || fail "two-uplinks-md5: no auth=\"md5\" on the VBRs"

# refused: exit 3 for usage, 2 for inputs
G=$S/fixtures/golden/beijing-idc-ecmp
expect() { # RC MESSAGE ARGS...
  local rc=$1 msg=$2
  shift 2
  "$ECRC" import "$@" >"$tmp/out" 2>&1
  local got=$?
  [ $got = "$rc" ] || fail "import $*: exit $got, expected $rc"
  grep -qF -- "$msg" "$tmp/out" || { fail "import $*: no '$msg' in:"; cat "$tmp/out"; }
}
# without --terraform-state the cloud side comes from the configs: tests/check/test_import.sh
expect 3 "a design needs its data-center side" --terraform-state="$C/good-clean.json" -o "$tmp/x.xml"
expect 3 "name the vendor" --terraform-state="$C/good-clean.json" --config=cpe2=$G/cpe2.ios
expect 3 "given twice" --terraform-state="$C/good-clean.json" --config=a=frr:x --config=a=frr:y
printf '{"format_version":"1.0","terraform_version":"1.11.4"}' >"$tmp/empty.json"
expect 2 "nothing to import" --terraform-state="$tmp/empty.json" --config=cpe2=cisco-iosxe:$G/cpe2.ios
expect 2 "is not of a CPE of this interconnect" --terraform-state="$C/good-clean.json" \
  --config=cpe1=cisco-iosxe:$S/fixtures/golden/two-uplinks-md5/cpe1.ios
[ -e "$tmp/x.xml" ] && fail "a refused import wrote its output"

[ $fails = 0 ] || exit 1
echo "ok: imported designs lint clean and round-trip"
