#!/usr/bin/env bash
# run.sh SECONDS [TARGET...] [-- LIBFUZZER-OPTION...]: builds the libFuzzer
# targets with clang into build-fuzz/ (ASan + UBSan + libFuzzer) and runs
# each for SECONDS seconds of its own, one after the other, inputs up to
# 64 KiB, with leak detection. The targets (default: all of them):
#   loader    fuzz_loader.c: arbitrary bytes into the loader, lint, reports
#   pipeline  fuzz_pipeline.c: edits to the fixture designs' attribute
#             values through lint, emit in memory and verify with drills
#   tfstate   fuzz_tfstate.c: Terraform state JSON through the reader, the
#             importer and the comparison
# A target is tests/fuzz/fuzz_NAME.c, listed in tests/fuzz/CMakeLists.txt,
# with its seeds chosen in seeds_for below (the running-config readers add
# theirs the same way). Each target's seeds are copied from fixtures/ at
# every run into build-fuzz/fuzz-NAME-seeds; what the fuzzer finds
# accumulates in build-fuzz/fuzz-NAME-corpus (the loader's keeps its older
# names, fuzz-seeds and fuzz-corpus). Fails on any crash, leak, timeout or
# sanitizer report; the reproducer is then in build-fuzz/fuzz-artifacts/.
# Arguments after -- go to libFuzzer (e.g. -len_control=0).
#   ECRC_FUZZ_BUILD  build directory (default: build-fuzz in the source tree)
#   ECRC_FUZZ_JOBS   parallel fuzzing processes per target (default 1)
set -euo pipefail

seconds=${1:?usage: tests/fuzz/run.sh SECONDS [TARGET...] [-- LIBFUZZER-OPTION...]}
shift
case "$seconds" in '' | *[!0-9]*) echo "run.sh: SECONDS must be a whole number" >&2; exit 3 ;; esac
all_targets=(loader pipeline tfstate)
targets=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	case " ${all_targets[*]} " in
	*" $1 "*) targets+=("$1") ;;
	-*) break ;; # libFuzzer options without --, as before
	*) echo "run.sh: no fuzz target '$1' (targets: ${all_targets[*]})" >&2; exit 3 ;;
	esac
	shift
done
[ "${1:-}" = -- ] && shift
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
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
cmake --build "$build" $(printf -- '--target fuzz_%s ' "${targets[@]}") -j"$(nproc)" >/dev/null

# seeds_for TARGET DIR: copies the target's seed inputs into DIR.
seeds_for() {
	local n=0 f
	case "$1" in
	loader)
		for f in "$src"/fixtures/designs/*.xml "$src"/fixtures/rules/*/*.xml "$src"/fixtures/hostile/*; do
			case "$f" in */EXPECT) continue ;; esac
			n=$((n + 1))
			cp "$f" "$2/$(printf '%04d' "$n")-${f##*/}"
		done
		;;
	pipeline)
		# edit programs (see fuzz_pipeline.c): template k with no edit,
		# and with one edit of each kind on its first attributes
		for k in $(seq 0 63); do
			printf "\\x$(printf %02x "$k")" >"$2/t$k"
			for kind in 0 1 2 3 4 5 6; do
				printf "\\x$(printf %02x "$k")\\x00\\x$(printf %02x $((k % 16)))\\x0$kind\\x05\\x0a\\x01\\x02\\x18\\x20" >"$2/t$k-e$kind"
			done
		done
		;;
	tfstate)
		for f in $(find "$src/fixtures" -name '*tfstate*.json' | sort); do
			n=$((n + 1))
			cp "$f" "$2/$(printf '%04d' "$n")-${f##*/}"
		done
		;;
	*)
		echo "run.sh: no seeds for target $1: add them to seeds_for" >&2
		exit 3
		;;
	esac
}

status=0
for target in "${targets[@]}"; do
	if [ "$target" = loader ]; then
		seeds="$build/fuzz-seeds" corpus="$build/fuzz-corpus" log="$build/fuzz.log"
	else
		seeds="$build/fuzz-$target-seeds" corpus="$build/fuzz-$target-corpus" log="$build/fuzz-$target.log"
	fi
	artifacts="$build/fuzz-artifacts"
	rm -rf "$seeds"
	mkdir -p "$seeds" "$corpus" "$artifacts"
	seeds_for "$target" "$seeds"
	extra=()
	[ "$target" = loader ] && extra=(-dict="$src/tests/fuzz/design.dict")
	# the pipeline prints verify's findings: keep the log to libFuzzer's own
	[ "$target" = pipeline ] && extra=(-close_fd_mask=2)
	echo "fuzzing $target for $seconds s ($jobs job(s), $(ls "$seeds" | wc -l) seeds, log in $log)"
	parallel=()
	# with -jobs, libFuzzer runs workers that log to fuzz-N.log in the
	# current directory: run from the build directory and collect them
	[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
	rm -f "$build"/fuzz-[0-9]*.log
	st=0
	(cd "$build" && ECRC_SOURCE_DIR="$src" ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		"./tests/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=65536 -detect_leaks=1 \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${parallel[@]}" "${extra[@]}" "$@" \
		-artifact_prefix="$artifacts/$target-" "$corpus" "$seeds") >"$log" 2>&1 || st=$?
	for worker in "$build"/fuzz-[0-9]*.log; do
		[ -f "$worker" ] && cat "$worker" >>"$log"
	done
	grep -aE '^(stat::|#[0-9]+ +DONE)' "$log" | tail -8 || true
	if [ "$st" -ne 0 ] ||
		grep -aEq 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY: ' "$log"; then
		grep -aE -A30 'ERROR: |runtime error:|==ERROR|deadly signal' "$log" | head -60 >&2 || true
		echo "FAIL: the fuzzer found a problem in $target; reproducers in $artifacts:" >&2
		ls -l "$artifacts" >&2
		status=1
		continue
	fi
	echo "ok: $target: no crash, leak or sanitizer report in $seconds s"
done
exit $status
