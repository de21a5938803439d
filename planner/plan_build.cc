#include "planner/plan_build.h"

#include <algorithm>

#include "base/spellcheck.h"
#include "frontend/shell/lexer.h"
#include "planner/build_args.h"
#include "planner/cache_key.h"
#include "planner/stage_graph.h"
#include "planner/stage_planner.h"
#include "planner/stage_platform.h"

namespace mybuild::planner {
namespace {

oci::Platform TargetPlatform(const BuildRequest& r) {
  return oci::Platform{r.os, r.architecture, r.variant, "", {}};
}

using ArgMap = std::map<std::string, std::string>;
namespace fe = frontend;

std::string Where(const BuildRequest& r, int line) {
  return r.filename + ":" + std::to_string(line) + ": ";
}

Expected<int> TargetStage(const fe::Dockerfile& df, const BuildRequest& r) {
  if (r.target.empty()) return static_cast<int>(df.stages.size()) - 1;
  std::vector<std::string> names;
  for (size_t i = 0; i < df.stages.size(); ++i) {
    if (df.stages[i].name == r.target) return static_cast<int>(i);
    if (!df.stages[i].name.empty()) names.push_back(df.stages[i].name);
  }
  std::string guess = SpellCheck(r.target, names);
  return InvalidArgument("target stage \"" + r.target + "\" could not be found" +
                         (guess.empty() ? "" : " (did you mean " + guess + "?)"));
}

// Like BuildKit, an image whose config sets no PATH gets the default one
// after its own variables, so RUN and the final container find their
// commands.
void AddDefaultPath(oci::ContainerConfig& config) {
  for (const std::string& kv : config.env) {
    if (kv.rfind("PATH=", 0) == 0) return;
  }
  config.env.push_back("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
}

// BuildKit reads a base image's config into its own types, so what they do
// not hold (Docker's "container_config" and "docker_version", the config's
// "Hostname", "Image", ...) is not in an image built on it.
void DropUnknownFields(oci::ImageConfig& c) {
  std::map<std::string, std::string> kept;
  if (auto it = c.unknown.find("os.features"); it != c.unknown.end()) kept.insert(*it);
  c.unknown = std::move(kept);
  c.config.unknown.clear();
}

// Plans a build in three passes: what each stage is FROM, which stages the
// target needs (resolving base images and their triggers on the way), then
// each needed stage in dependency order.
class GraphPlanner {
 public:
  GraphPlanner(const fe::Dockerfile& df, const BuildRequest& r,
               const ResolverFor& images, SourceDigester& sources)
      : df_(df), names_(df), r_(r), images_(images), sources_(sources),
        triggers_(df.stages.size()) {}

  Expected<BuildGraph> Plan() {
    if (r_.network == fe::RunNetwork::kHost && !r_.allow_network_host) {
      return InvalidArgument(std::string(kNetworkHostNotAllowed) +
                             ": --network=host needs --allow network.host");
    }
    ASSIGN_OR_RETURN(globals_, GlobalArgs(df_, r_));
    ASSIGN_OR_RETURN(g_.target, TargetStage(df_, r_));
    g_.proxy_env = ProxyEnv(r_);
    RETURN_IF_ERROR(Bases());
    RETURN_IF_ERROR(CopyFromNames());
    ASSIGN_OR_RETURN(g_.order,
                     BuildOrder(df_, r_.filename, g_.target,
                                [this](int s) { return Needed(s); }));
    std::vector<int> implicit;
    for (size_t i = df_.stages.size(); i < g_.stages.size(); ++i) {
      implicit.push_back(static_cast<int>(i));
    }
    g_.order.insert(g_.order.begin(), implicit.begin(), implicit.end());
    std::vector<std::string> last_key(g_.stages.size());
    for (int i : implicit) {
      StagePlan& plan = g_.stages[i];
      plan.base_key = BaseKey(plan, "", r_.source_date_epoch, KeyPlatform(plan.platform));
      plan.final_config = plan.base_config.config;
      plan.final_author = plan.base_config.author;
      last_key[i] = plan.base_key;
    }
    for (int i : g_.order) {
      if (g_.stages[i].implicit) continue;
      StagePlan& plan = g_.stages[i];
      if (plan.base_stage >= 0) {
        plan.base_config.config = g_.stages[plan.base_stage].final_config;
        plan.base_config.author = g_.stages[plan.base_stage].final_author;
      }
      plan.base_config.config.on_build.clear();  // the triggers run here
      plan.base_key = BaseKey(plan, plan.base_stage >= 0 ? last_key[plan.base_stage] : "",
                              r_.source_date_epoch, KeyPlatform(plan.platform));
      StageInputs in{r_.filename, df_.directives.escape, &r_.build_args,
                     &globals_, &sources_, &names_, &last_key, &image_stages_,
                     r_.network, r_.allow_network_host, &r_.add_hosts};
      if (plan.base_stage >= 0) in.base_args = &g_.stages[plan.base_stage].final_args;
      ASSIGN_OR_RETURN(last_key[i], PlanStage(df_.stages[i], triggers_[i], in, plan));
    }
    for (const auto& [k, v] : r_.labels) g_.stages[g_.target].final_config.labels[k] = v;
    return std::move(g_);
  }

 private:
  // COPY --from names a stage or image as written: BuildKit refuses any
  // word that shell processing would change (a variable, quotes, an
  // escape), in every stage, needed or not (dockerfile2llb's toCommand,
  // moby/buildkit 07f5b3a8d).
  Status CopyFromNames() const {
    fe::shell::Lexer lexer(df_.directives.escape);
    for (const fe::Stage& stage : df_.stages) {
      for (const fe::Instruction& inst : stage.instructions) {
        const auto* c = std::get_if<fe::CopyInstruction>(&inst);
        if (!c || c->from.empty()) continue;
        Expected<std::string> word =
            lexer.ProcessWord(c->from, fe::shell::Env::FromList({}));
        if (!word.ok()) {
          return InvalidArgument(Where(r_, fe::RangeOf(inst).start_line) +
                                 word.status().message());
        }
        if (*word != c->from) {
          return InvalidArgument(
              Where(r_, fe::RangeOf(inst).start_line) +
              "variable expansion is not supported for --from, define a new "
              "stage with FROM using ARG from global scope as a workaround");
        }
      }
    }
    return Status::Ok();
  }

  // Expands each FROM and tells a stage from an image.
  Status Bases() {
    fe::shell::Lexer lexer(df_.directives.escape);
    std::vector<std::string> env;
    for (const auto& [k, v] : globals_) env.push_back(k + "=" + v);
    g_.stages.resize(df_.stages.size());
    for (size_t i = 0; i < df_.stages.size(); ++i) {
      const fe::Stage& stage = df_.stages[i];
      StagePlan& plan = g_.stages[i];
      plan.name = stage.name;
      Expected<std::string> base =
          lexer.ProcessWord(stage.base, fe::shell::Env::FromList(env));
      if (!base.ok()) {
        return InvalidArgument(Where(r_, stage.range.start_line) + base.status().message());
      }
      if (base->empty()) {  // BuildKit's words
        return InvalidArgument(Where(r_, stage.range.start_line) + "base name (" +
                               stage.base + ") should not be blank");
      }
      std::string lowered = *base;
      std::transform(lowered.begin(), lowered.end(), lowered.begin(), ::tolower);
      plan.base_stage = names_.Earlier(lowered, static_cast<int>(i));
      if (plan.base_stage < 0 && lowered != "scratch") plan.base_image = *base;
      ASSIGN_OR_RETURN(plan.platform, FromPlatform(lexer, env, stage, plan.base_stage));
    }
    return Status::Ok();
  }

  // FROM --platform= expanded with the global ARGs (BUILDPLATFORM,
  // TARGETPLATFORM, ...), as BuildKit does; without it, the platform of the
  // stage it is FROM, else the build's. TARGET* args keep naming the
  // build's platform in every stage.
  Expected<oci::Platform> FromPlatform(const fe::shell::Lexer& lexer,
                                       const std::vector<std::string>& env,
                                       const fe::Stage& stage, int base_stage) const {
    if (stage.platform.empty()) {
      return base_stage >= 0 ? g_.stages[base_stage].platform : TargetPlatform(r_);
    }
    Expected<std::string> text =
        lexer.ProcessWord(stage.platform, fe::shell::Env::FromList(env));
    if (!text.ok()) {
      return InvalidArgument(Where(r_, stage.range.start_line) + text.status().message());
    }
    Expected<oci::Platform> p = ParseStagePlatform(*text);
    if (!p.ok()) {
      return InvalidArgument(Where(r_, stage.range.start_line) + "FROM --platform=" +
                             stage.platform + ": " + p.status().message());
    }
    return *p;
  }

  // Called once per needed stage, dependencies of a stage after the stage
  // itself: resolves its base, parses its triggers, returns what it reads.
  Expected<std::vector<int>> Needed(int i) {
    const fe::Stage& stage = df_.stages[i];
    StagePlan& plan = g_.stages[i];
    std::vector<std::string> texts;
    if (!plan.base_image.empty()) {
      Expected<ResolvedImage> img = images_(plan.platform).Resolve(plan.base_image);
      if (!img.ok()) {
        return Status(img.status().code(),
                      Where(r_, stage.range.start_line) + img.status().message());
      }
      plan.base_image = img->ref;
      plan.base_manifest = img->manifest;
      plan.base_config = img->config;
      DropUnknownFields(plan.base_config);
      AddDefaultPath(plan.base_config.config);
      texts = plan.base_config.config.on_build;
    } else if (plan.base_stage >= 0) {
      for (const fe::Instruction& inst : df_.stages[plan.base_stage].instructions) {
        if (auto* o = std::get_if<fe::OnbuildInstruction>(&inst)) texts.push_back(o->expression);
      }
    } else {  // scratch: BuildKit's empty image
      AddDefaultPath(plan.base_config.config);
      plan.base_config.config.working_dir = "/";
    }
    for (const std::string& text : texts) {
      Expected<fe::Instruction> t = fe::ParseOnbuildTrigger(text);
      if (!t.ok()) return InvalidArgument(Where(r_, stage.range.start_line) + t.status().message());
      std::visit([&](auto& inst) { inst.range = stage.range; }, *t);
      triggers_[i].push_back(std::move(*t));
    }
    std::vector<int> deps = FromStages(names_, stage.instructions);
    for (int d : FromStages(names_, triggers_[i])) deps.push_back(d);
    if (plan.base_stage >= 0) deps.push_back(plan.base_stage);
    std::vector<int> all = deps;  // and the implicit stages, not walked
    const std::vector<fe::Instruction>* lists[] = {&triggers_[i], &stage.instructions};
    for (const auto* list : lists) {
      for (const ImageRead& read : FromImages(names_, *list)) {
        ASSIGN_OR_RETURN(int s, ImageStage(read));  // may move g_.stages
        all.push_back(s);
        if (s < static_cast<int>(df_.stages.size())) deps.push_back(s);
      }
    }
    for (std::vector<int>* v : {&deps, &all}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    g_.stages[i].deps = all;
    return deps;
  }

  // The stage a COPY --from or RUN --mount from= value that names no stage
  // as written reads. Its words are expanded with the global ARGs, as
  // FROM's are: when they then name a stage, that stage; else the implicit
  // stage of the image, resolved like a FROM image (one per image, however
  // it is written).
  Expected<int> ImageStage(const ImageRead& read) {
    auto known = image_stages_.find(read.ref);
    if (known != image_stages_.end()) return known->second;
    fe::shell::Lexer lexer(df_.directives.escape);
    std::vector<std::string> env;
    for (const auto& [k, v] : globals_) env.push_back(k + "=" + v);
    Expected<std::string> ref =
        lexer.ProcessWord(read.ref, fe::shell::Env::FromList(env));
    if (!ref.ok()) return InvalidArgument(Where(r_, read.line) + ref.status().message());
    if (int stage = names_.ByRef(*ref); stage >= 0) {
      image_stages_[read.ref] = stage;
      return stage;
    }
    Expected<ResolvedImage> img = images_(TargetPlatform(r_)).Resolve(*ref);
    if (!img.ok()) {
      return Status(img.status().code(), Where(r_, read.line) + img.status().message());
    }
    for (size_t s = df_.stages.size(); s < g_.stages.size(); ++s) {
      if (g_.stages[s].base_image == img->ref && g_.stages[s].base_manifest == img->manifest) {
        image_stages_[read.ref] = static_cast<int>(s);
        return static_cast<int>(s);
      }
    }
    StagePlan plan;
    plan.implicit = true;
    plan.platform = TargetPlatform(r_);
    plan.base_image = img->ref;
    plan.base_manifest = img->manifest;
    plan.base_config = img->config;
    plan.base_config.config.on_build.clear();  // an image read, not built on
    g_.stages.push_back(std::move(plan));
    int index = static_cast<int>(g_.stages.size()) - 1;
    image_stages_[read.ref] = index;
    return index;
  }

  const fe::Dockerfile& df_;
  const StageNames names_;
  const BuildRequest& r_;
  const ResolverFor& images_;
  SourceDigester& sources_;
  ArgMap globals_;
  BuildGraph g_;
  std::vector<std::vector<fe::Instruction>> triggers_;
  std::map<std::string, int> image_stages_;
};

}  // namespace

Expected<BuildGraph> PlanBuild(const fe::Dockerfile& df, const BuildRequest& r,
                               ImageConfigResolver& images,
                               SourceDigester& sources) {
  ResolverFor same = [&images](const oci::Platform&) -> ImageConfigResolver& { return images; };
  return GraphPlanner(df, r, same, sources).Plan();
}

Expected<BuildGraph> PlanBuild(const fe::Dockerfile& df, const BuildRequest& r,
                               const ResolverFor& images, SourceDigester& sources) {
  return GraphPlanner(df, r, images, sources).Plan();
}

}  // namespace mybuild::planner
