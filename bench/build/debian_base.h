// The Debian base image the benchmarks build on: a
// `debootstrap --variant=minbase bookworm` tree, made once and kept in
// /tmp/mybuild-bench-debian between runs (debootstrap takes minutes), built
// FROM scratch into the harness's registry.
#pragma once

#include <string>

#include "bench/build/harness.h"

namespace mybuild::bench {

// Pushes REGISTRY/debian:bookworm and returns that name, or "" (with a note
// on stderr) when debootstrap is missing or fails.
std::string PushDebianBase(const BuildHarness& h);

}  // namespace mybuild::bench
