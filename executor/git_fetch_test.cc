#include "executor/git_fetch.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::executor {
namespace {

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = {};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

bool Accepts(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = {};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

int Sh(const std::string& cmd) { return std::system(cmd.c_str()); }

// A repository with a tag v1 (sub/a = "v1") and a later commit on main
// (sub/a = "v2"), served by `git daemon` on a loopback port.
class GitFetchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Sh("git --version > /dev/null 2>&1") != 0)
      GTEST_SKIP() << "git is not installed";
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    std::string r = P("src");
    ASSERT_EQ(Sh("set -e; git init -q -b main " + r + "; cd " + r +
                 "; git config user.email t@t; git config user.name t;"
                 " mkdir sub; echo v1 > sub/a; echo top > top; git add -A;"
                 " git commit -q -m one; git tag v1; echo v2 > sub/a;"
                 " git commit -q -am two; git clone -q --bare . " +
                 P("srv/repo.git")),
              0);
    port_ = FreePort();
    daemon_ = ::fork();
    if (daemon_ == 0) {
      std::string port = "--port=" + std::to_string(port_);
      std::string base = "--base-path=" + P("srv");
      ::execlp("git", "git", "daemon", "--export-all", "--reuseaddr",
               "--listen=127.0.0.1", port.c_str(), base.c_str(),
               P("srv").c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 200 && !Accepts(port_); ++i) ::usleep(10000);
    ASSERT_TRUE(Accepts(port_)) << "git daemon did not start";
  }
  void TearDown() override {
    if (daemon_ > 0) {
      ::kill(daemon_, SIGKILL);
      ::waitpid(daemon_, nullptr, 0);
    }
  }
  std::string P(const std::string& p) { return dir_->path() + "/" + p; }
  std::string Url(const std::string& fragment) {
    return "git://127.0.0.1:" + std::to_string(port_) + "/repo.git" + fragment;
  }
  std::unique_ptr<TempDir> dir_;
  int port_ = 0;
  pid_t daemon_ = -1;
};

TEST(GitUrlTest, RecognisedAsBuildKitDoes) {
  EXPECT_TRUE(IsGitUrl("git://host/repo"));
  EXPECT_TRUE(IsGitUrl("git@github.com:moby/buildkit.git#v0.12"));
  EXPECT_TRUE(IsGitUrl("ssh://git@host/repo"));
  EXPECT_TRUE(IsGitUrl("https://github.com/moby/buildkit.git#main:docs"));
  EXPECT_FALSE(IsGitUrl("https://example.com/archive.tar.gz"));
  EXPECT_FALSE(IsGitUrl("src/repo.git"));
}

TEST_F(GitFetchTest, FetchesTheDefaultBranchOrARefAndSubdir) {
  auto head = FetchGit(Url(""), P("out1"), false);
  ASSERT_TRUE(head.ok()) << head.status().message();
  EXPECT_EQ(*head, P("out1"));
  EXPECT_EQ(*ReadFile(P("out1/sub/a")), "v2\n");
  struct stat st;
  EXPECT_NE(::stat(P("out1/.git").c_str(), &st), 0);

  auto tagged = FetchGit(Url("#v1:sub"), P("out2"), true);
  ASSERT_TRUE(tagged.ok()) << tagged.status().message();
  EXPECT_EQ(*tagged, P("out2/sub"));
  EXPECT_EQ(*ReadFile(P("out2/sub/a")), "v1\n");
  EXPECT_EQ(::stat(P("out2/.git").c_str(), &st), 0);  // --keep-git-dir
}

TEST_F(GitFetchTest, MissingRefsAndSubdirsAreNamed) {
  auto bad = FetchGit(Url("#nope"), P("out3"), false);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(
      bad.status().message().rfind("ADD failed: git fetch \"" + Url("") +
                                       "\" \"nope\": exit code 128: fatal: ",
                                   0),
      0u)
      << bad.status().message();
  auto nodir = FetchGit(Url("#v1:nodir"), P("out4"), false);
  ASSERT_FALSE(nodir.ok());
  EXPECT_EQ(nodir.status().message(),
            "ADD failed: \"" + Url("") + "\" has no directory \"nodir\"");
}

}  // namespace
}  // namespace mybuild::executor
