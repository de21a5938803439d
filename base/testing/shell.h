// For tests that check their output with a real tool (gzip, umoci, skopeo):
// runs a shell command line and hands back what it printed.
#pragma once

#include <string>

namespace mybuild::testing {

// Runs `cmd` through /bin/sh; its stdout, with *ok set to whether it exited
// 0 (false, and whatever it printed, when it could not start or failed).
std::string Shell(const std::string& cmd, bool* ok);

// Whether `tool` is on PATH.
bool Installed(const std::string& tool);

}  // namespace mybuild::testing
