#!/usr/bin/env bash
# bench_lint.sh: how `ecrc lint` scales, next to `xmllint --noout` (libxml2
# parsing the same bytes into a tree, nothing else) as the yardstick.
# Generates designs with ecrc-gen-design at N = 50, 500 and 2000 data
# centers (P = 100 prefixes each), runs each command R times per design and
# keeps the best wall time and the best peak RSS, then prints a table, the
# ratios, and the growth factor from N=500 to N=2000 (4 when linear).
# A script that prints figures, not a test: it fails only when a command
# fails. docs/performance.md records the method and the results.
#   tests/bench/bench_lint.sh [BUILD_DIR=build] [R=3] [N...]
# Needs xmllint (libxml2-utils) and GNU time (Debian package `time`) for
# peak memory; without GNU time, memory shows as n/a.
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
	[ -x "$x" ] || { echo "bench_lint.sh: $x not found; build first (cmake --build $build)" >&2; exit 2; }
done
command -v xmllint >/dev/null || { echo "bench_lint.sh: xmllint not found (Debian: libxml2-utils)" >&2; exit 2; }
gnu_time=
if [ -x /usr/bin/time ] && /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
	gnu_time=/usr/bin/time
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mem() {
	if [ -n "$gnu_time" ]; then awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; else echo n/a; fi
}

# measure CMD...: runs it R times; writes "best_microseconds best_peak_kib"
# to $work/m.
measure() {
	local best_us= best_kib= t0 us kib
	for ((i = 0; i < runs; i++)); do
		t0=$(date +%s%N)
		if [ -n "$gnu_time" ]; then
			"$gnu_time" -f '%M' -o "$work/rss" "$@" >/dev/null 2>"$work/stderr" ||
				{ echo "bench_lint.sh: '$*' failed:" >&2; cat "$work/stderr" >&2; exit 1; }
			kib=$(tail -1 "$work/rss")
		else
			"$@" >/dev/null 2>"$work/stderr" ||
				{ echo "bench_lint.sh: '$*' failed:" >&2; cat "$work/stderr" >&2; exit 1; }
			kib=
		fi
		us=$((($(date +%s%N) - t0) / 1000))
		if [ -z "$best_us" ] || [ "$us" -lt "$best_us" ]; then best_us=$us; fi
		if [ -n "$kib" ] && { [ -z "$best_kib" ] || [ "$kib" -lt "$best_kib" ]; }; then best_kib=$kib; fi
	done
	echo "$best_us ${best_kib:-0}" >"$work/m"
}

echo "ecrc lint --quiet vs xmllint --noout; best of $runs runs; P=$prefixes prefixes per data center"
echo "machine: $(nproc) CPU(s), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')," \
	"libxml2 $(xmllint --version 2>&1 | head -1 | awk '{print $NF}')"
echo
printf '%6s %10s | %9s %9s | %9s %9s | %7s %7s\n' N bytes "lint s" "lint MiB" "xml s" "xml MiB" "t ratio" "m ratio"
declare -A lint_us xml_us lint_kib xml_kib
for n in "${sizes[@]}"; do
	f="$work/scale-$n.xml"
	"$gen" "$n" "$prefixes" >"$f"
	# the design must be clean, or the benchmark measures the wrong thing
	"$ecrc" lint --quiet "$f" >/dev/null || { echo "bench_lint.sh: the generated design N=$n is not clean" >&2; exit 1; }
	measure "$ecrc" lint --quiet "$f"
	read -r lint_us[$n] lint_kib[$n] <"$work/m"
	measure xmllint --noout "$f"
	read -r xml_us[$n] xml_kib[$n] <"$work/m"
	mratio=n/a
	[ -n "$gnu_time" ] && mratio=$(awk -v a="${lint_kib[$n]}" -v b="${xml_kib[$n]}" 'BEGIN { printf "%.2fx", a / b }')
	printf '%6s %10s | %9.3f %9s | %9.3f %9s | %7s %7s\n' "$n" "$(wc -c <"$f")" \
		"$(awk -v u="${lint_us[$n]}" 'BEGIN { print u / 1e6 }')" "$(mem "${lint_kib[$n]}")" \
		"$(awk -v u="${xml_us[$n]}" 'BEGIN { print u / 1e6 }')" "$(mem "${xml_kib[$n]}")" \
		"$(awk -v a="${lint_us[$n]}" -v b="${xml_us[$n]}" 'BEGIN { printf "%.2fx", a / b }')" "$mratio"
done

echo
if [ -n "${lint_us[500]:-}" ] && [ -n "${lint_us[2000]:-}" ]; then
	awk -v l5="${lint_us[500]}" -v l20="${lint_us[2000]}" -v x5="${xml_us[500]}" -v x20="${xml_us[2000]}" \
		'BEGIN { printf "growth N=500 -> 2000 (4x the input; 4.00 is linear): lint %.2f, xmllint %.2f\n", l20 / l5, x20 / x5 }'
fi
if [ -n "${lint_us[500]:-}" ]; then
	awk -v l="${lint_us[500]}" -v x="${xml_us[500]}" -v lk="${lint_kib[500]}" -v xk="${xml_kib[500]}" -v m="$gnu_time" 'BEGIN {
		t = l / x
		printf "target at N=500: time within 2x xmllint: %.2fx (%s)", t, t <= 2 ? "met" : "missed"
		if (m != "") { r = lk / xk; printf "; peak memory within 3x: %.2fx (%s)", r, r <= 3 ? "met" : "missed" }
		printf "\n"
	}'
fi
