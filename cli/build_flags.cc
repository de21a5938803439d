// `mybuild build` flags (also `debug dump-graph`'s), as `docker build` and
// buildx spell them.
#include <algorithm>
#include <iterator>

#include "cli/cache_flags.h"
#include "cli/command_parsers.h"
#include "cli/platform_flag.h"
#include "cli/resource_flags.h"
#include "executor/etc_files.h"
#include "cli/progress/progress_mode.h"
#include "frontend/duration.h"

namespace mybuild::cli {
namespace {

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

}  // namespace

Expected<CommandLine> ParseBuild(const std::string& name, std::vector<std::string> args,
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
  std::string progress;
  app.add_option("--progress", progress,
                 "Output: auto (default: tty on a terminal, else plain), plain, tty, rawjson "
                 "or quiet; default $BUILDKIT_PROGRESS")
      ->check(CLI::IsMember(std::vector<std::string>(std::begin(progress::kModes),
                                                     std::end(progress::kModes))));
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, "Print only the image ID (--progress quiet)");
  std::vector<std::string> labels;
  app.add_option("--label", labels, "Set a label on the image (repeatable)")
      ->type_name("K=V")->allow_extra_args(false);
  std::vector<std::string> annotations;
  app.add_option("--annotation", annotations,
                 "Add an annotation to the image manifest (default) or, with "
                 "manifest-descriptor:, to its descriptor in an OCI layout (repeatable)")
      ->type_name("[TYPE[,TYPE]:]K=V")->allow_extra_args(false);
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
  app.add_option("--lint", o.lint,
                 "Lint pass: off, warn (findings as notes; default) or error (fail on findings "
                 "at or above .hadolint.yaml's failure-threshold)")
      ->check(CLI::IsMember({"off", "warn", "error"}));
  app.add_option("--network", o.network,
                 "Network of RUN steps without their own --network: default, none or host")
      ->check(CLI::IsMember({"default", "none", "host"}));
  std::string platform;
  app.add_option("--platform", platform,
                 "Platforms of the image, comma separated, e.g. linux/amd64,linux/arm64 "
                 "(default linux/amd64); several give an image index")
      ->type_name("OS/ARCH[/VARIANT],...");
  std::vector<std::string> allow, add_hosts;
  app.add_option("--allow", allow,
                 "Grant an entitlement: network.host (RUN --network=host, --network=host)")
      ->type_name("ENTITLEMENT")->allow_extra_args(false);
  std::string memory, shm_size, cpus;
  std::vector<std::string> ulimits;
  int64_t pids_limit = executor::kDefaultPidsLimit, cpu_quota = 0, cpu_period = 100000;
  app.add_option("--pids-limit", pids_limit,
                 "Most processes a RUN step may have at once (default 4096; -1: unlimited)")
      ->type_name("N");
  app.add_option("-m,--memory", memory, "Memory limit of a RUN step (e.g. 512m, 2g)")
      ->type_name("BYTES");
  app.add_option("--cpu-quota", cpu_quota, "CPU time a RUN step may use each --cpu-period, in us")
      ->type_name("US");
  app.add_option("--cpu-period", cpu_period, "CFS period for --cpu-quota and --cpus, in us (100000)")
      ->type_name("US");
  app.add_option("--cpus", cpus, "CPUs a RUN step may use (e.g. 1.5): --cpu-quota as a count")
      ->type_name("N");
  app.add_option("--shm-size", shm_size, "Size of a RUN step's /dev/shm (default 64m)")
      ->type_name("BYTES");
  app.add_option("--ulimit", ulimits, "A RUN step's ulimit, NAME=SOFT[:HARD] (repeatable)")
      ->type_name("NAME=SOFT[:HARD]")->allow_extra_args(false);
  app.add_option("--add-host", add_hosts, "Add NAME:IP to the /etc/hosts of RUN steps (repeatable)")
      ->type_name("NAME:IP")->allow_extra_args(false);
  std::vector<std::string> outputs;
  app.add_option("-o,--output", outputs,
                 "Output: type=oci|docker|local|tar,dest=PATH, type=image[,name=N][,push=true], "
                 "type=registry (repeatable)")
      ->type_name("type=TYPE[,KEY=VALUE...]")->allow_extra_args(false);
  std::string format = "oci";
  app.add_option("--format", format,
                 "Manifest and media types: oci (default) or docker (Docker schema2, for "
                 "registries that refuse OCI), unless an -o says oci-mediatypes=")
      ->check(CLI::IsMember({"oci", "docker"}));
  bool load = false;
  app.add_flag("--load", load, "Keep the image in the local store (type=image)");
  app.add_option("--metadata-file", o.metadata_file, "Write the build result's digests as JSON")
      ->type_name("FILE");
  std::vector<std::string> secrets, ssh;
  app.add_option("--secret", secrets, "Secret for RUN --mount=type=secret (repeatable)")
      ->type_name("id=ID[,src=FILE|env=VAR]")->allow_extra_args(false);
  app.add_option("--ssh", ssh, "SSH agent for RUN --mount=type=ssh (repeatable)")
      ->type_name("default|ID[=SOCKET]")->allow_extra_args(false);
  std::string pull = "missing";
  app.add_flag("--pull{always}", pull,
               "When to ask a registry for base images: always (--pull alone), "
               "missing (default: only when the local store lacks them) or never")
      ->type_name("=POLICY");
  AddRoot(app, cl);
  AddCacheFlags(app, o);
  std::string retry_delay;
  AddRegistryFlags(app, cl.registry, retry_delay);
  ASSIGN_OR_RETURN(bool help, RunParser(app, name, std::move(args), &cl.help));
  RETURN_IF_ERROR(FinishRegistryFlags(retry_delay, cl.registry));
  for (const std::string& v : secrets) {
    ASSIGN_OR_RETURN(SecretFlag s, ParseSecret(v, host));
    o.secrets.push_back(std::move(s));
  }
  for (const std::string& v : ssh) RETURN_IF_ERROR(ParseSsh(v, host, o.ssh));
  for (const std::string& v : allow) {
    if (v != "network.host") {
      return InvalidArgument("--allow: unknown entitlement \"" + v + "\" (want network.host)");
    }
    o.allow_network_host = true;
  }
  o.resources.pids_limit = pids_limit;
  if (!memory.empty()) {
    ASSIGN_OR_RETURN(o.resources.memory, ParseByteSize("--memory", memory));
  }
  if (!shm_size.empty()) {
    ASSIGN_OR_RETURN(int64_t shm, ParseByteSize("--shm-size", shm_size));
    o.resources.shm_size = static_cast<uint64_t>(shm);
  }
  if (cpu_period < 1000 || cpu_period > 1000000) {
    return InvalidArgument("--cpu-period: must be between 1000 and 1000000 microseconds");
  }
  o.resources.cpu_period = cpu_period;
  o.resources.cpu_quota = cpu_quota;
  if (!cpus.empty()) {
    if (cpu_quota > 0) return InvalidArgument("--cpus and --cpu-quota cannot both be given");
    ASSIGN_OR_RETURN(o.resources.cpu_quota, CpusToQuota(cpus, cpu_period));
  }
  for (const std::string& v : ulimits) {
    ASSIGN_OR_RETURN(executor::Rlimit l, ParseUlimit(v));
    o.ulimits.push_back(l);
  }
  for (const std::string& v : add_hosts) {
    ASSIGN_OR_RETURN(auto h, executor::ParseAddHost(v));
    o.add_hosts.push_back(std::move(h));
  }
  ASSIGN_OR_RETURN(o.platforms, ParsePlatformList(platform));
  o.platform = o.platforms.front();
  RETURN_IF_ERROR(CheckCacheFlags(o));
  ASSIGN_OR_RETURN(o.pull, ParsePullPolicy(pull));
  ASSIGN_OR_RETURN(o.progress, progress::ResolveProgressMode(
                                   quiet ? "quiet" : progress, host.getenv("BUILDKIT_PROGRESS")));
  for (const std::string& l : labels) {
    size_t eq = l.find('=');
    if (eq == 0) return InvalidArgument("invalid --label \"" + l + "\": no key");
    o.labels[l.substr(0, eq)] = eq == std::string::npos ? "" : l.substr(eq + 1);
  }
  for (const std::string& v : annotations) {
    ASSIGN_OR_RETURN(std::vector<exporter::Annotation> a,
                     exporter::ParseAnnotation(v, o.platforms.size() > 1));
    o.annotations.insert(o.annotations.end(), a.begin(), a.end());
  }
  for (const std::string& v : outputs) {
    ASSIGN_OR_RETURN(exporter::OutputSpec spec, exporter::ParseOutput(v));
    o.outputs.push_back(std::move(spec));
  }
  if (load) o.outputs.push_back(exporter::OutputSpec{});
  o.docker_format = format == "docker";
  for (const exporter::OutputSpec& spec : o.outputs) {
    if (o.docker_format && !spec.layers.oci_mediatypes &&
        spec.layers.compression == exporter::LayerCompression::kZstd) {
      return InvalidArgument("--format docker: compression=zstd needs OCI media types (Docker "
                             "has no zstd type); add oci-mediatypes=true to that -o");
    }
  }
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
  for (const exporter::OutputSpec& spec : o.outputs) {
    if (spec.push && spec.names.empty() && o.tags.empty() && !help) {
      return InvalidArgument(spec.type == exporter::OutputType::kRegistry
                                 ? "type=registry needs a name (--tag or name=)"
                                 : "type=image,push=true needs a name (--tag or name=)");
    }
  }
  return cl;
}

}  // namespace mybuild::cli
