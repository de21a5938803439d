// JSON for the parts of an image config below the top level.
#include "oci/image_config_json.h"

namespace mybuild::oci::internal {
namespace {

Json KeySetToJson(const std::set<std::string>& keys) {
  Json j = Json::object();
  for (const auto& k : keys) j[k] = Json::object();
  return j;
}

Json HealthcheckToJson(const Healthcheck& h) {
  Json j = Json::object();
  if (!h.test.empty()) j["Test"] = h.test;
  if (h.interval) j["Interval"] = h.interval;
  if (h.timeout) j["Timeout"] = h.timeout;
  if (h.start_period) j["StartPeriod"] = h.start_period;
  if (h.start_interval) j["StartInterval"] = h.start_interval;
  if (h.retries) j["Retries"] = h.retries;
  return j;
}

Expected<Healthcheck> HealthcheckFromJson(const Json& j,
                                          const std::string& where) {
  ASSIGN_OR_RETURN(Fields f, Fields::Of(j, where));
  Healthcheck h;
  RETURN_IF_ERROR(f.StrList("Test", &h.test));
  RETURN_IF_ERROR(f.Int("Interval", &h.interval));
  RETURN_IF_ERROR(f.Int("Timeout", &h.timeout));
  RETURN_IF_ERROR(f.Int("StartPeriod", &h.start_period));
  RETURN_IF_ERROR(f.Int("StartInterval", &h.start_interval));
  RETURN_IF_ERROR(f.Int("Retries", &h.retries));
  return h;
}

}  // namespace

Json ContainerConfigToJson(const ContainerConfig& c) {
  Json j = Json::object();
  PutUnknown(c.unknown, &j);
  if (!c.user.empty()) j["User"] = c.user;
  if (!c.exposed_ports.empty()) j["ExposedPorts"] = KeySetToJson(c.exposed_ports);
  if (!c.env.empty()) j["Env"] = c.env;
  if (!c.entrypoint.empty()) j["Entrypoint"] = c.entrypoint;
  if (!c.cmd.empty()) j["Cmd"] = c.cmd;
  if (!c.volumes.empty()) j["Volumes"] = KeySetToJson(c.volumes);
  if (!c.working_dir.empty()) j["WorkingDir"] = c.working_dir;
  if (!c.labels.empty()) j["Labels"] = c.labels;
  if (!c.stop_signal.empty()) j["StopSignal"] = c.stop_signal;
  if (c.healthcheck) j["Healthcheck"] = HealthcheckToJson(*c.healthcheck);
  if (!c.shell.empty()) j["Shell"] = c.shell;
  if (!c.on_build.empty()) j["OnBuild"] = c.on_build;
  if (c.args_escaped) j["ArgsEscaped"] = true;
  return j;
}

Expected<ContainerConfig> ContainerConfigFromJson(const Json& j,
                                                  const std::string& where) {
  ASSIGN_OR_RETURN(Fields f, Fields::Of(j, where));
  ContainerConfig c;
  RETURN_IF_ERROR(f.Str("User", &c.user));
  RETURN_IF_ERROR(f.KeySet("ExposedPorts", &c.exposed_ports));
  RETURN_IF_ERROR(f.StrList("Env", &c.env));
  RETURN_IF_ERROR(f.StrList("Entrypoint", &c.entrypoint));
  RETURN_IF_ERROR(f.StrList("Cmd", &c.cmd));
  RETURN_IF_ERROR(f.KeySet("Volumes", &c.volumes));
  RETURN_IF_ERROR(f.Str("WorkingDir", &c.working_dir));
  RETURN_IF_ERROR(f.StrMap("Labels", &c.labels));
  RETURN_IF_ERROR(f.Str("StopSignal", &c.stop_signal));
  if (!f.Get("Healthcheck").is_null()) {
    ASSIGN_OR_RETURN(c.healthcheck, HealthcheckFromJson(f.Get("Healthcheck"),
                                                        where + ".Healthcheck"));
  }
  RETURN_IF_ERROR(f.StrList("Shell", &c.shell));
  RETURN_IF_ERROR(f.StrList("OnBuild", &c.on_build));
  RETURN_IF_ERROR(f.Bool("ArgsEscaped", &c.args_escaped));
  c.unknown = f.Unknown({"User", "ExposedPorts", "Env", "Entrypoint", "Cmd",
                         "Volumes", "WorkingDir", "Labels", "StopSignal",
                         "Healthcheck", "Shell", "OnBuild", "ArgsEscaped"});
  return c;
}

Json HistoryToJson(const HistoryEntry& h) {
  Json j = Json::object();
  if (!h.created.empty()) j["created"] = h.created;
  if (!h.created_by.empty()) j["created_by"] = h.created_by;
  if (!h.author.empty()) j["author"] = h.author;
  if (!h.comment.empty()) j["comment"] = h.comment;
  if (h.empty_layer) j["empty_layer"] = true;
  return j;
}

Expected<HistoryEntry> HistoryFromJson(const Json& j,
                                       const std::string& where) {
  ASSIGN_OR_RETURN(Fields f, Fields::Of(j, where));
  HistoryEntry h;
  RETURN_IF_ERROR(f.Str("created", &h.created));
  RETURN_IF_ERROR(f.Str("created_by", &h.created_by));
  RETURN_IF_ERROR(f.Str("author", &h.author));
  RETURN_IF_ERROR(f.Str("comment", &h.comment));
  RETURN_IF_ERROR(f.Bool("empty_layer", &h.empty_layer));
  return h;
}

}  // namespace mybuild::oci::internal
