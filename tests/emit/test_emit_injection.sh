#!/usr/bin/env bash
# test_emit_injection.sh: config injection. Every string of a design that
# reaches an emitted config (design name, CPE id and hostname, uplink id,
# interface, connection and VBR ids, auth-key-env) is given hostile values
# (a newline followed by a command, ; " # ! } ' $ a blank, a path, a
# non-ASCII letter). Each must be refused at load time (a schema error),
# with nothing written and nothing printed, not even with --force or
# --stdout.
. "$(dirname "$0")/lib.sh"

fields=(
  'design name|name="beijing-idc-ecmp"|name="@"'
  'cpe id|cpe id="cpe2"|cpe id="@"'
  'hostname|hostname="BJ-CPE2"|hostname="@"'
  'uplink id|uplink id="cpe2-up"|uplink id="@"'
  'interface|interface="GigabitEthernet0/0/1"|interface="@"'
  'connection id|pc-bj-2|@'
  'vbr id|vbr-2|@'
  'auth-key-env|remote-asn="64512">|remote-asn="64512" auth-key-env="@">'
)
payloads=(
  'x&#10;router bgp 666'
  'x&#13;neighbor 6.6.6.6 remote-as 666'
  'x;protocol bgp'
  'x&quot;y'
  'x#y'
  'x!y'
  'x}y'
  "x&apos;y"
  'x$(id)'
  'x y'
  '../../x'
  'x&#233;y'
  'x&#9;y'
)

n=0
for field in "${fields[@]}"; do
  IFS='|' read -r what from to <<<"$field"
  for p in "${payloads[@]}"; do
    n=$((n + 1))
    repl=${to//@/$p}
    # escape the sed replacement: & and | and backslash are special there
    repl_sed=$(printf '%s' "$repl" | sed 's/[&|\\]/\\&/g')
    from_sed=$(printf '%s' "$from" | sed 's/[.|]/\\&/g')
    design="$work/hostile-$n.xml"
    sed "s|$from_sed|$repl_sed|g" "$BJ" >"$design"
    if cmp -s "$design" "$BJ"; then
      fail "$what: test setup, the substitution did not apply"
      continue
    fi
    for mode in "-o $work/out-$n" "--stdout --cpe=cpe1"; do
      # shellcheck disable=SC2086
      ECRC_MD5_KEY=Key-1 "$ECRC" emit --force $mode "$design" >"$work/stdout" 2>"$work/stderr"
      st=$?
      [ $st != 0 ] || fail "$what = '$p' ($mode): exit 0"
      [ -s "$work/stdout" ] && fail "$what = '$p' ($mode): printed a config"
      grep -q "\[schema\]\|\[xml-malformed\]\|\[id-duplicate\]\|\[ref-unknown\]" "$work/stderr" ||
        fail "$what = '$p' ($mode): not refused by the loader: $(head -3 "$work/stderr")"
    done
    [ -e "$work/out-$n" ] && fail "$what = '$p': files written"
  done
done
echo "$n hostile designs"
finish
