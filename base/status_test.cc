#include "base/status.h"

#include <cerrno>

#include <gtest/gtest.h>

namespace mybuild {
namespace {

Expected<int> Half(int x) {
  if (x % 2) return InvalidArgument("odd: " + std::to_string(x));
  return x / 2;
}

Expected<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckEven(int x) {
  RETURN_IF_ERROR(Half(x).status());
  return Status::Ok();
}

TEST(StatusTest, ExpectedCarriesValueOrError) {
  EXPECT_EQ(*Quarter(12), 3);
  Expected<int> bad = Quarter(6);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "odd: 3");
}

TEST(StatusTest, ReturnIfErrorPropagates) {
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(5).message(), "odd: 5");
}

TEST(StatusTest, SysErrorNamesCallAndPath) {
  EXPECT_EQ(SysError("open", "/x/y", ENOENT).message(),
            "open \"/x/y\": No such file or directory");
  EXPECT_EQ(SysError("fork", "", EAGAIN).message(),
            "fork: Resource temporarily unavailable");
  EXPECT_EQ(InvalidArgument("a").WithPrefix("Dockerfile:3").message(),
            "Dockerfile:3: a");
}

}  // namespace
}  // namespace mybuild
