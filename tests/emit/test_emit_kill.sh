#!/usr/bin/env bash
# test_emit_kill.sh: emit is atomic under kill -9. A 301-file tree from a
# generated design (ecrc-gen-design 150 4 / 150 5: every file differs) is
# rewritten again and again, alternating the two designs, and each run is
# killed with SIGKILL at a different point: strace delivers the signal on
# entry to the Nth call of one syscall (openat, write, close, mkdirat,
# linkat, syncfs, fsync, fchmod, renameat2, getdents64, unlinkat...), so the
# points are the same on every machine, whatever its load. After each kill:
# `sha256sum -c MANIFEST` passes and the tree is entirely the old one or
# entirely the new one (names and bytes). After one more run, no temporary
# is left. 110 kill points. Without strace (not under CI=true), the kills
# come after delays from a fixed seed instead.
. "$(dirname "$0")/lib.sh"
: "${ECRC_BUILD_DIR:?}"
gen=$ECRC_BUILD_DIR/tests/bench/ecrc-gen-design
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
"$gen" 150 4 >"$work/a.xml"
"$gen" 150 5 >"$work/b.xml"

# digest DIR: one line per file (name and content), hashed
digest() { (cd "$1" && find . -type f -printf '%P\0' | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-64); }
expect_status 0 "reference a" -- "$ECRC" emit -o "$work/ref-a" "$work/a.xml"
expect_status 0 "reference b" -- "$ECRC" emit -o "$work/ref-b" "$work/b.xml"
declare -A tree=([a]=$(digest "$work/ref-a") [b]=$(digest "$work/ref-b"))
[ "${tree[a]}" != "${tree[b]}" ] || { fail "the two designs give the same tree"; finish; }
n_files=$(ls "$work/ref-a" | wc -l)
declare -A listing=([a]=$(ls -A "$work/ref-a" | tr '\n' ' ') [b]=$(ls -A "$work/ref-b" | tr '\n' ' '))

out=$work/parent/out
mkdir "$work/parent"
expect_status 0 "first run" -- "$ECRC" emit -o "$out" "$work/a.xml"
cur=a

points=()
f=$n_files # about as many opens, writes, closes, unlinks as files
if command -v strace >/dev/null 2>&1; then
  mode=strace
  for n in 1 2 3 5 8 13 $((f / 4)) $((f / 2)) $((f * 3 / 4)) $((f - 1)) $f $((f + 1)) $((f + 2)) $((f + 3)) $((f + 4)) $((f + 5)); do points+=("openat:$n"); done
  for n in 1 2 $((f / 6)) $((f / 3)) $((f / 2)) $((f * 2 / 3)) $((f * 5 / 6)) $((f - 1)) $f $((f + 1)); do points+=("write:$n"); done
  for n in 1 5 $((f / 4)) $((f / 2)) $((f * 3 / 4)) $((f - 1)) $f $((f + 1)) $((f + 3)) $((f + 5)); do points+=("close:$n"); done
  for n in $((f / 8)) $((f * 3 / 8)) $((f * 5 / 8)) $((f * 7 / 8)); do points+=("openat:$n" "unlinkat:$n"); done
  for n in 1 2 3 4 5 6 7 8; do points+=("getdents64:$n"); done
  for n in 1 2 3 $((f / 4)) $((f / 2)) $((f * 3 / 4)) $((f - 1)) $f $((f + 1)) $((f + 2)); do points+=("unlinkat:$n"); done
  for n in 1 2 3 4 5 10 $((f / 2)) $f; do points+=("newfstatat:$n"); done
  for n in 1 2; do points+=("fsync:$n"); done
  for n in 1 2 3 4 5 6 7 8 9 10 11 12; do points+=("fcntl:$n"); done
  points+=(mkdirat:1 syncfs:1 fchmod:1 renameat2:1 exit_group:1 read:1 read:2 read:3)
  for n in 1 2 3 4 5 6 7 8 9 10 20 30 40 50 60; do points+=("mmap:$n"); done
  for n in 1 2 3 4 5 6 7 8; do points+=("brk:$n"); done
