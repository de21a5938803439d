// Per-registry TLS material as Docker and the containers tools keep it:
// DIR/HOST[:PORT]/*.crt are CA certificates trusted (besides the system's)
// for that registry, and X.cert with X.key (client.cert, client.key) a
// client certificate for mutual TLS. The roots searched are
// /etc/containers/certs.d and /etc/docker/certs.d; podman's --cert-dir
// names one such directory for every registry.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mybuild::registry {

struct HostTls {
  std::string dir;
  std::vector<std::string> ca_files;  // *.crt, sorted
  std::string client_cert;            // "" when none
  std::string client_key;
};

// The roots searched by default, in order.
std::vector<std::string> DefaultCertRoots();

// The TLS material for `authority` ("host:port" or "host"): `cert_dir`
// when set, else ROOT/authority under the first root that has it; nullopt
// when there is no such directory. A directory that cannot be read counts
// as empty.
std::optional<HostTls> FindHostTls(const std::vector<std::string>& roots,
                                   const std::string& cert_dir,
                                   const std::string& authority);

}  // namespace mybuild::registry
