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

// A COPY of context path `src` to `dest` at Dockerfile line `line`, as the
// planner hands it over (its cache key left for the test to set).
planner::Step CopyStepOf(std::string src, std::string dest, int line);

// A RUN of `argv` at line `line`, in /: its text is "RUN " and argv's last
// word, its history "RUN " and argv joined by spaces ("RUN /bin/sh -c ...").
planner::Step RunStepOf(std::vector<std::string> argv, int line);

// Records what a build tells the user: `log` has a line per step,
// "run TEXT", "cached TEXT" or "failed TEXT: ERROR"; `output` is every
// step's output; `keys` each shown step's key, `planned` Planned's count.
class RecordingProgress : public Progress {
 public:
  void Planned(int steps) override { planned = steps; }
  void Started(const StepLabel& s) override {
    log += "run " + s.text + "\n";
    keys.push_back(s.key);
  }
  void Cached(const StepLabel& s) override {
    log += "cached " + s.text + "\n";
    keys.push_back(s.key);
  }
  void Output(const StepLabel&, std::string_view c) override { output += c; }
  void Done(const StepLabel&, double) override {}
  void Failed(const StepLabel& s, std::string_view error) override {
    log += "failed " + s.text + ": " + std::string(error) + "\n";
  }
  void Note(std::string_view) override {}
  std::string log, output;
  std::vector<std::string> keys;
  int planned = -1;
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
