#!/usr/bin/env bash
# Runs every test and ends with one summary line counting test cases:
#   N passed, N failed, N skipped
# Exit status is bazel's: non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

bazel test //... "$@"
status=$?

# Count test cases from the JUnit XML each test wrote (or Bazel wrote for
# a test binary that crashed): a self-closed <testcase .../> passed, one
# marked result="skipped" was skipped, any other one has a failure inside.
read -r passed failed skipped < <(
  find -L bazel-testlogs/ -name test.xml -print0 2>/dev/null |
    xargs -0 -r cat |
    awk '/<testcase / { if ($0 ~ /result="skipped"/) s++;
                       else if ($0 ~ /\/>[[:space:]]*$/) p++; else f++ }
         END { print p+0, f+0, s+0 }')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
