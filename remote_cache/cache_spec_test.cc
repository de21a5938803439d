#include "remote_cache/cache_spec.h"

#include <gtest/gtest.h>

namespace mybuild::remote_cache {
namespace {

TEST(CacheSpecTest, LocalAndRegistry) {
  auto to =
      ParseCacheSpec("type=local,dest=/c,mode=max,ignore-error=false", true);
  ASSERT_TRUE(to.ok()) << to.status().message();
  EXPECT_EQ(to->dir, "/c");
  EXPECT_EQ(to->mode, CacheMode::kMax);
  EXPECT_FALSE(to->ignore_error);
  EXPECT_EQ(to->name, "type=local,dest=/c");
  auto from =
      ParseCacheSpec("type=registry,ref=127.0.0.1:5000/app:cache", false);
  ASSERT_TRUE(from.ok()) << from.status().message();
  EXPECT_EQ(from->ref, "127.0.0.1:5000/app:cache");
  EXPECT_EQ(from->mode, CacheMode::kMin);
  EXPECT_TRUE(from->ignore_error);
  EXPECT_TRUE(
      ParseCacheSpec("type=registry,ref=r/a:c,image-manifest=true", true)->image_manifest);
  EXPECT_FALSE(
      ParseCacheSpec("type=registry,ref=r/a:c,image-manifest=false", true)->image_manifest);
  EXPECT_FALSE(ParseCacheSpec("type=registry,ref=r/a:c", true)->image_manifest);
  EXPECT_TRUE(ParseCacheSpec("type=local,dest=d,cache-mounts=true", true)
                  ->cache_mounts);
  EXPECT_FALSE(ParseCacheSpec("type=local,dest=d", true)->cache_mounts);
  EXPECT_FALSE(
      ParseCacheSpec("type=local,src=d,cache-mounts=true", false).ok());
}

TEST(CacheSpecTest, UsageErrors) {
  auto msg = [](std::string_view t, bool to) {
    return ParseCacheSpec(t, to).status().message();
  };
  EXPECT_EQ(msg("type=s3", true),
            "invalid --cache-to \"type=s3\": unknown type \"s3\" (want local "
            "or registry, or inline)");
  EXPECT_EQ(msg("type=inline", false),
            "invalid --cache-from \"type=inline\": unknown type \"inline\" "
            "(want local or registry)");
  EXPECT_EQ(ParseCacheSpec("type=inline", true)->name, "type=inline");
  EXPECT_EQ(msg("type=local", false),
            "invalid --cache-from \"type=local\": type=local needs src=DIR");
  EXPECT_EQ(msg("type=local,dest=d,mode=all", true),
            "invalid --cache-to \"type=local,dest=d,mode=all\": mode must be "
            "min or max");
  EXPECT_EQ(msg("type=local,dest=d,colour=red", true),
            "invalid --cache-to \"type=local,dest=d,colour=red\": unknown key "
            "\"colour\"");
  EXPECT_EQ(msg("type=local,src=d,mode=max", false),
            "invalid --cache-from \"type=local,src=d,mode=max\": unknown key "
            "\"mode\"");
  EXPECT_EQ(
      msg("type=registry,ref=r/a:c,image-manifest=yes", true),
      "invalid --cache-to \"type=registry,ref=r/a:c,image-manifest=yes\": "
      "image-manifest must be true or false");
  EXPECT_EQ(msg("type=registry,ref=r/a:c,image-manifest=true", false),
            "invalid --cache-from \"type=registry,ref=r/a:c,image-manifest=true\": "
            "unknown key \"image-manifest\"");
  EXPECT_EQ(msg("dest", true),
            "invalid --cache-to \"dest\": \"dest\" is not KEY=VALUE");
}

}  // namespace
}  // namespace mybuild::remote_cache
