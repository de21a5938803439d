// The image configuration blob (OCI image-spec config.md, plus Docker's
// extra container-config fields). Serialises deterministically.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "oci/digest.h"

namespace mybuild::oci {

// Docker's HEALTHCHECK; durations in nanoseconds, 0 = inherit/default.
struct Healthcheck {
  std::vector<std::string> test;  // ["NONE"], ["CMD", ...], ["CMD-SHELL", s]
  int64_t interval = 0;
  int64_t timeout = 0;
  int64_t start_period = 0;
  int64_t start_interval = 0;
  int64_t retries = 0;
  bool operator==(const Healthcheck&) const = default;
};

// The "config" object: what a container started from the image runs with.
struct ContainerConfig {
  std::string user;                        // "User"
  std::set<std::string> exposed_ports;     // "ExposedPorts": {"80/tcp": {}}
  std::vector<std::string> env;            // "Env": ["K=V", ...]
  std::vector<std::string> entrypoint;     // "Entrypoint"
  std::vector<std::string> cmd;            // "Cmd"
  std::set<std::string> volumes;           // "Volumes": {"/data": {}}
  std::string working_dir;                 // "WorkingDir"
  std::map<std::string, std::string> labels;  // "Labels"
  std::string stop_signal;                 // "StopSignal"
  std::optional<Healthcheck> healthcheck;  // "Healthcheck"
  std::vector<std::string> shell;          // "Shell"
  std::vector<std::string> on_build;       // "OnBuild"
  bool args_escaped = false;               // "ArgsEscaped"
  // Fields we do not model, as raw JSON text by key; written back as read.
  std::map<std::string, std::string> unknown;
  bool operator==(const ContainerConfig&) const = default;
};

struct HistoryEntry {
  std::string created;     // RFC 3339
  std::string created_by;  // "RUN /bin/sh -c make"
  std::string author;
  std::string comment;
  bool empty_layer = false;  // true when the step made no layer
  bool operator==(const HistoryEntry&) const = default;
};

struct ImageConfig {
  std::string created;  // RFC 3339, e.g. "2024-01-02T03:04:05Z"
  std::string author;
  std::string architecture;  // required when serialised for an image
  std::string os;
  std::string variant;
  std::string os_version;  // "os.version"
  ContainerConfig config;
  std::vector<Digest> diff_ids;  // rootfs.diff_ids; rootfs.type is "layers"
  std::vector<HistoryEntry> history;
  // Top-level fields we do not model (e.g. "container_config"), raw JSON.
  std::map<std::string, std::string> unknown;

  // Compact JSON, keys sorted, no insignificant whitespace; empty optional
  // fields omitted (no "Cmd": null). "config" and "rootfs" are always
  // written. Same value, same bytes.
  std::string ToJson() const;
  // Parses a config blob. Fails with kInvalidArgument
  // "image config: <reason>" on bad JSON, wrong field types, a rootfs type
  // other than "layers" or a malformed diff_id.
  static Expected<ImageConfig> FromJson(std::string_view text);

  bool operator==(const ImageConfig&) const = default;
};

}  // namespace mybuild::oci
