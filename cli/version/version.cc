#include "cli/version/version.h"

#include <archive.h>
#include <curl/curl.h>
#include <fmt/format.h>
#include <link.h>
#include <openssl/crypto.h>
#include <seccomp.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "cli/version/build_commit.h"

namespace mybuild::cli {
namespace {

// "0.7.0" from the real file of the loaded libyaml-cpp.so.* (the library
// has no version call).
std::string YamlCppVersion() {
  YAML::Node keep_linked;  // the library is loaded because this uses it
  (void)keep_linked;
  std::string path;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) {
        std::string name = info->dlpi_name ? info->dlpi_name : "";
        if (name.find("libyaml-cpp.so") == std::string::npos) return 0;
        *static_cast<std::string*>(data) = name;
        return 1;
      },
      &path);
  if (path.empty()) return "unknown";
  std::error_code ec;
  std::string file = std::filesystem::canonical(path, ec).filename().string();
  if (ec) file = std::filesystem::path(path).filename().string();
  const std::string prefix = "libyaml-cpp.so.";
  return file.rfind(prefix, 0) == 0 && file.size() > prefix.size() ? file.substr(prefix.size())
                                                                    : "unknown";
}

// "OpenSSL 3.0.11 19 Sep 2023" -> "3.0.11".
std::string OpenSslVersion() {
  std::string s = OpenSSL_version(OPENSSL_VERSION);
  size_t start = s.find(' ');
  if (start == std::string::npos) return s;
  size_t end = s.find(' ', start + 1);
  return s.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
}

}  // namespace

const char* Version() { return "mybuild 0.1.0"; }

const char* BuildCommit() { return MYBUILD_GIT_COMMIT; }

std::vector<std::pair<std::string, std::string>> LibraryVersions() {
  const scmp_version* seccomp = seccomp_version();
  return {
      {"libarchive", archive_version_string() + std::string_view("libarchive ").size()},
      {"OpenSSL", OpenSslVersion()},
      {"libcurl", curl_version_info(CURLVERSION_NOW)->version},
      {"zlib", zlibVersion()},
      {"libzstd", ZSTD_versionString()},
      {"libseccomp", seccomp ? fmt::format("{}.{}.{}", seccomp->major, seccomp->minor,
                                           seccomp->micro)
                             : "unknown"},
      {"yaml-cpp", YamlCppVersion()},
      {"nlohmann/json", fmt::format("{}.{}.{}", NLOHMANN_JSON_VERSION_MAJOR,
                                    NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH)},
      {"fmt", fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100,
                          FMT_VERSION % 100)},
  };
}

std::string VersionReport() {
  std::string out = std::string(Version()) + "\ncommit: " + BuildCommit() + "\n";
  for (const auto& [name, version] : LibraryVersions()) out += name + ": " + version + "\n";
  return out;
}

}  // namespace mybuild::cli
