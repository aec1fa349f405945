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

# turbo prune also keeps the workspaces reached through devDependencies (test helpers, the packages a
# bench starts): drop those from the tree, the root manifest and the lockfile, so that neither their
# code nor their own dependencies are installed.
node - "$out" "$@" <<'SCRIPT'
const { readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const [out, ...wanted] = process.argv.slice(2);
const readJson = (file) => JSON.parse(readFileSync(join(out, file), 'utf8'));
const root = readJson('package.json');
const dirOf = new Map(root.workspaces.map((dir) => [readJson(`${dir}/package.json`).name, dir]));
const keep = new Set();
const visit = (name) => {
  if (keep.has(name) || !dirOf.has(name)) return;
  keep.add(name);
  for (const dependency of Object.keys(readJson(`${dirOf.get(name)}/package.json`).dependencies ?? {}))
    visit(dependency);
};
wanted.forEach(visit);
const lock = readJson('package-lock.json');
for (const [name, dir] of dirOf) {
  if (keep.has(name)) continue;
  rmSync(join(out, dir), { recursive: true, force: true });
  delete lock.packages[dir];
  delete lock.packages[`node_modules/${name}`];
}
const kept = [...dirOf].filter(([name]) => keep.has(name)).map(([, dir]) => dir);
// Development dependencies are not installed; without them the lockfile need not name dropped workspaces.
for (const dir of ['', ...kept]) {
  const manifest = dir === '' ? root : readJson(`${dir}/package.json`);
  delete manifest.devDependencies;
  delete lock.packages[dir].devDependencies;
  if (dir !== '') writeFileSync(join(out, dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
root.workspaces = kept;
lock.packages[''].workspaces = kept;
writeFileSync(join(out, 'package.json'), `${JSON.stringify(root, null, 2)}\n`);
writeFileSync(join(out, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
SCRIPT

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
