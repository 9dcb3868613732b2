#!/usr/bin/env bash
# update.sh: regenerates fixtures/golden/ from the built ecrc, after a
# deliberate change to a backend or to the lowering. Review the result with
# `git diff fixtures/golden` before committing it.
#   tests/golden/update.sh [ECRC]   (default: $ECRC, else build/ecrc)
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
ecrc=${1:-${ECRC:-$src/build/ecrc}}
[ -x "$ecrc" ] || { echo "update.sh: no ecrc binary at $ecrc (build first, or pass its path)" >&2; exit 2; }
. "$src/tests/golden/golden-lib.sh"
new=$(mktemp -d)
trap 'rm -rf "$new"' EXIT
golden_emit "$ecrc" "$src" "$new"
# one directory per design; fixtures/golden/ may hold other goldens beside them
for d in "$new"/*; do
  rm -rf "$src/fixtures/golden/$(basename "$d")"
  mkdir -p "$src/fixtures/golden"
  cp -r "$d" "$src/fixtures/golden/"
done
echo "fixtures/golden: $(find "$new" -type f | wc -l) files from $(ls "$new" | wc -l) designs x $(golden_vendors "$ecrc" | wc -l) vendors"
