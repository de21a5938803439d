// COPY --from and RUN --mount from= an image that is no stage of the
// Dockerfile, through the mybuild binary against a real registry: the image
// is pulled like a base image and read as an implicit stage.
#include <unistd.h>

#include <gtest/gtest.h>

#include "bench/build/harness.h"

namespace mybuild::bench {
namespace {

// The progress lines of `output` that name a step.
std::vector<std::string> Steps(const std::string& output) {
  return LinesWhere(output, [](const std::string& line) {
    if (line.find(" [internal] ") != std::string::npos) return false;
    return line.rfind("#", 0) == 0 &&
           (line.find(" [") != std::string::npos ||
            (line.size() > 7 && line.compare(line.size() - 7, 7, " CACHED") == 0));
  });
}

TEST(ImageFromTest, CopyFromAndMountFromAnImage) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  auto h = BuildHarness::Start("cli/mybuild");
  if (h.status().code() == ErrorCode::kNotFound) GTEST_SKIP() << h.status().message();
  ASSERT_TRUE(h.ok()) << h.status().message();
  BuildHarness& b = **h;
  // The scratch stage holds only what it copied from the image; the last
  // stage runs that copy and compares it, and what the mount shows, with
  // its own busybox (the same image's), so a wrong file fails the build.
  ASSERT_TRUE(WriteTree(b.Path("ctx"), {{"Dockerfile",
      "FROM scratch AS bb\n"
      "COPY --from=" + b.base() + " /bin/busybox /bb/busybox\n"
      "FROM " + b.base() + "\n"
      "COPY --from=bb /bb/busybox /opt/busybox\n"
      "RUN [\"/opt/busybox\", \"cmp\", \"/opt/busybox\", \"/bin/busybox\"]\n"
      "RUN --mount=from=" + b.base() + ",target=/m "
      "cmp /m/bin/busybox /opt/busybox && test ! -e /m/opt\n"}}).ok());
  auto build = [&] {
    auto r = b.Mybuild({"build", "--root", b.Path("root"), "--progress", "plain", b.Path("ctx")});
    EXPECT_TRUE(r.ok() && r->exit_code == 0) << (r.ok() ? r->output : r.status().message());
    return r.ok() ? Steps(r->output) : std::vector<std::string>{};
  };
  const std::string mount = "RUN --mount=from=" + b.base() +
                            ",target=/m cmp /m/bin/busybox /opt/busybox && test ! -e /m/opt";
  // #1 and #2 are the image's metadata and pull steps (one each, though
  // the Dockerfile names it three times), numbered before the Dockerfile's.
  std::vector<std::string> steps = {
      "#3 [bb 1/1] COPY --from=" + b.base() + " /bin/busybox /bb/busybox",
      "#4 [stage-1 1/3] COPY --from=bb /bb/busybox /opt/busybox",
      "#5 [stage-1 2/3] RUN [\"/opt/busybox\", \"cmp\", \"/opt/busybox\", \"/bin/busybox\"]",
      "#6 [stage-1 3/3] " + mount};
  EXPECT_EQ(build(), steps);
  // Built again, the image is in the store: no pull steps, and the
  // Dockerfile's steps are #1 to #4.
  std::vector<std::string> cached;
  for (size_t i = 0; i < steps.size(); ++i) {
    std::string number = "#" + std::to_string(i + 1);
    cached.push_back(number + steps[i].substr(steps[i].find(' ')));
    cached.push_back(number + " CACHED");
  }
  steps = cached;
  EXPECT_EQ(build(), steps);
}

// The image read is a stage of its own but shows no steps: a one-stage
// Dockerfile keeps one-stage labels.
TEST(ImageFromTest, OneStageReadingAnImageIsShownAsOneStage) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  auto h = BuildHarness::Start("cli/mybuild");
  if (h.status().code() == ErrorCode::kNotFound) GTEST_SKIP() << h.status().message();
  ASSERT_TRUE(h.ok()) << h.status().message();
  BuildHarness& b = **h;
  ASSERT_TRUE(WriteTree(b.Path("ctx"), {{"Dockerfile",
      "FROM scratch\nCOPY --from=" + b.base() + " / /\nRUN cmp /bin/sh /bin/busybox\n"}}).ok());
  auto r = b.Mybuild({"build", "--root", b.Path("root"), "--progress", "plain", b.Path("ctx")});
  ASSERT_TRUE(r.ok() && r->exit_code == 0) << (r.ok() ? r->output : r.status().message());
  EXPECT_EQ(Steps(r->output), (std::vector<std::string>{
      "#3 [1/2] COPY --from=" + b.base() + " / /", "#4 [2/2] RUN cmp /bin/sh /bin/busybox"}));
}

}  // namespace
}  // namespace mybuild::bench
