#include "planner/build_args.h"

#include "frontend/shell/lexer.h"

namespace mybuild::planner {

bool IsProxyArg(const std::string& name) {
  static const char* const kProxy[] = {
      "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
      "FTP_PROXY",  "ftp_proxy",  "NO_PROXY",    "no_proxy",
      "ALL_PROXY",  "all_proxy"};
  for (const char* p : kProxy) {
    if (name == p) return true;
  }
  return false;
}

Expected<std::map<std::string, std::string>> GlobalArgs(
    const frontend::Dockerfile& df, const BuildRequest& r) {
  std::string variant = r.variant.empty() ? "" : "/" + r.variant;
  std::string platform = r.os + "/" + r.architecture + variant;
  std::map<std::string, std::string> args = {
      {"TARGETPLATFORM", platform}, {"TARGETOS", r.os},
      {"TARGETARCH", r.architecture}, {"TARGETVARIANT", r.variant},
      {"BUILDPLATFORM", platform}, {"BUILDOS", r.os},
      {"BUILDARCH", r.architecture}, {"BUILDVARIANT", r.variant}};
  frontend::shell::Lexer lexer(df.directives.escape);
  for (const frontend::ArgInstruction& a : df.global_args) {
    for (const frontend::ArgDecl& d : a.args) {
      auto given = r.build_args.find(d.name);
      if (given != r.build_args.end()) {
        args[d.name] = given->second;
      } else if (d.default_value) {
        std::vector<std::string> env;
        for (const auto& [k, v] : args) env.push_back(k + "=" + v);
        Expected<std::string> v = lexer.ProcessWord(
            *d.default_value, frontend::shell::Env::FromList(env));
        if (!v.ok()) {
          return InvalidArgument(r.filename + ":" +
                                 std::to_string(a.range.start_line) + ": " +
                                 v.status().message());
        }
        args[d.name] = *v;
      }
    }
  }
  return args;
}

std::vector<std::string> ProxyEnv(const BuildRequest& r) {
  std::vector<std::string> out;
  for (const auto& [k, v] : r.build_args) {
    if (IsProxyArg(k)) out.push_back(k + "=" + v);
  }
  return out;
}

}  // namespace mybuild::planner
