#include "cli/cache_flags.h"

#include <functional>
#include <string>

#include "remote_cache/cache_spec.h"

namespace mybuild::cli {
namespace {

std::function<std::string(const std::string&)> SpecCheck(bool to) {
  return [to](const std::string& value) {
    auto spec = remote_cache::ParseCacheSpec(value, to);
    return spec.ok() ? std::string() : spec.status().message();
  };
}

}  // namespace

void AddCacheFlags(CLI::App& app, BuildOptions& o) {
  app.add_option("--cache-to", o.cache_to,
                 "Export the build cache: type=local,dest=DIR or type=registry,ref=REF"
                 "[,mode=min|max] (repeatable)")
      ->type_name("SPEC")
      ->check(SpecCheck(true));
  app.add_option("--cache-from", o.cache_from,
                 "Reuse steps from a cache: type=local,src=DIR or type=registry,ref=REF"
                 " (repeatable)")
      ->type_name("SPEC")
      ->check(SpecCheck(false));
}

}  // namespace mybuild::cli
