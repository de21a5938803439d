#include "registry/auth.h"

#include <gtest/gtest.h>

#include "registry/base64.h"
#include "registry/testing/fake_transport.h"

namespace mybuild::registry {
namespace {

using testing::ScriptedTransport;

constexpr char kManifest[] = "https://r.example/v2/app/manifests/1";
constexpr char kPull[] = "repository:app:pull";
constexpr char kChallenge[] =
    "Bearer realm=\"https://auth.example/token\",service=\"r.example\","
    "scope=\"repository:app:pull\"";
constexpr char kTokenUrl[] =
    "https://auth.example/"
    "token?service=r.example&scope=repository%3Aapp%3Apull";

HttpRequest Get(const std::string& url = kManifest) {
  HttpRequest r;
  r.url = url;
  return r;
}

const std::string kBasic = "Basic " + Base64Encode("alice:pw");

TEST(RegistryAuthTest, AnonymousRegistryGetsNoHeader) {
  ScriptedTransport fake;
  fake.Expect("GET", kManifest).WithoutHeader("Authorization").Reply(200, "m");
  RegistryAuth auth(fake, std::nullopt);
  EXPECT_EQ(auth.Send(Get(), kPull)->body, "m");
}

TEST(RegistryAuthTest, AnonymousBearerTokenIsFetchedAndCachedPerScope) {
  ScriptedTransport fake;
  fake.Expect("GET", kManifest)
      .Reply(401)
      .ReplyHeader("WWW-Authenticate", kChallenge);
  fake.Expect("GET", kTokenUrl)
      .WithoutHeader("Authorization")
      .Reply(200, R"({"token":"t1","expires_in":300})");
  fake.Expect("GET", kManifest)
      .WithHeader("Authorization", "Bearer t1")
      .Reply(200, "m");
  fake.Expect("GET", kManifest)
      .WithHeader("Authorization", "Bearer t1")
      .Reply(200, "again");
  fake.Expect("GET", kManifest).WithoutHeader("Authorization").Reply(200);
  RegistryAuth auth(fake, std::nullopt);
  EXPECT_EQ(auth.Send(Get(), kPull)->body, "m");
  EXPECT_EQ(auth.Send(Get(), kPull)->body, "again");
  EXPECT_EQ(auth.Send(Get(), "repository:other:pull")->status, 200);
}

TEST(RegistryAuthTest, TokenFetchUsesCredentialsAndAccessToken) {
  ScriptedTransport fake;
  fake.Expect("GET", kManifest)
      .Reply(401)
      .ReplyHeader(
          "WWW-Authenticate",
          "Bearer realm=\"https://auth.example/token?a=1\",scope=\"repository:"
          "app:pull,push repository:base:pull\"");
  fake.Expect("GET",
              "https://auth.example/token?a=1&scope=repository%3Aapp%3Apull%"
              "2Cpush&scope=repository%3Abase%3Apull")
      .WithHeader("Authorization", kBasic)
      .Reply(200, R"({"access_token":"t2"})");
  fake.Expect("GET", kManifest)
      .WithHeader("Authorization", "Bearer t2")
      .Reply(201);
  RegistryAuth auth(fake, Credentials{"alice", "pw"});
  EXPECT_EQ(auth.Send(Get(), kPull)->status, 201);
}

TEST(RegistryAuthTest, BasicChallengeAnsweredThenSentUpFront) {
  ScriptedTransport fake;
  fake.Expect("GET", kManifest)
      .Reply(401)
      .ReplyHeader("WWW-Authenticate", "Basic realm=\"Registry Realm\"");
  fake.Expect("GET", kManifest).WithHeader("Authorization", kBasic).Reply(200);
  fake.Expect("GET", "https://r.example/v2/b/tags/list")
      .WithHeader("Authorization", kBasic)
      .Reply(200);
  RegistryAuth auth(fake, Credentials{"alice", "pw"});
  EXPECT_EQ(auth.Send(Get(), kPull)->status, 200);
  EXPECT_EQ(
      auth.Send(Get("https://r.example/v2/b/tags/list"), "repository:b:pull")
          ->status,
      200);
}

TEST(RegistryAuthTest, UnanswerableChallengeReturnsThe401) {
  ScriptedTransport fake;
  fake.Expect("GET", kManifest)
      .Reply(401, "{}")
      .ReplyHeader("WWW-Authenticate", "Basic realm=\"r\"");
  RegistryAuth auth(fake, std::nullopt);
  EXPECT_EQ(auth.Send(Get(), kPull)->status, 401);
}

TEST(RegistryAuthTest, TokenServerRefusalIsAClearError) {
  ScriptedTransport fake;
  fake.Expect("GET", kManifest)
      .Reply(401)
      .ReplyHeader("WWW-Authenticate", kChallenge);
  fake.Expect("GET", kTokenUrl)
      .Reply(401, R"({"details":"incorrect username or password"})");
  RegistryAuth auth(fake, Credentials{"alice", "wrong"});
  auto r = auth.Send(Get(), kPull);
  EXPECT_EQ(r.status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(r.status().message(),
            "fetch token from https://auth.example/token: incorrect username "
            "or password");
}

TEST(RegistryAuthTest, TokenResponseWithoutTokenOrRealm) {
  ScriptedTransport fake;
  fake.Expect("GET", kManifest)
      .Reply(401)
      .ReplyHeader("WWW-Authenticate", kChallenge);
  fake.Expect("GET", kTokenUrl).Reply(200, R"({"token":""})");
  fake.Expect("GET", kManifest)
      .Reply(401)
      .ReplyHeader("WWW-Authenticate", "Bearer service=\"x\"");
  RegistryAuth auth(fake, std::nullopt);
  EXPECT_EQ(auth.Send(Get(), kPull).status().message(),
            "fetch token from https://auth.example/token: response has no "
            "token");
  EXPECT_EQ(auth.Send(Get(), kPull).status().message(),
            "registry asked for a Bearer token but named no token server "
            "(realm)");
}

TEST(RegistryAuthTest, ExpiredTokenIsRenewedOnceOnly) {
  ScriptedTransport fake;
  fake.Expect("GET", kManifest)
      .Reply(401)
      .ReplyHeader("WWW-Authenticate", kChallenge);
  fake.Expect("GET", kTokenUrl).Reply(200, R"({"token":"t1"})");
  fake.Expect("GET", kManifest)
      .WithHeader("Authorization", "Bearer t1")
      .Reply(200);
  // Later t1 has expired: one renewal, and a second 401 is the answer.
  fake.Expect("GET", kManifest)
      .WithHeader("Authorization", "Bearer t1")
      .Reply(401)
      .ReplyHeader("WWW-Authenticate", kChallenge);
  fake.Expect("GET", kTokenUrl).Reply(200, R"({"token":"t2"})");
  fake.Expect("GET", kManifest)
      .WithHeader("Authorization", "Bearer t2")
      .Reply(401, R"({"errors":[{"code":"DENIED","message":"no"}]})")
      .ReplyHeader("WWW-Authenticate", kChallenge);
  RegistryAuth auth(fake, std::nullopt);
  EXPECT_EQ(auth.Send(Get(), kPull)->status, 200);
  auto second = auth.Send(Get(), kPull);
  EXPECT_EQ(second->status, 401);
  EXPECT_EQ(second->body, R"({"errors":[{"code":"DENIED","message":"no"}]})");
}

// A registry offering Basic and Bearer, in two header fields or in one, is
// answered with a token: Bearer is preferred whichever comes first.
TEST(RegistryAuthTest, BearerIsPreferredOverBasicOfferedFirst) {
  ScriptedTransport fake;
  HttpHeaders two;
  two.Add("WWW-Authenticate", "Basic realm=\"r\"");
  two.Add("WWW-Authenticate", kChallenge);
  HttpHeaders one;
  one.Add("WWW-Authenticate", std::string("Basic realm=\"r\", ") + kChallenge);
  for (const HttpHeaders* offer : {&two, &one}) {
    fake.Expect("GET", kManifest).Reply(401, "", *offer);
    fake.Expect("GET", kTokenUrl)
        .WithHeader("Authorization", kBasic)
        .Reply(200, R"({"token":"t1"})");
    fake.Expect("GET", kManifest)
        .WithHeader("Authorization", "Bearer t1")
        .Reply(200);
    RegistryAuth auth(fake, Credentials{"alice", "pw"});
    EXPECT_EQ(auth.Send(Get(), kPull)->status, 200);
  }
  // Basic alone is still answered with the credentials.
  fake.Expect("GET", kManifest)
      .Reply(401)
      .ReplyHeader("WWW-Authenticate", "Basic realm=\"r\"");
  fake.Expect("GET", kManifest).WithHeader("Authorization", kBasic).Reply(200);
  RegistryAuth basic(fake, Credentials{"alice", "pw"});
  EXPECT_EQ(basic.Send(Get(), kPull)->status, 200);
}

}  // namespace
}  // namespace mybuild::registry
