#!/usr/bin/env bash
# bench_uplinks.sh: the decision process at scale on one router (issue 12,
# item 7). Writes a design with U uplinks (default 2000) on one CPE, each
# on its own physical connection to its own VBR, every VBR on one ECR,
# and times `ecrc lint` and `ecrc verify --drill=none` on it, best of R
# runs (default 3). The CPE's route to the VPC has U paths and the ECR's
# route to the data center U paths, decided again at every UPDATE: with a
# decision linear in the number of paths, verify stays within a small
# factor of lint (the acceptance: 3x). Prints both times and the ratio,
# then, where valgrind is installed, both instruction counts and theirs.
#
#   tests/bench/bench_uplinks.sh [BUILD_DIR] [U] [R]
set -eu
build=${1:-build}
u=${2:-2000}
r=${3:-3}
ecrc=$build/ecrc
[ -x "$ecrc" ] || { echo "bench_uplinks: no $ecrc (build first)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
design=$work/uplinks-$u.xml

# 172.16.0.0/12 holds 262,144 /30s; VLANs 1..4094 on one port.
[ "$u" -ge 1 ] && [ "$u" -le 4000 ] || { echo "bench_uplinks: U must be 1..4000" >&2; exit 2; }
awk -v u="$u" 'function ip(a) { return int(a / 16777216) "." int(a / 65536) % 256 "." int(a / 256) % 256 "." a % 256 }
BEGIN {
	base = 172 * 16777216 + 16 * 65536
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<design name=\"uplinks-" u "\" version=\"1\">"
	print "  <datacenter id=\"idc\" redundancy=\"active-active\" max-failover-ms=\"1000\">"
	print "    <prefix>192.168.0.0/16</prefix>"
	print "    <cpe id=\"cpe1\" vendor=\"frr\" asn=\"65003\" router-id=\"10.255.0.1\">"
	for (i = 0; i < u; i++) {
		net = base + 4 * i
		printf "      <uplink id=\"up%d\" connection=\"pc%d\" interface=\"eth1\" vlan=\"%d\" address=\"%s/30\">\n", i + 1, i + 1, i + 2, ip(net + 1)
		printf "        <bgp neighbor=\"%s\" remote-asn=\"64512\">\n", ip(net + 2)
		print  "          <bfd min-tx=\"300\" min-rx=\"300\" multiplier=\"3\"/>"
		print  "        </bgp>"
		print  "      </uplink>"
	}
	print "    </cpe>"
	print "  </datacenter>"
	print "  <cloud provider=\"alibaba\">"
	print "    <ecr id=\"ecr-1\" asn=\"64512\">"
	for (i = 0; i < u; i++)
		printf "      <associate vbr=\"vbr%d\"/>\n", i + 1
	print "      <associate transit-router=\"tr-bj\"/>"
	print "    </ecr>"
	print "    <region id=\"cn-beijing\">"
	for (i = 0; i < u; i++)
		printf "      <physical-connection id=\"pc%d\" access-point=\"ap-%d\" device=\"dev-%d\"/>\n", i + 1, i + 1, i + 1
	for (i = 0; i < u; i++) {
		net = base + 4 * i
		printf "      <vbr id=\"vbr%d\" connection=\"pc%d\" vlan=\"%d\" local-address=\"%s/30\" peer-address=\"%s\">\n", i + 1, i + 1, i + 2, ip(net + 2), ip(net + 1)
		print  "        <bgp-peer peer-asn=\"65003\">"
		print  "          <bfd min-tx=\"300\" min-rx=\"300\" multiplier=\"3\"/>"
		print  "        </bgp-peer>"
		print  "      </vbr>"
	}
	print "      <transit-router id=\"tr-bj\" edition=\"enterprise\" cen=\"cen-prod\">"
	print "        <attach vpc=\"vpc-prod\" route-sync=\"false\"/>"
	print "      </transit-router>"
	print "      <vpc id=\"vpc-prod\" cidr=\"10.0.0.0/16\">"
	print "        <allow-ingress source=\"192.168.0.0/16\"/>"
	print "      </vpc>"
	print "    </region>"
	print "  </cloud>"
	print "</design>"
}' >"$design"

# The best of R runs, in ms: wall time, and CPU time (user + system),
# which a machine shared with other work disturbs much less.
best() { # COMMAND...: prints "WALL CPU"
	local bw= bc= t0 t1 ms cpu
	for _ in $(seq "$r"); do
		t0=$(date +%s%N)
		cpu=$( { TIMEFORMAT='%3U %3S'; time "$@" >/dev/null 2>&1; } 2>&1 | awk '{ printf "%d", ($1 + $2) * 1000 }')
		t1=$(date +%s%N)
		ms=$(((t1 - t0) / 1000000))
		if [ -z "$bw" ] || [ "$ms" -lt "$bw" ]; then bw=$ms; fi
		if [ -z "$bc" ] || [ "$cpu" -lt "$bc" ]; then bc=$cpu; fi
	done
	echo "$bw $bc"
}

read -r lint_ms lint_cpu <<<"$(best "$ecrc" lint "$design")"
read -r verify_ms verify_cpu <<<"$(best "$ecrc" verify --drill=none "$design")"
# the run must have simulated the design, not stopped early
"$ecrc" verify --drill=none --format=json "$design" 2>/dev/null >"$work/v.json" || true
grep -q '"sessions"' "$work/v.json" || { echo "bench_uplinks: verify produced no report" >&2; exit 1; }
echo "uplinks on one CPE: $u (best of $r)"
echo "ecrc lint:                $lint_ms ms wall, $lint_cpu ms CPU"
echo "ecrc verify --drill=none: $verify_ms ms wall, $verify_cpu ms CPU"
awk -v l="$lint_ms" -v v="$verify_ms" -v lc="$lint_cpu" -v vc="$verify_cpu" 'BEGIN {
	printf "verify / lint:            %.2fx wall, %.2fx CPU (target <= 3x)\n", (l > 0 ? v / l : 0), (lc > 0 ? vc / lc : 0) }'

# Instructions, counted by callgrind: the same figure whatever else the
# machine is doing (ECRC_BENCH_CALLGRIND=0 skips it; needs valgrind).
if [ "${ECRC_BENCH_CALLGRIND:-1}" != 0 ] && command -v valgrind >/dev/null; then
	instr() { # COMMAND...: prints the instructions it executed
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
			awk '/Collected :/ { print $NF }'
	}
	lint_ir=$(instr "$ecrc" lint "$design")
	verify_ir=$(instr "$ecrc" verify --drill=none "$design")
	awk -v l="$lint_ir" -v v="$verify_ir" 'BEGIN {
		printf "instructions (callgrind): lint %.0f M, verify %.0f M: %.2fx\n", l / 1e6, v / 1e6, (l > 0 ? v / l : 0) }'
fi
