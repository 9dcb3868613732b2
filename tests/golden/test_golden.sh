#!/usr/bin/env bash
# test_golden.sh: every design x every vendor emits byte for byte what
# fixtures/golden/ holds. After a deliberate change: tests/golden/update.sh.
set -u
: "${ECRC:?}" "${ECRC_SOURCE_DIR:?}"
. "$ECRC_SOURCE_DIR/tests/golden/golden-lib.sh"
got=$(mktemp -d)
trap 'rm -rf "$got"' EXIT
golden_emit "$ECRC" "$ECRC_SOURCE_DIR" "$got" || exit 1
n=$(find "$got" -type f | wc -l)
designs=$(ls "$ECRC_SOURCE_DIR"/fixtures/designs/*.xml | wc -l)
vendors=$(golden_vendors "$ECRC" | wc -l)
if [ "$designs" -lt 4 ] || [ "$vendors" -lt 1 ] || [ "$n" -lt $((designs * vendors)) ]; then
  echo "FAIL: expected at least 4 designs x $vendors vendors, got $n files for $designs designs" >&2
  exit 1
fi
# per design: fixtures/golden/ may hold other goldens beside these
status=0
for d in "$got"/*; do
  name=$(basename "$d")
  if ! diff -r "$ECRC_SOURCE_DIR/fixtures/golden/$name" "$d" >"$got.diff" 2>&1; then
    echo "FAIL: $name: emitted configs differ from fixtures/golden/$name" \
      "(regenerate with tests/golden/update.sh if deliberate):" >&2
    head -n 80 "$got.diff" >&2
    status=1
  fi
done
rm -f "$got.diff"
[ $status = 0 ] || exit 1
echo "ok: $n golden files match"
