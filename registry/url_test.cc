#include "registry/url.h"

#include <gtest/gtest.h>

namespace mybuild::registry {
namespace {

TEST(UrlTest, ParsesParts) {
  auto u = ParseUrl("HTTPS://Registry.example:5000/v2/app/blobs/x?a=b#frag");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "Registry.example");
  EXPECT_EQ(u->port, "5000");
  EXPECT_EQ(u->path, "/v2/app/blobs/x?a=b");
  EXPECT_EQ(u->ToString(), "https://Registry.example:5000/v2/app/blobs/x?a=b");
}

TEST(UrlTest, Ipv6AndNoPath) {
  auto u = ParseUrl("http://[::1]:8080");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->host, "[::1]");
  EXPECT_EQ(u->port, "8080");
  EXPECT_EQ(u->path, "/");
  auto v = ParseUrl("http://[::1]/v2/");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->host, "[::1]");
  EXPECT_EQ(v->port, "");
}

TEST(UrlTest, RejectsWhatWeNeverSend) {
  EXPECT_EQ(ParseUrl("ftp://h/x").status().message(),
            "invalid URL \"ftp://h/x\": scheme must be http or https");
  EXPECT_EQ(ParseUrl("h/x").status().message(),
            "invalid URL \"h/x\": no scheme");
  EXPECT_EQ(ParseUrl("https://u:p@h/").status().message(),
            "invalid URL \"https://u:p@h/\": user info is not allowed");
  EXPECT_EQ(ParseUrl("https://h:x1/").status().message(),
            "invalid URL \"https://h:x1/\": bad port");
  EXPECT_EQ(ParseUrl("https:///x").status().message(),
            "invalid URL \"https:///x\": no host");
}

TEST(UrlTest, ResolvesRedirectTargets) {
  Url base = *ParseUrl("https://r.example/v2/app/blobs/sha256:ab?x=1");
  EXPECT_EQ(ResolveUrl(base, "https://cdn.example/b?sig=1")->ToString(),
            "https://cdn.example/b?sig=1");
  EXPECT_EQ(ResolveUrl(base, "//cdn.example/b")->ToString(),
            "https://cdn.example/b");
  EXPECT_EQ(ResolveUrl(base, "/v2/app/blobs/uploads/u1?_state=s")->ToString(),
            "https://r.example/v2/app/blobs/uploads/u1?_state=s");
  EXPECT_EQ(ResolveUrl(base, "other")->ToString(),
            "https://r.example/v2/app/blobs/other");
}

TEST(UrlTest, Loopback) {
  for (const char* h :
       {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]", "::1"}) {
    EXPECT_TRUE(IsLoopbackHost(h)) << h;
  }
  for (const char* h :
       {"128.0.0.1", "127.0.0", "127.0.0.1.5", "127.0.0.256",
        "localhost.example", "127.0.0.1x", "10.0.0.1", "[::2]", ""}) {
    EXPECT_FALSE(IsLoopbackHost(h)) << h;
  }
}

TEST(UrlTest, SplitHostPort) {
  std::string h, p;
  SplitHostPort("127.0.0.1:5000", &h, &p);
  EXPECT_EQ(h + "|" + p, "127.0.0.1|5000");
  SplitHostPort("[::1]:5000", &h, &p);
  EXPECT_EQ(h + "|" + p, "[::1]|5000");
  SplitHostPort("[::1]", &h, &p);
  EXPECT_EQ(h + "|" + p, "[::1]|");
  SplitHostPort("docker.io", &h, &p);
  EXPECT_EQ(h + "|" + p, "docker.io|");
}

TEST(UrlTest, QueryEscape) {
  EXPECT_EQ(QueryEscape("repository:a/b:pull,push"),
            "repository%3Aa%2Fb%3Apull%2Cpush");
  EXPECT_EQ(QueryEscape("A-z_0.9~"), "A-z_0.9~");
}

}  // namespace
}  // namespace mybuild::registry
