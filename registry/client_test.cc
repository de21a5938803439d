#include "registry/client.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "oci/media_types.h"
#include "registry/base64.h"
#include "registry/testing/fake_transport.h"

namespace mybuild::registry {
namespace {

using testing::ScriptedTransport;

const std::string kBase = "https://r.example/v2/app";
const std::string kManifestBody = R"({"schemaVersion":2})";
const oci::Digest kManifestDigest = oci::Digest::Of(kManifestBody);
constexpr char kAccept[] =
    "application/vnd.oci.image.manifest.v1+json, "
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.oci.image.index.v1+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json";

class ClientTest : public ::testing::Test {
 protected:
  RegistryClient Client(std::optional<Credentials> c = std::nullopt,
                        ClientOptions o = {}) {
    return RegistryClient(fake_, "r.example", std::move(c), o);
  }
  std::string Write(const std::string& name, const std::string& data) {
    std::string path = dir_.path() + "/" + name;
    EXPECT_TRUE(WriteFileAtomic(path, data).ok());
    return path;
  }
  // Uploads of the 10-byte blob "0123456789" in 4-byte chunks.
  Status UploadDigitsInChunks() {
    ClientOptions o;
    o.monolithic_limit = 4;
    o.chunk_size = 4;
    return Client(std::nullopt, o)
        .UploadBlob("app", kDigits, Write("blob", "0123456789"));
  }
  // PATCH of `body` as `range` to upload state `from`, answered with `to`.
  void ExpectPatch(int from, const std::string& range, const std::string& body,
                   int to) {
    fake_.Expect("PATCH", kUpload + std::to_string(from))
        .WithHeader("Content-Range", range)
        .WithBody(body)
        .Reply(202)
        .ReplyHeader("Location", kUpload + std::to_string(to));
  }
  void ExpectClosingPut(int state, const std::string& body) {
    fake_
        .Expect("PUT", kUpload + std::to_string(state) + "&digest=sha256%3A" +
                           std::string(kDigits.hex()))
        .WithBody(body)
        .Reply(201);
  }
  const oci::Digest kDigits = oci::Digest::Of("0123456789");
  const std::string kUpload = kBase + "/blobs/uploads/u?s=";
  ScriptedTransport fake_;
  TempDir dir_ = std::move(TempDir::Create()).value();
};

TEST_F(ClientTest, GetManifestByTagVerifiesAdvertisedDigest) {
  fake_.Expect("GET", kBase + "/manifests/1")
      .WithHeader("Accept", kAccept)
      .Reply(200, kManifestBody)
      .ReplyHeader("Content-Type",
                   "application/vnd.docker.distribution.manifest.v2+json; x=y")
      .ReplyHeader("Docker-Content-Digest", kManifestDigest.str());
  auto m = Client().GetManifest("app", "1");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->bytes, kManifestBody);
  EXPECT_EQ(m->digest, kManifestDigest);
  EXPECT_EQ(m->media_type, oci::media::kDockerManifest);
}

TEST_F(ClientTest, GetManifestByDigestRejectsOtherBytes) {
  fake_.Expect("GET", kBase + "/manifests/" + kManifestDigest.str())
      .Reply(200, R"({"schemaVersion":2,"evil":1})");
  auto m = Client().GetManifest("app", kManifestDigest.str());
  EXPECT_EQ(m.status().message(),
            "manifest digest mismatch: expected " + kManifestDigest.str() +
                ", got " +
                oci::Digest::Of(R"({"schemaVersion":2,"evil":1})").str());
}

TEST_F(ClientTest, GenericContentTypeIsSniffed) {
  std::string index = R"({"schemaVersion":2,"manifests":[]})";
  fake_.Expect("GET", kBase + "/manifests/2")
      .Reply(200, index)
      .ReplyHeader("Content-Type", "application/json");
  EXPECT_EQ(Client().GetManifest("app", "2")->media_type,
            oci::media::kOciIndex);
}

TEST_F(ClientTest, RegistryErrorsInItsOwnWords) {
  fake_.Expect("GET", kBase + "/manifests/nope")
      .Reply(
          404,
          R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]})");
  auto m = Client().GetManifest("app", "nope");
  EXPECT_EQ(m.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(m.status().message(), "manifest unknown: manifest unknown");
  fake_.Expect("GET", kBase + "/manifests/1")
      .Reply(
          401,
          R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})");
  EXPECT_EQ(Client().GetManifest("app", "1").status().message(),
            "unauthorized: authentication required: no credentials for "
            "r.example (looked in "
            "the auth files); registry r.example, repository app, scope "
            "repository:app:pull");
}

