# golden-lib.sh: what the golden tests and tests/golden/update.sh share:
# the designs, the vendors, the fixed test key, and how one golden tree is
# emitted. Sourced, not run. fixtures/golden/<design>/<cpe><ext> holds, for
# every design of fixtures/designs/ and every vendor of the registry, what
# `ecrc emit --vendor=VENDOR` writes for each CPE.

# The vendor registry (vendors/registry.c), in its order.
GOLDEN_VENDORS="cisco-iosxe juniper-junos huawei-vrp h3c-comware arista-eos frr bird"

# Designs with auth-key-env= need the key; goldens use this one.
GOLDEN_MD5_KEY="Golden-Key.2026"

# golden_emit ECRC SRC OUT: emits every design for every vendor into
# OUT/<design>/; returns non-zero (after saying why) when an emit fails.
golden_emit() {
  local ecrc=$1 src=$2 out=$3 design name vendor tmp
  for design in "$src"/fixtures/designs/*.xml; do
    name=$(basename "$design" .xml)
    mkdir -p "$out/$name"
    for vendor in $GOLDEN_VENDORS; do
      tmp=$(mktemp -d)
      if ! ECRC_MD5_KEY=$GOLDEN_MD5_KEY "$ecrc" emit --vendor="$vendor" -o "$tmp" "$design" 2>"$tmp.err"; then
        echo "ecrc emit --vendor=$vendor $design failed:" >&2
        cat "$tmp.err" >&2
        rm -rf "$tmp" "$tmp.err"
        return 1
      fi
      rm -f "$tmp/MANIFEST" "$tmp.err"
      cp "$tmp"/* "$out/$name/"
      rm -rf "$tmp"
    done
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
