#!/usr/bin/env bash
# test_golden_bird.sh: the real BIRD accepts every BIRD golden file
# (bird -p -c: parse only), and the check is not blind: a file with a
# misspelt keyword is refused.
set -u
: "${ECRC_SOURCE_DIR:?}"
. "$ECRC_SOURCE_DIR/tests/golden/golden-lib.sh"
tool_or_skip bird
status=0 n=0
for f in "$ECRC_SOURCE_DIR"/fixtures/golden/*/*.bird.conf; do
  [ -e "$f" ] || { echo "FAIL: no BIRD golden files" >&2; exit 1; }
  n=$((n + 1))
  if ! out=$(bird -p -c "$f" 2>&1); then
    echo "FAIL: BIRD refuses $f:" >&2
    echo "$out" >&2
    status=1
  fi
done
bad=$(mktemp)
trap 'rm -f "$bad"' EXIT
sed 's/hold time/hold tyme/' "$f" >"$bad"
if bird -p -c "$bad" >/dev/null 2>&1; then
  echo "FAIL: bird -p accepted a broken file; the check proves nothing" >&2
  status=1
fi
[ $status = 0 ] && echo "ok: BIRD parses all $n BIRD golden files"
exit $status
