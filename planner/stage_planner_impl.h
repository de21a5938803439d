// The per-stage planner behind PlanStage (stage_planner.h). Its methods
// are split between config_instructions.cc and layer_instructions.cc.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "planner/cache_key.h"
#include "planner/stage_planner.h"
#include "planner/step_inputs.h"

namespace mybuild::planner {

namespace fe = frontend;

// `path` made absolute against `base` (a WORKDIR), cleaned; a trailing '/'
// is kept.
std::string JoinPath(const std::string& base, const std::string& path);

class Planner {
 public:
  Planner(const StageInputs& in, StagePlan& plan, std::string key)
      : in_(in), plan_(plan), config_(plan.base_config.config),
        author_(plan.base_config.author), scope_(in.escape, &config_.env),
        key_(std::move(key)) {}

  Expected<std::string> Run(const fe::Stage& stage,
                            const std::vector<fe::Instruction>& triggers) {
    if (in_.base_args) {
      declared_ = in_.base_args->declared;
      for (const auto& [name, value] : in_.base_args->values) {
        RETURN_IF_ERROR(scope_.DeclareArg(name, value));
      }
    }
    for (const auto* list : {&triggers, &stage.instructions}) {
      for (const fe::Instruction& inst : *list) {
        line_ = fe::RangeOf(inst).start_line;
        Status st = std::visit([&](const auto& i) { return Plan(i); }, inst);
        if (!st.ok()) return st;
      }
    }
    plan_.final_config = config_;
    plan_.final_author = author_;
    plan_.final_args = {declared_, scope_.args()};
    return key_;
  }

 private:
  Status Error(const std::string& message) const {
    return InvalidArgument(in_.filename + ":" + std::to_string(line_) + ": " +
                           message);
  }
  Expected<std::string> Expand(const std::string& word) const {
    Expected<std::string> r = scope_.Word(word);
    if (!r.ok()) return Error(r.status().message());
    return r;
  }
  // A step of `inst` whose history entry reads `created_by`
  // (history_text.h).
  Step& Emit(StepKind kind, const fe::InstructionBase& inst,
             std::string created_by) {
    Step s;
    s.kind = kind;
    s.file = in_.filename;
    s.line = inst.range.start_line;
    s.text = inst.original;
    s.created_by = std::move(created_by);
    plan_.steps.push_back(std::move(s));
    return plan_.steps.back();
  }
  void Key(Step& s, const std::string& inputs = "") {
    s.inputs_digest = inputs;
    s.cache_key = StepKey(s, key_, inputs);
    s.inputs = ExplainInputs(s, key_, ArgNames());
    key_ = s.cache_key;
  }
  // The ARGs in scope that no ENV shadows (what RunEnv adds).
  std::vector<std::string> ArgNames() const {
    std::vector<std::string> names;
    for (const auto& [name, value] : scope_.args()) {
      bool shadowed = false;
      for (const std::string& kv : config_.env) {
        if (kv.compare(0, name.size() + 1, name + "=") == 0) shadowed = true;
      }
      if (!shadowed) names.push_back(name);
    }
    return names;
  }
  // Every ARG the stage declared, in order, with the value a RUN sees
  // ("" when none): what BuildKit's RUN history lists.
  std::vector<std::pair<std::string, std::string>> BuildArgValues() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& name : declared_) {
      out.emplace_back(name, scope_.Get(name).value_or(""));
    }
    return out;
  }
  std::vector<std::string> Shell() const {
    return config_.shell.empty() ? std::vector<std::string>{"/bin/sh", "-c"}
                                 : config_.shell;
  }

  Status Plan(const fe::RunInstruction& r);
  Status Plan(const fe::CopyInstruction& c);
  Status Plan(const fe::EnvInstruction& e);
  Status Plan(const fe::LabelInstruction& l);
  Status Plan(const fe::ArgInstruction& a);
  Status Plan(const fe::CmdInstruction& c);
  Status Plan(const fe::EntrypointInstruction& e);
  Status Plan(const fe::ShellInstruction& s);
  Status Plan(const fe::WorkdirInstruction& w);
  Status Plan(const fe::UserInstruction& u);
  Status Plan(const fe::ExposeInstruction& e);
  Status Plan(const fe::VolumeInstruction& v);
  Status Plan(const fe::StopSignalInstruction& s);
  Status Plan(const fe::HealthcheckInstruction& h);
  Status Plan(const fe::OnbuildInstruction& o);
  Status Plan(const fe::MaintainerInstruction& m);

  const StageInputs& in_;
  StagePlan& plan_;
  oci::ContainerConfig config_;
  std::string author_;  // the image's author: the base's, or MAINTAINER's
  std::vector<std::string> declared_;  // ARG names, first declaration order
  StageScope scope_;
  std::string key_;
  int line_ = 0;
  bool cmd_set_here_ = false;
};

}  // namespace mybuild::planner
