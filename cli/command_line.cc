#include "cli/command_line.h"

#include <CLI/CLI.hpp>

#include "base/spellcheck.h"
#include "cache/store_inventory.h"
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

Expected<CommandLine> ParseBuild(std::vector<std::string> args,
                                 CommandLine cl) {
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
  AddRoot(app, cl);
  ASSIGN_OR_RETURN(bool help, Parse(app, "build", std::move(args), &cl.help));
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
  if (first == "build") return ParseBuild(rest, cl);
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
      ASSIGN_OR_RETURN(cl, ParseBuild({rest.begin() + 1, rest.end()}, cl));
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
  return ParseBuild(args, cl);
}

}  // namespace mybuild::cli
