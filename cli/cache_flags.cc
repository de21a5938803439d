#include "cli/cache_flags.h"

#include <string>

#include "remote_cache/cache_spec.h"

namespace mybuild::cli {
void AddCacheFlags(CLI::App& app, BuildOptions& o) {
  app.add_option("--cache-to", o.cache_to,
                 "Export the build cache: type=local,dest=DIR, "
                 "type=registry,ref=REF or "
                 "type=inline [,mode=min|max][,cache-mounts=true] (repeatable)")
      ->type_name("SPEC");
  app.add_option(
         "--cache-from", o.cache_from,
         "Reuse steps from a cache: type=local,src=DIR or type=registry,ref=REF"
         " (repeatable)")
      ->type_name("SPEC");
}

Status CheckCacheFlags(const BuildOptions& o) {
  for (const std::string& v : o.cache_to) {
    RETURN_IF_ERROR(remote_cache::ParseCacheSpec(v, true).status());
  }
  for (const std::string& v : o.cache_from) {
    RETURN_IF_ERROR(remote_cache::ParseCacheSpec(v, false).status());
  }
  return Status::Ok();
}

}  // namespace mybuild::cli
