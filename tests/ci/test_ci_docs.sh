#!/usr/bin/env bash
# test_ci_docs.sh: the recipes of docs/ci.md work as written.
#  1. Every ```yaml block parses; the GitHub workflow uploads the SARIF file
#     its lint step writes, with if: always() and security-events: write;
#     the GitLab job reports the JUnit file its script writes, with
#     artifacts:when: always; the pre-commit config names the hook id of
#     .pre-commit-hooks.yaml.
#  2. Every `ecrc lint` command of the page runs over a scratch designs/
#     directory (one clean design, one with an error, one with a warning):
#     it exits 1 (0 when the line pipes or ends in `|| true`), and the
#     report it writes has the format's shape and the two findings.
#  3. The plain git hook block refuses a commit of the design with an
#     error and accepts the clean one.
# Needs python3 with PyYAML for part 1 (it comes with pre-commit); without
# it part 1 is skipped outside CI and fails under CI=true.
set -u

: "${ECRC:?ECRC must name the ecrc binary}"
: "${ECRC_SOURCE_DIR:?ECRC_SOURCE_DIR must name the source tree}"

doc="$ECRC_SOURCE_DIR/docs/ci.md"
hooks_yaml="$ECRC_SOURCE_DIR/.pre-commit-hooks.yaml"
good="$ECRC_SOURCE_DIR/fixtures/designs/beijing-idc-ecmp.xml"
bad="$ECRC_SOURCE_DIR/fixtures/rules/redundancy-same-cpe/bad-both-circuits-on-cpe1.xml"
warn="$ECRC_SOURCE_DIR/fixtures/rules/interface-name/bad-junos-name-on-vrp.xml"

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

for f in "$doc" "$hooks_yaml" "$good" "$bad" "$warn"; do
	[ -f "$f" ] || { echo "FAIL: missing $f" >&2; exit 1; }
