# ecrc.fish: fish completion for ecrc (installed by `cmake --install` as
# share/fish/vendor_completions.d/ecrc.fish). Like the bash completion it
# asks the ecrc on PATH: subcommands from `ecrc --help`, options from
# `ecrc CMD --help`, rule ids from `ecrc rules`, vendors from
# `ecrc emit --list-vendors` (or, from an ecrc without it, its usage error
# listing them). Options are completed anywhere on the line.

function __ecrc_subcommands
    ecrc --help 2>/dev/null | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) *\(.*\)/\1\t\2/p'
end

function __ecrc_rules
    ecrc rules 2>/dev/null | sed -n 's/^\([a-z0-9][a-z0-9*-]*\)  *\([a-z]*\)  *\(.*\)/\1\t\2: \3/p'
end

function __ecrc_vendors
    set -l out (ecrc emit --list-vendors 2>/dev/null)
    if test -n "$out"
        printf '%s\n' $out
    else
        ecrc emit --vendor=/ - </dev/null 2>&1 | sed -n 's/.*the vendors are //p' | tr -d ',' | tr ' ' '\n'
    end
end

# The subcommand on the command line, or nothing.
function __ecrc_sub
    set -l words (commandline -opc)
    for w in $words[2..-1]
        if not string match -q -- '-*' $w
            echo $w
            return
        end
    end
end

function __ecrc_no_sub
    test -z "$(__ecrc_sub)"
end

function __ecrc_sub_is
    test "$(__ecrc_sub)" = $argv[1]
end

# The long options of the current subcommand, from its --help.
function __ecrc_options
    set -l sub (__ecrc_sub)
    test -n "$sub"; or return
    ecrc $sub --help 2>/dev/null | sed -n 's/^ \{1,\}\(-[a-z], \)\{0,1\}\(--[a-z][a-z-]*\)\(=[^ ]*\)\{0,1\} *\(.*\)/\2\3\t\4/p' | sed 's/=[^\t]*\t/=\t/'
end

# `--opt=VALUE`: the values of the option being typed.
function __ecrc_option_values
    set -l tok (commandline -ct)
    set -l opt (string replace -r '=.*' '' -- $tok)
    set -l val (string replace -r '^[^=]*=' '' -- $tok)
    set -l head ''
    set -l values
    switch $opt
        case --format
            if contains -- (__ecrc_sub) lint check
                set values text json sarif junit
            else
                set values text json
            end
        case --color
            set values auto always never
        case --drill
            set values none circuits all
        case --disable --enable-only
            set values (__ecrc_rules | string replace -r '\t.*' '')
            if string match -q -- '*,*' $val
                set head (string replace -r '[^,]*$' '' -- $val)
            end
        case --vendor
            set values (__ecrc_vendors)
        case '*'
            return
    end
    for v in $values
        echo "$opt=$head$v"
    end
end

complete -c ecrc -f
complete -c ecrc -n __ecrc_no_sub -l help -d 'show the commands'
complete -c ecrc -n __ecrc_no_sub -l version -d 'version, commit and design format version'
complete -c ecrc -n __ecrc_no_sub -a '(__ecrc_subcommands)'
complete -c ecrc -n __ecrc_no_sub -a help -d 'show a command\'s options'
complete -c ecrc -n '__ecrc_sub_is help' -a '(__ecrc_subcommands)'
complete -c ecrc -n '__ecrc_sub_is rules' -a '(__ecrc_rules)'
complete -c ecrc -n 'not __ecrc_no_sub; and string match -q -- "--*=*" (commandline -ct)' -a '(__ecrc_option_values)'
complete -c ecrc -n 'not __ecrc_no_sub; and string match -q -- "-*" (commandline -ct)' -a '(__ecrc_options)'
complete -c ecrc -n 'not __ecrc_no_sub; and not string match -q -- "-*" (commandline -ct); and not contains -- (__ecrc_sub) help rules schema' -F
