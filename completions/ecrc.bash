# ecrc.bash: bash completion for ecrc (installed by `cmake --install` as
# share/bash-completion/completions/ecrc). Subcommands, options and their
# values come from the ecrc on PATH, so they follow the binary: the
# subcommands from `ecrc --help`, each one's options from `ecrc CMD --help`,
# rule ids from `ecrc rules`, vendor names from `ecrc emit --list-vendors`
# (or, from an ecrc without it, its usage error listing the vendors).
# Options are completed anywhere on the line, as ecrc accepts them there.

_ecrc_subcommands() {
	"${1:-ecrc}" --help 2>/dev/null | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'
}

_ecrc_options() { # ECRC SUBCOMMAND: its long options, with '=' when they take a value
	"$1" "$2" --help 2>/dev/null |
		sed -n 's/^ \{1,\}\(-[a-z], \)\{0,1\}\(--[a-z][a-z-]*\)\(=\)\{0,1\}.*/\2\3/p'
}

_ecrc_rules() {
	"${1:-ecrc}" rules 2>/dev/null | sed -n 's/^\([a-z0-9][a-z0-9*-]*\) .*/\1/p'
}

_ecrc_vendors() {
	local ecrc=${1:-ecrc} out
	if out=$("$ecrc" emit --list-vendors 2>/dev/null) && [ -n "$out" ]; then
		printf '%s\n' "$out"
	else
		"$ecrc" emit --vendor=/ - </dev/null 2>&1 | sed -n 's/.*the vendors are //p' | tr -d ',' | tr ' ' '\n'
	fi
}

# The values an option takes, one per line; nothing for a file or free value.
_ecrc_values() { # ECRC SUBCOMMAND OPTION
	case $3 in
	--format)
		case $2 in
		lint | check) printf '%s\n' text json sarif junit ;;
		*) printf '%s\n' text json ;;
		esac
		;;
	--color) printf '%s\n' auto always never ;;
	--drill) printf '%s\n' none circuits all ;;
	--disable | --enable-only) _ecrc_rules "$1" ;;
	--vendor) _ecrc_vendors "$1" ;;
	esac
}

_ecrc() {
	local ecrc=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev= i sub= opt= val=
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()
	command -v "$ecrc" >/dev/null 2>&1 || ecrc=ecrc

	# the subcommand: the first word after ecrc that is not an option
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) sub=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [ -z "$sub" ]; then
		case $cur in
		-*) COMPREPLY=($(compgen -W '--help --version' -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "$(_ecrc_subcommands "$ecrc") help" -- "$cur")) ;;
		esac
		return 0
	fi

	# --opt=value: bash splits it at '=' (COMP_WORDBREAKS) or not
	if [ "$cur" = = ] && [ "${prev#--}" != "$prev" ]; then
		opt=$prev val=
	elif [ "$prev" = = ] && [ "$COMP_CWORD" -ge 2 ]; then
		opt=${COMP_WORDS[COMP_CWORD - 2]} val=$cur
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*} val=${cur#*=}
	fi
	if [ -n "$opt" ]; then
		local values head= last=$val
		values=$(_ecrc_values "$ecrc" "$sub" "$opt")
		if [ -z "$values" ]; then
			compopt -o default 2>/dev/null
			return 0
		fi
		# comma-separated lists: complete the last item
		case $opt in
		--disable | --enable-only | --cpe) head=${val%,*}, last=${val##*,}; [ "$head" = "$val," ] && head= ;;
		esac
		COMPREPLY=($(compgen -W "$values" -- "$last"))
		if [ -n "$head" ]; then
			COMPREPLY=("${COMPREPLY[@]/#/$head}")
		fi
		if [[ $cur == --*=* ]]; then
			COMPREPLY=("${COMPREPLY[@]/#/$opt=}")
		fi
		return 0
	fi

	case $prev in
	-o | --output | --config | --configs | --terraform-state)
		compopt -o default 2>/dev/null
		COMPREPLY=()
		return 0
		;;
	esac

	case $sub in
	help)
		COMPREPLY=($(compgen -W "$(_ecrc_subcommands "$ecrc")" -- "$cur"))
		return 0
		;;
	rules)
		if [[ $cur != -* ]]; then
			COMPREPLY=($(compgen -W "$(_ecrc_rules "$ecrc")" -- "$cur"))
			return 0
		fi
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_ecrc_options "$ecrc" "$sub")" -- "$cur"))
		# an option that takes a value: no space after its '='
		[[ ${COMPREPLY[0]:-} == *= ]] && compopt -o nospace 2>/dev/null
		return 0
	fi
	# operands: designs
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen -f -X '!*.xml' -- "$cur") $(compgen -d -- "$cur"))
	return 0
}

complete -F _ecrc ecrc
