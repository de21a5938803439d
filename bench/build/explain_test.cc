// --explain through the mybuild binary: after editing one file, one ARG or
// one mode, the build says which input changed, for exactly the steps that
// run.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "bench/build/harness.h"

namespace mybuild::bench {
namespace {

// The lines of `output` that start with '#' and are not step output: the
// step headers and explain notes, without the durations.
std::vector<std::string> Steps(const std::string& output) {
  return LinesWhere(output, [](const std::string& line) {
    if (line.find(" [internal] ") != std::string::npos) return false;
    return line.find(" [") != std::string::npos || line.find(" explain: ") != std::string::npos ||
           (line.size() > 7 && line.compare(line.size() - 7, 7, " CACHED") == 0);
  });
}

TEST(ExplainTest, NamesTheFileTheArgAndTheMode) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  auto h = BuildHarness::Start("cli/mybuild");
  if (h.status().code() == ErrorCode::kNotFound) GTEST_SKIP() << h.status().message();
  ASSERT_TRUE(h.ok()) << h.status().message();
  BuildHarness& b = **h;
  ASSERT_TRUE(WriteTree(b.Path("ctx"), {
      {"Dockerfile", "FROM " + b.base() + "\nARG V=1\nRUN echo $V > /v\n"
                     "COPY src/ /src/\nCOPY run.sh /run.sh\n"},
      {"src/a.txt", "a\n"}, {"src/b.txt", "b\n"}, {"run.sh", "echo hi\n"}}).ok());
  auto build = [&](std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"build", "--root", b.Path("root"), "--progress", "plain",
                                     "--explain"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(b.Path("ctx"));
    auto r = b.Mybuild(args);
    EXPECT_TRUE(r.ok() && r->exit_code == 0) << (r.ok() ? r->output : r.status().message());
    return r.ok() ? Steps(r->output) : std::vector<std::string>{};
  };
  std::vector<std::string> first = build();
  ASSERT_EQ(first.size(), 6u);
  // #1 and #2 are the base's metadata and pull, shown only by the build
  // that pulls it.
  EXPECT_EQ(first[1], "#3 explain: no earlier build of this step to compare with");

  ASSERT_TRUE(WriteFileAtomic(b.Path("ctx/src/b.txt"), "B\n").ok());
  EXPECT_EQ(build(), (std::vector<std::string>{
      "#1 [1/3] RUN echo $V > /v", "#1 CACHED",
      "#2 [2/3] COPY src/ /src/", "#2 explain: file src/b.txt: content changed",
      "#3 [3/3] COPY run.sh /run.sh",
      "#3 explain: parent: the step below changed (" + b.Path("ctx/Dockerfile") + ":4)"}));

  ASSERT_EQ(::chmod(b.Path("ctx/run.sh").c_str(), 0755), 0);
  EXPECT_EQ(build(), (std::vector<std::string>{
      "#1 [1/3] RUN echo $V > /v", "#1 CACHED", "#2 [2/3] COPY src/ /src/", "#2 CACHED",
      "#3 [3/3] COPY run.sh /run.sh", "#3 explain: file run.sh: mode 100644 -> 100755"}));

  std::vector<std::string> arg = build({"--build-arg", "V=2"});
  ASSERT_GE(arg.size(), 2u);
  EXPECT_EQ(arg[0], "#1 [1/3] RUN echo $V > /v");
  EXPECT_EQ(arg[1], "#1 explain: ARG V: changed");
}

}  // namespace
}  // namespace mybuild::bench
