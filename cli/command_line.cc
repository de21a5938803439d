#include "cli/command_line.h"

#include "base/spellcheck.h"
#include "rootless/state_dirs.h"
#include "cli/command_parsers.h"

namespace mybuild::cli {
namespace {

// Every subcommand: its name, its line in `mybuild --help`, its parser.
// A new subcommand is a row here (and a Command, and its Run function).
struct Subcommand {
  const char* name;
  const char* usage;    // after "mybuild "
  const char* summary;
  SubcommandParser parse;
};

const Subcommand kSubcommands[] = {
    {"build", "[build] [flags] CONTEXT", "build an image (see mybuild build --help)", ParseBuild},
    {"images", "images [REPO[:TAG]]", "list the local images", ParseImageCommand},
    {"history", "history REF", "show how an image was built, layer by layer", ParseImageCommand},
    {"inspect", "inspect REF...", "show images' config and manifest as JSON", ParseImageCommand},
    {"tag", "tag SOURCE TARGET", "name an image", ParseImageCommand},
    {"rmi", "rmi REF...", "remove image names", ParseImageCommand},
    {"save", "save [-o FILE] [--format docker|oci] REF...", "write images to an archive",
     ParseImageCommand},
    {"load", "load [-i FILE]", "read images from a docker or OCI archive", ParseImageCommand},
    {"push", "push REF", "push an image from the local store", ParseImageCommand},
    {"pull", "pull [--platform P] REF", "pull an image into the local store", ParseImageCommand},
    {"login", "login [-u USER] [-p PASS | --password-stdin] REGISTRY",
     "check and save a registry's credentials", ParseLogin},
    {"logout", "logout REGISTRY", "remove a registry's saved credentials", ParseLogin},
    {"lint", "lint [flags] DOCKERFILE", "lint Dockerfiles, hadolint-compatible", ParseLint},
    {"du", "du", "show the disk usage of the store", ParseStore},
    {"prune", "prune [--all] [--keep-storage SIZE] [--filter until=DURATION]",
     "remove build cache (tagged images stay)", ParseStore},
    {"cache", "cache verify [--repair]", "check every blob, step record and tag", ParseCache},
    {"binfmt", "binfmt install [ARCH...]",
     "register qemu-user-static's handlers for foreign RUN steps", ParseBinfmt},
    {"debug", "debug dump-ast FILE | dump-graph CONTEXT",
     "print the parse tree, or the build graph and cache keys", ParseDebug},
    {"version", "version", "print the version, commit and library versions",
     ParseImageCommand},
    {"completion", "completion bash|zsh|fish", "print a shell completion script",
     ParseImageCommand},
    {"man", "man [-o DIR] [COMMAND]", "print a man page (or write them all to DIR)",
     ParseImageCommand},
};

std::string DefaultRoot(const Host& host) {
  std::string env = host.getenv("MYBUILD_ROOT");
  if (!env.empty()) return env;
  return host.rootless ? rootless::UserStateDir(host.getenv) : "/var/lib/mybuild";
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

std::string TopLevelHelp() {
  std::string out =
      "mybuild: build OCI images from Dockerfiles, without a daemon\n\nUsage:\n";
  for (const Subcommand& c : kSubcommands) {
    std::string usage = std::string("mybuild ") + c.usage;
    out += "  " + usage + std::string(usage.size() < 40 ? 40 - usage.size() : 1, ' ') +
           c.summary + "\n";
  }
  return out +
         "\nEvery command takes --root DIR (default $MYBUILD_ROOT, else /var/lib/mybuild for\n"
         "root and $XDG_DATA_HOME/mybuild, ~/.local/share/mybuild, for other users),\n"
         "before or after the command, and --help.\n";
}

const Subcommand* Find(const std::string& word) {
  for (const Subcommand& c : kSubcommands) {
    if (word == c.name) return &c;
  }
  return nullptr;
}

}  // namespace

Expected<bool> RunParser(CLI::App& app, const std::string& name,
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
  app.add_option("--root", cl.root, "State directory (default $MYBUILD_ROOT, /var/lib/mybuild, or ~/.local/share/mybuild when not root)")
      ->type_name("DIR");
}

std::vector<SubcommandDoc> SubcommandDocs() {
  Host host{[](const std::string&) { return std::string(); },
            [](const std::string&) { return false; }};
  std::vector<SubcommandDoc> docs;
  for (const Subcommand& c : kSubcommands) {
    // `cache` has one subcommand; its help lists the flags.
    std::vector<std::string> ask = std::string(c.name) == "cache"
                                       ? std::vector<std::string>{"verify", "--help"}
                                       : std::vector<std::string>{"--help"};
    Expected<CommandLine> cl = c.parse(c.name, ask, CommandLine{}, host);
    docs.push_back({c.name, c.usage, c.summary, cl.ok() ? cl->help : ""});
  }
  return docs;
}

Expected<CommandLine> ParseCommandLine(const std::vector<std::string>& argv,
                                       const Host& host) {
  CommandLine cl;
  cl.root = DefaultRoot(host);
  std::vector<std::string> args = argv;
  // Global flags before the subcommand.
  while (!args.empty() && (args[0] == "--root" || args[0].rfind("--root=", 0) == 0)) {
    if (args[0] == "--root" && args.size() < 2) return InvalidArgument("--root needs a DIR");
    cl.root = args[0] == "--root" ? args[1] : args[0].substr(7);
    args.erase(args.begin(), args.begin() + (args[0] == "--root" ? 2 : 1));
  }
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    cl.help = TopLevelHelp();
    return cl;
  }
  const std::string& first = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (const Subcommand* c = Find(first)) return c->parse(first, rest, cl, host);
  if (first == "--version") return ParseImageCommand("version", rest, cl, host);
  // `mybuild [flags] CONTEXT` means build; a word is a context only when it
  // names an existing directory.
  if (first[0] != '-' && !host.path_exists(first)) {
    std::vector<std::string> names;
    for (const Subcommand& c : kSubcommands) names.push_back(c.name);
    std::string guess = SpellCheck(first, names);
    return InvalidArgument("unknown command \"" + first + "\"" +
                           (guess.empty() ? "" : " (did you mean " + guess + "?)"));
  }
  return ParseBuild("build", args, cl, host);
}

}  // namespace mybuild::cli
