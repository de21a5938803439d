// `mybuild build`: parse, plan, pull, execute, tag, push; and
// `mybuild debug dump-graph`, which stops after planning.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "base/fd.h"
#include "cache/context_digester.h"
#include "cache/early_digests.h"
#include "cache/stat_cache.h"
#include "cache/step_history.h"
#include "cli/build_caches.h"
#include "executor/binfmt_check.h"
#include "cli/build_outputs.h"
#include "cli/commands.h"
#include "cli/early_sources.h"
#include "cli/exit_codes.h"
#include "cli/progress/make_printer.h"
#include "cli/registry_session.h"
#include "cli/source_date_epoch.h"
#include "executor/build_executor.h"
#include "frontend/dockerfile.h"
#include "frontend/dockerfile_reader.h"
#include "frontend/ignore/reader.h"
#include "frontend/ignore/walk.h"
#include "lint/build_lint.h"
#include "lint/run_lint.h"
#include "planner/graph_dump.h"
#include "planner/merge_platforms.h"
#include "planner/plan_build.h"

namespace mybuild::cli {
namespace {


// RFC 3339 "now", or SOURCE_DATE_EPOCH when set (reproducible builds).
struct DockerfileSource {
  std::string text;
  std::string path;     // "" for stdin
  std::string display;  // the name errors use
};

Expected<DockerfileSource> ReadDockerfile(const BuildOptions& o) {
  DockerfileSource d;
  if (o.file == "-") {
    d.display = "Dockerfile";
    ASSIGN_OR_RETURN(d.text, frontend::ReadDockerfileStream(std::cin, d.display));
    return d;
  }
  d.path = o.file.empty() ? o.context + "/Dockerfile" : o.file;
  d.display = o.file.empty() ? (o.context == "." ? "Dockerfile" : d.path) : o.file;
  ASSIGN_OR_RETURN(d.text, frontend::ReadDockerfileFile(d.path, d.display));
  return d;
}

Expected<std::map<std::string, std::string>> BuildArgs(const BuildOptions& o) {
  std::map<std::string, std::string> args;
  for (const std::string& a : o.build_args) {
    size_t eq = a.find('=');
    if (eq == 0) return InvalidArgument("usage: --build-arg needs a name: " + a);
    if (eq != std::string::npos) {
      args[a.substr(0, eq)] = a.substr(eq + 1);
    } else if (const char* v = std::getenv(a.c_str())) {
      args[a] = v;
    }
  }
  return args;
}

// Everything planning made that the build then uses.
struct Planned {
  DockerfileSource src;
  std::shared_ptr<frontend::ignore::IgnoreRules> ignore;
  std::function<bool(const std::string&)> excluded;
  std::shared_ptr<RegistrySession> session;
  std::unique_ptr<cache::StatCache> stat_cache;
  std::unique_ptr<cache::ContextDigester> digester;  // kept for --explain
  std::unique_ptr<cache::EarlyDigests> early;  // the planner's: started first
  std::string build_id;  // names this context and Dockerfile's history
  planner::BuildGraph graph;
  std::optional<int64_t> epoch;  // SOURCE_DATE_EPOCH
};

// `session_made`, when given, is called with the registry session as soon
// as it exists, before the bases are resolved. The context's COPY sources
// are hashed from before then (on a thread of their own, while the
// session is made and the bases resolved). The stat cache is left to
// save (Build saves it beside the build, off the way to the first step).
Expected<Planned> Plan(const CommandLine& cl,
                       const std::function<void(const std::shared_ptr<RegistrySession>&)>&
                           session_made = nullptr) {
  const BuildOptions& o = cl.build;
  Planned p;
  ASSIGN_OR_RETURN(p.src, ReadDockerfile(o));
  ASSIGN_OR_RETURN(frontend::Dockerfile df,
                   frontend::ParseDockerfile(p.src.text, p.src.display));
  ASSIGN_OR_RETURN(frontend::ignore::IgnoreRules ignore,
                   frontend::ignore::LoadIgnoreRules(o.context, p.src.path));
  p.ignore = std::make_shared<frontend::ignore::IgnoreRules>(std::move(ignore));
  p.excluded = [rules = p.ignore, dir = o.context](const std::string& path) {
    return frontend::ignore::HiddenFromContext(dir, rules->matcher, path);
  };
  cache::StorePaths store(cl.root);
  std::string context = std::filesystem::absolute(o.context).lexically_normal();
  p.stat_cache = std::make_unique<cache::StatCache>(cache::StatCache::Load(store, context));
  p.digester = std::make_unique<cache::ContextDigester>(
      o.context, p.excluded,
      cache::DigestOptions{.normalize_perms = o.normalize_perms,
                           .stat_cache = p.stat_cache.get()});
  p.early = std::make_unique<cache::EarlyDigests>(*p.digester);
  p.early->Start(EarlyContextSources(df, o.target));
  ASSIGN_OR_RETURN(p.session, RegistrySession::Create(store, cl.registry, o.pull, o.platform));
  if (session_made) session_made(p.session);
  p.build_id = cache::StepHistory::BuildId(
      context, p.src.path.empty() ? "-" : std::filesystem::absolute(p.src.path).string());
  planner::BuildRequest request;
  request.filename = p.src.display;
  request.target = o.target;
  request.network = o.network == "none"   ? frontend::RunNetwork::kNone
                    : o.network == "host" ? frontend::RunNetwork::kHost
                                          : frontend::RunNetwork::kDefault;
  request.allow_network_host = o.allow_network_host;
  request.add_hosts = o.add_hosts;
  ASSIGN_OR_RETURN(request.build_args, BuildArgs(o));
  ASSIGN_OR_RETURN(p.epoch,
                   SourceDateEpoch(request.build_args, std::getenv("SOURCE_DATE_EPOCH")));
  request.source_date_epoch = p.epoch;
  request.labels = o.labels;
  RegistrySession* session = p.session.get();
  planner::ResolverFor images = [session](const oci::Platform& platform)
      -> planner::ImageConfigResolver& { return session->resolver(platform); };
  // One plan per platform, merged so what they share runs once.
  std::vector<planner::BuildGraph> plans;
  for (const oci::Platform& platform : o.platforms) {
    request.os = platform.os;
    request.architecture = platform.architecture;
    request.variant = platform.variant;
    ASSIGN_OR_RETURN(planner::BuildGraph plan,
                     planner::PlanBuild(df, request, images, *p.early));
    plans.push_back(std::move(plan));
  }
  if (plans.size() == 1) {
    p.graph = std::move(plans.front());
  } else {
    ASSIGN_OR_RETURN(p.graph, planner::MergePlatforms(plans));
  }
  return p;
}

// A stage for another architecture with RUN steps needs a qemu-user
// handler in binfmt_misc (binfmt_check.h); checked before any step runs.
Status CheckForeignRuns(const planner::BuildGraph& graph) {
  std::set<std::string> checked;
  for (int i : graph.order) {
    const oci::Platform& platform = graph.stages[i].platform;
    for (const planner::Step& s : graph.stages[i].steps) {
      if (s.kind != planner::StepKind::kRun || !checked.insert(platform.str()).second) continue;
      RETURN_IF_ERROR(executor::CheckEmulation(platform.str(), platform.architecture));
    }
  }
  return Status::Ok();
}

// What `mybuild lint` would report, as notes before the steps: the same
// rules, .hadolint.yaml and pragmas, without ShellCheck. With --lint=error a
// finding at or above the config's failure threshold fails the build.
Status ReportLint(const Planned& p, const std::string& mode, executor::Progress& progress) {
  if (mode == "off") return Status::Ok();
  lint::BuildLint found = lint::LintForBuild(
      p.src.text, p.src.display, ".", [](const char* name) { return std::getenv(name); },
      &p.ignore->matcher);
  if (!found.config_error.empty()) {
    progress.Note("lint: config not used: " + found.config_error);
  }
  if (found.findings.empty()) return Status::Ok();
  progress.Note(fmt::format("lint: {} finding{} (mybuild build --check lints only):",
                            found.findings.size(), found.findings.size() == 1 ? "" : "s"));
  for (const lint::Finding& f : found.findings) {
    progress.Note(fmt::format("  {}:{} {} {}: {}", f.file, f.line, f.code,
                              lint::SeverityName(f.severity), f.message));
  }
  if (mode != "error" || found.failure_threshold == lint::Severity::kIgnore) return Status::Ok();
  size_t failing = 0;
  for (const lint::Finding& f : found.findings) {
    failing += f.severity <= found.failure_threshold ? 1 : 0;
  }
  if (failing == 0) return Status::Ok();
  return InvalidArgument(fmt::format(
      "lint: {} finding{} at or above the failure threshold {} (--lint=error)", failing,
      failing == 1 ? "" : "s", lint::SeverityName(found.failure_threshold)));
}

// `build --check`: `mybuild lint` on the build's Dockerfile.
int Check(const BuildOptions& o, std::ostream& out, std::ostream& err) {
  std::string path = !o.file.empty() ? o.file
                     : o.context == "." ? "Dockerfile"
                                        : o.context + "/Dockerfile";
  return lint::RunLint({path}, std::cin, out, err);
}

// The notes of a --cache-from read on a thread of its own, kept until the
// build shows them in their place.
class NoteBuffer : public executor::Progress {
 public:
  void Started(const executor::StepLabel&) override {}
  void Cached(const executor::StepLabel&) override {}
  void Output(const executor::StepLabel&, std::string_view) override {}
  void Done(const executor::StepLabel&, double) override {}
  void Note(std::string_view message) override { notes_.emplace_back(message); }
  void Replay(executor::Progress& to) const {
    for (const std::string& n : notes_) to.Note(n);
  }

