#!/bin/sh
# Bazel's --workspace_status_command (.bazelrc): the commit `mybuild version`
# prints. STABLE_: a new commit rebuilds //cli/version:build_commit (and
# relinks what uses it), nothing else. Offline; "unknown" outside a git tree.
c=$(git rev-parse HEAD 2>/dev/null) || c=
echo "STABLE_GIT_COMMIT ${c:-unknown}"
