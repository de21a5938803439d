#include "lint/catalogue.h"

#include <gtest/gtest.h>

#include <set>

namespace mybuild::lint {
namespace {

TEST(CatalogueTest, CodesAreUniqueAndFindable) {
  std::set<std::string_view> codes;
  for (const Rule* r : Catalogue()) {
    EXPECT_TRUE(codes.insert(r->info().code).second) << r->info().code;
    EXPECT_EQ(FindRule(r->info().code), r);
    EXPECT_FALSE(r->info().message.empty()) << r->info().code;
  }
  EXPECT_EQ(FindRule("DL9999"), nullptr);
}

TEST(CatalogueTest, HadolintDefaultSeverities) {
  struct Want {
    const char* code;
    Severity severity;
  };
  for (Want w : {Want{"DL1001", Severity::kIgnore},
                 {"DL3000", Severity::kError},
                 {"DL3001", Severity::kInfo},
                 {"DL3008", Severity::kWarning},
                 {"DL3020", Severity::kError},
                 {"DL3025", Severity::kWarning},
                 {"DL3027", Severity::kWarning},
                 {"DL3048", Severity::kStyle},
                 {"DL3057", Severity::kIgnore},
                 {"DL3059", Severity::kInfo},
                 {"DL4000", Severity::kError},
                 {"DL4006", Severity::kWarning}}) {
    const Rule* r = FindRule(w.code);
    ASSERT_NE(r, nullptr) << w.code;
    EXPECT_EQ(r->info().severity, w.severity) << w.code;
  }
}

TEST(CatalogueTest, HasTheBuildkitChecks) {
  for (const char* code : {"UndefinedVar", "WorkdirRelativePath",
                           "FromAsCasing", "ConsistentInstructionCasing",
                           "NoEmptyContinuation", "InvalidDefaultArgInFrom"}) {
    EXPECT_NE(FindRule(code), nullptr) << code;
  }
}

}  // namespace
}  // namespace mybuild::lint
