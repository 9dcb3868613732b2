#!/usr/bin/env bash
# test_emit_lint_errors.sh: lint runs first. A design with errors writes
# nothing and exits 1; with --force it is written, each file starting with
# the comment saying so, and the status is still 1. A design with schema
# errors is never emitted.
. "$(dirname "$0")/lib.sh"

bad=$(variant vlan-mismatch 's/<vbr id="vbr-2" connection="pc-bj-2" vlan="1309"/<vbr id="vbr-2" connection="pc-bj-2" vlan="1310"/')
grep -q 'vlan="1310"' "$bad" || { echo "test setup: the substitution did not apply" >&2; exit 1; }
expect_status 1 "design with lint errors" -- "$ECRC" emit -o "$work/out1" "$bad"
[ -e "$work/out1" ] && fail "a design with lint errors wrote $(ls "$work/out1")"
grep -q "error:" "$work/err" || fail "the lint errors are not shown"
grep -q "nothing written" "$work/err" || fail "no 'nothing written'"

expect_status 1 "--force" -- "$ECRC" emit --force -o "$work/out2" "$bad"
for f in cpe1.vrp cpe2.ios; do
  [ -s "$work/out2/$f" ] || { fail "--force did not write $f"; continue; }
  head -1 "$work/out2/$f" | grep -q "WARNING: emitted with --force although the design has lint errors" ||
    fail "$f does not start with the --force warning"
done
(cd "$work/out2" && sha256sum --check --strict --quiet MANIFEST) || fail "--force MANIFEST does not check"

# --force on a clean design: no warning line
expect_status 0 "--force, clean design" -- "$ECRC" emit --force -o "$work/out3" "$BJ"
grep -q "WARNING" "$work/out3/cpe2.ios" && fail "--force marked a clean design"

# schema errors: not even --force
broken=$(variant schema 's/remote-asn="64512"/remote-asn="sixty-four"/')
expect_status 1 "--force with schema errors" -- "$ECRC" emit --force -o "$work/out4" "$broken"
[ -e "$work/out4" ] && fail "a design with schema errors was emitted"
grep -q "not even with --force" "$work/err" || fail "no explanation for schema errors"
finish
