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

TEST(DL3002Test, Fires) {
  EXPECT_EQ(Hits(Dl3002(),
                 "FROM a:1\n"
                 "USER root\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl3002(),
                 "FROM a:1\n"
                 "USER app\n"
                 "USER 0:0\n"),
            (Lines{3}));
}

TEST(DL3002Test, Clean) {
  EXPECT_EQ(Hits(Dl3002(),
                 "FROM a:1\n"
                 "USER root\n"
                 "RUN x\n"
                 "USER app\n"),
            (Lines{}));
}

// hadolint's DL3002.hs reports the last USER of every stage that ends as
// root ("warns on multiple stages" in its DL3002Spec.hs).
TEST(DL3002Test, EveryStage) {
  EXPECT_EQ(
      Described(Dl3002(),
                "FROM a:1 AS base\n"
                "USER root\n"
                "RUN x\n"
                "FROM b:1 AS mid\n"
                "USER root\n"
                "USER app\n"
                "FROM scratch\n"
                "USER 0:0\n"),
      (std::vector<std::string>{"2 DL3002 Last USER should not be root",
                                "8 DL3002 Last USER should not be root"}));
}

}  // namespace
}  // namespace mybuild::lint::rules
