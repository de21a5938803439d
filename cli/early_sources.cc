#include "cli/early_sources.h"

#include <algorithm>
#include <cctype>
#include <variant>

namespace mybuild::cli {
namespace {

bool Remote(const std::string& src) {
  for (const char* prefix : {"http://", "https://", "git://", "ssh://", "git@"}) {
    if (src.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

bool Literal(const std::string& src) {
  return src.find_first_of("$\\\"'") == std::string::npos;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

std::vector<std::vector<std::string>> EarlyContextSources(const frontend::Dockerfile& df,
                                                          const std::string& target) {
  size_t last = df.stages.size();
  for (size_t i = 0; !target.empty() && i < df.stages.size(); ++i) {
    if (df.stages[i].name == Lower(target)) {
      last = i + 1;
      break;
    }
  }
  std::vector<std::vector<std::string>> lists;
  for (size_t i = 0; i < last; ++i) {
    for (const frontend::Instruction& inst : df.stages[i].instructions) {
      const auto* c = std::get_if<frontend::CopyInstruction>(&inst);
      if (c == nullptr || !c->from.empty()) continue;
      if (!std::all_of(c->sources.begin(), c->sources.end(), Literal)) continue;
      std::vector<std::string> local;
      bool url = false;
      for (const std::string& s : c->sources) {
        if (!Remote(s)) {
          local.push_back(s);
        } else if (!c->is_add) {
          url = true;  // the planner refuses it
        }
      }
      if (!url && !local.empty()) lists.push_back(std::move(local));
    }
  }
  return lists;
}

}  // namespace mybuild::cli
