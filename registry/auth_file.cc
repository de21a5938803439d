#include "registry/auth_file.h"

#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <nlohmann/json.hpp>

#include "base/fd.h"
#include "registry/base64.h"

namespace mybuild::registry {
namespace {

using nlohmann::json;

Status BadFile(const std::string& path, const std::string& why) {
  return InvalidArgument("auth file \"" + path + "\": " + why);
}

std::string StringField(const json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

Expected<Credentials> EntryCredentials(const json& entry,
                                       const std::string& path,
                                       const std::string& key) {
  Credentials c;
  c.identity_token = StringField(entry, "identitytoken");
  c.source = "auth file \"" + path + "\" key \"" + key + "\"";
  std::string auth = StringField(entry, "auth");
  if (!auth.empty()) {
    auto decoded = Base64Decode(auth);
    size_t colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) {
      return BadFile(
          path, "auths[\"" + key + "\"].auth is not base64 of user:password");
    }
    c.username = decoded->substr(0, colon);
    c.password = decoded->substr(colon + 1);
    return c;
  }
  c.username = StringField(entry, "username");
  c.password = StringField(entry, "password");
  return c;
}

Status ParseInto(const std::string& text, AuthFile* f) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return BadFile(f->path, "not a JSON object");
  if (j.contains("credsStore")) {
    if (!j["credsStore"].is_string())
      return BadFile(f->path, "credsStore is not a string");
    f->creds_store = j["credsStore"].get<std::string>();
  }
  if (j.contains("credHelpers")) {
    if (!j["credHelpers"].is_object())
      return BadFile(f->path, "credHelpers is not an object");
    for (const auto& [key, name] : j["credHelpers"].items()) {
      if (!name.is_string()) {
        return BadFile(f->path, "credHelpers[\"" + key + "\"] is not a string");
      }
      f->helpers[CanonicalRegistry(key)] = name.get<std::string>();
    }
  }
  if (!j.contains("auths")) return Status::Ok();
  if (!j["auths"].is_object())
    return BadFile(f->path, "auths is not an object");
  for (const auto& [key, entry] : j["auths"].items()) {
    // Repository-scoped keys ("quay.io/team/app") of containers' auth.json
    // must not stand for the whole registry.
    bool has_scheme = key.find("://") != std::string::npos;
    if (!entry.is_object() || (!has_scheme && key.find('/') != key.npos))
      continue;
    ASSIGN_OR_RETURN(Credentials c, EntryCredentials(entry, f->path, key));
    if (c.username.empty() && c.identity_token.empty()) continue;
    f->auths.emplace(CanonicalRegistry(key), std::move(c));  // first key wins
  }
  return Status::Ok();
}

// The file's JSON for editing: {} when it does not exist.
Expected<json> ReadForEdit(const std::string& path) {
  if (::access(path.c_str(), F_OK) != 0 && errno == ENOENT)
    return json::object();
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return BadFile(path, "not a JSON object");
  if (j.contains("auths") && !j["auths"].is_object()) {
    return BadFile(path, "auths is not an object");
  }
  return j;
}

// Drops every auths key naming `registry`; true when one was there.
bool EraseKeys(json& j, const std::string& registry) {
  if (!j.contains("auths")) return false;
  std::vector<std::string> gone;
  for (const auto& [key, entry] : j["auths"].items()) {
    if (CanonicalRegistry(key) == CanonicalRegistry(registry))
      gone.push_back(key);
  }
  for (const std::string& key : gone) j["auths"].erase(key);
  return !gone.empty();
}

Status WriteBack(const std::string& path, const json& j) {
  size_t slash = path.rfind('/');
  if (slash != std::string::npos && slash > 0)
    RETURN_IF_ERROR(MakeDirs(path.substr(0, slash)));
  return WriteFileAtomic(path, j.dump(1, '\t') + "\n", 0600);
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

AuthFile ParseAuthFile(const std::string& text, const std::string& path) {
  AuthFile f;
  f.path = path;
  Status st = ParseInto(text, &f);
  if (!st.ok()) {
    f = AuthFile();
    f.path = path;
    f.broken = st;
  }
  return f;
}

std::optional<AuthFile> ReadAuthFile(const std::string& path) {
  Expected<std::string> text = ReadFile(path);
  if (text.ok()) return ParseAuthFile(*text, path);
  if (::access(path.c_str(), F_OK) != 0 && errno == ENOENT) return std::nullopt;
  AuthFile f;
  f.path = path;
  f.broken = BadFile(path, text.status().message());
  return f;
}

Status SaveLogin(const std::string& path, const std::string& registry,
                 const Credentials& login) {
  ASSIGN_OR_RETURN(json j, ReadForEdit(path));
  EraseKeys(j, registry);
  std::string key = CanonicalRegistry(registry) == "docker.io"
                        ? "https://index.docker.io/v1/"
                        : registry;
  j["auths"][key] = {
      {"auth", Base64Encode(login.username + ":" + login.password)}};
  return WriteBack(path, j);
}

Expected<bool> RemoveLogin(const std::string& path,
                           const std::string& registry) {
  if (::access(path.c_str(), F_OK) != 0 && errno == ENOENT) return false;
  ASSIGN_OR_RETURN(json j, ReadForEdit(path));
  if (!EraseKeys(j, registry)) return false;
  RETURN_IF_ERROR(WriteBack(path, j));
  return true;
}

}  // namespace mybuild::registry
