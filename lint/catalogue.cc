#include "lint/catalogue.h"

#include "lint/rules/rules.h"

namespace mybuild::lint {

const std::vector<const Rule*>& Catalogue() {
  static const std::vector<const Rule*> kRules = {
#include "lint/rules/catalogue.inc"
  };
  return kRules;
}

const Rule* FindRule(std::string_view code) {
  for (const Rule* r : Catalogue()) {
    if (r->info().code == code) return r;
  }
  return nullptr;
}

}  // namespace mybuild::lint
