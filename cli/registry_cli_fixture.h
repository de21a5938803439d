// For end-to-end tests of mybuild against registries: a temp dir that is
// HOME (so no credentials of the machine's are read), a context whose
// Dockerfile copies one file into scratch, and Run() of the binary there.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "registry/testing/subprocess.h"

namespace mybuild::cli::testing {

using registry::testing::CommandResult;

class RegistryCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(MakeDirs(Path("ctx")).ok());
    ASSERT_TRUE(WriteFileAtomic(Path("ctx/Dockerfile"), "FROM scratch\nCOPY f /f\n").ok());
    ASSERT_TRUE(WriteFileAtomic(Path("ctx/f"), "hello\n").ok());
  }

  // Runs `sh -c "mybuild ARGS --root ROOT"` with HOME in the temp dir, no
  // credential variables of the caller's, `env` ("K=V ...") set after them,
  // the temp dir first in PATH (for test credential helpers), and `input`
  // on stdin.
  CommandResult Run(const std::string& args, const std::string& input = "",
                    const std::string& env = "") {
    std::string bin = std::filesystem::absolute("cli/mybuild").string();
    std::string cmd = "PATH=" + dir_.path() + ":$PATH; printf '%s' '" + input + "' | HOME=" +
                      dir_.path() + " REGISTRY_AUTH_FILE= DOCKER_CONFIG= XDG_RUNTIME_DIR= " + env +
                      " " + bin + " " + args + " --root " + Path("root");
    auto r = registry::testing::RunCommand({"sh", "-c", cmd});
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : CommandResult{};
  }
  std::string Path(const std::string& rel) const { return dir_.path() + "/" + rel; }
  std::string AuthFile() const { return Path("auth.json"); }

  TempDir dir_ = std::move(TempDir::Create()).value();
};

}  // namespace mybuild::cli::testing
