#!/usr/bin/env bash
# test_precommit.sh: the ecrc-lint hook of .pre-commit-hooks.yaml, for real.
# In a scratch git repository a design with an error is staged and the commit
# must be refused; a design with only warnings and then a clean design must be
# committed. Run twice when possible:
#   - with pre-commit itself (Debian package `pre-commit`), the hook taken
#     from a scratch clone of this repository's .pre-commit-hooks.yaml;
#   - with a plain git pre-commit script that does what the hook definition
#     says (its `entry` run on the staged files matching its `files`).
# Without pre-commit only the second runs. Skips (77) only when neither can
# run, and never under CI=true.
set -u

: "${ECRC:?ECRC must name the ecrc binary}"
: "${ECRC_SOURCE_DIR:?ECRC_SOURCE_DIR must name the source tree}"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	if [ "${CI:-}" = true ]; then
		fail "$* (CI=true: this test may not be skipped)"
	fi
	echo "SKIP: $*"
	exit 77
}

command -v git >/dev/null 2>&1 || skip "git is not installed"

hooks_yaml="$ECRC_SOURCE_DIR/.pre-commit-hooks.yaml"
bad="$ECRC_SOURCE_DIR/fixtures/rules/redundancy-same-cpe/bad-both-circuits-on-cpe1.xml"
warn="$ECRC_SOURCE_DIR/fixtures/rules/interface-name/bad-junos-name-on-vrp.xml"
good="$ECRC_SOURCE_DIR/fixtures/designs/beijing-idc-ecmp.xml"
for f in "$hooks_yaml" "$bad" "$warn" "$good"; do
	[ -f "$f" ] || fail "missing $f"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A clean environment: ecrc on PATH as the hook's entry expects, no user git
# configuration (hooksPath, templates), pre-commit's cache in the scratch dir.
mkdir -p "$tmp/bin" "$tmp/home"
ln -s "$(cd "$(dirname "$ECRC")" && pwd)/$(basename "$ECRC")" "$tmp/bin/ecrc"
export PATH="$tmp/bin:$PATH"
export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 PRE_COMMIT_HOME="$tmp/pre-commit-cache"
export GIT_AUTHOR_NAME=ecrc-test GIT_AUTHOR_EMAIL=ecrc-test@example.invalid
export GIT_COMMITTER_NAME=ecrc-test GIT_COMMITTER_EMAIL=ecrc-test@example.invalid
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

# The hook definition, read the way pre-commit reads it (one hook, two keys).
yaml_key() {
	sed -n "s/^  $1: *//p" "$hooks_yaml" | head -n 1 | sed "s/^['\"]//; s/['\"]\$//"
}
hook_id=$(sed -n 's/^- id: *//p' "$hooks_yaml" | head -n 1)
hook_entry=$(yaml_key entry)
hook_files=$(yaml_key files)
[ "$hook_id" = ecrc-lint ] || fail ".pre-commit-hooks.yaml: first hook id is '$hook_id', not ecrc-lint"
[ -n "$hook_entry" ] || fail ".pre-commit-hooks.yaml: no entry"
[ -n "$hook_files" ] || fail ".pre-commit-hooks.yaml: no files pattern"
grep -q '^  language: *system$' "$hooks_yaml" || fail ".pre-commit-hooks.yaml: language is not system"

# commit_ok REPO MESSAGE: commit, fail the test if the hook refuses.
commit_ok() {
	if ! git -C "$1" commit -q -m "$2" >"$tmp/out" 2>&1; then
		cat "$tmp/out" >&2
		fail "$3: the commit '$2' was refused"
	fi
}

# scenario NAME REPO: the three commits, in a repository whose hook is set up.
scenario() {
	local name=$1 repo=$2

	mkdir -p "$repo/designs"
	cp "$bad" "$repo/designs/bj.xml"
	git -C "$repo" add designs/bj.xml
	if git -C "$repo" commit -q -m "bad design" >"$tmp/out" 2>&1; then
		cat "$tmp/out" >&2
		fail "$name: a design with an error was committed"
	fi
	grep -q 'error: .*\[redundancy-same-cpe\]' "$tmp/out" ||
		{ cat "$tmp/out" >&2; fail "$name: the refusal does not show the finding"; }
	if git -C "$repo" cat-file -e HEAD:designs/bj.xml 2>/dev/null; then
		fail "$name: designs/bj.xml is in HEAD after a refused commit"
	fi

	cp "$warn" "$repo/designs/bj.xml"
	git -C "$repo" add designs/bj.xml
	commit_ok "$repo" "design with a warning" "$name"
	# Proof that the hook ran on it: pre-commit shows a passing hook's
	# status line only; the plain hook shows ecrc's output.
	if [ "$name" = pre-commit ]; then
		grep -q '^ecrc lint\.*Passed' "$tmp/out" ||
			{ cat "$tmp/out" >&2; fail "$name: the hook did not run on the design"; }
	else
		grep -q 'warning: .*\[interface-name\]' "$tmp/out" ||
			{ cat "$tmp/out" >&2; fail "$name: the warning was not shown"; }
	fi

	cp "$good" "$repo/designs/bj.xml"
	git -C "$repo" add designs/bj.xml
	commit_ok "$repo" "good design" "$name"
	git -C "$repo" cat-file -e HEAD:designs/bj.xml || fail "$name: the good design is not in HEAD"

	# A non-design file is not handed to the hook.
	echo "not a design" >"$repo/notes.txt"
	git -C "$repo" add notes.txt
	commit_ok "$repo" "notes" "$name"
	echo "ok: $name"
}

ran=0

# 1. pre-commit itself.
if command -v pre-commit >/dev/null 2>&1; then
	hooks_repo="$tmp/hooks-repo"
	git init -q "$hooks_repo"
	cp "$hooks_yaml" "$hooks_repo/.pre-commit-hooks.yaml"
	git -C "$hooks_repo" add .pre-commit-hooks.yaml
	git -C "$hooks_repo" commit -q -m "hooks" || fail "cannot commit in the scratch hooks repository"
	rev=$(git -C "$hooks_repo" rev-parse HEAD)

	repo="$tmp/with-pre-commit"
	git init -q "$repo"
	cat >"$repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hooks_repo
    rev: $rev
    hooks:
      - id: ecrc-lint
YAML
	(cd "$repo" && pre-commit install >"$tmp/out" 2>&1) || { cat "$tmp/out" >&2; fail "pre-commit install failed"; }
	git -C "$repo" add .pre-commit-config.yaml
	commit_ok "$repo" "pre-commit configuration" "pre-commit"
	scenario pre-commit "$repo"
	ran=$((ran + 1))
else
	echo "note: pre-commit is not installed (Debian package pre-commit); testing the plain git hook only"
fi

# 2. A plain git hook doing what the definition says.
repo="$tmp/plain-hook"
git init -q "$repo"
cat >"$repo/.git/hooks/pre-commit" <<HOOK
#!/bin/sh
# From .pre-commit-hooks.yaml, hook $hook_id: run '$hook_entry' on the
# staged files (added, copied, modified, renamed) matching '$hook_files'.
git diff --cached --name-only --diff-filter=ACMR -z |
	grep -zE '$hook_files' |
	xargs -0 -r $hook_entry
HOOK
chmod +x "$repo/.git/hooks/pre-commit"
scenario plain-git-hook "$repo"
ran=$((ran + 1))

[ "$ran" -gt 0 ] || skip "neither pre-commit nor a plain git hook could run"
exit 0
