// The mybuild binary leaves no scratch in ROOT/tmp when a build fails or is
// stopped with SIGTERM, and --run-timeout ends a RUN at its line.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "base/sha256.h"
#include "cache/context_digester.h"
#include "cli/mybuild_fixture.h"

namespace mybuild::cli {
namespace {

namespace fs = std::filesystem;

// The shared fixture's temp dir, busybox context and binary; the Dockerfile
// each test writes itself.
class BuildScratchTest : public testing::MybuildTest {
 protected:
  // Starts `mybuild build` on a Dockerfile whose RUN is `run`; its stderr
  // (the plain progress) comes through *out_fd.
  pid_t Start(const std::string& run, std::vector<std::string> flags, int* out_fd) {
    EXPECT_TRUE(WriteFileAtomic(Ctx() + "/Dockerfile",
                                "FROM scratch\nCOPY rootfs/ /\nRUN " + run + "\n").ok());
    std::vector<std::string> args = {Binary(), "build",
                                     "--root", Root(), "--progress", "plain"};
    args.insert(args.end(), flags.begin(), flags.end());
    args.push_back(Ctx());
    int p[2];
    EXPECT_EQ(::pipe(p), 0);
    pid_t pid = ::fork();
    if (pid == 0) {
      ::dup2(p[1], 1);
      ::dup2(p[1], 2);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(p[1]);
    *out_fd = p[0];
    return pid;
  }

  // Reads until `want` has been printed (or the output ends); returns all.
  static std::string ReadUntil(int fd, const std::string& want) {
    std::string out;
    char buf[4096];
    while (out.find(want) == std::string::npos) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

  // tmp/'s entries, once only the lock is left or 10s have passed.
  std::vector<std::string> TmpSettled() {
    std::vector<std::string> left;
    for (int i = 0; i < 200; ++i) {
      left.clear();
      for (const auto& e : fs::directory_iterator(Root() + "/tmp")) {
        left.push_back(e.path().filename());
      }
      if (left == std::vector<std::string>{".lock"}) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::sort(left.begin(), left.end());
    return left;
  }

};

TEST_F(BuildScratchTest, AFailedBuildLeavesNoScratch) {
  int out = -1;
  pid_t pid = Start("echo x > /big && exit 4", {}, &out);
  std::string output = ReadUntil(out, "\x01");  // all of it
  ::close(out);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << output;
  EXPECT_NE(output.find("exit code: 4"), std::string::npos) << output;
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(Root() + "/tmp")) left.push_back(e.path().filename());
  EXPECT_EQ(left, std::vector<std::string>{".lock"});
}

TEST_F(BuildScratchTest, ASigtermedBuildLeavesNoScratch) {
  int out = -1;
  pid_t pid = Start("echo started && sleep 60", {}, &out);
  std::string output = ReadUntil(out, "#2 started");
  ASSERT_NE(output.find("#2 started"), std::string::npos) << output;
  auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
  ::close(out);
  EXPECT_EQ(TmpSettled(), std::vector<std::string>{".lock"});
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10);
}

// The stat cache is saved beside the build, not before its first step: a
// build stopped during its RUN has saved it all the same, whole (no
// temporary file left), and it knows every file the COPY hashed.
TEST_F(BuildScratchTest, ASigtermedBuildHasSavedItsStatCache) {
  // Dated in the past, so that no entry is racy (hashed again).
  ASSERT_EQ(Sh("find ctx -exec touch -h -d @1700000000 {} +").exit_code, 0);
  int out = -1;
  pid_t pid = Start("echo started && sleep 60", {}, &out);
  std::string output = ReadUntil(out, "#2 started");
  ASSERT_NE(output.find("#2 started"), std::string::npos) << output;
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ::close(out);
  std::string context = fs::absolute(Ctx()).lexically_normal();
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(Root() + "/contexts")) {
    names.push_back(e.path().filename());
  }
  EXPECT_EQ(names, std::vector<std::string>{Sha256Hex(context) + ".stat"});
  cache::StatCache saved = cache::StatCache::Load(cache::StorePaths(Root()), context);
  cache::ContextDigester again(Ctx(), nullptr, {.stat_cache = &saved});
  Expected<std::string> digest = again.Digest({"rootfs/"});
  ASSERT_TRUE(digest.ok()) << digest.status().message();
  EXPECT_GE(saved.hits(), 3);  // busybox, passwd, group
  EXPECT_EQ(saved.misses(), 0);
  EXPECT_EQ(*digest, *cache::ContextDigester(Ctx(), nullptr).Digest({"rootfs/"}));
}

TEST_F(BuildScratchTest, RunTimeoutFailsTheStepAtItsLine) {
  int out = -1;
  pid_t pid = Start("echo started && sleep 60", {"--run-timeout", "1s"}, &out);
  std::string output = ReadUntil(out, "\x01");
  ::close(out);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << output;
  EXPECT_NE(output.find("mybuild: " + Ctx() + "/Dockerfile:3: process \"/bin/sh -c echo started "
                        "&& sleep 60\" did not complete successfully: timed out after 1s\n"
                        "  > started\n"),
            std::string::npos)
      << output;
  EXPECT_EQ(TmpSettled(), std::vector<std::string>{".lock"});
}

}  // namespace
}  // namespace mybuild::cli
