#!/usr/bin/env bash
# test_manpage.sh: every option a subcommand's --help shows is documented in
# docs/ecrc.1, every subcommand has its section, and the page renders
# without warnings.
set -u
man=$ECRC_SOURCE_DIR/docs/ecrc.1
fail=0
# groff escapes '-' as '\-'; compare on the unescaped text
text=$(sed 's/\\-/-/g' "$man")
for cmd in lint emit verify lab check import rules schema; do
	if ! grep -q "^\.SS \"ecrc $cmd" "$man"; then
		echo "FAIL: docs/ecrc.1 has no section for 'ecrc $cmd'"
		fail=1
	fi
	help=$("$ECRC" "$cmd" --help 2>&1) || true
	for opt in $(printf '%s\n' "$help" | grep -E -- '^ +(-[a-zA-Z], )?--[a-z]' | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
		[ "$opt" = "--help" ] && continue
		if ! printf '%s\n' "$text" | grep -qF -- "$opt"; then
			echo "FAIL: 'ecrc $cmd --help' shows $opt, which docs/ecrc.1 does not document"
			fail=1
		fi
	done
done
if command -v groff >/dev/null 2>&1; then
	warnings=$(groff -man -Tutf8 -ww -z "$man" 2>&1)
	if [ -n "$warnings" ]; then
		echo "FAIL: groff warnings:"
		echo "$warnings"
		fail=1
	fi
fi
[ $fail -eq 0 ] && echo "man page covers every option"
exit $fail
