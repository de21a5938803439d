// A strict little XML reader for tests: it parses what the XML formatters
// write back into a tree, rejecting anything not well-formed (unbalanced
// tags, raw '<' or '&' in text, a quote inside its own attribute, unknown
// entities), so a test that reads a report checks its syntax too.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace mybuild::lint::format::testing {

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attrs;  // entity references decoded
  std::vector<XmlElement> children;
  std::string text;  // concatenated character data, decoded
};

// Parses one document (an optional <?xml ...?> prolog, one root element,
// trailing whitespace). Fails with InvalidArgument naming the byte offset.
Expected<XmlElement> ParseXml(std::string_view doc);

}  // namespace mybuild::lint::format::testing
