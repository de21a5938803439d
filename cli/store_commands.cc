// `mybuild push`: an image of the local store to its registry.
#include "cache/image_store.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/registry_session.h"

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

}  // namespace mybuild::cli
