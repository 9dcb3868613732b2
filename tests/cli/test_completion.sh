#!/usr/bin/env bash
# test_completion.sh: the shell completions of completions/ complete what
# the built ecrc accepts. bash: the completion function is called as bash
# calls it (COMP_WORDS, COMP_CWORD) and COMPREPLY is checked; fish (when
# installed): `complete -C`; zsh (when installed): the file parses. Then
# `cmake --install` puts all three under the prefix's share/.
set -u
: "${ECRC:?}" "${ECRC_SOURCE_DIR:?}"
S=$ECRC_SOURCE_DIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$ECRC" "$tmp/bin/ecrc"
export PATH="$tmp/bin:$PATH"
fails=0
pass=0
check() { # NAME EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then pass=$((pass + 1)); else echo "FAIL: $1: expected '$2', got '$3'"; fails=$((fails + 1)); fi
}

# comp WORD...: what the bash completion offers for the last word
comp() {
	bash -c '. "$1/completions/ecrc.bash"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ecrc; printf "%s\n" "${COMPREPLY[@]}"' \
		bash "$S" "$@" | sort | tr '\n' ' ' | sed 's/ $//'
}

check "subcommand" "lint" "$(comp ecrc li)"
check "every subcommand of ecrc --help" "$( (ecrc --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'; echo help) | sort | tr '\n' ' ' | sed 's/ $//')" "$(comp ecrc '')"
check "top-level options" "--version" "$(comp ecrc --v)"
check "an option" "--disable=" "$(comp ecrc lint --dis)"
check "an option after the design" "--format=" "$(comp ecrc lint x.xml --form)"
check "every lint option of its --help" "$(ecrc lint --help | grep -o -- '--[a-z][a-z-]*=\{0,1\}' | sort -u | tr '\n' ' ' | sed 's/ $//')" "$(comp ecrc lint --)"
check "format values (split at =)" "sarif" "$(comp ecrc lint --format = s)"
check "verify's formats" "json text" "$(comp ecrc verify --format = '')"
check "rule ids for --disable" "bgp-timers" "$(comp ecrc lint --disable = bgp-t)"
check "rule ids, unsplit" "--disable=bgp-timers" "$(comp ecrc lint --disable=bgp-t)"
check "the last of a rule list" "bgp-timers,ecmp-single-path bgp-timers,ecmp-split-ecr" "$(comp ecrc lint --disable = bgp-timers,ecmp-s)"
check "every rule id for ecrc rules" "$(ecrc rules | awk '{print $1}' | sort | tr '\n' ' ' | sed 's/ $//')" "$(comp ecrc rules '')"
check "a rule id" "ref-unknown" "$(comp ecrc rules ref-)"
check "vendor names" "juniper-junos" "$(comp ecrc emit --vendor = jun)"
check "every vendor" 7 "$(comp ecrc emit --vendor = '' | wc -w)"
check "drills" "all circuits none" "$(comp ecrc verify --drill = '')"
check "help COMMAND" "verify" "$(comp ecrc help ve)"
mkdir -p "$tmp/d/designs" && touch "$tmp/d/designs/bj.xml" "$tmp/d/notes.txt"
check "designs: .xml files and directories" "designs/bj.xml" "$(cd "$tmp/d" && comp ecrc lint designs/)"
check "designs: no other files" "" "$(cd "$tmp/d" && comp ecrc lint no)"

if command -v fish >/dev/null 2>&1; then
	fc() { fish -c "source '$S/completions/ecrc.fish'; complete -C '$1'" | cut -f1 | sort | tr '\n' ' ' | sed 's/ $//'; }
	check "fish: subcommand" "lint" "$(fc 'ecrc li')"
	check "fish: option after the design" "--format=" "$(fc 'ecrc lint x.xml --form')"
	check "fish: rule list" "--disable=bgp-timers,ecmp-split-ecr" "$(fc 'ecrc lint --disable=bgp-timers,ecmp-sp')"
	check "fish: vendors" "--vendor=juniper-junos" "$(fc 'ecrc emit --vendor=jun')"
	check "fish: rule ids" "ref-unknown" "$(fc 'ecrc rules ref-u')"
else
	echo "note: fish not installed; its completion is not exercised"
fi
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$S/completions/_ecrc"; check "zsh: _ecrc parses" 0 $?
else
	echo "note: zsh not installed; _ecrc is not parsed"
fi

# installed under the prefix's share/
if [ -n "${ECRC_BUILD_DIR:-}" ] && [ -f "$ECRC_BUILD_DIR/cmake_install.cmake" ]; then
	cmake --install "$ECRC_BUILD_DIR" --prefix "$tmp/prefix" >/dev/null 2>&1; check "cmake --install" 0 $?
	for f in bash-completion/completions/ecrc zsh/site-functions/_ecrc fish/vendor_completions.d/ecrc.fish; do
		check "installed: share/$f" yes "$([ -s "$tmp/prefix/share/$f" ] && echo yes || echo no)"
	done
	check "installed bash completion is the tested one" 0 "$(cmp -s "$tmp/prefix/share/bash-completion/completions/ecrc" "$S/completions/ecrc.bash"; echo $?)"
fi

echo "$pass passed, $fails failed"
[ "$fails" -eq 0 ]
