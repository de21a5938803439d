#include "cache/image_store.h"

#include <sys/file.h>

#include <cerrno>
#include <nlohmann/json.hpp>

#include "base/fd.h"

namespace mybuild::cache {
namespace {


Expected<Records> Load(const std::string& file) {
  Records out;
  Expected<std::string> text = ReadFile(file);
  if (!text.ok()) {
    if (text.status().message().find("No such file") != std::string::npos) {
      return out;
    }
    return text.status();
  }
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Internal("image index \"" + file + "\" is not valid JSON");
  }
  for (const auto& [name, rec] : j.items()) {
    if (!rec.is_object() || !rec["manifest"].is_string()) {
      return Internal("image index \"" + file + "\": bad record for " + name);
    }
    ASSIGN_OR_RETURN(oci::Digest d,
                     oci::Digest::Parse(rec["manifest"].get<std::string>()));
    out[name] = {d, rec.value("created", "")};
  }
  return out;
}

}  // namespace

Status ImageStore::Update(const std::function<Status(Records&)>& change) {
  RETURN_IF_ERROR(MakeDirs(paths_.root()));
  ASSIGN_OR_RETURN(UniqueFd lock,
                   OpenFile(paths_.LockFile(), O_RDWR | O_CREAT, 0600));
  if (::flock(lock.get(), LOCK_EX) != 0) {
    return SysError("flock", paths_.LockFile(), errno);
  }
  ASSIGN_OR_RETURN(Records records, Load(paths_.ImagesFile()));
  Records before = records;
  RETURN_IF_ERROR(change(records));
  if (records == before) return Status::Ok();
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [n, r] : records) {
    j[n] = {{"manifest", r.manifest.str()}, {"created", r.created}};
  }
  return WriteFileAtomic(paths_.ImagesFile(), j.dump(2) + "\n");
}

Status ImageStore::Tag(const std::string& name, const oci::Digest& manifest,
                       const std::string& created) {
  return Update([&](Records& records) {
    auto it = records.find(name);
    // Tagging again what the tag already names changes nothing (and keeps
    // when it was first tagged): a no-op rebuild writes nothing.
    if (it == records.end() || it->second.manifest != manifest) {
      records[name] = {manifest, created};
    }
    return Status::Ok();
  });
}

Status ImageStore::Untag(const std::string& name) {
  return Update([&](Records& records) {
    if (records.erase(name) == 0) {
      return NotFound("no image tagged " + name + " in " + paths_.root());
    }
    return Status::Ok();
  });
}

Expected<ImageRecord> ImageStore::Lookup(const std::string& name) const {
  ASSIGN_OR_RETURN(Records records, Load(paths_.ImagesFile()));
  auto it = records.find(name);
  if (it == records.end()) {
    return NotFound("no image tagged " + name + " in " + paths_.root());
  }
  return it->second;
}

Expected<std::map<std::string, ImageRecord>> ImageStore::List() const {
  return Load(paths_.ImagesFile());
}

}  // namespace mybuild::cache
