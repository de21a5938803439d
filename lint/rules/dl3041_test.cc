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

TEST(DL3041Test, Fires) {
  EXPECT_EQ(Hits(Dl3041(),
                 "FROM a:1\n"
                 "RUN dnf install -y httpd\n"),
            (Lines{2}));
}

TEST(DL3041Test, Clean) {
  EXPECT_EQ(
      Hits(Dl3041(),
           "FROM a:1\n"
           "RUN dnf install -y httpd-2.4 && dnf module install -y nodejs:18\n"),
      (Lines{}));
}

constexpr char kMsg[] =
    " DL3041 Specify version with `dnf install -y <package>-<version>`.";

// hadolint's DL3041.hs: as DL3033, for dnf and microdnf; `dnf group
// install` words are not packages.
TEST(DL3041Test, PinnedWordsAsHadolint) {
  EXPECT_EQ(Described(Dl3041(),
                      "FROM a:1\n"
                      "RUN microdnf install -y pkg-1.2.3-4.el8 x-1.0.rpm\n"
                      "RUN dnf install -y python3-devel\n"
                      "RUN microdnf install -y pkg>=1.0\n"
                      "RUN dnf group install -y tools\n"
                      "RUN dnf module install -y nodejs\n"
                      "RUN dnf module install -y nodejs:18/common\n"),
            (std::vector<std::string>{std::string("3") + kMsg,
                                      std::string("4") + kMsg,
                                      std::string("6") + kMsg}));
}

}  // namespace
}  // namespace mybuild::lint::rules
