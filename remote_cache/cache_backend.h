// Where an exported build cache lives: an OCI layout directory or a
// registry repository. A backend moves bytes; checking them is the
// importer's and the exporter's job, unless the backend says it checked a
// fetched blob's digest itself (VerifiesFetch).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "oci/descriptor.h"
#include "registry/client.h"

namespace mybuild::remote_cache {

// A blob to export: its descriptor and the file holding it.
struct BlobFile {
  oci::Descriptor descriptor;
  std::string path;
};

class CacheBackend {
 public:
  virtual ~CacheBackend() = default;
  // How messages name the cache, e.g. "type=local,src=/ci/cache".
  virtual const std::string& name() const = 0;
  // The cache manifest's (or index's) bytes, verified against the digest (and size) that
  // names them. kNotFound when there is no cache yet; other codes for what
  // could not be read.
  virtual Expected<std::string> ReadManifest() = 0;
  // Writes blob `d` to the new file `path` (its directory exists). The
  // content may be unchecked: the caller verifies it.
  virtual Status FetchBlob(const oci::Descriptor& d,
                           const std::string& path) = 0;
  // True when FetchBlob hashes every byte it writes and fails unless they
  // match d.digest and d.size: the importer then commits the file without
  // reading it again.
  virtual bool VerifiesFetch() const { return false; }
  // True when blobs come slowly enough (over a network) that the importer
  // fetches them in the background while the build goes on
  // (executor::RemoteSteps::Import). A local layout's are copied at once,
  // so a damaged one is found before its step is shown reused and the
  // step runs instead.
  virtual bool FetchesInBackground() const { return false; }
  // Stores every blob the cache lacks, then `manifest_json` (of
  // `media_type`: a cache manifest or a cache index) as the cache's
  // manifest, so that a reader sees the old cache or the whole new one.
  virtual Status Write(const std::string& media_type, const std::string& manifest_json,
                       const std::vector<BlobFile>& blobs) = 0;
  // Where a backend that moves bytes slowly (a registry's) reports the
  // bytes of the blobs FetchBlob and Write move, for progress; nullptr
  // stops it. Set while no transfer runs. Others ignore it.
  virtual void ReportBytes(registry::BlobProgressFn progress) { (void)progress; }
};

}  // namespace mybuild::remote_cache
