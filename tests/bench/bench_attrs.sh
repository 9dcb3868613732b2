#!/usr/bin/env bash
# bench_attrs.sh: `ecrc lint` on designs full of unknown attributes, next to
# `xmllint --noout` on the same bytes, at 10k, 50k and 100k attributes, in
# two shapes:
#   spread:  50 unknown attributes on each of N/50 <datacenter>s: every
#            attribute is located in the source and reported (one finding
#            each), the work the loader's single pass over a tag does;
#   one tag: all N on <design>: refused by the loader's pre-scan at the
#            ECRC_MAX_ATTRS (64) limit before libxml2 sees the tag, because
#            libxml2 2.9 compares each attribute of a tag with every earlier
#            one (xmllint itself is quadratic there).
# Prints best-of-R wall times, the ratio to xmllint (target: within 3x),
# and the growth from 50k to 100k (2.00 is linear). A script that prints
# figures, not a test; docs/performance.md records the results.
#   tests/bench/bench_attrs.sh [BUILD_DIR=build] [R=3]
set -euo pipefail

build=${1:-build}
runs=${2:-3}
ecrc=$build/ecrc
[ -x "$ecrc" ] || { echo "bench_attrs.sh: $ecrc not found; build first" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "bench_attrs.sh: xmllint not found (Debian: libxml2-utils)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# best_us CMD...: the best wall time of R runs in microseconds. The exit
# status is not judged (lint reports the attributes: 1 or 2), but a crash
# (> 3) is.
best_us() {
	local best= t0 us rc
	for ((i = 0; i < runs; i++)); do
		t0=$(date +%s%N)
		rc=0
		"$@" >/dev/null 2>"$work/stderr" || rc=$?
		us=$((($(date +%s%N) - t0) / 1000))
		[ "$rc" -le 3 ] || { echo "bench_attrs.sh: '$*' exited $rc" >&2; tail -5 "$work/stderr" >&2; exit 1; }
		if [ -z "$best" ] || [ "$us" -lt "$best" ]; then best=$us; fi
	done
	echo "$best"
}

gen_spread() {
	awk -v n="$1" 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		print "<design name=\"attrs\" version=\"1\">"
		for (d = 0; d < n / 50; d++) {
			printf "  <datacenter id=\"dc%d\"", d
			for (i = 0; i < 50; i++) printf " x%d=\"v\"", i
			print "/>"
		}
		print "  <cloud/>"
		print "</design>"
	}'
}

gen_one_tag() {
	awk -v n="$1" 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		printf "<design name=\"attrs\" version=\"1\""
		for (i = 0; i < n; i++) printf " x%d=\"v\"", i
		print ">"
		print "  <cloud/>"
		print "</design>"
	}'
}

echo "ecrc lint vs xmllint --noout, unknown attributes; best of $runs runs"
echo "machine: $(nproc) CPU(s), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')," \
	"libxml2 $(xmllint --version 2>&1 | head -1 | awk '{print $NF}')"
for shape in spread one_tag; do
	echo
	echo "shape: ${shape/_/ }"
	printf '%8s %9s | %9s %9s | %7s\n' attrs bytes "lint s" "xml s" ratio
	declare -A l=()
	for n in 10000 50000 100000; do
		f="$work/$shape-$n.xml"
		"gen_$shape" "$n" >"$f"
		l[$n]=$(best_us "$ecrc" lint "$f")
		x=$(best_us xmllint --noout "$f")
		printf '%8s %9s | %9.3f %9.3f | %6sx\n' "$n" "$(wc -c <"$f")" \
			"$(awk -v u="${l[$n]}" 'BEGIN { print u / 1e6 }')" "$(awk -v u="$x" 'BEGIN { print u / 1e6 }')" \
			"$(awk -v a="${l[$n]}" -v b="$x" 'BEGIN { printf "%.3f", a / b }')"
	done
	awk -v a="${l[50000]}" -v b="${l[100000]}" 'BEGIN { printf "lint growth 50k -> 100k: %.2f (2.00 is linear)\n", b / a }'
done
