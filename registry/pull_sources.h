// Which registries a pull asks, as podman decides it from
// registries.conf(5): a short name ("busybox", "team/app") is tried on each
// unqualified-search registry in order (Docker Hub when none are listed, as
// Docker does), and each name is fetched from its [[registry]] table's
// mirrors first, then from the table's location.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "oci/reference.h"
#include "registry/registries_conf.h"

namespace mybuild::registry {

// Whether `text` names no registry host: its first "/"-separated part
// (when there are several) has no '.' or ':', is not "localhost" and has no
// upper-case letters (ImageReference::Parse's rule).
bool IsShortName(std::string_view text);

// The names `text` may mean, in the order to try them: for a short name,
// each unqualified-search registry + "/" + text (docker.io alone when the
// list is empty); otherwise `text` itself. Fails as ImageReference::Parse.
Expected<std::vector<oci::ImageReference>> NameCandidates(const RegistriesConf& conf,
                                                          std::string_view text);

// The [[registry]] table whose prefix matches ref.str() longest (the prefix
// followed by the end, '/', ':' or '@'); nullptr when none does.
const RegistryTable* TableFor(const RegistriesConf& conf, const oci::ImageReference& ref);

// Where `ref` is fetched from, in order: its table's mirrors (not for a
// tag when mirror-by-digest-only), then its table's location, each with the
// rest of the name after the prefix appended; just `ref` without a table.
// Fails when the table is blocked:
//   pull example.com/app:1: blocked in registries.conf (prefix "example.com")
Expected<std::vector<oci::ImageReference>> PullSources(const RegistriesConf& conf,
                                                       const oci::ImageReference& ref);

// Runs `attempt` on each of PullSources(conf, ref) until one succeeds.
// Returns the last failure when none does (the table's location's, so an
// image on no mirror fails as it would without mirrors).
Status TrySources(const RegistriesConf& conf, const oci::ImageReference& ref,
                  const std::function<Status(const oci::ImageReference&)>& attempt);

}  // namespace mybuild::registry
