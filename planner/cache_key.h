// The cache-key recipe. A step's key is the SHA-256 of canonical JSON
// (sorted keys, no whitespace) holding: the format version, the parent's
// key, the step kind and every field that can change the step's output.
// Written down in docs/cache-keys.md; golden tests pin the bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "planner/build_graph.h"

namespace mybuild::planner {

// Bumped whenever the recipe changes, so old records stop matching.
inline constexpr int kCacheKeyVersion = 3;

// "run", "copy", "workdir" or "config": the recipe's "kind".
const char* StepKindName(StepKind kind);

// The key of the base of a stage: from its image's manifest digest, or
// from the key of the last layer step of the stage it builds on, and
// SOURCE_DATE_EPOCH when set (it clamps the mtimes in every layer a step
// makes, so every key of such a build differs from one without it), and
// `platform` ("linux/arm64") when not empty: the caller leaves it empty for
// linux/amd64, so amd64 keys stay what they were and no two platforms'
// steps share a key (a FROM scratch RUN differs per platform).
std::string BaseKey(const StagePlan& stage, const std::string& base_stage_key,
                    std::optional<int64_t> source_date_epoch = std::nullopt,
                    const std::string& platform = "");

// The recipe JSON for `step` on top of `parent_key`. `inputs` is the
// digest of what the step reads besides its parent (COPY sources, or the
// source stage's key for COPY --from).
std::string StepRecipe(const Step& step, const std::string& parent_key,
                       const std::string& inputs);

// Hex SHA-256 of StepRecipe(...).
std::string StepKey(const Step& step, const std::string& parent_key,
                    const std::string& inputs);

}  // namespace mybuild::planner
