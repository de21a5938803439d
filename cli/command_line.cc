#include "cli/command_line.h"

#include <CLI/CLI.hpp>
#include <algorithm>

#include "base/spellcheck.h"
#include "cache/store_inventory.h"
#include "cli/cache_flags.h"
#include "frontend/duration.h"

namespace mybuild::cli {
namespace {

const std::vector<std::string> kCommands = {
    "build", "push", "images", "version", "lint", "debug", "du", "prune", "cache"};

std::string DefaultRoot(const std::function<std::string(const std::string&)>& getenv) {
  std::string env = getenv("MYBUILD_ROOT");
  return env.empty() ? "/var/lib/mybuild" : env;
}

// Every spelling of every option of `app`, for "did you mean".
std::vector<std::string> OptionNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const std::string& l : opt->get_lnames()) names.push_back("--" + l);
    for (const std::string& s : opt->get_snames()) names.push_back("-" + s);
  }
  return names;
}

// Runs CLI11 over `args`; turns its errors and leftovers into our messages.
// Returns true when help was asked for (then `help` holds it).
Expected<bool> Parse(CLI::App& app, const std::string& name,
                     std::vector<std::string> args, std::string* help) {
  app.allow_extras();
  std::vector<const char*> argv = {name.c_str()};
  for (const std::string& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::CallForHelp&) {
    *help = app.help();
    return true;
  } catch (const CLI::ParseError& e) {
    return InvalidArgument(std::string(e.what()) + " for " + name);
  }
  for (const std::string& extra : app.remaining()) {
    if (extra.size() > 1 && extra[0] == '-') {
      std::string flag = extra.substr(0, extra.find('='));
      std::string guess = SpellCheck(flag, OptionNames(app));
      return InvalidArgument("unknown flag " + flag + " for " + name +
                             (guess.empty() ? "" : " (did you mean " + guess + "?)"));
    }
    return InvalidArgument("unexpected argument \"" + extra + "\" for " + name);
  }
  return false;
}

void AddRoot(CLI::App& app, CommandLine& cl) {
  app.add_option("--root", cl.root, "State directory (default /var/lib/mybuild or $MYBUILD_ROOT)")
      ->type_name("DIR");
}

// --secret, as buildx reads it.
Expected<SecretFlag> ParseSecret(const std::string& value, const Host& host) {
  auto fail = [&](const std::string& why) {
    return InvalidArgument("invalid --secret \"" + value + "\": " + why);
  };
  SecretFlag s;
  std::string type;
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = std::min(value.find(',', start), value.size());
    std::string field = value.substr(start, comma - start);
    start = comma + 1;
    size_t eq = field.find('=');
    if (eq == std::string::npos) return fail("field '" + field + "' must be a key=value pair");
    std::string key = field.substr(0, eq), v = field.substr(eq + 1);
    if (key == "type" && (v == "file" || v == "env")) type = v;
    else if (key == "type") return fail("unsupported secret type \"" + v + "\"");
    else if (key == "id") s.id = v;
    else if (key == "src" || key == "source") s.file = v;
    else if (key == "env") s.env = v;
    else return fail("unexpected key '" + key + "' in '" + field + "'");
  }
  if (type == "env" && s.env.empty()) std::swap(s.env, s.file);
  if (s.id.empty()) return fail("secret missing ID");
  if (s.file.empty() && s.env.empty()) {
    (host.getenv(s.id).empty() ? s.file : s.env) = s.id;
  }
  return s;
}

// --ssh ID[=SOCKET[,SOCKET...]]: the first socket is used.
Status ParseSsh(const std::string& value, const Host& host,
                std::map<std::string, std::string>& out) {
  size_t eq = value.find('=');
  std::string id = value.substr(0, eq);
  std::string socket = eq == std::string::npos ? host.getenv("SSH_AUTH_SOCK")
                                               : value.substr(eq + 1);
  socket = socket.substr(0, socket.find(','));
  if (id.empty() || socket.empty()) {
    return InvalidArgument("invalid --ssh \"" + value + "\": " +
                           (id.empty() ? "missing ID" : "SSH_AUTH_SOCK is not set"));
  }
  out[id] = socket;
  return Status::Ok();
}

