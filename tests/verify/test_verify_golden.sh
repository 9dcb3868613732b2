#!/usr/bin/env bash
# test_verify_golden.sh: the JSON report of every golden design (the
# reference and fixtures/verify/*.xml, --drill=all --seed=1) is byte for
# byte fixtures/golden/verify/<design>.json. After a deliberate change:
# tests/verify/update.sh, then review the diff.
. "$(dirname "$0")/lib.sh"
for design in $(golden_designs); do
  name=$(basename "$design" .xml)
  want=$src/fixtures/golden/verify/$name.json
  [ -f "$want" ] || fail "no golden for $name (run tests/verify/update.sh)"
  golden_report "$design" >"$work/$name.json" || fail "$name: ecrc verify failed"
  diff -u "$want" "$work/$name.json" >"$work/diff" || { head -40 "$work/diff" >&2; fail "$name differs from its golden"; }
done
echo "ok: $(golden_designs | wc -l) golden reports"
