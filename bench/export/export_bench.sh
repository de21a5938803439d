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
# (default 3) of wall and CPU (user + sys) seconds, and a no-op build's (the
# part of each export that is not exporting). On a shared machine the CPU
# figures are the steadier ones. Remembered variants are removed before each
# round, so every round compresses.
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
# "WALL CPU": the medians of ROUNDS runs of "$@", PREP (a shell snippet)
# run before each.
timed() {
  local prep=$1 runs
  shift
  runs=$(for _ in $(seq "$ROUNDS"); do
    eval "$prep"
    secs "$@"
  done)
  echo "$(echo "$runs" | median 1) $(echo "$runs" | median 2)"
}
# "A B": "a s (b s CPU)".
show() { echo "$1" | awk '{printf "%.3f s (%.3f s CPU)", $1, $2}'; }
# The ratios of wall and CPU of "A_WALL A_CPU" to "B_WALL B_CPU".
ratio() { echo "$1 $2" | awk '{printf "%.2fx wall, %.2fx CPU", $1 / $3, $2 / $4}'; }

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
  local build=("$MYBUILD" build --progress quiet --root "$root")
  local noop zstd_ours zstd_cli gzip_ours pigz_cli
  noop=$(timed "" "${build[@]}" -o type=image "$ctx")
  zstd_ours=$(timed "rm -rf $root/variants $W/out" \
    "${build[@]}" -o "type=oci,dest=$W/out,compression=zstd" "$ctx")
  zstd_cli=$(timed "rm -f $W/out.zst" zstd -q -3 -T2 -o "$W/out.zst" "$W/$name.tar")
  gzip_ours=$(timed "rm -rf $root/variants $W/out" \
    "${build[@]}" -o "type=oci,dest=$W/out,compression=gzip,force-compression=true" "$ctx")
  pigz_cli=$(timed "rm -f $W/out.gz" sh -c "pigz -p2 -6 -c '$W/$name.tar' > '$W/out.gz'")
  echo "$name: layer tar $tar_mb MB; a no-op build: $(show "$noop")"
  echo "  zstd: mybuild $(show "$zstd_ours"), zstd -3 -T2 $(show "$zstd_cli"): $(ratio "$zstd_ours" "$zstd_cli")"
  echo "  gzip: mybuild $(show "$gzip_ours"), pigz -p2 -6 $(show "$pigz_cli"): $(ratio "$gzip_ours" "$pigz_cli")"
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
save=$(timed "rm -f $W/save.tar" "$MYBUILD" save --root "$root" -o "$W/save.tar" random:1)
copy=$(timed "rm -rf $W/cp && mkdir $W/cp" cp "${paths[@]}" "$W/cp/")
echo "save: $(($(stat -c %s "$W/save.tar") / 1000000)) MB: mybuild save $(show "$save"), cp of the blobs $(show "$copy"): $(ratio "$save" "$copy")"
