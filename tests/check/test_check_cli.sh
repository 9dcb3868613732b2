#!/usr/bin/env bash
# test_check_cli.sh: `ecrc check` exit statuses and messages: no drift 0,
# drift 1, a config of another vendor or an unreadable file 2, usage 3; the
# report formats carry the drift findings.
set -u
: "${ECRC:?}" "${ECRC_SOURCE_DIR:?}"
S=$ECRC_SOURCE_DIR
D=$S/fixtures/deployed/frr
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
pass=0
check() { if [ "$2" = "$3" ]; then pass=$((pass + 1)); else echo "FAIL: $1: expected '$2', got '$3'"; fails=$((fails + 1)); fi; }
contains() { if grep -qF -- "$2" "$3"; then pass=$((pass + 1)); else echo "FAIL: $1: '$2' not in:"; cat "$3"; fails=$((fails + 1)); fi; }

"$ECRC" check "$D/design.xml" --config=cpe1="$D/clean.conf" >"$tmp/out" 2>"$tmp/err"; check "clean exits 0" 0 $?
contains "summary" "0 drifts, 0 warnings in 1 config" "$tmp/err"
"$ECRC" check "$D/design.xml" --config=cpe1="$D/drift-vlan.conf" >"$tmp/out" 2>"$tmp/err"; check "drift exits 1" 1 $?
contains "file:line" "drift-vlan.conf:16:1: error:" "$tmp/out"
contains "note at the design" "design.xml:11:15: note:" "$tmp/out"
contains "rule id" "[drift-vlan]" "$tmp/out"
for fmt in json sarif junit; do
	"$ECRC" check "$D/design.xml" --config=cpe1="$D/drift-vlan.conf" --format=$fmt -o "$tmp/r.$fmt" 2>/dev/null
	check "$fmt exits 1" 1 $?
	contains "$fmt names the rule" "drift-vlan" "$tmp/r.$fmt"
done
jq -e '.runs[0].results[0].locations[0].physicalLocation.region.startLine == 16' "$tmp/r.sarif" >/dev/null
check "sarif line" 0 $?
# another vendor's config: exit 2 with the line
"$ECRC" check "$D/design.xml" --config=cpe1=cisco-iosxe:"$D/clean.conf" >"$tmp/out" 2>"$tmp/err"; check "wrong vendor exits 2" 2 $?
contains "says which line" "clean.conf:" "$tmp/err"
"$ECRC" check "$D/design.xml" --config=cpe1="$S/fixtures/designs/beijing-idc-ecmp.xml" >"$tmp/out" 2>"$tmp/err"; check "an XML file exits 2" 2 $?
"$ECRC" check "$D/design.xml" --config=cpe1="$tmp/none.conf" >"$tmp/out" 2>"$tmp/err"; check "missing file exits 2" 2 $?
contains "names the file" "none.conf" "$tmp/err"
# usage
"$ECRC" check "$D/design.xml" >"$tmp/out" 2>"$tmp/err"; check "no --config exits 3" 3 $?
"$ECRC" check "$D/design.xml" --config=cpe9="$D/clean.conf" >"$tmp/out" 2>"$tmp/err"; check "unknown CPE exits 3" 3 $?
contains "names the CPE" "cpe9" "$tmp/err"
"$ECRC" check "$D/design.xml" --config=nofile >"$tmp/out" 2>"$tmp/err"; check "bad --config exits 3" 3 $?
"$ECRC" check --bogus >"$tmp/out" 2>"$tmp/err"; check "unknown option exits 3" 3 $?
"$ECRC" check --help >"$tmp/out" 2>&1; check "--help exits 0" 0 $?
"$ECRC" rules drift-bfd >"$tmp/out" 2>&1; check "rules explains drift-bfd" 0 $?
"$ECRC" rules >"$tmp/out" 2>&1
contains "rules lists drift rules" "drift-as-path" "$tmp/out"
# a statement of the uplink ecrc cannot interpret: a warning, --werror fails
sed 's/^ neighbor ALIYUN timers 30 90$/ neighbor ALIYUN timers 30 90\n neighbor ALIYUN unsuppress-map LEAK/' "$D/clean.conf" >"$tmp/unknown.conf"
"$ECRC" check "$D/design.xml" --config=cpe1="$tmp/unknown.conf" >"$tmp/out" 2>"$tmp/err"; check "not understood: exit 0" 0 $?
contains "a warning at the line" "unknown.conf:41:1: warning: ecrc cannot interpret" "$tmp/out"
"$ECRC" check "$D/design.xml" --config=cpe1="$tmp/unknown.conf" --werror >"$tmp/out" 2>"$tmp/err"; check "not understood with --werror: exit 1" 1 $?
# hostile inputs: never a crash
for f in "$S"/fixtures/running-hostile/*; do
	b=$(basename "$f")
	case "$b" in README.md) continue ;; esac
	v=${b%%-[a-z]*}
	for vendor in frr cisco-iosxe arista-eos huawei-vrp h3c-comware juniper-junos bird; do
		case "$b" in "$vendor"-*) v=$vendor ;; esac
	done
	"$ECRC" check "$D/design.xml" --config=cpe1="$v:$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -le 2 ]; check "$b: exit $rc, no crash" 0 $?
	if [ "$rc" = 2 ]; then [ -s "$tmp/err" ]; check "$b: a message" 0 $?; fi
done

# verify --config: the engine runs the deployed config of that CPE
REF=$S/fixtures/designs/beijing-idc-ecmp.xml
V=$S/fixtures/deployed/huawei-vrp
"$ECRC" verify "$REF" --config=cpe1="$V/clean.cfg" >"$tmp/out" 2>"$tmp/err"; check "verify clean deployed exits 0" 0 $?
"$ECRC" verify "$REF" --config=cpe1="$V/drift-prepend.cfg" >"$tmp/out" 2>"$tmp/err"; check "verify prepend drift exits 1" 1 $?
contains "prepend breaks ECMP" "FAILED ecmp-width ecr-1 192.168.0.0/16: 1 of 2 paths" "$tmp/out"
"$ECRC" verify "$REF" --config=cpe1="$V/drift-bfd-removed.cfg" --format=json >"$tmp/out" 2>"$tmp/err"; check "verify without BFD exits 1" 1 $?
jq -e '[.checks[] | select(.ok == false)] | length > 0' "$tmp/out" >/dev/null; check "a failed check in JSON" 0 $?
"$ECRC" verify "$REF" --config=cpe9="$V/clean.cfg" >"$tmp/out" 2>"$tmp/err"; check "verify unknown CPE exits 3" 3 $?
"$ECRC" verify "$REF" --config=cpe1=frr:"$V/clean.cfg" >"$tmp/out" 2>"$tmp/err"; check "verify wrong vendor exits 2" 2 $?
echo "$pass passed, $fails failed"
[ "$fails" -eq 0 ]
