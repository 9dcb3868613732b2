#!/usr/bin/env bash
# test_emit_cli.sh: ecrc emit as cli.md says: the reference design gives
# cpe1.vrp, cpe2.ios and a MANIFEST sha256sum accepts, in
# ./ecrc-out/<design name>/ by default; two runs give identical trees;
# --list-vendors names the registry and --vendor gives each of them (with
# the extension --help lists); --cpe, --stdout, and the usage errors.
. "$(dirname "$0")/lib.sh"

# default directory, relative to where ecrc runs
mkdir "$work/cwd"
(cd "$work/cwd" && "$ECRC" emit "$BJ" >"$work/out" 2>"$work/err") || fail "emit of the reference design: exit $?"
dir=$work/cwd/ecrc-out/beijing-idc-ecmp
[ "$(ls "$dir" | tr '\n' ' ')" = "MANIFEST cpe1.vrp cpe2.ios " ] || fail "files: $(ls "$dir" | tr '\n' ' ')"
(cd "$dir" && sha256sum --check --strict --quiet MANIFEST) || fail "MANIFEST does not check"
[ "$(wc -l <"$dir/MANIFEST")" = 2 ] || fail "MANIFEST should list the two configs"
[ -s "$work/out" ] && fail "emit writes files, not stdout"
grep -q "wrote 2 configs and MANIFEST to ecrc-out/beijing-idc-ecmp" "$work/err" || fail "no summary line"
head -1 "$dir/cpe2.ios" | grep -q "^! ecrc [0-9.]* - design beijing-idc-ecmp sha256 $(sha256sum <"$BJ" | cut -c1-64) - cpe cpe2 (cisco-iosxe)$" ||
  fail "cpe2.ios header: $(head -1 "$dir/cpe2.ios")"
grep -Eq '[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}:[0-9]{2}:[0-9]{2}' "$dir"/* && fail "a timestamp in the output"

# deterministic: a second run, elsewhere, gives the same bytes
expect_status 0 "second run" -- "$ECRC" emit -o "$work/again" "$BJ"
diff -r "$dir" "$work/again" >/dev/null || fail "two runs differ"
# and a run over an existing tree replaces it in place
expect_status 0 "run over the same directory" -- "$ECRC" emit -o "$work/again" "$BJ"
diff -r "$dir" "$work/again" >/dev/null || fail "a re-run changed the tree"
[ "$(ls -A "$work/again" | tr '\n' ' ')" = "MANIFEST cpe1.vrp cpe2.ios " ] || fail "leftovers: $(ls -A "$work/again")"

# every vendor of the registry, as --list-vendors names it: one name a line,
# each a vendor --vendor takes, with the extension --help lists for it
expect_status 0 "--list-vendors" -- "$ECRC" emit --list-vendors
cp "$work/out" "$work/vendors"
[ "$(wc -l <"$work/vendors")" -ge 1 ] || fail "--list-vendors listed nothing"
grep -qvx '[a-z0-9][a-z0-9-]*' "$work/vendors" && fail "--list-vendors: a line that is not a name: $(cat "$work/vendors")"
[ -z "$(sort "$work/vendors" | uniq -d)" ] || fail "--list-vendors: a name twice"
for v in $(cat "$work/vendors"); do
  [ -d "$ECRC_SOURCE_DIR/vendors/$v" ] || fail "--list-vendors: $v has no directory vendors/$v"
done
for d in "$ECRC_SOURCE_DIR"/vendors/*/; do
  grep -qx "$(basename "$d")" "$work/vendors" || fail "vendors/$(basename "$d")/ is not in the registry"
done
"$ECRC" emit --help >"$work/help" || fail "emit --help"
for v in $(cat "$work/vendors"); do
  ext=$(awk -v v="$v" '$1 == v { print $2 }' "$work/help")
  [ -n "$ext" ] || fail "emit --help lists no extension for $v"
  # the reference design's ports (GigabitEthernet0/0/1) are real names on
  # some platforms; the others refuse them (the interface-name rule's
  # fixtures say which): exit 1 and nothing written, unless --force
  "$ECRC" emit --vendor="$v" -o "$work/v-$v" "$BJ" >"$work/out" 2>"$work/err"
  st=$?
  if [ $st = 1 ]; then
    [ -e "$work/v-$v" ] && fail "--vendor=$v: names that do not fit, yet something was written"
    grep -q "error: interface 'GigabitEthernet0/0/1' of cpe1-up is not a .* interface name" "$work/err" ||
      fail "--vendor=$v: exit 1 without an interface-name error: $(cat "$work/err")"
    expect_status 1 "--vendor=$v --force" -- "$ECRC" emit --vendor="$v" --force -o "$work/v-$v" "$BJ"
    head -1 "$work/v-$v/cpe1$ext" | grep -q "WARNING: emitted with --force" || fail "--vendor=$v --force: no warning line"
  elif [ $st != 0 ]; then
    fail "--vendor=$v: exit $st"
  fi
  [ "$(ls "$work/v-$v" | tr '\n' ' ')" = "MANIFEST cpe1$ext cpe2$ext " ] || fail "--vendor=$v: $(ls "$work/v-$v"), not cpe1$ext/cpe2$ext"
  [ -s "$work/v-$v/cpe1$ext" ] && [ -s "$work/v-$v/cpe2$ext" ] || fail "--vendor=$v: an empty config"
  grep -q "(${v})\$" "$work/v-$v/cpe1$ext" || fail "--vendor=$v: header does not name the vendor"
