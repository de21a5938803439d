// --annotation [TYPE[,TYPE...]:]KEY=VALUE, as buildx spells it: TYPE is
// manifest (the default), manifest-descriptor, index or index-descriptor,
// each optionally with a platform in brackets ("manifest[linux/amd64]").
// Parsing is pure.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::exporter {

struct Annotation {
  std::string type;      // "manifest", "manifest-descriptor", "index", "index-descriptor"
  std::string platform;  // "" for every platform, else "os/arch[/variant]"
  std::string key, value;
  bool operator==(const Annotation&) const = default;
};

// One --annotation value, one Annotation per type named. Fails with
// kInvalidArgument, buildx's reasons prefixed with the value:
//   invalid --annotation "foo": expected key=value
//   invalid --annotation "blob:k=v": unknown annotation type "blob"
//   invalid --annotation "manifest[x:k=v": invalid annotation type "manifest[x",
//     expected type and optional platform in square brackets
//   invalid --annotation "index:k=v": index annotations not supported for
//     single platform export (BuildKit's words), unless `several_platforms`
//     (a build of several makes an index: index: and index-descriptor:)
Expected<std::vector<Annotation>> ParseAnnotation(const std::string& value,
                                                  bool several_platforms = false);

// The annotations of `type` that apply to an image of `platform`
// ("linux/amd64"), later ones winning.
std::map<std::string, std::string> AnnotationsFor(const std::vector<Annotation>& all,
                                                  const std::string& type,
                                                  const std::string& platform);

}  // namespace mybuild::exporter
