// BuildKit's parser test data and a corpus of real Dockerfiles, read in place
// from ../shared: every dump must match BuildKit's byte for byte.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/testing/shared_data.h"
#include "frontend/parser/parser.h"

namespace mybuild::frontend::parser {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<fs::path> Children(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ConformanceTest, BuildKitTestfilesDumpByteForByte) {
  MYBUILD_REQUIRE_SHARED_DATA(shared);
  const fs::path dir = shared + "/conformance/buildkit-parser/testfiles";
  int cases = 0;
  for (const fs::path& c : Children(dir)) {
    SCOPED_TRACE(c.filename().string());
    Expected<ParseResult> result = Parse(ReadFile(c / "Dockerfile"));
    ASSERT_TRUE(result.ok()) << result.status().message();
    EXPECT_EQ(Dump(result->root) + "\n", ReadFile(c / "result"));
    ++cases;
  }
  EXPECT_EQ(cases, 33);
}

TEST(ConformanceTest, BuildKitNegativeFilesFail) {
  MYBUILD_REQUIRE_SHARED_DATA(shared);
  const fs::path dir =
      shared + "/conformance/buildkit-parser/testfiles-negative";
  std::vector<std::string> messages;
  for (const fs::path& c : Children(dir)) {
    Expected<ParseResult> result = Parse(ReadFile(c / "Dockerfile"));
    ASSERT_FALSE(result.ok()) << c;
    messages.push_back(c.filename().string() + ": " +
                       result.status().message());
  }
  EXPECT_EQ(messages,
            (std::vector<std::string>{
                "empty_dockerfile: line 0: file with no instructions",
                "env_no_value: line 3: ENV must have two arguments",
                "only_comments: line 3: file with no instructions",
                "shykes-nested-json: line 1: when using JSON array syntax, "
                "arrays must be comprised of strings only",
            }));
}

TEST(ConformanceTest, LineSpans) {
  MYBUILD_REQUIRE_SHARED_DATA(shared);
  Expected<ParseResult> result = Parse(
      ReadFile(shared + "/conformance/buildkit-parser/testfile-line/Dockerfile"));
  ASSERT_TRUE(result.ok()) << result.status().message();
  const Node& root = result->root;
  EXPECT_EQ(root.start_line, 5);
  EXPECT_EQ(root.end_line, 31);
  ASSERT_EQ(root.children.size(), 3u);
  std::vector<std::pair<int, int>> spans;
  for (const Node& n : root.children) spans.emplace_back(n.start_line, n.end_line);
  EXPECT_EQ(spans, (std::vector<std::pair<int, int>>{{5, 5}, {11, 12}, {17, 31}}));
  // The RUN has blank lines inside its continuation: BuildKit warns.
  ASSERT_EQ(result->warnings.size(), 1u);
  EXPECT_EQ(result->warnings[0].line, 31);
}

TEST(ConformanceTest, CorpusDumpsByteForByte) {
  MYBUILD_REQUIRE_SHARED_DATA(shared);
  const fs::path corpus = shared + "/corpus";
  int files = 0;
  for (const fs::path& path : Children(corpus / "dockerfiles")) {
    if (path.extension() != ".Dockerfile") continue;
    SCOPED_TRACE(path.filename().string());
    const fs::path dump = corpus / "dumps" / path.stem().concat(".result");
    Expected<ParseResult> result = Parse(ReadFile(path));
    ASSERT_TRUE(result.ok()) << result.status().message();
    EXPECT_EQ(Dump(result->root) + "\n", ReadFile(dump));
    ++files;
  }
  EXPECT_EQ(files, 59);
}

}  // namespace
}  // namespace mybuild::frontend::parser
