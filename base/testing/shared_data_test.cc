#include "base/testing/shared_data.h"

#include <filesystem>

#include <gtest/gtest.h>

namespace mybuild::testing {
namespace {

TEST(SharedDataTest, FindsConformanceData) {
  MYBUILD_REQUIRE_SHARED_DATA(shared);
  EXPECT_TRUE(std::filesystem::is_regular_file(
      shared + "/conformance/buildkit-parser/README.md"))
      << shared;
}

}  // namespace
}  // namespace mybuild::testing
