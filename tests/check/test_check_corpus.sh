#!/usr/bin/env bash
# test_check_corpus.sh: `ecrc check` on the running-config corpus,
# fixtures/deployed/<vendor>/: each EXPECT names the design and CPE, then
# per config file the exit status and the exact multiset of RULE@LINE
# findings (JSON report). The FRR files must also load in vtysh --dryrun and
# the BIRD files in bird -p, when those are installed (CI installs both).
# Then the round trip: every golden emitted config, checked against its
# design as its vendor, has no drift.
set -u
: "${ECRC:?}" "${ECRC_SOURCE_DIR:?}"
S=$ECRC_SOURCE_DIR
fails=0
pass=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
command -v jq >/dev/null || { [ "${CI:-}" = true ] && { echo "jq missing in CI"; exit 1; }; echo "skip: jq not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$S/tests/golden/golden-lib.sh" # golden_ports

for dir in "$S"/fixtures/deployed/*/; do
	vendor=$(basename "$dir")
	[ -f "$dir/EXPECT" ] || { fail "$vendor: no EXPECT"; continue; }
	design= cpe=
	listed=" "
	while read -r file rc rest; do
		case "$file" in ''|'#'*) continue ;; esac
		if [ "$file" = design ]; then design=$dir/$rc; cpe=$rest; continue; fi
		listed="$listed$file "
		"$ECRC" check "$design" --config="$cpe=$dir/$file" --format=json --quiet >"$tmp/out" 2>"$tmp/err"
		got_rc=$?
		[ "$got_rc" = "$rc" ] || { fail "$vendor/$file: exit $got_rc, expected $rc"; cat "$tmp/err"; }
		got=$(jq -r '.designs[].findings[] | "\(.rule)@\(.line)"' "$tmp/out" 2>/dev/null | sort | tr '\n' ' ')
		want=$(echo $rest | tr ' ' '\n' | grep . | sort | tr '\n' ' ')
		if [ "$got" = "$want" ]; then pass=$((pass + 1)); else
			fail "$vendor/$file: expected [$want], got [$got]"
			"$ECRC" check "$design" --config="$cpe=$dir/$file" --quiet
		fi
	done <"$dir/EXPECT"
	for f in "$dir"/*; do
		b=$(basename "$f")
		case "$b" in EXPECT|design.xml|*.md) continue ;; esac
		case "$listed" in *" $b "*) ;; *) fail "$vendor/$b is not in EXPECT" ;; esac
		if [ "$vendor" = frr ] && command -v vtysh >/dev/null; then
			vtysh --dryrun -f "$f" >"$tmp/vt" 2>&1 || { fail "$vendor/$b: vtysh --dryrun refuses it"; cat "$tmp/vt"; }
		fi
		if [ "$vendor" = bird ] && command -v bird >/dev/null; then
			bird -p -c "$f" >"$tmp/vt" 2>&1 || { fail "$vendor/$b: bird -p refuses it"; cat "$tmp/vt"; }
		fi
	done
done

# the round trip: what emit writes, check reads back as no drift
# each vendor's extension, as `ecrc emit --help` lists the registry
declare -A ext=()
while read -r v e; do ext[$v]=${e#.}; done < <("$ECRC" emit --help | awk '/^vendors \(name, extension\):/ { on = 1; next } on && NF == 2 { print $1, $2 }')
[ ${#ext[@]} -gt 0 ] || fail "ecrc emit --help lists no vendor extensions"
readers=$("$ECRC" check --help | sed -n 's/^ *readers: //p')
for g in "$S"/fixtures/golden/*/; do
	name=$(basename "$g")
	design=$S/fixtures/designs/$name.xml
	[ -f "$design" ] || continue
	for v in $readers; do
		# the goldens are emitted from the design with its ports renamed for
		# the vendor (tests/golden/golden-lib.sh golden_ports): check against that
		mkdir -p "$tmp/$v"
		sed -f <(golden_ports "$v") "$design" >"$tmp/$v/$name.xml"
		for f in "$g"/*."${ext[$v]}"; do
			[ -f "$f" ] || continue
			cpe=$(basename "$f" ."${ext[$v]}")
			if "$ECRC" check "$tmp/$v/$name.xml" --config="$cpe=$v:$f" --quiet >"$tmp/out" 2>&1; then
				pass=$((pass + 1))
			else
				fail "round trip $name/$(basename "$f") as $v:"
				cat "$tmp/out"
			fi
		done
	done
done
# the drift-* rule fixtures: "! ecrc-check: DESIGN CPE" and "! ecrc-expect:
# RULE@LINE... | none" in their first lines
for f in "$S"/fixtures/rules/drift-*/*; do
	# drift-cloud's fixtures are Terraform state: tests/terraform/test_terraform_state.sh
	[ "$(basename "$(dirname "$f")")" = drift-cloud ] && continue
	read -r design cpe < <(sed -n 's/^! ecrc-check: //p' "$f")
	want=$(sed -n 's/^! ecrc-expect: //p' "$f" | tr ' ' '\n' | grep -v '^none$' | grep . | sort | tr '\n' ' ')
	[ -n "$design" ] || { fail "$f: no '! ecrc-check: DESIGN CPE' line"; continue; }
	"$ECRC" check "$S/$design" --config="$cpe=$f" --format=json --quiet >"$tmp/out" 2>"$tmp/err"
	rc=$?
	got=$(jq -r '.designs[].findings[] | "\(.rule)@\(.line)"' "$tmp/out" 2>/dev/null | sort | tr '\n' ' ')
	rule=$(basename "$(dirname "$f")")
	case "$(basename "$f")" in
	bad-*) [ "$rc" = 1 ] && [[ " $got" == *" $rule@"* ]] || fail "$f: a bad fixture must give a $rule finding (exit $rc)" ;;
	good-*) [[ " $got" != *" $rule@"* ]] || fail "$f: a good fixture must give no $rule finding" ;;
	esac
	if [ "$got" = "$want" ]; then pass=$((pass + 1)); else fail "$f: expected [$want], got [$got]"; cat "$tmp/err"; fi
	if command -v vtysh >/dev/null && [[ "$f" == *.frr.conf ]]; then
		vtysh --dryrun -f "$f" >"$tmp/vt" 2>&1 || { fail "$f: vtysh --dryrun refuses it"; cat "$tmp/vt"; }
	fi
done

echo "$pass passed, $fails failed"
[ "$fails" -eq 0 ]
