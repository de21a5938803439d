#include "registry/credentials.h"

#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "base/fd.h"
#include "registry/base64.h"
#include "registry/credential_helper.h"

namespace mybuild::registry {
namespace {

Status BadFile(const std::string& source, const std::string& why) {
  return InvalidArgument("auth file \"" + source + "\": " + why);
}

Expected<Credentials> EntryCredentials(const nlohmann::json& entry,
                                       const std::string& source,
                                       const std::string& key) {
  Credentials c;
  if (entry.contains("auth") && entry["auth"].is_string() &&
      !entry["auth"].get<std::string>().empty()) {
    auto decoded = Base64Decode(entry["auth"].get<std::string>());
    size_t colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) {
      return BadFile(
          source, "auths[\"" + key + "\"].auth is not base64 of user:password");
    }
    c.username = decoded->substr(0, colon);
    c.password = decoded->substr(colon + 1);
    return c;
  }
  if (entry.contains("username") && entry["username"].is_string()) {
    c.username = entry["username"].get<std::string>();
    if (entry.contains("password") && entry["password"].is_string()) {
      c.password = entry["password"].get<std::string>();
    }
  }
  return c;
}

}  // namespace

std::string CanonicalRegistry(std::string_view key) {
  std::string s(key);
  if (size_t p = s.find("://"); p != std::string::npos) s = s.substr(p + 3);
  s = s.substr(0, s.find('/'));
  for (char& c : s) c = static_cast<char>(std::tolower(c));
  if (s == "index.docker.io" || s == "registry-1.docker.io") return "docker.io";
  return s;
}

std::vector<std::string> CredentialStore::DefaultFiles(
    const std::map<std::string, std::string>& env) {
  auto get = [&](const char* name) {
    auto it = env.find(name);
    return it == env.end() ? std::string() : it->second;
  };
  std::vector<std::string> files;
  if (!get("REGISTRY_AUTH_FILE").empty()) {
    files.push_back(get("REGISTRY_AUTH_FILE"));
  }
  if (!get("XDG_RUNTIME_DIR").empty()) {
    files.push_back(get("XDG_RUNTIME_DIR") + "/containers/auth.json");
  }
  if (!get("DOCKER_CONFIG").empty()) {
    files.push_back(get("DOCKER_CONFIG") + "/config.json");
  }
  if (!get("HOME").empty())
    files.push_back(get("HOME") + "/.docker/config.json");
  return files;
}

Expected<CredentialStore> CredentialStore::Load(
    const std::vector<std::string>& paths) {
  CredentialStore store;
  // Later files must not override earlier ones: read them last to first.
  for (auto it = paths.rbegin(); it != paths.rend(); ++it) {
    auto text = ReadFile(*it);
    if (!text.ok()) {
      if (access(it->c_str(), F_OK) != 0 && errno == ENOENT) continue;
      return text.status();
    }
    RETURN_IF_ERROR(store.AddFile(*text, *it));
  }
  return store;
}

Expected<CredentialStore> CredentialStore::LoadDefault() {
  std::map<std::string, std::string> env;
  for (const char* name : {"REGISTRY_AUTH_FILE", "XDG_RUNTIME_DIR", "DOCKER_CONFIG", "HOME"}) {
    if (const char* v = std::getenv(name)) env[name] = v;
  }
  return Load(DefaultFiles(env));
}

Status CredentialStore::AddFile(const std::string& text,
                                const std::string& source) {
  auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return BadFile(source, "not a JSON object");
  }
  // Files are added last to first: an earlier file's entries overwrite.
  if (json.contains("credsStore")) {
    if (!json["credsStore"].is_string()) return BadFile(source, "credsStore is not a string");
    if (!json["credsStore"].get<std::string>().empty()) {
      creds_store_ = json["credsStore"].get<std::string>();
    }
  }
  if (json.contains("credHelpers")) {
    if (!json["credHelpers"].is_object()) return BadFile(source, "credHelpers is not an object");
    for (const auto& [key, name] : json["credHelpers"].items()) {
      if (!name.is_string()) {
        return BadFile(source, "credHelpers[\"" + key + "\"] is not a string");
      }
      helpers_[CanonicalRegistry(key)] = name.get<std::string>();
    }
  }
  if (!json.contains("auths")) return Status::Ok();
  if (!json["auths"].is_object())
    return BadFile(source, "auths is not an object");
  for (const auto& [key, entry] : json["auths"].items()) {
    // Repository-scoped keys ("quay.io/team/app") of containers' auth.json
    // are not supported; they must not stand for the whole registry.
    bool has_scheme = key.find("://") != std::string::npos;
    if (!entry.is_object() || (!has_scheme && key.find('/') != key.npos)) {
      continue;
    }
    ASSIGN_OR_RETURN(Credentials c, EntryCredentials(entry, source, key));
    if (!c.username.empty()) Set(key, std::move(c));
  }
  return Status::Ok();
}

void CredentialStore::Set(const std::string& registry, Credentials c) {
  by_registry_[CanonicalRegistry(registry)] = std::move(c);
}

std::optional<Credentials> CredentialStore::Lookup(
    const std::string& registry) const {
  auto it = by_registry_.find(CanonicalRegistry(registry));
  if (it == by_registry_.end()) return std::nullopt;
  return it->second;
}

std::string CredentialStore::HelperFor(const std::string& registry) const {
  auto it = helpers_.find(CanonicalRegistry(registry));
  return it != helpers_.end() ? it->second : creds_store_;
}

Expected<std::optional<Credentials>> CredentialStore::Resolve(
    const std::string& registry) const {
  const std::string helper = HelperFor(registry);
  if (!helper.empty()) {
    // Docker Hub is known to helpers by its old index address.
    const std::string canonical = CanonicalRegistry(registry);
    const std::string server =
        canonical == "docker.io" ? "https://index.docker.io/v1/" : canonical;
    ASSIGN_OR_RETURN(std::optional<Credentials> found, RunCredentialHelper(helper, server));
    if (found) return found;
  }
  return Lookup(registry);
}

}  // namespace mybuild::registry
