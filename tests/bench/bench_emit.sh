#!/usr/bin/env bash
# bench_emit.sh: times `ecrc emit` against `ecrc lint` on the generated
# scale design (ecrc-gen-design N P), median of R interleaved runs each:
# lint; emit without writing (an output directory that cannot be made, so
# load + lint + lowering + rendering); emit into DIR (default a tmpfs when
# /dev/shm exists, where the file system costs least), a fresh directory
# each run.
#   tests/bench/bench_emit.sh BUILD_DIR [N=500] [P=4] [R=9] [DIR]
set -euo pipefail
build=${1:?usage: bench_emit.sh BUILD_DIR [N] [P] [R] [DIR]}
n=${2:-500} p=${3:-4} runs=${4:-9}
base=${5:-$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}" )}
ecrc=$build/ecrc
gen=$build/tests/bench/ecrc-gen-design
work=$(mktemp -d "$base/ecrc-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$gen" "$n" "$p" >"$work/design.xml"

now() { date +%s%N; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
: >"$work/lint" && : >"$work/render" && : >"$work/write"
for ((i = 0; i < runs; i++)); do
  t=$(now); "$ecrc" lint --quiet "$work/design.xml" >/dev/null; echo $(( ($(now) - t) / 1000 )) >>"$work/lint"
  t=$(now); "$ecrc" emit -o /proc/ecrc-bench/x "$work/design.xml" 2>/dev/null && exit 1
  echo $(( ($(now) - t) / 1000 )) >>"$work/render"
  t=$(now); "$ecrc" emit -o "$work/out$i" "$work/design.xml" 2>/dev/null; echo $(( ($(now) - t) / 1000 )) >>"$work/write"
done
files=$(ls "$work/out0" | wc -l)
lint=$(median <"$work/lint") render=$(median <"$work/render") write=$(median <"$work/write")
echo "design: N=$n P=$p, $(wc -c <"$work/design.xml") bytes; $files files written to $base"
printf 'lint               %8d us\n' "$lint"
printf 'emit, no writing   %8d us  (%.2fx lint)\n' "$render" "$(echo "$render / $lint" | bc -l)"
printf 'emit, all files    %8d us  (%.2fx lint)\n' "$write" "$(echo "$write / $lint" | bc -l)"
