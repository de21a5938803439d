#include "cli/cache_flags.h"

#include <gtest/gtest.h>

namespace mybuild::cli {
namespace {

Expected<CommandLine> Parse(std::vector<std::string> args) {
  Host host{[](const std::string&) { return std::string(); },
            [](const std::string&) { return true; }};
  return ParseCommandLine(args, host);
}

TEST(CacheFlagsTest, CacheToAndFromAreRepeatable) {
  auto cl = Parse({"build", "--cache-to", "type=local,dest=/c,mode=max",
                   "--cache-from", "type=local,src=/c", "--cache-from",
                   "type=registry,ref=r.example/a:c", "."});
  ASSERT_TRUE(cl.ok()) << cl.status().message();
  EXPECT_EQ(cl->build.cache_to,
            std::vector<std::string>{"type=local,dest=/c,mode=max"});
  EXPECT_EQ(cl->build.cache_from,
            (std::vector<std::string>{"type=local,src=/c",
                                      "type=registry,ref=r.example/a:c"}));
}

TEST(CacheFlagsTest, ABadSpecIsAUsageError) {
  auto cl = Parse({"build", "--cache-to", "type=s3", "."});
  ASSERT_FALSE(cl.ok());
  EXPECT_EQ(cl.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(cl.status().message(),
            "invalid --cache-to \"type=s3\": unknown type \"s3\" (want local "
            "or registry, or inline)");
  EXPECT_EQ(
      Parse({"build", "--cache-from", "type=local,dest=/c", "."})
          .status()
          .message(),
      "invalid --cache-from \"type=local,dest=/c\": unknown key \"dest\"");
}

}  // namespace
}  // namespace mybuild::cli
