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

TEST(DL3008Test, Fires) {
  EXPECT_EQ(Hits(Dl3008(),
                 "FROM a:1\n"
                 "RUN apt-get update && apt-get install -y curl=7.1 python3\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl3008(),
                 "FROM a:1\n"
                 "RUN sudo apt-get install -y curl\n"),
            (Lines{2}));
}

TEST(DL3008Test, Clean) {
  EXPECT_EQ(
      Hits(Dl3008(),
           "FROM a:1\n"
           "RUN apt-get install -y -t bookworm-backports curl=7.1 ./x.deb\n"),
      (Lines{}));
  EXPECT_EQ(Hits(Dl3008(),
                 "FROM a:1\n"
                 "RUN apt-get update\n"),
            (Lines{}));
}

// Which rules hadolint applies to an ONBUILD trigger (its `onbuild`).
TEST(DL3008Test, Onbuild) {
  EXPECT_EQ(
      Described(Dl3008(),
                "FROM a:1\n"
                "ONBUILD RUN apt-get install -y curl\n"),
      (std::vector<std::string>{
          "2 DL3008 Pin versions in apt get install. Instead of `apt-get "
          "install <package>` use `apt-get install <package>=<version>`"}));
}

}  // namespace
}  // namespace mybuild::lint::rules
