#!/usr/bin/env bash
# test_terraform_state.sh: `ecrc check --terraform-state` on the corpus of
# fixtures/rules/drift-cloud/ (terraform show -json output of a state, of a
# plan, a raw terraform.tfstate, a module used as a child module; clean and
# drifted): the exit status, the number of drift-cloud findings and what
# each names, as EXPECT says. Then inputs that are not Terraform output:
# exit 2 with a message that says what is wrong; and usage errors: exit 3.
set -u
: "${ECRC:?}" "${ECRC_SOURCE_DIR:?}"
S=$ECRC_SOURCE_DIR
C=$S/fixtures/rules/drift-cloud
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

listed=" "
while read -r file design rc count tokens; do
  case "$file" in ''|'#'*) continue ;; esac
  listed="$listed$file "
  "$ECRC" check "$S/fixtures/designs/$design.xml" --terraform-state="$C/$file" --quiet >"$tmp/out" 2>"$tmp/err"
  got=$?
  [ "$got" = "$rc" ] || { fail "$file: exit $got, expected $rc"; cat "$tmp/err" "$tmp/out"; continue; }
  n=$(grep -c '\[drift-cloud\]$' "$tmp/out")
  [ "$n" = "$count" ] || { fail "$file: $n drift-cloud findings, expected $count"; cat "$tmp/out"; continue; }
  [ "$(grep -c ': error: ' "$tmp/out")" = "$count" ] || fail "$file: findings of other rules"
  i=0
  for t in $tokens; do
    i=$((i + 1))
    line=$(grep '\[drift-cloud\]$' "$tmp/out" | sed -n "${i}p")
    res=${t%%:*} attr=${t#*:}
    case "$line" in
      *"$file:"*": error: "*".$res: $attr "*) ;;
      *) fail "$file: finding $i does not name $res and $attr: $line" ;;
    esac
  done
  # every finding has a note at the design element
  notes=$(grep -c "fixtures/designs/$design.xml:[0-9]*:[0-9]*: note: " "$tmp/out")
  [ "$notes" = "$count" ] || fail "$file: $notes notes at the design for $count findings"
done <"$C/EXPECT"
for f in "$C"/*.json; do
  case "$listed" in *" $(basename "$f") "*) ;; *) fail "$(basename "$f") is not in EXPECT" ;; esac
done

# with the CPE side in the same run: one report
G=$S/fixtures/golden/beijing-idc-ecmp
"$ECRC" check "$S/fixtures/designs/beijing-idc-ecmp.xml" --config="cpe2=$G/cpe2.ios" \
  --terraform-state="$C/bad-vlan-changed.json" --quiet >"$tmp/out" 2>&1
[ $? = 1 ] && [ "$(grep -c ': error: ' "$tmp/out")" = 1 ] || { fail "--config with --terraform-state"; cat "$tmp/out"; }
"$ECRC" check "$S/fixtures/designs/beijing-idc-ecmp.xml" --config="cpe2=$G/cpe2.ios" \
  --terraform-state="$C/good-clean.json" --quiet >"$tmp/out" 2>&1 || { fail "--config with a clean state"; cat "$tmp/out"; }

# the report formats carry the findings
"$ECRC" check "$S/fixtures/designs/beijing-idc-ecmp.xml" --terraform-state="$C/bad-vlan-changed.json" \
  --format=json --quiet >"$tmp/json" 2>/dev/null
grep -q '"rule": "drift-cloud"' "$tmp/json" || fail "JSON report without the drift-cloud finding"
"$ECRC" check "$S/fixtures/designs/beijing-idc-ecmp.xml" --terraform-state="$C/bad-vlan-changed.json" \
  --format=sarif --quiet >"$tmp/sarif" 2>/dev/null
grep -q '"ruleId": "drift-cloud"' "$tmp/sarif" || fail "SARIF report without the drift-cloud finding"
# standard input
"$ECRC" check "$S/fixtures/designs/beijing-idc-ecmp.xml" --terraform-state=- --quiet \
  <"$C/bad-vlan-changed.json" >"$tmp/out" 2>&1
[ $? = 1 ] || fail "--terraform-state=- did not read standard input"

# not Terraform output: exit 2, saying why
bad() { # NAME CONTENT EXPECTED-MESSAGE
  printf '%s' "$2" >"$tmp/$1"
  "$ECRC" check "$S/fixtures/designs/beijing-idc-ecmp.xml" --terraform-state="$tmp/$1" >"$tmp/out" 2>&1
  local rc=$?
  [ $rc = 2 ] || fail "$1: exit $rc, expected 2"
  grep -qF -- "$3" "$tmp/out" || { fail "$1: no '$3' in:"; cat "$tmp/out"; }
}
bad not-json.json '{"format_version": "1.0", "values": ' "not JSON"
bad array.json '[1, 2]' "the top level is not an object"
bad v2.json '{"format_version": "2.0", "values": {"root_module": {}}}' "format_version 2.0 is not supported"
bad other.json '{"name": "x"}' 'no "format_version"'
bad v3.json '{"version": 3, "resources": []}' "state file of version 3"
bad noroot.json '{"format_version": "1.0", "values": {"outputs": {}}}' "no values.root_module"
bad notype.json '{"format_version": "1.0", "values": {"root_module": {"resources": [{"name": "x"}]}}}' 'no "type" or "name"'
"$ECRC" check "$S/fixtures/designs/beijing-idc-ecmp.xml" --terraform-state="$tmp/absent.json" >"$tmp/out" 2>&1
[ $? = 2 ] && grep -q "cannot read" "$tmp/out" || fail "a missing state file is not exit 2 'cannot read'"
# an empty state (show -json of a workspace without resources): every design object is missing
printf '{"format_version":"1.0","terraform_version":"1.11.4"}' >"$tmp/empty.json"
"$ECRC" check "$S/fixtures/designs/beijing-idc-ecmp.xml" --terraform-state="$tmp/empty.json" --quiet >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q "no alicloud_express_connect_virtual_border_router.vbr-1 in the state" "$tmp/out" ||
  { fail "an empty state does not report the missing VBRs"; cat "$tmp/out"; }

# usage
"$ECRC" check "$S/fixtures/designs/beijing-idc-ecmp.xml" >/dev/null 2>&1
[ $? = 3 ] || fail "check without --config or --terraform-state is not a usage error"
"$ECRC" check "$S/fixtures/designs/beijing-idc-ecmp.xml" --terraform-state=a --terraform-state=b >/dev/null 2>&1
[ $? = 3 ] || fail "--terraform-state twice is not a usage error"

[ $fails = 0 ] || exit 1
echo "ok: drift-cloud corpus and inputs"