TEST_F(ClientTest, BlobExists) {
  oci::Digest x = oci::Digest::Of("x"), y = oci::Digest::Of("y"), z = oci::Digest::Of("z");
  fake_.Expect("HEAD", kBase + "/blobs/" + x.str()).Reply(200);
  fake_.Expect("HEAD", kBase + "/blobs/" + y.str()).Reply(404);
  fake_.Expect("HEAD", kBase + "/blobs/" + z.str()).Reply(403);
  auto client = Client();
  EXPECT_EQ(client.BlobExists("app", x).value(), true);
  EXPECT_EQ(client.BlobExists("app", y).value(), false);
  EXPECT_EQ(
      client.BlobExists("app", z).status().message(),
      "HTTP 403 Forbidden: no credentials for r.example (looked in the auth "
      "files); registry r.example, repository app, scope repository:app:pull");
}

TEST_F(ClientTest, FetchBlobFollowsRedirectWithoutCredentials) {
  oci::Digest d = oci::Digest::Of("layer-bytes");
  std::string basic = "Basic " + Base64Encode("u:p");
  fake_.Expect("GET", kBase + "/blobs/" + d.str())
      .Reply(401)
      .ReplyHeader("WWW-Authenticate", "Basic realm=\"r\"");
  fake_.Expect("GET", kBase + "/blobs/" + d.str())
      .WithHeader("Authorization", basic)
      .Reply(307)
      .ReplyHeader("Location", "https://cdn.example/b?sig=1");
  fake_.Expect("GET", "https://cdn.example/b?sig=1")
      .WithoutHeader("Authorization")
      .Reply(200, "layer-bytes");
  std::string path = dir_.path() + "/blobs/sha256/" + std::string(d.hex());
  ASSERT_TRUE(Client(Credentials{"u", "p"}).FetchBlob("app", d, 11, path).ok());
  EXPECT_EQ(*ReadFile(path), "layer-bytes");
}

TEST_F(ClientTest, FetchBlobMismatchLeavesNothing) {
  oci::Digest d = oci::Digest::Of("good");
  fake_.Expect("GET", kBase + "/blobs/" + d.str()).Reply(200, "evil");
  fake_.Expect("GET", kBase + "/blobs/" + d.str()).Reply(404, "");
  std::string path = dir_.path() + "/blob";
  Status st = Client().FetchBlob("app", d, -1, path);
  EXPECT_EQ(st.message(), "blob " + d.str() + ": digest mismatch: expected " +
                              d.str() + ", got " +
                              oci::Digest::Of("evil").str() + " (4 bytes)");
  EXPECT_EQ(Client().FetchBlob("app", d, -1, path).message(),
            "HTTP 404 Not Found");
  EXPECT_TRUE(std::filesystem::is_empty(dir_.path()));
}

TEST_F(ClientTest, MonolithicUpload) {
  std::string path = Write("blob", "0123456789");
  oci::Digest d = oci::Digest::Of("0123456789");
  fake_.Expect("POST", kBase + "/blobs/uploads/")
      .WithBody("")
      .Reply(202)
      .ReplyHeader("Location", "/v2/app/blobs/uploads/u1?_state=s");
  fake_
      .Expect("PUT", kBase + "/blobs/uploads/u1?_state=s&digest=sha256%3A" +
                         std::string(d.hex()))
      .WithHeader("Content-Type", "application/octet-stream")
      .WithBody("0123456789")
      .Reply(201)
      .ReplyHeader("Docker-Content-Digest", d.str());
  EXPECT_TRUE(Client().UploadBlob("app", d, path).ok());
}

