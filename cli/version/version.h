// What `mybuild version` prints: the version, the commit it was built from
// and the versions of the libraries it uses.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mybuild::cli {

// "mybuild 0.1.0".
const char* Version();

// The commit (40 hex digits) of a --config=release build; "unknown" when that
// was built outside a git tree; "unknown (development build)" otherwise.
const char* BuildCommit();

// {name, version} of every library, in a fixed order: the version the
// running library reports when it can (libarchive, OpenSSL, libcurl, zlib,
// libzstd, libseccomp; yaml-cpp from the file name of the loaded library),
// else the headers' (nlohmann/json, fmt). "unknown" when neither says.
std::vector<std::pair<std::string, std::string>> LibraryVersions();

// The whole report:
//   mybuild 0.1.0
//   commit: 0123...
//   libarchive: 3.6.2
//   ...
std::string VersionReport();

}  // namespace mybuild::cli
