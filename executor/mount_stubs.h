// Mount points the sandbox creates when an image lacks them (/proc, /dev,
// /etc/hosts, ...) must not end up in the step's layer.
#pragma once

#include "base/status.h"
#include "executor/sandbox_spec.h"

namespace mybuild::executor {

// Removes from spec.upper_dir each MountStubPaths() entry that no lower dir
// has and that is still empty (an empty dir or a zero-length file), children
// before parents. Anything the step wrote stays.
Status RemoveMountStubs(const SandboxSpec& spec);

}  // namespace mybuild::executor
