#!/usr/bin/env bash
# test_lab_configs.sh: every config the lab would run (the CPEs' frr backend
# output with the lab's port names, and the generated VBR and ECR configs)
# for every fixture design, written by `ecrc lab --configs=DIR` without
# root, is accepted by FRR's own parser (vtysh --dryrun). Skips (77) where
# FRR is not installed, except under CI.
set -u
S=$ECRC_SOURCE_DIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
if ! command -v vtysh >/dev/null; then
	[ "${CI:-}" = true ] && { echo "FAIL: vtysh (FRR) missing under CI"; exit 1; }
	echo "skip: vtysh (FRR) is not installed"
	exit 77
fi
export ECRC_MD5_KEY=lab-test-key

for design in "$S"/fixtures/designs/*.xml "$S"/fixtures/lab/*.xml; do
	name=$(basename "$design" .xml)
	out=$tmp/$name
	if ! "$ECRC" lab --configs="$out" "$design" 2>"$tmp/err"; then
		echo "FAIL: $name: ecrc lab --configs failed:"
		cat "$tmp/err"
		fails=$((fails + 1))
		continue
	fi
	[ -s "$out/TOPOLOGY" ] || { echo "FAIL: $name: no TOPOLOGY"; fails=$((fails + 1)); }
	n=0
	for conf in "$out"/*.frr.conf; do
		n=$((n + 1))
		if ! vtysh --dryrun -f "$conf" >"$tmp/vtysh" 2>&1; then
			echo "FAIL: $name: FRR refuses $(basename "$conf"):"
			cat "$tmp/vtysh"
			fails=$((fails + 1))
		fi
	done
	[ $n -ge 3 ] || { echo "FAIL: $name: only $n configs"; fails=$((fails + 1)); }
done

# The reference design's topology, as docs/lab.md draws it.
grep -qx "  cpe1 up0.1308 10.10.1.5/30 -- vbr-1 dc.1308 10.10.1.6/30 (pc-bj-1, VLAN 1308)" "$tmp/beijing-idc-ecmp/TOPOLOGY" ||
	{ echo "FAIL: unexpected reference topology:"; cat "$tmp/beijing-idc-ecmp/TOPOLOGY"; fails=$((fails + 1)); }
# The cloud side originates what Alibaba advertises for vpc-prod: its two
# vSwitch routes, never the VPC CIDR.
for p in 10.0.1.0/24 10.0.2.0/24; do
	grep -qx "  ecr-1 originates $p" "$tmp/beijing-idc-ecmp/TOPOLOGY" ||
		{ echo "FAIL: ecr-1 does not originate the vSwitch route $p"; fails=$((fails + 1)); }
done
! grep -q "originates 10.0.0.0/16" "$tmp/beijing-idc-ecmp/TOPOLOGY" ||
	{ echo "FAIL: ecr-1 originates the VPC CIDR, which the cloud never advertises"; fails=$((fails + 1)); }

[ $fails -eq 0 ] && echo "FRR accepts every lab config"
exit $((fails > 0))
