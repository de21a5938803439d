#include "cache/step_index.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <nlohmann/json.hpp>

#include "base/fd.h"
#include "base/sha256.h"
#include "cache/blob_verify.h"
#include "cache/lazy_layers.h"

namespace mybuild::cache {
namespace {

constexpr int kRecordVersion = 2;

// The fields a record's checksum covers, as canonical JSON.
nlohmann::json Body(const std::string& key, const StepRecord& r) {
  nlohmann::json body = {{"v", kRecordVersion},
                         {"key", key},
                         {"digest", r.layer.digest.str()},
                         {"diff_id", r.layer.diff_id.str()},
                         {"size", r.layer.size},
                         {"media_type", r.layer.media_type},
                         {"below", r.below}};
  // Optional, so that records written before it still verify.
  if (!r.created.empty()) body["created"] = r.created;
  return body;
}

bool Parse(const std::string& key, const std::string& text, StepRecord& r) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j["checksum"].is_string() ||
      !j["digest"].is_string() || !j["diff_id"].is_string() ||
      !j["size"].is_number_integer() || !j["media_type"].is_string() ||
      !j["below"].is_string() || j.value("key", "") != key) {
    return false;
  }
  auto digest = oci::Digest::Parse(j["digest"].get<std::string>());
  auto diff_id = oci::Digest::Parse(j["diff_id"].get<std::string>());
  if (!digest.ok() || !diff_id.ok()) return false;
  r.layer = {*digest, *diff_id, j["size"].get<int64_t>(),
             j["media_type"].get<std::string>()};
  r.below = j["below"].get<std::string>();
  if (j.contains("created")) {
    if (!j["created"].is_string()) return false;
    r.created = j["created"].get<std::string>();
  }
  return j["checksum"].get<std::string>() == Sha256Hex(Body(key, r).dump());
}

}  // namespace

std::string ChainOf(const std::vector<oci::Digest>& diff_ids) {
  std::string chain;
  for (const oci::Digest& d : diff_ids) {
    chain = chain.empty() ? d.str() : "sha256:" + Sha256Hex(chain + " " + d.str());
  }
  return chain;
}

StepLookup StepIndex::Find(const std::string& key) const { return Lookup(key, true); }

StepLookup StepIndex::Lookup(const std::string& key, bool for_use) const {
  StepLookup out;
  const std::string file = paths_.Step(key);
  Expected<std::string> text = ReadFile(file);
  if (!text.ok()) {
    if (::access(file.c_str(), F_OK) != 0 && errno == ENOENT) return out;
    out.state = RecordState::kCorrupt;
    out.detail = text.status().message();
    return out;
  }
  if (!Parse(key, *text, out.record)) {
    out.state = RecordState::kCorrupt;
    out.detail = "step record \"" + file + "\" is corrupt";
    return out;
  }
  const oci::Digest& blob = out.record.layer.digest;
  if (!for_use) {
    bool present = ::access(paths_.Blob(blob).c_str(), F_OK) == 0 ||
                   FindLazyLayer(paths_, blob).has_value();
    out.state = present ? RecordState::kPresent : RecordState::kBlobMissing;
    return out;
  }
  BlobVerifier verifier(paths_);
  Status st = verifier.CheckForUse(blob, out.record.layer.size);
  if (st.ok()) {
    out.state = RecordState::kPresent;
  } else if (st.code() == ErrorCode::kNotFound) {
    out.state = RecordState::kBlobMissing;
  } else {
    out.state = RecordState::kBlobDamaged;
    out.detail = st.message();
    Status moved = verifier.Quarantine(blob);
    if (!moved.ok()) out.detail += " (" + moved.message() + ")";
  }
  return out;
}

Status StepIndex::Record(const std::string& key, const StepRecord& record) {
  RETURN_IF_ERROR(MakeDirs(paths_.StepsDir()));
  nlohmann::json j = Body(key, record);
  j["checksum"] = Sha256Hex(j.dump());
  return WriteFileAtomic(paths_.Step(key), j.dump() + "\n");
}

void StepIndex::Touch(const std::string& key) const {
  ::utimensat(AT_FDCWD, paths_.Step(key).c_str(), nullptr, 0);
}

Status StepIndex::ForEach(
    const std::function<void(const std::string&, const StepLookup&,
                             std::time_t)>& fn) const {
  std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(paths_.StepsDir().c_str()),
                                         ::closedir);
  if (!d) {
    if (errno == ENOENT) return Status::Ok();
    return SysError("opendir", paths_.StepsDir(), errno);
  }
  std::vector<std::string> keys;
  while (struct dirent* e = ::readdir(d.get())) {
    std::string n = e->d_name;
    if (n.size() == 69 && n.compare(64, 5, ".json") == 0) keys.push_back(n.substr(0, 64));
  }
  std::sort(keys.begin(), keys.end());
  for (const std::string& key : keys) {
    struct stat st;
    if (::stat(paths_.Step(key).c_str(), &st) != 0) continue;  // pruned meanwhile
    fn(key, Lookup(key, false), st.st_mtime);
  }
  return Status::Ok();
}

Status StepIndex::Remove(const std::string& key) {
  if (::unlink(paths_.Step(key).c_str()) != 0 && errno != ENOENT) {
    return SysError("unlink", paths_.Step(key), errno);
  }
  return Status::Ok();
}

}  // namespace mybuild::cache
