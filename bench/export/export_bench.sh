#!/bin/bash
# Export speed (issue 11), by hand, as root, on an idle machine:
#   bench/export/export_bench.sh [ROOTFS_DIR] [ROUNDS]
# with MYBUILD=path/to/mybuild (default bazel-bin/cli/mybuild, built -c opt).
# Two layers: 300 MB of random bytes, and ROOTFS_DIR (e.g. a
# `debootstrap --variant=minbase bookworm` tree) copied in by COPY. For each,
# in one run and on the same data: `-o type=oci` with compression=zstd and
# with compression=gzip,force-compression=true (every layer compressed
# again: read, decompress, compress, write), next to `zstd -3 -T2` and
# `pigz -p2 -6` on the layer's tar; then `mybuild save` of the random image
# next to `cp` of its three blobs. Prints the medians of ROUNDS rounds
# (default 3) of wall and CPU (user + sys) seconds, each round running
# ours and the peer back to back (in turns first, so a shared machine's
# load hits both alike), and a no-op build's (the part of each export that
# is not exporting). On a shared machine the CPU figures are the steadier
# ones. Remembered variants (records and blobs) are removed before each
# round, untimed, so every round compresses into a new blob.
set -euo pipefail
MYBUILD=$(readlink -f "${MYBUILD:-bazel-bin/cli/mybuild}")
ROOTFS=${1:-}
ROUNDS=${2:-3}
W=$(mktemp -d /var/tmp/export_bench.XXXXXX)
trap 'rm -rf "$W"' EXIT

