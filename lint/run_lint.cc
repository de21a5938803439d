#include "lint/run_lint.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>

#include "base/fd.h"
#include "frontend/dockerfile_reader.h"
#include "frontend/ignore/reader.h"
#include "lint/catalogue.h"
#include "lint/format/formats.h"
#include "lint/linter.h"

namespace mybuild::lint {
namespace {

constexpr const char* kVersion = "mybuild lint 0.1.0 (hadolint-compatible)";

struct Flags {
  std::string config_file;
  std::string format;
  std::string threshold;
  std::string file_path_in_report;
  std::vector<std::string> ignore, error, warning, info, style, registries,
      labels, files;
  bool no_fail = false, no_color = false, strict_labels = false,
       disable_ignore_pragma = false, verbose = false, version = false;
};

void DefineFlags(CLI::App* app, Flags* f) {
  app->add_option("-c,--config", f->config_file,
                  "Path to the configuration file");
  app->add_option("-f,--format", f->format, "The output format for the results")
      ->check(CLI::IsMember(FormatNames()));
  app->add_option("--ignore", f->ignore, "A rule to ignore")
      ->allow_extra_args(false);
  app->add_option("--error", f->error, "Make the rule have the level error")
      ->allow_extra_args(false);
  app->add_option("--warning", f->warning,
                  "Make the rule have the level warning")
      ->allow_extra_args(false);
  app->add_option("--info", f->info, "Make the rule have the level info")
      ->allow_extra_args(false);
  app->add_option("--style", f->style, "Make the rule have the level style")
      ->allow_extra_args(false);
  app->add_option("--trusted-registry", f->registries,
                  "A docker registry to allow in FROM instructions")
      ->allow_extra_args(false);
  app->add_option("--require-label", f->labels,
                  "LABEL:FORMAT, a label the image must have, with its format")
      ->allow_extra_args(false);
  app->add_flag("--strict-labels", f->strict_labels,
                "Do not permit labels other than those in the label schema");
  app->add_flag("--no-fail", f->no_fail, "Exit 0 even when rules are violated");
  app->add_flag("--no-color", f->no_color, "Don't colorize output");
  app->add_flag("--disable-ignore-pragma", f->disable_ignore_pragma,
                "Disable inline `# hadolint ignore=` pragmas");
  app->add_option("-t,--failure-threshold", f->threshold,
                  "Exit with failure only for findings at or above this level")
      ->check(CLI::IsMember(
          {"error", "warning", "info", "style", "ignore", "none"}));
  app->add_option("--file-path-in-report", f->file_path_in_report,
                  "The file path shown in checkstyle, codeclimate, "
                  "gitlab_codeclimate, sonarqube and junit reports");
  app->add_flag("-V,--verbose", f->verbose, "Verbose output on stderr");
  app->add_flag("-v,--version", f->version, "Show the version");
  app->add_option("DOCKERFILE", f->files,
                  "Dockerfiles to lint, or - for stdin");
}

// The flags as a config layer (the last and strongest one).
Expected<PartialConfig> FlagsConfig(const Flags& f) {
  PartialConfig c;
  if (f.no_fail) c.no_fail = true;
  if (f.no_color) c.no_color = true;
  if (f.verbose) c.verbose = true;
  if (f.strict_labels) c.strict_labels = true;
  if (f.disable_ignore_pragma) c.disable_ignore_pragma = true;
  if (!f.format.empty()) c.format = f.format;
  if (!f.threshold.empty()) c.failure_threshold = ParseSeverity(f.threshold);
  c.ignored = f.ignore;
  c.error_rules = f.error;
  c.warning_rules = f.warning;
  c.info_rules = f.info;
  c.style_rules = f.style;
  c.trusted_registries = f.registries;
  for (const std::string& l : f.labels) RETURN_IF_ERROR(AddLabelSchema(l, &c));
  return c;
}

// Environment, then config file, then flags.
Expected<LintConfig> LoadConfig(const Flags& flags, const LintEnvironment& env,
                                std::ostream& err) {
  ASSIGN_OR_RETURN(PartialConfig merged, ConfigFromEnvironment(env.getenv));
  std::string path = flags.config_file.empty()
                         ? FindConfigFile(env.cwd, env.getenv)
                         : flags.config_file;
  ASSIGN_OR_RETURN(PartialConfig cli, FlagsConfig(flags));
  if (cli.verbose.value_or(merged.verbose.value_or(false))) {
    err << (path.empty() ? "No configuration was specified. Using default "
                           "configuration\n"
                         : "Configuration file used: " + path + "\n");
  }
  if (!path.empty()) {
    Expected<std::string> text = ReadFile(path);
    if (!text.ok()) return text.status();
    Expected<PartialConfig> file = ParseConfigYaml(*text, path);
    if (!file.ok()) return file.status();
    merged.MergeFrom(*file);
  }
  merged.MergeFrom(cli);
  return LintConfig::From(merged);
}

// The files to lint, or an error already printed (exit 1).
bool ResolveFiles(std::vector<std::string>* files, std::ostream& out,
                  std::ostream& err) {
  if (files->empty()) {
    if (ReadFile("Dockerfile").ok()) {
      files->push_back("Dockerfile");
      return true;
    }
    out << "Please provide a Dockerfile\n";
    return false;
  }
  std::vector<std::string> missing;
  for (const std::string& f : *files) {
    if (f != "-" && ::access(f.c_str(), R_OK) != 0) missing.push_back(f);
  }
  if (missing.empty()) return true;
  err << "Error: The following files do not exist: [";
  for (size_t i = 0; i < missing.size(); ++i) {
    err << (i ? "," : "") << '"' << missing[i] << '"';
  }
  err << "]\n";
  return false;
}

}  // namespace

LintEnvironment ProcessEnvironment() {
  LintEnvironment env;
  env.getenv = [](const char* name) { return std::getenv(name); };
  char buf[4096];
  env.cwd = ::getcwd(buf, sizeof buf) ? buf : ".";
  env.out_is_terminal = ::isatty(1) == 1;
  env.runner = RunProgram;
  env.shellcheck_available = InPath("shellcheck");
  env.now = std::time(nullptr);
  return env;
}

int RunLint(const std::vector<std::string>& args, std::istream& in,
            std::ostream& out, std::ostream& err) {
  return RunLint(args, in, out, err, ProcessEnvironment());
}

int RunLint(const std::vector<std::string>& args, std::istream& in,
            std::ostream& out, std::ostream& err, const LintEnvironment& env) {
  CLI::App app(
      "Lint Dockerfiles for errors and best practices "
      "(hadolint-compatible)",
      "mybuild lint");
  Flags flags;
  DefineFlags(&app, &flags);
  try {
    app.parse(std::vector<std::string>(args.rbegin(), args.rend()));
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    err << "mybuild lint: " << e.what() << "\n";
    return 1;
  }
  if (flags.version) {
    out << kVersion << "\n";
    return 0;
  }
  Expected<LintConfig> config = LoadConfig(flags, env, err);
  if (!config.ok()) {
    err << "mybuild lint: " << config.status().message() << "\n";
    return 1;
  }
  if (!ResolveFiles(&flags.files, out, err)) return 1;

  std::vector<const Rule*> rules = Catalogue();
  ShellCheckRule shellcheck(env.runner, [&err](const Status& st) {
    err << "mybuild lint: shellcheck: " << st.message() << "\n";
  });
  if (env.shellcheck_available) {
    rules.push_back(&shellcheck);
  } else {
    err << "mybuild lint: shellcheck not found in $PATH; RUN scripts are not "
           "checked by ShellCheck (SC rules)\n";
  }

  std::vector<LintResult> results;
  format::Reports reports;
  for (const std::string& file : flags.files) {
    // Bounded as a build reads it: a huge file or stream is refused early.
    Expected<std::string> read =
        file == "-" ? frontend::ReadDockerfileStream(in, file)
                    : frontend::ReadDockerfileFile(file, file);
    if (!read.ok()) {
      err << "mybuild lint: " << read.status().message() << "\n";
      return 1;
    }
    std::string text = std::move(*read);
    // The context is taken to be the Dockerfile's directory, as in
    // `docker build -f dir/Dockerfile dir`.
    std::optional<frontend::ignore::IgnoreRules> ignore;
    if (file != "-") {
      size_t slash = file.find_last_of('/');
      std::string dir =
          slash == std::string::npos ? "." : file.substr(0, slash);
      Expected<frontend::ignore::IgnoreRules> loaded =
          frontend::ignore::LoadIgnoreRules(dir.empty() ? "/" : dir, file);
      if (loaded.ok()) {
        if (!loaded->source.empty()) ignore = std::move(*loaded);
      } else {
        err << "mybuild lint: " << loaded.status().message() << "\n";
      }
    }
    results.push_back(LintText(text, file, *config, rules,
                               ignore ? &ignore->matcher : nullptr));
    reports.push_back(
        {file, results.back().findings, results.back().parse_error});
  }
  format::ReportOptions options;
  options.color = !config->no_color && env.out_is_terminal;
  options.file_path_in_report = flags.file_path_in_report;
  options.now = env.now;
  Status st = format::WriteReport(config->format, reports, options, out);
  if (!st.ok()) {
    err << "mybuild lint: " << st.message() << "\n";
    return 1;
  }
  if (config->no_fail || config->format == "codeclimate" ||
      config->format == "codacy") {
    return 0;
  }
  return ShouldFail(results, config->failure_threshold) ? 1 : 0;
}

}  // namespace mybuild::lint
