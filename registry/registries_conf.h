// The insecure registries named in containers-registries.conf(5), as podman
// reads them: [[registry]] tables with `location` (or `prefix`) and
// `insecure = true`, and the v1 form [registries.insecure] registries = [..].
// The file is $CONTAINERS_REGISTRIES_CONF, else
// /etc/containers/registries.conf.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::registry {

// The file read for `env` (CONTAINERS_REGISTRIES_CONF as getenv answers).
std::string RegistriesConfPath(const std::map<std::string, std::string>& env);

// The hosts ("host[:port]") marked insecure in `text` of file `path`.
// Fails with kInvalidArgument naming the file when it is not TOML:
//   registries.conf "/etc/containers/registries.conf": <parser's words>
Expected<std::vector<std::string>> InsecureRegistries(const std::string& text,
                                                      const std::string& path);

// Reads `path`; a missing file names no registry.
Expected<std::vector<std::string>> ReadInsecureRegistries(
    const std::string& path);

}  // namespace mybuild::registry
