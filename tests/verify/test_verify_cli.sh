#!/usr/bin/env bash
# test_verify_cli.sh: ecrc verify as cli.md and the engine spec say: the
# reference design passes (both sessions up, 90/30, BFD 900 ms both sides,
# ECMP over both VBRs, each circuit drill detected by BFD within 900 ms
# and the ECR left with the other VBR); one-sided BFD fails the drill of
# that circuit on the hold timer; exit codes 0/1/2/3; two runs and the
# trace are identical; --seed changes the jitter, not the verdict; --fail.
. "$(dirname "$0")/lib.sh"
V=$src/fixtures/verify

# the reference design
expect_status 0 "reference" -- "$ECRC" verify --format=json "$BJ"
cp "$work/out" "$work/bj.json"
j() { jq -r "$@" "$work/bj.json"; }
[ "$(j '.ok')" = true ] || fail "reference: ok is not true"
[ "$(j '[.sessions[] | select(.state == "established" and .hold_s == 90 and .keepalive_s == 30)] | length')" = 2 ] ||
  fail "reference: sessions $(j -c '.sessions')"
[ "$(j '[.sessions[] | select(.bfd.state == "up" and .bfd.cpe_detect_ms == 900 and .bfd.vbr_detect_ms == 900)] | length')" = 2 ] ||
  fail "reference: BFD $(j -c '[.sessions[].bfd]')"
[ "$(j '.routes[] | select(.router == "ecr-1" and .prefix == "192.168.0.0/16") | .next_hops | join(",")')" = vbr-1,vbr-2 ] ||
  fail "reference: ECR route"
# the cloud advertises the two vSwitch routes, not the VPC CIDR; each CPE
# holds both via its own VBR
[ "$(j -c '[.cloud_routes[] | [.vpc, .prefix, .vswitch, .assumed]]')" = \
  '[["vpc-prod","10.0.1.0/24","vsw-prod-h",false],["vpc-prod","10.0.2.0/24","vsw-prod-i",false]]' ] ||
  fail "reference: cloud routes $(j -c '.cloud_routes')"
