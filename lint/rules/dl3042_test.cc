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

// hadolint applies DL3042 to ONBUILD triggers (onbuild dl3042).
TEST(DL3042Test, Onbuild) {
  EXPECT_EQ(Described(Dl3042(),
                      "FROM a:1\n"
                      "ONBUILD RUN pip install --no-cache-dir a\n"
                      "ONBUILD RUN pip install b\n"),
            (std::vector<std::string>{
                "3 DL3042 Avoid use of cache directory with pip. Use `pip "
                "install --no-cache-dir <package>`"}));
}

}  // namespace
}  // namespace mybuild::lint::rules