TEST_F(ClientTest, ChunkedUpload) {
  std::string path = Write("blob", "0123456789");
  oci::Digest d = oci::Digest::Of("0123456789");
  ClientOptions o;
  o.monolithic_limit = 4;
  o.chunk_size = 4;
  fake_.Expect("POST", kBase + "/blobs/uploads/")
      .Reply(202)
      .ReplyHeader("Location", kBase + "/blobs/uploads/u?s=0");
  const char* ranges[] = {"0-3", "4-7", "8-9"};
  const char* bodies[] = {"0123", "4567", "89"};
  for (int i = 0; i < 3; ++i) {
    fake_.Expect("PATCH", kBase + "/blobs/uploads/u?s=" + std::to_string(i))
        .WithHeader("Content-Range", ranges[i])
        .WithBody(bodies[i])
        .Reply(202)
        .ReplyHeader("Location",
                     "/v2/app/blobs/uploads/u?s=" + std::to_string(i + 1));
  }
  fake_
      .Expect("PUT", kBase + "/blobs/uploads/u?s=3&digest=sha256%3A" +
                         std::string(d.hex()))
      .WithBody("")
      .Reply(201);
  EXPECT_TRUE(Client(std::nullopt, o).UploadBlob("app", d, path).ok());
}

TEST_F(ClientTest, CrossRepositoryMount) {
  std::string path = Write("blob", "abc");
  oci::Digest d = oci::Digest::Of("abc");
  std::string mount = kBase + "/blobs/uploads/?mount=sha256%3A" +
                      std::string(d.hex()) + "&from=team%2Fbase";
  fake_.Expect("POST", mount).Reply(201);
  EXPECT_TRUE(Client().UploadBlob("app", d, path, "team/base").ok());
  // A registry that cannot mount starts an ordinary upload instead.
  fake_.Expect("POST", mount)
      .Reply(202)
      .ReplyHeader("Location", kBase + "/blobs/uploads/u");
  fake_
      .Expect("PUT", kBase + "/blobs/uploads/u?digest=sha256%3A" +
                         std::string(d.hex()))
      .WithBody("abc")
      .Reply(201);
  EXPECT_TRUE(Client().UploadBlob("app", d, path, "team/base").ok());
}

TEST_F(ClientTest, ChunkedUploadHonoursTheRegistrysMinimumChunk) {
  fake_.Expect("POST", kBase + "/blobs/uploads/")
      .Reply(202)
      .ReplyHeader("Location", kUpload + "0")
      .ReplyHeader("OCI-Chunk-Min-Length", "6");
  ExpectPatch(0, "0-5", "012345", 1);
  ExpectPatch(1, "6-9", "6789", 2);
  ExpectClosingPut(2, "");
  Status st = UploadDigitsInChunks();
  EXPECT_TRUE(st.ok()) << st.message();
}

TEST_F(ClientTest, ChunkRefusedWith416ResumesWhereTheRegistrySaysItIs) {
  fake_.Expect("POST", kBase + "/blobs/uploads/")
      .Reply(202)
      .ReplyHeader("Location", kUpload + "0");
  ExpectPatch(0, "0-3", "0123", 1);
  fake_.Expect("PATCH", kUpload + "1")
      .WithHeader("Content-Range", "4-7")
      .Reply(416);
  // The registry kept two bytes of the refused chunk.
  fake_.Expect("GET", kUpload + "1")
      .WithBody("")
      .Reply(204)
      .ReplyHeader("Range", "0-5")
      .ReplyHeader("Location", kUpload + "2");
  ExpectPatch(2, "6-9", "6789", 3);
  ExpectClosingPut(3, "");
  Status st = UploadDigitsInChunks();
  EXPECT_TRUE(st.ok()) << st.message();
}

TEST_F(ClientTest, RegistryWithoutPatchGetsOneMonolithicPut) {
  fake_.Expect("POST", kBase + "/blobs/uploads/")
      .Reply(202)
      .ReplyHeader("Location", kUpload + "0");
  fake_.Expect("PATCH", kUpload + "0").Reply(405);
  ExpectClosingPut(0, "0123456789");
  Status st = UploadDigitsInChunks();
  EXPECT_TRUE(st.ok()) << st.message();
}

