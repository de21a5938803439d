#include "frontend/ignore/clean_path.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::ignore {
namespace {

TEST(CleanPath, FollowsGoPathClean) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "."},
      {".", "."},
      {"/", "/"},
      {"//", "/"},
      {"abc", "abc"},
      {"abc/", "abc"},
      {"a//b///c", "a/b/c"},
      {"./a/./b/.", "a/b"},
      {"a/b/../c", "a/c"},
      {"a/../..", ".."},
      {"../../a", "../../a"},
      {"a/../../b/..", ".."},
      {"/../a", "/a"},
      {"/..", "/"},
      {"/a/b/../../..", "/"},
      {"abc/def/../../..", ".."},
      {"!a/../b", "b"},
      {"**/", "**"},
  };
  for (const auto& [in, want] : cases) {
    EXPECT_EQ(CleanPath(in), want) << in;
  }
}

}  // namespace
}  // namespace mybuild::frontend::ignore
