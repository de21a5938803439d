#!/usr/bin/env bash
# Installs, from Debian 12's archive, everything mybuild needs to build and
# to run its tests. Run as root. Safe to run again.
set -euo pipefail

packages=(
  # build
  bazel-bootstrap bazel-rules-java g++ git
  libarchive-dev libssl-dev libcurl4-openssl-dev nlohmann-json3-dev libcpptoml-dev
  libfmt-dev libgtest-dev libgmock-dev libcli11-dev libyaml-cpp-dev
  libseccomp-dev libzstd-dev libdeflate-dev libisal-dev
  # real parts the tests and the quick start use
  docker-registry skopeo umoci runc podman zstd busybox-static shellcheck pre-commit
  openssl apache2-utils ca-certificates
  # a RUN step's default network (user-mode stack); ip netns for its tests
  slirp4netns iproute2
  # RUN steps of a foreign --platform (linux/arm64...): qemu handlers registered with the F flag
  qemu-user-static binfmt-support
  # rootless builds: newuidmap/newgidmap, and the overlay fallback where the kernel refuses
  uidmap fuse-overlayfs
  # the tty progress test's terminal; completion and man page checks
  tmux zsh fish groff-base man-db
  # optional, not for CI: docker.io runs BuildKit for tests/differential/run.sh
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The multi-platform tests (cli:multi_platform_test) run arm64 RUN steps
# under qemu-aarch64 and download Debian's busybox-static:arm64 for their
# base. A Debian host with systemd has the handler registered (F flag) by
# binfmt-support at boot; a container or chroot without it gets it here.
# mybuild itself never registers one (`mybuild binfmt install` does, when asked).
# None of this is needed to build or run mybuild: a failure here only makes
# that test skip, saying why.
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64 && apt-get update -q || echo "install-deps: no arm64 package lists (the multi-platform test will skip)"
fi
if [[ ! -e /proc/sys/fs/binfmt_misc/status ]]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || true
fi
if [[ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]]; then
  update-binfmts --enable qemu-aarch64 || true
fi
