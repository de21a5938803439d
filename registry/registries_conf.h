// containers-registries.conf(5), as podman reads it: the
// unqualified-search-registries tried for a short name, and [[registry]]
// tables chosen by longest `prefix` (default: their `location`) with
// `location` (where the namespace really is), `insecure`, `blocked`,
// `mirror-by-digest-only` and [[registry.mirror]] tables (`location`,
// `insecure`); the v1 form's [registries.search] and [registries.insecure]
// lists. Wildcard prefixes ("*.example.com"), aliases and short-name-mode
// are not read. The file is $CONTAINERS_REGISTRIES_CONF, else
// /etc/containers/registries.conf.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::registry {

struct RegistryMirror {
  std::string location;  // host[:port][/namespace...]
  bool insecure = false;
  bool operator==(const RegistryMirror&) const = default;
};

struct RegistryTable {
  std::string prefix;    // "location" when the file gives none
  std::string location;  // "prefix" when the file gives none
  bool insecure = false;
  bool blocked = false;
  bool mirror_by_digest_only = false;
  std::vector<RegistryMirror> mirrors;  // tried in order, before `location`
  bool operator==(const RegistryTable&) const = default;
};

struct RegistriesConf {
  std::vector<std::string> unqualified_search;  // host[:port], in order
  std::vector<RegistryTable> registries;
  std::vector<std::string> v1_insecure;  // [registries.insecure] registries
};

// The file read for `env` (CONTAINERS_REGISTRIES_CONF as getenv answers).
std::string RegistriesConfPath(const std::map<std::string, std::string>& env);

// Parses `text` of file `path`. Fails with kInvalidArgument naming the file
// when it is not TOML or a table has neither prefix nor location:
//   registries.conf "/etc/containers/registries.conf": <parser's words>
Expected<RegistriesConf> ParseRegistriesConf(const std::string& text,
                                             const std::string& path);

// Reads and parses `path`; a missing file is an empty configuration.
Expected<RegistriesConf> ReadRegistriesConf(const std::string& path);

// The hosts ("host[:port]") that may use plain HTTP or an unverified
// certificate: insecure tables' and mirrors' locations (their host part) and
// the v1 list.
std::vector<std::string> InsecureHosts(const RegistriesConf& conf);

// InsecureHosts of ParseRegistriesConf / ReadRegistriesConf.
Expected<std::vector<std::string>> InsecureRegistries(const std::string& text,
                                                      const std::string& path);
Expected<std::vector<std::string>> ReadInsecureRegistries(
    const std::string& path);

}  // namespace mybuild::registry
