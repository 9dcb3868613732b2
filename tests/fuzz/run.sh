#!/usr/bin/env bash
# run.sh SECONDS [LIBFUZZER-OPTION...]: builds the libFuzzer targets with
# clang into build-fuzz/ (ASan + UBSan + libFuzzer) and fuzzes the loader
# for SECONDS seconds, inputs up to 64 KiB, with leak detection. The seed
# corpus is copied from fixtures/ at every run into build-fuzz/fuzz-seeds;
# what the fuzzer finds accumulates in build-fuzz/fuzz-corpus. Fails on any
# crash, leak, timeout or sanitizer report; the reproducer is then in
# build-fuzz/fuzz-artifacts/. Further arguments go to libFuzzer (e.g.
# -len_control=0 to try long inputs from the start).
#   ECRC_FUZZ_BUILD  build directory (default: build-fuzz in the source tree)
#   ECRC_FUZZ_JOBS   parallel fuzzing processes (default 1)
set -euo pipefail

seconds=${1:?usage: tests/fuzz/run.sh SECONDS [LIBFUZZER-OPTION...]}
shift
case "$seconds" in '' | *[!0-9]*) echo "run.sh: SECONDS must be a whole number" >&2; exit 3 ;; esac
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${ECRC_FUZZ_BUILD:-$src/build-fuzz}
jobs=${ECRC_FUZZ_JOBS:-1}
clang=${CLANG:-clang}

command -v "$clang" >/dev/null || { echo "run.sh: $clang not found (Debian: clang, libclang-rt-14-dev)" >&2; exit 1; }
# one run per build directory at a time (the corpus and the log are shared)
mkdir -p "$build"
exec 9>"$build/.fuzz.lock"
if ! flock -n 9; then
	echo "run.sh: another run uses $build; waiting (set ECRC_FUZZ_BUILD to run beside it)"
	flock 9
fi

cmake -S "$src" -B "$build" -DCMAKE_C_COMPILER="$clang" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DECRC_FUZZ=ON >/dev/null
cmake --build "$build" --target fuzz_loader -j"$(nproc)" >/dev/null

seeds="$build/fuzz-seeds"
corpus="$build/fuzz-corpus"
artifacts="$build/fuzz-artifacts"
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$artifacts"
n=0
for f in "$src"/fixtures/designs/*.xml "$src"/fixtures/rules/*/*.xml "$src"/fixtures/hostile/*; do
	case "$f" in */EXPECT) continue ;; esac
	n=$((n + 1))
	cp "$f" "$seeds/$(printf '%04d' "$n")-${f##*/}"
done

log="$build/fuzz.log"
echo "fuzzing the loader for $seconds s ($jobs job(s), $n seeds, log in $log)"
parallel=()
# with -jobs, libFuzzer runs workers that log to fuzz-N.log in the current
# directory: run from the build directory and collect them
[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
rm -f "$build"/fuzz-[0-9]*.log
status=0
(cd "$build" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	./tests/fuzz/fuzz_loader -max_total_time="$seconds" -max_len=65536 -detect_leaks=1 \
	-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${parallel[@]}" "$@" \
	-dict="$src/tests/fuzz/design.dict" -artifact_prefix="$artifacts/" \
	"$corpus" "$seeds") >"$log" 2>&1 || status=$?
for worker in "$build"/fuzz-[0-9]*.log; do
	[ -f "$worker" ] && cat "$worker" >>"$log"
done

grep -aE '^(stat::|#[0-9]+ +DONE)' "$log" | tail -8 || true
if [ "$status" -ne 0 ] ||
	grep -aEq 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY: ' "$log"; then
	grep -aE -A30 'ERROR: |runtime error:' "$log" | head -60 >&2 || true
	echo "FAIL: the fuzzer found a problem; reproducers in $artifacts:" >&2
	ls -l "$artifacts" >&2
	exit 1
fi
echo "ok: no crash, leak or sanitizer report in $seconds s"