else
  [ "${CI:-}" = true ] && { fail "strace is not installed (CI=true: this test may not run without it)"; finish; }
  mode=delays
  t0=$(date +%s%N)
  "$ECRC" emit -o "$work/timing" "$work/a.xml" 2>/dev/null
  ms=$((($(date +%s%N) - t0) / 1000000 + 1))
  RANDOM=14
  for _ in $(seq 110); do points+=("delay:$((RANDOM % (ms * 12 / 10 + 1)))"); done
fi

killed=0 completed=0 changed=0 ran=
for p in "${points[@]}"; do
  next=$([ $cur = a ] && echo b || echo a)
  sc=${p%%:*} n=${p#*:}
  if [ $mode = strace ]; then
    # (in a subshell whose stderr is dropped: bash reports each "Killed")
    st=$( { strace -f -o /dev/null -e trace="$sc" -e inject="$sc:signal=KILL:when=$n" \
      "$ECRC" emit -o "$out" "$work/$next.xml" >/dev/null 2>"$work/err"; echo $?; } 2>/dev/null)
  else
    "$ECRC" emit -o "$out" "$work/$next.xml" >/dev/null 2>"$work/err" &
    pid=$!
    sleep "$(awk -v m="$n" 'BEGIN { print m / 1000 }')"
    kill -9 $pid 2>/dev/null
    wait $pid
    st=$?
  fi
  if [ $st = 0 ]; then completed=$((completed + 1)) && ran+=" $p"; else killed=$((killed + 1)); fi
  [ $st = 0 ] || [ $st = 137 ] || grep -q "Killed\|+++ killed by SIGKILL" "$work/err" || [ $mode = strace ] ||
    fail "$p: exit $st: $(head -3 "$work/err")"
  if ! (cd "$out" 2>/dev/null && sha256sum --check --quiet --strict MANIFEST >/dev/null 2>&1); then
    fail "$p: sha256sum -c MANIFEST fails after the kill"
    continue
  fi
  # MANIFEST checks every file it lists; the tree is old or new when the
  # MANIFEST is that tree's and nothing else is there
  got=$( (cmp -s "$out/MANIFEST" "$work/ref-a/MANIFEST" && echo a) || (cmp -s "$out/MANIFEST" "$work/ref-b/MANIFEST" && echo b))
  [ -n "$got" ] && [ "$(ls -A "$out" | tr '\n' ' ')" = "${listing[$got]}" ] && got=${tree[$got]}
  if [ "$got" = "${tree[$cur]}" ]; then
    :
  elif [ "$got" = "${tree[$next]}" ]; then
    cur=$next
    changed=$((changed + 1))
  else
    fail "$p: the tree is neither the old one nor the new one ($(ls "$out" | wc -l) files)"
    break
  fi
done

# one more run: nothing of the killed runs is left, the tree is whole
next=$([ $cur = a ] && echo b || echo a)
expect_status 0 "the run after the kills" -- "$ECRC" emit -o "$out" "$work/$next.xml"
[ "$(digest "$out")" = "${tree[$next]}" ] || fail "after the last run the tree is not the new one"
left=$(ls -A "$work/parent" | grep -v '^out$')
[ -z "$left" ] || fail "temporaries left beside the tree: $(echo "$left" | head -5)"
left=$(ls -A "$out" | grep -c '^\.')
[ "$left" = 0 ] || fail "$left temporary files left in the tree"
[ "$(ls "$out" | wc -l)" = "$n_files" ] || fail "the tree has $(ls "$out" | wc -l) files, expected $n_files"

echo "${#points[@]} kill points ($mode): $killed runs killed, $completed ran to the end ($ran), the tree changed $changed times"
[ "$killed" -ge 100 ] || fail "only $killed runs were killed; the test needs 100"
finish
