#!/usr/bin/env bash
# test_lab.sh: `ecrc lab` on real FRR, as root: the reference design (BFD on
# both sides: both sessions up, ECMP over both VBRs, each drill detected by
# BFD within the engine's bounds), the hold-timer fixture (keepalive 10,
# hold 30, no BFD), asymmetric BFD timers, active-standby, 50 ms BFD, two
# CPEs with two circuits each (4-way ECMP), two data centers on one ECR,
# and the one-sided-BFD fixture (short BGP timers; the engine predicts
# hold-timer detection and the lab must see it), run one after the other; then a run interrupted with SIGINT. After each:
# no namespace, FRR process, pathspace or temporary directory left behind.
# Under CI (CI=true) it must run; elsewhere it skips (77) when it cannot.
set -u
S=$ECRC_SOURCE_DIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

cannot() { # REASON: skip outside CI, fail inside
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
for p in vtysh ip nft jq; do
	command -v "$p" >/dev/null || cannot "$p is not installed"
done
ip netns add "ecrc-test-probe-$$" 2>"$tmp/probe" || cannot "network namespaces are not available here: $(cat "$tmp/probe")"
ip netns del "ecrc-test-probe-$$"

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# Nothing of a lab run may remain: namespaces, daemons, FRR pathspaces,
# FRR crash-log directories, temporary directories. Each run names all of
# them after its pid (ecrc-<pid>-...), which keeps other runs on the same
# machine out of the check.
leftovers() { # WHEN PID
	local left
	left=$(ip netns list | grep "^ecrc-$2-" || true)
	[ -z "$left" ] || fail "$1: namespaces left: $left"
	left=$(pgrep -a -f -- "-N ecrc-$2-" || true)
	[ -z "$left" ] || fail "$1: FRR processes left: $left"
	left=$(ls -d /var/run/frr/ecrc-"$2"-* /tmp/ecrc-lab-"$2"-* "${TMPDIR:-/tmp}"/ecrc-lab-"$2"-* 2>/dev/null || true)
	[ -z "$left" ] || fail "$1: directories left: $left"
}

# Runs ecrc lab in the background (to know its pid) and waits for it.
lab() { # OUT ERR ARGS...
	local out=$1 err=$2
	shift 2
	"$ECRC" lab "$@" >"$out" 2>"$err" &
	pid=$!
	wait $pid
}

expect_json() { # WHEN FILE JQ-FILTER DESCRIPTION
	if ! jq -e "$3" "$2" >/dev/null; then
		fail "$1: $4"
		jq -c '{ok, error, engine_error, checks: [.checks[] | select(.ok | not)]}' "$2" 2>/dev/null || cat "$2"
	fi
}

# 1. The reference design: both sessions in real FRR, ECMP at the ECR,
#    both drills detected by BFD and agreeing with the engine.
ref=$S/fixtures/designs/beijing-idc-ecmp.xml
start=$(date +%s)
lab "$tmp/ref.json" "$tmp/ref.err" --format=json "$ref"
status=$?
echo "reference design: exit $status after $(($(date +%s) - start)) s"
[ $status -eq 0 ] || { fail "reference design exits $status"; tail -20 "$tmp/ref.err"; }
expect_json reference "$tmp/ref.json" '.ok == true' "ok is not true"
expect_json reference "$tmp/ref.json" '[.sessions[] | select(.state == "established" and .bfd.state == "up")] | length == 2' \
	"not both sessions established with BFD up"
expect_json reference "$tmp/ref.json" \
	'.routes[] | select(.router == "ecr-1" and .prefix == "192.168.0.0/16") | .next_hops == ["vbr-1", "vbr-2"]' \
	"ecr-1 does not hold 192.168.0.0/16 over vbr-1 and vbr-2"
# the real FRR CPEs hold both vSwitch routes via their own VBR, and every
# route the lab read agrees with the engine's
expect_json reference "$tmp/ref.json" \
	'[.routes[] | select(.prefix == "10.0.1.0/24" or .prefix == "10.0.2.0/24")
	   | select((.router == "cpe1" and .next_hops == ["vbr-1"]) or (.router == "cpe2" and .next_hops == ["vbr-2"]))]
	 | length == 4' \
	"the CPEs do not hold both vSwitch routes (10.0.1.0/24, 10.0.2.0/24) via their VBR"
