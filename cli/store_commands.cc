// `mybuild push` and `mybuild images`: commands over the local image store.
#include <fmt/format.h>

#include "base/fd.h"
#include "cache/image_store.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/registry_session.h"
#include "oci/manifest.h"

namespace mybuild::cli {

int RunPush(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  Expected<oci::ImageReference> ref = oci::ImageReference::Parse(cl.ref);
  if (!ref.ok()) return Fail(err, ref.status());
  cache::StorePaths store(cl.root);
  Expected<cache::ImageRecord> rec = cache::ImageStore(store).Lookup(ref->str());
  if (!rec.ok()) return Fail(err, rec.status());
  auto session = RegistrySession::Create(store, cl.registry);
  if (!session.ok()) return Fail(err, session.status());
  Status st = (*session)->Push(*ref, rec->manifest);
  if (!st.ok()) return Fail(err, st);
  out << ref->str() << "@" << rec->manifest.str() << "\n";
  return kExitOk;
}

int RunImages(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  cache::StorePaths store(cl.root);
  auto list = cache::ImageStore(store).List();
  if (!list.ok()) return Fail(err, list.status());
  out << fmt::format("{:<50} {:<20} {:<12} {}\n", "REPOSITORY", "TAG",
                     "IMAGE ID", "CREATED");
  for (const auto& [name, rec] : *list) {
    auto ref = oci::ImageReference::Parse(name);
    auto manifest = ReadFile(store.Blob(rec.manifest));
    if (!ref.ok() || !manifest.ok()) continue;
    auto m = oci::Manifest::FromJson(*manifest);
    std::string id = m.ok() ? std::string(m->config.digest.hex().substr(0, 12)) : "?";
    std::string repo = ref->Familiar().substr(0, ref->Familiar().rfind(':'));
    out << fmt::format("{:<50} {:<20} {:<12} {}\n", repo, ref->tag(), id,
                       rec.created);
  }
  return kExitOk;
}

}  // namespace mybuild::cli
