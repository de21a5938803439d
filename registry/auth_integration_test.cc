// Authentication and TLS against a real docker-registry: htpasswd (Basic),
// token (Bearer, with a loopback token server) and HTTPS with a test CA.
#include <gtest/gtest.h>

#include <algorithm>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "oci/media_types.h"
#include "oci/platform_match.h"
#include "registry/base64.h"
#include "registry/curl_transport.h"
#include "registry/puller.h"
#include "registry/pusher.h"
#include "registry/registries.h"
#include "registry/testing/fault_proxy.h"
#include "registry/testing/local_registry.h"
#include "registry/testing/test_image.h"
#include "registry/testing/test_token.h"
#include "registry/testing/tiny_http_server.h"

namespace mybuild::registry {
namespace {

using namespace ::mybuild::registry::testing;

const std::string kOciManifest(oci::media::kOciManifest);

class AuthIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override { MYBUILD_REQUIRE_DOCKER_REGISTRY(); }

  // Pushes a one-layer image as <host>/app:1 and pulls it back.
  Status RoundTrip(Transport& transport, const std::string& host,
                   std::optional<Credentials> creds) {
    RegistryClient client(transport, host, std::move(creds));
    return RoundTrip(transport, host, client);
  }
  Status RoundTrip(Transport&, const std::string& host,
                   RegistryClient& client) {
    auto ref = std::move(oci::ImageReference::Parse(host + "/app:1")).value();
    ASSIGN_OR_RETURN(auto blobs, WriteBlobs(image_, dir_.path()));
    ASSIGN_OR_RETURN(oci::Digest d, Push(client, ref, kOciManifest,
                                         image_.manifest_json, blobs));
    if (d != image_.manifest_digest) return Internal("pushed digest differs");
    ASSIGN_OR_RETURN(PulledImage img, Pull(client, ref, oci::DefaultPlatform(),
                                           BlobsUnder(dir_.path() + "/store")));
    if (img.config != image_.config) return Internal("pulled config differs");
    return Status::Ok();
  }
  std::unique_ptr<CurlTransport> Curl(const std::string& ca = "") {
    CurlTransportOptions o;
    o.ca_file = ca;
    return std::move(CurlTransport::Create(o)).value();
  }

  TestImage image_ = MakeTestImage({"secret layer"});
  TempDir dir_ = std::move(TempDir::Create()).value();
};

TEST_F(AuthIntegrationTest,
       BasicAuthFromAnAuthFileSaysWhereCredentialsCameFrom) {
  LocalRegistryOptions o;
  o.user = "alice";
  o.password = "s3cret";
  auto reg = LocalRegistry::Start(o);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  const std::string host = (*reg)->host();
  auto curl = Curl();
  const std::string file = dir_.path() + "/auth.json";
  auto with_file = [&](const std::string& json) {
    EXPECT_TRUE(WriteFileAtomic(file, json).ok());
    return CredentialStore::Load({file});
  };
  // Docker's "https://host/v1/" key form, username/password entry.
  Registries good(
      *curl, with_file(R"({"auths":{"https://)" + host +
                       R"(/v1/":{"username":"alice","password":"s3cret"}}})"));
  Status st = RoundTrip(*curl, host, **good.For(host));
  EXPECT_TRUE(st.ok()) << st.message();