TEST_F(ClientTest, BlobsSeenInARepositoryAreRemembered) {
  oci::Digest a = oci::Digest::Of("a"), b = oci::Digest::Of("b");
  fake_.Expect("HEAD", kBase + "/blobs/" + a.str()).Reply(200);
  auto client = Client();
  EXPECT_EQ(client.RepositoryHolding(a, "other"), "");
  ASSERT_TRUE(client.BlobExists("app", a).value());
  EXPECT_EQ(client.RepositoryHolding(a, "other"), "app");
  EXPECT_EQ(client.RepositoryHolding(a, "app"), "");  // no mount from itself
  client.NoteBlobIn("team/base", b);
  EXPECT_EQ(client.RepositoryHolding(b, "app"), "team/base");
}

TEST_F(ClientTest, ABlobSeenInARepositoryIsNotAskedForAgain) {
  oci::Digest a = oci::Digest::Of("a"), b = oci::Digest::Of("b");
  // One HEAD each: the second question about `a` in "app" and the one
  // about `b`, noted as uploaded, send nothing (the script fails on any
  // request more).
  fake_.Expect("HEAD", kBase + "/blobs/" + a.str()).Reply(200);
  fake_.Expect("HEAD", "https://r.example/v2/other/blobs/" + a.str()).Reply(404);
  auto client = Client();
  ASSERT_TRUE(client.BlobExists("app", a).value());
  ASSERT_TRUE(client.BlobExists("app", a).value());
  client.NoteBlobIn("app", b);
  ASSERT_TRUE(client.BlobExists("app", b).value());
  // Another repository is asked: a blob in one is not in the other.
  ASSERT_FALSE(client.BlobExists("other", a).value());
}

TEST_F(ClientTest, PutManifestAndDenial) {
  fake_.Expect("PUT", kBase + "/manifests/1")
      .WithHeader("Content-Type", std::string(oci::media::kOciManifest))
      .WithBody(kManifestBody)
      .Reply(201)
      .ReplyHeader("Docker-Content-Digest", kManifestDigest.str());
  fake_.Expect("PUT", kBase + "/manifests/2")
      .Reply(
          403,
          R"({"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]})");
  auto client = Client();
  std::string type(oci::media::kOciManifest);
  EXPECT_EQ(client.PutManifest("app", "1", type, kManifestBody).value(),
            kManifestDigest);
  Status denied = client.PutManifest("app", "2", type, kManifestBody).status();
  EXPECT_EQ(denied.code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(
      denied.message(),
      "denied: requested access to the resource is denied: no credentials for "
      "r.example (looked in the auth files); registry r.example, repository "
      "app, scope repository:app:pull,push");
  RegistryClient robot(fake_, "r.example",
                       Credentials{"ro", "x", "", "robot.json"});
  fake_.Expect("PUT", kBase + "/manifests/3").Reply(403);
  EXPECT_EQ(
      robot.PutManifest("app", "3", type, kManifestBody).status().message(),
      "HTTP 403 Forbidden: credentials from robot.json are not allowed this "
      "scope "
      "(403); registry r.example, repository app, scope "
      "repository:app:pull,push");
}

TEST_F(ClientTest, RedirectFromHttpsToHttpIsRefused) {
  oci::Digest d = oci::Digest::Of("layer-bytes");
  std::string url = kBase + "/blobs/" + d.str();
  fake_.Expect("GET", url)
      .Reply(307)
      .ReplyHeader("Location", "http://cdn.example/b?sig=1");
  std::string path = dir_.path() + "/blob";
  Status st = Client().FetchBlob("app", d, 11, path);
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "GET " + url +
                              ": redirect to http://cdn.example/b?sig=1 "
                              "refused: https must not downgrade to http");
  EXPECT_TRUE(std::filesystem::is_empty(dir_.path()));
}

