#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Described;
using testing::Hits;

TEST(DL3064Test, Fires) {
  EXPECT_EQ(Hits(Dl3064(),
                 "ARG GITHUB_TOKEN\n"
                 "FROM a:1\n"
                 "ENV DB_PASSWORD=x\n"
                 "ARG my_secret_file\n"),
            (Lines{1, 3, 4}));
}

TEST(DL3064Test, Clean) {
  EXPECT_EQ(Hits(Dl3064(),
                 "FROM a:1\n"
                 "ENV APP_HOME=/app\n"
                 "ARG VERSION=1\n"),
            (Lines{}));
}

// hadolint applies DL3064 to ONBUILD ENV and ARG triggers (onbuild dl3064).
TEST(DL3064Test, Onbuild) {
  const std::string msg =
      " DL3064 Potentially sensitive data should not be used in the `ARG` or "
      "`ENV` commands";
  EXPECT_EQ(Described(Dl3064(),
                      "FROM a:1\n"
                      "ONBUILD ENV GITHUB_TOKEN=x\n"
                      "ONBUILD ARG db_password\n"
                      "ONBUILD ENV HOME=/h\n"),
            (std::vector<std::string>{"2" + msg, "3" + msg}));
}

}  // namespace
}  // namespace mybuild::lint::rules