for r in cpe1:vbr-1 cpe2:vbr-2; do
  for p in 10.0.1.0/24 10.0.2.0/24; do
    [ "$(j ".routes[] | select(.router == \"${r%%:*}\" and .prefix == \"$p\") | .next_hops | join(\",\")")" = "${r#*:}" ] ||
      fail "reference: ${r%%:*} $p should be via ${r#*:}"
  done
done
[ "$(j '[.routes[] | select(.prefix == "10.0.0.0/16")] | length')" = 0 ] ||
  fail "reference: nobody should hold the VPC CIDR, the cloud never advertises it"
[ "$(j '[.drills[] | select(.detected_by == "bfd" and .detect_ms <= 900 and .detect_bound_ms == 900 and .ok)] | length')" = 2 ] ||
  fail "reference: drills $(j -c '[.drills[] | {name, detected_by, detect_ms, detect_bound_ms, ok}]')"
[ "$(j '.drills[] | select(.name == "pc-bj-1") | .routes_after[] | select(.router == "ecr-1") | .next_hops | join(",")')" = vbr-2 ] ||
  fail "reference: after pc-bj-1 the ECR should use vbr-2 alone"
[ "$(j '.drills[] | select(.name == "pc-bj-2") | .routes_after[] | select(.router == "ecr-1") | .next_hops | join(",")')" = vbr-1 ] ||
  fail "reference: after pc-bj-2 the ECR should use vbr-1 alone"
[ "$(j '[.checks[] | select(.ok | not)] | length')" = 0 ] || fail "reference: failed checks"
# the example fields of cli.md are all there
for f in version design seed ok sessions routes drills checks; do
  [ "$(j "has(\"$f\")")" = true ] || fail "reference: no field $f"
done
[ "$(j '.drills[0] | [has("name","failures","detected_by","detect_ms","detect_bound_ms","converged_ms","reachable","ok","routes_after")] | all')" = true ] ||
  fail "reference: a drill lacks a field of the cli.md example"

# an <accept> of exactly the VPC CIDR (lint: accept-rejects-cloud-routes):
# cpe1 learns neither vSwitch route and cpe-route fails
acc=$src/fixtures/rules/accept-rejects-cloud-routes/bad-accept-vpc-cidr.xml
expect_status 1 "accept = VPC CIDR" -- "$ECRC" verify --format=json "$acc"
cp "$work/out" "$work/acc.json"
[ "$(jq -r '[.routes[] | select(.router == "cpe1" and .present)] | length' "$work/acc.json")" = 0 ] ||
  fail "accept = VPC CIDR: cpe1 should learn nothing: $(jq -c '[.routes[] | select(.router == "cpe1")]' "$work/acc.json")"
[ "$(jq -r '[.checks[] | select(.check == "cpe-route" and (.ok | not)) | .subject] | join(",")' "$work/acc.json")" = \
  "cpe1 10.0.1.0/24,cpe1 10.0.2.0/24" ] || fail "accept = VPC CIDR: cpe-route should fail for both vSwitch routes"
[ "$(jq -r '.lint.errors' "$work/acc.json")" -ge 1 ] || fail "accept = VPC CIDR: the lint error should be counted"

# deterministic: two runs, byte for byte, with the trace too
expect_status 0 "second run" -- "$ECRC" verify --format=json "$BJ"
cmp -s "$work/out" "$work/bj.json" || fail "two runs give different JSON"
# --drill=all: with the cloud's processing delay (120 ms after the VBR's
# detection, docs/engine.md) cpe1 stopping is noticed by vbr-1's BFD after
# 894 ms with --seed=1 and the ECR moves at 1014 ms: over max-failover-ms
# 1000, the only checks that fail
all_fail='[.checks[] | select(.ok | not) | .check + " " + .subject] | join(",")'
expect_status 1 "trace" -- "$ECRC" verify --format=json --trace --drill=all "$BJ"
[ "$(jq -r "$all_fail" "$work/out")" = "drill-failover cpe1,drill-outage cpe1" ] ||
  fail "--drill=all: failed checks $(jq -c "$all_fail" "$work/out")"
cp "$work/out" "$work/t1"
expect_status 1 "trace again" -- "$ECRC" verify --format=json --trace --drill=all "$BJ"
cmp -s "$work/out" "$work/t1" || fail "two traced runs differ"
grep -q 'bfd cpe1-up@cpe1: from Up to Down (control detection time expired)' "$work/t1" || fail "the trace lacks the BFD detection"
grep -q 'bgp cpe1-up@cpe1: from Idle to Connect' "$work/t1" || fail "the trace lacks the BGP start"
# another seed: other jitter, the same verdict
expect_status 0 "--seed=7" -- "$ECRC" verify --format=json --seed=7 "$BJ"
[ "$(jq '.seed' "$work/out")" = 7 ] || fail "--seed=7: seed not reported"
[ "$(jq -c '[.drills[].detect_ms]' "$work/out")" != "$(j -c '[.drills[].detect_ms]')" ] || fail "--seed=7: the same detection times"
[ "$(jq '.ok' "$work/out")" = true ] || fail "--seed=7: not ok"

# one-sided BFD: the hold timer, 90 s, beyond max-failover-ms: exit 1
expect_status 1 "one-sided BFD" -- "$ECRC" verify --format=json "$V/one-sided-bfd.xml"
jq -e '.drills[] | select(.name == "pc-bj-1") | .detected_by == "hold-timer" and .detect_bound_ms == 90000 and (.ok | not)' \
  "$work/out" >/dev/null || fail "one-sided BFD: $(jq -c '.drills[0]' "$work/out")"
jq -e '.checks[] | select(.check == "drill-failover" and .subject == "pc-bj-1") | .ok | not' "$work/out" >/dev/null ||
  fail "one-sided BFD: no failed drill-failover check"
jq -e '.sessions[0].bfd | .configured == "cpe" and .state == "down"' "$work/out" >/dev/null || fail "one-sided BFD: bfd state"
grep -q "bfd-one-sided" "$work/err" || fail "one-sided BFD: lint findings not on stderr"

# the other fixtures
expect_status 1 "prepend on one side" -- "$ECRC" verify --format=json "$V/prepend-one-side.xml"
jq -e '.checks[] | select(.check == "ecmp-width") | .ok == false and .message == "1 of 2 paths (vbr-1)"' "$work/out" >/dev/null ||
  fail "prepend: ecmp-width"
expect_status 0 "active-standby" -- "$ECRC" verify --format=json "$V/active-standby.xml"
jq -e '.routes[] | select(.router == "ecr-1") | .next_hops == ["vbr-1"]' "$work/out" >/dev/null || fail "standby: ECR"
jq -e '.drills[] | select(.name == "pc-bj-1") | .routes_after[] | select(.router == "ecr-1") | .next_hops == ["vbr-2"]' \
  "$work/out" >/dev/null || fail "standby: the drill on the primary does not move to vbr-2"
expect_status 0 "slow VBR BFD" -- "$ECRC" verify --format=json "$V/slow-vbr-bfd.xml"
jq -e '[.sessions[].bfd | .cpe_detect_ms == 3000 and .vbr_detect_ms == 3000] | all' "$work/out" >/dev/null ||
  fail "slow VBR BFD: not 3000 ms on both sides"
expect_status 0 "no BFD" -- "$ECRC" verify --format=json "$V/no-bfd.xml"
jq -e '[.drills[] | .detected_by == "hold-timer" and .detect_bound_ms == 90000] | all' "$work/out" >/dev/null ||
  fail "no BFD: not the hold timer"
expect_status 0 "accept everything" -- "$ECRC" verify --format=json "$V/accept-everything.xml"
jq -e '[.checks[] | select(.check == "cpe-own-prefix" and .severity == "warning")] | length == 1' "$work/out" >/dev/null ||
  fail "accept everything: no cpe-own-prefix warning"

# --fail and --drill
expect_status 1 "--fail both circuits" -- "$ECRC" verify --format=json --fail=pc-bj-1,pc-bj-2 "$BJ"
jq -e '(.drills | length) == 1 and .drills[0].reachable == false' "$work/out" >/dev/null || fail "--fail both: $(jq -c .drills "$work/out")"
expect_status 0 "--fail forms" -- "$ECRC" verify --format=json --drill=none --fail=carrier:pc-bj-1 "$BJ"
jq -e '.drills[0] | .failures[0].kind == "carrier" and .detected_by == "carrier" and .detect_ms == 0' "$work/out" >/dev/null ||
  fail "--fail=carrier:"
# cpe1 stopping: 1014 ms with --seed=1, as in --drill=all above
expect_status 1 "--fail=down:" -- "$ECRC" verify --format=json --fail=down:cpe1 "$BJ"
jq -e '.drills[0] | .failures[0].kind == "cpe-down" and .detections[0].side == "vbr"' "$work/out" >/dev/null || fail "--fail=down:"
expect_status 0 "--fail=reset:" -- "$ECRC" verify --format=json --fail=reset:cpe2-up "$BJ"
jq -e '.drills[0] | .detected_by == "notification" and .max_failover_ms == null and .reachable' "$work/out" >/dev/null ||
  fail "--fail=reset:"
expect_status 0 "--drill=none" -- "$ECRC" verify --format=json --drill=none "$BJ"
[ "$(jq '.drills | length' "$work/out")" = 0 ] || fail "--drill=none ran drills"
expect_status 1 "--drill=all" -- "$ECRC" verify --format=json --drill=all "$BJ"
[ "$(jq -c '[.drills[].failures[0].kind]' "$work/out")" = '["silent","silent","cpe-down","cpe-down","bgp-reset","bgp-reset"]' ] ||
  fail "--drill=all: $(jq -c '[.drills[].failures[0].kind]' "$work/out")"
# --seeds=200 (issue 12): no session flaps with any seed, convergence is not
# detection (failover after the first detection, outage reported), and the
# worst seed's failover reaches the worst-case detection plus the VBR's
# processing delay: 900 + 120 ms
expect_status 1 "--seeds=200" -- "$ECRC" verify --format=json --seeds=200 "$BJ"
jq -e '.seeds == 200 and ([.sessions[] | .bgp_flaps + .bfd_flaps] | add) == 0' "$work/out" >/dev/null ||
  fail "--seeds=200: flaps $(jq -c '[.sessions[] | [.bgp_flaps, .bfd_flaps]]' "$work/out")"
jq -e '[.drills[] | .failover_ms > .detect_ms and .outage_ms != null and .seed >= 1 and .seed <= 200] | all' \
  "$work/out" >/dev/null || fail "--seeds=200: drills $(jq -c '[.drills[] | {seed, detect_ms, failover_ms, outage_ms}]' "$work/out")"
jq -e '[.drills[] | .failover_ms] | max == 1020' "$work/out" >/dev/null ||
  fail "--seeds=200: worst failover $(jq -c '[.drills[].failover_ms]' "$work/out")"
expect_status 3 "--seeds=0" -- "$ECRC" verify --seeds=0 "$BJ"
expect_status 0 "text" -- "$ECRC" verify "$BJ"
grep -q '^result: ok' "$work/out" || fail "text: no result line"
grep -q 'detected by bfd on the' "$work/out" || fail "text: no drill line"

# usage and input errors
expect_status 3 "unknown option" -- "$ECRC" verify --frobnicate "$BJ"
expect_status 3 "bad --drill" -- "$ECRC" verify --drill=some "$BJ"
expect_status 3 "bad --seed" -- "$ECRC" verify --seed=-1 "$BJ"
expect_status 3 "bad --format" -- "$ECRC" verify --format=sarif "$BJ"
expect_status 3 "unknown --fail target" -- "$ECRC" verify --fail=pc-nowhere "$BJ"
grep -q "'pc-nowhere' is neither a physical connection nor a CPE" "$work/err" || fail "--fail: message"
expect_status 3 "--fail kind on the wrong id" -- "$ECRC" verify --fail=reset:vbr-1 "$BJ"
expect_status 3 "no design" -- "$ECRC" verify
expect_status 2 "missing file" -- "$ECRC" verify "$work/nope.xml"
printf '<design name="x" version="1"><datacenter' >"$work/broken.xml"
expect_status 2 "not well-formed" -- "$ECRC" verify "$work/broken.xml"
sed 's/connection="pc-bj-1" interface/connection="pc-bj-9" interface/' "$BJ" >"$work/dangling.xml"
expect_status 1 "reference errors" -- "$ECRC" verify "$work/dangling.xml"
grep -q "no model to simulate" "$work/err" || fail "reference errors: message"
# The JSON report is streamed member by member (verify/json.c); it must be
# the document a JSON printer would write for the same value: jq's own
# rendering of it (two-space indent, ": ", one member or element a line)
# is byte for byte the same, for every fixture and every drill kind.
for f in "$src"/fixtures/designs/*.xml "$src"/fixtures/verify/*.xml "$src"/fixtures/lab/*.xml; do
	"$ECRC" verify --drill=all --format=json "$f" >"$work/stream.json" 2>/dev/null
	jq . "$work/stream.json" >"$work/jq.json" 2>"$work/jq.err" || fail "$(basename "$f"): the JSON does not parse: $(cat "$work/jq.err")"
	cmp -s "$work/stream.json" "$work/jq.json" || fail "$(basename "$f"): the streamed JSON is not laid out as one document"
done
"$ECRC" verify --seeds=2 --trace --format=json "$BJ" >"$work/stream.json" 2>/dev/null
jq . "$work/stream.json" | cmp -s - "$work/stream.json" || fail "--trace --seeds: the streamed JSON is not laid out as one document"
expect_status 0 "--help" -- "$ECRC" verify --help
grep -q -- "--drill=WHICH" "$work/out" || fail "--help text"
echo "ok"
