#!/usr/bin/env bash
# A two-platform build (--platform linux/amd64,linux/arm64) against the two
# platforms built one after the other, and an arm64 RUN's emulation overhead
# (the same RUN under qemu-aarch64 against natively). Interleaved rounds,
# medians; --no-cache, so every RUN runs. Needs root, busybox-static (host)
# and busybox-static:arm64 (apt-get download), and a qemu-aarch64 handler
# with the F flag (mybuild binfmt install).
# Usage: MYBUILD=bazel-bin/cli/mybuild bench/build/multi_platform_bench.sh [ROUNDS]
set -euo pipefail
mybuild=$(realpath "${MYBUILD:?set MYBUILD to a -c opt mybuild}")
rounds=${1:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir -p deb ctx/rootfs-amd64/bin ctx/rootfs-arm64/bin
(cd deb && apt-get download busybox-static:arm64 >/dev/null && dpkg-deb -x busybox-static_*_arm64.deb x)
cp /bin/busybox ctx/rootfs-amd64/bin/busybox
cp deb/x/bin/busybox ctx/rootfs-arm64/bin/busybox
for d in ctx/rootfs-amd64 ctx/rootfs-arm64; do ln -s busybox $d/bin/sh; done
# A CPU-bound RUN (shell arithmetic, a checksum of 32 MiB) per platform,
# after a native stage both share (the cross-compile pattern).
cat > ctx/Dockerfile <<'DF'
FROM --platform=$BUILDPLATFORM scratch AS build
ARG BUILDARCH
COPY rootfs-$BUILDARCH/ /
RUN i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; echo $i > /out
FROM scratch
ARG TARGETARCH
COPY rootfs-$TARGETARCH/ /
COPY --from=build /out /out
RUN i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; \
    busybox dd if=/dev/zero bs=1M count=32 2>/dev/null | busybox sha256sum > /sum
DF
export MYBUILD_ROOT=$tmp/root
secs() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }
build() { "$mybuild" build --no-cache --progress quiet --platform "$1" ctx; }
# The RUN step's own time from plain progress ("#N DONE 1.2s" of its line).
run_time() {
  "$mybuild" build --no-cache --progress plain --platform "$1" ctx 2>&1 |
    awk '/[0-9]\/[0-9]\] RUN i=0; while .*sha256sum/ && !id {id=$1} $1==id && /DONE/ {print $3+0}'
}
build linux/amd64,linux/arm64 >/dev/null 2>&1  # warm: bases, store
declare -a A B AB RA RB
for ((r = 0; r < rounds; r++)); do
  A+=("$(secs build linux/amd64)")
  B+=("$(secs build linux/arm64)")
  AB+=("$(secs build linux/amd64,linux/arm64)")
  RA+=("$(run_time linux/amd64)")
  RB+=("$(run_time linux/arm64)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
a=$(median "${A[@]}"); b=$(median "${B[@]}"); ab=$(median "${AB[@]}")
ra=$(median "${RA[@]}"); rb=$(median "${RB[@]}")
slower=$(echo "if ($a > $b) $a else $b" | bc)
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)   rounds: $rounds (medians, seconds)"
echo "linux/amd64 alone          $a"
echo "linux/arm64 alone          $b"
echo "one after the other        $(echo "$a + $b" | bc)"
echo "both in one build          $ab   ($(echo "scale=2; $ab / $slower" | bc)x the slower platform; goal <= 1.10x)"
echo "the CPU RUN, amd64 native  $ra"
echo "the CPU RUN, arm64 (qemu)  $rb   ($(echo "scale=1; $rb / $ra" | bc)x native)"
