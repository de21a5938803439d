// The /etc files a RUN step gets (hosts, resolv.conf), as bytes, and the
// --add-host values that go into them. Pure; the sandbox writes them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace mybuild::executor {

// The step's resolv.conf: the host's, with loopback name servers (127.x,
// ::1, which mean the host's own resolver and are unreachable from the
// namespace) replaced by `resolver`, kept once; other lines as they are.
std::string PrivateResolvConf(std::string_view host_resolv,
                              const std::string& resolver);

// The step's /etc/hosts: localhost lines, then one "IP\tNAME" line per
// --add-host, in the order given.
std::string HostsFile(const std::vector<std::pair<std::string, std::string>>& extra);

// Parses --add-host's "NAME:IP" (IPv6 as NAME:::1 or NAME:[::1], Docker's
// forms also "NAME=IP"): the name must be non-empty and the IP an IPv4 or
// IPv6 address. Errors quote the value.
Expected<std::pair<std::string, std::string>> ParseAddHost(std::string_view value);

}  // namespace mybuild::executor
