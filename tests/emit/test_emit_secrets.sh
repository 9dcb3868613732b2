#!/usr/bin/env bash
# test_emit_secrets.sh: MD5 keys come only from the environment variable
# the design names. Missing: exit 2 naming the variable, the uplink and
# file:line, nothing written. A key a config cannot carry: the same. The
# key appears in the configs and nowhere else; --redact-secrets writes a
# marked placeholder that FRR and BIRD refuse to load. Files holding a key
# are mode 0600, the others 0644.
. "$(dirname "$0")/lib.sh"
md5=$DESIGNS/two-uplinks-md5.xml

env -u ECRC_MD5_KEY "$ECRC" emit -o "$work/a" "$md5" >"$work/out" 2>"$work/err"
[ $? = 2 ] || fail "missing key variable: not exit 2"
grep -q "two-uplinks-md5.xml:15:[0-9]*: error: uplink cpe1-up: environment variable ECRC_MD5_KEY (auth-key-env) is not set" \
  "$work/err" || fail "missing key: message lacks file:line, uplink or variable: $(cat "$work/err")"
[ -e "$work/a" ] && fail "missing key: files written"

for key in 'has space' 'semi;colon' 'quote"d' '9starts-with-digit' "$(printf 'new\nline')" "$(head -c 81 /dev/zero | tr '\0' a)"; do
  ECRC_MD5_KEY=$key "$ECRC" emit -o "$work/b" "$md5" >"$work/out" 2>"$work/err"
  [ $? = 2 ] || fail "key '$key': not exit 2"
  [ -e "$work/b" ] && fail "key '$key': files written"
  # the whole key as one string: grep -F would take each line of a
  # multi-line key as a pattern of its own and match the file paths
  err=$(cat "$work/err")
  case $err in *"$key"*) fail "key '$key' echoed on stderr" ;; esac
done
# longer than IOS-XE takes, fine for FRR (the FRR CPE's port renamed for IOS-XE)
sed 's|interface="eth1"|interface="GigabitEthernet1/0/2"|' "$md5" >"$work/md5-ios.xml"
ECRC_MD5_KEY=Abcdefghij-0123456789-abcdef "$ECRC" emit --vendor=cisco-iosxe -o "$work/c" "$work/md5-ios.xml" >/dev/null 2>"$work/err"
[ $? = 2 ] && grep -q "cisco-iosxe accepts at most 25" "$work/err" || fail "a 28-character key for IOS-XE is not refused"

ECRC_MD5_KEY=Good-Key.42 "$ECRC" emit -o "$work/d" "$md5" >"$work/out" 2>"$work/err" || fail "good key: exit $?"
grep -q "password Good-Key.42" "$work/d/cpe2.frr.conf" || fail "the key is not in the FRR config"
grep -rq "Good-Key.42" "$work/out" "$work/err" "$work/d/MANIFEST" && fail "the key leaked outside the configs"
# a file that holds a key is readable by its owner only, whatever the umask
for f in cpe1.comware cpe2.frr.conf; do
  [ "$(stat -c %a "$work/d/$f")" = 600 ] || fail "$f holds the key but is mode $(stat -c %a "$work/d/$f")"
done
(umask 022 && ECRC_MD5_KEY=Good-Key.42 "$ECRC" emit -o "$work/d2" "$md5" >/dev/null 2>&1) || fail "umask 022: exit $?"
[ "$(stat -c %a "$work/d2/cpe2.frr.conf")" = 600 ] || fail "umask 022: the key file is not 600"
[ "$(stat -c %a "$work/d2/MANIFEST")" = 644 ] || fail "umask 022: MANIFEST is $(stat -c %a "$work/d2/MANIFEST"), not 644"

"$ECRC" emit --redact-secrets -o "$work/e" "$md5" >/dev/null 2>&1 || fail "--redact-secrets without the variable: exit $?"
grep -q "^ neighbor 10.254.2.2 password <REDACTED ECRC_MD5_KEY>$" "$work/e/cpe2.frr.conf" || fail "no placeholder in FRR"
grep -q "secrets redacted" "$work/e/cpe1.comware" || fail "no redaction warning in the header"
(umask 022 && "$ECRC" emit --redact-secrets -o "$work/e2" "$md5" >/dev/null 2>&1)
[ "$(stat -c %a "$work/e2/cpe2.frr.conf")" = 644 ] || fail "a redacted file holds no key: expected 644"
if command -v vtysh >/dev/null 2>&1; then
  vtysh -C -f "$work/e/cpe2.frr.conf" >/dev/null 2>&1 && fail "FRR loads a redacted config"
fi
if command -v bird >/dev/null 2>&1; then
  sed 's|interface="GigabitEthernet1/0/1"|interface="eth2"|' "$md5" >"$work/md5-linux.xml"
  "$ECRC" emit --redact-secrets --vendor=bird -o "$work/f" "$work/md5-linux.xml" >/dev/null 2>&1
  bird -p -c "$work/f/cpe1.bird.conf" >/dev/null 2>&1 && fail "BIRD loads a redacted config"
fi
finish
