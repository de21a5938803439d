// The OCI distribution API for one registry: manifests by tag or digest,
// blobs streamed to and from files, uploads and tags. Every answer is
// checked (digests, sizes, status codes) and registry errors come back in the
// registry's own words. Pull and Push (puller.h, pusher.h) build on it.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "oci/descriptor.h"
#include "oci/digest.h"
#include "registry/auth.h"
#include "registry/credentials.h"
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

class RegistryClient {
 public:
  // `host` is the registry part of a reference ("docker.io",
  // "127.0.0.1:5000"); docker.io is reached at registry-1.docker.io.
  // `transport` must outlive the client.
  RegistryClient(Transport& transport, std::string host,
                 std::optional<Credentials> credentials,
                 ClientOptions options = {});

  const std::string& host() const { return host_; }

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

  // HEAD /v2/<repo>/blobs/<digest>: true on 200, false on 404.
  Expected<bool> BlobExists(const std::string& repo, const oci::Digest& digest);

  // Streams the blob to `path` (created with its directory; written to a
  // temp file beside it, hashed while streaming, verified against `digest`
  // and `size` (-1: unknown), then renamed), following redirects (to other
  // hosts without credentials, never from https to http); a failed or
  // mismatched download, or a Docker-Content-Digest other than `digest`,
  // leaves nothing at `path`.
  Status FetchBlob(const std::string& repo, const oci::Digest& digest,
                   int64_t size, const std::string& path);

  // Uploads the file at `path` as blob `digest` unless a cross-repository
  // mount from `mount_from` (a repository on this registry; "" for none)
  // succeeds. Monolithic or chunked by size (see ClientOptions).
  Status UploadBlob(const std::string& repo, const oci::Digest& digest,
                    const std::string& path,
                    const std::string& mount_from = "");

  // PUT /v2/<repo>/manifests/<reference> with `bytes` as `media_type`.
  // Returns the manifest's digest (checked against Docker-Content-Digest).
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
  // The registry's error for a non-2xx answer, with a login hint on 401.
  Status ErrorFor(const HttpResponse& response) const;
  Expected<std::string> StartUpload(const std::string& repo,
                                    const oci::Digest& digest,
                                    const std::string& mount_from,
                                    bool* mounted);
  Expected<std::string> SendChunks(const std::string& repo,
                                   std::string location,
                                   const std::string& path, int64_t size);

  Transport& transport_;
  std::string host_;
  RegistryAuth auth_;
  ClientOptions options_;
  std::mutex mu_;
  std::string base_url_;  // "" until probed
};

// Scopes for the token flow: "repository:<repo>:pull" and ":pull,push".
std::string PullScope(const std::string& repo);
std::string PushScope(const std::string& repo);

}  // namespace mybuild::registry
