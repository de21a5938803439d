// Code Climate issues, and GitLab's Code Quality variant with fingerprints.
#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include "lint/format/formats.h"

namespace mybuild::lint::format {
namespace {

std::string_view CodeclimateSeverity(Severity s) {
  switch (s) {
    case Severity::kError:
      return "blocker";
    case Severity::kWarning:
      return "major";
    case Severity::kInfo:
      return "info";
    case Severity::kStyle:
      return "minor";
    case Severity::kIgnore:
      return "";
  }
  return "";
}

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<nlohmann::json> Issues(const Reports& reports,
                                   const ReportOptions& o) {
  std::vector<nlohmann::json> issues;
  for (const FileReport& r : reports) {
    const std::string& path = ReportedPath(r, o);
    for (const Finding& f : AllFindings(r)) {
      nlohmann::json location = {{"path", path}};
      if (f.code == "DL1000") {  // a parse error has a column
        nlohmann::json pos = {{"line", f.line}, {"column", f.column}};
        location["positions"] = {{"begin", pos}, {"end", pos}};
      } else {
        location["lines"] = {{"begin", f.line}, {"end", f.line}};
      }
      issues.push_back({{"type", "issue"},
                        {"check_name", f.code},
                        {"description", f.message},
                        {"categories", {"Bug Risk"}},
                        {"location", location},
                        {"severity", CodeclimateSeverity(f.severity)}});
    }
  }
  return issues;
}

std::string Sha1Hex(const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha1(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

}  // namespace

void WriteCodeclimate(const Reports& reports, const ReportOptions& o,
                      std::ostream& out) {
  for (const nlohmann::json& issue : Issues(reports, o)) {
    out << Dump(issue) << '\0';
  }
}

void WriteGitlabCodeclimate(const Reports& reports, const ReportOptions& o,
                            std::ostream& out) {
  nlohmann::json all = nlohmann::json::array();
  for (nlohmann::json& issue : Issues(reports, o)) {
    std::string fingerprint = Sha1Hex(Dump(issue));
    issue["fingerprint"] = fingerprint;
    all.push_back(std::move(issue));
  }
  out << Dump(all) << '\n';
}

}  // namespace mybuild::lint::format
