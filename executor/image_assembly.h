// Writes a built stage as an OCI image: config blob and manifest blob.
#pragma once

#include "base/status.h"
#include "cache/blob_store.h"
#include "executor/build_executor.h"
#include "executor/stage_state.h"

namespace mybuild::executor {

// Sets created/architecture/os on the stage's config, stores it and an OCI
// image manifest listing the stage's layers. Same input, same digests.
Expected<BuiltImage> AssembleImage(const StageState& stage,
                                   const ExecOptions& options,
                                   cache::BlobStore& blobs);

}  // namespace mybuild::executor
