// Every real-world Dockerfile of ../shared/corpus parses and validates.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "base/testing/shared_data.h"
#include "frontend/dockerfile.h"

namespace mybuild::frontend {
namespace {

namespace fs = std::filesystem;

TEST(CorpusTest, EveryDockerfileValidates) {
  MYBUILD_REQUIRE_SHARED_DATA(shared);
  int files = 0, stages = 0;
  for (const auto& entry :
       fs::directory_iterator(shared + "/corpus/dockerfiles")) {
    if (entry.path().extension() != ".Dockerfile") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    Expected<Dockerfile> df =
        ParseDockerfile(text.str(), entry.path().filename().string());
    ASSERT_TRUE(df.ok()) << df.status().message();
    EXPECT_FALSE(df->stages.empty());
    stages += static_cast<int>(df->stages.size());
    ++files;
  }
  EXPECT_EQ(files, 59);
  EXPECT_GT(stages, 59);
}

}  // namespace
}  // namespace mybuild::frontend
