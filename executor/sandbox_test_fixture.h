// A fixture for tests that run real steps in the sandbox over a busybox
// root: lower/ (the image), upper/, work/, mnt/ and etc/ under a fresh test
// directory. Skips when not root or when busybox-static is missing.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "base/temp_dir.h"
#include "executor/sandbox.h"

namespace mybuild::executor::testing {

class SandboxFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  // `p` under the test directory.
  std::string P(const std::string& p) const { return dir_->path() + "/" + p; }
  // An empty overlay work dir, a new one each time: the sandbox mounts its
  // overlay volatile, and the kernel refuses a work dir used before.
  std::string FreshWorkDir() const;
  // `sh -c script` as root over lower/, with PATH=/bin and `mounts`.
  SandboxSpec Spec(const std::string& script,
                   std::vector<SandboxMount> mounts = {}) const;
  // Runs `spec` with a fresh work dir of its own. The step's output, then
  // "exit N" when it failed, or "error: " and the
  // message when the sandbox did.
  std::string Run(const SandboxSpec& spec) const;
  // Paths below P(dir), relative to it and sorted; links are not followed.
  std::vector<std::string> Tree(const std::string& dir) const;

  std::unique_ptr<TempDir> dir_;
  mutable int work_dirs_ = 0;
};

}  // namespace mybuild::executor::testing
