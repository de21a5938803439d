// A text dump of a BuildGraph, for `mybuild debug dump-graph` and the golden
// tests that pin graphs and cache keys. The format is line-based and stable:
//
//   target 1 app
//   order 0 1
//   proxy-args HTTP_PROXY          (only when some were given)
//   stage 0 builder
//     from image docker.io/library/busybox:1@sha256:<hex>
//     deps -
//     base-key <hex>
//     Dockerfile:3 run RUN make
//       key <hex>
//       recipe {"argv":[...],...}
//     Dockerfile:4 config ENV A=1
//   stage 2 (unnamed) not needed
//   stage 3 (image)                (COPY --from=alpine:3: an implicit stage)
//     from image docker.io/library/alpine:3@sha256:<hex>
//     deps -
//     base-key <hex>
//
// Stages the target does not need are listed as "not needed" and show
// nothing else (they were never planned). Newlines inside an instruction's
// text are shown as "\n".
#pragma once

#include <string>

#include "planner/build_graph.h"

namespace mybuild::planner {

// The dump of `graph`; ends with a newline.
std::string DumpGraph(const BuildGraph& graph);

}  // namespace mybuild::planner
