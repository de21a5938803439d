// --progress=tty under a real pseudo-terminal (tmux, 100x30): the screen
// while two stages' RUNs run side by side, and after the build. The RUNs
// wait on files in a shared cache mount, so the test captures the screen
// when both are running, not after a guessed delay.
#include <glob.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <string>
#include <thread>

#include "base/fd.h"
#include "cli/mybuild_fixture.h"

namespace mybuild::cli::testing {
namespace {

constexpr char kParallelDockerfile[] =
    "FROM scratch AS base\n"
    "COPY rootfs/ /\n"
    "FROM base AS left\n"
    "RUN --mount=type=cache,id=ctl,target=/ctl echo left-out && touch /ctl/left && "
    "while [ ! -e /ctl/go ]; do sleep 0.1; done && echo left > /left\n"
    "FROM base AS right\n"
    "RUN --mount=type=cache,id=ctl,target=/ctl echo right-out && touch /ctl/right && "
    "while [ ! -e /ctl/go ]; do sleep 0.1; done && echo right > /right\n"
    "FROM base\n"
    "COPY --from=left /left /left\n"
    "COPY --from=right /right /right\n";

class TtyScreenTest : public MybuildTest {
 protected:
  void TearDown() override {
    if (tmp_) Tmux({"kill-server"});
  }
  CommandResult Tmux(std::vector<std::string> args) {
    args.insert(args.begin(), {"tmux", "-S", P("tmux.sock")});
    return Run(args);
  }
  std::string Screen() { return Tmux({"capture-pane", "-p", "-t", "build"}).output; }

  // The path matching `pattern`, "" until one exists.
  static std::string Glob(const std::string& pattern) {
    glob_t g{};
    std::string found;
    if (::glob(pattern.c_str(), 0, nullptr, &g) == 0 && g.gl_pathc > 0) found = g.gl_pathv[0];
    ::globfree(&g);
    return found;
  }
  // Waits (up to two minutes: the machine may be loaded) for `pattern`.
  static std::string WaitFor(const std::string& pattern) {
    for (int i = 0; i < 1200; ++i) {
      std::string p = Glob(pattern);
      if (!p.empty()) return p;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "";
  }
};

TEST_F(TtyScreenTest, LiveViewThenSummary) {
  if (Run({"sh", "-c", "command -v tmux"}).exit_code != 0) GTEST_SKIP() << "no tmux";
  ASSERT_TRUE(WriteFileAtomic(Ctx() + "/Dockerfile", kParallelDockerfile).ok());
  std::string cmd = "TERM=xterm NO_COLOR=1 " + Binary() + " build --progress tty --jobs 2 --root " +
                    Root() + " " + Ctx() + " ; echo $? > " + P("exit") + " ; sleep 600";
  CommandResult r = Tmux({"new-session", "-d", "-s", "build", "-x", "100", "-y", "30", cmd});
  ASSERT_EQ(r.exit_code, 0) << r.output;

  std::string left = WaitFor(Root() + "/cache-mounts/*/left");
  std::string right = WaitFor(Root() + "/cache-mounts/*/right");
  ASSERT_FALSE(left.empty());
  ASSERT_FALSE(right.empty());
  // Both RUNs have printed and are waiting; give the view a redraw (every
  // 100 ms) by waiting until it shows both outputs.
  std::string live;
  for (int i = 0; i < 600; ++i) {
    live = Screen();
    if (live.find("# left-out") != std::string::npos &&
        live.find("# right-out") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::cout << "live screen:\n" << live;  // in the test log, for a human eye
  // 5 steps: COPY rootfs, two RUNs, two COPY --from; the COPY is done.
  EXPECT_NE(live.find("[+] Building "), std::string::npos) << live;
  EXPECT_NE(live.find(" (1/5)"), std::string::npos) << live;
  EXPECT_NE(live.find(" => [base 1/1] COPY rootfs/ /"), std::string::npos) << live;
  EXPECT_NE(live.find(" => [left 1/1] RUN --mount=type=cache,id=ctl,target=/ctl echo left-out"),
            std::string::npos) << live;
  EXPECT_NE(live.find(" => [right 1/1] RUN --mount=type=cache,id=ctl,target=/ctl echo right-out"),
            std::string::npos) << live;
  EXPECT_NE(live.find(" => => # left-out"), std::string::npos) << live;
  EXPECT_NE(live.find(" => => # right-out"), std::string::npos) << live;
  EXPECT_EQ(live.find("FINISHED"), std::string::npos) << live;
  // No line is wider than the terminal less one column.
  size_t start = 0;
  while (start < live.size()) {
    size_t end = live.find('\n', start);
    if (end == std::string::npos) end = live.size();
    EXPECT_LE(end - start, 99u) << live.substr(start, end - start);
    start = end + 1;
  }

  ASSERT_TRUE(WriteFileAtomic(left.substr(0, left.rfind('/')) + "/go", "").ok());
  ASSERT_FALSE(WaitFor(P("exit")).empty());
  std::string code;
  for (int i = 0; i < 50 && code.empty(); ++i) {
    auto c = ReadFile(P("exit"));
    if (c.ok()) code = *c;
    if (code.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(code, "0\n");
  std::string after = Screen();
  std::cout << "final screen:\n" << after;
  EXPECT_NE(after.find(" (5/5) FINISHED"), std::string::npos) << after;
  EXPECT_NE(after.find("Built in "), std::string::npos) << after;
  EXPECT_NE(after.find(": 5 steps run, 0 cached"), std::string::npos) << after;
  EXPECT_NE(after.find(" => [stage-3 2/2] COPY --from=right /right /right"), std::string::npos)
      << after;
  // Finished steps show no output under them.
  EXPECT_EQ(after.find(" => => # left-out"), std::string::npos) << after;
}

}  // namespace
}  // namespace mybuild::cli::testing
