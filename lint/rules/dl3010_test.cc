#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3010Test, Fires) {
  EXPECT_EQ(Hits(Dl3010(),
                 "FROM a:1\n"
                 "COPY app.tar.gz /tmp/\n"
                 "RUN tar -xzf /tmp/app.tar.gz -C /opt\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl3010(),
                 "FROM a:1\n"
                 "COPY x.tgz /\n"
                 "RUN tar xf /x.tgz\n"),
            (Lines{2}));
}

TEST(DL3010Test, Clean) {
  EXPECT_EQ(Hits(Dl3010(),
                 "FROM a:1\n"
                 "COPY app.tar.gz /srv/\n"
                 "RUN ls /srv\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3010(),
                 "FROM a:1\n"
                 "COPY app.tar.gz /tmp/\n"
                 "FROM b:1\n"
                 "RUN tar -xzf /tmp/app.tar.gz\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
