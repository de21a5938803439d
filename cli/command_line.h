// The `mybuild` command line: which subcommand, with which options. Parsing
// is pure (no I/O) so every usage error is pinned by a test.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "cli/registry_flags.h"
#include "executor/sandbox_spec.h"
#include "export/annotation_spec.h"
#include "export/output_spec.h"
#include "oci/descriptor.h"

namespace mybuild::cli {

// Exit codes, documented in the README.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // the build (or push, ...) failed
inline constexpr int kExitUsage = 2;   // bad flags or arguments

enum class Command {
  kBuild, kPush, kImages, kVersion, kLint, kDumpAst, kDumpGraph, kDu,
  kPrune, kCacheVerify, kHelp, kTag, kRmi, kInspect, kHistory, kSave, kLoad,
  kLogin, kLogout, kPull, kCompletion, kMan, kBinfmtInstall
};

// `mybuild login` / `logout` (login_flags.cc).
struct LoginFlags {
  std::string registry;
  std::string username;
  std::string password;
  bool password_stdin = false;
};

// One --secret: what RUN --mount=type=secret,id=<id> reads.
struct SecretFlag {
  std::string id;
  std::string file;  // src=
  std::string env;   // env=: a variable of mybuild's environment
  bool operator==(const SecretFlag&) const = default;
};

struct BuildOptions {
  std::string context;
  std::vector<std::string> tags;
  std::string file;  // "" means CONTEXT/Dockerfile; "-" is stdin
  std::vector<std::string> build_args;  // K=V, or K to take it from the env
  std::string target;
  bool no_cache = false;
  bool push = false;
  std::string iidfile;
  // auto|plain|tty|rawjson|quiet: --progress, else $BUILDKIT_PROGRESS
  // (cli/progress/progress_mode.h).
  std::string progress = "auto";
  std::vector<std::string> no_cache_filter;  // stages whose steps run again
  bool explain = false;   // say why each step that runs was not reused
  int jobs = 0;           // stages at once; 0: one per CPU
  int64_t run_timeout_ms = 0;  // --run-timeout: a RUN step's limit; 0: none
  bool normalize_perms = false;  // hash only the exec bit of context files
  bool check = false;     // only lint the Dockerfile, as `mybuild lint`
  // --lint: "off" (no lint pass), "warn" (findings as notes) or "error"
  // (notes, then fail on findings at or above the config's threshold).
  std::string lint = "warn";
  std::vector<SecretFlag> secrets;            // --secret, in order
  std::map<std::string, std::string> ssh;     // --ssh: id -> agent socket
  // --network for every RUN without its own: "default", "none" or "host".
  std::string network = "default";
  bool allow_network_host = false;  // --allow network.host
  // --pids-limit, --memory, --cpu-quota/--cpu-period/--cpus, --shm-size.
  executor::StepResources resources;
  std::vector<executor::Rlimit> ulimits;  // --ulimit, in order
  std::vector<std::pair<std::string, std::string>> add_hosts;  // --add-host NAME:IP
  std::map<std::string, std::string> labels;  // --label K=V
  // -o/--output, in order; none means type=image (the local store). --load
  // adds type=image and --push type=registry.
  std::vector<exporter::OutputSpec> outputs;
  // --format docker: Docker schema2 manifests and media types in every
  // output that does not say oci-mediatypes= itself (quay and older
  // registries refuse OCI ones).
  bool docker_format = false;
  std::vector<exporter::Annotation> annotations;  // --annotation
  std::string metadata_file;  // --metadata-file: buildx's build result JSON
  std::vector<std::string> cache_to, cache_from;  // cache_flags.h
  PullPolicy pull = PullPolicy::kMissing;  // --pull[=always|missing|never]
  // --platform (platform_flag.h): each platform, in the order given; and
  // the first of them.
  std::vector<oci::Platform> platforms{oci::Platform{"linux", "amd64", "", "", {}}};
  oci::Platform platform{"linux", "amd64", "", "", {}};
};

// `mybuild prune` flags, already validated.
struct PruneFlags {
  bool all = false;
  int64_t keep_storage = -1;  // --keep-storage SIZE in bytes; -1: none
  int64_t until_seconds = 0;  // --filter until=DURATION; 0: none
};

// Flags of the image commands (images, history, save, load).
struct ImageFlags {
  bool quiet = false;     // images -q: IDs only
  bool digests = false;   // images --digests
  bool no_trunc = false;  // images/history --no-trunc
  std::string format;     // images/history --format: "" (table) or "json"
  std::string output;     // save -o FILE ("-" or "": stdout)
  std::string archive_format = "docker";  // save --format oci|docker
  std::string input;      // load -i FILE ("-" or "": stdin)
  std::string platform;   // pull --platform OS/ARCH[/VARIANT]; "": linux/amd64
  // push/pull --progress, else $BUILDKIT_PROGRESS: "auto" is the live view
  // on a terminal and nothing otherwise (stderr stays as scripts knew it).
  std::string progress = "auto";
};

struct CommandLine {
  Command command = Command::kHelp;
  std::string root;  // state directory
  BuildOptions build;
  std::string ref;                // push, pull
  RegistryFlags registry;         // build, push, pull, login, logout
  LoginFlags login;
  PruneFlags prune;
  bool repair = false;            // cache verify --repair
  ImageFlags image;
  // lint: passed through; dump-ast: file; tag: SRC DST; rmi, inspect,
  // history, save, images: image references.
  std::vector<std::string> args;
  std::string help;               // the text to print for kHelp
};

// What parsing needs to know of the machine; injected so tests stay pure.
struct Host {
  // An environment variable, "" when unset.
  std::function<std::string(const std::string&)> getenv;
  // Whether a directory exists (tells a context from a misspelt command).
  std::function<bool(const std::string&)> path_exists;
  // Whether the caller is not root (the default state directory is then
  // the user's own, see rootless/state_dirs.h).
  bool rootless = false;
};

// One row of the command table behind `mybuild --help`, with the text of
// `mybuild NAME --help` ("" for lint, whose help the linter prints).
struct SubcommandDoc {
  std::string name;
  std::string usage;    // after "mybuild "
  std::string summary;
  std::string help;
};

// Every subcommand, in `mybuild --help` order. Completion scripts and man
// pages are made from this, so they list what the parser accepts.
std::vector<SubcommandDoc> SubcommandDocs();

// Parses argv (without argv[0]). Global flags (--root DIR) may come before
// the subcommand or after it. `mybuild CONTEXT` and `mybuild -t x .` mean
// `mybuild build ...` when CONTEXT is an existing directory; any other word
// that is not a subcommand is `unknown command "histroy" (did you mean
// history?)`. Usage errors have code kInvalidArgument and a message such
// as `unknown flag --tga for build (did you mean --tag?)`.
Expected<CommandLine> ParseCommandLine(const std::vector<std::string>& args,
                                       const Host& host);

// Runs CLI11 over `args` for command `name`, turning its errors and
// leftovers into our messages. Returns true when help was asked for (then
// `help` holds it). For the parsers of other files.
Expected<bool> ParseArgs(CLI::App& app, const std::string& name,
                         std::vector<std::string> args, std::string* help);

}  // namespace mybuild::cli
