#include "planner/build_args.h"

#include "frontend/shell/lexer.h"
#include "planner/stage_scope.h"

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

std::string PlatformText(const std::string& os, const std::string& architecture,
                         const std::string& variant) {
  return os + "/" + architecture + (variant.empty() ? "" : "/" + variant);
}

Expected<std::map<std::string, std::string>> GlobalArgs(
    const frontend::Dockerfile& df, const BuildRequest& r) {
  std::map<std::string, std::string> args = {
      {"TARGETPLATFORM", PlatformText(r.os, r.architecture, r.variant)},
      {"TARGETOS", r.os}, {"TARGETARCH", r.architecture}, {"TARGETVARIANT", r.variant},
      {"BUILDPLATFORM", PlatformText(r.build_os, r.build_architecture, r.build_variant)},
      {"BUILDOS", r.build_os}, {"BUILDARCH", r.build_architecture},
      {"BUILDVARIANT", r.build_variant}};
  frontend::shell::Lexer lexer(df.directives.escape);
  // Looked up in place, not copied for every ARG.
  const frontend::shell::Env env = frontend::shell::Env::FromFunction(
      [&args](std::string_view name) -> std::optional<std::string> {
        auto it = args.find(std::string(name));
        if (it == args.end()) return std::nullopt;
        return it->second;
      });
  size_t bytes = 0;
  for (const auto& [k, v] : args) bytes += k.size() + 1 + v.size();
  for (const frontend::ArgInstruction& a : df.global_args) {
    auto fail = [&](const std::string& message) {
      return InvalidArgument(r.filename + ":" + std::to_string(a.range.start_line) +
                             ": " + message);
    };
    for (const frontend::ArgDecl& d : a.args) {
      std::string value;
      auto given = r.build_args.find(d.name);
      if (given != r.build_args.end()) {
        value = given->second;
      } else if (d.default_value) {
        Expected<std::string> v = lexer.ProcessWord(*d.default_value, env);
        if (!v.ok()) return fail(v.status().message());
        value = std::move(*v);
      } else {
        continue;
      }
      auto old = args.find(d.name);
      bytes -= old == args.end() ? 0 : d.name.size() + 1 + old->second.size();
      bytes += d.name.size() + 1 + value.size();
      if (bytes > StageScope::kMaxEnvBytes) {
        return fail("ARG " + d.name + ": the global variables would be over 16 MiB");
      }
      args[d.name] = std::move(value);
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
