// Instructions that change only the image config (or the ARG scope).
#include "planner/stage_planner_impl.h"

namespace mybuild::planner {

Status Planner::Plan(const fe::EnvInstruction& e) {
  for (const fe::KeyValue& kv : e.vars) {
    ASSIGN_OR_RETURN(std::string value, Expand(kv.value));
    if (Status st = scope_.SetEnv(kv.key, value); !st.ok()) return Error(st.message());
  }
  Emit(StepKind::kConfig, e);
  return Status::Ok();
}

Status Planner::Plan(const fe::LabelInstruction& l) {
  for (const fe::KeyValue& kv : l.labels) {
    ASSIGN_OR_RETURN(std::string key, Expand(kv.key));
    ASSIGN_OR_RETURN(std::string value, Expand(kv.value));
    config_.labels[key] = value;
  }
  Emit(StepKind::kConfig, l);
  return Status::Ok();
}

Status Planner::Plan(const fe::ArgInstruction& a) {
  for (const fe::ArgDecl& d : a.args) {
    Status st;
    auto given = in_.build_args->find(d.name);
    auto global = in_.global_args->find(d.name);
    if (given != in_.build_args->end()) {
      st = scope_.DeclareArg(d.name, given->second);
    } else if (d.default_value) {
      ASSIGN_OR_RETURN(std::string value, Expand(*d.default_value));
      st = scope_.DeclareArg(d.name, value);
    } else if (global != in_.global_args->end()) {
      st = scope_.DeclareArg(d.name, global->second);
    }
    if (!st.ok()) return Error(st.message());
  }
  return Status::Ok();
}

Status Planner::Plan(const fe::CmdInstruction& c) {
  config_.cmd = c.json_form ? c.args : Shell();
  if (!c.json_form) config_.cmd.push_back(c.args.empty() ? "" : c.args[0]);
  cmd_set_here_ = true;
  Emit(StepKind::kConfig, c);
  return Status::Ok();
}

Status Planner::Plan(const fe::EntrypointInstruction& e) {
  config_.entrypoint = e.json_form ? e.args : Shell();
  if (!e.json_form) config_.entrypoint.push_back(e.args.empty() ? "" : e.args[0]);
  // A new ENTRYPOINT drops the CMD inherited from the base image.
  if (!cmd_set_here_) config_.cmd.clear();
  Emit(StepKind::kConfig, e);
  return Status::Ok();
}

Status Planner::Plan(const fe::ShellInstruction& s) {
  config_.shell = s.args;
  Emit(StepKind::kConfig, s);
  return Status::Ok();
}

Status Planner::Plan(const fe::UserInstruction& u) {
  ASSIGN_OR_RETURN(config_.user, Expand(u.user));
  Emit(StepKind::kConfig, u);
  return Status::Ok();
}

Status Planner::Plan(const fe::ExposeInstruction& e) {
  for (const std::string& p : e.ports) {
    ASSIGN_OR_RETURN(std::vector<std::string> ports, scope_.Words(p));
    for (std::string port : ports) {
      if (port.find('/') == std::string::npos) port += "/tcp";
      config_.exposed_ports.insert(port);
    }
  }
  Emit(StepKind::kConfig, e);
  return Status::Ok();
}

Status Planner::Plan(const fe::VolumeInstruction& v) {
  for (const std::string& p : v.paths) {
    ASSIGN_OR_RETURN(std::string path, Expand(p));
    if (path.empty()) return Error("VOLUME specified can not be an empty string");
    config_.volumes.insert(path);
  }
  Emit(StepKind::kConfig, v);
  return Status::Ok();
}

Status Planner::Plan(const fe::StopSignalInstruction& s) {
  ASSIGN_OR_RETURN(config_.stop_signal, Expand(s.signal));
  Emit(StepKind::kConfig, s);
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
  Emit(StepKind::kConfig, h);
  return Status::Ok();
}

Status Planner::Plan(const fe::OnbuildInstruction& o) {
  config_.on_build.push_back(o.expression);
  Emit(StepKind::kConfig, o);
  return Status::Ok();
}

Status Planner::Plan(const fe::MaintainerInstruction& m) {
  plan_.base_config.author = m.maintainer;
  Emit(StepKind::kConfig, m);
  return Status::Ok();
}

}  // namespace mybuild::planner
