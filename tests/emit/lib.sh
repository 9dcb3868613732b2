# lib.sh: what the emit CLI tests share. Sourced, not run.
set -u
: "${ECRC:?}" "${ECRC_SOURCE_DIR:?}"
DESIGNS=$ECRC_SOURCE_DIR/fixtures/designs
BJ=$DESIGNS/beijing-idc-ecmp.xml
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# expect_status WANT DESCRIPTION -- COMMAND...: runs the command (stdout to
# $work/out, stderr to $work/err) and checks its exit status.
expect_status() {
  local want=$1 what=$2
  shift 3
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    fail "$what: exit $got, expected $want"
    sed 's/^/  stderr: /' "$work/err" >&2
  fi
}

# A copy of the reference design with a sed expression applied.
variant() {
  local name=$1 expr=$2
  sed "$expr" "$BJ" >"$work/$name.xml"
  echo "$work/$name.xml"
}

finish() {
  if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
  fi
  echo "ok"
  exit 0
}
