#include "planner/expose_ports.h"

#include <arpa/inet.h>

#include <charconv>

#include "frontend/unicode/go_strings.h"

namespace mybuild::planner {
namespace {

struct Parts {
  std::string ip, host_port, container_port;
};

// Split at ':': the last part is the container port, the one before the
// host port, the rest (an IPv6 address has colons) the IP.
Parts SplitParts(const std::string& spec) {
  std::vector<std::string> p;
  size_t start = 0;
  for (size_t colon; (colon = spec.find(':', start)) != std::string::npos;
       start = colon + 1) {
    p.push_back(spec.substr(start, colon - start));
  }
  p.push_back(spec.substr(start));
  const size_t n = p.size();
  if (n == 1) return {"", "", p[0]};
  std::string ip;
  for (size_t i = 0; i + 2 < n; ++i) ip += (i ? ":" : "") + p[i];
  return {ip, p[n - 2], p[n - 1]};
}

// strconv.ParseInt(s, 10, 0) limited to 0-65535: an optional sign, then
// decimal digits only.
bool PortNumber(std::string_view s, int* port) {
  const bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  unsigned long long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    return false;
  if (v > 65535 || (negative && v != 0)) return false;
  *port = static_cast<int>(v);
  return true;
}

// "8000" or "8000-8002" (an end equal to the start as written is one port).
bool PortRange(const std::string& s, int* start, int* end) {
  const size_t dash = s.find('-');
  const std::string first = s.substr(0, dash);
  if (!PortNumber(first, start)) return false;
  if (dash == std::string::npos || s.substr(dash + 1) == first) {
    *end = *start;
    return true;
  }
  return PortNumber(s.substr(dash + 1), end) && *end >= *start;
}

bool ValidIp(const std::string& ip) {
  unsigned char buf[16];
  return inet_pton(AF_INET, ip.c_str(), buf) == 1 ||
         inet_pton(AF_INET6, ip.c_str(), buf) == 1;
}

}  // namespace

Expected<std::vector<std::string>> ExposedPorts(const std::string& spec) {
  Parts parts = SplitParts(spec);
  const size_t slash = parts.container_port.find('/');
  const std::string port = parts.container_port.substr(0, slash);
  std::string proto =
      slash == std::string::npos ? "" : parts.container_port.substr(slash + 1);
  const std::string bad =
      "invalid port: " + frontend::unicode::Quote(spec) + ": ";
  if (port.empty()) return InvalidArgument(bad + "no port specified");
  proto = frontend::unicode::ToLower(proto);
  if (proto.empty()) proto = "tcp";
  if (proto != "tcp" && proto != "udp" && proto != "sctp") {
    return InvalidArgument(
        bad + "invalid proto: " + parts.container_port.substr(slash + 1));
  }
  std::string ip = parts.ip;
  if (!ip.empty() && ip[0] == '[') {  // "[::1]": the address in brackets
    if (ip.back() != ']' || ip.find(']') != ip.size() - 1) {
      return InvalidArgument("invalid IP address " + ip);
    }
    ip = ip.substr(1, ip.size() - 2);
  }
  if (!ip.empty() && !ValidIp(ip))
    return InvalidArgument("invalid IP address: " + ip);
  int start = 0, end = 0;
  if (!PortRange(port, &start, &end))
    return InvalidArgument("invalid containerPort: " + port);
  if (!parts.host_port.empty()) {
    int host_start = 0, host_end = 0;
    if (!PortRange(parts.host_port, &host_start, &host_end)) {
      return InvalidArgument("invalid hostPort: " + parts.host_port);
    }
    // A host range with a single container port is the range to pick from.
    if (end - start != host_end - host_start && end != start) {
      return InvalidArgument(
          "invalid ranges specified for container and host Ports: " + port +
          " and " + parts.host_port);
    }
  }
  std::vector<std::string> out;
  for (int p = start; p <= end; ++p)
    out.push_back(std::to_string(p) + "/" + proto);
  return out;
}

}  // namespace mybuild::planner
