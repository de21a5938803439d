#include "bench/build/dockerd.h"

#include <chrono>
#include <thread>

#include "base/fd.h"

namespace mybuild::bench {

using registry::testing::ChildProcess;
using registry::testing::CommandResult;

Expected<std::unique_ptr<PrivateDockerd>> PrivateDockerd::Start(
    const std::string& dir, const std::string& insecure_registry) {
  if (!registry::testing::ToolInstalled("dockerd") ||
      !registry::testing::ToolInstalled("/usr/bin/docker")) {
    return NotFound("dockerd is not installed (apt-get install docker.io)");
  }
  RETURN_IF_ERROR(MakeDirs(dir));
  const std::string host = "unix://" + dir + "/docker.sock";
  ASSIGN_OR_RETURN(
      ChildProcess p,
      ChildProcess::Spawn(
          {"dockerd", "--host", host, "--data-root", dir + "/data",
           "--exec-root", dir + "/exec", "--pidfile", dir + "/dockerd.pid",
           "--bridge=none", "--iptables=false", "--ip-masq=false",
           "--ip6tables=false", "--insecure-registry", insecure_registry},
          dir + "/dockerd.log"));
  std::unique_ptr<PrivateDockerd> d(new PrivateDockerd(std::move(p), host));
  for (int i = 0; i < 600; ++i) {
    if (d->process_.Exited()) {
      return Internal("dockerd exited; see " + dir + "/dockerd.log");
    }
    Expected<CommandResult> v = d->Docker({"version"});
    if (v.ok() && v->exit_code == 0) return d;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return Internal("dockerd did not answer within 60 s; see " + dir +
                  "/dockerd.log");
}

Expected<CommandResult> PrivateDockerd::Docker(
    const std::vector<std::string>& args) const {
  return registry::testing::RunCommand(Argv(args));
}

std::vector<std::string> PrivateDockerd::Argv(
    const std::vector<std::string>& args) const {
  // docker.io's own 20.10 client: it drives BuildKit itself, where a newer
  // client on $PATH would want buildx.
  std::vector<std::string> argv = {"env", "DOCKER_BUILDKIT=1", "/usr/bin/docker", "-H",
                                   host_};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace mybuild::bench
