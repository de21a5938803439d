// The OCI distribution API for one registry: manifests by tag or digest,
// blobs streamed to and from files, uploads and tags. Every answer is
// checked (digests, sizes, status codes) and registry errors come back in the
// registry's own words. Pull and Push (puller.h, pusher.h) build on it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "oci/descriptor.h"
#include "oci/digest.h"
#include "registry/auth.h"
#include "registry/auth_file.h"
#include "registry/http.h"

namespace mybuild::registry {

struct ClientOptions {
  // Hosts (as in references) that, like loopback ones, are asked in plain
  // HTTP first and used so when a registry answers there; otherwise HTTPS,
  // with no fallback (only loopback hosts fall back to plain HTTP when HTTPS
  // cannot be reached, and never after a TLS handshake failure). The
  // transport must also allow them.
  std::vector<std::string> insecure_registries;
  // Blobs up to this size are uploaded in one PUT; larger ones in PATCH
  // chunks of chunk_size, then a closing PUT.
  int64_t monolithic_limit = 64 << 20;
  int64_t chunk_size = 16 << 20;
};

struct FetchedManifest {
  std::string media_type;  // from Content-Type, or sniffed when generic
  std::string bytes;       // exactly as served
  oci::Digest digest;      // SHA-256 of bytes (verified)
};

// How far a blob's download or upload has come, for progress: a report
// with current 0 when it starts, more as bytes move, and one with `done`
// once the blob is complete (verified, or accepted by the registry). A
// blob sent again after a failure starts again from its offset.
struct BlobProgress {
  oci::Digest digest;
  int64_t current = 0;  // bytes moved
  int64_t total = 0;    // the blob's size; -1 when unknown
  bool done = false;
};
// Called from the transfer's thread; several blobs may report at once.
using BlobProgressFn = std::function<void(const BlobProgress&)>;

class RegistryClient {
 public:
  // `host` is the registry part of a reference ("docker.io",
  // "127.0.0.1:5000"); docker.io is reached at registry-1.docker.io.
  // `transport` must outlive the client.
  RegistryClient(Transport& transport, std::string host,
                 std::optional<Credentials> credentials,
                 ClientOptions options = {});

  // Credentials looked up through `credentials` at the registry's first
  // 401; `searched` names where (RegistryAuth).
  RegistryClient(Transport& transport, std::string host,
                 CredentialSource credentials, std::string searched,
                 ClientOptions options = {});

  const std::string& host() const { return host_; }

  // GET /v2/ with the auth flow (no repository scope): what `login` checks.
  // Fails with kUnauthenticated (RegistryAuth::Unauthorized) when the
  // credentials are missing or rejected, or with the transport's errors.
  Status Ping();

  // GET /v2/<repo>/manifests/<reference> (a tag or a digest) accepting OCI
  // and Docker manifests and indexes. Verifies the bytes against the digest
  // asked for (and that Docker-Content-Digest, if sent, agrees with it), else
  // against Docker-Content-Digest when given. Fails with the registry's words
  // ("manifest unknown: manifest unknown", kNotFound) or
  //   manifest digest mismatch: expected sha256:<a>, got sha256:<b>
  //   manifest sha256:<a> from r.example/app: Docker-Content-Digest header
  //   says sha256:<b>
  //   manifest r.example/app:1 has both "layers" and "manifests": ambiguous,
  //   refused as the OCI image spec requires
  Expected<FetchedManifest> GetManifest(const std::string& repo,
                                        const std::string& reference);

  // HEAD /v2/<repo>/blobs/<digest>: true on 200, false on 404. A blob
  // this client has already seen in `repo` (NoteBlobIn) is there without
  // asking: a push checks its layers before uploading them and again with
  // the manifest, and the second round of HEADs was a round trip a blob.
  Expected<bool> BlobExists(const std::string& repo, const oci::Digest& digest);

  // Streams the blob to `path` (created with its directory; written to a
  // temp file beside it, hashed while streaming, verified against `digest`
  // and `size` (-1: unknown), then renamed), following redirects (to other
  // hosts without credentials, never from https to http); a failed or
  // mismatched download, or a Docker-Content-Digest other than `digest`,
  // leaves nothing at `path`. `progress`, when set, hears of the bytes.
  Status FetchBlob(const std::string& repo, const oci::Digest& digest,
                   int64_t size, const std::string& path,
                   const BlobProgressFn& progress = nullptr);

