// Flags of the commands over the store (du, prune, cache verify) and of
// lint and debug, which take their words as they are.
#include "cache/store_inventory.h"
#include "cli/command_parsers.h"
#include "frontend/duration.h"

namespace mybuild::cli {

// `du`, `prune` and `cache verify`: commands over the store.
Expected<CommandLine> ParseStore(const std::string& name, std::vector<std::string> args,
                                 CommandLine cl, const Host&) {
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
  ASSIGN_OR_RETURN(bool help, RunParser(app, name, std::move(args), &cl.help));
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

Expected<CommandLine> ParseCache(const std::string&, std::vector<std::string> args,
                                 CommandLine cl, const Host& host) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    cl.help = "Usage: mybuild cache verify [--repair] [--root DIR]\n\n"
              "Check every blob, step record and tag of the store.\n";
    return cl;
  }
  if (args.empty() || args[0] != "verify") {
    return InvalidArgument("usage: mybuild cache verify [--repair]");
  }
  return ParseStore("cache verify", {args.begin() + 1, args.end()}, cl, host);
}

Expected<CommandLine> ParseLint(const std::string&, std::vector<std::string> args,
                                CommandLine cl, const Host&) {
  cl.command = Command::kLint;
  cl.args = std::move(args);
  return cl;
}

Expected<CommandLine> ParseDebug(const std::string&, std::vector<std::string> args,
                                 CommandLine cl, const Host& host) {
  constexpr const char* kUsage =
      "usage: mybuild debug dump-ast FILE | dump-graph [build flags] CONTEXT";
  bool help = !args.empty() && (args.back() == "--help" || args.back() == "-h");
  if (!args.empty() && args[0] == "dump-ast") {
    if (help) {
      cl.help = "Usage: mybuild debug dump-ast FILE\n\n"
                "Print the parse tree of a Dockerfile as BuildKit does.\n";
      return cl;
    }
    if (args.size() != 2) return InvalidArgument(kUsage);
    cl.command = Command::kDumpAst;
    cl.args = {args[1]};
    return cl;
  }
  if (!args.empty() && args[0] == "dump-graph") {
    // The build's flags and context; the graph is printed, not built.
    ASSIGN_OR_RETURN(cl, ParseBuild("build", {args.begin() + 1, args.end()}, cl, host));
    if (cl.command == Command::kBuild) cl.command = Command::kDumpGraph;
    return cl;
  }
  if (help) {
    cl.help = std::string(kUsage).replace(0, 7, "Usage: ") + "\n";
    return cl;
  }
  return InvalidArgument(kUsage);
}

}  // namespace mybuild::cli
