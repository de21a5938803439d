#!/bin/sh
# Builds a Debian package of an optimised mybuild:
#   scripts/build-deb.sh [OUTDIR]      (default: the current directory)
# makes OUTDIR/mybuild_VERSION_amd64.deb with /usr/bin/mybuild, its man pages
# and its bash, zsh and fish completions (laid out by scripts/install.sh).
# Depends is computed, not written by hand: dpkg-shlibdeps maps every shared
# library the binary links (ldd) to the Debian package that ships it, with
# that package's minimum version; to it are added the programs mybuild runs:
#   slirp4netns  a RUN step's default network (--network=none needs none);
#   git          (Recommends) ADD of a git URL and git build contexts.
# BAZEL, BAZEL_FLAGS and MYBUILD_BINARY are passed to install.sh (the last
# packages that binary instead of building one). Needs dpkg-dev and binutils.
set -eu

outdir=${1:-.}
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mybuild-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT

# dpkg-shlibdeps reads debian/control and expects the files under
# debian/PACKAGE.
root=$work/src/debian/mybuild
DESTDIR=$root "$top/scripts/install.sh" /usr > /dev/null
bin=$root/usr/bin/mybuild
strip --strip-unneeded --remove-section=.comment "$bin"
gzip -9n "$root"/usr/share/man/man1/*.1
version=$("$bin" version | sed -n '1s/^mybuild //p')
[ -n "$version" ] || { echo "build-deb.sh: no version from '$bin version'" >&2; exit 1; }
arch=$(dpkg --print-architecture)

printf 'Source: mybuild\n\nPackage: mybuild\nArchitecture: any\n' > "$work/src/debian/control"
shlibs=$(cd "$work/src" && dpkg-shlibdeps -O -edebian/mybuild/usr/bin/mybuild | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "build-deb.sh: dpkg-shlibdeps found no libraries for $bin" >&2; exit 1; }

size=$(du -sk "$root" | cut -f1)
mkdir -p "$root/DEBIAN" "$root/usr/share/doc/mybuild"
gzip -9n < "$top/README.md" > "$root/usr/share/doc/mybuild/README.md.gz"
cat > "$root/DEBIAN/control" <<EOF
Package: mybuild
Version: $version
Architecture: $arch
Maintainer: mybuild developers <mybuild@localhost>
Installed-Size: $size
Depends: $shlibs, slirp4netns
Recommends: git
Section: admin
Priority: optional
Description: daemonless Dockerfile to OCI image builder
 mybuild builds OCI images from Dockerfiles without a daemon: RUN steps run
 in namespaces of their own, layers are cached by content, and images are
 pushed to any OCI registry or written as OCI layouts and docker archives.
EOF
deb=$outdir/mybuild_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" > /dev/null
echo "$deb"
