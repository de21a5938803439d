// `mybuild build --network=none` through the binary: a RUN without its own
// --network sees only the loopback interface, and the network is part of
// the RUN's cache key.
#include <unistd.h>

#include <gtest/gtest.h>

#include "bench/build/harness.h"

namespace mybuild::bench {
namespace {

// The lines of `output` that start with "#1 " (the one step's header and
// output), without durations.
std::vector<std::string> StepLines(const std::string& output) {
  return LinesWhere(output, [](const std::string& line) {
    return line.rfind("#1 ", 0) == 0 && line.rfind("#1 DONE", 0) != 0;
  });
}

TEST(NetworkTest, BuildWideNoneLeavesOnlyLoopback) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  auto h = BuildHarness::Start("cli/mybuild");
  if (h.status().code() == ErrorCode::kNotFound) GTEST_SKIP() << h.status().message();
  ASSERT_TRUE(h.ok()) << h.status().message();
  BuildHarness& b = **h;
  const std::string run = "RUN tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '";
  ASSERT_TRUE(WriteTree(b.Path("ctx"), {{"Dockerfile", "FROM " + b.base() + "\n" + run + "\n"}}).ok());
  auto build = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"build", "--root", b.Path("root"), "--progress", "plain"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(b.Path("ctx"));
    auto r = b.Mybuild(args);
    EXPECT_TRUE(r.ok() && r->exit_code == 0) << (r.ok() ? r->output : r.status().message());
    return r.ok() ? StepLines(r->output) : std::vector<std::string>{};
  };
  EXPECT_EQ(build({"--network", "none"}),
            (std::vector<std::string>{"#1 [1/1] " + run, "#1 lo"}));
  // The builder's own network: another key, so the step runs again.
  std::vector<std::string> host = build({"--network=default"});
  ASSERT_FALSE(host.empty());
  EXPECT_EQ(host[0], "#1 [1/1] " + run);
  EXPECT_EQ(build({"--network=none"}),
            (std::vector<std::string>{"#1 [1/1] " + run, "#1 CACHED"}));
}

}  // namespace
}  // namespace mybuild::bench
