#include "registry/credentials.h"

#include <cstdlib>

#include "registry/credential_helper.h"

namespace mybuild::registry {

std::vector<std::string> CredentialStore::DefaultFiles(
    const std::map<std::string, std::string>& env, const std::string& authfile) {
  auto get = [&](const char* name) {
    auto it = env.find(name);
    return it == env.end() ? std::string() : it->second;
  };
  std::vector<std::string> files;
  std::string first = authfile.empty() ? get("REGISTRY_AUTH_FILE") : authfile;
  if (!first.empty()) files.push_back(first);
  if (!get("XDG_RUNTIME_DIR").empty()) {
    files.push_back(get("XDG_RUNTIME_DIR") + "/containers/auth.json");
  }
  if (!get("DOCKER_CONFIG").empty()) files.push_back(get("DOCKER_CONFIG") + "/config.json");
  if (!get("HOME").empty()) files.push_back(get("HOME") + "/.docker/config.json");
  return files;
}

CredentialStore CredentialStore::Load(const std::vector<std::string>& paths) {
  CredentialStore store;
  store.looked_for_ = paths;
  for (const std::string& path : paths) {
    if (std::optional<AuthFile> f = ReadAuthFile(path)) store.files_.push_back(std::move(*f));
  }
  return store;
}

std::map<std::string, std::string> CredentialStore::Environment() {
  std::map<std::string, std::string> env;
  for (const char* name : {"REGISTRY_AUTH_FILE", "XDG_RUNTIME_DIR", "DOCKER_CONFIG", "HOME"}) {
    if (const char* v = std::getenv(name)) env[name] = v;
  }
  return env;
}

CredentialStore CredentialStore::LoadDefault(const std::string& authfile) {
  return Load(DefaultFiles(Environment(), authfile));
}

Status CredentialStore::AddFile(const std::string& text, const std::string& source) {
  looked_for_.push_back(source);
  files_.push_back(ParseAuthFile(text, source));
  return files_.back().broken;
}

std::optional<Credentials> CredentialStore::Lookup(const std::string& registry) const {
  const std::string name = CanonicalRegistry(registry);
  for (const AuthFile& f : files_) {
    auto it = f.auths.find(name);
    if (it != f.auths.end()) return it->second;
  }
  return std::nullopt;
}

namespace {

std::string FileHelper(const AuthFile& f, const std::string& canonical) {
  auto it = f.helpers.find(canonical);
  return it != f.helpers.end() ? it->second : f.creds_store;
}

}  // namespace

std::string CredentialStore::HelperFor(const std::string& registry) const {
  const std::string name = CanonicalRegistry(registry);
  for (const AuthFile& f : files_) {
    if (std::string h = FileHelper(f, name); !h.empty()) return h;
  }
  return "";
}

Expected<std::optional<Credentials>> CredentialStore::Resolve(
    const std::string& registry) const {
  const std::string name = CanonicalRegistry(registry);
  // Docker Hub is known to helpers by its old index address.
  const std::string server = name == "docker.io" ? "https://index.docker.io/v1/" : name;
  for (const AuthFile& f : files_) {
    if (!f.broken.ok()) return f.broken;
    if (std::string helper = FileHelper(f, name); !helper.empty()) {
      ASSIGN_OR_RETURN(std::optional<Credentials> found, RunCredentialHelper(helper, server));
      if (found) return found;
    }
    auto it = f.auths.find(name);
    if (it != f.auths.end()) return std::optional<Credentials>(it->second);
  }
  return std::optional<Credentials>();
}

std::string CredentialStore::Searched() const {
  std::string out;
  for (const std::string& path : looked_for_) out += (out.empty() ? "" : ", ") + path;
  return out.empty() ? "none" : out;
}

}  // namespace mybuild::registry
