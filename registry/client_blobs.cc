// RegistryClient's blob half: existence checks, verified downloads, and
// uploads (monolithic, chunked, or mounted from another repository).
#include <sys/stat.h>

#include <cerrno>

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

}  // namespace

Expected<bool> RegistryClient::BlobExists(const std::string& repo,
                                          const oci::Digest& digest) {
  ASSIGN_OR_RETURN(std::string base, BaseUrl());
  HttpRequest req;
  req.method = "HEAD";
  req.url = base + "/v2/" + repo + "/blobs/" + digest.str();
  ASSIGN_OR_RETURN(HttpResponse resp, SendFollowing(req, PullScope(repo)));
  if (resp.status == 404) return false;
  if (!resp.success()) return ErrorFor(resp);
  return true;
}

Status RegistryClient::FetchBlob(const std::string& repo,
                                 const oci::Digest& digest, int64_t size,
                                 const std::string& path) {
  ASSIGN_OR_RETURN(std::string base, BaseUrl());
  ASSIGN_OR_RETURN(std::unique_ptr<BlobWriter> writer,
                   BlobWriter::Create(path));
  HttpRequest req;
  req.url = base + "/v2/" + repo + "/blobs/" + digest.str();
  req.sink = writer.get();
  ASSIGN_OR_RETURN(HttpResponse resp, SendFollowing(req, PullScope(repo)));
  if (!resp.success()) return ErrorFor(resp);
  RETURN_IF_ERROR(CheckDigestHeader(resp, "blob", repo, digest.str()));
  return writer->Commit(digest, size).WithPrefix("blob " + digest.str());
}

Expected<std::string> RegistryClient::StartUpload(const std::string& repo,
                                                  const oci::Digest& digest,
                                                  const std::string& mount_from,
                                                  bool* mounted) {
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
  *mounted = resp.status == 201;
  if (*mounted) return std::string();
  if (resp.status != 202) return ErrorFor(resp);
  return NextLocation(req.url, resp);
}

Expected<std::string> RegistryClient::SendChunks(const std::string& repo,
                                                 std::string location,
                                                 const std::string& path,
                                                 int64_t size) {
  for (int64_t offset = 0; offset < size; offset += options_.chunk_size) {
    int64_t n = std::min(options_.chunk_size, size - offset);
    HttpRequest req;
    req.method = "PATCH";
    req.url = location;
    req.headers.Set("Content-Type", "application/octet-stream");
    req.headers.Set("Content-Range", std::to_string(offset) + "-" +
                                         std::to_string(offset + n - 1));
    req.body_file = path;
    req.body_offset = offset;
    req.body_length = n;
    req.retry = false;  // the registry may have taken part of it
    ASSIGN_OR_RETURN(HttpResponse resp, SendFollowing(req, PushScope(repo)));
    if (resp.status != 202) return ErrorFor(resp);
    ASSIGN_OR_RETURN(location, NextLocation(req.url, resp));
  }
  return location;
}

Status RegistryClient::UploadBlob(const std::string& repo,
                                  const oci::Digest& digest,
                                  const std::string& path,
                                  const std::string& mount_from) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return SysError("stat", path, errno);
  bool mounted = false;
  ASSIGN_OR_RETURN(std::string location,
                   StartUpload(repo, digest, mount_from, &mounted));
  if (mounted) return Status::Ok();
  HttpRequest put;
  put.method = "PUT";
  put.headers.Set("Content-Type", "application/octet-stream");
  if (st.st_size > options_.monolithic_limit) {
    ASSIGN_OR_RETURN(location, SendChunks(repo, location, path, st.st_size));
  } else {
    put.body_file = path;
  }
  put.url = WithQuery(location, "digest", digest.str());
  ASSIGN_OR_RETURN(HttpResponse resp, SendFollowing(put, PushScope(repo)));
  if (resp.status != 201) return ErrorFor(resp);
  std::string said = resp.headers.Get("Docker-Content-Digest");
  if (!said.empty() && said != digest.str()) {
    return InvalidArgument("registry stored blob " + digest.str() + " as " +
                           said);
  }
  return Status::Ok();
}

}  // namespace mybuild::registry
