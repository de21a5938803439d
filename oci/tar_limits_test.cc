#include "oci/tar_limits.h"

#include <gtest/gtest.h>

#include <string>

namespace mybuild::oci {
namespace {

TEST(TarLimitsTest, DefaultsAreFarAboveRealArchives) {
  TarLimits d;
  EXPECT_EQ(d.max_entries, 1'000'000);
  EXPECT_EQ(d.max_path_bytes, 4096u);
  EXPECT_EQ(d.max_depth, 1024u);
  EXPECT_EQ(kMaxPaxHeaderBytes, 1u << 20);
}

TEST(TarLimitsTest, EntryCountAtTheDefault) {
  TarBudget b(TarLimits{}, 100);
  for (int i = 0; i < 1'000'000; ++i) ASSERT_TRUE(b.Entry("f", "").ok());
  EXPECT_EQ(b.Entry("f", "").message(),
            "entry 1000001: more than 1000000 entries");
}

TEST(TarLimitsTest, RatioOnlyPastTheFloor) {
  TarBudget b(TarLimits{}, 1000);
  ASSERT_TRUE(b.Entry("f", "").ok());
  const int64_t floor = int64_t{1} << 30;
  EXPECT_TRUE(b.Expanded(floor).ok());  // 1 GiB from 1000 bytes: allowed
  EXPECT_EQ(b.Expanded(floor + 1).message(),
            "entry 1: archive expands to more than 200 times its 1000 bytes");
  TarBudget big(TarLimits{}, int64_t{1} << 30);  // 1 GiB gzip'd
  EXPECT_TRUE(big.Expanded(int64_t{100} << 30).ok());
  EXPECT_FALSE(big.Expanded(int64_t{201} << 30).ok());
}

TEST(TarLimitsTest, DepthCountsRealComponents) {
  EXPECT_EQ(PathDepth("./a//b/./c/"), 3u);
  EXPECT_EQ(PathDepth("/"), 0u);
}

}  // namespace
}  // namespace mybuild::oci