TEST_F(ClientTest, BlobRedirectToOtherHostGetsNoCredentialsOfAnyKind) {
  oci::Digest d = oci::Digest::Of("layer-bytes");
  fake_.Expect("GET", kBase + "/blobs/" + d.str())
      .Reply(401)
      .ReplyHeader("WWW-Authenticate",
                   "Bearer realm=\"https://auth.example/t\"");
  fake_.Expect("GET", "https://auth.example/t?scope=repository%3Aapp%3Apull")
      .Reply(200, R"({"token":"tok"})");
  fake_.Expect("GET", kBase + "/blobs/" + d.str())
      .WithHeader("Authorization", "Bearer tok")
      .Reply(302)
      .ReplyHeader("Location", "https://storage.example/b");
  // Storage redirects back to a path on itself: still no token.
  fake_.Expect("GET", "https://storage.example/b")
      .WithoutHeader("Authorization")
      .Reply(307)
      .ReplyHeader("Location", "/c");
  fake_.Expect("GET", "https://storage.example/c")
      .WithoutHeader("Authorization")
      .Reply(200, "layer-bytes");
  std::string path = dir_.path() + "/blob";
  Status st = Client(Credentials{"u", "p"}).FetchBlob("app", d, 11, path);
  ASSERT_TRUE(st.ok()) << st.message();
  for (const HttpRequest& r : fake_.requests()) {
    if (r.url.starts_with("https://storage.example/")) {
      EXPECT_FALSE(r.headers.Has("Authorization")) << r.url;
    }
  }
}

TEST_F(ClientTest, WrongDockerContentDigestOnABlobIsAnError) {
  oci::Digest d = oci::Digest::Of("layer-bytes");
  std::string other = oci::Digest::Of("other").str();
  fake_.Expect("GET", kBase + "/blobs/" + d.str())
      .Reply(200, "layer-bytes")
      .ReplyHeader("Docker-Content-Digest", other);
  std::string path = dir_.path() + "/blob";
  Status st = Client().FetchBlob("app", d, 11, path);
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "blob " + d.str() +
                              " from r.example/app: Docker-Content-Digest "
                              "header says " +
                              other);
  EXPECT_TRUE(std::filesystem::is_empty(dir_.path()));
  // The right header is fine.
  fake_.Expect("GET", kBase + "/blobs/" + d.str())
      .Reply(200, "layer-bytes")
      .ReplyHeader("Docker-Content-Digest", d.str());
  EXPECT_TRUE(Client().FetchBlob("app", d, 11, path).ok());
}

