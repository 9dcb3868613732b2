#!/usr/bin/env bash
# test_terraform_emit_cli.sh: `ecrc emit --terraform` on the command line:
# lint first (errors: nothing written, exit 1; --force: written, each file
# says so, exit 1), the same bytes on every run, options that do not go
# with it (exit 3), an output that cannot be written (exit 2, nothing
# left behind), the default directory.
set -u
: "${ECRC:?}" "${ECRC_SOURCE_DIR:?}"
S=$ECRC_SOURCE_DIR
ref=$S/fixtures/designs/beijing-idc-ecmp.xml
bad=$(ls "$S"/fixtures/rules/vlan-mismatch/bad-*.xml | head -n 1)
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$ECRC" emit --terraform -o "$tmp/a" "$ref" 2>/dev/null || fail "emit --terraform of the reference design"
"$ECRC" emit "$ref" -o "$tmp/b" --terraform 2>/dev/null || fail "emit DESIGN -o DIR --terraform (options after the operand)"
diff -r "$tmp/a" "$tmp/b" >/dev/null || fail "two runs differ"
diff -r "$tmp/a" "$S/fixtures/golden/beijing-idc-ecmp/terraform" >/dev/null || fail "differs from the golden module"

"$ECRC" emit --terraform -o "$tmp/c" "$bad" >"$tmp/out" 2>&1
[ $? = 1 ] || fail "a design with lint errors: not exit 1"
[ -e "$tmp/c" ] && fail "a design with lint errors: something was written"
grep -q "nothing written" "$tmp/out" || fail "a design with lint errors: no 'nothing written'"
"$ECRC" emit --terraform --force -o "$tmp/c" "$bad" >/dev/null 2>&1
[ $? = 1 ] || fail "--force with lint errors: not exit 1"
for f in versions.tf variables.tf main.tf outputs.tf; do
  head -n 1 "$tmp/c/$f" | grep -q "^# WARNING: emitted with --force" || fail "--force: $f does not start with the warning"
done

for o in --stdout --cpe=cpe1 --vendor=frr --redact-secrets; do
  "$ECRC" emit --terraform "$o" "$ref" >"$tmp/out" 2>&1
  [ $? = 3 ] || fail "--terraform $o: not a usage error"
  grep -q -- "does not go with it" "$tmp/out" || fail "--terraform $o: no reason given"
done

mkdir "$tmp/ro" && chmod a-w "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
  "$ECRC" emit --terraform -o "$tmp/ro/x" "$ref" >/dev/null 2>&1
  [ $? = 2 ] || fail "an unwritable output: not exit 2"
  [ -z "$(ls -A "$tmp/ro")" ] || fail "an unwritable output: something was left"
fi
# a file where the directory should be: exit 2, the file as it was
echo keep >"$tmp/file"
"$ECRC" emit --terraform -o "$tmp/file" "$ref" >/dev/null 2>&1
[ $? = 2 ] || fail "-o naming a file: not exit 2"
[ "$(cat "$tmp/file")" = keep ] || fail "-o naming a file: the file changed"

(cd "$tmp" && "$ECRC" emit --terraform "$ref" >/dev/null 2>&1) || fail "emit --terraform without -o"
[ -f "$tmp/ecrc-out/beijing-idc-ecmp-terraform/main.tf" ] || fail "no default directory ecrc-out/<design>-terraform"

[ $fails = 0 ] || exit 1
echo "ok: emit --terraform on the command line"
