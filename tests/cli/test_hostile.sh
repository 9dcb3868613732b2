#!/usr/bin/env bash
# test_hostile.sh: `ecrc lint` against hostile input. Every file in
# fixtures/hostile/ is linted (JSON and text) under `timeout 20`; the exit
# status, and the rule and line of the first finding, must be what
# fixtures/hostile/EXPECT says (FILE EXIT RULE LINE, '-' for no finding).
# Every finding needs a message; stderr must hold no sanitizer report; no
# output may contain /etc/passwd's content ("root:"). The manifest and the
# directory must list the same files. Then generated cases too large or too
# regular to commit: 20,000-deep nesting, a 100 MB file (sparse, and
# streamed on stdin: both must fail fast with the size limit), and a design
# written on one 1.6 MB line (locations must not cost time per column).
# Needs jq; exits 77 (skip) without it, except under CI=true.
set -u

: "${ECRC:?ECRC must name the ecrc binary}"
: "${ECRC_SOURCE_DIR:?ECRC_SOURCE_DIR must name the source tree}"

dir="$ECRC_SOURCE_DIR/fixtures/hostile"
manifest="$dir/EXPECT"
failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

if ! command -v jq >/dev/null 2>&1; then
	if [ "${CI:-}" = true ]; then
		echo "FAIL: jq is not installed (CI=true: this test may not be skipped)" >&2
		exit 1
	fi
	echo "SKIP: jq is not installed"
	exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sanitizer_re='AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|MemorySanitizer|runtime error:|Segmentation fault|core dumped'

# check_run NAME RC OUT ERR: what holds for every run, whatever the input.
# Returns 1 when the run did not end normally (nothing more to compare).
check_run() {
	local name=$1 rc=$2 out=$3 err=$4 ended=0
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		fail "$name: did not finish within 20 s"
		ended=1
	elif [ "$rc" -gt 3 ]; then
		fail "$name: exit status $rc (a crash or abort)"
		ended=1
	fi
	if grep -Eq "$sanitizer_re" "$err"; then
		fail "$name: sanitizer report on stderr:"
		head -20 "$err" >&2
	fi
	if grep -q 'root:' "$out" "$err"; then
		fail "$name: the output contains 'root:' (content of /etc/passwd?)"
	fi
	return $ended
}

# lint_case NAME FILE WANT_RC WANT_RULE WANT_LINE [ARGS...]: runs the JSON
# report on FILE ('-' reads stdin from the caller) and compares.
lint_case() {
	local name=$1 file=$2 want_rc=$3 want_rule=$4 want_line=$5
	shift 5
	local out="$tmp/out.json" err="$tmp/err"
	timeout 20 "$ECRC" lint --format=json "$@" "$file" >"$out" 2>"$err"
	local rc=$?
	check_run "$name" "$rc" "$out" "$err" || return
	if [ "$rc" != "$want_rc" ]; then
		fail "$name: exit status $rc, expected $want_rc"
		head -c 2000 "$out" >&2
		head -5 "$err" >&2
		return
	fi
	if ! jq -e '.designs[0].findings | type == "array"' "$out" >/dev/null 2>&1; then
		fail "$name: the report is not the JSON report"
		return
	fi
	local got_rule got_line empty_msgs
	got_rule=$(jq -r '.designs[0].findings[0].rule // "-"' "$out")
	got_line=$(jq -r '.designs[0].findings[0].line // "-" | tostring' "$out")
	empty_msgs=$(jq '[.designs[].findings[] | select((.message // "") == "")] | length' "$out")
	if [ "$got_rule $got_line" != "$want_rule $want_line" ]; then
		fail "$name: first finding $got_rule at line $got_line, expected $want_rule at line $want_line"
		jq -c '.designs[0].findings[0:3][] | {rule, line, column, message}' "$out" >&2
	fi
	if [ "$empty_msgs" != 0 ]; then
		fail "$name: $empty_msgs finding(s) without a message"
	fi
}

# ---- the committed corpus -------------------------------------------------

if [ ! -f "$manifest" ]; then
	echo "FAIL: $manifest is missing" >&2
	exit 1
fi

declare -A listed=()
cases=0
while read -r file want_rc want_rule want_line extra; do
	case "$file" in '' | '#'*) continue ;; esac
	if [ -z "$want_line" ] || [ -n "$extra" ]; then
		fail "EXPECT: malformed line for '$file' (want: FILE EXIT RULE LINE)"
		continue
	fi
	if [ -n "${listed[$file]:-}" ]; then
		fail "EXPECT: '$file' is listed twice"
		continue
	fi
	listed[$file]=1
	if [ ! -f "$dir/$file" ]; then
		fail "EXPECT names '$file', which is not in fixtures/hostile/"
		continue
	fi
	cases=$((cases + 1))
	lint_case "$file" "$dir/$file" "$want_rc" "$want_rule" "$want_line"
	# the text report must behave the same way on the same input
	timeout 20 "$ECRC" lint "$dir/$file" >"$tmp/out.txt" 2>"$tmp/err.txt"
	rc=$?
	check_run "$file (text)" "$rc" "$tmp/out.txt" "$tmp/err.txt" &&
		{ [ "$rc" = "$want_rc" ] || fail "$file (text): exit status $rc, expected $want_rc"; }
