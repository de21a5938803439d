#include "executor/etc_files.h"

#include <arpa/inet.h>

namespace mybuild::executor {
namespace {

bool IsLoopbackNameserver(std::string_view addr) {
  in_addr v4;
  in6_addr v6;
  std::string a(addr);
  if (::inet_pton(AF_INET, a.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  if (::inet_pton(AF_INET6, a.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

}  // namespace

std::string PrivateResolvConf(std::string_view host_resolv,
                              const std::string& resolver) {
  std::string out;
  bool replaced = false;
  while (!host_resolv.empty()) {
    size_t nl = host_resolv.find('\n');
    std::string_view line = host_resolv.substr(0, nl);
    host_resolv.remove_prefix(nl == std::string_view::npos ? host_resolv.size() : nl + 1);
    std::string_view rest = line;
    auto word = [&rest]() {
      size_t b = rest.find_first_not_of(" \t");
      if (b == std::string_view::npos) return std::string_view();
      rest.remove_prefix(b);
      size_t e = rest.find_first_of(" \t");
      std::string_view w = rest.substr(0, e);
      rest.remove_prefix(e == std::string_view::npos ? rest.size() : e);
      return w;
    };
    if (word() == "nameserver" && IsLoopbackNameserver(word())) {
      if (!replaced) out += "nameserver " + resolver + "\n";
      replaced = true;
      continue;
    }
    out.append(line);
    out += '\n';
  }
  return out;
}

std::string HostsFile(const std::vector<std::pair<std::string, std::string>>& extra) {
  std::string hosts =
      "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";
  for (const auto& [name, ip] : extra) hosts += ip + "\t" + name + "\n";
  return hosts;
}

Expected<std::pair<std::string, std::string>> ParseAddHost(std::string_view value) {
  size_t sep = value.find_first_of(":=");
  std::string name(value.substr(0, sep));
  std::string ip(sep == std::string_view::npos ? "" : value.substr(sep + 1));
  if (ip.size() > 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
  in_addr v4;
  in6_addr v6;
  bool is_ip = ::inet_pton(AF_INET, ip.c_str(), &v4) == 1 ||
               ::inet_pton(AF_INET6, ip.c_str(), &v6) == 1;
  if (name.empty() || name.find_first_of(" \t\n") != std::string::npos || !is_ip) {
    return InvalidArgument("--add-host \"" + std::string(value) +
                           "\": want NAME:IP with an IPv4 or IPv6 address");
  }
  return std::make_pair(name, ip);
}

}  // namespace mybuild::executor
