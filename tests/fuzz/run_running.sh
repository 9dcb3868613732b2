#!/usr/bin/env bash
# run_running.sh SECONDS [VENDOR...]: builds the running-config reader fuzz
# targets (tests/fuzz/fuzz_running.c, one per vendor) with clang into
# build-fuzz/ and fuzzes each for SECONDS seconds, inputs up to 16 KiB,
# seeded from fixtures/deployed/<vendor>/, fixtures/running-hostile/ and the
# golden configs of that vendor. Fails on any crash, leak, timeout or
# sanitizer report; the reproducer is then in build-fuzz/fuzz-artifacts/.
# The hook for the pipeline's fuzzing (scripts/test.sh) is this script.
#   ECRC_FUZZ_BUILD  build directory (default: build-fuzz in the source tree)
set -euo pipefail
seconds=${1:?usage: tests/fuzz/run_running.sh SECONDS [VENDOR...]}
shift
case "$seconds" in '' | *[!0-9]*) echo "run_running.sh: SECONDS must be a whole number" >&2; exit 3 ;; esac
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${ECRC_FUZZ_BUILD:-$src/build-fuzz}
clang=${CLANG:-clang}
command -v "$clang" >/dev/null || { echo "run_running.sh: $clang not found" >&2; exit 1; }
vendors=${*:-frr cisco-iosxe arista-eos huawei-vrp h3c-comware juniper-junos bird}
declare -A ext=([cisco-iosxe]=ios [arista-eos]=eos [frr]=frr.conf [juniper-junos]=junos [huawei-vrp]=vrp
	[h3c-comware]=comware [bird]=bird.conf)
mkdir -p "$build"
exec 9>"$build/.fuzz-running.lock"
flock 9
cmake -S "$src" -B "$build" -DCMAKE_C_COMPILER="$clang" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DECRC_FUZZ=ON >/dev/null
status=0
for v in $vendors; do
	[ -n "${ext[$v]:-}" ] || { echo "run_running.sh: no reader for '$v'" >&2; exit 3; }
	cmake --build "$build" --target "fuzz_running_$v" -j"$(nproc)" >/dev/null
	seeds="$build/fuzz-running-seeds/$v" corpus="$build/fuzz-running-corpus/$v" art="$build/fuzz-artifacts"
	rm -rf "$seeds"
	mkdir -p "$seeds" "$corpus" "$art"
	n=0
	for f in "$src/fixtures/deployed/$v"/* "$src/fixtures/running-hostile/$v"-* "$src"/fixtures/golden/*/*."${ext[$v]}"; do
		[ -f "$f" ] || continue
		case "$f" in *EXPECT | *.xml) continue ;; esac
		cp "$f" "$seeds/seed-$n"
		n=$((n + 1))
	done
	echo "== fuzzing the $v running-config reader for $seconds s ($n seeds)"
	if ! "$build/tests/fuzz/fuzz_running_$v" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
		-artifact_prefix="$art/running-$v-" "$corpus" "$seeds" >"$build/fuzz-running-$v.log" 2>&1; then
		echo "run_running.sh: the $v reader failed; see $build/fuzz-running-$v.log and $art/" >&2
		tail -30 "$build/fuzz-running-$v.log" >&2
		status=1
	else
		grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$build/fuzz-running-$v.log" || true
	fi
done
exit $status
