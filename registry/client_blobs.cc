// RegistryClient's blob half: existence checks, verified downloads, and
// uploads (monolithic, chunked, or mounted from another repository).
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <optional>

#include "registry/blob_writer.h"
#include "registry/client.h"
#include "registry/url.h"

namespace mybuild::registry {
namespace {

// `location` with `key=value` added to its query.
std::string WithQuery(const std::string& location, const std::string& key,
                      const std::string& value) {
  char sep = location.find('?') == std::string::npos ? '?' : '&';
  return location + sep + key + "=" + QueryEscape(value);
}

// The absolute upload URL a 202 points to.
Expected<std::string> NextLocation(const std::string& request_url,
                                   const HttpResponse& resp) {
  std::string location = resp.headers.Get("Location");
  if (location.empty()) {
    return Unavailable("registry answered an upload without a Location");
  }
  ASSIGN_OR_RETURN(Url base, ParseUrl(request_url));
  ASSIGN_OR_RETURN(Url next, ResolveUrl(base, location));
  return next.ToString();
}

// A sink that counts what passes through it to `inner`, for progress.
class CountingSink : public BodySink {
 public:
  CountingSink(BodySink& inner, BlobProgress report, const BlobProgressFn& progress)
      : inner_(inner), report_(std::move(report)), progress_(progress) {}
  Status Write(std::string_view data) override {
    RETURN_IF_ERROR(inner_.Write(data));
    report_.current += static_cast<int64_t>(data.size());
    progress_(report_);
    return Status::Ok();
  }
  Status Reset() override {
    report_.current = 0;
    return inner_.Reset();
  }