  Registries wrong(*curl, with_file(R"({"auths":{")" + host + R"(":{"auth":")" +
                                    Base64Encode("alice:nope") + R"("}}})"));
  st = RoundTrip(*curl, host, **wrong.For(host));
  EXPECT_EQ(st.code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(
      st.message(),
      "push " + host +
          "/app:1: unauthorized: authentication required: credentials from "
          "auth file \"" +
          file + "\" key \"" + host +
          "\" were rejected (401 after sending them); registry " + host +
          ", repository app, scope repository:app:pull");

  Registries none(*curl,
                  CredentialStore::Load({dir_.path() + "/missing.json"}));
  st = RoundTrip(*curl, host, **none.For(host));
  EXPECT_EQ(st.code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(st.message(),
            "push " + host +
                "/app:1: unauthorized: authentication required: no credentials "
                "for " +
                host + " (looked in " + dir_.path() +
                "/missing.json); registry " + host +
                ", repository app, scope repository:app:pull");

  // A broken file is reported when credentials are needed from it ...
  Registries broken(*curl, with_file("{oops"));
  st = RoundTrip(*curl, host, **broken.For(host));
  EXPECT_EQ(st.message(), "push " + host + "/app:1: credentials for " + host +
                              ": auth file \"" + file +
                              "\": not a JSON object");
}

TEST_F(AuthIntegrationTest, ABrokenAuthFileDoesNotStopAnonymousUse) {
  auto reg = LocalRegistry::Start();
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  auto curl = Curl();
  ASSERT_TRUE(WriteFileAtomic(dir_.path() + "/auth.json", "{oops").ok());
  Registries broken(*curl, CredentialStore::Load({dir_.path() + "/auth.json"}));
  Status st = RoundTrip(*curl, (*reg)->host(), **broken.For((*reg)->host()));
  EXPECT_TRUE(st.ok()) << st.message();
}

TEST_F(AuthIntegrationTest, IdentityTokenIsTradedAsARefreshToken) {
  auto signer = std::move(MakeTokenSigner(dir_.path())).value();
  auto token = SignRegistryToken(signer, "iss", "svc", "app", {"pull", "push"});
  ASSERT_TRUE(token.ok()) << token.status().message();
  std::vector<std::string> replies(
      30, RawReply(200, {}, R"({"access_token":")" + *token + R"("})"));
  auto token_server = std::move(TinyHttpServer::Start(replies)).value();
  LocalRegistryOptions o;
  o.token =
      TokenAuthConfig{token_server->Url("/token"), "svc", "iss", signer.cert};
  auto reg = LocalRegistry::Start(o);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  const std::string host = (*reg)->host();
  const std::string file = dir_.path() + "/config.json";
  ASSERT_TRUE(WriteFileAtomic(file, R"({"auths":{"https://)" + host +
                                        R"(":{"auth":")" +
                                        Base64Encode("<token>:") +
                                        R"(","identitytoken":"refresh-me"}}})")
                  .ok());
  auto curl = Curl();
  Registries registries(*curl, CredentialStore::Load({file}));
  Status st = RoundTrip(*curl, host, **registries.For(host));
  EXPECT_TRUE(st.ok()) << st.message() << "\n" << (*reg)->Log();
  auto asked = token_server->received();
  ASSERT_FALSE(asked.empty());
  EXPECT_EQ(asked[0].method, "POST");
  EXPECT_EQ(asked[0].target, "/token");
  EXPECT_EQ(asked[0].headers.Get("Content-Type"),
            "application/x-www-form-urlencoded");
  EXPECT_FALSE(asked[0].headers.Has("Authorization"));
  EXPECT_EQ(
      asked[0].body,
      "grant_type=refresh_token&client_id=mybuild&refresh_token=refresh-me"
      "&service=svc&scope=repository%3Aapp%3Apull");
}

// A token server without OAuth2's POST answers 404; the identity token then
// goes as the password of a GET, as containerd falls back.
TEST_F(AuthIntegrationTest, IdentityTokenFallsBackToGetOn404) {
  auto signer = std::move(MakeTokenSigner(dir_.path())).value();
  auto token = SignRegistryToken(signer, "iss", "svc", "app", {"pull", "push"});
  ASSERT_TRUE(token.ok()) << token.status().message();
  std::vector<std::string> replies = {RawReply(404, {}, "404 page not found\n")};
  replies.resize(30, RawReply(200, {}, R"({"token":")" + *token + R"("})"));
  auto token_server = std::move(TinyHttpServer::Start(replies)).value();
  LocalRegistryOptions o;
  o.token = TokenAuthConfig{token_server->Url("/token"), "svc", "iss", signer.cert};
  auto reg = LocalRegistry::Start(o);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  const std::string host = (*reg)->host();
  const std::string file = dir_.path() + "/config.json";
  ASSERT_TRUE(WriteFileAtomic(file, R"({"auths":{")" + host + R"(":{"auth":")" +
                                        Base64Encode("<token>:") +
                                        R"(","identitytoken":"refresh-me"}}})")
                  .ok());
  auto curl = Curl();
  Registries registries(*curl, CredentialStore::Load({file}));
  Status st = RoundTrip(*curl, host, **registries.For(host));
  EXPECT_TRUE(st.ok()) << st.message() << "\n" << (*reg)->Log();
  auto asked = token_server->received();
  ASSERT_GE(asked.size(), 2u);
  EXPECT_EQ(asked[0].method, "POST");
  // The one 404 is answered by one GET; later scopes' POSTs succeed.
  auto get = std::find_if(asked.begin(), asked.end(),
                          [](const auto& a) { return a.method == "GET"; });
  ASSERT_NE(get, asked.end());
  EXPECT_EQ(std::count_if(asked.begin(), asked.end(),
                          [](const auto& a) { return a.method == "GET"; }),
            1);
  EXPECT_EQ(get->target, "/token?service=svc&scope=repository%3Aapp%3Apull");
  EXPECT_EQ(get->headers.Get("Authorization"), "Basic " + Base64Encode("<token>:refresh-me"));
}

