// Helpers for tests that build a Dockerfile for real: through the frontend,
// the planner, the context digester and the executor, into a store under a
// test directory, and that read the image back with umoci.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/status.h"
#include "base/temp_dir.h"
#include "executor/build_executor.h"

namespace mybuild::executor::testing {

// The fixture of the tests that build for real: they run as root only, in a
// fresh temp dir whose paths P() names. SetUpBuild skips the test, saying
// why, when it is not root or (with `umoci`) umoci is missing; with
// `busybox` it puts a busybox rootfs in ctx/rootfs (skipping when Debian's
// busybox-static is absent), else it makes an empty ctx/. Callers return
// from their SetUp when IsSkipped() or HasFatalFailure().
class BuildTest : public ::testing::Test {
 protected:
  void SetUpBuild(bool busybox, bool umoci);
  std::string P(const std::string& p) const { return dir_->path() + "/" + p; }
  std::unique_ptr<TempDir> dir_;
};

// Records what a build tells the user: `log` has a line per step,
// "run TEXT" or "cached TEXT"; `output` is every step's output.
class RecordingProgress : public Progress {
 public:
  void Started(const StepLabel& s) override { log += "run " + s.text + "\n"; }
  void Cached(const StepLabel& s) override { log += "cached " + s.text + "\n"; }
  void Output(const StepLabel&, std::string_view c) override { output += c; }
  void Done(const StepLabel&, double) override {}
  void Note(std::string_view) override {}
  std::string log, output;
};

// "path mode uid:gid [dir | -> target | sizeB [=first path of its inode]]"
// for everything under root + each of `dirs`, sorted; then, indented, each
// extended attribute of the entry as name=hex.
std::string Tree(const std::string& root, const std::vector<std::string>& dirs);

// Plans `dockerfile` (no base images but stages and scratch) against the
// context `context_dir` and builds it into the store at `store_root`, with
// `options` (its context_dir and created are filled in). The planner's or
// executor's error is returned as it is.
Expected<BuiltImage> BuildDockerfile(const std::string& dockerfile,
                                     const std::string& context_dir,
                                     const std::string& store_root,
                                     ExecOptions options, Progress& progress);

// The path of layer `layer`'s tar in `store`, written first when it is a
// lazy layer (cache/lazy_layers.h); "" when that fails.
std::string StoredLayer(const cache::StorePaths& store, const oci::Digest& layer);

// Writes `image` from the store at `store_root` into an OCI layout at
// `layout_dir` (tag "t") and runs `umoci unpack` into `bundle_dir`. Fails
// with umoci's exit status when it refuses the image.
Status UnpackWithUmoci(const BuiltImage& image, const std::string& store_root,
                       const std::string& layout_dir,
                       const std::string& bundle_dir);

}  // namespace mybuild::executor::testing
