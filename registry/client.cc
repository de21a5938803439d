#include "registry/client.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "oci/manifest.h"
#include "oci/media_types.h"
#include "registry/registry_error.h"
#include "registry/url.h"

namespace mybuild::registry {
namespace {

constexpr size_t kMaxManifestSize = 4 << 20;  // as distribution enforces

bool IsRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 ||
         status == 308;
}

std::string AcceptedManifestTypes() {
  return std::string(oci::media::kOciManifest) + ", " +
         std::string(oci::media::kDockerManifest) + ", " +
         std::string(oci::media::kOciIndex) + ", " +
         std::string(oci::media::kDockerManifestList);
}

// The Content-Type without parameters, or "" when it says nothing useful.
std::string ManifestContentType(const HttpResponse& r) {
  std::string t = r.headers.Get("Content-Type");
  t = t.substr(0, t.find(';'));
  while (!t.empty() && t.back() == ' ') t.pop_back();
  if (oci::media::IsManifest(t) || oci::media::IsIndex(t)) return t;
  return "";
}

// An image manifest has "layers", an index "manifests"; a document with
// both could be read either way by different clients.
bool IsAmbiguous(const std::string& body) {
  auto json = nlohmann::json::parse(body, nullptr, false);
  return json.is_object() && json.contains("layers") &&
         json.contains("manifests");
}

// "team/app" of "repository:team/app:pull,push ..."; "" for other scopes.
std::string RepoOfScope(const std::string& scope) {
  if (!scope.starts_with("repository:")) return "";
  std::string rest = scope.substr(11, scope.find(' ') == std::string::npos
                                          ? std::string::npos
                                          : scope.find(' ') - 11);
  return rest.substr(0, rest.rfind(':'));
}

}  // namespace

Status RegistryClient::CheckDigestHeader(const HttpResponse& response,
                                         const std::string& kind,
                                         const std::string& repo,
                                         const std::string& digest) const {
  std::string said = response.headers.Get("Docker-Content-Digest");
  if (said.empty() || said == digest) return Status::Ok();
  return InvalidArgument(kind + " " + digest + " from " + host_ + "/" + repo +
                         ": Docker-Content-Digest header says " + said);
}

std::string PullScope(const std::string& repo) {
  return "repository:" + repo + ":pull";
}

std::string PushScope(const std::string& repo) {
  return "repository:" + repo + ":pull,push";
}

RegistryClient::RegistryClient(Transport& transport, std::string host,
                               std::optional<Credentials> credentials,
                               ClientOptions options)
    : transport_(transport),
      host_(std::move(host)),
      auth_(transport, std::move(credentials)),
      options_(std::move(options)) {}

RegistryClient::RegistryClient(Transport& transport, std::string host,
                               CredentialSource credentials,
                               std::string searched, ClientOptions options)
    : transport_(transport),
      host_(std::move(host)),
      auth_(transport, std::move(credentials), std::move(searched)),
      options_(std::move(options)) {}

Expected<std::string> RegistryClient::BaseUrl() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!base_url_.empty()) return base_url_;
  std::string api = host_ == "docker.io" ? "registry-1.docker.io" : host_;
  std::string name, port;
  SplitHostPort(host_, &name, &port);
  const auto& insecure = options_.insecure_registries;
  bool may_be_plain =
      IsLoopbackHost(name) ||
      std::find(insecure.begin(), insecure.end(), host_) != insecure.end();
  if (may_be_plain) {
    // Such hosts may be plain HTTP, as Docker allows. Asking in plain HTTP
    // first spares every build a TLS handshake (loading the CA bundle alone
    // takes ~50 ms): a registry answering there does not speak TLS on that
    // port. A TLS server answers 400 (or hangs up), and is then used.
    HttpRequest plain;
    plain.url = "http://" + api + "/v2/";
    plain.retry = false;
    auto answer = transport_.Send(plain);
    if (answer.ok() &&
        (answer->status == 200 || answer->status == 401 ||
         answer->headers.Has("Docker-Distribution-API-Version"))) {
      base_url_ = "http://" + api;
      return base_url_;
    }
  }
  base_url_ = "https://" + api;
  if (IsLoopbackHost(name)) {
    // HTTPS if the server speaks it, else plain HTTP for the error. An
    // untrusted certificate or a failed handshake is an error, not a reason
    // to drop TLS; and only a loopback host ever falls back.
    HttpRequest probe;
    probe.url = base_url_ + "/v2/";
    probe.retry = false;
    auto resp = transport_.Send(probe);
    if (!resp.ok() && resp.status().code() != ErrorCode::kUnavailable) {
      base_url_.clear();
      return resp.status();
    }
    if (!resp.ok()) base_url_ = "http://" + api;
  }
  return base_url_;
}

