#include "lint/finding.h"

#include <gtest/gtest.h>

namespace mybuild::lint {
namespace {

TEST(FindingTest, SeverityNamesRoundTrip) {
  for (Severity s : {Severity::kError, Severity::kWarning, Severity::kInfo,
                     Severity::kStyle, Severity::kIgnore}) {
    EXPECT_EQ(ParseSeverity(SeverityName(s)), s);
  }
  EXPECT_EQ(ParseSeverity("none"), Severity::kIgnore);
  EXPECT_EQ(ParseSeverity("Error"), std::nullopt);
  EXPECT_EQ(ParseSeverity(""), std::nullopt);
}

TEST(FindingTest, SortIsByLineThenColumnAndStable) {
  std::vector<Finding> f = {{"B", Severity::kInfo, "", 3, 1, ""},
                            {"A", Severity::kInfo, "", 1, 5, ""},
                            {"C", Severity::kInfo, "", 1, 1, ""},
                            {"D", Severity::kInfo, "", 3, 1, ""}};
  SortFindings(&f);
  std::string order;
  for (const Finding& x : f) order += x.code;
  EXPECT_EQ(order, "CABD");
}

}  // namespace
}  // namespace mybuild::lint
