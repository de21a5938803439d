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

TEST(DL3033Test, Fires) {
  EXPECT_EQ(Hits(Dl3033(),
                 "FROM a:1\n"
                 "RUN yum install -y httpd\n"),
            (Lines{2}));
}

TEST(DL3033Test, Clean) {
  EXPECT_EQ(Hits(Dl3033(),
                 "FROM a:1\n"
                 "RUN yum install -y httpd-2.4.6 ./x-1.rpm\n"),
            (Lines{}));
}

constexpr char kMsg[] =
    " DL3033 Specify version with `yum install -y <package>-<version>`.";

// hadolint's DL3033.hs packageVersionFixed: a '-', then version-like parts
// with a digit, or ".rpm", or a defined ${VAR}.
TEST(DL3033Test, PinnedWordsAsHadolint) {
  EXPECT_EQ(Described(Dl3033(),
                      "FROM a:1\n"
                      "RUN yum install -y pkg-1.2 pkg-1.2.3-4.el8 x-1.rpm\n"
                      "RUN yum install -y python3-devel\n"
                      "RUN yum install -y pkg = 1.0\n"
                      "RUN yum install -y pkg>=1.0\n"
                      "RUN yum install -y ./local.rpm\n"
                      "RUN yum install -y pkg-1.0/x\n"
                      "RUN yum groupinstall -y tools\n"),
            (std::vector<std::string>{
                std::string("3") + kMsg, std::string("4") + kMsg,
                std::string("5") + kMsg, std::string("6") + kMsg,
                std::string("7") + kMsg}));
}

TEST(DL3033Test, VariablesMustBeDeclared) {
  EXPECT_EQ(Described(Dl3033(),
                      "ARG V=1\n"
                      "FROM a:1 AS base\n"
                      "ENV E=2\n"
                      "RUN yum install -y a-${V} b-${E}\n"
                      "FROM base\n"
                      "RUN yum install -y b-${E}\n"
                      "FROM a:1\n"
                      "RUN yum install -y b-${E}\n"
                      "RUN yum install -y c-$V\n"),
            (std::vector<std::string>{std::string("8") + kMsg,
                                      std::string("9") + kMsg}));
}

TEST(DL3033Test, Modules) {
  EXPECT_EQ(Described(Dl3033(),
                      "FROM a:1\n"
                      "RUN yum module install -y nodejs:18\n"
                      "RUN yum module install -y nodejs\n"
                      "ONBUILD RUN yum install -y httpd\n"
                      "ENV V=1\n"
                      "ONBUILD RUN yum install -y a-${V}\n"
                      "ONBUILD ENV V=1\n"
                      "ONBUILD RUN yum install -y a-${V}\n"),
            (std::vector<std::string>{std::string("3") + kMsg,
                                      std::string("4") + kMsg,
                                      std::string("6") + kMsg}));
}

}  // namespace
}  // namespace mybuild::lint::rules