 private:
  BodySink& inner_;
  BlobProgress report_;
  const BlobProgressFn& progress_;
};

}  // namespace

void RegistryClient::NoteBlobIn(const std::string& repo,
                                const oci::Digest& digest) {
  std::lock_guard<std::mutex> lock(known_mu_);
  std::vector<std::string>& repos = known_[digest.str()];
  if (std::find(repos.begin(), repos.end(), repo) == repos.end()) {
    repos.push_back(repo);
  }
}

bool RegistryClient::Knows(const std::string& repo, const oci::Digest& digest) const {
  std::lock_guard<std::mutex> lock(known_mu_);
  auto it = known_.find(digest.str());
  return it != known_.end() &&
         std::find(it->second.begin(), it->second.end(), repo) != it->second.end();
}

std::string RegistryClient::RepositoryHolding(const oci::Digest& digest,
                                              const std::string& except) const {
  std::lock_guard<std::mutex> lock(known_mu_);
  auto it = known_.find(digest.str());
  if (it == known_.end()) return "";
  for (const std::string& repo : it->second) {
    if (repo != except) return repo;
  }
  return "";
}

Expected<bool> RegistryClient::BlobExists(const std::string& repo,
                                          const oci::Digest& digest) {
  if (Knows(repo, digest)) return true;
  ASSIGN_OR_RETURN(std::string base, BaseUrl());
  HttpRequest req;
  req.method = "HEAD";
  req.url = base + "/v2/" + repo + "/blobs/" + digest.str();
  ASSIGN_OR_RETURN(HttpResponse resp, SendFollowing(req, PullScope(repo)));
  if (resp.status == 404) return false;
  if (!resp.success()) return ErrorFor(resp, PullScope(repo));
  NoteBlobIn(repo, digest);
  return true;
}

Status RegistryClient::FetchBlob(const std::string& repo,
                                 const oci::Digest& digest, int64_t size,
                                 const std::string& path,
                                 const BlobProgressFn& progress) {
  ASSIGN_OR_RETURN(std::string base, BaseUrl());
  ASSIGN_OR_RETURN(std::unique_ptr<BlobWriter> writer,
                   BlobWriter::Create(path));
  HttpRequest req;
  req.url = base + "/v2/" + repo + "/blobs/" + digest.str();
  req.sink = writer.get();
  std::optional<CountingSink> counting;
  if (progress) {
    progress({digest, 0, size, false});
    req.sink = &counting.emplace(*writer, BlobProgress{digest, 0, size, false}, progress);
  }
  ASSIGN_OR_RETURN(HttpResponse resp, SendFollowing(req, PullScope(repo)));
  if (!resp.success()) return ErrorFor(resp, PullScope(repo));
  RETURN_IF_ERROR(CheckDigestHeader(resp, "blob", repo, digest.str()));
  RETURN_IF_ERROR(
      writer->Commit(digest, size).WithPrefix("blob " + digest.str()));
  NoteBlobIn(repo, digest);
  if (progress) progress({digest, size, size, true});
  return Status::Ok();
}

Expected<RegistryClient::Upload> RegistryClient::StartUpload(
    const std::string& repo, const oci::Digest& digest,
    const std::string& mount_from) {
  ASSIGN_OR_RETURN(std::string base, BaseUrl());
  HttpRequest req;
  req.method = "POST";
  req.url = base + "/v2/" + repo + "/blobs/uploads/";
  std::string scope = PushScope(repo);
  if (!mount_from.empty() && mount_from != repo) {
    req.url = WithQuery(WithQuery(req.url, "mount", digest.str()), "from",
                        mount_from);
    scope += " " + PullScope(mount_from);
  }
  ASSIGN_OR_RETURN(HttpResponse resp, SendFollowing(req, scope));
  Upload upload;
  upload.mounted = resp.status == 201;
  if (upload.mounted) return upload;
  if (resp.status != 202) return ErrorFor(resp, scope);
  ASSIGN_OR_RETURN(upload.location, NextLocation(req.url, resp));
  // OCI distribution: chunks (but the last) must be at least this long.
  std::string min = resp.headers.Get("OCI-Chunk-Min-Length");
  if (!min.empty() && min.size() < 19 &&
      min.find_first_not_of("0123456789") == std::string::npos) {
    upload.min_chunk = std::stoll(min);
  }
  return upload;
}

Expected<int64_t> RegistryClient::UploadOffset(const std::string& repo,
                                               Upload* upload) {
  HttpRequest req;
  req.url = upload->location;
  ASSIGN_OR_RETURN(HttpResponse resp, SendFollowing(req, PushScope(repo)));
  if (resp.status != 204 && resp.status != 202)
    return ErrorFor(resp, PushScope(repo));
  if (resp.headers.Has("Location")) {
    ASSIGN_OR_RETURN(upload->location, NextLocation(req.url, resp));
  }
  // "Range: 0-<last byte received>"; none, or distribution's "0-0" for an
  // empty upload, is nothing received.
  std::string range = resp.headers.Get("Range");
  if (range.starts_with("bytes=")) range = range.substr(6);
  if (range.empty() || range == "0-0") return 0;
  size_t dash = range.find('-');
  std::string last = dash == std::string::npos ? "" : range.substr(dash + 1);
  if (!range.starts_with("0-") || last.empty() || last.size() > 18 ||
      last.find_first_not_of("0123456789") != std::string::npos) {
    return Unavailable("registry reported upload progress as Range \"" +
                       resp.headers.Get("Range") + "\"");
  }
  return std::stoll(last) + 1;
}

Status RegistryClient::SendChunks(const std::string& repo,
                                  const std::string& path, int64_t size,
                                  Upload* upload,
                                  const std::function<void(int64_t)>& sent) {
  int64_t chunk = std::max(options_.chunk_size, upload->min_chunk);
  int recoveries = 0;
  while (upload->offset < size) {
    int64_t n = std::min(chunk, size - upload->offset);
    HttpRequest req;
    req.method = "PATCH";
    req.url = upload->location;
    req.headers.Set("Content-Type", "application/octet-stream");
    req.headers.Set("Content-Range",
                    std::to_string(upload->offset) + "-" +
                        std::to_string(upload->offset + n - 1));
    req.body_file = path;
    req.body_offset = upload->offset;
    req.body_length = n;
    req.retry = false;  // the registry may have taken part of it
    if (sent) {
      int64_t at = upload->offset;
      req.on_body_read = [&sent, at](int64_t n) { sent(at + n); };
    }
    ASSIGN_OR_RETURN(HttpResponse resp, SendFollowing(req, PushScope(repo)));
    if (resp.status == 405) return Status::Ok();  // no PATCH: PUT the rest
    if (resp.status == 416 && ++recoveries <= 3) {
      // Out of step with the registry: ask where it is and go on from there.
      ASSIGN_OR_RETURN(int64_t at, UploadOffset(repo, upload));
      if (at > size) {
        return Unavailable("registry reports " + std::to_string(at) +
                           " bytes uploaded of a " + std::to_string(size) +
                           "-byte blob");
      }
      upload->offset = at;
      continue;
    }
    if (resp.status != 202) return ErrorFor(resp, PushScope(repo));
    ASSIGN_OR_RETURN(upload->location, NextLocation(req.url, resp));
    upload->offset += n;
  }
  return Status::Ok();
}

Status RegistryClient::UploadBlob(const std::string& repo,
                                  const oci::Digest& digest,
                                  const std::string& path,
                                  const std::string& mount_from,
                                  const BlobProgressFn& progress) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return SysError("stat", path, errno);
  ASSIGN_OR_RETURN(Upload upload, StartUpload(repo, digest, mount_from));
  int64_t size = st.st_size;
  // Bytes read for sending, as progress (done only once the registry has it).
  std::function<void(int64_t)> sent;
  if (progress) {
    sent = [&](int64_t n) { progress({digest, std::min(n, size), size, false}); };
    if (!upload.mounted) sent(upload.offset);
  }
  if (!upload.mounted) {
    if (st.st_size > options_.monolithic_limit) {
      RETURN_IF_ERROR(SendChunks(repo, path, st.st_size, &upload, sent));
    }
    // The closing PUT carries what no PATCH did: everything, for a
    // monolithic upload or a registry without PATCH.
    HttpRequest put;
    put.method = "PUT";
    put.headers.Set("Content-Type", "application/octet-stream");
    if (upload.offset < st.st_size) {
      put.body_file = path;
      put.body_offset = upload.offset;
    }
    put.url = WithQuery(upload.location, "digest", digest.str());
    if (sent && !put.body_file.empty()) {
      int64_t at = upload.offset;
      put.on_body_read = [&sent, at](int64_t n) { sent(at + n); };
    }
    ASSIGN_OR_RETURN(HttpResponse resp, SendFollowing(put, PushScope(repo)));
    if (resp.status != 201) return ErrorFor(resp, PushScope(repo));
    std::string said = resp.headers.Get("Docker-Content-Digest");
    if (!said.empty() && said != digest.str()) {
      return InvalidArgument("registry stored blob " + digest.str() + " as " +
                             said);
    }
  }
  NoteBlobIn(repo, digest);
  if (progress) progress({digest, size, size, true});
  return Status::Ok();
}

}  // namespace mybuild::registry
