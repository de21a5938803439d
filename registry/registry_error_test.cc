#include "registry/registry_error.h"

#include <gtest/gtest.h>

namespace mybuild::registry {
namespace {

HttpResponse Resp(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

TEST(RegistryErrorTest, ErrorsArrayReadsLikeDocker) {
  auto r = Resp(403, R"({"errors":[{"code":"DENIED","message":"requested )"
                     R"(access to the resource is denied","detail":null}]})");
  EXPECT_EQ(DescribeError(r),
            "denied: requested access to the resource is denied");
  Status st = ErrorFromResponse(r);
  EXPECT_EQ(st.code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(st.message(), "denied: requested access to the resource is denied");
}

TEST(RegistryErrorTest, SeveralErrorsAndUnderscores) {
  auto r = Resp(404, R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"m"},)"
                     R"({"code":"NAME_UNKNOWN"},{"message":"bare"},{}]})");
  EXPECT_EQ(DescribeError(r), "manifest unknown: m; name unknown; bare");
  EXPECT_EQ(ErrorFromResponse(r).code(), ErrorCode::kNotFound);
}

TEST(RegistryErrorTest, TokenServerDetails) {
  EXPECT_EQ(DescribeError(
                Resp(401, R"({"details":"incorrect username or password"})")),
            "incorrect username or password");
}

TEST(RegistryErrorTest, FallsBackToStatus) {
  EXPECT_EQ(DescribeError(Resp(502, "<html>oops</html>")),
            "HTTP 502 Bad Gateway");
  EXPECT_EQ(DescribeError(Resp(418, "")), "HTTP 418");
  EXPECT_EQ(DescribeError(Resp(401, R"({"errors":[]})")),
            "unauthorized: authentication required");
  EXPECT_EQ(DescribeError(Resp(403, "")), "HTTP 403 Forbidden");
  EXPECT_EQ(ErrorFromResponse(Resp(503, "")).code(), ErrorCode::kUnavailable);
  EXPECT_EQ(ErrorFromResponse(Resp(429, "")).code(), ErrorCode::kUnavailable);
  EXPECT_EQ(ErrorFromResponse(Resp(400, "")).code(),
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace mybuild::registry