expect_json reference "$tmp/ref.json" '[.checks[] | select(.check == "route")] | length >= 5 and all(.ok)' \
	"a route the lab read disagrees with the engine"
expect_json reference "$tmp/ref.json" '[.drills[] | .name] == ["pc-bj-1", "pc-bj-2"]' "not one drill per circuit"
expect_json reference "$tmp/ref.json" \
	'[.drills[] | (.poll_max_ms + .drop_ms + 30) as $slack
	   | select(.agrees and .detected_by == "bfd" and .predicted_detected_by == "bfd"
	   and .measured_detect_ms >= .predicted_detect_best_ms - $slack
	   and .measured_detect_ms <= .predicted_detect_bound_ms + $slack
	   and .measured_ecr_converged_ms > .measured_vbr_detect_ms
	   and .measured_converged_ms >= .measured_detect_ms)] | length == 2' \
	"a drill was not detected by BFD within the engine's bounds"
expect_json reference "$tmp/ref.json" \
	'.drills[0].routes_after[] | select(.router == "ecr-1") | .next_hops == ["vbr-2"]' \
	"after pc-bj-1 fails, ecr-1 does not use vbr-2 alone"
leftovers "after the reference design" $pid

# 2. Right after it, the one-sided-BFD fixture: no BFD session comes up,
#    the hold timer (9 s) detects the failure, as the engine predicts.
one=$S/fixtures/lab/one-sided-bfd.xml
start=$(date +%s)
lab "$tmp/one.json" "$tmp/one.err" --format=json "$one"
status=$?
echo "one-sided BFD: exit $status after $(($(date +%s) - start)) s"
[ $status -eq 0 ] || { fail "one-sided BFD design exits $status"; tail -20 "$tmp/one.err"; }
expect_json one-sided "$tmp/one.json" '.ok == true' "ok is not true"
expect_json one-sided "$tmp/one.json" '[.sessions[] | select(.state == "established" and .bfd == null and .hold_s == 9)] | length == 2' \
	"sessions not established without BFD and with hold 9 s"
expect_json one-sided "$tmp/one.json" \
	'[.drills[] | (.poll_max_ms + .drop_ms + 300) as $slack
	   | select(.agrees and .detected_by == "hold-timer" and .predicted_detected_by == "hold-timer"
	   and .measured_detect_ms >= 6000 - $slack and .measured_detect_ms <= 9000 + $slack)] | length == 2' \
	"a drill was not detected by the hold timer between 6 and 9 s"
leftovers "after the one-sided BFD design" $pid

# 2b. Keepalive 10 s, hold 30 s, no BFD (issue 12): the silent failure is
#     dropped on ingress at both ends, so each side's TCP keeps its socket
#     and the hold timer, not a local send failure, ends the session,
#     20 to 30 s after the failure, within the engine's window per side.
hold=$S/fixtures/lab/hold-timer.xml
start=$(date +%s)
lab "$tmp/hold.json" "$tmp/hold.err" --format=json "$hold"
status=$?
echo "hold timer 10/30: exit $status after $(($(date +%s) - start)) s"
[ $status -eq 0 ] || { fail "hold-timer design exits $status"; tail -20 "$tmp/hold.err"; }
expect_json hold-timer "$tmp/hold.json" '.ok == true' "ok is not true"
expect_json hold-timer "$tmp/hold.json" \
	'[.drills[] | (.poll_max_ms + .drop_ms + 1000) as $slack
	   | select(.agrees and .detected_by == "hold-timer" and .measured_cpe_detect_ms >= 20000 - $slack
	   and .measured_vbr_detect_ms >= 20000 - $slack and .measured_detect_ms <= 30000 + $slack)] | length == 2' \
	"a drill was not detected by both hold timers between 20 and 30 s"