done <"$manifest"

for path in "$dir"/*; do
	file=${path##*/}
	[ "$file" = EXPECT ] && continue
	[ -n "${listed[$file]:-}" ] || fail "fixtures/hostile/$file has no line in EXPECT"
done
[ "$cases" -ge 40 ] || fail "only $cases cases in EXPECT; the corpus must keep at least 40"

# ---- generated cases ----------------------------------------------------------

# 20,000 levels of nesting, one element per line: refused at the 33rd level
# (line 34), before libxml2's own depth limit and without recursion.
deep="$tmp/deep.xml"
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<design name="deep" version="1">'
	echo '<datacenter id="dc">'
	for ((i = 0; i < 19998; i++)); do echo '<n>'; done
	for ((i = 0; i < 19998; i++)); do echo '</n>'; done
	echo '</datacenter>'
	echo '</design>'
} >"$deep"
lint_case "generated: 20000-deep nesting" "$deep" 2 xml-malformed 34

# 100 MB: a sparse file after a valid start, then the same bytes on stdin.
# Both must stop at the 64 MiB limit with a message that says so, quickly.
big="$tmp/big.xml"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<design name="big" version="1">\n' >"$big"
truncate -s 100M "$big"
start=$(date +%s%N)
lint_case "generated: 100 MB file" "$big" 2 xml-malformed 1
ms=$((($(date +%s%N) - start) / 1000000))
[ "$ms" -lt 5000 ] || fail "generated: 100 MB file: took $ms ms; the size limit must stop it at once"
grep -q 'MiB' "$tmp/out.json" || fail "generated: 100 MB file: the message does not state the limit"

start=$(date +%s%N)
lint_case "generated: 100 MB on stdin" - 2 xml-malformed 1 <"$big"
ms=$((($(date +%s%N) - start) / 1000000))
[ "$ms" -lt 10000 ] || fail "generated: 100 MB on stdin: took $ms ms"
grep -q 'MiB' "$tmp/out.json" || fail "generated: 100 MB on stdin: the message does not state the limit"

# The reference design with its security group repeated 40,000 times on one
# line (1.6 MB): clean, and fast; column numbers are counted per line, so a
# loader that recounts from the line start for every element is quadratic.
ref="$ECRC_SOURCE_DIR/fixtures/designs/beijing-idc-ecmp.xml"
long="$tmp/long-line.xml"
at=$(grep -n '<allow-ingress' "$ref" | head -1 | cut -d: -f1)
{
	head -n $((at - 1)) "$ref"
	printf '        '
	for ((i = 0; i < 40000; i++)); do printf '<allow-ingress source="192.168.0.0/16"/> '; done
	printf '\n'
	tail -n +$((at + 1)) "$ref"
} >"$long"
lint_case "generated: one 1.6 MB line" "$long" 0 - -

# A UTF-32 byte order mark is named UTF-32 (FF FE 00 00 also starts like a
# UTF-16LE one).
for bom in utf32le utf32be; do
	lint_case "$bom message" "$dir/$bom-bom.xml" 2 xml-malformed 1
	jq -r '.designs[0].findings[0].message' "$tmp/out.json" | grep -q 'UTF-32;' ||
		fail "$bom: the message does not say UTF-32: $(jq -r '.designs[0].findings[0].message' "$tmp/out.json")"
done

# libxml2 refuses one comment or attribute value over 10,000,000 bytes
# (XML_MAX_TEXT_LENGTH) inside the 64 MiB a design may have: the message
# says which limit, and the comment's finding points at its start.
huge=$(head -c 10000001 /dev/zero | tr '\0' x)
{
	head -n 1 "$ref"
	printf '<!-- %s -->\n' "$huge"
	tail -n +2 "$ref"
} >"$tmp/long-comment.xml"
lint_case "generated: an 11 MB comment" "$tmp/long-comment.xml" 2 xml-malformed 2
jq -e '.designs[0].findings[0] | (.column == 1) and (.message | test("comment is longer than 10000000 bytes.*64 MiB"))' \
	"$tmp/out.json" >/dev/null || fail "11 MB comment: $(jq -c '.designs[0].findings[0]' "$tmp/out.json" | head -c 400)"
{
	head -n 1 "$ref"
	printf '<design name="%s" version="1">\n' "$huge"
	tail -n +3 "$ref"
} >"$tmp/long-attr.xml"
lint_case "generated: an 11 MB attribute value" "$tmp/long-attr.xml" 2 xml-malformed 2
jq -e '.designs[0].findings[0].message | test("attribute value is longer than 10000000 bytes")' \
	"$tmp/out.json" >/dev/null || fail "11 MB attribute: $(jq -c '.designs[0].findings[0]' "$tmp/out.json" | head -c 400)"

if [ "$failures" -gt 0 ]; then
	echo "$failures failure(s) in $((cases + 8)) hostile cases" >&2
	exit 1
fi
echo "ok: $cases committed hostile cases and 8 generated ones"
