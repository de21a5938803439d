// Mount points the sandbox creates when an image lacks them (/proc, /dev,
// /etc/hosts, ...) must not end up in the step's layer.
#pragma once

#include "base/status.h"
#include "executor/sandbox_spec.h"

namespace mybuild::executor {

// Removes from spec.upper_dir each MountStubPaths entry (targets resolved
// in the image's merged lower dirs, as the sandbox's in-root look-ups
// resolved them) that is only a stub, children before parents: one the
// image lacks that is still empty (an empty dir or a zero-length file), or
// a directory the image has that overlayfs copied up to hold a stub and
// that is empty again, not opaque, with the image's mode and owner.
// Anything the step wrote stays. The upper dir is the step's: each entry is
// reached from its fd without following any symlink, so an entry the step
// moved or replaced by a link (to a host dir, say) is left alone. Fails
// naming the entry when a look-up or the removal fails otherwise.
Status RemoveMountStubs(const SandboxSpec& spec);

}  // namespace mybuild::executor
