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

#include <regex>

#include "base/fd.h"
#include "cli/mybuild_fixture.h"
#include "registry/testing/fault_proxy.h"
#include "registry/testing/local_registry.h"

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
  // Starts the build command `cmd` in a 100x30 tmux window "build"; its
  // exit code goes to exit.
  void StartInTmux(const std::string& build) {
    std::string cmd = "TERM=xterm NO_COLOR=1 " + build + " ; echo $? > " + P("exit") +
                      " ; sleep 600";
    CommandResult r = Tmux({"new-session", "-d", "-s", "build", "-x", "100", "-y", "30", cmd});
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  // The screen once it holds `text` (the last one after a minute).
  std::string ScreenWith(const std::string& text) {
    std::string screen;
    for (int i = 0; i < 600; ++i) {
      screen = Screen();
      if (screen.find(text) != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return screen;
  }
  // Waits for the build's exit code.
  std::string ExitCode() {
    if (WaitFor(P("exit")).empty()) return "";
    std::string code;
    for (int i = 0; i < 50 && code.empty(); ++i) {
      auto c = ReadFile(P("exit"));
      if (c.ok()) code = *c;
      if (code.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return code;
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

// The base image's pull is a live line with its blob's bytes and rate: the
// layer's download is held by a proxy in front of the registry until the
// screen has been read.
TEST_F(TtyScreenTest, PullIsALiveStepWithBytesAndRate) {
  if (Run({"sh", "-c", "command -v tmux"}).exit_code != 0) GTEST_SKIP() << "no tmux";
  MYBUILD_REQUIRE_DOCKER_REGISTRY();
  auto reg = registry::testing::LocalRegistry::Start();
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  ASSERT_TRUE(WriteFileAtomic(Ctx() + "/Dockerfile", "FROM scratch\nCOPY rootfs/ /\n").ok());
  CommandResult pushed = Mybuild({"build", "--progress", "plain", "-t", (*reg)->host() + "/base:1",
                                  "--push", Ctx()});
  ASSERT_EQ(pushed.exit_code, 0) << pushed.output;
  // The layer: the blob uploaded under "pushing layers".
  std::smatch m;
  ASSERT_TRUE(std::regex_search(pushed.output, m,
                                std::regex("#[0-9]+ pushing layers\n#[0-9]+ (sha256:[0-9a-f]{64}) ")))
      << pushed.output;
  std::string layer = m[1];
  int port = std::stoi((*reg)->host().substr((*reg)->host().rfind(':') + 1));
  registry::testing::FaultRule hold;
  hold.method = "GET";
  hold.path_part = "/blobs/" + layer;
  hold.kind = registry::testing::FaultRule::Kind::kHold;
  auto proxy = registry::testing::FaultProxy::Start(port, {hold});
  ASSERT_TRUE(proxy.ok()) << proxy.status().message();
  ASSERT_TRUE(MakeDirs(P("app")).ok());
  ASSERT_TRUE(WriteFileAtomic(P("app/Dockerfile"), "FROM " + (*proxy)->host() +
                                                       "/base:1\nRUN echo app > /app\n")
                  .ok());
  StartInTmux(Binary() + " build --progress tty --lint off --root " + P("other") + " " + P("app"));

  std::string live = ScreenWith(" => => " + layer.substr(0, 19));
  (*proxy)->Release();
  std::cout << "live screen:\n" << live;
  EXPECT_NE(live.find(" => FROM " + (*proxy)->host() + "/base@sha256:"), std::string::npos) << live;
  // Held: nothing of it has come yet, at 0 B/s.
  EXPECT_TRUE(std::regex_search(live, std::regex(" => => " + layer.substr(0, 19) +
                                                 " 0B / [0-9.]+MB 0B/s +[0-9]+\\.[0-9]s")))
      << live;
  EXPECT_NE(live.find(" => [1/1] RUN echo app > /app"), std::string::npos) << live;

  EXPECT_EQ(ExitCode(), "0\n");
  std::string after = Screen();
  std::cout << "final screen:\n" << after;
  EXPECT_NE(after.find(" (3/3) FINISHED"), std::string::npos) << after;
  EXPECT_NE(after.find(" => [internal] load metadata for " + (*proxy)->host() + "/base:1"),
            std::string::npos) << after;
  EXPECT_NE(after.find(" => FROM " + (*proxy)->host() + "/base@sha256:"), std::string::npos)
      << after;
  EXPECT_NE(after.find(": 1 step run, 0 cached"), std::string::npos) << after;
  EXPECT_EQ(after.find(" => => sha256:"), std::string::npos) << after;  // done: folded
}

}  // namespace
}  // namespace mybuild::cli::testing
