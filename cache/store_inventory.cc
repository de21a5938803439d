#include "cache/store_inventory.h"

#include "cache/lazy_layers.h"

#include <dirent.h>
#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <memory>

#include "base/fd.h"
#include "cache/image_store.h"
#include "oci/image_config.h"
#include "oci/manifest.h"

namespace mybuild::cache {
namespace {

using Dir = std::unique_ptr<DIR, int (*)(DIR*)>;

// Entry names of `dir`; an absent directory is empty.
Expected<std::vector<std::string>> Names(const std::string& dir) {
  std::vector<std::string> out;
  Dir d(::opendir(dir.c_str()), ::closedir);
  if (!d) {
    if (errno == ENOENT) return out;
    return SysError("opendir", dir, errno);
  }
  while (struct dirent* e = ::readdir(d.get())) {
    std::string n = e->d_name;
    if (n != "." && n != "..") out.push_back(n);
  }
  return out;
}

bool IsHex64(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// Adds what the manifest `d` reaches to the inventory's tagged sets.
Status Reach(const StorePaths& paths, const oci::Digest& d, StoreInventory& inv) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(paths.Blob(d)));
  inv.tagged_blobs.insert(std::string(d.hex()));
  ASSIGN_OR_RETURN(oci::Manifest m, oci::Manifest::FromJson(text));
  inv.tagged_blobs.insert(std::string(m.config.digest.hex()));
  for (const oci::Descriptor& l : m.layers) inv.tagged_blobs.insert(std::string(l.digest.hex()));
  ASSIGN_OR_RETURN(std::string config_text, ReadFile(paths.Blob(m.config.digest)));
  ASSIGN_OR_RETURN(oci::ImageConfig config, oci::ImageConfig::FromJson(config_text));
  for (const oci::Digest& id : config.diff_ids) {
    inv.tagged_diff_ids.insert(std::string(id.hex()));
  }
  return Status::Ok();
}

}  // namespace

int64_t DiskUsage(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return 0;
  int64_t total = static_cast<int64_t>(st.st_blocks) * 512;
  if (!S_ISDIR(st.st_mode)) return total;
  Expected<std::vector<std::string>> names = Names(path);
  if (!names.ok()) return total;
  for (const std::string& n : *names) total += DiskUsage(path + "/" + n);
  return total;
}

Expected<StoreInventory> TakeInventory(const StorePaths& paths) {
  StoreInventory inv;
  ASSIGN_OR_RETURN(std::vector<std::string> blobs, Names(paths.BlobsDir()));
  for (const std::string& n : blobs) {
    if (IsHex64(n)) inv.blobs[n] = DiskUsage(paths.BlobsDir() + "/" + n);
  }
  Expected<std::vector<std::string>> lazy = Names(paths.LazyDir());
  for (const std::string& n : lazy.ok() ? *lazy : std::vector<std::string>{}) {
    Expected<oci::Digest> d = oci::Digest::FromHex(n);
    if (!IsHex64(n) || inv.blobs.count(n) || !d.ok() || !FindLazyLayer(paths, *d)) continue;
    inv.blobs[n] = DiskUsage(paths.Lazy(*d));
    inv.lazy_blobs.insert(n);
  }
  ASSIGN_OR_RETURN(std::vector<std::string> snaps, Names(paths.SnapshotsDir()));
  for (const std::string& n : snaps) {
    if (IsHex64(n)) inv.snapshots[n] = DiskUsage(paths.SnapshotsDir() + "/" + n);
  }
  RETURN_IF_ERROR(StepIndex(paths).ForEach(
      [&](const std::string& key, const StepLookup& l, std::time_t used) {
        inv.records.push_back({key, l, used});
      }));
  ASSIGN_OR_RETURN(auto tags, ImageStore(paths).List());
  inv.tags = static_cast<int>(tags.size());
  for (const auto& [name, rec] : tags) {
    Status st = Reach(paths, rec.manifest, inv);
    if (!st.ok()) inv.broken_tags.push_back("image " + name + ": " + st.message());
  }
  return inv;
}

std::string HumanSize(int64_t bytes) {
  static const char* const kUnits[] = {"B", "kB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1000 && u < 4) {
    v /= 1000;
    ++u;
  }
  char buf[32];
  if (u == 0) {
    std::snprintf(buf, sizeof buf, "%lldB", static_cast<long long>(bytes));
  } else {
    std::snprintf(buf, sizeof buf, "%.3g%s", v, kUnits[u]);
  }
  return buf;
}

Expected<int64_t> ParseSize(const std::string& text) {
  Status bad = InvalidArgument("invalid size \"" + text +
                               "\": use a number with an optional unit b, k, m, g or t");
  size_t end = 0;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) ++end;
  if (end == 0) return bad;
  std::string unit;
  for (char c : text.substr(end)) unit += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::map<std::string, int> kShift = {
      {"", 0},   {"b", 0},   {"k", 10},  {"kb", 10}, {"kib", 10}, {"m", 20},
      {"mb", 20}, {"mib", 20}, {"g", 30}, {"gb", 30}, {"gib", 30}, {"t", 40},
      {"tb", 40}, {"tib", 40}};
  auto it = kShift.find(unit);
  char* stop = nullptr;
  std::string number = text.substr(0, end);
  double v = std::strtod(number.c_str(), &stop);
  if (it == kShift.end() || stop != number.c_str() + number.size()) return bad;
  return static_cast<int64_t>(std::llround(v * std::pow(2.0, it->second)));
}

}  // namespace mybuild::cache
