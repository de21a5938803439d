#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3013Test, Fires) {
  EXPECT_EQ(Hits(Dl3013(),
                 "FROM a:1\n"
                 "RUN pip install flask\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl3013(),
                 "FROM a:1\n"
                 "RUN python3 -m pip install --upgrade pip==23.0 requests\n"),
            (Lines{2}));
}

TEST(DL3013Test, Clean) {
  EXPECT_EQ(
      Hits(
          Dl3013(),
          "FROM a:1\n"
          "RUN pip install flask==2.0 'six>=1' ./pkg.whl git+https://x/y@v1\n"),
      (Lines{}));
  EXPECT_EQ(Hits(Dl3013(),
                 "FROM a:1\n"
                 "RUN pip install -r requirements.txt && pip install .\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3013(),
                 "FROM a:1\n"
                 "RUN pip install -c constraints.txt flask\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3013(),
                 "FROM a:1\n"
                 "RUN pip install --index-url https://i flask==1\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
