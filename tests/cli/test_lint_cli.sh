#!/usr/bin/env bash
# test_lint_cli.sh: `ecrc lint` as users and CI call it: exit statuses,
# messages, the four report formats, determinism, -o, stdin, rule selection.
set -u
S=$ECRC_SOURCE_DIR
REF=$S/fixtures/designs/beijing-idc-ecmp.xml
BAD=$S/fixtures/rules/ref-unknown/bad-typo.xml
WARN=$S/fixtures/rules/suppression-unused/bad-unused.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
pass=0
check() { # NAME EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then pass=$((pass + 1)); else echo "FAIL: $1: expected '$2', got '$3'"; fails=$((fails + 1)); fi
}
contains() { # NAME NEEDLE FILE
	if grep -qF -- "$2" "$3"; then pass=$((pass + 1)); else echo "FAIL: $1: '$2' not in output:"; cat "$3"; fails=$((fails + 1)); fi
}
command -v jq >/dev/null || { [ "${CI:-}" = true ] && { echo "jq missing in CI"; exit 1; }; echo "skip: jq not installed"; exit 77; }

# exit statuses
"$ECRC" lint "$REF" >"$tmp/out" 2>"$tmp/err"; check "reference design exits 0" 0 $?
contains "summary line" "0 errors, 0 warnings in 1 design" "$tmp/err"
"$ECRC" lint "$BAD" >"$tmp/out" 2>"$tmp/err"; check "errors exit 1" 1 $?
contains "gcc-style line" "bad-typo.xml:" "$tmp/out"
contains "rule id in brackets" "[ref-unknown]" "$tmp/out"
contains "did you mean" "did you mean 'pc-bj-2'?" "$tmp/out"
"$ECRC" lint "$S/fixtures/rules/xml-malformed/bad-doctype.xml" >/dev/null 2>&1; check "DOCTYPE exits 2" 2 $?
"$ECRC" lint "$tmp/does-not-exist.xml" >"$tmp/out" 2>&1; check "missing file exits 2" 2 $?
contains "missing file message" "cannot open the design: No such file or directory" "$tmp/out"
"$ECRC" lint "$tmp" >"$tmp/out" 2>&1; check "directory exits 2" 2 $?
"$ECRC" lint --bogus "$REF" >/dev/null 2>"$tmp/err"; check "unknown option exits 3" 3 $?
contains "unknown option message" "unknown option '--bogus'" "$tmp/err"
"$ECRC" lint >/dev/null 2>&1; check "no design exits 3" 3 $?
"$ECRC" lint --format=yaml "$REF" >/dev/null 2>&1; check "bad format exits 3" 3 $?
"$ECRC" lint --disable=no-such-rule "$REF" >/dev/null 2>&1; check "unknown rule exits 3" 3 $?
"$ECRC" frobnicate >/dev/null 2>&1; check "unknown command exits 3" 3 $?
"$ECRC" lint "$REF" "$tmp/does-not-exist.xml" >/dev/null 2>&1; check "one unreadable of two exits 2" 2 $?

# warnings, --werror, rule selection
"$ECRC" lint "$WARN" >/dev/null 2>&1; check "warnings alone exit 0" 0 $?
"$ECRC" lint --werror "$WARN" >/dev/null 2>&1; check "--werror exits 1" 1 $?
"$ECRC" lint --werror --disable=suppression-unused "$WARN" >/dev/null 2>&1; check "--disable silences" 0 $?
"$ECRC" lint --enable-only=vlan-mismatch "$BAD" >/dev/null 2>&1; check "front-end rules always run" 1 $?
"$ECRC" lint --werror --enable-only=vlan-mismatch "$WARN" >/dev/null 2>&1; check "--enable-only" 0 $?

# stdin and several designs
"$ECRC" lint - <"$BAD" >"$tmp/out" 2>"$tmp/err"; check "stdin exits 1" 1 $?
contains "stdin is named" "<stdin>:" "$tmp/out"
"$ECRC" lint "$REF" "$BAD" >/dev/null 2>"$tmp/err"; check "two designs exit 1" 1 $?
contains "summary counts designs" "in 2 designs" "$tmp/err"
"$ECRC" lint --quiet "$REF" 2>"$tmp/err" >/dev/null; check "--quiet has no summary" "" "$(cat "$tmp/err")"

# JSON
"$ECRC" lint --format=json "$REF" "$BAD" >"$tmp/j" 2>/dev/null
check "json parses" 0 "$(jq empty "$tmp/j" >/dev/null 2>&1; echo $?)"
check "json version" 1 "$(jq '.version' "$tmp/j")"
check "json two designs" 2 "$(jq '.designs | length' "$tmp/j")"
check "json finding fields" '["column","file","line","message","notes","rule","severity"]' \
	"$(jq -c '.designs[1].findings[0] | keys' "$tmp/j")"