Expected<CommandLine> ParseBuild(std::vector<std::string> args,
                                 CommandLine cl, const Host& host) {
  BuildOptions& o = cl.build;
  CLI::App app("Build an image from a Dockerfile", "mybuild build");
  app.add_option("context", o.context, "Build context directory")->required();
  app.add_option("-t,--tag", o.tags, "Name and tag, e.g. app:1 (repeatable)")
      ->type_name("REF")->allow_extra_args(false);
  app.add_option("-f,--file", o.file, "Dockerfile (default CONTEXT/Dockerfile; - for stdin)")
      ->type_name("PATH");
  app.add_option("--build-arg", o.build_args, "Build argument K=V, or K from the environment")
      ->type_name("K[=V]")->allow_extra_args(false);
  app.add_option("--target", o.target, "Build only up to this stage")->type_name("STAGE");
  app.add_flag("--no-cache", o.no_cache, "Do not use the build cache");
  app.add_flag("--push", o.push, "Push the tags after building");
  app.add_option("--iidfile", o.iidfile, "Write the image ID to FILE")->type_name("FILE");
  app.add_option("--progress", o.progress, "Output: auto, plain, tty or quiet")
      ->check(CLI::IsMember({"auto", "plain", "tty", "quiet"}));
  app.add_option("--no-cache-filter", o.no_cache_filter,
                 "Run these stages' steps again (comma-separated names)")
      ->type_name("STAGE,...")->delimiter(',')->allow_extra_args(false);
  app.add_flag("--explain", o.explain, "Say why each step that runs was not reused");
  app.add_option("--jobs", o.jobs, "Stages built at once (default: one per CPU)")
      ->type_name("N")->check(CLI::PositiveNumber);
  std::string run_timeout;
  app.add_option("--run-timeout", run_timeout,
                 "Kill and fail a RUN step still running after DURATION (e.g. 30s, 10m). "
                 "A step whose processes are all stopped (SIGSTOP, a tracer) is ended after 2s")
      ->type_name("DURATION");
  app.add_flag("--normalize-perms", o.normalize_perms,
               "Hash only whether context files are executable, as git does");
  app.add_flag("--check", o.check,
               "Only lint the Dockerfile (as mybuild lint, same config) and exit");
  app.add_option("--network", o.network,
                 "Network of RUN steps without their own --network: default, none or host")
      ->check(CLI::IsMember({"default", "none", "host"}));
  std::vector<std::string> secrets, ssh;
  app.add_option("--secret", secrets, "Secret for RUN --mount=type=secret (repeatable)")
      ->type_name("id=ID[,src=FILE|env=VAR]")->allow_extra_args(false);
  app.add_option("--ssh", ssh, "SSH agent for RUN --mount=type=ssh (repeatable)")
      ->type_name("default|ID[=SOCKET]")->allow_extra_args(false);
  AddRoot(app, cl);
  AddCacheFlags(app, o);
  ASSIGN_OR_RETURN(bool help, Parse(app, "build", std::move(args), &cl.help));
  for (const std::string& v : secrets) {
    ASSIGN_OR_RETURN(SecretFlag s, ParseSecret(v, host));
    o.secrets.push_back(std::move(s));
  }
  for (const std::string& v : ssh) RETURN_IF_ERROR(ParseSsh(v, host, o.ssh));
  RETURN_IF_ERROR(CheckCacheFlags(o));
  if (!run_timeout.empty()) {
    Expected<int64_t> ns = frontend::ParseDuration(run_timeout);
    if (!ns.ok()) return InvalidArgument("--run-timeout: " + ns.status().message());
    if (*ns < 1000000) {
      return InvalidArgument("--run-timeout: \"" + run_timeout + "\" is not a positive duration");
    }
    o.run_timeout_ms = *ns / 1000000;
  }
  cl.command = help ? Command::kHelp : Command::kBuild;
  if (o.push && o.tags.empty() && !help) {
    return InvalidArgument("--push needs at least one --tag");
  }
  return cl;
}

Expected<CommandLine> ParseSimple(const std::string& name,
                                  std::vector<std::string> args,
                                  CommandLine cl) {
  CLI::App app(name == "push"     ? "Push an image from the local store"
               : name == "images" ? "List the images in the local store"
                                  : "Print the version",
               "mybuild " + name);
  if (name == "push") app.add_option("ref", cl.ref, "Image reference")->required();
  AddRoot(app, cl);
  ASSIGN_OR_RETURN(bool help, Parse(app, name, std::move(args), &cl.help));
  cl.command = help ? Command::kHelp
               : name == "push" ? Command::kPush
               : name == "images" ? Command::kImages
                                  : Command::kVersion;
  return cl;
}

