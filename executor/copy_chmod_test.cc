#include "executor/copy_chmod.h"

#include <gtest/gtest.h>

namespace mybuild::executor {
namespace {

mode_t Apply(const std::string& spec, mode_t old, bool dir = false) {
  auto c = ChmodSpec::Parse(spec);
  EXPECT_TRUE(c.ok()) << spec << ": " << c.status().message();
  return c.ok() ? c->Apply(old, dir) : 0;
}

TEST(CopyChmodTest, OctalSetsTheWholeMode) {
  EXPECT_EQ(Apply("755", 0600), 0755u);
  EXPECT_EQ(Apply("0640", 0777, true), 0640u);
  EXPECT_EQ(Apply("4755", 0), 04755u);
}

TEST(CopyChmodTest, SymbolicClausesAsChmodReadsThem) {
  EXPECT_EQ(Apply("u+x", 0644), 0744u);
  EXPECT_EQ(Apply("go-w", 0666), 0644u);
  EXPECT_EQ(Apply("a=r", 0777), 0444u);
  EXPECT_EQ(Apply("=rw", 0111), 0666u);  // no who: all, no umask
  EXPECT_EQ(Apply("u=rwx,g=rx,o=", 0), 0750u);
  EXPECT_EQ(Apply("g=u", 0640), 0660u);
  EXPECT_EQ(Apply("u+s,+t", 0755), 05755u);
  EXPECT_EQ(Apply("o+w-r", 0644), 0642u);
}

TEST(CopyChmodTest, BigXIsForDirectoriesAndExecutables) {
  EXPECT_EQ(Apply("a+rX", 0600), 0644u);
  EXPECT_EQ(Apply("a+rX", 0700), 0755u);
  EXPECT_EQ(Apply("a+rX", 0700, true), 0755u);
  EXPECT_EQ(Apply("go=rX", 0700, true), 0755u);
  EXPECT_EQ(Apply("go=rX", 0600, false), 0644u);
}

TEST(CopyChmodTest, GarbageIsRefused) {
  for (const char* bad : {"", "u+y", "z=r", "8", "77777", "u", "u+r,", "+r;"}) {
    auto c = ChmodSpec::Parse(bad);
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_EQ(c.status().message(),
              std::string("invalid --chmod \"") + bad +
                  "\": want octal digits or [ugoa][-+=][rwxXst]");
  }
}

}  // namespace
}  // namespace mybuild::executor