check "json summary" 1 "$(jq '.summary.errors' "$tmp/j")"
"$ECRC" lint --format=json "$S/fixtures/rules/id-duplicate/bad-vbr-named-like-connection.xml" >"$tmp/j2" 2>/dev/null
check "json notes carry locations" '["column","file","line","message"]' \
	"$(jq -c '[.designs[0].findings[] | select(.rule=="id-duplicate")][0].notes[0] | keys' "$tmp/j2")"

# SARIF 2.1.0
"$ECRC" lint --format=sarif "$BAD" >"$tmp/s" 2>/dev/null; check "sarif exit" 1 $?
check "sarif version" '"2.1.0"' "$(jq '.version' "$tmp/s")"
check "sarif schema" 'true' "$(jq '."$schema" | test("sarif-2.1.0")' "$tmp/s")"
check "sarif driver" '"ecrc"' "$(jq '.runs[0].tool.driver.name' "$tmp/s")"
check "sarif lists every rule" "$("$ECRC" rules | wc -l)" "$(jq '.runs[0].tool.driver.rules | length' "$tmp/s")"
check "sarif rules complete" 0 "$(jq '[.runs[0].tool.driver.rules[] | select(.id == null or .shortDescription.text == null or .fullDescription.text == null or .help.text == null or .defaultConfiguration.level == null)] | length' "$tmp/s")"
check "sarif result" '"ref-unknown"' "$(jq '.runs[0].results[0].ruleId' "$tmp/s")"
check "sarif level" '"error"' "$(jq '.runs[0].results[0].level' "$tmp/s")"
check "sarif region" 'true' "$(jq '.runs[0].results[0].locations[0].physicalLocation.region.startLine > 0 and .runs[0].results[0].locations[0].physicalLocation.region.startColumn > 0' "$tmp/s")"
check "sarif uri" 'true' "$(jq '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri | endswith("bad-typo.xml")' "$tmp/s")"
check "sarif fingerprints" 'true' "$(jq '.runs[0].results[0].partialFingerprints | length > 0' "$tmp/s")"
"$ECRC" lint --format=sarif "$S/fixtures/rules/id-duplicate/bad-vbr-named-like-connection.xml" >"$tmp/s2" 2>/dev/null
check "sarif relatedLocations for notes" 'true' "$(jq '[.runs[0].results[] | select(.ruleId=="id-duplicate")][0].relatedLocations[0].message.text | length > 0' "$tmp/s2")"

# JUnit
"$ECRC" lint --format=junit "$REF" "$BAD" >"$tmp/u.xml" 2>/dev/null
check "junit is well-formed XML" 0 "$(xmllint --noout "$tmp/u.xml" >/dev/null 2>&1; echo $?)"
check "junit suites" 2 "$(xmllint --xpath 'count(//testsuite)' "$tmp/u.xml")"
# the rules lint evaluates: all but ecrc check's drift-* rules
lint_rules=$("$ECRC" rules | grep -vc '^drift-')
check "junit one testcase per rule" "$lint_rules" "$(xmllint --xpath 'count(//testsuite[1]/testcase)' "$tmp/u.xml")"
check "junit failure for the error" 1 "$(xmllint --xpath 'count(//testsuite[2]//failure)' "$tmp/u.xml")"
"$ECRC" lint --format=junit --disable=bgp-timers,mtu-mismatch "$REF" >"$tmp/u2.xml" 2>/dev/null
check "junit: a testcase per rule evaluated (--disable drops two)" "$((lint_rules - 2))" "$(xmllint --xpath 'count(//testcase)' "$tmp/u2.xml")"
check "junit: no testcase for a disabled rule" 0 "$(xmllint --xpath 'count(//testcase[@name="bgp-timers"])' "$tmp/u2.xml")"
"$ECRC" lint --format=junit "$tmp/does-not-exist.xml" >"$tmp/m.xml" 2>/dev/null; check "junit missing file: exit" 2 $?
check "junit missing file: one testcase" 1 "$(xmllint --xpath 'count(//testcase)' "$tmp/m.xml")"
check "junit missing file: it fails" 1 "$(xmllint --xpath 'count(//testcase/failure)' "$tmp/m.xml")"
check "junit missing file: the totals say so" "1 1" "$(xmllint --xpath 'string(/testsuites/@tests)' "$tmp/m.xml") $(xmllint --xpath 'string(/testsuites/@failures)' "$tmp/m.xml")"
"$ECRC" lint --format=junit "$S/fixtures/rules/xml-malformed/bad-doctype.xml" "$REF" >"$tmp/m2.xml" 2>/dev/null
check "junit unparseable design: one testcase in its suite" 1 "$(xmllint --xpath 'count(//testsuite[1]/testcase)' "$tmp/m2.xml")"
check "junit unparseable design: the testcase fails" 1 "$(xmllint --xpath 'count(//testsuite[1]/testcase/failure)' "$tmp/m2.xml")"
check "junit unparseable design: the other design keeps its testcases" "$lint_rules" "$(xmllint --xpath 'count(//testsuite[2]/testcase)' "$tmp/m2.xml")"
check "junit: totals are the suites' sums" "$(xmllint --xpath 'count(//testcase)' "$tmp/m2.xml")" "$(xmllint --xpath 'string(/testsuites/@tests)' "$tmp/m2.xml")"
"$ECRC" lint --format=junit "$S/fixtures/rules/schema/bad-values.xml" >"$tmp/m3.xml" 2>/dev/null
check "junit schema errors: only the front-end rules ran" 4 "$(xmllint --xpath 'count(//testcase)' "$tmp/m3.xml")"

