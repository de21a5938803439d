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

TEST(DL3037Test, Fires) {
  EXPECT_EQ(Hits(Dl3037(),
                 "FROM a:1\n"
                 "RUN zypper install -y httpd\n"),
            (Lines{2}));
}

TEST(DL3037Test, Clean) {
  EXPECT_EQ(Hits(Dl3037(),
                 "FROM a:1\n"
                 "RUN zypper install -y httpd=2.4 'x>=1' y.rpm\n"),
            (Lines{}));
}

// hadolint's DL3037.hs: a pin is '=', '<' or '>' in the word, or a .rpm
// name; every non-flag word of the command counts, also before `install`.
TEST(DL3037Test, WordsAsHadolint) {
  const std::string msg =
      " DL3037 Specify version with `zypper install -y <package>=<version>`.";
  EXPECT_EQ(Described(Dl3037(),
                      "FROM a:1\n"
                      "RUN zypper in -y a=1.0 'b>=2' 'c<3' ./d.rpm\n"
                      "RUN zypper --root /mnt install -y a=1.0\n"
                      "RUN zypper install -y pkg = 1.0\n"
                      "RUN zypper refresh\n"),
            (std::vector<std::string>{"3" + msg, "4" + msg}));
}

}  // namespace
}  // namespace mybuild::lint::rules
