#!/usr/bin/env bash
# Runs every test and ends with one summary line counting test cases:
#   N passed, N failed, N skipped
# Exit status is bazel's: non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

bazel test //... "$@"
status=$?

# Count test cases from the JUnit XML each test wrote (or Bazel wrote for
# a test binary that is not gtest, or crashed): a case marked
# result="skipped" was skipped, one holding <failure> or <error> failed, any
# other passed.
read -r passed failed skipped < <(
  find -L bazel-testlogs/ -name test.xml -print0 2>/dev/null |
    xargs -0 -r cat |
    awk 'function close_case() { if (open) { if (skip) s++; else if (bad) f++; else p++ } open = 0 }
         /<testcase / { close_case(); open = 1; bad = 0; skip = ($0 ~ /result="skipped"/) }
         /<failure|<error/ { bad = 1 }
         /\/>[[:space:]]*$/ && /<testcase / { close_case() }
         /<\/testcase>/ { close_case() }
         END { close_case(); print p+0, f+0, s+0 }')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