# suppressed findings: kept in SARIF (suppressions, GitHub shows them as
# dismissed) and JSON (with their reason), never counted
SUP=$S/fixtures/rules/suppression-unused/good-used.xml
"$ECRC" lint --format=sarif "$SUP" >"$tmp/sup.sarif" 2>/dev/null; check "suppressed: exit 0" 0 $?
check "sarif: the suppressed result" '"vlan-mismatch"' "$(jq '.runs[0].results[] | select(.suppressions) | .ruleId' "$tmp/sup.sarif")"
check "sarif: suppression kind" '"inSource"' "$(jq '.runs[0].results[0].suppressions[0].kind' "$tmp/sup.sarif")"
check "sarif: suppression justification" '"the carrier rewrites the tag"' "$(jq '.runs[0].results[0].suppressions[0].justification' "$tmp/sup.sarif")"
check "sarif: suppression location is the comment" 21 "$(jq '.runs[0].results[0].suppressions[0].location.physicalLocation.region.startLine' "$tmp/sup.sarif")"
"$ECRC" lint --format=json "$SUP" >"$tmp/sup.json" 2>/dev/null
check "json: no finding" 0 "$(jq '.designs[0].findings | length' "$tmp/sup.json")"
check "json: the suppressed one listed" '"vlan-mismatch"' "$(jq '.designs[0].suppressed[0].rule' "$tmp/sup.json")"
check "json: its reason" '"the carrier rewrites the tag"' "$(jq '.designs[0].suppressed[0].suppression.reason' "$tmp/sup.json")"
check "json: not counted" 0 "$(jq '.summary.errors' "$tmp/sup.json")"
"$ECRC" lint --format=text "$SUP" >"$tmp/sup.txt" 2>/dev/null
check "text: silent" "" "$(cat "$tmp/sup.txt")"
"$ECRC" lint --format=junit "$WARN" >"$tmp/w.xml" 2>/dev/null
check "junit warnings are no failure" 0 "$(xmllint --xpath 'count(//failure)' "$tmp/w.xml")"
"$ECRC" lint --format=junit --werror "$WARN" >"$tmp/w.xml" 2>/dev/null
check "junit warnings fail under --werror" 2 "$(xmllint --xpath 'count(//failure)' "$tmp/w.xml")"

# determinism: byte-identical output across runs, every format
for fmt in text json sarif junit; do
	"$ECRC" lint --format=$fmt "$REF" "$BAD" "$WARN" >"$tmp/a" 2>/dev/null
	"$ECRC" lint --format=$fmt "$REF" "$BAD" "$WARN" >"$tmp/b" 2>/dev/null
	check "deterministic $fmt" same "$(cmp -s "$tmp/a" "$tmp/b" && echo same || echo differs)"
done

# sorted by line
"$ECRC" lint --format=json "$S/fixtures/rules/schema/bad-values.xml" >"$tmp/j3" 2>/dev/null
check "findings sorted by line" true "$(jq '[.designs[0].findings[].line] as $l | $l == ($l | sort)' "$tmp/j3")"

