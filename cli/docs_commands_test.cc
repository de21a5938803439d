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
#include <yaml-cpp/yaml.h>

#include "cli/mybuild_fixture.h"
#include "registry/testing/local_registry.h"

namespace mybuild::cli {
namespace {

struct Block {
  int line;  // line of the opening fence in its file
  std::string script;
};

// The blocks of `text` opened by the line `fence` ("```sh tested").
std::vector<Block> FencedBlocks(const std::string& text, const std::string& fence) {
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
      if (line == fence) {
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
class DocsCommandsTest : public cli::testing::MybuildTest {
 protected:
  // `cd CTX && env ... bash -euo pipefail -c ` for a runner with its own
  // HOME and store, //cli:mybuild first in PATH, the test registry's login
  // in $QUAY_USER/$QUAY_TOKEN, and the CI systems' commit variables set.
  std::string Shell(const std::string& home, const std::string& root) {
    std::string bindir = std::filesystem::path(Binary()).parent_path().string();
    return "cd " + Quote(Ctx()) + " && env HOME=" + Quote(home) +
           " REGISTRY_AUTH_FILE= DOCKER_CONFIG= XDG_RUNTIME_DIR=" + " MYBUILD_ROOT=" +
           Quote(root) + " QUAY_USER=alice QUAY_TOKEN=s3cret GITHUB_SHA=0123abc" +
           " CI_COMMIT_SHA=0123abc PATH=" + Quote(bindir + ":" + std::getenv("PATH")) +
           " bash -euo pipefail -c ";
  }
};

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
    if (text.ok()) out.push_back({f, FencedBlocks(*text, "```sh tested")});
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

  std::string env = Shell(P("home"), Root());
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

// The commands of a CI job in a ```yaml block: a GitHub Actions workflow's
// `run:` steps (with ${{ secrets.X }} as $X and ${{ github.sha }} as
// $GITHUB_SHA) or a GitLab CI job's `script:` lines. Empty for other YAML.
std::vector<std::string> JobCommands(const YAML::Node& doc) {
  std::vector<std::string> out;
  if (!doc.IsMap()) return out;
  if (doc["jobs"]) {
    for (const auto& job : doc["jobs"]) {
      for (const auto& step : job.second["steps"]) {
        if (!step["run"]) continue;
        std::string run = step["run"].as<std::string>();
        for (size_t p; (p = run.find("${{")) != std::string::npos;) {
          size_t end = run.find("}}", p);
          std::string expr = run.substr(p + 3, end - p - 3);
          expr.erase(0, expr.find_first_not_of(' '));
          expr.erase(expr.find_last_not_of(' ') + 1);
          std::string var = expr.rfind("secrets.", 0) == 0 ? expr.substr(8)
                            : expr == "github.sha"         ? "GITHUB_SHA"
                                                           : expr;
          run.replace(p, end + 2 - p, "$" + var);
        }
        out.push_back(run);
      }
    }
    return out;
  }
  for (const auto& job : doc) {
    if (!job.second.IsMap() || !job.second["script"]) continue;
    for (const auto& line : job.second["script"]) out.push_back(line.as<std::string>());
  }
  return out;
}

// The README's CI jobs, each as a fresh runner (its own HOME and store)
// against the loopback registry in quay.io's place, one after the other:
// each logs in, builds, pushes, and reuses the registry cache the job
// before it exported (the second runner's steps are all CACHED).
TEST_F(DocsCommandsTest, TheReadmesCiJobsRun) {
  MYBUILD_REQUIRE_DOCKER_REGISTRY();
  Expected<std::string> readme = ReadFile("README.md");
  ASSERT_TRUE(readme.ok()) << readme.status().message();
  std::vector<std::pair<int, std::vector<std::string>>> jobs;
  for (const Block& b : FencedBlocks(*readme, "```yaml")) {
    std::vector<std::string> commands = JobCommands(YAML::Load(b.script));
    if (!commands.empty()) jobs.push_back({b.line, commands});
  }
  ASSERT_EQ(jobs.size(), 2u) << "want the GitHub Actions and GitLab CI jobs of README.md";

  registry::testing::LocalRegistryOptions opt;
  opt.user = "alice";
  opt.password = "s3cret";
  auto reg = registry::testing::LocalRegistry::Start(opt);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  for (size_t j = 0; j < jobs.size(); ++j) {
    const std::string runner = P("runner" + std::to_string(j));
    ASSERT_TRUE(MakeDirs(runner + "/home").ok());
    std::string output;
    for (const std::string& command : jobs[j].second) {
      std::string script = Replace(command, "quay.io", (*reg)->host());
      CommandResult r = Run({"sh", "-c", Shell(runner + "/home", runner + "/root") + Quote(script)});
      ASSERT_EQ(r.exit_code, 0) << "README.md line " << jobs[j].first << ": " << script
                                << "\noutput:\n" << r.output;
      output += r.output;
    }
    EXPECT_NE(output.find((*reg)->host() + "/myorg/app:0123abc@sha256:"), std::string::npos)
        << output;
    if (j > 0) {
      // "#N [2/3] RUN echo hi ..." and then "#N CACHED", not "#N DONE".
      size_t run = output.find("] RUN echo hi");
      ASSERT_NE(run, std::string::npos) << output;
      std::string id = output.substr(output.rfind('#', run), output.find(' ', output.rfind('#', run)) -
                                                                 output.rfind('#', run));
      EXPECT_NE(output.find("\n" + id + " CACHED\n", run), std::string::npos)
          << "the RUN ran again:\n" << output;
    }
  }
}

}  // namespace
}  // namespace mybuild::cli