 private:
  std::vector<std::string> notes_;
};

Status Build(const CommandLine& cl, std::ostream& out, std::ostream& err,
             progress::Printer& printer) {
  const BuildOptions& o = cl.build;
  for (const std::string& t : o.tags) RETURN_IF_ERROR(oci::ImageReference::Parse(t).status());
  // The --cache-from manifests and records are read while the context is
  // hashed (a fresh CI runner reads its 20,000 files then): both come
  // before the first step can be looked up. Declared in this order so the
  // reading thread is joined before the session it uses goes.
  std::shared_ptr<RegistrySession> session_kept;
  NoteBuffer open_notes;
  std::future<Expected<BuildCaches>> opening;
  auto open_early = [&](const std::shared_ptr<RegistrySession>& s) {
    session_kept = s;
    s->SetProgress(&printer);
    if (o.cache_from.empty()) return;
    opening = std::async(std::launch::async, [&o, &cl, &open_notes, s = s.get()] {
      return BuildCaches::Open(o, *s, cache::StorePaths(cl.root), open_notes);
    });
  };
  ASSIGN_OR_RETURN(Planned planned, Plan(cl, open_early));
  // The stat cache (2 MB for 20,000 files, and its fsync) is written
  // beside the build; joined before Build returns, however it returns.
  std::future<Status> stat_cache_saved = std::async(
      std::launch::async, [cache = planned.stat_cache.get()] { return cache->Save(); });
  const planner::BuildGraph& graph = planned.graph;
  RegistrySession* session = planned.session.get();
  cache::StorePaths store(cl.root);
  executor::Progress* progress = &printer;
  RETURN_IF_ERROR(ReportLint(planned, o.lint, *progress));
  // The base images' layers come while the steps are looked up (a fully
  // cached build shows them all meanwhile); the executor waits for them
  // before a step that runs reads a layer and before the image is written.
  RETURN_IF_ERROR(session->FetchBaseManifests(graph));
  std::shared_future<Status> bases =
      std::async(std::launch::async, session->BaseLayersFetch(graph, progress)).share();
  Expected<BuildCaches> opened =
      opening.valid() ? opening.get() : BuildCaches::Open(o, *session, store, *progress);
  open_notes.Replay(*progress);
  ASSIGN_OR_RETURN(BuildCaches caches, std::move(opened));

  executor::ExecOptions exec;
  exec.context_dir = o.context;
  exec.no_cache = o.no_cache;
  exec.no_cache_filter = o.no_cache_filter;
  exec.explain = o.explain;
  exec.build_id = planned.build_id;
  exec.digester = planned.digester.get();
  exec.jobs = o.jobs;
  exec.run_timeout = std::chrono::milliseconds(o.run_timeout_ms);
  exec.resources = o.resources;
  exec.ulimits = o.ulimits;
  exec.excluded = planned.excluded;
  exec.created = Rfc3339(planned.epoch.value_or(std::time(nullptr)));
  exec.created_is_fixed = planned.epoch.has_value();
  exec.max_mtime = planned.epoch.value_or(-1);
  for (const SecretFlag& f : o.secrets) exec.secrets.push_back({f.id, f.file, f.env});
  exec.ssh = o.ssh;
  // The image says its target stage's platform (FROM --platform's, if any).
  const oci::Platform& target = graph.stages[graph.target].platform;
  exec.os = target.os;
  exec.architecture = target.architecture;
  exec.variant = target.variant;
  exec.remote = caches.importer();
  exec.blobs_ready = [bases] {
    std::shared_future<Status> mine = bases;
    return mine.get();
  };
  RETURN_IF_ERROR(CheckForeignRuns(graph));
  ASSIGN_OR_RETURN(std::vector<executor::BuiltImage> images,
                   executor::ExecuteBuildTargets(graph, store, exec, *progress));
  if (graph.targets.empty()) {
    ASSIGN_OR_RETURN(images.front(), caches.Export(graph, images.front(), *progress));
  } else {
    for (size_t i = 0; i < images.size(); ++i) {  // each platform's steps
      planner::BuildGraph one = graph;
      one.target = graph.targets[i];
      one.targets.clear();
      ASSIGN_OR_RETURN(images[i], caches.Export(one, images[i], *progress));
    }
  }
  for (const executor::BuiltImage& image : images) {
    progress->Note("writing image " + image.config.str());
  }
  // quiet (or an output on stdout) keeps stdout to the image ID alone.
  std::ostream& pushed = o.progress == "quiet" || OutputsUseStdout(o) ? err : out;
  // The ID of the image as the first output wrote it (rewrite-timestamp
  // may have made another).
  ASSIGN_OR_RETURN(oci::Digest id, WriteOutputs(o, store, images, exec.created, planned.epoch,
                                                *session, *progress, pushed, err));
  if (!o.iidfile.empty()) {
    RETURN_IF_ERROR(WriteFileAtomic(o.iidfile, id.str()));
  }
  if (o.progress == "quiet" && !OutputsUseStdout(o)) out << id.str() << "\n";
  (void)stat_cache_saved.get();  // a cache that cannot be saved costs time only
  return Status::Ok();
}

}  // namespace

int RunBuild(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  if (cl.build.check) return Check(cl.build, out, err);
  std::unique_ptr<progress::Printer> printer =
      progress::MakePrinter(cl.build.progress, err, progress::TerminalOf(STDERR_FILENO),
                            [] { return std::chrono::system_clock::now(); });
  Status st = Build(cl, out, err, *printer);
  printer->Finish(st.ok());  // the final frame, before the error
  if (!st.ok()) return Fail(err, st);
  return kExitOk;
}

int RunDumpGraph(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  Expected<Planned> planned = Plan(cl);
  if (!planned.ok()) return Fail(err, planned.status());
  (void)planned->stat_cache->Save();
  out << planner::DumpGraph(planned->graph);
  return kExitOk;
}

}  // namespace mybuild::cli
