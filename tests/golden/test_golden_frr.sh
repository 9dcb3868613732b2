#!/usr/bin/env bash
# test_golden_frr.sh: the real FRR accepts every FRR golden file
# (vtysh -C -f: parse and check only, no daemons), and the check is not
# blind: a file with a misspelt keyword is refused.
set -u
: "${ECRC_SOURCE_DIR:?}"
. "$ECRC_SOURCE_DIR/tests/golden/golden-lib.sh"
tool_or_skip vtysh
status=0 n=0
for f in "$ECRC_SOURCE_DIR"/fixtures/golden/*/*.frr.conf; do
  [ -e "$f" ] || { echo "FAIL: no FRR golden files" >&2; exit 1; }
  n=$((n + 1))
  if ! out=$(vtysh -C -f "$f" 2>&1); then
    echo "FAIL: FRR refuses $f:" >&2
    echo "$out" >&2
    status=1
  fi
done
bad=$(mktemp)
trap 'rm -f "$bad"' EXIT
sed 's/^ neighbor \([0-9.]*\) remote-as / neighbor \1 remote-az /' "$f" >"$bad"
if vtysh -C -f "$bad" >/dev/null 2>&1; then
  echo "FAIL: vtysh -C accepted a broken file; the check proves nothing" >&2
  status=1
fi
[ $status = 0 ] && echo "ok: FRR parses all $n FRR golden files"
exit $status