done
command -v jq >/dev/null 2>&1 || { echo "FAIL: jq is required" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/home"
ln -s "$(cd "$(dirname "$ECRC")" && pwd)/$(basename "$ECRC")" "$tmp/bin/ecrc"
export PATH="$tmp/bin:$PATH"
export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=ecrc-test GIT_AUTHOR_EMAIL=ecrc-test@example.invalid
export GIT_COMMITTER_NAME=ecrc-test GIT_COMMITTER_EMAIL=ecrc-test@example.invalid
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

# The fenced blocks of the page: block N of language L goes to $tmp/blocks/N.L
mkdir -p "$tmp/blocks"
awk -v dir="$tmp/blocks" '
	/^```[a-z]+$/ && !inblock { n++; lang = substr($0, 4); file = dir "/" n "." lang; inblock = 1; next }
	/^```$/ && inblock { inblock = 0; close(file); next }
	inblock { print > file }
' "$doc"
ls "$tmp/blocks"/*.yaml >/dev/null 2>&1 || fail "docs/ci.md has no yaml blocks"
ls "$tmp/blocks"/*.sh >/dev/null 2>&1 || fail "docs/ci.md has no sh blocks"

# ---- 1. the YAML blocks ------------------------------------------------------
if python3 -c 'import yaml' 2>/dev/null; then
	python3 - "$tmp/blocks" "$hooks_yaml" <<'PY' || fail "YAML recipes (see above)"
import glob, re, sys, yaml

blocks, hooks_file = sys.argv[1], sys.argv[2]
hook_id = yaml.safe_load(open(hooks_file))[0]['id']
ok = True
def bad(msg):
    global ok
    print('  ' + msg, file=sys.stderr)
    ok = False

def output_of(cmd, fmt):
    m = re.search(r'ecrc lint\b.*--format=' + fmt + r'\b.*-o (\S+)', cmd)
    return m.group(1) if m else None

seen = set()
for path in sorted(glob.glob(blocks + '/*.yaml')):
    try:
        doc = yaml.safe_load(open(path))
    except yaml.YAMLError as e:
        bad(f'{path}: does not parse: {e}')
        continue
    if isinstance(doc, dict) and 'jobs' in doc:          # GitHub Actions
        seen.add('github')
        if doc.get('permissions', {}).get('security-events') != 'write':
            bad('github: permissions: security-events: write is missing')
        steps = [s for job in doc['jobs'].values() for s in job.get('steps', [])]
        sarif = [output_of(s.get('run', ''), 'sarif') for s in steps]
        sarif = [x for x in sarif if x]
        uploads = [s for s in steps if str(s.get('uses', '')).startswith('github/codeql-action/upload-sarif@')]
        if len(sarif) != 1 or len(uploads) != 1:
            bad(f'github: expected one SARIF lint step and one upload-sarif step, got {sarif} and {len(uploads)}')
        else:
            if uploads[0].get('with', {}).get('sarif_file') != sarif[0]:
                bad(f'github: upload-sarif reads {uploads[0].get("with")}, the lint step writes {sarif[0]}')
            if uploads[0].get('if') != 'always()':
                bad('github: the upload step must run with if: always()')
            if steps.index(uploads[0]) < max(i for i, s in enumerate(steps) if output_of(s.get('run', ''), 'sarif')):
                bad('github: the upload step comes before the lint step')
    elif isinstance(doc, dict) and 'repos' in doc:       # pre-commit config
        seen.add('pre-commit')
        ids = [h.get('id') for r in doc['repos'] for h in r.get('hooks', [])]
        if hook_id not in ids:
            bad(f'pre-commit: the config names {ids}, .pre-commit-hooks.yaml defines {hook_id}')
    elif isinstance(doc, dict):                           # GitLab CI jobs
        for name, job in doc.items():
            if not isinstance(job, dict) or 'script' not in job:
                continue
            seen.add('gitlab')
            junit = [output_of(c, 'junit') for c in job['script']]
            junit = [x for x in junit if x]
            report = job.get('artifacts', {}).get('reports', {}).get('junit')
            if len(junit) != 1 or report != junit[0]:
                bad(f'gitlab {name}: the script writes {junit}, the report is {report}')
            if job.get('artifacts', {}).get('when') != 'always':
                bad(f'gitlab {name}: artifacts:when: always is missing')
for kind in ('github', 'gitlab', 'pre-commit'):
    if kind not in seen:
        bad(f'no {kind} recipe found')
sys.exit(0 if ok else 1)
PY
elif [ "${CI:-}" = true ]; then
	fail "python3 with PyYAML is not installed (it comes with the pre-commit package)"
else
	echo "note: python3 with PyYAML not installed; the YAML recipes are not parsed"
fi

# ---- 2. the ecrc lint commands ------------------------------------------------
# One per line, from sh blocks and from YAML (run:, list items).
sed -n -e 's/^[[:space:]]*\(- \)\{0,1\}\(run: \)\{0,1\}\(ecrc lint .*\)$/\3/p' "$tmp/blocks"/*.sh "$tmp/blocks"/*.yaml |
	sort -u >"$tmp/commands"
[ -s "$tmp/commands" ] || fail "no ecrc lint commands found in docs/ci.md"
grep -qxF 'ecrc lint --format=sarif -o ecrc.sarif designs/*.xml' "$tmp/commands" ||
	fail "the SARIF example 'ecrc lint --format=sarif -o ecrc.sarif designs/*.xml' is gone"

# check_report FILE FORMAT: the report of the three designs.
check_report() {
	local file=$1 fmt=$2
	case $fmt in
	sarif)
		jq -e '.version == "2.1.0" and .runs[0].tool.driver.name == "ecrc"
		       and ([.runs[0].results[] | .ruleId] | sort) == ["interface-name", "redundancy-same-cpe"]
		       and ([.runs[0].results[] | select(.ruleId == "redundancy-same-cpe") | .level] == ["error"])
		       and ([.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri] | sort)
		           == ["designs/bj-bad.xml", "designs/bj-warn.xml"]' "$file" >/dev/null
		;;
	junit)
		grep -q '<testsuites' "$file" && grep -q '<testsuites[^>]* failures="1"' "$file" &&
			grep -q '<testcase name="redundancy-same-cpe"[^>]*>' "$file" &&
			[ "$(grep -c '<testsuite ' "$file")" -eq 3 ] &&
			{ ! command -v xmllint >/dev/null 2>&1 || xmllint --noout "$file"; }
		;;
	json)
		jq -e '.summary.errors == 1 and .summary.warnings == 1' "$file" >/dev/null
		;;
	esac
}

n=0
while IFS= read -r cmd; do
	n=$((n + 1))
	work="$tmp/run$n"
	mkdir -p "$work/designs"
	cp "$good" "$work/designs/bj.xml"
	cp "$bad" "$work/designs/bj-bad.xml"
	cp "$warn" "$work/designs/bj-warn.xml"
	(cd "$work" && bash -c "$cmd") >"$work/stdout" 2>"$work/stderr"
	rc=$?
	case $cmd in
	*'|| true'* | *' | '*) want=0 ;;
	*) want=1 ;;
	esac
	if [ "$rc" -ne "$want" ]; then
		fail "'$cmd' exited $rc, expected $want"
		cat "$work/stderr" >&2
		continue
	fi
	out=$(printf '%s\n' "$cmd" | sed -n 's/.* -o \([^ ]*\).*/\1/p')
	fmt=$(printf '%s\n' "$cmd" | sed -n 's/.*--format=\([a-z]*\).*/\1/p')
	if [ -n "$out" ]; then
		[ -s "$work/$out" ] || { fail "'$cmd' wrote no $out"; continue; }
		check_report "$work/$out" "${fmt:-text}" || fail "'$cmd': $out does not hold the expected $fmt report"
	elif [ -z "$fmt" ] || [ "$fmt" = text ]; then
		grep -q 'bj-bad.xml:[0-9]*:[0-9]*: error: .*\[redundancy-same-cpe\]' "$work/stdout" ||
			fail "'$cmd' did not print the error in GCC style"
	else
		grep -q 'redundancy-same-cpe' "$work/stdout" || fail "'$cmd' did not print the error"
	fi
	echo "ok: $cmd"
done <"$tmp/commands"

# ---- 3. the plain git hook block ----------------------------------------------
hook=$(grep -l '^#!/bin/sh' "$tmp/blocks"/*.sh | head -n 1)
if [ -z "$hook" ]; then
	fail "docs/ci.md has no plain git hook block"
elif ! command -v git >/dev/null 2>&1; then
	[ "${CI:-}" = true ] && fail "git is not installed" || echo "note: git not installed; hook block not tried"
else
	repo="$tmp/hook-repo"
	git init -q "$repo"
	cp "$hook" "$repo/.git/hooks/pre-commit"
	chmod +x "$repo/.git/hooks/pre-commit"
	mkdir "$repo/designs"
	cp "$bad" "$repo/designs/bj.xml"
	git -C "$repo" add designs/bj.xml
	if git -C "$repo" commit -q -m bad >"$tmp/hook.out" 2>&1; then
		fail "the plain git hook of docs/ci.md let a design with an error through"
	fi
	cp "$good" "$repo/designs/bj.xml"
	git -C "$repo" add designs/bj.xml
	git -C "$repo" commit -q -m good >"$tmp/hook.out" 2>&1 ||
		{ cat "$tmp/hook.out" >&2; fail "the plain git hook of docs/ci.md refused a clean design"; }
	echo "ok: plain git hook"
fi

# ---- 4. the problem matcher reads the text format -------------------------------
# GitHub applies the matcher's regexp (JavaScript; this one is also valid
# Python) to each log line: every error and warning line of a real run must
# give file, line, column, severity and rule, and no note line may match.
matcher="$ECRC_SOURCE_DIR/.github/ecrc-problem-matcher.json"
grep -q 'add-matcher::.*ecrc-problem-matcher.json' "$doc" || fail "docs/ci.md does not register the problem matcher"
mkdir -p "$tmp/pm/designs"
cp "$bad" "$tmp/pm/designs/bj-bad.xml"
cp "$warn" "$tmp/pm/designs/bj-warn.xml"
(cd "$tmp/pm" && ecrc lint designs/*.xml >"$tmp/pm/log" 2>&1)
python3 - "$matcher" "$tmp/pm/log" <<'PY' || fail "the problem matcher does not read ecrc's text output (see above)"
import json, re, sys
m = json.load(open(sys.argv[1]))['problemMatcher']
assert len(m) == 1 and m[0]['owner'] == 'ecrc', 'one matcher, owner ecrc'
p = m[0]['pattern'][0]
rx = re.compile(p['regexp'])
got = []
for line in open(sys.argv[2]).read().splitlines():
    x = rx.match(line)
    if ': note: ' in line or line.endswith(' design') or line.endswith(' designs'):
        assert not x, f'matches a line it must not: {line}'
        continue
    assert x, f'does not match: {line}'
    g = lambda k: x.group(p[k])
    got.append((g('file'), int(g('line')) > 0, int(g('column')) > 0, g('severity'), g('code')))
    assert g('message') and not g('message').endswith(']'), line
want = [('designs/bj-bad.xml', True, True, 'error', 'redundancy-same-cpe'),
        ('designs/bj-warn.xml', True, True, 'warning', 'interface-name')]
assert got == want, f'{got} != {want}'
PY

# ---- 5. what the recipes refer to: the pinned commit, paths, options, actions ----
# ECRC_REF values and pre-commit rev: one ref, a full commit hash or a tag
refs=$( (sed -n 's/^[[:space:]]*ECRC_REF[:=][[:space:]]*\([^[:space:]]*\)$/\1/p' "$tmp/blocks"/*.yaml "$tmp/blocks"/*.sh
	sed -n 's/^[[:space:]]*rev:[[:space:]]*\([^[:space:]]*\)$/\1/p' "$tmp/blocks"/*.yaml) | sort -u)
[ -n "$refs" ] || fail "docs/ci.md pins no ecrc commit (ECRC_REF / rev:)"
[ "$(printf '%s\n' "$refs" | wc -l)" -eq 1 ] || fail "docs/ci.md pins different refs: $(echo $refs)"
ref=$(printf '%s\n' "$refs" | head -n 1)
if git -C "$ECRC_SOURCE_DIR" rev-parse --git-dir >/dev/null 2>&1 &&
	[ "$(git -C "$ECRC_SOURCE_DIR" rev-parse --is-shallow-repository)" = false ]; then
	G() { git -C "$ECRC_SOURCE_DIR" "$@"; }
	if printf '%s' "$ref" | grep -qE '^[0-9a-f]{40}$'; then
		commit=$ref
	else
		commit=$(G rev-parse -q --verify "refs/tags/$ref^{commit}") || commit=
	fi
	if [ -z "$commit" ] || ! G cat-file -e "$commit^{commit}" 2>/dev/null; then
		fail "docs/ci.md pins '$ref', which is no commit or tag of this repository"
	else
		G merge-base --is-ancestor "$commit" HEAD || fail "the pinned commit $ref is not an ancestor of HEAD"
		for path in .pre-commit-hooks.yaml .github/ecrc-problem-matcher.json CMakeLists.txt; do
			G cat-file -e "$commit:$path" 2>/dev/null || fail "the pinned commit has no $path"
		done
		for f in $(grep -o '/usr/local/share/ecrc/[A-Za-z0-9._-]*' "$doc" | sort -u); do
			G show "$commit:CMakeLists.txt" | grep -q "$(basename "$f")" ||
				fail "the pinned commit does not install $f"
		done
		echo "ok: pinned commit $ref"
	fi
else
	echo "note: not a full git checkout; the pinned commit is not looked up"
fi
# every option of every ecrc command on the page is in that subcommand's --help
grep -ohE '(^|[^a-z-])ecrc (lint|emit|verify|check|import|rules|schema|lab)( [^|;&)`]*)?' "$tmp/blocks"/* |
	sed 's/^[^e]*ecrc //' | sort -u >"$tmp/ecrc-commands"
while read -r sub rest; do
	for opt in $(printf '%s\n' "$rest" | grep -oE '(^| )--?[a-z][a-z-]*' | tr -d ' '); do
		"$ECRC" "$sub" --help 2>/dev/null | grep -qE -- "(^|[ ,])$opt([ =,]|\$)" ||
			fail "docs/ci.md: 'ecrc $sub $opt' is not an option of ecrc $sub"
	done
done <"$tmp/ecrc-commands"
[ -s "$tmp/ecrc-commands" ] || fail "no ecrc commands found in docs/ci.md"
echo "ok: options of $(wc -l <"$tmp/ecrc-commands") ecrc command lines"
# action versions: the current ones only
grep -ohE 'uses:[[:space:]]*[^[:space:]]+' "$tmp/blocks"/*.yaml | sed 's/uses:[[:space:]]*//' | sort -u >"$tmp/uses"
[ -s "$tmp/uses" ] || fail "docs/ci.md uses no action"
while read -r use; do
	case $use in
	actions/checkout@v4 | actions/checkout@v5 | github/codeql-action/upload-sarif@v4) ;;
	*) fail "docs/ci.md uses $use, not a current version (checkout v4/v5, upload-sarif v4)" ;;
	esac
done <"$tmp/uses"

[ "$failures" -eq 0 ] || exit 1
exit 0
