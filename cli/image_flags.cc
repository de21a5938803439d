// Flags of the commands over local images, as docker spells them: push,
// pull, images, tag, rmi, inspect, history, save, load (and version,
// completion, man).
#include <map>

#include "cli/command_parsers.h"
#include "cli/progress/progress_mode.h"

namespace mybuild::cli {
namespace {

struct ImageCommand {
  Command command;
  const char* description;
  const char* refs;  // the positional argument's help; "" when none
  size_t min_refs, max_refs;
};

const std::map<std::string, ImageCommand>& Commands() {
  static const auto* kCommands = new std::map<std::string, ImageCommand>{
      {"push", {Command::kPush, "Push an image from the local store", "Image reference", 1, 1}},
      {"pull", {Command::kPull, "Pull an image into the local store",
                "Image reference (tag or digest)", 1, 1}},
      {"images", {Command::kImages, "List the images in the local store",
                  "Only images of this REPOSITORY[:TAG]", 0, 1}},
      {"tag", {Command::kTag, "Name an image: mybuild tag SOURCE TARGET", "SOURCE TARGET", 2, 2}},
      {"rmi", {Command::kRmi, "Remove image names (prune then reclaims the blobs)",
               "Image references, or image IDs (every name of that image)", 1, 1000}},
      {"inspect", {Command::kInspect, "Show images' config, manifest and store facts as JSON",
                   "Image references", 1, 1000}},
      {"history", {Command::kHistory, "Show the history of an image", "Image reference", 1, 1}},
      {"save", {Command::kSave, "Write images to a docker or OCI archive", "Image references",
                1, 1000}},
      {"load", {Command::kLoad, "Load images from a docker or OCI archive", "", 0, 0}},
      {"version", {Command::kVersion, "Print the version, commit and library versions", "", 0,
                   0}},
      {"completion", {Command::kCompletion, "Print a completion script: mybuild completion "
                      "bash|zsh|fish", "Shell: bash, zsh or fish", 1, 1}},
      {"man", {Command::kMan, "Print the man page of mybuild, or of one COMMAND",
               "COMMAND", 0, 1}},
  };
  return *kCommands;
}

void AddFlags(const std::string& name, CLI::App& app, ImageFlags& f) {
  if (name == "images") {
    app.add_flag("-q,--quiet", f.quiet, "Only show image IDs");
    app.add_flag("--digests", f.digests, "Show manifest digests");
  }
  if (name == "images" || name == "history") {
    app.add_flag("--no-trunc", f.no_trunc, "Do not truncate output");
    app.add_option("--format", f.format,
                   "json, table, or a template such as '{{.Repository}}:{{.Tag}}'")
        ->check([](const std::string& v) {
          return v == "json" || v == "table" || v.find("{{") != std::string::npos
                     ? std::string()
                     : "must be json, table or a {{.Field}} template";
        });
  }
  if (name == "save") {
    app.add_option("-o,--output", f.output, "Write to FILE, not stdout")->type_name("FILE");
    app.add_option("--format", f.archive_format, "Archive format: docker (default) or oci")
        ->check(CLI::IsMember({"docker", "oci"}));
  }
  if (name == "pull") {
    app.add_option("--platform", f.platform, "Platform to pull (default linux/amd64)")
        ->type_name("OS/ARCH[/VARIANT]");
  }
  if (name == "man") {
    app.add_option("-o,--output", f.output, "Write every page (mybuild.1, mybuild-NAME.1) to DIR")
        ->type_name("DIR");
  }
  if (name == "load") {
    app.add_option("-i,--input", f.input, "Read from FILE, not stdin")->type_name("FILE");
  }
}

}  // namespace

Expected<CommandLine> ParseImageCommand(const std::string& name, std::vector<std::string> args,
                                        CommandLine cl, const Host& host) {
  const ImageCommand& c = Commands().at(name);
  CLI::App app(c.description, "mybuild " + name);
  if (*c.refs) app.add_option("REF", cl.args, c.refs)->expected(0, -1);
  AddFlags(name, app, cl.image);
  AddRoot(app, cl);
  std::string retry_delay, progress;
  if (name == "push" || name == "pull") {
    AddRegistryFlags(app, cl.registry, retry_delay);
    app.add_option("--progress", progress,
                   "Show the transfer: auto (default: tty on a terminal, else nothing), plain, "
                   "tty, rawjson or quiet; default $BUILDKIT_PROGRESS")
        ->check(CLI::IsMember(std::vector<std::string>(std::begin(progress::kModes),
                                                       std::end(progress::kModes))));
  }
  ASSIGN_OR_RETURN(bool help, RunParser(app, name, std::move(args), &cl.help));
  RETURN_IF_ERROR(FinishRegistryFlags(retry_delay, cl.registry));
  if (name == "push" || name == "pull") {
    ASSIGN_OR_RETURN(cl.image.progress, progress::ResolveProgressMode(
                                            progress, host.getenv ? host.getenv("BUILDKIT_PROGRESS") : ""));
  }
  if (help) {
    cl.command = Command::kHelp;
    return cl;
  }
  if (cl.args.size() < c.min_refs || cl.args.size() > c.max_refs) {
    size_t n = c.min_refs == c.max_refs || c.max_refs > 1 ? c.min_refs : c.max_refs;
    std::string want = c.min_refs == c.max_refs ? "" : c.max_refs > 1 ? "at least " : "at most ";
    return InvalidArgument(name + " takes " + want + std::to_string(n) + " argument" +
                           (n == 1 ? "" : "s") + ", not " +
                           std::to_string(cl.args.size()) + " (mybuild " + name + " --help)");
  }
  if (name == "completion" && cl.args[0] != "bash" && cl.args[0] != "zsh" &&
      cl.args[0] != "fish") {
    return InvalidArgument("completion: unknown shell \"" + cl.args[0] +
                           "\" (bash, zsh or fish)");
  }
  cl.command = c.command;
  if (name == "push" || name == "pull") cl.ref = cl.args[0];
  return cl;
}

}  // namespace mybuild::cli
