#include "base/spellcheck.h"

#include <gtest/gtest.h>

namespace mybuild {
namespace {

TEST(SpellCheckTest, Distance) {
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_EQ(EditDistance("RUN", "run"), 0);
}

TEST(SpellCheckTest, SuggestsNearestOrNothing) {
  std::vector<std::string> words = {"build", "push", "images", "version"};
  EXPECT_EQ(SpellCheck("biuld", words), "build");
  EXPECT_EQ(SpellCheck("imgaes", words), "images");
  EXPECT_EQ(SpellCheck("pusj", words), "push");
  EXPECT_EQ(SpellCheck("frobnicate", words), "");
  EXPECT_EQ(SpellCheck("--chwon", {"--chown", "--chmod", "--from"}), "--chown");
}

}  // namespace
}  // namespace mybuild
