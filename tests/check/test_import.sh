#!/usr/bin/env bash
# test_import.sh: `ecrc import`. The reference design's two emitted configs
# import into a design that loads, lints clean, and emits the same configs
# again (all but the header line, which names the design and its digest);
# the same round trip for every golden design and every vendor with a
# running-config reader. Then the corpus configs (with unrelated stanzas)
# import into a design that loads, marked with "ecrc import:" comments; and
# the exit statuses.
set -u
: "${ECRC:?}" "${ECRC_SOURCE_DIR:?}"
S=$ECRC_SOURCE_DIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
pass=0
check() { if [ "$2" = "$3" ]; then pass=$((pass + 1)); else echo "FAIL: $1: expected '$2', got '$3'"; fails=$((fails + 1)); fi; }
contains() { if grep -qF -- "$2" "$3"; then pass=$((pass + 1)); else echo "FAIL: $1: '$2' not in:"; cat "$3"; fails=$((fails + 1)); fi; }

REF=$S/fixtures/designs/beijing-idc-ecmp.xml
"$ECRC" emit "$REF" -o "$tmp/orig" >/dev/null 2>&1; check "emit the reference" 0 $?
"$ECRC" import --config=cpe1=huawei-vrp:"$tmp/orig/cpe1.vrp" --config=cpe2=cisco-iosxe:"$tmp/orig/cpe2.ios" -o "$tmp/ref.xml" 2>"$tmp/err"
check "import the reference's configs" 0 $?
"$ECRC" lint "$tmp/ref.xml" >"$tmp/out" 2>&1; check "the imported design lints clean" 0 $?
contains "guesses are marked" "<!-- ecrc import:" "$tmp/ref.xml"
"$ECRC" emit "$tmp/ref.xml" -o "$tmp/again" >/dev/null 2>&1; check "emit the imported design" 0 $?
for f in cpe1.vrp cpe2.ios; do
	cmp -s <(tail -n +2 "$tmp/orig/$f") <(tail -n +2 "$tmp/again/$f"); check "$f emitted again equals the original" 0 $?
done

# every golden design, every vendor with a reader
declare -A ext=([cisco-iosxe]=ios [arista-eos]=eos [frr]=frr.conf [juniper-junos]=junos [huawei-vrp]=vrp
	[h3c-comware]=comware [bird]=bird.conf)
readers=$("$ECRC" check --help | sed -n 's/^ *readers: //p')
for g in "$S"/fixtures/golden/*/; do
	name=$(basename "$g")
	[ -f "$S/fixtures/designs/$name.xml" ] || continue
	for v in $readers; do
		e=${ext[$v]}
		[ -f "$g/cpe1.$e" ] && [ -f "$g/cpe2.$e" ] || continue
		rm -rf "$tmp/g"
		mkdir -p "$tmp/g"
		if ! "$ECRC" import --config=cpe1="$v:$g/cpe1.$e" --config=cpe2="$v:$g/cpe2.$e" -o "$tmp/g/d.xml" 2>"$tmp/err"; then
			check "import $name as $v" 0 1; cat "$tmp/err"; continue
		fi
		if ! ECRC_MD5_KEY=Golden-Key.2026 "$ECRC" emit "$tmp/g/d.xml" -o "$tmp/g/out" >/dev/null 2>"$tmp/err"; then
			check "emit imported $name as $v" 0 1; cat "$tmp/err"; continue
		fi
		for c in cpe1 cpe2; do
			cmp -s <(tail -n +2 "$g/$c.$e") <(tail -n +2 "$tmp/g/out/$c.$e")
			check "$name/$c.$e imported and emitted again" 0 $?
		done
	done
done

# real running configs: the unrelated stanzas do not become uplinks
for dir in "$S"/fixtures/deployed/*/; do
	v=$(basename "$dir")
	f=$(ls "$dir"/clean.* 2>/dev/null | head -1)
	[ -n "$f" ] || continue
	"$ECRC" import --config=cpe1="$v:$f" -o "$tmp/$v.xml" 2>"$tmp/err"; check "import the $v corpus" 0 $?
	"$ECRC" lint "$tmp/$v.xml" >"$tmp/out" 2>&1
	[ $? -le 1 ]; check "the $v import loads" 0 $?
	check "$v: one uplink (the iBGP core neighbor is not one)" 1 "$(grep -c '<uplink ' "$tmp/$v.xml")"
	"$ECRC" check "$tmp/$v.xml" --config=cpe1="$v:$f" >"$tmp/out" 2>&1; check "$v: the import checks clean against its config" 0 $?
done

# an inbound list whose deny entry comes before its permit: the import
# accepts what the router accepts (the permit less the denied subtree, as
# ranges), so the design checks clean against that config, and verify
# --config simulates the same set
DENY=$S/fixtures/rules/drift-accept/bad-deny-before-permit.frr.conf
"$ECRC" import --config=cpe1=frr:"$DENY" -o "$tmp/deny.xml" 2>/dev/null; check "import a deny-before-permit list" 0 $?
contains "the ranges are labelled" "its deny entries and terms applied" "$tmp/deny.xml"
contains "the VPC is the permit's block" '<vpc id="vpc-1" cidr="10.0.0.0/16">' "$tmp/deny.xml"
if grep -q '<accept prefix="10.0.5.0/24"' "$tmp/deny.xml"; then check "the denied /24 is not accepted" absent present; else pass=$((pass + 1)); fi
contains "the /24 beside it is" '<accept prefix="10.0.4.0/24" ge="24" le="32"/>' "$tmp/deny.xml"
"$ECRC" check "$tmp/deny.xml" --config=cpe1="frr:$DENY" >"$tmp/out" 2>&1; check "it checks clean against its config" 0 $?

# exit statuses
"$ECRC" import --config=cpe1="$tmp/orig/cpe1.vrp" -o "$tmp/x.xml" >/dev/null 2>&1; check "no vendor: usage" 3 $?
"$ECRC" import --config=cpe1=huawei-vrp:"$tmp/orig/cpe1.vrp" >"$tmp/stdout.xml" 2>/dev/null; check "no -o: standard output" 0 $?
contains "the design on standard output" "<cpe id=\"cpe1\" vendor=\"huawei-vrp\"" "$tmp/stdout.xml"
"$ECRC" import -o "$tmp/x.xml" >/dev/null 2>&1; check "no --config: usage" 3 $?
"$ECRC" import --config=cpe1=frr:"$tmp/orig/cpe1.vrp" -o "$tmp/x.xml" >/dev/null 2>&1; check "another vendor's config: 2" 2 $?
"$ECRC" import --config=cpe1=huawei-vrp:"$tmp/none" -o "$tmp/x.xml" >/dev/null 2>&1; check "missing file: 2" 2 $?
[ ! -e "$tmp/x.xml" ]; check "nothing written on failure" 0 $?
echo "$pass passed, $fails failed"
[ "$fails" -eq 0 ]
