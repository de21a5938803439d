// The flags every command that talks to registries takes (build, push,
// login, logout), as podman names them, and where they are parsed.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::cli {

// When a build asks a registry for a FROM, COPY --from or RUN --mount from=
// image (build --pull): always, only when the local store lacks it
// (missing, the default), or never.
enum class PullPolicy { kAlways, kMissing, kNever };

// Parses --pull's value: always (also "true", and --pull alone), missing
// ("false"), never. Fails with kInvalidArgument
//   invalid --pull "sometimes": want always, missing or never
Expected<PullPolicy> ParsePullPolicy(const std::string& value);

struct RegistryFlags {
  std::string
      authfile;  // --authfile: first auth file (else $REGISTRY_AUTH_FILE)
  std::string cert_dir;    // --cert-dir: CA (*.crt) and client.cert/.key for
                           // every registry
  bool tls_verify = true;  // --tls-verify=false: no certificate checks
  std::vector<std::string> insecure;  // --insecure-registry HOST[:PORT]
  long connect_timeout_s = 30;        // --connect-timeout SECONDS
  long stall_timeout_s = 60;          // --stall-timeout SECONDS
  int retries = 4;                    // --retry N: re-sends after the first
  int64_t retry_delay_ms = 250;       // --retry-delay DURATION: first backoff
};

// Adds the flags above to `app`, writing into `flags`; `retry_delay` keeps
// --retry-delay's text for FinishRegistryFlags.
void AddRegistryFlags(CLI::App& app, RegistryFlags& flags,
                      std::string& retry_delay);

// Converts --retry-delay's text (a duration such as "500ms", "2s"; "" keeps
// the default). Fails with kInvalidArgument "--retry-delay: ...".
Status FinishRegistryFlags(const std::string& retry_delay,
                           RegistryFlags& flags);

}  // namespace mybuild::cli
