#!/bin/sh
# Makes a fresh minimal Debian root in DIR with debootstrap:
#   scripts/debian-rootfs.sh DIR [SUITE]        (SUITE default bookworm)
# The mirror is the one this machine's apt uses (the first URIs: or deb line
# of /etc/apt/sources.list{,.d/*}), or $MIRROR; packages already in the
# local apt cache (/var/cache/apt/archives) are not downloaded again.
# Used by scripts/deb_install_test.sh and scripts/build-image.sh. Needs root.
set -eu
dir=$1
suite=${2:-bookworm}
if [ -z "${MIRROR:-}" ]; then
  MIRROR=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
    sed -n 's/^URIs: *\([^ ]*\).*/\1/p' | grep -v security | head -n 1)
  [ -n "$MIRROR" ] || MIRROR=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null |
    awk '{print $2}' | head -n 1)
  MIRROR=${MIRROR:-http://deb.debian.org/debian}
fi
cache=${DEBOOTSTRAP_CACHE:-/var/cache/apt/archives}
# One debootstrap at a time per cache: two at once (deb_install_test and
# image_test under --jobs=2) download the same .deb into the same file and
# each then fails validating it ("Retrying failed download of ...").
mkdir -p "$cache"
flock "$cache/.debian-rootfs.lock" \
  debootstrap --variant=minbase --cache-dir="$cache" "$suite" "$dir" "$MIRROR" > "$dir.log" 2>&1 || {
  tail -n 20 "$dir.log" >&2
  exit 1
}
rm -f "$dir.log"
