// The local image index: which manifest each tag names. Stored as one JSON
// file, rewritten atomically under a file lock, so concurrent builds never
// lose each other's tags.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "base/status.h"
#include "cache/store_paths.h"
#include "oci/digest.h"

namespace mybuild::cache {

struct ImageRecord {
  oci::Digest manifest;
  std::string created;  // RFC 3339, when it was tagged
  bool operator==(const ImageRecord&) const = default;
};

using Records = std::map<std::string, ImageRecord>;

class ImageStore {
 public:
  explicit ImageStore(StorePaths paths) : paths_(std::move(paths)) {}

  // Points `name` (a full reference such as docker.io/library/app:1) at
  // `manifest`, replacing what it named before. When it already names
  // `manifest`, nothing is written and its `created` stays.
  Status Tag(const std::string& name, const oci::Digest& manifest,
             const std::string& created);
  // Removes the tag `name`; the blobs stay until `prune` finds them unused.
  // NotFound names the tag when there is none.
  Status Untag(const std::string& name);
  // The record for `name`; NotFound names the tag.
  Expected<ImageRecord> Lookup(const std::string& name) const;
  // Every tag, sorted by name.
  Expected<std::map<std::string, ImageRecord>> List() const;

 private:
  // Applies `change` to the index under the lock; writes only if it changed.
  Status Update(const std::function<Status(Records&)>& change);
  StorePaths paths_;
};

}  // namespace mybuild::cache
