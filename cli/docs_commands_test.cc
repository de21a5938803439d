// Runs every README shell block marked ```sh tested (issue 14): each with
// `bash -euo pipefail` in a fresh build context (cli/mybuild_fixture.h's
// busybox Dockerfile), //cli:mybuild first in PATH, a fresh MYBUILD_ROOT, and
// quay.io replaced by a loopback docker-registry with htpasswd auth
// (user $QUAY_USER, password $QUAY_TOKEN). A failing block names its line.
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/mybuild_fixture.h"
#include "registry/testing/local_registry.h"

namespace mybuild::cli {
namespace {

struct Block {
  int line;  // README line of the opening fence
  std::string script;
};

std::vector<Block> TestedBlocks(const std::string& text) {
  std::vector<Block> out;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  Block* open = nullptr;
  bool in_other = false;
  while (std::getline(in, line)) {
    ++n;
    if (line.rfind("```", 0) == 0) {
      if (open) { open = nullptr; continue; }
      if (in_other) { in_other = false; continue; }
      if (line == "```sh tested") {
        out.push_back({n, ""});
        open = &out.back();
      } else {
        in_other = true;
      }
      continue;
    }
    if (open) open->script += line + "\n";
  }
  return out;
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

std::string Quote(const std::string& s) { return "'" + Replace(s, "'", "'\\''") + "'"; }

using cli::testing::CommandResult;
class DocsCommandsTest : public cli::testing::MybuildTest {};

TEST_F(DocsCommandsTest, EveryTestedReadmeBlockRuns) {
  MYBUILD_REQUIRE_DOCKER_REGISTRY();
  Expected<std::string> text = ReadFile("README.md");
  ASSERT_TRUE(text.ok()) << text.status().message();
  const std::string& readme = *text;
  std::vector<Block> blocks = TestedBlocks(readme);
  ASSERT_GE(blocks.size(), 2u) << "no ```sh tested blocks found in README.md";

  registry::testing::LocalRegistryOptions opt;
  opt.user = "alice";
  opt.password = "s3cret";
  auto reg = registry::testing::LocalRegistry::Start(opt);
  ASSERT_TRUE(reg.ok()) << reg.status().message();

  std::string bindir = std::filesystem::path(Binary()).parent_path().string();
  std::string env = "cd " + Quote(Ctx()) + " && env HOME=" + Quote(P("home")) +
                    " REGISTRY_AUTH_FILE= DOCKER_CONFIG= XDG_RUNTIME_DIR=" +
                    " MYBUILD_ROOT=" + Quote(Root()) + " QUAY_USER=alice QUAY_TOKEN=s3cret" +
                    " PATH=" + Quote(bindir + ":" + std::getenv("PATH")) +
                    " bash -euo pipefail -c ";
  ASSERT_TRUE(MakeDirs(P("home")).ok());
  for (const Block& b : blocks) {
    std::string script = Replace(b.script, "quay.io", (*reg)->host());
    CommandResult r = Run({"sh", "-c", env + Quote(script)});
    EXPECT_EQ(r.exit_code, 0) << "README.md line " << b.line << " block failed:\n"
                              << script << "output:\n" << r.output;
  }
}

}  // namespace
}  // namespace mybuild::cli