TEST_F(ClientTest, WrongDockerContentDigestOnAManifestByDigestIsAnError) {
  std::string other = oci::Digest::Of("other").str();
  fake_.Expect("GET", kBase + "/manifests/" + kManifestDigest.str())
      .Reply(200, kManifestBody)
      .ReplyHeader("Docker-Content-Digest", other);
  auto m = Client().GetManifest("app", kManifestDigest.str());
  EXPECT_EQ(m.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(m.status().message(),
            "manifest " + kManifestDigest.str() +
                " from r.example/app: Docker-Content-Digest header says " +
                other);
}

TEST_F(ClientTest, ManifestWithBothLayersAndManifestsIsRefused) {
  std::string both =
      R"({"schemaVersion":2,"layers":[],"manifests":[],)"
      R"("mediaType":"application/vnd.oci.image.manifest.v1+json"})";
  fake_.Expect("GET", kBase + "/manifests/1")
      .Reply(200, both)
      .ReplyHeader("Content-Type", std::string(oci::media::kOciManifest));
  auto m = Client().GetManifest("app", "1");
  EXPECT_EQ(m.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(m.status().message(),
            "manifest r.example/app:1 has both \"layers\" and \"manifests\": "
            "ambiguous, refused as the OCI image spec requires");
  oci::Digest d = oci::Digest::Of(both);
  fake_.Expect("GET", kBase + "/manifests/" + d.str()).Reply(200, both);
  EXPECT_EQ(Client().GetManifest("app", d.str()).status().message(),
            "manifest r.example/app@" + d.str() +
                " has both \"layers\" and \"manifests\": ambiguous, refused "
                "as the OCI image spec requires");
}

TEST(ClientSchemeTest, LoopbackUsesPlainHttpWhenARegistryAnswersThere) {
  ScriptedTransport fake;
  fake.Expect("GET", "http://127.0.0.1:5000/v2/").Reply(200);
  fake.Expect("GET", "http://127.0.0.1:5000/v2/a/manifests/1").Reply(404);
  RegistryClient plain(fake, "127.0.0.1:5000", std::nullopt);
  EXPECT_EQ(plain.GetManifest("a", "1").status().message(),
            "HTTP 404 Not Found");

  // A TLS server answers plain HTTP with 400; TLS is then used.
  fake.Expect("GET", "http://localhost:5000/v2/").Reply(400);
  fake.Expect("GET", "https://localhost:5000/v2/").Reply(401);
  fake.Expect("GET", "https://localhost:5000/v2/a/manifests/1").Reply(404);
  RegistryClient tls(fake, "localhost:5000", std::nullopt);
  EXPECT_EQ(tls.GetManifest("a", "1").status().code(), ErrorCode::kNotFound);

  fake.Expect("GET", "http://[::1]:5000/v2/")
      .Fail(Unavailable("connection reset by peer"));
  fake.Expect("GET", "https://[::1]:5000/v2/")
      .Fail(InvalidArgument("the server's TLS certificate is not trusted"));
  RegistryClient untrusted(fake, "[::1]:5000", std::nullopt);
  EXPECT_EQ(untrusted.GetManifest("a", "1").status().message(),
            "the server's TLS certificate is not trusted");
}

TEST(ClientSchemeTest, NeitherSchemeAnsweringLeavesPlainHttpForTheError) {
  ScriptedTransport fake;
  fake.Expect("GET", "http://127.0.0.2:5000/v2/")
      .Fail(Unavailable("connection refused"));
  fake.Expect("GET", "https://127.0.0.2:5000/v2/")
      .Fail(Unavailable("connection refused"));
  fake.Expect("GET", "http://127.0.0.2:5000/v2/a/manifests/1")
      .Fail(Unavailable("connection refused"));
  RegistryClient client(fake, "127.0.0.2:5000", std::nullopt);
  EXPECT_EQ(client.GetManifest("a", "1").status().code(),
            ErrorCode::kUnavailable);
}

TEST(ClientSchemeTest, TlsHandshakeFailureNeverFallsBackToPlainHttp) {
  Status tls = InvalidArgument("TLS handshake failed (wrong version number)");
  // A remote registry is only ever spoken to in TLS, and its failure is the
  // answer (the fake fails the test on any plain HTTP request).
  ScriptedTransport fake;
  fake.Expect("GET", "https://r.example/v2/a/manifests/1").Fail(tls);
  RegistryClient remote(fake, "r.example", std::nullopt);
  EXPECT_EQ(remote.GetManifest("a", "1").status().message(), tls.message());
  // A loopback registry that answered no plain HTTP probe and failed its
  // TLS handshake is not then spoken to in plain HTTP either.
  fake.Expect("GET", "http://127.0.0.1:5000/v2/")
      .Fail(Unavailable("connection reset by peer"));
  fake.Expect("GET", "https://127.0.0.1:5000/v2/").Fail(tls);
  RegistryClient loopback(fake, "127.0.0.1:5000", std::nullopt);
  EXPECT_EQ(loopback.GetManifest("a", "1").status().message(), tls.message());
  // An insecure (non-loopback) registry that did not answer in plain HTTP
  // is spoken to in TLS only, whatever its handshake does.
  Status hung_up = Unavailable("TLS handshake failed (SSL_ERROR_SYSCALL)");
  fake.Expect("GET", "http://lan.example:5000/v2/")
      .Fail(Unavailable("connection reset by peer"));
  fake.Expect("GET", "https://lan.example:5000/v2/a/manifests/1").Fail(hung_up);
  ClientOptions o;
  o.insecure_registries = {"lan.example:5000"};
  RegistryClient lan(fake, "lan.example:5000", std::nullopt, o);
  EXPECT_EQ(lan.GetManifest("a", "1").status().message(), hung_up.message());
}

TEST(ClientSchemeTest, DockerHubUsesItsApiHost) {
  ScriptedTransport fake;
  fake.Expect("GET",
              "https://registry-1.docker.io/v2/library/alpine/manifests/3")
      .Reply(404);
  RegistryClient hub(fake, "docker.io", std::nullopt);
  EXPECT_EQ(hub.GetManifest("library/alpine", "3").status().code(),
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace mybuild::registry
