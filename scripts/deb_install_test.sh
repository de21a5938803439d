#!/bin/sh
# Installs the .deb in a fresh Debian root and builds an image there:
#   scripts/deb_install_test.sh [DEB]
# Without DEB, packages the binary $MYBUILD (under Bazel: //cli:mybuild from
# the runfiles) with scripts/build-deb.sh. The root comes from
# scripts/debian-rootfs.sh (debootstrap from this machine's apt mirror), so
# `apt-get install ./mybuild_*.deb` must find every declared dependency, and
# nothing else, in a bare Debian. Then, chrooted there:
#   mybuild version          its first line is "mybuild VERSION" of the .deb;
#   mybuild build            FROM scratch + a RUN on the default network
#                            (slirp4netns, from Depends), exported with
#                            -o type=local; the file the RUN wrote is checked.
# Needs root and the network (about 150 MB from the mirror the first time,
# 2-3 minutes): //scripts:deb_install_test is tagged manual.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/deb-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

deb=${1:-}
if [ -z "$deb" ]; then
  bin=${MYBUILD:-$here/../cli/mybuild}
  deb=$(MYBUILD_BINARY=$bin "$here/build-deb.sh" "$tmp/out" 2>/dev/null)
fi
version=$(dpkg-deb -f "$deb" Version)

root=$tmp/root
"$here/debian-rootfs.sh" "$root"
cp "$deb" "$root/tmp/mybuild.deb"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir "$root/ctx"
cp /bin/busybox "$root/ctx/busybox"
cat > "$root/ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "sh", "-c", "/bin/busybox echo built in a fresh root > /greeting"]
DOCKERFILE

# The root is a mount point of its own (mybuild's sandbox bind-mounts "/"
# before pivot_root), in a private mount namespace that cleans itself up.
cat > "$tmp/in-root.sh" <<SCRIPT
set -eu
mount --bind "$root" "$root"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount --rbind /sys "$root/sys"
exec chroot "$root" /bin/sh -c "\$1"
SCRIPT
in_root() { unshare --mount --propagation private --fork sh "$tmp/in-root.sh" "$1"; }

in_root 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/mybuild.deb' \
  > "$tmp/apt.log" 2>&1 || { tail -n 30 "$tmp/apt.log" >&2; fail "apt-get install of the .deb"; }

first=$(in_root 'mybuild version' | head -n 1)
[ "$first" = "mybuild $version" ] || fail "mybuild version printed '$first', want 'mybuild $version'"

in_root 'mybuild build --progress=plain -t fresh:1 -o type=local,dest=/out /ctx' > "$tmp/build.log" 2>&1 ||
  { cat "$tmp/build.log" >&2; fail "mybuild build in the fresh root"; }
got=$(cat "$root/out/greeting")
[ "$got" = "built in a fresh root" ] || fail "the RUN step wrote '$got'"
echo "PASS: $(basename "$deb") installs and builds in a fresh Debian root"
