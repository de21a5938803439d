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

TEST(DL3003Test, Fires) {
  EXPECT_EQ(Hits(Dl3003(),
                 "FROM a:1\n"
                 "RUN cd /usr/src && make\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl3003(),
                 "FROM a:1\n"
                 "RUN (cd /x; make) && echo\n"),
            (Lines{2}));
}

TEST(DL3003Test, Clean) {
  EXPECT_EQ(Hits(Dl3003(),
                 "FROM a:1\n"
                 "WORKDIR /usr/src\n"
                 "RUN make && echo cd\n"),
            (Lines{}));
}

// Which rules hadolint applies to an ONBUILD trigger (its `onbuild`).
TEST(DL3003Test, Onbuild) {
  EXPECT_EQ(Described(Dl3003(),
                      "FROM a:1\n"
                      "ONBUILD RUN cd /x && make\n"),
            (std::vector<std::string>{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
