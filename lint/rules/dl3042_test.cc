#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3042Test, Fires) {
  EXPECT_EQ(Hits(Dl3042(),
                 "FROM a:1\n"
                 "RUN pip install flask==2\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl3042(),
                 "FROM a:1\n"
                 "RUN python -m pip install x==1\n"),
            (Lines{2}));
}

TEST(DL3042Test, Clean) {
  EXPECT_EQ(Hits(Dl3042(),
                 "FROM a:1\n"
                 "RUN pip install --no-cache-dir flask==2\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3042(),
                 "FROM a:1\n"
                 "ENV PIP_NO_CACHE_DIR=1\n"
                 "RUN pip install flask==2\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3042(),
                 "FROM a:1\n"
                 "RUN --mount=type=cache,target=/root/.cache/pip pip install "
                 "flask==2\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