# -o writes atomically; an unwritable target exits 2 and leaves nothing
"$ECRC" lint --format=json -o "$tmp/report.json" "$BAD" 2>/dev/null; check "-o exit" 1 $?
check "-o report written" 0 "$(jq empty "$tmp/report.json" >/dev/null 2>&1; echo $?)"
check "-o no temp files" "report.json" "$(ls -A "$tmp" | grep -E 'report|ecrc-report' | tr '\n' ' ' | sed 's/ $//')"
"$ECRC" lint -o "$tmp/no/such/dir/r.txt" "$REF" 2>"$tmp/err" >/dev/null; check "-o unwritable exits 2" 2 $?
contains "-o unwritable message" "cannot write the report" "$tmp/err"

# color only when asked
"$ECRC" lint --color=always "$BAD" >"$tmp/c" 2>/dev/null
check "--color=always colors" yes "$(grep -q $'\033\[' "$tmp/c" && echo yes || echo no)"
"$ECRC" lint "$BAD" >"$tmp/c" 2>/dev/null
check "no color into a pipe" no "$(grep -q $'\033\[' "$tmp/c" && echo yes || echo no)"

# help and rules
"$ECRC" --help >/dev/null; check "--help exits 0" 0 $?
"$ECRC" --version >"$tmp/v"; check "--version exits 0" 0 $?
check "--version: version and commit" 0 "$(head -1 "$tmp/v" | grep -qE '^ecrc [0-9]+\.[0-9]+\.[0-9]+ \((commit [0-9a-z.-]+|commit unknown: not built from a git checkout)\)$'; echo $?)"
check "--version: the design format" "design format version 1" "$(sed -n 2p "$tmp/v")"
if git -C "$S" rev-parse HEAD >/dev/null 2>&1; then
	# configured from a git checkout: the commit is this tree's (or a later
	# one's, if the build was configured before the last commit)
	commit=$(sed -n 's/^ecrc [^ ]* (commit \([0-9a-f]*\).*/\1/p' "$tmp/v")
	check "--version names a commit of this repository" 0 "$([ -n "$commit" ] && git -C "$S" cat-file -e "$commit^{commit}" 2>/dev/null; echo $?)"
fi

# options and operands in any order (GNU), -- ends the options
"$ECRC" lint "$BAD" --format=sarif -o "$tmp/after.sarif" 2>/dev/null; check "options after the design: exit" 1 $?
check "options after the design: SARIF written" '"2.1.0"' "$(jq '.version' "$tmp/after.sarif" 2>/dev/null)"
"$ECRC" lint "$REF" --quiet "$BAD" --format json >"$tmp/mixed.json" 2>"$tmp/err"; check "options between designs: exit" 1 $?
check "options between designs: two designs" 2 "$(jq '.designs | length' "$tmp/mixed.json")"
check "options between designs: --quiet honoured" "" "$(cat "$tmp/err")"
cp "$REF" "$tmp/--quiet"
(cd "$tmp" && "$ECRC" lint --format=json -- --quiet >"$tmp/dd.json" 2>"$tmp/err"); check "-- ends the options: exit" 0 $?
check "-- ends the options: --quiet is a design" '"--quiet"' "$(jq '.designs[0].file' "$tmp/dd.json")"
contains "-- ends the options: summary printed" "in 1 design" "$tmp/err"
POSIXLY_CORRECT=1 "$ECRC" lint "$REF" --quiet >/dev/null 2>"$tmp/err"; check "POSIXLY_CORRECT: options still anywhere" 0 $?
check "POSIXLY_CORRECT: --quiet honoured" "" "$(cat "$tmp/err")"
"$ECRC" lint "$REF" --werror=yes >/dev/null 2>"$tmp/err"; check "a value for a flag exits 3" 3 $?
contains "a value for a flag: message" "option '--werror' takes no value" "$tmp/err"
"$ECRC" lint "$REF" -o >/dev/null 2>"$tmp/err"; check "-o without its value exits 3" 3 $?
contains "-o without its value: message" "option '-o' needs a value" "$tmp/err"
"$ECRC" rules ref-unknown --help | head -1 | grep -q '^usage: ecrc rules'; check "rules: --help after the id" 0 $?
"$ECRC" schema --bogus >/dev/null 2>&1; check "schema: unknown option exits 3" 3 $?
"$ECRC" help lint | grep -q -- '--format'; check "help lint" 0 $?
"$ECRC" rules ref-unknown | head -1 | grep -qx '# ref-unknown'; check "rules ID prints the page" 0 $?
"$ECRC" rules ref-unkown >/dev/null 2>"$tmp/err"; check "unknown rule id exits 3" 3 $?
contains "rules did-you-mean" "did you mean 'ref-unknown'?" "$tmp/err"
"$ECRC" schema | xmllint --noout - 2>/dev/null; check "schema is XML" 0 $?

echo "$pass passed, $fails failed"
[ $fails -eq 0 ]
