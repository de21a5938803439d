#include "cli/registry_flags.h"

#include "frontend/duration.h"

namespace mybuild::cli {

Expected<PullPolicy> ParsePullPolicy(const std::string& value) {
  if (value == "always" || value == "true") return PullPolicy::kAlways;
  if (value == "missing" || value == "false") return PullPolicy::kMissing;
  if (value == "never") return PullPolicy::kNever;
  return InvalidArgument("invalid --pull \"" + value +
                         "\": want always, missing or never");
}

void AddRegistryFlags(CLI::App& app, RegistryFlags& f,
                      std::string& retry_delay) {
  app.add_option("--authfile", f.authfile,
                 "Auth file read first (default $REGISTRY_AUTH_FILE)")
      ->type_name("FILE");
  app.add_option("--cert-dir", f.cert_dir,
                 "Directory of CA certificates (*.crt) and "
                 "client.cert/client.key for registries")
      ->type_name("DIR");
  app.add_option("--tls-verify", f.tls_verify,
                 "Verify registries' TLS certificates (default true)")
      ->type_name("BOOL");
  app.add_option("--insecure-registry", f.insecure,
                 "Registry that may use plain HTTP or an unverified "
                 "certificate (repeatable)")
      ->type_name("HOST[:PORT]")
      ->allow_extra_args(false);
  app.add_option("--connect-timeout", f.connect_timeout_s,
                 "Seconds to connect to a registry (default 30)")
      ->type_name("SECONDS")
      ->check(CLI::PositiveNumber);
  app.add_option("--stall-timeout", f.stall_timeout_s,
                 "Seconds a registry may send nothing before the transfer "
                 "fails (default 60)")
      ->type_name("SECONDS")
      ->check(CLI::PositiveNumber);
  app.add_option("--retry", f.retries,
                 "Re-sends after a connection error, 429 or 500/502/503/504 "
                 "(default 4)")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  app.add_option(
         "--retry-delay", retry_delay,
         "First wait before a re-send, doubled each time (default 250ms)")
      ->type_name("DURATION");
}

Status FinishRegistryFlags(const std::string& retry_delay,
                           RegistryFlags& flags) {
  if (retry_delay.empty()) return Status::Ok();
  Expected<int64_t> ns = frontend::ParseDuration(retry_delay);
  if (!ns.ok())
    return InvalidArgument("--retry-delay: " + ns.status().message());
  flags.retry_delay_ms = *ns / 1000000;
  return Status::Ok();
}

}  // namespace mybuild::cli