Expected<HttpResponse> RegistryClient::SendFollowing(HttpRequest request,
                                                     const std::string& scope) {
  ASSIGN_OR_RETURN(std::string base, BaseUrl());
  ASSIGN_OR_RETURN(Url registry, ParseUrl(base));
  for (int hops = 0; hops <= 10; ++hops) {
    ASSIGN_OR_RETURN(Url url, ParseUrl(request.url));
    bool ours = url.scheme == registry.scheme &&
                url.Authority() == registry.Authority();
    // Credentials go only to the registry itself, never to a storage host
    // it redirects to.
    if (!ours) request.headers.Remove("Authorization");
    Expected<HttpResponse> resp =
        ours ? auth_.Send(request, scope) : transport_.Send(request);
    if (!resp.ok() && resp.status().code() == ErrorCode::kUnauthenticated) {
      return auth_.Unauthorized(resp.status().message(), host_,
                                RepoOfScope(scope), scope);
    }
    if (!resp.ok() || !IsRedirect(resp->status) ||
        !resp->headers.Has("Location")) {
      return resp;
    }
    ASSIGN_OR_RETURN(Url next, ResolveUrl(url, resp->headers.Get("Location")));
    if (url.scheme == "https" && next.scheme != "https") {
      return InvalidArgument(request.method + " " + request.url +
                             ": redirect to " + next.ToString() +
                             " refused: https must not downgrade to http");
    }
    request.url = next.ToString();
    if (resp->status == 303) {
      request.method = "GET";
      request.body.clear();
      request.body_file.clear();
    }
  }
  return Unavailable("too many redirects, last to " + request.url);
}

Status RegistryClient::ErrorFor(const HttpResponse& response,
                                const std::string& scope) {
  Status st = ErrorFromResponse(response);
  if (response.status == 401 || response.status == 403) {
    return auth_.Unauthorized(st.message(), host_, RepoOfScope(scope), scope,
                              response.status == 403);
  }
  return st;
}

Status RegistryClient::Ping() {
  ASSIGN_OR_RETURN(std::string base, BaseUrl());
  HttpRequest req;
  req.url = base + "/v2/";
  ASSIGN_OR_RETURN(HttpResponse resp, SendFollowing(req, ""));
  if (!resp.success()) return ErrorFor(resp, "");
  return Status::Ok();
}

Expected<FetchedManifest> RegistryClient::GetManifest(
    const std::string& repo, const std::string& reference) {
  ASSIGN_OR_RETURN(std::string base, BaseUrl());
  HttpRequest req;
  req.url = base + "/v2/" + repo + "/manifests/" + reference;
  req.headers.Set("Accept", AcceptedManifestTypes());
  ASSIGN_OR_RETURN(HttpResponse resp, SendFollowing(req, PullScope(repo)));
  if (!resp.success()) return ErrorFor(resp, PullScope(repo));
  if (resp.body.size() > kMaxManifestSize) {
    return InvalidArgument("manifest is larger than 4 MiB");
  }
  FetchedManifest m;
  m.digest = oci::Digest::Of(resp.body);
  bool by_digest = reference.starts_with("sha256:");
  if (by_digest) {
    RETURN_IF_ERROR(CheckDigestHeader(resp, "manifest", repo, reference));
  }
  std::string expected =
      by_digest ? reference : resp.headers.Get("Docker-Content-Digest");
  if (expected.starts_with("sha256:") && expected != m.digest.str()) {
    return InvalidArgument("manifest digest mismatch: expected " + expected +
                           ", got " + m.digest.str());
  }
  if (IsAmbiguous(resp.body)) {
    return InvalidArgument(
        "manifest " + host_ + "/" + repo + (by_digest ? "@" : ":") + reference +
        " has both \"layers\" and \"manifests\": ambiguous, refused as the "
        "OCI image spec requires");
  }
  m.media_type = ManifestContentType(resp);
  if (m.media_type.empty()) {
    ASSIGN_OR_RETURN(m.media_type, oci::SniffManifestType(resp.body));
  }
  m.bytes = std::move(resp.body);
  return m;
}

Expected<oci::Digest> RegistryClient::PutManifest(const std::string& repo,
                                                  const std::string& reference,
                                                  const std::string& media_type,
                                                  const std::string& bytes) {
  ASSIGN_OR_RETURN(std::string base, BaseUrl());
  HttpRequest req;
  req.method = "PUT";
  req.url = base + "/v2/" + repo + "/manifests/" + reference;
  req.headers.Set("Content-Type", media_type);
  req.body = bytes;
  ASSIGN_OR_RETURN(HttpResponse resp, SendFollowing(req, PushScope(repo)));
  if (!resp.success()) {
    Status st = ErrorFor(resp, PushScope(repo));
    if (st.code() != ErrorCode::kInvalidArgument &&
        st.code() != ErrorCode::kNotFound)
      return st;
    return Status(ErrorCode::kRejected,
                  "manifest rejected by " + host_ + ": " + st.message());
  }
  oci::Digest digest = oci::Digest::Of(bytes);
  std::string said = resp.headers.Get("Docker-Content-Digest");
  if (!said.empty() && said != digest.str()) {
    return InvalidArgument("registry stored the manifest as " + said +
                           ", expected " + digest.str());
  }
  return digest;
}

}  // namespace mybuild::registry
