#!/usr/bin/env bash
# update.sh: regenerates fixtures/golden/verify/<design>.json (the JSON
# report of `ecrc verify --drill=all --seed=1`) for the reference design
# and every design of fixtures/verify/, after a deliberate change to the
# engine or the report. Review with `git diff fixtures/golden/verify`.
#   tests/verify/update.sh [ECRC]   (default: $ECRC, else build/ecrc)
set -euo pipefail
[ $# -gt 0 ] && ECRC=$1
. "$(dirname "$0")/lib.sh"
mkdir -p "$src/fixtures/golden/verify"
n=0
for design in $(golden_designs); do
  name=$(basename "$design" .xml)
  golden_report "$design" >"$src/fixtures/golden/verify/$name.json" || { echo "update.sh: $design failed" >&2; exit 1; }
  n=$((n + 1))
done
echo "fixtures/golden/verify: $n reports"
