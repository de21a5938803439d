#include "cli/exit_codes.h"

#include <gtest/gtest.h>

#include <sstream>

namespace mybuild::cli {
namespace {

TEST(ExitCodesTest, EachKindOfFailureHasItsCode) {
  EXPECT_EQ(ExitCodeFor(Status::Ok()), 0);
  EXPECT_EQ(ExitCodeFor(Status(ErrorCode::kBuildFailed, "RUN failed")), 1);
  EXPECT_EQ(ExitCodeFor(InvalidArgument("Dockerfile:3: unknown instruction")),
            1);
  EXPECT_EQ(ExitCodeFor(InvalidArgument("usage: --build-arg needs a name")), 2);
  EXPECT_EQ(ExitCodeFor(Status(ErrorCode::kUnauthenticated, "no credentials")),
            3);
  EXPECT_EQ(ExitCodeFor(Unavailable("HTTP 503 (after 5 attempts)")), 4);
  EXPECT_EQ(ExitCodeFor(Status(ErrorCode::kUntrusted, "TLS certificate is not trusted")), 4);
  EXPECT_EQ(ExitCodeFor(Status(ErrorCode::kRejected, "manifest rejected")), 5);
  std::ostringstream err;
  EXPECT_EQ(Fail(err, Unavailable("down")), 4);
  EXPECT_EQ(err.str(), "mybuild: down\n");
}

}  // namespace
}  // namespace mybuild::cli
