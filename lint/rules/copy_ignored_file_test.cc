#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(CopyIgnoredFileTest, Fires) {
  EXPECT_EQ(Hits(CopyIgnoredFile(),
                 "FROM a:1\n"
                 "COPY secret.txt app.py /app/\n"
                 "ADD logs/x.log /l\n"
                 "COPY ./build/out /o\n",
                 [] {
                   static const auto m = *frontend::ignore::Matcher::Create(
                       {"secret.txt", "**/*.log", "build"});
                   return RuleOptions{{}, {}, false, &m};
                 }()),
            (Lines{2, 3, 4}));
}

TEST(CopyIgnoredFileTest, Clean) {
  EXPECT_EQ(Hits(CopyIgnoredFile(),
                 "FROM a:1 AS b\n"
                 "COPY app.py src /app/\n"
                 "FROM c:1\n"
                 "COPY --from=b secret.txt /x\n"
                 "COPY *.txt /y/\n",
                 [] {
                   static const auto m = *frontend::ignore::Matcher::Create(
                       {"secret.txt", "**/*.log", "build"});
                   return RuleOptions{{}, {}, false, &m};
                 }()),
            (Lines{}));
  EXPECT_EQ(Hits(CopyIgnoredFile(),
                 "FROM a:1\n"
                 "COPY secret.txt /x\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
