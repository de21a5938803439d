#!/bin/sh
# Builds an optimised mybuild and installs it under PREFIX (default
# /usr/local): the binary, its man pages and its bash, zsh and fish
# completions, all made by the binary from its own command table.
#   scripts/install.sh [PREFIX]
# DESTDIR is honoured (packaging: DESTDIR=/tmp/pkg scripts/install.sh /usr).
# BAZEL (default bazel) and BAZEL_FLAGS (e.g. --output_base=...) are passed
# through; MYBUILD_BINARY=PATH installs that binary instead of building.
set -eu

prefix=${1:-/usr/local}
dest=${DESTDIR:-}
cd "$(dirname "$0")/.."

if [ -n "${MYBUILD_BINARY:-}" ]; then
  bin=$MYBUILD_BINARY
else
  bazel=${BAZEL:-bazel}
  # shellcheck disable=SC2086
  $bazel ${BAZEL_FLAGS:-} build -c opt --config=release //cli:mybuild
  # shellcheck disable=SC2086
  bin=$($bazel ${BAZEL_FLAGS:-} info -c opt --config=release bazel-bin)/cli/mybuild
fi

install -d "$dest$prefix/bin" "$dest$prefix/share/man/man1" \
  "$dest$prefix/share/bash-completion/completions" \
  "$dest$prefix/share/zsh/vendor-completions" \
  "$dest$prefix/share/fish/vendor_completions.d"
install -m 0755 "$bin" "$dest$prefix/bin/mybuild"
new=$dest$prefix/bin/mybuild
"$new" man -o "$dest$prefix/share/man/man1"
"$new" completion bash > "$dest$prefix/share/bash-completion/completions/mybuild"
"$new" completion zsh > "$dest$prefix/share/zsh/vendor-completions/_mybuild"
"$new" completion fish > "$dest$prefix/share/fish/vendor_completions.d/mybuild.fish"
echo "installed $prefix/bin/mybuild ($("$new" version | head -n 1)), man pages and completions"