done
# the acceptance case: the reference design for Junos
expect_status 1 "--vendor=juniper-junos" -- "$ECRC" emit --vendor=juniper-junos -o "$work/j" "$BJ"
[ -e "$work/j" ] && fail "--vendor=juniper-junos wrote $(ls "$work/j")"
# with the ports renamed to Junos names it emits cleanly
j=$(variant junos-names 's|interface="GigabitEthernet0/0/1"|interface="xe-0/0/0:1"|')
expect_status 0 "--vendor=juniper-junos, Junos names" -- "$ECRC" emit --vendor=juniper-junos -o "$work/j2" "$j"
grep -q "^    xe-0/0/0:1 {$" "$work/j2/cpe1.junos" || fail "--vendor=juniper-junos: xe-0/0/0:1 not configured"
# names that do not fit: used as written with --force
expect_status 1 "--vendor=frr --force, names that do not fit" -- "$ECRC" emit --vendor=frr --force -o "$work/w" "$BJ"
grep -q "error: interface 'GigabitEthernet0/0/1' of cpe1-up is not a FRRouting interface name" \
  "$work/err" || fail "--vendor=frr: no interface-name error"
grep -q "^interface GigabitEthernet0/0/1.1308$" "$work/w/cpe1.frr.conf" || fail "--vendor=frr: name not as written"
# Huawei's own naming starts with a digit: it loads, lints clean and emits
h=$(variant huawei-100ge "/id=\"cpe1-up\"/ s|interface=\"GigabitEthernet0/0/1\"|interface=\"100GE0/1/0\"|")
expect_status 0 "100GE0/1/0 on huawei-vrp" -- "$ECRC" emit --cpe=cpe1 -o "$work/h" "$h"
grep -q "interface-name" "$work/err" && fail "100GE0/1/0 on huawei-vrp: $(cat "$work/err")"
grep -q "^interface 100GE0/1/0.1308$" "$work/h/cpe1.vrp" || fail "100GE0/1/0: no sub-interface 100GE0/1/0.1308"

# --cpe and --stdout
expect_status 0 "--cpe=cpe2" -- "$ECRC" emit --cpe=cpe2 -o "$work/one" "$BJ"
[ "$(ls "$work/one" | tr '\n' ' ')" = "MANIFEST cpe2.ios " ] || fail "--cpe=cpe2 wrote $(ls "$work/one")"
expect_status 0 "--stdout" -- "$ECRC" emit --stdout --cpe=cpe1 "$BJ"
cmp -s "$work/out" "$dir/cpe1.vrp" || fail "--stdout differs from the file"
expect_status 3 "--stdout with two CPEs" -- "$ECRC" emit --stdout "$BJ"
grep -q "use --cpe" "$work/err" || fail "--stdout with two CPEs: no hint"
[ -s "$work/out" ] && fail "--stdout with two CPEs printed something"

# usage errors: exit 3, nothing written
expect_status 3 "unknown vendor" -- "$ECRC" emit --vendor=nokia-sros -o "$work/u1" "$BJ"
grep -q "the vendors are $(paste -sd, "$work/vendors" | sed 's/,/, /g')\$" "$work/err" ||
  fail "unknown vendor: the vendors are not listed: $(cat "$work/err")"
expect_status 3 "unknown CPE" -- "$ECRC" emit --cpe=cpe3 -o "$work/u2" "$BJ"
grep -q "did you mean 'cpe1'\|did you mean 'cpe2'" "$work/err" || fail "unknown CPE: no suggestion"
expect_status 3 "unknown option" -- "$ECRC" emit --frobnicate "$BJ"
expect_status 3 "no design" -- "$ECRC" emit
expect_status 3 "two designs" -- "$ECRC" emit "$BJ" "$BJ"
expect_status 3 "-o without a value" -- "$ECRC" emit "$BJ" -o
[ -e "$work/u1" ] || [ -e "$work/u2" ] && fail "a usage error wrote files"

# an unreadable design: exit 2
expect_status 2 "missing design" -- "$ECRC" emit -o "$work/u3" "$work/nonexistent.xml"
[ -e "$work/u3" ] && fail "a missing design wrote files"

# --vendor: interface-name judges the names against that vendor, inside lint,
# so an inline suppression of it is honoured and not reported unused
sed 's|      <uplink id="cpe1-up"|      <!-- ecrc-disable interface-name: a lab box named like the production router -->\n      <uplink id="cpe1-up"|' "$BJ" >"$work/suppressed.xml"
expect_status 1 "--vendor with a suppression" -- "$ECRC" emit --vendor=frr -o "$work/v1" "$work/suppressed.xml"
grep -q "suppression-unused" "$work/err" && fail "--vendor: the interface-name suppression was reported unused"
[ "$(grep -c '\[interface-name\]' "$work/err")" = 1 ] || fail "--vendor: expected one interface-name error (cpe2-up), got: $(cat "$work/err")"
expect_status 0 "design vendors, with the suppression" -- "$ECRC" emit -o "$work/v2" "$work/suppressed.xml"
grep -q "suppression-unused" "$work/err" || fail "without --vendor the names fit: the suppression should be reported unused"

# --help names every option
expect_status 0 "--help" -- "$ECRC" emit --help
for o in -o --output --cpe --vendor --stdout --force --redact-secrets --help; do
  grep -q -- "$o" "$work/out" || fail "--help does not mention $o"
done
finish
