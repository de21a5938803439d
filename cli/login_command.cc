// `mybuild login` and `mybuild logout`: credentials checked against the
// registry, then kept where Docker and podman look for them.
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/registry_session.h"
#include "registry/auth_file.h"
#include "registry/credential_helper.h"
#include "registry/credentials.h"

namespace mybuild::cli {
namespace {

// Where login writes: --authfile, else $REGISTRY_AUTH_FILE, else Docker's
// $DOCKER_CONFIG/config.json or ~/.docker/config.json.
std::string TargetFile(const RegistryFlags& f) {
  std::map<std::string, std::string> env =
      registry::CredentialStore::Environment();
  if (!f.authfile.empty()) return f.authfile;
  if (!env["REGISTRY_AUTH_FILE"].empty()) return env["REGISTRY_AUTH_FILE"];
  if (!env["DOCKER_CONFIG"].empty())
    return env["DOCKER_CONFIG"] + "/config.json";
  return env["HOME"] + "/.docker/config.json";
}

// The address a helper knows the registry by.
std::string HelperServer(const std::string& canonical) {
  return canonical == "docker.io" ? "https://index.docker.io/v1/" : canonical;
}

// The helper the target file names for `canonical` ("" for none).
Expected<std::string> HelperIn(const std::string& file,
                               const std::string& canonical) {
  std::optional<registry::AuthFile> f = registry::ReadAuthFile(file);
  if (!f) return std::string();
  if (!f->broken.ok()) return f->broken;
  auto it = f->helpers.find(canonical);
  return it != f->helpers.end() ? it->second : f->creds_store;
}

Expected<std::string> ReadPassword(const LoginFlags& l, std::istream& in) {
  if (!l.password_stdin) return l.password;
  std::string password((std::istreambuf_iterator<char>(in)),
                       std::istreambuf_iterator<char>());
  while (!password.empty() &&
         (password.back() == '\n' || password.back() == '\r')) {
    password.pop_back();
  }
  if (password.empty())
    return InvalidArgument("usage: --password-stdin read an empty password");
  return password;
}

Status Login(const CommandLine& cl, std::istream& in) {
  const std::string host = registry::CanonicalRegistry(cl.login.registry);
  ASSIGN_OR_RETURN(std::string password, ReadPassword(cl.login, in));
  registry::Credentials login(cl.login.username, password, "",
                              "the user name and password given");
  ASSIGN_OR_RETURN(
      std::unique_ptr<RegistrySession> session,
      RegistrySession::Create(cache::StorePaths(cl.root), cl.registry));
  RETURN_IF_ERROR(session->CheckLogin(host, login));
  const std::string file = TargetFile(cl.registry);
  ASSIGN_OR_RETURN(std::string helper, HelperIn(file, host));
  if (!helper.empty())
    return registry::StoreInCredentialHelper(helper, HelperServer(host), login);
  return registry::SaveLogin(file, host, login);
}

Expected<bool> Logout(const CommandLine& cl) {
  const std::string host = registry::CanonicalRegistry(cl.login.registry);
  const std::string file = TargetFile(cl.registry);
  ASSIGN_OR_RETURN(std::string helper, HelperIn(file, host));
  bool removed = false;
  if (!helper.empty()) {
    ASSIGN_OR_RETURN(removed, registry::EraseFromCredentialHelper(
                                  helper, HelperServer(host)));
  }
  ASSIGN_OR_RETURN(bool in_file, registry::RemoveLogin(file, host));
  return removed || in_file;
}

}  // namespace

int RunLogin(const CommandLine& cl, std::istream& in, std::ostream& out,
             std::ostream& err) {
  Status st = Login(cl, in);
  if (!st.ok()) return Fail(err, st);
  out << "Login Succeeded\n";
  return kExitOk;
}

int RunLogout(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  const std::string host = registry::CanonicalRegistry(cl.login.registry);
  Expected<bool> removed = Logout(cl);
  if (!removed.ok()) return Fail(err, removed.status());
  if (!*removed) {
    return Fail(err, NotFound("not logged in to " + host + " (" +
                              TargetFile(cl.registry) + ")"));
  }
  out << "Removed login credentials for " << host << "\n";
  return kExitOk;
}

}  // namespace mybuild::cli
