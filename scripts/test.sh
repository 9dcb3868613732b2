#!/usr/bin/env bash
# test.sh: every test of ecrc, as CI runs them:
#   1. the build with warnings as errors, and the whole CTest suite
#      (cmocka unit tests, golden files, CLI tests, real FRR/BIRD parsers, the lab);
#   2. the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer
#      (the lab, which runs FRR daemons, only in the first pass);
#   3. libFuzzer, 60 seconds for each target: the loader (arbitrary bytes),
#      the pipeline (mutated valid designs through lint, emit, verify) and
#      the Terraform state reader; then 15 s for each running-config reader
#      (ECRC_FUZZ_SECONDS, ECRC_READER_FUZZ_SECONDS).
# Needs the packages scripts/bootstrap.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
fuzz_seconds=${ECRC_FUZZ_SECONDS:-60}

echo "== build (-Werror) and test"
cmake -S . -B build-ci -DCMAKE_BUILD_TYPE=RelWithDebInfo -DECRC_WERROR=ON >/dev/null
cmake --build build-ci -j"$jobs"
ctest --test-dir build-ci --output-on-failure -j"$jobs"

echo "== sanitizer build (ASan + UBSan) and test"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DECRC_WERROR=ON -DECRC_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ctest --test-dir build-asan --output-on-failure -j"$jobs" -E '^lab/'

if [ -x tests/fuzz/run.sh ] && [ "$fuzz_seconds" -gt 0 ]; then
	echo "== fuzzing each target (loader, pipeline, tfstate) for ${fuzz_seconds} s"
	tests/fuzz/run.sh "$fuzz_seconds"
fi
reader_seconds=${ECRC_READER_FUZZ_SECONDS:-15}
if [ -x tests/fuzz/run_running.sh ] && [ "$reader_seconds" -gt 0 ]; then
	echo "== fuzzing each running-config reader for ${reader_seconds} s"
	tests/fuzz/run_running.sh "$reader_seconds"
fi
echo "== all tests passed"
