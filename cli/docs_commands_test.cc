// Runs every shell block marked ```sh tested in README.md and docs/*.md
// (issue 14): each with `bash -euo pipefail` in a fresh build context
// (cli/mybuild_fixture.h's busybox Dockerfile), //cli:mybuild first in PATH,
// one MYBUILD_ROOT and HOME for all (README first, then docs/ by name, so
// the README's `mybuild login` holds for the docs' pushes), and the docs'
// example places replaced: the registries quay.io and reg.example by a
// loopback docker-registry with htpasswd auth (user $QUAY_USER, password
// $QUAY_TOKEN), the directory /ci/cache by one under the test's. A failing
// block names its file and line.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "cli/mybuild_fixture.h"
#include "registry/testing/local_registry.h"

namespace mybuild::cli {
namespace {

struct Block {
  int line;  // line of the opening fence in its file
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

// README.md, then docs/*.md by name, with their ```sh tested blocks.
std::vector<std::pair<std::string, std::vector<Block>>> TestedDocs() {
  std::vector<std::string> files = {"README.md"};
  std::vector<std::string> docs;
  for (const auto& e : std::filesystem::directory_iterator("docs")) {
    if (e.path().extension() == ".md") docs.push_back(e.path().string());
  }
  std::sort(docs.begin(), docs.end());
  files.insert(files.end(), docs.begin(), docs.end());
  std::vector<std::pair<std::string, std::vector<Block>>> out;
  for (const std::string& f : files) {
    Expected<std::string> text = ReadFile(f);
    EXPECT_TRUE(text.ok()) << text.status().message();
    if (text.ok()) out.push_back({f, TestedBlocks(*text)});
  }
  return out;
}

TEST_F(DocsCommandsTest, EveryTestedBlockOfTheDocsRuns) {
  MYBUILD_REQUIRE_DOCKER_REGISTRY();
  auto docs = TestedDocs();
  ASSERT_GE(docs.size(), 2u) << "docs/*.md not in the runfiles";
  ASSERT_EQ(docs[0].first, "README.md");
  ASSERT_GE(docs[0].second.size(), 2u) << "no ```sh tested blocks found in README.md";
  size_t in_docs = 0;
  for (size_t i = 1; i < docs.size(); ++i) in_docs += docs[i].second.size();
  ASSERT_GE(in_docs, 1u) << "no ```sh tested blocks found in docs/*.md";

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
  for (const auto& [file, blocks] : docs) {
    for (const Block& b : blocks) {
      std::string script = Replace(b.script, "quay.io", (*reg)->host());
      script = Replace(script, "reg.example", (*reg)->host());
      script = Replace(script, "/ci/cache", P("ci-cache"));
      CommandResult r = Run({"sh", "-c", env + Quote(script)});
      EXPECT_EQ(r.exit_code, 0) << file << " line " << b.line << " block failed:\n"
                                << script << "output:\n" << r.output;
    }
  }
}

}  // namespace
}  // namespace mybuild::cli
