// `mybuild du`, `mybuild prune` and `mybuild cache verify`: the store's
// upkeep, over cache/store_inventory.h, prune.h and store_verify.h.
#include <fmt/format.h>

#include "cache/prune.h"
#include "cache/store_inventory.h"
#include "cache/store_verify.h"
#include "cli/commands.h"

namespace mybuild::cli {
namespace {

int Fail(std::ostream& err, const Status& st) {
  err << "mybuild: " << st.message() << "\n";
  return kExitFailed;
}

std::string Row(const std::string& what, const std::string& count,
                int64_t size) {
  return fmt::format("{:<14} {:>7}  {}\n", what, count, cache::HumanSize(size));
}

}  // namespace

int RunDu(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  Expected<cache::StoreInventory> inv = cache::TakeInventory(cache::StorePaths(cl.root));
  if (!inv.ok()) return Fail(err, inv.status());
  int64_t blobs = 0, snapshots = 0, tagged = 0;
  for (const auto& [hex, size] : inv->blobs) {
    blobs += size;
    if (inv->tagged_blobs.count(hex)) tagged += size;
  }
  for (const auto& [hex, size] : inv->snapshots) snapshots += size;
  out << fmt::format("{:<14} {:>7}  {}\n", "TYPE", "COUNT", "SIZE");
  out << Row("images", std::to_string(inv->tags), tagged);
  out << Row("blobs", std::to_string(inv->blobs.size()), blobs);
  out << Row("snapshots", std::to_string(inv->snapshots.size()), snapshots);
  out << fmt::format("{:<14} {:>7}\n", "step records", inv->records.size());
  out << Row("total", "", blobs + snapshots);
  out << "reclaimable by prune --all: "
      << cache::HumanSize(blobs + snapshots - tagged) << "\n";
  return kExitOk;
}

int RunPrune(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  cache::PruneOptions o;
  o.all = cl.prune.all;
  o.keep_storage = cl.prune.keep_storage;
  o.until_seconds = cl.prune.until_seconds;
  Expected<cache::PruneReport> r = cache::Prune(cache::StorePaths(cl.root), o);
  if (!r.ok()) return Fail(err, r.status());
  out << fmt::format("Deleted {} step records, {} blobs, {} snapshots\n",
                     r->records, r->blobs, r->snapshots)
      << "Total reclaimed space: " << cache::HumanSize(r->reclaimed) << "\n";
  return kExitOk;
}

int RunCacheVerify(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  Expected<cache::VerifyReport> r =
      cache::VerifyStore(cache::StorePaths(cl.root), cl.repair);
  if (!r.ok()) return Fail(err, r.status());
  for (const std::string& p : r->problems) out << p << "\n";
  out << fmt::format(
      "checked {} blobs, {} step records, {} images; {} snapshots; {} leftover "
      "temp files\n",
      r->blobs, r->records, r->tags, r->snapshots, r->leftovers);
  if (cl.repair) out << fmt::format("removed {} damaged or leftover files\n", r->repaired);
  if (r->problems.empty()) {
    out << "ok\n";
    return kExitOk;
  }
  out << r->problems.size() << " problems\n";
  return cl.repair ? kExitOk : kExitFailed;
}

}  // namespace mybuild::cli
