// Mount points the sandbox creates when an image lacks them (/proc, /dev,
// /etc/hosts, ...) must not end up in the step's layer.
#pragma once

#include "base/status.h"
#include "executor/sandbox_spec.h"

namespace mybuild::executor {

// Removes from spec.upper_dir each MountStubPaths(spec) entry that is only
// a stub, children before parents: one the image lacks that is still empty
// (an empty dir or a zero-length file), or a directory the image has that
// overlayfs copied up to hold a stub and that is empty again, not opaque,
// with the image's mode and owner. Anything the step wrote stays.
Status RemoveMountStubs(const SandboxSpec& spec);

}  // namespace mybuild::executor
