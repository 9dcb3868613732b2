#!/usr/bin/env bash
# test_emit_atomic.sh: the output directory is replaced as one unit. Path
# edges ('', '/', '.', '..', a file where a directory goes, a subdirectory
# in the old tree) are refused with exit 2 and a message, and leave nothing;
# a re-run keeps files it does not write and the directory's mode; a
# symbolic link to the directory stays a link; temporaries of dead runs
# (the whole-tree ones, and the per-file ones of the older scheme) are
# removed by the next run, those of a live run are not.
. "$(dirname "$0")/lib.sh"

only_expected() { # DIR: nothing but what the test made
  local extra
  extra=$(ls -A "$1" | grep -v '^cwd$\|^err$\|^out$\|^file$\|^ro$\|^tree$\|^before$\|^link$')
  [ -z "$extra" ] || fail "left behind in $1: $extra"
}

# path edges: exit 2 (never a crash), a message, nothing made
mkdir "$work/cwd"
touch "$work/file"
for o in '' / . .. ./ "$work/file" "$work/file/sub/dir"; do
  (cd "$work/cwd" && "$ECRC" emit -o "$o" "$BJ" >"$work/out" 2>"$work/err")
  st=$?
  [ $st = 2 ] || fail "-o '$o': exit $st, expected 2: $(cat "$work/err")"
  grep -q "nothing written" "$work/err" || fail "-o '$o': no 'nothing written': $(cat "$work/err")"
  grep -Eq "AddressSanitizer|runtime error" "$work/err" && fail "-o '$o': sanitizer report"
done
[ -z "$(ls -A "$work/cwd")" ] || fail "path edges left: $(ls -A "$work/cwd")"
only_expected "$work"
grep -q "is not a directory" "$work/err" || fail "a file in the way: $(cat "$work/err")"

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
  grep -q "cannot create directory $work/ro/" "$work/err" || fail "read-only directory (as nobody): $(cat "$work/err")"
  [ -z "$(ls -A "$work/ro")" ] || fail "left behind in a read-only directory: $(ls -A "$work/ro")"
fi

# a subdirectory in the old tree: refused, the tree as it was
expect_status 0 "first run" -- "$ECRC" emit -o "$work/tree/" "$BJ"
mkdir "$work/tree/notes"
echo "old" >"$work/tree/cpe1.vrp"
cp -a "$work/tree" "$work/before"
expect_status 2 "a subdirectory in the tree" -- "$ECRC" emit -o "$work/tree" "$BJ"
grep -q "tree/notes is a directory" "$work/err" || fail "subdirectory: $(cat "$work/err")"
diff -r "$work/before" "$work/tree" >/dev/null || fail "a failed run changed the directory"
only_expected "$work"
rmdir "$work/tree/notes" "$work/before/notes"

# a re-run keeps what it does not write (a README, another run's CPE) and
# the directory's mode, and leaves no temporary
echo "mine" >"$work/tree/README"
chmod 750 "$work/tree"
expect_status 0 "--cpe cpe2 over the tree" -- "$ECRC" emit --cpe=cpe2 -o "$work/tree" "$BJ"
[ "$(ls -A "$work/tree" | tr '\n' ' ')" = "MANIFEST README cpe1.vrp cpe2.ios " ] || fail "files: $(ls -A "$work/tree")"
[ "$(cat "$work/tree/README")" = mine ] || fail "README changed"
[ "$(cat "$work/tree/cpe1.vrp")" = old ] || fail "cpe1.vrp (not written by --cpe=cpe2) changed"
[ "$(stat -c %a "$work/tree")" = 750 ] || fail "the directory's mode became $(stat -c %a "$work/tree")"
(cd "$work/tree" && sha256sum --check --quiet MANIFEST) || fail "MANIFEST does not check"
only_expected "$work"

# a symbolic link to the directory: the link stays, the tree behind it is replaced
ln -s tree "$work/link"
expect_status 0 "through a link" -- "$ECRC" emit -o "$work/link" "$BJ"
[ -L "$work/link" ] || fail "the link was replaced"
cmp -s "$work/tree/cpe1.vrp" "$work/before/cpe1.vrp" && fail "cpe1.vrp not rewritten through the link"
only_expected "$work"

# temporaries of dead runs go; a live run's stay
sleep 0 & dead=$!
wait $dead
mkdir "$work/.tree.ecrc-new-$dead" "$work/.tree.ecrc-new-$$"
echo "key" >"$work/.tree.ecrc-new-$dead/cpe1.vrp"
touch "$work/tree/.cpe1.vrp.ecrc-$dead" "$work/tree/.cpe1.vrp.ecrc-$dead.bak"
expect_status 0 "with temporaries about" -- "$ECRC" emit -o "$work/tree" "$BJ"
[ -e "$work/.tree.ecrc-new-$dead" ] && fail "a dead run's temporary tree was left"
[ -e "$work/tree/.cpe1.vrp.ecrc-$dead" ] && fail "a dead run's temporary file (older scheme) was carried over"
[ -e "$work/.tree.ecrc-new-$$" ] || fail "a live run's temporary tree was removed"
rmdir "$work/.tree.ecrc-new-$$"

# killed between the two renames of the fallback (no RENAME_EXCHANGE): no
# tree, the old one under .tree.ecrc-old-PID; the next run puts it back
mv "$work/tree" "$work/.tree.ecrc-old-$dead"
echo "old" >"$work/.tree.ecrc-old-$dead/cpe1.vrp"
expect_status 0 "after a fallback killed half way" -- "$ECRC" emit --cpe=cpe2 -o "$work/tree" "$BJ"
[ "$(cat "$work/tree/cpe1.vrp" 2>/dev/null)" = old ] || fail "the old tree was not renamed back"
[ -e "$work/.tree.ecrc-old-$dead" ] && fail "the old tree's temporary name is still there"
only_expected "$work"

# a failure before anything is written (a missing key): no directory at all
md5=$DESIGNS/two-uplinks-md5.xml
env -u ECRC_MD5_KEY "$ECRC" emit -o "$work/nokey" "$md5" >/dev/null 2>&1
[ -e "$work/nokey" ] && fail "a run without the key made its directory"
finish
