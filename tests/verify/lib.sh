# lib.sh: what the verify tests share: the binary, a scratch directory,
# the golden designs and how one golden report is made. Sourced, not run.
set -u
src=${ECRC_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
ECRC=${ECRC:-$src/build/ecrc}
[ -x "$ECRC" ] || { echo "SKIP: no ecrc binary at $ECRC" >&2; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
BJ=$src/fixtures/designs/beijing-idc-ecmp.xml

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# expect_status CODE WHAT -- CMD...: runs CMD (stdout to $work/out, stderr to
# $work/err) and fails unless it exits with CODE.
expect_status() {
  local want=$1 what=$2
  shift 3
  local got=0
  "$@" >"$work/out" 2>"$work/err" || got=$?
  [ "$got" = "$want" ] || { cat "$work/err" >&2; fail "$what: exit $got, expected $want"; }
}

# The designs with a golden report: the reference and fixtures/verify/.
golden_designs() {
  echo "$src/fixtures/designs/beijing-idc-ecmp.xml"
  ls "$src"/fixtures/verify/*.xml
}

# golden_report DESIGN: what fixtures/golden/verify/<name>.json holds.
golden_report() {
  "$ECRC" verify --format=json --drill=all --seed=1 "$1" 2>/dev/null || [ $? = 1 ]
}
