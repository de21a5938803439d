// Internal to oci/: libarchive converts names through the locale's charset
// (nl_langinfo(CODESET)). Under the "C" locale every non-ASCII name fails
// to convert, and the bytes written would depend on the user's LANG. While
// one of these is alive, the calling thread uses C.UTF-8 (uselocale), so
// layers are the same for everyone.
#pragma once

#include <locale.h>

namespace mybuild::oci::internal {

class Utf8LocaleScope {
 public:
  Utf8LocaleScope();
  ~Utf8LocaleScope();
  Utf8LocaleScope(const Utf8LocaleScope&) = delete;
  Utf8LocaleScope& operator=(const Utf8LocaleScope&) = delete;

 private:
  locale_t previous_ = nullptr;
};

}  // namespace mybuild::oci::internal
