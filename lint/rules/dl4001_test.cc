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

TEST(DL4001Test, Fires) {
  EXPECT_EQ(Hits(Dl4001(),
                 "FROM a:1\n"
                 "RUN wget u\n"
                 "RUN curl u\n"),
            (Lines{3}));
  EXPECT_EQ(Hits(Dl4001(),
                 "FROM a:1\n"
                 "RUN curl u | wget -i -\n"),
            (Lines{2}));
}

TEST(DL4001Test, Clean) {
  EXPECT_EQ(Hits(Dl4001(),
                 "FROM a:1\n"
                 "RUN wget u\n"
                 "FROM b:1\n"
                 "RUN curl u\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl4001(),
                 "FROM a:1\n"
                 "RUN apt-get install -y curl wget\n"),
            (Lines{}));
}

// hadolint's DL4001.hs: after both tools, each RUN using either is
// reported; ONBUILD triggers are counted apart from the RUNs.
TEST(DL4001Test, AsHadolint) {
  const std::string msg = " DL4001 Either use Wget or Curl but not both";
  EXPECT_EQ(Described(Dl4001(),
                      "FROM a:1\n"
                      "RUN curl -O u\n"
                      "RUN wget u\n"
                      "RUN curl -O v\n"
                      "ONBUILD RUN wget u\n"
                      "ONBUILD RUN curl u\n"
                      "FROM b:1\n"
                      "RUN curl u\n"),
            (std::vector<std::string>{"3" + msg, "4" + msg, "6" + msg}));
}

}  // namespace
}  // namespace mybuild::lint::rules
