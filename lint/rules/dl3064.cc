// DL3064 (warning): Potentially sensitive data should not be used in the `ARG`
// or `ENV` commands

#include <cctype>
#include <set>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

const std::set<std::string>& KnownNames() {
  static const std::set<std::string> kNames = {"ACCESS_TOKEN",
                                               "APPLICATION_KEY",
                                               "APP_SECRET",
                                               "AUTH_TOKEN",
                                               "AWS_ACCESS_KEY_ID",
                                               "AWS_SECRET_ACCESS_KEY",
                                               "BITTREX_API_KEY",
                                               "BITTREX_API_SECRET",
                                               "CF_PASSWORD",
                                               "CF_USERNAME",
                                               "CIRCLE_TOKEN",
                                               "CI_DEPLOY_PASSWORD",
                                               "CI_DEPLOY_USER",
                                               "DOCKERHUB_PASSWORD",
                                               "DOCKER_EMAIL",
                                               "DOCKER_PASSWORD",
                                               "DOCKER_USERNAME",
                                               "FACEBOOK_ACCESS_TOKEN",
                                               "FACEBOOK_APP_ID",
                                               "FACEBOOK_APP_SECRET",
                                               "FIREBASE_API_TOKEN",
                                               "FIREBASE_TOKEN",
                                               "FOSSA_API_KEY",
                                               "GH_ENTERPRISE_TOKEN",
                                               "GH_TOKEN",
                                               "GITHUB_ENTERPRISE_TOKEN",
                                               "GITHUB_TOKEN",
                                               "HEROKU_API_KEY",
                                               "HEROKU_API_USER",
                                               "NPM_AUTH_TOKEN",
                                               "NPM_TOKEN",
                                               "OKTA_AUTHN_GROUPID",
                                               "OKTA_CLIENT_ORGURL",
                                               "OKTA_CLIENT_TOKEN",
                                               "OKTA_OAUTH2_CLIENTID",
                                               "OKTA_OAUTH2_CLIENTSECRET",
                                               "OPENAI_API_KEY",
                                               "OS_PASSWORD",
                                               "OS_USERNAME",
                                               "POSTGRES_PASSWORD",
                                               "SLACK_TOKEN",
                                               "STRIPE_API_KEY",
                                               "STRIPE_DEVICE_NAME",
                                               "TRAVIS_OS_NAME",
                                               "TRAVIS_SECURE_ENV_VARS",
                                               "TRAVIS_SUDO",
                                               "VAULT_CLIENT_KEY",
                                               "VAULT_TOKEN"};
  return kNames;
}

void Check(const LintContext& ctx, Reporter& out) {
  auto sensitive = [](std::string name) {
    std::string upper = name, lower = name;
    for (char& c : upper)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (char& c : lower)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (KnownNames().count(upper)) return true;
    for (const char* s : {"api_key", "client_key", "password", "private",
                          "secret", "token", "username"}) {
      if (lower.find(s) != std::string::npos) return true;
    }
    return false;
  };
  auto check_arg = [&](const frontend::ArgInstruction& a) {
    for (const frontend::ArgDecl& d : a.args) {
      if (sensitive(d.name)) {
        out.Report(a.range.start_line);
        return;
      }
    }
  };
  for (const frontend::ArgInstruction& a : ctx.dockerfile().global_args)
    check_arg(a);
  auto check_env = [&](const frontend::EnvInstruction& e, int line) {
    for (const frontend::KeyValue& kv : e.vars) {
      if (sensitive(kv.key)) {
        out.Report(line);
        return;
      }
    }
  };
  for (const Located& l : ctx.instructions()) {
    if (const auto* a = std::get_if<frontend::ArgInstruction>(l.instruction)) {
      check_arg(*a);
    } else if (const auto* e =
                   std::get_if<frontend::EnvInstruction>(l.instruction)) {
      check_env(*e, e->range.start_line);
    }
  }
  // hadolint's src/Hadolint/Rule/DL3064.hs is `dl3064 <> onbuild dl3064`:
  // an ONBUILD ENV or ARG trigger is checked too, at the ONBUILD's line.
  ForEach<frontend::OnbuildInstruction>(
      ctx, [&](const frontend::OnbuildInstruction& ob, size_t) {
        if (ob.trigger != "ENV" && ob.trigger != "ARG") return;
        Expected<frontend::Instruction> t =
            frontend::ParseOnbuildTrigger(ob.expression);
        if (!t.ok()) return;
        int line = ob.range.start_line;
        if (const auto* e = std::get_if<frontend::EnvInstruction>(&*t)) {
          check_env(*e, line);
        } else if (const auto* a = std::get_if<frontend::ArgInstruction>(&*t)) {
          for (const frontend::ArgDecl& d : a->args) {
            if (sensitive(d.name)) {
              out.Report(line);
              return;
            }
          }
        }
      });
}

}  // namespace

const Rule& Dl3064() {
  static const FnRule rule({"DL3064", Severity::kWarning,
                            "Potentially sensitive data should not be used in "
                            "the `ARG` or `ENV` commands"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
