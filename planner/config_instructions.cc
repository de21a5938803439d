// Instructions that change only the image config (or the ARG scope).
#include <algorithm>

#include "planner/expose_ports.h"
#include "planner/history_text.h"
#include "planner/stage_planner_impl.h"

namespace mybuild::planner {

// Every word of one ENV expands against the variables as they were before
// it, as BuildKit expands an instruction's words before running it: in
// `ENV A=1 B=$A`, B gets the A of before.
Status Planner::Plan(const fe::EnvInstruction& e) {
  std::vector<std::pair<std::string, std::string>> vars;
  for (const fe::KeyValue& kv : e.vars) {
    ASSIGN_OR_RETURN(std::string key, Expand(kv.key));
    ASSIGN_OR_RETURN(std::string value, Expand(kv.value));
    vars.emplace_back(std::move(key), std::move(value));
  }
  std::string text = "ENV";
  for (const auto& [key, value] : vars) {
    if (Status st = scope_.SetEnv(key, value); !st.ok()) return Error(st.message());
    text += " " + key + "=" + value;
  }
  Emit(StepKind::kConfig, e, text);
  return Status::Ok();
}

Status Planner::Plan(const fe::LabelInstruction& l) {
  std::string text = "LABEL";
  for (const fe::KeyValue& kv : l.labels) {
    ASSIGN_OR_RETURN(std::string key, Expand(kv.key));
    ASSIGN_OR_RETURN(std::string value, Expand(kv.value));
    text += " " + key + "=" + value;
    config_.labels[key] = value;
  }
  Emit(StepKind::kConfig, l, text);
  return Status::Ok();
}

// The history names each ARG with the value it got, as BuildKit's does.
Status Planner::Plan(const fe::ArgInstruction& a) {
  std::string text = "ARG";
  for (const fe::ArgDecl& d : a.args) {
    std::optional<std::string> value;
    auto given = in_.build_args->find(d.name);
    auto global = in_.global_args->find(d.name);
    if (given != in_.build_args->end()) {
      value = given->second;
    } else if (d.default_value) {
      ASSIGN_OR_RETURN(value, Expand(*d.default_value));
    } else if (global != in_.global_args->end()) {
      value = global->second;
    }
    if (value) {
      if (Status st = scope_.DeclareArg(d.name, *value); !st.ok()) return Error(st.message());
    }
    if (std::find(declared_.begin(), declared_.end(), d.name) == declared_.end()) {
      declared_.push_back(d.name);
    }
    text += " " + d.name + (value ? "=" + *value : "");
  }
  Emit(StepKind::kConfig, a, text);
  return Status::Ok();
}

Status Planner::Plan(const fe::CmdInstruction& c) {
  config_.cmd = c.json_form ? c.args : Shell();
  if (!c.json_form) config_.cmd.push_back(c.args.empty() ? "" : c.args[0]);
  // BuildKit marks every CMD's arguments escaped, exec form too; ENTRYPOINT
  // leaves the flag as it was.
  config_.args_escaped = true;
  cmd_set_here_ = true;
  Emit(StepKind::kConfig, c, "CMD " + GoQuotedList(config_.cmd));
  return Status::Ok();
}

Status Planner::Plan(const fe::EntrypointInstruction& e) {
  config_.entrypoint = e.json_form ? e.args : Shell();
  if (!e.json_form) config_.entrypoint.push_back(e.args.empty() ? "" : e.args[0]);
  // A new ENTRYPOINT drops the CMD inherited from the base image.
  if (!cmd_set_here_) config_.cmd.clear();
  Emit(StepKind::kConfig, e, "ENTRYPOINT " + GoQuotedList(config_.entrypoint));
  return Status::Ok();
}

Status Planner::Plan(const fe::ShellInstruction& s) {
  config_.shell = s.args;
  Emit(StepKind::kConfig, s, "SHELL " + GoList(s.args));
  return Status::Ok();
}

Status Planner::Plan(const fe::UserInstruction& u) {
  ASSIGN_OR_RETURN(config_.user, Expand(u.user));
  Emit(StepKind::kConfig, u, "USER " + config_.user);
  return Status::Ok();
}

// Each spec expands to words, each word to its ports ("8000-8002" is
// three), as BuildKit's EXPOSE does.
Status Planner::Plan(const fe::ExposeInstruction& e) {
  std::vector<std::string> all;
  for (const std::string& p : e.ports) {
    Expected<std::vector<std::string>> words = scope_.Words(p);
    if (!words.ok()) return Error(words.status().message());
    for (const std::string& word : *words) {
      Expected<std::vector<std::string>> ports = ExposedPorts(word);
      if (!ports.ok()) return Error(ports.status().message());
      all.insert(all.end(), ports->begin(), ports->end());
    }
  }
  config_.exposed_ports.insert(all.begin(), all.end());
  Emit(StepKind::kConfig, e, "EXPOSE " + GoList(all));
  return Status::Ok();
}

Status Planner::Plan(const fe::VolumeInstruction& v) {
  std::vector<std::string> paths;
  for (const std::string& p : v.paths) {
    ASSIGN_OR_RETURN(std::string path, Expand(p));
    if (path.empty()) return Error("VOLUME specified can not be an empty string");
    config_.volumes.insert(path);
    paths.push_back(path);
  }
  Emit(StepKind::kConfig, v, "VOLUME " + GoList(paths));
  return Status::Ok();
}

Status Planner::Plan(const fe::StopSignalInstruction& s) {
  ASSIGN_OR_RETURN(config_.stop_signal, Expand(s.signal));
  Emit(StepKind::kConfig, s, "STOPSIGNAL " + config_.stop_signal);
  return Status::Ok();
}

Status Planner::Plan(const fe::HealthcheckInstruction& h) {
  oci::Healthcheck hc;
  hc.test = h.none ? std::vector<std::string>{"NONE"} : h.test;
  hc.interval = h.interval_ns;
  hc.timeout = h.timeout_ns;
  hc.start_period = h.start_period_ns;
  hc.start_interval = h.start_interval_ns;
  hc.retries = h.retries;
  config_.healthcheck = hc;
  Emit(StepKind::kConfig, h, HealthcheckHistory(hc));
  return Status::Ok();
}

// ONBUILD only records its trigger: BuildKit adds no history entry for it.
Status Planner::Plan(const fe::OnbuildInstruction& o) {
  config_.on_build.push_back(o.expression);
  return Status::Ok();
}

Status Planner::Plan(const fe::MaintainerInstruction& m) {
  author_ = m.maintainer;
  Emit(StepKind::kConfig, m, "MAINTAINER " + m.maintainer);
  return Status::Ok();
}

}  // namespace mybuild::planner
