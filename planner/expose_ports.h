// EXPOSE's port specs as BuildKit reads them (dockerfile2llb's
// convert_expose.go): "[ip:][hostPort:]containerPort[/proto]", where a
// port may be a range "8000-8002".
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::planner {

// The "port/proto" keys `spec` adds to ExposedPorts: one per port of the
// container port range, proto lower-cased, "tcp" when absent; the IP and
// host port are checked and dropped. Fails with kInvalidArgument and
// BuildKit's words:
//   invalid port: "80/foo": invalid proto: foo
//   invalid port: "/tcp": no port specified
//   invalid containerPort: 9-8
//   invalid hostPort: x
//   invalid ranges specified for container and host Ports: 1-2 and 1-3
//   invalid IP address: localhost
Expected<std::vector<std::string>> ExposedPorts(const std::string& spec);

}  // namespace mybuild::planner