leftovers "after the hold-timer design" $pid

# 2c. More scenarios of issue 12, each drill agreeing per side and in the
#     ECR's convergence: asymmetric BFD timers (the CPE detects after
#     2.5 s, the VBR after 600 ms) and active-standby (the ECR moves to the
#     standby only when the primary fails).
for scenario in lab/asymmetric-bfd verify/active-standby; do
	name=$(basename "$scenario")
	start=$(date +%s)
	lab "$tmp/$name.json" "$tmp/$name.err" --format=json "$S/fixtures/$scenario.xml"
	status=$?
	echo "$name: exit $status after $(($(date +%s) - start)) s"
	[ $status -eq 0 ] || { fail "$name exits $status"; tail -20 "$tmp/$name.err"; }
	expect_json "$name" "$tmp/$name.json" '.ok == true and (.drills | length) == 2 and ([.drills[] | .agrees] | all)' \
		"not every drill agrees"
	leftovers "after $name" $pid
done

# 2d. The last three scenarios of issue 12, each with what makes it worth
#     running besides "every drill agrees" (which includes the routes
#     after each failure, compared with the engine's):
#     - 50 ms BFD (fixtures/lab/bfd-50ms.xml, a lab-only design): no
#       phantom flap at bring-up, each side within [100, 150] ms + slack;
#     - two CPEs with two circuits each (4-way ECMP at the ECR, 2-way at
#       each CPE): each failure leaves three paths at the ECR;
#     - two data centers on one ECR: each failure leaves the other data
#       center's two paths alone.
run_scenario() { # NAME FIXTURE
	start=$(date +%s)
	lab "$tmp/$1.json" "$tmp/$1.err" --format=json "$2"
	status=$?
	echo "$1: exit $status after $(($(date +%s) - start)) s"
	[ $status -eq 0 ] || { fail "$1 exits $status"; tail -20 "$tmp/$1.err"; }
	expect_json "$1" "$tmp/$1.json" '.ok == true and ([.drills[] | .agrees] | all)' "not every drill agrees"
	expect_json "$1" "$tmp/$1.json" \
		'[.checks[] | select(.check == "drill-routes")] as $r | ($r | length) == (.drills | length) and ($r | all(.ok))' \
		"the routes after a drill are not the engine's"
}
run_scenario bfd-50ms "$S/fixtures/lab/bfd-50ms.xml"
expect_json bfd-50ms "$tmp/bfd-50ms.json" \
	'[.sessions[] | select(.bfd.state == "up" and .bfd.cpe_detect_ms == 150 and .bfd.vbr_detect_ms == 150)] | length == 2' \
	"not both BFD sessions up with a 150 ms detection time"
expect_json bfd-50ms "$tmp/bfd-50ms.json" \
	'[.drills[] | (.poll_max_ms + .drop_ms + 5) as $slack
	   | select(.detected_by == "bfd" and .measured_cpe_detect_ms >= 100 - $slack
	   and .measured_cpe_detect_ms <= 150 + $slack and .measured_vbr_detect_ms <= 150 + $slack)] | length == 2' \
	"a drill was not detected by BFD within [100, 150] ms"
leftovers "after bfd-50ms" $pid

run_scenario four-way-ecmp "$S/fixtures/lab/four-way-ecmp.xml"
expect_json four-way-ecmp "$tmp/four-way-ecmp.json" \
	'.routes[] | select(.router == "ecr-1") | .next_hops == ["vbr-1", "vbr-2", "vbr-3", "vbr-4"]' \
	"ecr-1 does not load-balance over all four VBRs"
expect_json four-way-ecmp "$tmp/four-way-ecmp.json" \
	'[.routes[] | select(.router == "cpe1" or .router == "cpe2") | .next_hops | length] | length == 4 and all(. == 2)' \
	"a CPE does not load-balance over its two circuits"
