#!/usr/bin/env bash
# Real-parts check of a foreign-arch RUN step: an arm64 busybox (Debian's
# busybox-static:arm64) as the whole rootfs, `RUN uname -m > /arch` built with
# --platform linux/arm64. Passes when /arch is "aarch64" and the image config
# says arm64. Skips (exit 0, says why) when the package cannot be fetched or
# no qemu-aarch64 handler with the F flag is registered; it never registers one.
# Usage: scripts/check-arm64-run.sh PATH/TO/mybuild   (as root)
set -euo pipefail
mybuild=$(realpath "${1:?usage: $0 PATH/TO/mybuild}")
handler=/proc/sys/fs/binfmt_misc/qemu-aarch64
if ! grep -q '^flags: .*F' "$handler" 2>/dev/null; then
  echo "SKIP: no qemu-aarch64 binfmt_misc handler with the F flag (apt-get install qemu-user-static binfmt-support; mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc; update-binfmts --enable qemu-aarch64)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
if ! apt-get download busybox-static:arm64 >/dev/null 2>&1; then
  echo "SKIP: cannot download busybox-static:arm64 (dpkg --add-architecture arm64; apt-get update)"
  exit 0
fi
dpkg-deb -x busybox-static_*_arm64.deb deb
mkdir -p ctx/rootfs/bin
cp deb/bin/busybox ctx/rootfs/bin/
ln -s busybox ctx/rootfs/bin/sh
ln -s busybox ctx/rootfs/bin/uname
printf 'FROM scratch\nCOPY rootfs/ /\nRUN uname -m > /arch\n' > ctx/Dockerfile
export MYBUILD_ROOT=$tmp/root
"$mybuild" build --platform linux/arm64 -o "type=local,dest=$tmp/out" ctx >/dev/null
arch=$(cat out/arch)
[[ $arch == aarch64 ]] || { echo "FAIL: /arch is '$arch', want aarch64"; exit 1; }
"$mybuild" build --platform linux/arm64 -o "type=oci,dest=$tmp/img.tar" ctx >/dev/null
mkdir img && tar -xf img.tar -C img
grep -lq '"architecture":"arm64"' img/blobs/sha256/* ||
  { echo "FAIL: no image config with architecture arm64"; exit 1; }
echo "PASS: RUN under qemu-aarch64 wrote aarch64, config architecture arm64"