TEST_F(AuthIntegrationTest, BearerTokenFlow) {
  auto signer = MakeTokenSigner(dir_.path());
  ASSERT_TRUE(signer.ok()) << signer.status().message();
  auto token = SignRegistryToken(*signer, "mybuild-issuer", "mybuild-registry",
                                 "app", {"pull", "push"});
  ASSERT_TRUE(token.ok()) << token.status().message();
  std::vector<std::string> replies(
      30, RawReply(200, {}, R"({"token":")" + *token + R"("})"));
  auto token_server = std::move(TinyHttpServer::Start(replies)).value();
  LocalRegistryOptions o;
  o.token = TokenAuthConfig{token_server->Url("/token"), "mybuild-registry",
                            "mybuild-issuer", signer->cert};
  auto reg = LocalRegistry::Start(o);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  auto curl = Curl();
  Status st = RoundTrip(*curl, (*reg)->host(), std::nullopt);
  EXPECT_TRUE(st.ok()) << st.message() << "\n" << (*reg)->Log();
  auto asked = token_server->received();
  ASSERT_FALSE(asked.empty());
  EXPECT_EQ(asked[0].target,
            "/token?service=mybuild-registry&scope=repository%3Aapp%3Apull");
}

// What `mybuild login` checks: /v2/ through the token flow.
TEST_F(AuthIntegrationTest, PingChecksCredentialsThroughTheTokenServer) {
  auto signer = std::move(MakeTokenSigner(dir_.path())).value();
  auto token = SignRegistryToken(signer, "iss", "svc", "app", {"pull"});
  ASSERT_TRUE(token.ok()) << token.status().message();
  auto token_server =
      std::move(TinyHttpServer::Start(
                    {RawReply(200, {}, R"({"token":")" + *token + R"("})"),
                     RawReply(401, {}, R"({"details":"bad password"})")}))
          .value();
  LocalRegistryOptions o;
  o.token =
      TokenAuthConfig{token_server->Url("/token"), "svc", "iss", signer.cert};
  auto reg = LocalRegistry::Start(o);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  const std::string host = (*reg)->host();
  auto curl = Curl();
  RegistryClient good(*curl, host, Credentials{"bob", "right"});
  Status st = good.Ping();
  EXPECT_TRUE(st.ok()) << st.message() << "\n" << (*reg)->Log();
  EXPECT_EQ(token_server->received().at(0).target, "/token?service=svc");
  EXPECT_EQ(token_server->received().at(0).headers.Get("Authorization"),
            "Basic " + Base64Encode("bob:right"));
  RegistryClient bad(*curl, host, Credentials{"bob", "wrong", "", "-u/-p"});
  st = bad.Ping();
  EXPECT_EQ(st.code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(
      st.message(),
      "fetch token from " + token_server->Url("/token") +
          ": bad password: credentials from -u/-p were rejected (401 after "
          "sending them); registry " +
          host);
}

TEST_F(AuthIntegrationTest, TokenServerRefusalIsClear) {
  auto signer = std::move(MakeTokenSigner(dir_.path())).value();
  // Blobs are checked two at a time, so several token requests may come.
  std::vector<std::string> refusals(
      5, RawReply(401, {}, R"({"details":"incorrect username or password"})"));
  auto token_server = std::move(TinyHttpServer::Start(refusals)).value();
  LocalRegistryOptions o;
  o.token =
      TokenAuthConfig{token_server->Url("/token"), "svc", "iss", signer.cert};
  auto reg = LocalRegistry::Start(o);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  auto curl = Curl();
  Status st = RoundTrip(*curl, (*reg)->host(), Credentials{"bob", "bad"});
  EXPECT_EQ(st.code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(st.message(),
            "push " + (*reg)->host() + "/app:1: fetch token from " +
                token_server->Url("/token") +
                ": incorrect username or password: credentials from the caller "
                "were rejected (401 after sending them); registry " +
                (*reg)->host() + ", repository app, scope repository:app:pull");
  EXPECT_EQ(token_server->received().at(0).headers.Get("Authorization"),
            "Basic Ym9iOmJhZA==");
}

TEST_F(AuthIntegrationTest, TlsWithTheTestCaWorksAndWithoutItFailsClearly) {
  LocalRegistryOptions o;
  o.tls = true;
  auto reg = LocalRegistry::Start(o);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  const std::string host = (*reg)->host();
  auto trusting = Curl((*reg)->ca_cert());
  Status good = RoundTrip(*trusting, host, std::nullopt);
  EXPECT_TRUE(good.ok()) << good.message();
  auto plain = Curl();
  Status bad = RoundTrip(*plain, host, std::nullopt);
  EXPECT_EQ(bad.code(), ErrorCode::kUntrusted);
  EXPECT_EQ(bad.message(),
            "push " + host + "/app:1: GET https://" + host +
                "/v2/: the server's TLS certificate is not trusted (SSL "
                "certificate problem: unable to get local issuer certificate)");
}

// A private CA found through a certs.d directory named HOST:PORT.
TEST_F(AuthIntegrationTest, TlsCaFoundThroughCertsD) {
  LocalRegistryOptions o;
  o.tls = true;
  auto reg = LocalRegistry::Start(o);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  const std::string host = (*reg)->host();
  const std::string root = dir_.path() + "/certs.d";
  ASSERT_TRUE(MakeDirs(root + "/" + host).ok());
  ASSERT_TRUE(WriteFileAtomic(root + "/" + host + "/ca.crt",
                              *ReadFile((*reg)->ca_cert()))
                  .ok());
  CurlTransportOptions t;
  t.cert_roots = {dir_.path() + "/none", root};
  auto curl = std::move(CurlTransport::Create(t)).value();
  Status good = RoundTrip(*curl, host, std::nullopt);
  EXPECT_TRUE(good.ok()) << good.message();
  // --tls-verify=false needs no CA at all.
  CurlTransportOptions unverified;
  unverified.cert_roots = {};
  unverified.tls_verify = false;
  auto loose = std::move(CurlTransport::Create(unverified)).value();
  Status st = RoundTrip(*loose, host, std::nullopt);
  EXPECT_TRUE(st.ok()) << st.message();
  // Nor does a registry named insecure (--insecure-registry, registries.conf).
  CurlTransportOptions listed;
  listed.cert_roots = {};
  listed.insecure_hosts = {host};
  auto insecure = std::move(CurlTransport::Create(listed)).value();
  st = RoundTrip(*insecure, host, std::nullopt);
  EXPECT_TRUE(st.ok()) << st.message();
}

// Mutual TLS: the client certificate comes from the certs.d directory.
TEST_F(AuthIntegrationTest, ClientCertificateFromCertsD) {
  LocalRegistryOptions o;
  o.tls = true;
  o.client_auth = true;
  auto reg = LocalRegistry::Start(o);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  const std::string host = (*reg)->host();
  const std::string dir = dir_.path() + "/certs.d/" + host;
  ASSERT_TRUE(MakeDirs(dir).ok());
  ASSERT_TRUE(
      WriteFileAtomic(dir + "/ca.crt", *ReadFile((*reg)->ca_cert())).ok());
  CurlTransportOptions t;
  t.cert_roots = {dir_.path() + "/certs.d"};
  auto without = std::move(CurlTransport::Create(t)).value();
  Status refused = RoundTrip(*without, host, std::nullopt);
  EXPECT_FALSE(refused.ok());
  ASSERT_TRUE(
      WriteFileAtomic(dir + "/client.cert", *ReadFile((*reg)->client_cert()))
          .ok());
  ASSERT_TRUE(
      WriteFileAtomic(dir + "/client.key", *ReadFile((*reg)->client_key()))
          .ok());
  auto with = std::move(CurlTransport::Create(t)).value();
  Status good = RoundTrip(*with, host, std::nullopt);
  EXPECT_TRUE(good.ok()) << good.message();
}

TEST_F(AuthIntegrationTest, HttpsToAPlainHttpRegistryNamesTheOption) {
  auto reg = LocalRegistry::Start();
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  const std::string host = (*reg)->host();
  auto curl = Curl();
  HttpRequest req;
  req.url = "https://" + host + "/v2/";
  auto resp = curl->Send(req);
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), ErrorCode::kInvalidArgument);
  const std::string m = resp.status().message();
  EXPECT_TRUE(
      m.starts_with("GET https://" + host + "/v2/: TLS handshake failed ("))
      << m;
  EXPECT_TRUE(m.ends_with(
      "): the server at " + host +
      " speaks plain HTTP; to use it so, pass --insecure-registry " + host +
      " or set insecure = true for it in registries.conf"))
      << m;
}

