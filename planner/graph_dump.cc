#include "planner/graph_dump.h"

#include <algorithm>

#include "planner/cache_key.h"

namespace mybuild::planner {
namespace {

std::string OneLine(std::string text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\\n") : std::string(1, c);
  return out;
}

std::string StageName(const StagePlan& s) {
  if (s.implicit) return "(image)";
  return s.name.empty() ? "(unnamed)" : s.name;
}

std::string From(const BuildGraph& g, const StagePlan& s) {
  if (s.base_stage >= 0) {
    return "stage " + std::to_string(s.base_stage) + " " +
           StageName(g.stages[s.base_stage]);
  }
  if (s.base_image.empty()) return "scratch";
  return "image " + s.base_image + "@" + s.base_manifest.str();
}

std::string List(const std::vector<int>& v) {
  if (v.empty()) return "-";
  std::string out;
  for (int i : v) out += (out.empty() ? "" : " ") + std::to_string(i);
  return out;
}

void DumpSteps(const StagePlan& s, std::string& out) {
  std::string parent = s.base_key;
  for (const Step& step : s.steps) {
    out += "  " + step.file + ":" + std::to_string(step.line) + " " +
           StepKindName(step.kind) + " " + OneLine(step.text) + "\n";
    if (step.kind == StepKind::kConfig) continue;
    out += "    key " + step.cache_key + "\n";
    out += "    recipe " + StepRecipe(step, parent, step.inputs_digest) + "\n";
    parent = step.cache_key;
  }
}

}  // namespace

std::string DumpGraph(const BuildGraph& g) {
  std::string out = "target " + std::to_string(g.target);
  if (g.target >= 0) out += " " + StageName(g.stages[g.target]);
  out += "\norder " + List(g.order) + "\n";
  if (!g.proxy_env.empty()) {
    out += "proxy-args";  // names only: values may hold credentials
    for (const std::string& kv : g.proxy_env) out += " " + kv.substr(0, kv.find('='));
    out += "\n";
  }
  for (size_t i = 0; i < g.stages.size(); ++i) {
    const StagePlan& s = g.stages[i];
    out += "stage " + std::to_string(i) + " " + StageName(s);
    if (std::find(g.order.begin(), g.order.end(), static_cast<int>(i)) ==
        g.order.end()) {
      out += " not needed\n";
      continue;
    }
    out += "\n  from " + From(g, s) + "\n";
    out += "  deps " + List(s.deps) + "\n";
    out += "  base-key " + s.base_key + "\n";
    DumpSteps(s, out);
  }
  return out;
}

}  // namespace mybuild::planner
