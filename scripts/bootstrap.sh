#!/usr/bin/env bash
# bootstrap.sh: installs what ecrc needs on Debian 12 (only what is missing),
# builds it into build/, and lints the reference design.
#   scripts/bootstrap.sh              install, build, lint the reference design
#   scripts/bootstrap.sh --deps-only  install only (what .ci/run uses)
set -euo pipefail
cd "$(dirname "$0")/.."

# Build: compiler, CMake, libraries. Tests: cmocka, xmllint, jq, GNU time,
# FRR and BIRD (real parsers for emitted configs, and the lab), nftables and
# iproute2 (the lab), clang with its runtime (libFuzzer), clang-format (the
# .clang-format check, tests/ci/test_clang_format.sh), pre-commit, git,
# strace (the emit kill -9 test steps through syscalls with it).
packages=(build-essential cmake pkg-config libxml2-dev libpcre2-dev libjansson-dev nettle-dev
          libcmocka-dev libxml2-utils jq time frr bird2 nftables iproute2 clang libclang-rt-14-dev clang-format
          pre-commit git valgrind strace)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "bootstrap: missing packages: ${missing[*]}; run as root (or: sudo apt-get install ${missing[*]})" >&2
		exit 1
	fi
	echo "bootstrap: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Terraform tests: Node (Debian's nodejs and npm when no node is
# installed) and HashiCorp's HCL parser from the npm registry, pinned by
# tests/terraform/package-lock.json, into tests/terraform/node_modules.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "bootstrap: node and npm are missing; run as root (or: sudo apt-get install nodejs npm)" >&2
		exit 1
	fi
	echo "bootstrap: installing nodejs npm"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if [ ! -f tests/terraform/node_modules/@cdktf/hcl2json/package.json ]; then
	echo "bootstrap: npm ci in tests/terraform (@cdktf/hcl2json)"
	(cd tests/terraform && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
		echo "bootstrap: npm ci failed (no network?); tests/terraform/test_terraform_module.sh will try again, and skip without it (fail under CI=true)" >&2
fi
[ "${1:-}" = "--deps-only" ] && exit 0

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
echo
echo "== ecrc lint fixtures/designs/beijing-idc-ecmp.xml"
build/ecrc lint fixtures/designs/beijing-idc-ecmp.xml
