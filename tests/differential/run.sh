#!/bin/bash
# The differential test against BuildKit; see README.md in this folder.
#
#   tests/differential/run.sh [CASE...]      both builders (root, docker.io, docker-registry)
#   tests/differential/run.sh --write-goldens
#   bazel test //tests/differential:golden_test   mybuild only, against goldens/
set -euo pipefail
if [[ -n "${TEST_SRCDIR:-}" ]]; then
  here="$TEST_SRCDIR/$TEST_WORKSPACE/tests/differential"
  for tool in python3 docker-registry /bin/busybox; do
    if ! command -v "$tool" >/dev/null; then
      echo "SKIP: $tool is not installed (apt-get install python3 docker-registry busybox-static)"
      exit 0
    fi
  done
  if [[ $(id -u) != 0 ]]; then
    echo "SKIP: needs root (mybuild's RUN steps)"
    exit 0
  fi
  exec python3 "$here/run.py" --golden-check --mybuild "$TEST_SRCDIR/$TEST_WORKSPACE/cli/mybuild" "$@"
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec python3 "$here/run.py" "$@"
