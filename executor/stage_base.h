// Where a stage starts: its base image's layers or another stage's result;
// and the history entry each step adds to the image config.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "cache/blob_store.h"
#include "cache/snapshot_store.h"
#include "executor/stage_state.h"
#include "planner/build_graph.h"

namespace mybuild::executor {

// The state `stage` starts from: a copy of done[stage.base_stage], or its
// base image's layers (whose blobs must be in `blobs`, marked used for
// prune; nothing is unpacked), or nothing for scratch. Fails naming the
// image when its manifest and config disagree on the number of layers.
Expected<StageState> BaseState(const planner::StagePlan& stage,
                               const std::vector<StageState>& done,
                               cache::BlobStore& blobs);

// Unpacks the snapshots of `s`'s layers that are missing. Only a step that
// runs reads a tree (its own stage's, and those of the stages it reads), so
// a base image or a reused step is unpacked only when a step after it runs:
// a fully cached build unpacks nothing. The layers unpack side by side.
Status EnsureSnapshots(const StageState& s, cache::BlobStore& blobs,
                       cache::SnapshotStore& snapshots);

// Appends `step`'s history entry (empty_layer when it made no layer).
void AddHistory(StageState& s, const planner::Step& step, bool empty,
                const std::string& created);

}  // namespace mybuild::executor
