#include "cli/version/version.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

namespace mybuild::cli {
namespace {

TEST(VersionTest, ReportIsVersionCommitThenEveryLibrary) {
  std::istringstream in(VersionReport());
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_EQ(line, "mybuild 0.1.0");
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_EQ(line, std::string("commit: ") + BuildCommit());
  const char* names[] = {"libarchive", "OpenSSL",  "libcurl",       "zlib", "libzstd",
                         "libseccomp", "yaml-cpp", "nlohmann/json", "fmt"};
  for (const char* name : names) {
    ASSERT_TRUE(std::getline(in, line)) << name;
    // A dotted version number, nothing else (no "libarchive " prefix).
    EXPECT_TRUE(std::regex_match(
        line, std::regex(std::string(name) + ": [0-9]+\\.[0-9]+(\\.[0-9]+)*[a-z0-9.+~-]*")))
        << line;
  }
  EXPECT_FALSE(std::getline(in, line)) << line;
}

// --config=release stamps the checkout's commit; any other build says so
// instead of naming a commit it may not be.
TEST(VersionTest, CommitIsStampedOnlyInReleaseBuilds) {
  std::string commit = BuildCommit();
#ifdef MYBUILD_RELEASE_BUILD
  EXPECT_TRUE(std::regex_match(commit, std::regex("[0-9a-f]{40}"))) << commit;
#else
  EXPECT_EQ(commit, "unknown (development build)");
#endif
}

}  // namespace
}  // namespace mybuild::cli
