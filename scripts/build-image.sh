#!/bin/sh
# Builds the container image of mybuild with mybuild:
#   scripts/build-image.sh DEB OUT [TAG]
# 1. a fresh Debian root (scripts/debian-rootfs.sh) becomes the base image
#    debian-base:bookworm (FROM scratch, COPY rootfs/ /) in the local store;
# 2. packaging/image/Dockerfile installs DEB on it with apt-get;
# 3. the image is written as an OCI layout to OUT (and tagged TAG, default
#    mybuild:VERSION, in the local store; push it with `mybuild push`).
# MYBUILD (default: mybuild on PATH) is the builder. Needs root and the network.
set -eu
deb=$1
out=$2
top=$(cd "$(dirname "$0")/.." && pwd)
mybuild=${MYBUILD:-mybuild}
tag=${3:-mybuild:$(dpkg-deb -f "$deb" Version)}
work=$(mktemp -d "${TMPDIR:-/tmp}/mybuild-image.XXXXXX")
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/base"
"$top/scripts/debian-rootfs.sh" "$work/base/rootfs"
rm -rf "$work/base/rootfs/var/cache/apt/archives/"*.deb "$work/base/rootfs/var/lib/apt/lists/"*
printf 'FROM scratch\nCOPY rootfs/ /\nCMD ["/bin/bash"]\n' > "$work/base/Dockerfile"
"$mybuild" build --progress=plain --lint=off -t debian-base:bookworm "$work/base"

mkdir -p "$work/ctx"
cp "$deb" "$work/ctx/mybuild.deb"
"$mybuild" build --progress=plain -f "$top/packaging/image/Dockerfile" -t "$tag" \
  -o "type=oci,dest=$out" "$work/ctx"
