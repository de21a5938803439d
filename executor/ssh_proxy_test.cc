#include "executor/ssh_proxy.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::executor {
namespace {

sockaddr_un Addr(const std::string& path) {
  sockaddr_un a = {};
  a.sun_family = AF_UNIX;
  std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
  return a;
}

// A stand-in agent: answers each request on each connection with
// "agent:" and the request, from a child process.
pid_t FakeAgent(const std::string& path) {
  int l = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un a = Addr(path);
  if (::bind(l, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::listen(l, 4) != 0) {
    return -1;
  }
  pid_t pid = ::fork();
  if (pid == 0) {
    for (;;) {
      int c = ::accept(l, nullptr, nullptr);
      char buf[256];
      ssize_t n;
      while ((n = ::read(c, buf, sizeof buf)) > 0) {
        std::string reply = "agent:" + std::string(buf, n);
        (void)!::write(c, reply.data(), reply.size());
      }
      ::close(c);
    }
  }
  ::close(l);
  return pid;
}

std::string Ask(const std::string& socket, const std::string& request) {
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM, 0));
  sockaddr_un a = Addr(socket);
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    return "connect failed";
  }
  (void)!::write(fd.get(), request.data(), request.size());
  char buf[256];
  ssize_t n = ::read(fd.get(), buf, sizeof buf);
  return n > 0 ? std::string(buf, n) : "no reply";
}

// Starts a proxy at `own` for a stand-in agent in `dir`, and asks it
// through `reach` (the name a client uses for `own`); the socket is made as
// asked, forwards each connection, and is gone with the proxy.
void ExpectForwards(const std::string& dir, const std::string& own, const std::string& reach) {
  std::string agent = dir + "/agent.sock";
  pid_t agent_pid = FakeAgent(agent);
  ASSERT_GT(agent_pid, 0);
  {
    auto proxy = SshAgentProxy::Start(agent, own, 1000, 1001, 0600);
    ASSERT_TRUE(proxy.ok()) << proxy.status().message();
    struct stat st;
    ASSERT_EQ(::stat(own.c_str(), &st), 0);
    EXPECT_TRUE(S_ISSOCK(st.st_mode));
    EXPECT_EQ(st.st_mode & 07777, 0600u);
    EXPECT_EQ(st.st_uid, 1000u);
    EXPECT_EQ(st.st_gid, 1001u);
    EXPECT_EQ(Ask(reach, "list-keys"), "agent:list-keys");
    EXPECT_EQ(Ask(reach, "sign"), "agent:sign");
  }
  // Gone with the proxy.
  struct stat st;
  EXPECT_NE(::stat(own.c_str(), &st), 0);
  ::kill(agent_pid, SIGKILL);
  ::waitpid(agent_pid, nullptr, 0);
}

TEST(SshAgentProxyTest, ForwardsEachConnectionToTheAgent) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  ExpectForwards(dir->path(), dir->path() + "/step.sock", dir->path() + "/step.sock");
}

TEST(SshAgentProxyTest, ASocketPathLongerThanSunPathIsMadeThroughItsDirectory) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  // As under a deep $HOME: ~/.local/share/mybuild/tmp/build-X/mybuild-Y/mounts/...
  std::string deep = dir->path() + "/" + std::string(60, 'd') + "/" + std::string(60, 'e');
  ASSERT_TRUE(MakeDirs(deep).ok());
  ASSERT_GT((deep + "/step.sock").size(), sizeof(sockaddr_un{}.sun_path));
  UniqueFd d(::open(deep.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  ASSERT_TRUE(d.valid());
  ExpectForwards(dir->path(), deep + "/step.sock",
                 "/proc/self/fd/" + std::to_string(d.get()) + "/step.sock");
}

}  // namespace
}  // namespace mybuild::executor
