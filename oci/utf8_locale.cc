#include "oci/utf8_locale.h"

namespace mybuild::oci::internal {
namespace {

// Made once and kept: freeing it while another thread uses it is unsafe.
locale_t Utf8() {
  static locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
  return loc;
}

}  // namespace

Utf8LocaleScope::Utf8LocaleScope() {
  if (locale_t loc = Utf8()) previous_ = uselocale(loc);
}

Utf8LocaleScope::~Utf8LocaleScope() {
  if (previous_) uselocale(previous_);
}

}  // namespace mybuild::oci::internal
