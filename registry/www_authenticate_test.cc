#include "registry/www_authenticate.h"

#include <gtest/gtest.h>

namespace mybuild::registry {
namespace {

TEST(WwwAuthenticateTest, DockerHubBearer) {
  auto c = ParseWwwAuthenticate(
      "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker."
      "io\",scope=\"repository:library/alpine:pull\"");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].scheme, "bearer");
  EXPECT_EQ(c[0].Param("realm"), "https://auth.docker.io/token");
  EXPECT_EQ(c[0].Param("service"), "registry.docker.io");
  EXPECT_EQ(c[0].Param("scope"), "repository:library/alpine:pull");
  EXPECT_EQ(c[0].Param("error"), "");
}

TEST(WwwAuthenticateTest, BasicWithSpacesAndEscapes) {
  auto c = ParseWwwAuthenticate("basic  Realm = \"my \\\"reg\\\"\"");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].scheme, "basic");
  EXPECT_EQ(c[0].Param("realm"), "my \"reg\"");
}

TEST(WwwAuthenticateTest, SeveralChallengesAndTokenValues) {
  auto c = ParseWwwAuthenticate(
      "Bearer realm=\"https://a/t\", scope=\"repository:x:pull,push "
      "repository:y:pull\", error=insufficient_scope, Basic realm=r");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].Param("scope"), "repository:x:pull,push repository:y:pull");
  EXPECT_EQ(c[0].Param("error"), "insufficient_scope");
  EXPECT_EQ(c[1].scheme, "basic");
  EXPECT_EQ(c[1].Param("realm"), "r");
}

TEST(WwwAuthenticateTest, EmptyAndSchemeOnly) {
  EXPECT_TRUE(ParseWwwAuthenticate("").empty());
  EXPECT_TRUE(ParseWwwAuthenticate("  , ").empty());
  auto c = ParseWwwAuthenticate("Negotiate");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].scheme, "negotiate");
  EXPECT_TRUE(c[0].params.empty());
}

}  // namespace
}  // namespace mybuild::registry