expect_json four-way-ecmp "$tmp/four-way-ecmp.json" \
	'(.drills | length) == 4 and ([.drills[] | .routes_after[] | select(.router == "ecr-1") | .next_hops | length] | all(. == 3))' \
	"a failure does not leave three paths at the ECR"
leftovers "after four-way-ecmp" $pid

run_scenario two-dc "$S/fixtures/lab/two-dc.xml"
expect_json two-dc "$tmp/two-dc.json" \
	'[.routes[] | select(.router == "ecr-1") | "\(.prefix) \(.next_hops)"] | sort
	 == ["172.20.0.0/16 [\"vbr-3\",\"vbr-4\"]", "192.168.0.0/16 [\"vbr-1\",\"vbr-2\"]"]' \
	"ecr-1 does not hold each data center over its own two VBRs"
expect_json two-dc "$tmp/two-dc.json" \
	'[.drills[] | .name as $n | .routes_after[] | select(.router == "ecr-1")
	   | select((.prefix == "172.20.0.0/16") == ($n | startswith("pc-bj")) and (.next_hops | length) != 2)]
	 | length == 0' \
	"a failure in one data center moved the other's paths"
leftovers "after two-dc" $pid

# 3. Ctrl-C in the middle of a run: it still cleans up, then dies of SIGINT.
"$ECRC" lab "$ref" >"$tmp/int.out" 2>"$tmp/int.err" &
pid=$!
for _ in $(seq 1 300); do
	grep -q "waiting for the sessions" "$tmp/int.err" && break
	sleep 0.1
done
grep -q "waiting for the sessions" "$tmp/int.err" || fail "the interrupted run never got to the sessions"
kill -INT $pid
wait $pid
status=$?
[ $status -eq 130 ] || fail "an interrupted run exits $status, not 130 (SIGINT)"
grep -q "tearing down" "$tmp/int.err" || fail "the interrupted run did not say it tore down"
leftovers "after an interrupted run" $pid

# 4. A run that runs out of time: the sessions cannot come up within 1 s,
#    so the lab reports them down, does not drill, and still cleans up.
lab "$tmp/timeout.json" "$tmp/timeout.err" --timeout=1 --format=json "$ref"
status=$?
[ $status -eq 1 ] || fail "a run out of time exits $status, not 1"
expect_json timeout "$tmp/timeout.json" '.ok == false and (.drills | length) == 0' "a run out of time is not a failure without drills"
leftovers "after a run out of time" $pid

# 5. A run that fails half-way: daemons that exit at start (a stand-in FRR
#    directory). The namespaces were built; they must go again.
mkdir -p "$tmp/broken-frr"
for d in zebra staticd bfdd bgpd; do
	printf '#!/bin/sh\necho "%s: refusing to start for the test"\nexit 1\n' "$d" >"$tmp/broken-frr/$d"
	chmod 755 "$tmp/broken-frr/$d"
done
chmod 755 "$tmp"
ECRC_FRR_DIR=$tmp/broken-frr lab "$tmp/broken.out" "$tmp/broken.err" "$ref"
status=$?
[ $status -eq 2 ] || fail "a lab whose daemons do not start exits $status, not 2"
grep -q "zebra exited at start: zebra: refusing to start for the test" "$tmp/broken.out" "$tmp/broken.err" ||
	{ fail "the daemon's failure is not reported"; cat "$tmp/broken.out" "$tmp/broken.err"; }
leftovers "after a run whose daemons failed" $pid

# 6. Usage and environment errors, without building anything.
lab /dev/null /dev/null --format=yaml "$ref"
[ $? -eq 3 ] || fail "a bad --format does not exit 3"
ECRC_FRR_DIR=$tmp/no-frr lab /dev/null "$tmp/nofrr.err" "$ref"
[ $? -eq 2 ] || fail "missing FRR does not exit 2"
grep -q "install FRR" "$tmp/nofrr.err" || fail "missing FRR is not explained"

[ $fails -eq 0 ] && echo "lab: every scenario agrees with the engine; nothing left behind"
exit $((fails > 0))
