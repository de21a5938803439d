// libarchive's message for the last error on `a`. archive_error_string()
// is null when libarchive failed without setting one (e.g. a gzip stream
// cut short while opening), and a null char* must never reach a
// std::string.
#pragma once

#include <archive.h>

#include <string>

namespace mybuild::oci {

inline std::string ArchiveErrorString(struct archive* a) {
  const char* s = a ? archive_error_string(a) : nullptr;
  if (s) return s;
  int err = a ? archive_errno(a) : 0;
  return err > 0 ? "libarchive error " + std::to_string(err)
                 : "unknown libarchive error";
}

}  // namespace mybuild::oci
