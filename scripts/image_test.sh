#!/bin/sh
# Builds mybuild's container image (scripts/build-image.sh) with mybuild and
# runs `mybuild version` in it under runc:
#   scripts/image_test.sh [DEB]
# Without DEB, packages $MYBUILD (under Bazel: //cli:mybuild) first.
# Needs root, umoci, runc and the network: //scripts:image_test is manual.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/image-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export MYBUILD=${MYBUILD:-$here/../cli/mybuild} MYBUILD_ROOT=$tmp/state
deb=${1:-}
[ -n "$deb" ] || deb=$(MYBUILD_BINARY=$MYBUILD "$here/build-deb.sh" "$tmp/out" 2>/dev/null)
version=$(dpkg-deb -f "$deb" Version)

"$here/build-image.sh" "$deb" "$tmp/layout" > "$tmp/build.log" 2>&1 ||
  { tail -n 30 "$tmp/build.log" >&2; fail "build-image.sh"; }
umoci unpack --image "$tmp/layout:$version" "$tmp/bundle" > /dev/null
python3 - "$tmp/bundle/config.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["process"]["terminal"] = False
c["process"]["args"] = ["mybuild", "version"]
json.dump(c, open(sys.argv[1], "w"))
PY
first=$(runc run --bundle "$tmp/bundle" "mybuild-image-test-$$" < /dev/null | head -n 1)
[ "$first" = "mybuild $version" ] || fail "mybuild version in the image printed '$first'"
echo "PASS: the image runs 'mybuild version' under runc"
