#!/bin/sh
# Runs in the Dockerfile's build stage, at the root of the built repository: writes to OUT the
# workspaces that PACKAGE… import (turbo prune), each reduced to what runs (package.json, compiled
# output, and the fixtures its compiled code reads), with their production dependencies installed
# from the pruned lockfile.
#
#   sh deploy/images/prune-workspaces.sh OUT PACKAGE...
set -eu

out="$1"
shift
root="$(pwd)"
npx turbo prune "$@" --out-dir "$out"
rm -f "$out/turbo.json"

# Each pruned workspace: keep only what its processes load; sources, tests and configs stay behind.
for manifest in $(cd "$out" && find . -mindepth 2 -maxdepth 3 -name package.json -not -path '*/node_modules/*'); do
  dir="$(dirname "$manifest")"
  keep="$out/$dir.keep"
  mkdir "$keep"
  cp "$out/$manifest" "$keep/"
  if [ -d "$root/$dir/dist" ]; then cp -R "$root/$dir/dist" "$keep/"; fi
  if [ -d "$root/$dir/fixtures" ] && grep -rqs --include='*.js' fixtures "$root/$dir/dist"; then
    cp -R "$root/$dir/fixtures" "$keep/"
  fi
  if [ -d "$root/$dir/.next" ]; then
    cp -R "$root/$dir/.next" "$keep/"
    rm -rf "$keep/.next/cache" "$keep/.next/trace" "$keep/.next/types" "$keep/.next/diagnostics"
    cp "$root/$dir"/next.config.* "$keep/"
  fi
  rm -rf "${out:?}/$dir"
  mv "$keep" "$out/$dir"
done

# Production dependencies of the named workspaces and the workspaces they depend on, nothing else.
workspace_flags=""
for package in "$@"; do workspace_flags="$workspace_flags --workspace=$package"; done
# shellcheck disable=SC2086 # one flag per package
(cd "$out" && npm ci --omit=dev --no-audit --no-fund --include-workspace-root=false $workspace_flags)

# Source maps, type declarations and TypeScript build info are for development only.
find "$out" \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.tsbuildinfo' \) \
  -type f -delete
