// What a build does with its image once built: the -o outputs (the local
// store, a registry, OCI/docker archives, the rootfs) and --metadata-file.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>
#include <ostream>

#include "cache/store_paths.h"
#include "cli/command_line.h"
#include "cli/registry_session.h"
#include "executor/build_executor.h"
#include "executor/progress.h"

namespace mybuild::cli {

// Writes every output `o` asks for (none: type=image with the -t tags;
// --push adds type=registry), in order, then the metadata file. An output
// without names that needs one (type=registry) fails with kInvalidArgument
// "type=registry needs a name (-t or name=)"; otherwise the first export,
// tag or push error is returned. `created` is the tag time. A push tries
// every name, writes "REF@sha256:..." to `pushed` for each one pushed and
// "mybuild: <error>" to `err` for each one that failed, then fails with the
// first error ("push failed for N of M tags" when there were several).
// `epoch` is the build's SOURCE_DATE_EPOCH: what an output's
// rewrite-timestamp=true clamps layer mtimes to unless it names its own
// source-date-epoch=N; with neither, a warning goes to `err` and the layers
// stay as built (BuildKit ignores the option so too).
// Returns the image ID (config digest) of the first output's image.
Expected<oci::Digest> WriteOutputs(const BuildOptions& o, const cache::StorePaths& store,
                    const executor::BuiltImage& built, const std::string& created,
                    std::optional<int64_t> epoch,
                    RegistrySession& session, executor::Progress& progress,
                    std::ostream& pushed, std::ostream& err);

// The same for the images of several platforms (in the order built): each
// output gets one image index listing them (type=image tags it, a push
// pushes each image by digest and then the index under each name, type=oci
// writes a layout whose index.json points at it, type=local writes each
// platform's files under DEST/linux_arm64/ ...); type=docker, type=tar and
// an OCI tar take one image and fail. One image: as above. Returns the
// index's digest (one image: its ID).
Expected<oci::Digest> WriteOutputs(const BuildOptions& o, const cache::StorePaths& store,
                    const std::vector<executor::BuiltImage>& built, const std::string& created,
                    std::optional<int64_t> epoch,
                    RegistrySession& session, executor::Progress& progress,
                    std::ostream& pushed, std::ostream& err);

// Whether an output writes to stdout (then nothing else may).
bool OutputsUseStdout(const BuildOptions& o);

}  // namespace mybuild::cli
