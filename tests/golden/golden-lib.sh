# golden-lib.sh: what the golden tests and tests/golden/update.sh share:
# the designs, the vendors, the fixed test key, and how one golden tree is
# emitted. Sourced, not run. fixtures/golden/<design>/<cpe><ext> holds, for
# every design of fixtures/designs/ and every vendor of the registry, what
# `ecrc emit --vendor=VENDOR` writes for each CPE, and
# fixtures/golden/<design>/terraform/ what `ecrc emit --terraform` writes
# (the cloud side as a Terraform module, MANIFEST included).

# golden_vendors ECRC: the vendor registry, as the binary lists it (one
# name a line; generated from the directories under vendors/).
golden_vendors() {
  "$1" emit --list-vendors
}

# Designs with auth-key-env= need the key; goldens use this one.
GOLDEN_MD5_KEY="Golden-Key.2026"

# golden_ports VENDOR: a sed script that renames the ports the designs use
# (GigabitEthernet0/0/1, GigabitEthernet1/0/1, Ethernet1, eth1, ge-0/0/1)
# to real ports of VENDOR, one to one (a name that fits stays), so that `emit --vendor=VENDOR` meets
# names that device has (emit refuses names that do not fit the vendor) and
# the goldens show that vendor's naming: channels, breakouts and bundles.
golden_ports() {
  local names
  case $1 in
    cisco-iosxe) names="GigabitEthernet0/0/1 GigabitEthernet1/0/1 TenGigabitEthernet0/1/0 GigabitEthernet0/0/2 Port-channel1" ;;
    juniper-junos) names="ge-0/0/2 ge-1/0/1 xe-0/1/0:1 ae0 ge-0/0/1" ;;
    huawei-vrp) names="GigabitEthernet0/0/1 GigabitEthernet1/0/1 100GE0/1/0 Eth-Trunk1 25GE1/0/1" ;;
    h3c-comware) names="GigabitEthernet1/0/2 GigabitEthernet1/0/1 Ten-GigabitEthernet1/0/49:1 Route-Aggregation1 GigabitEthernet1/0/3" ;;
    arista-eos) names="Ethernet2 Ethernet3 Ethernet1 Port-Channel10 Ethernet49/1" ;;
    *) names="eth2 eth3 ens1f0 eth1 bond0" ;;
  esac
  set -- $names
  printf 's|interface="%s"|interface="%s"|\n' GigabitEthernet0/0/1 "$1" GigabitEthernet1/0/1 "$2" \
    Ethernet1 "$3" eth1 "$4" ge-0/0/1 "$5"
}

# golden_emit ECRC SRC OUT: emits every design for every vendor into
# OUT/<design>/ (the design's ports renamed for the vendor: golden_ports);
# returns non-zero (after saying why) when an emit fails.
golden_emit() {
  local ecrc=$1 src=$2 out=$3 design name vendor tmp vendors
  vendors=$(golden_vendors "$ecrc") && [ -n "$vendors" ] || { echo "ecrc emit --list-vendors failed" >&2; return 1; }
  for design in "$src"/fixtures/designs/*.xml; do
    name=$(basename "$design" .xml)
    mkdir -p "$out/$name"
    for vendor in $vendors; do
      tmp=$(mktemp -d)
      # the same file name for every vendor: messages and headers name it
      mkdir "$tmp/in"
      sed -f <(golden_ports "$vendor") "$design" >"$tmp/in/$name.xml"
      if ! ECRC_MD5_KEY=$GOLDEN_MD5_KEY "$ecrc" emit --vendor="$vendor" -o "$tmp/out" "$tmp/in/$name.xml" 2>"$tmp.err"; then
        echo "ecrc emit --vendor=$vendor $design failed:" >&2
        cat "$tmp.err" >&2
        rm -rf "$tmp" "$tmp.err"
        return 1
      fi
      rm -f "$tmp/out/MANIFEST" "$tmp.err"
      cp "$tmp"/out/* "$out/$name/"
      rm -rf "$tmp"
    done
    if ! "$ecrc" emit --terraform -o "$out/$name/terraform" "$design" 2>"$out/$name.err"; then
      echo "ecrc emit --terraform $design failed:" >&2
      cat "$out/$name.err" >&2
      rm -f "$out/$name.err"
      return 1
    fi
    rm -f "$out/$name.err"
  done
}

# tool_or_skip TOOL: 0 when TOOL is installed; otherwise exits 77 (skip)
# with a message, or 1 under CI=true, where the tool is part of the setup.
tool_or_skip() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "${CI:-}" = true ]; then
    echo "FAIL: $1 is not installed, and CI=true requires it" >&2
    exit 1
  fi
  echo "SKIP: $1 is not installed (install it to run this test)" >&2
  exit 77
}
