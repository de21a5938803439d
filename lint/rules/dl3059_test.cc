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

TEST(DL3059Test, Fires) {
  EXPECT_EQ(Hits(Dl3059(),
                 "FROM a:1\n"
                 "RUN a\n"
                 "# comment\n"
                 "RUN b\n"
                 "RUN c\n"),
            (Lines{4, 5}));
}

TEST(DL3059Test, Clean) {
  EXPECT_EQ(Hits(Dl3059(),
                 "FROM a:1\n"
                 "RUN a\n"
                 "WORKDIR /x\n"
                 "RUN b\n"
                 "RUN --mount=type=cache,target=/c c\n"),
            (Lines{}));
}

// hadolint's DL3059.hs: flags compared as parsed; a RUN of more than two
// commands on either side is not reported; ONBUILD breaks the sequence.
TEST(DL3059Test, AsHadolint) {
  const std::string msg =
      " DL3059 Multiple consecutive `RUN` instructions. Consider "
      "consolidation.";
  EXPECT_EQ(Described(Dl3059(),
                      "FROM a:1\n"
                      "RUN --mount=type=cache,target=/c,id=x a\n"
                      "RUN --mount=id=x,target=/c,type=cache b\n"
                      "RUN a && b && c\n"
                      "RUN d\n"
                      "ONBUILD RUN x\n"
                      "RUN e\n"
                      "RUN --network=none f\n"
                      "RUN --network=none g\n"),
            (std::vector<std::string>{"3" + msg, "9" + msg}));
}

}  // namespace
}  // namespace mybuild::lint::rules
