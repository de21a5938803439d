#include "registry/registry_error.h"

#include <cctype>
#include <nlohmann/json.hpp>

namespace mybuild::registry {
namespace {

std::string Reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 416:
      return "Range Not Satisfiable";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

std::string CodeWords(std::string code) {
  for (char& c : code) {
    c = c == '_' ? ' ' : static_cast<char>(std::tolower(c));
  }
  return code;
}

std::string StringField(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

// "<code>: <message>; ..." from a registry's "errors" array, or "".
std::string FromErrorsArray(const nlohmann::json& errors) {
  std::string out;
  for (const auto& e : errors) {
    if (!e.is_object()) continue;
    std::string code = CodeWords(StringField(e, "code"));
    std::string message = StringField(e, "message");
    std::string one = code.empty()      ? message
                      : message.empty() ? code
                                        : code + ": " + message;
    if (one.empty()) continue;
    if (!out.empty()) out += "; ";
    out += one;
  }
  return out;
}

}  // namespace

std::string Described(const HttpResponse& response);

std::string DescribeError(const HttpResponse& response) {
  std::string attempts = response.headers.Get("X-Mybuild-Attempts");
  return Described(response) +
         (attempts.empty() ? "" : " (after " + attempts + " attempts)");
}

std::string Described(const HttpResponse& response) {
  auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (json.is_object()) {
    auto errors = json.find("errors");
    if (errors != json.end() && errors->is_array()) {
      std::string text = FromErrorsArray(*errors);
      if (!text.empty()) return text;
    }
    std::string details = StringField(json, "details");
    if (!details.empty()) return details;
  }
  // HEAD answers carry no body; say what a registry's 401 body would.
  if (response.status == 401) return "unauthorized: authentication required";
  std::string reason = Reason(response.status);
  return "HTTP " + std::to_string(response.status) +
         (reason.empty() ? "" : " " + reason);
}

Status ErrorFromResponse(const HttpResponse& response) {
  std::string message = DescribeError(response);
  if (response.status == 404) return NotFound(message);
  if (response.status == 429 || response.status >= 500) {
    return Unavailable(message);
  }
  if (response.status == 401 || response.status == 403) {
    return Status(ErrorCode::kUnauthenticated, message);
  }
  return InvalidArgument(message);
}

}  // namespace mybuild::registry