  // Uploads the file at `path` as blob `digest` unless a cross-repository
  // mount from `mount_from` (a repository on this registry; "" for none)
  // succeeds (201; a 202 continues as an ordinary upload). Monolithic or
  // chunked by size (see ClientOptions), chunks no shorter than the
  // registry's OCI-Chunk-Min-Length; a chunk refused with 416 resumes from
  // the offset the registry reports, and a registry refusing PATCH (405)
  // gets the rest in the closing PUT. `progress`, when set, hears of the
  // bytes (a mount is done at once).
  Status UploadBlob(const std::string& repo, const oci::Digest& digest,
                    const std::string& path,
                    const std::string& mount_from = "",
                    const BlobProgressFn& progress = nullptr);

  // Remembers that `repo` on this registry holds blob `digest` (pulled from
  // it, found there, or uploaded to it). FetchBlob, BlobExists, UploadBlob
  // and Pull note what they see.
  void NoteBlobIn(const std::string& repo, const oci::Digest& digest);
  // A repository other than `except` known to hold `digest`, for a
  // cross-repository mount; "" when none is known.
  std::string RepositoryHolding(const oci::Digest& digest,
                                const std::string& except) const;
  // Whether NoteBlobIn(repo, digest) was called.
  bool Knows(const std::string& repo, const oci::Digest& digest) const;

  // PUT /v2/<repo>/manifests/<reference> with `bytes` as `media_type`.
  // Returns the manifest's digest (checked against Docker-Content-Digest).
  // A 4xx other than 401/403 is kRejected:
  //   manifest rejected by r.example: manifest invalid: ...
  Expected<oci::Digest> PutManifest(const std::string& repo,
                                    const std::string& reference,
                                    const std::string& media_type,
                                    const std::string& bytes);

 private:
  // "https://host" or, for loopback/insecure hosts that answer GET /v2/ in
  // plain HTTP (or loopback ones that cannot be reached in HTTPS),
  // "http://host"; decided once.
  Expected<std::string> BaseUrl();
  // Sends with auth for `scope`, following up to 10 redirects (without
  // credentials when they leave the registry's host). A redirect from https
  // to http fails (kInvalidArgument):
  //   GET https://r/x: redirect to http://s/x refused: https must not
  //   downgrade to http
  Expected<HttpResponse> SendFollowing(HttpRequest request,
                                       const std::string& scope);
  // Fails when the response's Docker-Content-Digest is present and is not
  // `digest` (what was asked for):
  //   blob sha256:<a> from r.example/app: Docker-Content-Digest header says
  //   sha256:<b>
  Status CheckDigestHeader(const HttpResponse& response,
                           const std::string& kind, const std::string& repo,
                           const std::string& digest) const;
  // The registry's error for a non-2xx answer to a request for `scope`;
  // a 401 or 403 says which credentials were missing, rejected or not
  // allowed (RegistryAuth::Unauthorized).
  Status ErrorFor(const HttpResponse& response, const std::string& scope);
  // An upload session: where to send next and how much it holds.
  struct Upload {
    bool mounted = false;  // a cross-repository mount did it all
    std::string location;
    int64_t offset = 0;     // bytes the registry has
    int64_t min_chunk = 0;  // OCI-Chunk-Min-Length, 0 when not given
  };
  // POST .../blobs/uploads/ (with ?mount=&from= when `mount_from` is
  // another repository): 201 is a mount, 202 an upload to continue.
  Expected<Upload> StartUpload(const std::string& repo,
                               const oci::Digest& digest,
                               const std::string& mount_from);
  // PATCHes the file from upload->offset in chunks of chunk_size (or the
  // registry's minimum). A 416 asks the registry where the upload stands
  // (GET, its Range header) and resumes there, up to 3 times; a 405 (no
  // PATCH) stops early, leaving the rest to the closing PUT.
  Status SendChunks(const std::string& repo, const std::string& path,
                    int64_t size, Upload* upload,
                    const std::function<void(int64_t)>& sent = nullptr);
  // GET of the upload's status: the offset its Range says comes next.
  Expected<int64_t> UploadOffset(const std::string& repo, Upload* upload);

  Transport& transport_;
  std::string host_;
  RegistryAuth auth_;
  ClientOptions options_;
  std::mutex mu_;
  std::string base_url_;  // "" until probed
  mutable std::mutex known_mu_;
  std::map<std::string, std::vector<std::string>> known_;  // digest -> repos
};

// Scopes for the token flow: "repository:<repo>:pull" and ":pull,push".
std::string PullScope(const std::string& repo);
std::string PushScope(const std::string& repo);

}  // namespace mybuild::registry
