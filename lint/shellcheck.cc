#include "lint/shellcheck.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "lint/context.h"

namespace mybuild::lint {
namespace {

constexpr RuleInfo kInfo{"SC", Severity::kWarning,
                         "ShellCheck found a problem in a RUN script"};

// The shells ShellCheck understands, by the basename of SHELL's first word.
std::string ShellcheckDialect(const std::string& shell) {
  std::string first = shell.substr(0, shell.find(' '));
  std::string base = first.substr(first.find_last_of('/') + 1);
  for (const char* known : {"sh", "bash", "dash", "ksh", "ash", "busybox"}) {
    if (base == known) return base == "busybox" || base == "ash" ? "sh" : base;
  }
  return "";
}

struct Job {
  int line;
  std::string path;
};

// Names of the ARGs and ENVs declared before each RUN (hadolint also
// declares the proxy variables).
std::vector<std::string> DeclaredBefore(const LintContext& ctx, size_t stage,
                                        const frontend::Instruction* until) {
  std::set<std::string> names = {"HTTP_PROXY",  "http_proxy", "HTTPS_PROXY",
                                 "https_proxy", "FTP_PROXY",  "ftp_proxy",
                                 "NO_PROXY",    "no_proxy"};
  for (const frontend::Instruction& i :
       ctx.dockerfile().stages[stage].instructions) {
    if (&i == until) break;
    if (const auto* a = std::get_if<frontend::ArgInstruction>(&i)) {
      for (const frontend::ArgDecl& d : a->args) names.insert(d.name);
    } else if (const auto* e = std::get_if<frontend::EnvInstruction>(&i)) {
      for (const frontend::KeyValue& kv : e->vars) names.insert(kv.key);
    }
  }
  return std::vector<std::string>(names.begin(), names.end());
}

Severity LevelToSeverity(const std::string& level) {
  if (level == "error") return Severity::kError;
  if (level == "warning") return Severity::kWarning;
  if (level == "info") return Severity::kInfo;
  return Severity::kStyle;
}

}  // namespace

ShellCheckRule::ShellCheckRule(ProgramRunner runner,
                               std::function<void(const Status&)> on_error)
    : runner_(std::move(runner)), on_error_(std::move(on_error)) {}

const RuleInfo& ShellCheckRule::info() const { return kInfo; }

std::string ShellCheckRule::Script(const std::string& dialect,
                                   const std::vector<std::string>& names,
                                   const std::string& body) {
  std::string script = "#!/bin/" + dialect + "\n";
  for (const std::string& n : names) script += "export " + n + "=1\n";
  return script + body + "\n";
}

void ShellCheckRule::Check(const LintContext& ctx, Reporter& out) const {
  Expected<TempDir> dir = TempDir::Create();
  if (!dir.ok()) {
    on_error_(dir.status());
    return;
  }
  std::vector<Job> jobs;
  for (const Located& l : ctx.instructions()) {
    const auto* run = std::get_if<frontend::RunInstruction>(l.instruction);
    if (run == nullptr || run->json_form || ctx.Shell(*run) == nullptr)
      continue;
    std::string dialect = ShellcheckDialect(ctx.ShellName(*run));
    if (dialect.empty()) continue;
    std::string path =
        dir->path() + "/run" + std::to_string(jobs.size()) + ".sh";
    Status st = WriteFileAtomic(
        path, Script(dialect, DeclaredBefore(ctx, l.stage, l.instruction),
                     LintContext::ScriptOf(*run)));
    if (!st.ok()) {
      on_error_(st);
      return;
    }
    jobs.push_back(Job{run->range.start_line, path});
  }
  if (jobs.empty()) return;
  std::vector<std::string> argv = {"shellcheck", "--format=json1", "--norc",
                                   "--exclude=SC1090,SC1091,SC2187"};
  std::map<std::string, int> line_of;
  for (const Job& j : jobs) {
    argv.push_back(j.path);
    line_of[j.path] = j.line;
  }
  Expected<std::string> output = runner_(argv);
  if (!output.ok()) {
    on_error_(output.status());
    return;
  }
  nlohmann::json doc = nlohmann::json::parse(*output, nullptr, false);
  if (doc.is_discarded() || !doc.contains("comments")) {
    on_error_(IoError("shellcheck printed something that is not its JSON"));
    return;
  }
  // ShellCheck orders files as it likes: report in RUN order, then by the
  // comment's position in the script.
  struct Comment {
    int run_line, line, column;
    const nlohmann::json* json;
  };
  std::vector<Comment> comments;
  for (const nlohmann::json& c : doc["comments"]) {
    auto it = line_of.find(c.value("file", ""));
    if (it == line_of.end()) continue;
    comments.push_back(
        {it->second, c.value("line", 0), c.value("column", 0), &c});
  }
  std::stable_sort(comments.begin(), comments.end(),
                   [](const Comment& a, const Comment& b) {
                     return std::tie(a.run_line, a.line, a.column) <
                            std::tie(b.run_line, b.line, b.column);
                   });
  for (const Comment& c : comments) {
    out.ReportAs("SC" + std::to_string(c.json->value("code", 0)),
                 LevelToSeverity(c.json->value("level", "")), c.run_line,
                 c.json->value("message", ""));
  }
}

}  // namespace mybuild::lint
