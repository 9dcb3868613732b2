#!/usr/bin/env bash
# test_lab_kill.sh: a lab run killed with SIGKILL (no handler, no atexit)
# leaves its namespaces, FRR daemons, FRR pathspaces and temporary
# directory behind; the next lab run removes all of it before it builds its
# own (from the run's record in the state directory, checking each daemon's
# /proc/PID/exe and start time before killing it), then cleans up after
# itself: afterwards `ip netns list`, the run directories and the process
# table hold nothing of either run. Then the same with `ecrc lab --cleanup`
# after a second killed run, and a live run's resources left alone by it.
# Root and FRR; under CI (CI=true) it must run, elsewhere it skips (77).
set -u
S=$ECRC_SOURCE_DIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

cannot() {
	if [ "${CI:-}" = true ]; then
		echo "FAIL: the lab must run under CI, but $1"
		exit 1
	fi
	echo "skip: $1"
	exit 77
}
[ "$(id -u)" = 0 ] || cannot "it needs root (network namespaces, veth pairs, nftables)"
FRR_DIR=${ECRC_FRR_DIR:-/usr/lib/frr}
for d in zebra staticd bfdd bgpd; do
	[ -x "$FRR_DIR/$d" ] || cannot "FRR is not installed ($FRR_DIR/$d missing)"
done
for p in vtysh ip nft; do
	command -v "$p" >/dev/null || cannot "$p is not installed"
done
ip netns add "ecrc-test-probe-$$" 2>"$tmp/probe" || cannot "network namespaces are not available here: $(cat "$tmp/probe")"
ip netns del "ecrc-test-probe-$$"
# a state directory of the test's own: other lab runs on this machine are
# not part of it
export ECRC_LAB_STATE_DIR=$tmp/state

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# What a run named PID holds now: namespaces, FRR processes, directories.
holdings() { # PID
	ip netns list | grep "^ecrc-$1-" | cut -d' ' -f1
	pgrep -a -f -- "-N ecrc-$1-" || true
	ls -d /var/run/frr/ecrc-"$1"-* "${TMPDIR:-/tmp}"/ecrc-lab-"$1"-* "$ECRC_LAB_STATE_DIR/$1" 2>/dev/null || true
}

# Starts a lab run on the reference design and kills it with SIGKILL once
# its daemons run (it waits for the sessions then); sets killed_pid.
start_and_kill() { # WHAT
	"$ECRC" lab "$S/fixtures/designs/beijing-idc-ecmp.xml" >"$tmp/$1.out" 2>"$tmp/$1.err" &
	killed_pid=$!
	for _ in $(seq 1 600); do
		grep -q "waiting for the sessions" "$tmp/$1.err" && break
		sleep 0.1
	done
	grep -q "waiting for the sessions" "$tmp/$1.err" || fail "$1: the run never got to the sessions: $(tail -3 "$tmp/$1.err")"
	kill -KILL $killed_pid
	wait $killed_pid 2>/dev/null
	# what it left: the test is only meaningful when that is something
	holdings $killed_pid >"$tmp/$1.left"
	grep -q "^ecrc-$killed_pid-" "$tmp/$1.left" || fail "$1: the killed run left no namespace (nothing to clean?)"
	grep -q -- "-N ecrc-$killed_pid-" "$tmp/$1.left" || fail "$1: the killed run left no FRR daemon"
	echo "$1: killed run $killed_pid left $(wc -l <"$tmp/$1.left") namespaces, daemons and directories"
}

# 1. killed, then a full run: nothing of either is left
start_and_kill first
first=$killed_pid
"$ECRC" lab "$S/fixtures/designs/beijing-idc-ecmp.xml" >"$tmp/next.out" 2>"$tmp/next.err" &
next=$!
wait $next
status=$?
# 0 or 1: it ran to the end (whether every drill agreed with the engine
# is test_lab.sh's business, and depends on the machine's load)
[ $status -le 1 ] || fail "the run after the killed one exits $status: $(tail -5 "$tmp/next.err")"
grep -q "tearing down" "$tmp/next.err" || fail "the run after the killed one did not run to the end"
grep -q "cleaned up after run $first, which is gone" "$tmp/next.err" || fail "the next run did not say it cleaned up after $first"
left=$(holdings $first; holdings $next)
[ -z "$left" ] || fail "after the next run, left of runs $first and $next: $left"

# 2. killed, then ecrc lab --cleanup; a live run's resources are untouched
start_and_kill second
second=$killed_pid
mkdir -p "$ECRC_LAB_STATE_DIR"
sleep 300 &
live=$!
printf 'run %s %s\nnetns ecrc-%s-probe\n' $live "$(awk '{print $22}' /proc/$live/stat)" $live >"$ECRC_LAB_STATE_DIR/$live"
ip netns add "ecrc-$live-probe"
"$ECRC" lab --cleanup >"$tmp/cleanup.out" 2>"$tmp/cleanup.err"
status=$?
[ $status -eq 0 ] || fail "ecrc lab --cleanup exits $status: $(cat "$tmp/cleanup.err")"
grep -q "cleaned up after run $second" "$tmp/cleanup.err" || fail "--cleanup did not report run $second: $(cat "$tmp/cleanup.err")"
left=$(holdings $second)
[ -z "$left" ] || fail "after --cleanup, left of run $second: $left"
ip netns list | grep -q "^ecrc-$live-probe" || fail "--cleanup removed the namespace of a live run"
[ -f "$ECRC_LAB_STATE_DIR/$live" ] || fail "--cleanup removed the record of a live run"
kill $live
wait $live 2>/dev/null
# now that run is dead: the next --cleanup takes its namespace
"$ECRC" lab --cleanup >/dev/null 2>"$tmp/cleanup2.err"
ip netns list | grep -q "^ecrc-$live-probe" && { fail "--cleanup left the namespace of a dead run"; ip netns del "ecrc-$live-probe"; }
[ -z "$(ls -A "$ECRC_LAB_STATE_DIR")" ] || fail "records left: $(ls -A "$ECRC_LAB_STATE_DIR")"

[ $fails -eq 0 ] && echo "lab: nothing of a SIGKILLed run is left after the next run or --cleanup"
exit $((fails > 0))