// `du`, `prune` and `cache verify`: commands over the store.
Expected<CommandLine> ParseStore(const std::string& name,
                                 std::vector<std::string> args, CommandLine cl) {
  CLI::App app(name == "du"      ? "Show the disk usage of the store"
               : name == "prune" ? "Remove build cache (tagged images stay)"
                                 : "Check every blob, step record and tag",
               "mybuild " + name);
  std::string keep;
  std::vector<std::string> filters;
  if (name == "prune") {
    app.add_flag("-a,--all", cl.prune.all, "Also the cache tagged images use");
    app.add_option("--keep-storage", keep, "Keep at most SIZE of cache")->type_name("SIZE");
    app.add_option("--filter", filters, "until=DURATION: only what was last used longer ago")
        ->type_name("until=DURATION")->allow_extra_args(false);
  }
  if (name == "cache verify") app.add_flag("--repair", cl.repair, "Remove what is damaged");
  AddRoot(app, cl);
  ASSIGN_OR_RETURN(bool help, Parse(app, name, std::move(args), &cl.help));
  cl.command = help ? Command::kHelp
               : name == "du" ? Command::kDu
               : name == "prune" ? Command::kPrune
                                 : Command::kCacheVerify;
  if (!keep.empty()) {
    Expected<int64_t> size = cache::ParseSize(keep);
    if (!size.ok()) return InvalidArgument("--keep-storage: " + size.status().message());
    cl.prune.keep_storage = *size;
  }
  for (const std::string& f : filters) {
    if (f.rfind("until=", 0) != 0) {
      return InvalidArgument("unsupported filter \"" + f + "\" (only until=DURATION is)");
    }
    Expected<int64_t> ns = frontend::ParseDuration(f.substr(6));
    if (!ns.ok()) return InvalidArgument("--filter " + f + ": " + ns.status().message());
    cl.prune.until_seconds = *ns / 1000000000;
  }
  return cl;
}

std::string TopLevelHelp() {
  return "mybuild: build OCI images from Dockerfiles, without a daemon\n\n"
         "Usage:\n"
         "  mybuild [build] [flags] CONTEXT   build an image (see mybuild build --help)\n"
         "  mybuild push REF                  push an image from the local store\n"
         "  mybuild images                    list the local images\n"
         "  mybuild lint [flags] DOCKERFILE   lint Dockerfiles, hadolint-compatible\n"
         "  mybuild debug dump-ast FILE       print the parse tree as BuildKit does\n"
         "  mybuild debug dump-graph CONTEXT  print the build graph and cache keys\n"
         "  mybuild du                        show the disk usage of the store\n"
         "  mybuild prune [--all] [--keep-storage SIZE] [--filter until=DURATION]\n"
         "                                    remove build cache (tagged images stay)\n"
         "  mybuild cache verify [--repair]   check every blob, step record and tag\n"
         "  mybuild version                   print the version\n\n"
         "Every command takes --root DIR (default /var/lib/mybuild or $MYBUILD_ROOT)\n"
         "and --help.\n";
}

}  // namespace

Expected<CommandLine> ParseCommandLine(const std::vector<std::string>& args,
                                       const Host& host) {
  CommandLine cl;
  cl.root = DefaultRoot(host.getenv);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" ||
      args[0] == "help") {
    cl.help = TopLevelHelp();
    return cl;
  }
  const std::string& first = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (first == "build") return ParseBuild(rest, cl, host);
  if (first == "push" || first == "images" || first == "version") {
    return ParseSimple(first, rest, cl);
  }
  if (first == "--version") return ParseSimple("version", rest, cl);
  if (first == "du" || first == "prune") return ParseStore(first, rest, cl);
  if (first == "cache") {
    if (rest.empty() || rest[0] != "verify") {
      return InvalidArgument("usage: mybuild cache verify [--repair]");
    }
    return ParseStore("cache verify", {rest.begin() + 1, rest.end()}, cl);
  }
  if (first == "lint") {
    cl.command = Command::kLint;
    cl.args = rest;
    return cl;
  }
  if (first == "debug") {
    if (rest.size() == 2 && rest[0] == "dump-ast") {
      cl.command = Command::kDumpAst;
      cl.args = {rest[1]};
      return cl;
    }
    if (!rest.empty() && rest[0] == "dump-graph") {
      // The build's flags and context; the graph is printed, not built.
      ASSIGN_OR_RETURN(cl, ParseBuild({rest.begin() + 1, rest.end()}, cl, host));
      if (cl.command == Command::kBuild) cl.command = Command::kDumpGraph;
      return cl;
    }
    return InvalidArgument(
        "usage: mybuild debug dump-ast FILE | dump-graph [build flags] CONTEXT");
  }
  // Not a command: `mybuild [flags] CONTEXT` means build, unless the word
  // looks like a misspelt command and names no existing path.
  if (first[0] != '-' && !host.path_exists(first)) {
    std::string guess = SpellCheck(first, kCommands);
    if (!guess.empty()) {
      return InvalidArgument("unknown command \"" + first +
                             "\" (did you mean " + guess + "?)");
    }
  }
  return ParseBuild(args, cl, host);
}

}  // namespace mybuild::cli
