// A RUN step's own network: a fresh network namespace whose only way out is
// slirp4netns, a user-mode TCP/IP stack in the host's namespace (as podman
// gives containers). The step reaches what the host reaches, but not the
// host's loopback services (--disable-host-loopback) nor its abstract unix
// sockets (they belong to a network namespace).
#pragma once

#include <sys/types.h>

#include <cstddef>

#include <string>
#include <utility>

#include "base/fd.h"
#include "base/status.h"

namespace mybuild::executor {

// slirp4netns's fixed addresses inside the namespace.
inline constexpr char kSlirpGuestAddress[] = "10.0.2.100";
inline constexpr char kSlirpGateway[] = "10.0.2.2";
inline constexpr char kSlirpResolver[] = "10.0.2.3";

// A running private network: owns the namespace (an fd a sandbox setns(2)es
// into) and the slirp4netns process, which ends when this does (its exit fd
// is closed and it is killed, then reaped). A builder killed outright closes the
// fd too, so slirp4netns never outlives it.
class StepNetwork {
 public:
  // Makes the namespace, starts slirp4netns on it (tap0 10.0.2.100/24,
  // lo up, default route via 10.0.2.2) and waits until it says it is ready.
  // `slirp4netns` is the program's path ("" looks it up in PATH). Errors
  // name what to install when it is missing.
  static Expected<StepNetwork> Start(const std::string& slirp4netns = "");

  StepNetwork() = default;
  StepNetwork(StepNetwork&& o) noexcept
      : netns_(std::move(o.netns_)), exit_(std::move(o.exit_)),
        pid_(std::exchange(o.pid_, -1)) {}
  StepNetwork& operator=(StepNetwork&& o) noexcept;
  StepNetwork(const StepNetwork&) = delete;
  StepNetwork& operator=(const StepNetwork&) = delete;
  ~StepNetwork() { Stop(); }

  int netns_fd() const { return netns_.get(); }
  // Whether slirp4netns is still running (a crashed one is reaped here).
  bool Alive();
  pid_t slirp_pid() const { return pid_; }

 private:
  void Stop();
  UniqueFd netns_, exit_;
  pid_t pid_ = -1;
};

// Private networks for RUN steps, reused: starting slirp4netns costs a few
// milliseconds, and a step's processes are all gone when it ends (its pid
// namespace dies with its pid 1), so the next step may take over the
// namespace, as BuildKit's network pool does. Never two steps at once.
// TakeStepNetwork hands out an idle one whose slirp4netns still runs, or
// starts one; GiveBackStepNetwork keeps up to kIdleNetworks idle.
inline constexpr size_t kIdleNetworks = 8;
Expected<StepNetwork> TakeStepNetwork();

// The error of a slirp4netns that did not come up: `why`, what it said, and
// the fix when it could not open /dev/net/tun (a rootless builder on a host
// where the device is root's only).
std::string Slirp4netnsFailure(const std::string& why, const std::string& said);
void GiveBackStepNetwork(StepNetwork net);

}  // namespace mybuild::executor
