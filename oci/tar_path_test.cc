#include "oci/tar_path.h"

#include <gtest/gtest.h>

namespace mybuild::oci {
namespace {

std::string Norm(std::string_view s) {
  auto r = NormalizeTarPath(s);
  return r.ok() ? *r : "ERROR " + r.status().message();
}

TEST(TarPathTest, Normalize) {
  EXPECT_EQ(Norm("./a/b/"), "a/b");
  EXPECT_EQ(Norm("/etc//passwd"), "etc/passwd");
  EXPECT_EQ(Norm("a/./b/../c"), "a/c");
  EXPECT_EQ(Norm("./"), "");
  EXPECT_EQ(Norm("/"), "");
  EXPECT_EQ(Norm("a/.."), "");
  EXPECT_EQ(Norm("../x"), "ERROR layer entry \"../x\": path escapes the target");
  EXPECT_EQ(Norm("/a/../../x"),
            "ERROR layer entry \"/a/../../x\": path escapes the target");
}

TEST(TarPathTest, Clean) {
  EXPECT_TRUE(IsCleanTarPath("a"));
  EXPECT_TRUE(IsCleanTarPath("a/b.c/..d"));
  EXPECT_FALSE(IsCleanTarPath(""));
  EXPECT_FALSE(IsCleanTarPath("/a"));
  EXPECT_FALSE(IsCleanTarPath("a/"));
  EXPECT_FALSE(IsCleanTarPath("a//b"));
  EXPECT_FALSE(IsCleanTarPath("a/./b"));
  EXPECT_FALSE(IsCleanTarPath("a/../b"));
}

TEST(TarPathTest, PartsAndWhiteouts) {
  EXPECT_EQ(ParentOf("a/b/c"), "a/b");
  EXPECT_EQ(ParentOf("c"), "");
  EXPECT_EQ(BaseOf("a/b/c"), "c");
  EXPECT_EQ(BaseOf("c"), "c");
  EXPECT_EQ(WhiteoutPath("a/b"), "a/.wh.b");
  EXPECT_EQ(WhiteoutPath("b"), ".wh.b");
}

TEST(TarPathTest, SymlinkStaysInside) {
  EXPECT_TRUE(SymlinkStaysInside("a/l", "/etc/passwd"));
  EXPECT_TRUE(SymlinkStaysInside("a/l", "../etc"));
  EXPECT_TRUE(SymlinkStaysInside("a/b/l", "../../x"));
  EXPECT_FALSE(SymlinkStaysInside("a/l", "../../x"));
  EXPECT_FALSE(SymlinkStaysInside("l", ".."));
  EXPECT_TRUE(SymlinkStaysInside("l", "x/../y"));
  EXPECT_FALSE(SymlinkStaysInside("l", "x/../../y"));
}

}  // namespace
}  // namespace mybuild::oci
