#!/usr/bin/env bash
# The README's first command: installs what mybuild needs from Debian,
# builds mybuild, and builds and runs the bundled example offline:
#   1. starts Debian's docker-registry on a free loopback port,
#   2. builds a busybox base image FROM scratch (from busybox-static) and
#      pushes it there,
#   3. builds testdata/e2e/hello FROM that base and pushes it,
#   4. runs the result with runc (skopeo copy + umoci unpack).
# Run as root on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD

./scripts/install-deps.sh
# The binary users get is optimised; bazel-bin keeps pointing at whatever
# configuration built last, so ask Bazel where the optimised one is.
bazel build -c opt --config=release //cli:mybuild
mybuild=$(bazel info -c opt --config=release bazel-bin)/cli/mybuild

work=$(mktemp -d /tmp/mybuild-quickstart.XXXXXX)
registry_pid=
cleanup() {
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export MYBUILD_ROOT=$work/state

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 30000)))
cat > "$work/registry.yml" <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
log:
  level: error
YAML
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$port/v2/" > /dev/null && break
  sleep 0.1
done
echo "== registry on 127.0.0.1:$port"

# A busybox root filesystem: the static binary and its applet links.
rootfs=$work/base/rootfs
mkdir -p "$rootfs"/{bin,etc,proc,dev,sys,tmp,root}
cp /bin/busybox "$rootfs/bin/"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' > "$rootfs/etc/group"
printf 'FROM scratch\nCOPY rootfs/ /\nCMD ["sh"]\n' > "$work/base/Dockerfile"

echo "== building the busybox base image"
"$mybuild" build -t "127.0.0.1:$port/busybox:1" --push "$work/base"
echo "== building testdata/e2e/hello"
"$mybuild" build --build-arg "BASE=127.0.0.1:$port/busybox:1" \
  -t "127.0.0.1:$port/hello:1" --push testdata/e2e/hello
"$mybuild" images

echo "== running it with runc"
skopeo copy -q --src-tls-verify=false "docker://127.0.0.1:$port/hello:1" "oci:$work/layout:hello"
umoci unpack --image "$work/layout:hello" "$work/bundle" > /dev/null
sed -i 's/"terminal": *true/"terminal":false/' "$work/bundle/config.json"
runc run --bundle "$work/bundle" "mybuild-quickstart-$$"
