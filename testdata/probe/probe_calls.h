// The probe's attempts at what a sandbox must refuse (or allow, as Docker
// does), each reported as "ok" or the errno's name, and its SSH agent
// question.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace probe {

// keyctl, mount, ptrace of another user, writes to /proc/sys and /sys,
// opening a device node made in the root and in /dev, chroot, and the
// unshares of a mount and a user namespace (last: where they work they
// change what the probe sees).
nlohmann::json Calls();

// Sends SSH2_AGENTC_REQUEST_IDENTITIES to the agent socket at `path` and
// returns the reply's bytes, or what failed ("connect ENOENT").
std::string AskAgent(const char* path);

}  // namespace probe
