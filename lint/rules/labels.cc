#include "lint/rules/labels.h"

namespace mybuild::lint::rules {

std::set<std::string> LabelsOf(const LintContext& ctx, size_t stage) {
  const auto& stages = ctx.dockerfile().stages;
  std::set<std::string> keys;
  std::set<size_t> visited;
  while (stage < stages.size() && visited.insert(stage).second) {
    for (const frontend::Instruction& i : stages[stage].instructions) {
      if (const auto* l = std::get_if<frontend::LabelInstruction>(&i)) {
        for (const frontend::KeyValue& kv : l->labels)
          keys.insert(Unquote(kv.key));
      }
    }
    size_t parent = stages.size();
    for (size_t p = 0; p < stage; ++p) {
      if (!stages[p].name.empty() && stages[p].name == stages[stage].base)
        parent = p;
    }
    stage = parent;
  }
  return keys;
}

void ForEachSchemaLabel(
    const LintContext& ctx, const std::string& type,
    const std::function<void(const std::string&, const std::string&, int)>&
        fn) {
  const auto& schema = ctx.options().label_schema;
  ForEach<frontend::LabelInstruction>(
      ctx, [&](const frontend::LabelInstruction& l, size_t) {
        for (const frontend::KeyValue& kv : l.labels) {
          std::string key = Unquote(kv.key);
          auto it = schema.find(key);
          if (it == schema.end() || (!type.empty() && it->second != type))
            continue;
          fn(key, Unquote(kv.value), l.range.start_line);
        }
      });
}

}  // namespace mybuild::lint::rules
