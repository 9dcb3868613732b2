# tf-lib.sh: what the Terraform tests share. Sourced, not run.
# hcl2json_dir: prints the node_modules directory that holds @cdktf/hcl2json
# (scripts/bootstrap.sh installs it into tests/terraform/node_modules with
# `npm ci`; failing that it is installed here into the build directory), or
# exits 77 (skip) with a message when node is absent or npm cannot fetch it
# (1 under CI=true, where bootstrap installs both).
. "$ECRC_SOURCE_DIR/tests/golden/golden-lib.sh"

hcl2json_dir() {
  tool_or_skip node
  local src=$ECRC_SOURCE_DIR/tests/terraform
  if [ -f "$src/node_modules/@cdktf/hcl2json/package.json" ]; then
    echo "$src/node_modules"
    return 0
  fi
  local dir=${ECRC_BUILD_DIR:-$src/..}/tf-npm
  if [ ! -f "$dir/node_modules/@cdktf/hcl2json/package.json" ]; then
    tool_or_skip npm
    mkdir -p "$dir"
    cp "$src/package.json" "$src/package-lock.json" "$dir/"
    if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>"$dir/npm.err"); then
      if [ "${CI:-}" = true ]; then
        echo "FAIL: npm ci of @cdktf/hcl2json failed (CI=true requires it):" >&2
        cat "$dir/npm.err" >&2
        exit 1
      fi
      echo "SKIP: @cdktf/hcl2json is not installed and npm could not fetch it (run scripts/bootstrap.sh):" >&2
      head -n 5 "$dir/npm.err" >&2
      exit 77
    fi
  fi
  echo "$dir/node_modules"
}