// Credentials go to the registry, never to the host it redirects a blob to.
TEST_F(AuthIntegrationTest, ARedirectedBlobGetsNoCredentials) {
  LocalRegistryOptions o;
  o.user = "alice";
  o.password = "s3cret";
  auto reg = LocalRegistry::Start(o);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  auto curl = Curl();
  {
    RegistryClient direct(*curl, (*reg)->host(),
                          Credentials{"alice", "s3cret"});
    auto blobs = std::move(WriteBlobs(image_, dir_.path())).value();
    auto ref = std::move(oci::ImageReference::Parse((*reg)->host() + "/app:1"))
                   .value();
    ASSERT_TRUE(
        Push(direct, ref, kOciManifest, image_.manifest_json, blobs).ok());
  }
  auto storage =
      std::move(TinyHttpServer::Start({RawReply(200, {}, image_.layers[0])}))
          .value();
  const std::string layer = image_.manifest.layers.at(0).digest.str();
  int port = std::stoi((*reg)->host().substr((*reg)->host().rfind(':') + 1));
  FaultRule redirect;
  redirect.method = "GET";
  redirect.path_part = "/blobs/" + layer;
  redirect.kind = FaultRule::Kind::kRedirect;
  redirect.location = storage->Url("/storage/" + layer);
  auto proxy = std::move(FaultProxy::Start(port, {redirect})).value();
  RegistryClient client(*curl, proxy->host(), Credentials{"alice", "s3cret"});
  auto ref =
      std::move(oci::ImageReference::Parse(proxy->host() + "/app:1")).value();
  auto pulled = Pull(client, ref, oci::DefaultPlatform(),
                     BlobsUnder(dir_.path() + "/pulled"));
  ASSERT_TRUE(pulled.ok()) << pulled.status().message();
  auto got = storage->received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].target, "/storage/" + layer);
  EXPECT_FALSE(got[0].headers.Has("Authorization"));
}

// A manifest naming blobs the registry lacks is rejected: kRejected.
TEST_F(AuthIntegrationTest, AManifestTheRegistryRefusesIsRejected) {
  auto reg = LocalRegistry::Start();
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  auto curl = Curl();
  RegistryClient client(*curl, (*reg)->host(), std::nullopt);
  auto put = client.PutManifest("app", "1", kOciManifest, image_.manifest_json);
  EXPECT_EQ(put.status().code(), ErrorCode::kRejected);
  EXPECT_EQ(put.status().message(),
            "manifest rejected by " + (*reg)->host() +
                ": manifest blob unknown: blob unknown to registry; "
                "manifest blob unknown: blob unknown to registry");
}

}  // namespace
}  // namespace mybuild::registry
