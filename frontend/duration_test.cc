#include "frontend/duration.h"

#include <gtest/gtest.h>

namespace mybuild::frontend {
namespace {

int64_t Ns(std::string_view s) {
  Expected<int64_t> d = ParseDuration(s);
  EXPECT_TRUE(d.ok()) << s << ": " << d.status().message();
  return d.ok() ? *d : -1;
}

TEST(DurationTest, GoSyntax) {
  EXPECT_EQ(Ns("0"), 0);
  EXPECT_EQ(Ns("30s"), 30000000000);
  EXPECT_EQ(Ns("1.5h"), 5400000000000);
  EXPECT_EQ(Ns("2h45m"), 9900000000000);
  EXPECT_EQ(Ns("1.1s"), 1100000000);
  EXPECT_EQ(Ns("300ms"), 300000000);
  EXPECT_EQ(Ns("5us"), 5000);
  EXPECT_EQ(Ns("5\xC2\xB5s"), 5000);
  EXPECT_EQ(Ns("-1s"), -1000000000);
  EXPECT_EQ(Ns(".5s"), 500000000);
}

TEST(DurationTest, Errors) {
  EXPECT_EQ(ParseDuration("").status().message(),
            "time: invalid duration \"\"");
  EXPECT_EQ(ParseDuration("5").status().message(),
            "time: missing unit in duration \"5\"");
  EXPECT_EQ(ParseDuration("1d").status().message(),
            "time: unknown unit \"d\" in duration \"1d\"");
  EXPECT_EQ(ParseDuration("s").status().message(),
            "time: invalid duration \"s\"");
  EXPECT_EQ(ParseDuration("3000000h").status().message(),
            "time: invalid duration \"3000000h\"");
}

}  // namespace
}  // namespace mybuild::frontend