# The median of column $1 of the lines read.
median() { awk -v c="$1" '{print $c}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# "WALL CPU" seconds (CPU: user + sys, children included) of one run of
# "$@", its output discarded.
secs() {
  local t
  t=$({ TIMEFORMAT='%R %U %S'; time "$@" > /dev/null 2>&1; } 2>&1)
  echo "$t" | awk '{printf "%.3f %.3f\n", $1, $2 + $3}'
}
# "A_WALL A_CPU B_WALL B_CPU": the medians of ROUNDS rounds, each one run
# of function A then one of function B (B first in every other round), so
# that the load of a shared machine hits both sides alike. A function's
# prep (removing earlier output) is not timed: PREP_A and PREP_B run first.
pair() {
  local prep_a=$1 a=$2 prep_b=$3 b=$4 runs i
  runs=$(for i in $(seq "$ROUNDS"); do
    if [ $((i % 2)) = 1 ]; then
      eval "$prep_a"; ta=$(secs "$a")
      eval "$prep_b"; tb=$(secs "$b")
    else
      eval "$prep_b"; tb=$(secs "$b")
      eval "$prep_a"; ta=$(secs "$a")
    fi
    echo "$ta $tb"
  done)
  echo "$(echo "$runs" | median 1) $(echo "$runs" | median 2)" \
    "$(echo "$runs" | median 3) $(echo "$runs" | median 4)"
}
# The first / second "WALL CPU" of pair's output.
side_a() { echo "$1" | awk '{print $1, $2}'; }
side_b() { echo "$1" | awk '{print $3, $4}'; }
# "A B": "a s (b s CPU)".
show() { echo "$1" | awk '{printf "%.3f s (%.3f s CPU)", $1, $2}'; }
# The ratios of wall and CPU of "A_WALL A_CPU" to "B_WALL B_CPU".
ratio() { echo "$1 $2" | awk '{printf "%.2fx wall, %.2fx CPU", $1 / $3, $2 / $4}'; }

# Removes the variants of store $1: their records and their blobs.
forget_variants() {
  local d
  for d in $(cat "$1"/variants/*/* 2> /dev/null); do
    rm -f "$1/blobs/sha256/${d#sha256:}" "$1/verified/${d#sha256:}"
  done
  rm -rf "$1/variants"
}

bench_case() {
  local name=$1 ctx=$2
  local root=$W/root-$name
  "$MYBUILD" build --progress quiet --root "$root" -t "$name:1" -o type=image \
    -o "type=oci,dest=$W/$name.oci" "$ctx" > /dev/null
  local layer
  layer=$(python3 -c 'import json,sys; d=sys.argv[1]; i=json.load(open(d+"/index.json")); m=json.load(open(d+"/blobs/sha256/"+i["manifests"][0]["digest"][7:])); print(m["layers"][-1]["digest"][7:])' "$W/$name.oci")
  gzip -dc "$root/blobs/sha256/$layer" > "$W/$name.tar"
  local tar_mb
  tar_mb=$(($(stat -c %s "$W/$name.tar") / 1000000))
  build=("$MYBUILD" build --progress quiet --root "$root")
  ctx_now=$ctx tar_now=$W/$name.tar
  noop_build() { "${build[@]}" -o type=image "$ctx_now"; }
  zstd_ours() { "${build[@]}" -o "type=oci,dest=$W/out,compression=zstd" "$ctx_now"; }
  zstd_cli() { zstd -q -3 -T2 -o "$W/out.zst" "$tar_now"; }
  gzip_ours() {
    "${build[@]}" -o "type=oci,dest=$W/out,compression=gzip,force-compression=true" "$ctx_now"
  }
  pigz_cli() { pigz -p2 -6 -c "$tar_now" > "$W/out.gz"; }
  # Untimed, as the peers' `rm -f` of their output: the variants an export
  # made, record and blob, so that each round compresses into a new blob.
  forget="rm -rf $W/out; forget_variants $root"
  local noop zstd gzip
  noop=$(secs noop_build)
  zstd=$(pair "$forget" zstd_ours "rm -f $W/out.zst" zstd_cli)
  gzip=$(pair "$forget" gzip_ours "rm -f $W/out.gz" pigz_cli)
  echo "$name: layer tar $tar_mb MB; a no-op build: $(show "$noop")"
  echo "  zstd: mybuild $(show "$(side_a "$zstd")"), zstd -3 -T2 $(show "$(side_b "$zstd")"):" \
    "$(ratio "$(side_a "$zstd")" "$(side_b "$zstd")")"
  echo "  gzip: mybuild $(show "$(side_a "$gzip")"), pigz -p2 -6 $(show "$(side_b "$gzip")"):" \
    "$(ratio "$(side_a "$gzip")" "$(side_b "$gzip")")"
  echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

mkdir -p "$W/random"
head -c 300000000 /dev/urandom > "$W/random/big"
printf 'FROM scratch\nCOPY big /big\n' > "$W/random/Dockerfile"
bench_case random "$W/random"
if [ -n "$ROOTFS" ]; then
  mkdir -p "$W/rootfs"
  cp -a "$ROOTFS" "$W/rootfs/fs"
  printf 'FROM scratch\nCOPY fs/ /\n' > "$W/rootfs/Dockerfile"
  bench_case rootfs "$W/rootfs"
fi

# save of the random image next to cp of its blobs (manifest, config, layer).
root=$W/root-random
blobs=$(python3 -c 'import json,sys; d=sys.argv[1]; i=json.load(open(d+"/index.json")); h=i["manifests"][0]["digest"][7:]; m=json.load(open(d+"/blobs/sha256/"+h)); print(" ".join([h, m["config"]["digest"][7:]] + [l["digest"][7:] for l in m["layers"]]))' "$W/random.oci")
paths=()
for b in $blobs; do paths+=("$root/blobs/sha256/$b"); done
save_ours() { "$MYBUILD" save --root "$root" -o "$W/save.tar" random:1; }
copy_cli() { cp "${paths[@]}" "$W/cp/"; }
save=$(pair "rm -f $W/save.tar" save_ours "rm -rf $W/cp && mkdir $W/cp" copy_cli)
echo "save: $(($(stat -c %s "$W/save.tar") / 1000000)) MB: mybuild save $(show "$(side_a "$save")")," \
  "cp of the blobs $(show "$(side_b "$save")"): $(ratio "$(side_a "$save")" "$(side_b "$save")")"
echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
