#!/usr/bin/env bash
# bench_verify.sh: how `ecrc verify` scales, and what the drills cost next
# to the convergence. Generates designs with ecrc-gen-design at N = 50, 500
# and 2000 data centers (P = 100 prefixes each, two circuits per data
# center: 2N circuits), runs `ecrc lint`, `ecrc verify --drill=none` and
# `ecrc verify --drill=circuits` R times each, keeps the best wall time and
# peak RSS, and prints:
#   lint       load and lint alone (the floor under every verify)
#   none       verify without drills: lint, lowering, convergence, checks, report
#   circuits   verify with every circuit drilled, one at a time
#   drills     circuits - none: what the 2N drills added, and per drill
#   x conv     drills / (none - lint): the drills against the simulation and
#              report they run on (the target is at most 3)
#   events     engine events of the convergence and of all drills together
#              (deterministic, from one --format=json run)
# A script that prints figures, not a test: it fails only when a command
# fails. The target: N=500 (1000 circuits) with every circuit drilled in
# under 1 s, drills at most 3x the convergence.
#   tests/bench/bench_verify.sh [BUILD_DIR=build] [R=3] [N...]
# Needs jq; GNU time (Debian package `time`) for peak memory.
set -euo pipefail

build=${1:-build}
runs=${2:-3}
shift $(($# > 2 ? 2 : $#))
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(50 500 2000)
prefixes=100
ecrc=$build/ecrc
gen=$build/tests/bench/ecrc-gen-design
for x in "$ecrc" "$gen"; do
	[ -x "$x" ] || { echo "bench_verify.sh: $x not found; build first (cmake --build $build)" >&2; exit 2; }
done
command -v jq >/dev/null || { echo "bench_verify.sh: jq not found" >&2; exit 2; }
gnu_time=
if [ -x /usr/bin/time ] && /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
	gnu_time=/usr/bin/time
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure CMD...: runs it R times; writes "best_microseconds best_peak_kib"
# to $work/m. verify exits 1 when a check fails; that is a result, not an
# error, so only 2 and above stop the benchmark.
measure() {
	local best_us= best_kib= t0 us kib rc
	for ((i = 0; i < runs; i++)); do
		t0=$(date +%s%N)
		rc=0
		if [ -n "$gnu_time" ]; then
			"$gnu_time" -f '%M' -o "$work/rss" "$@" >/dev/null 2>"$work/stderr" || rc=$?
			kib=$(tail -1 "$work/rss")
		else
			"$@" >/dev/null 2>"$work/stderr" || rc=$?
			kib=
		fi
		us=$((($(date +%s%N) - t0) / 1000))
		if [ "$rc" -ge 2 ]; then
			echo "bench_verify.sh: '$*' failed ($rc):" >&2
			cat "$work/stderr" >&2
			exit 1
		fi
		if [ -z "$best_us" ] || [ "$us" -lt "$best_us" ]; then best_us=$us; fi
		if [ -n "$kib" ] && { [ -z "$best_kib" ] || [ "$kib" -lt "$best_kib" ]; }; then best_kib=$kib; fi
	done
	echo "$best_us ${best_kib:-0}" >"$work/m"
}

ms() { awk -v u="$1" 'BEGIN { printf "%.0f", u / 1000 }'; }
mib() { if [ -n "$gnu_time" ]; then awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; else echo n/a; fi; }

printf '%s\n' "ecrc verify, best of $runs runs, P=$prefixes prefixes per data center ($(nproc) CPUs)"
printf '%6s %8s %8s %8s %9s %9s %10s %7s %9s %12s %9s\n' \
	N circuits lint_ms none_ms circ_ms drills_ms per_drill x_conv peak_MiB conv_events dr_events
for n in "${sizes[@]}"; do
	design=$work/d$n.xml
	"$gen" "$n" "$prefixes" >"$design"
	measure "$ecrc" lint "$design"
	read -r lint_us _ <"$work/m"
	measure "$ecrc" verify --drill=none "$design"
	read -r none_us _ <"$work/m"
	measure "$ecrc" verify --drill=circuits "$design"
	read -r circ_us circ_kib <"$work/m"
	"$ecrc" verify --format=json --drill=circuits "$design" >"$work/r.json" 2>/dev/null || [ $? = 1 ]
	read -r circuits conv_events dr_events < <(jq -r '[(.drills | length), .events, ([.drills[].events] | add // 0)] | @tsv' "$work/r.json")
	drills_us=$((circ_us - none_us))
	[ "$drills_us" -ge 0 ] || drills_us=0
	base_us=$((none_us - lint_us))
	[ "$base_us" -gt 0 ] || base_us=1
	printf '%6s %8s %8s %8s %9s %9s %8sus %7s %9s %12s %9s\n' "$n" "$circuits" "$(ms "$lint_us")" "$(ms "$none_us")" \
		"$(ms "$circ_us")" "$(ms "$drills_us")" "$((drills_us / (circuits > 0 ? circuits : 1)))" \
		"$(awk -v d="$drills_us" -v b="$base_us" 'BEGIN { printf "%.2f", d / b }')" "$(mib "$circ_kib")" \
		"$conv_events" "$dr_events"
done
