#!/usr/bin/env bash
# test_emit_atomic.sh: an output directory that cannot be written exits 2
# and leaves nothing behind; a run that fails half way leaves the
# directory as it was.
. "$(dirname "$0")/lib.sh"

# a directory that cannot be created (a regular file in the way)
touch "$work/file"
expect_status 2 "output under a regular file" -- "$ECRC" emit -o "$work/file/sub/dir" "$BJ"
grep -q "nothing written" "$work/err" || fail "no 'nothing written'"
[ "$(ls -A "$work" | grep -v '^err$\|^out$\|^file$')" = "" ] || fail "left behind: $(ls -A "$work")"

# a directory that cannot be written: as root, a read-only bind is not at
# hand, so run as an unprivileged user when possible
if [ "$(id -u)" != 0 ]; then
  mkdir -p "$work/ro" && chmod 555 "$work/ro"
  expect_status 2 "read-only directory" -- "$ECRC" emit -o "$work/ro/out" "$BJ"
  [ -z "$(ls -A "$work/ro")" ] || fail "left behind in a read-only directory: $(ls -A "$work/ro")"
elif command -v setpriv >/dev/null 2>&1; then
  mkdir -p "$work/ro" && chmod 755 "$work" "$work/ro"
  chmod o+r "$BJ" 2>/dev/null
  setpriv --reuid=65534 --regid=65534 --clear-groups "$ECRC" emit -o "$work/ro/out" "$BJ" >/dev/null 2>"$work/err"
  st=$?
  [ $st = 2 ] || fail "read-only directory (as nobody): exit $st, expected 2"
  grep -q "cannot create directory $work/ro/out" "$work/err" || fail "read-only directory (as nobody): $(cat "$work/err")"
  [ -z "$(ls -A "$work/ro")" ] || fail "left behind in a read-only directory: $(ls -A "$work/ro")"
fi

# half way: a previous run's tree, and a directory where cpe2.ios goes
expect_status 0 "first run" -- "$ECRC" emit -o "$work/tree" "$BJ"
cp -a "$work/tree" "$work/before"
rm "$work/tree/cpe2.ios" "$work/before/cpe2.ios"
mkdir "$work/tree/cpe2.ios" "$work/before/cpe2.ios"
echo "old" >"$work/tree/cpe1.vrp"
echo "old" >"$work/before/cpe1.vrp"
expect_status 2 "rename blocked" -- "$ECRC" emit -o "$work/tree" "$BJ"
diff -r "$work/before" "$work/tree" >/dev/null || fail "a failed run changed the directory: $(diff -r "$work/before" "$work/tree")"
[ "$(ls -A "$work/tree" | tr '\n' ' ')" = "MANIFEST cpe1.vrp cpe2.ios " ] || fail "left behind: $(ls -A "$work/tree")"

# a failure before anything is written (a missing key): no directory at all
md5=$DESIGNS/two-uplinks-md5.xml
env -u ECRC_MD5_KEY "$ECRC" emit -o "$work/nokey" "$md5" >/dev/null 2>&1
[ -e "$work/nokey" ] && fail "a run without the key made its directory"
finish
