#include "frontend/flags.h"

#include "base/spellcheck.h"

namespace mybuild::frontend {

Status FlagSet::Parse(const std::vector<std::string>& words) {
  for (const std::string& word : words) {
    std::string name = word.substr(2);  // the raw parser guarantees "--"
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    const std::string what = "flag --" + name + " for " + instruction_;
    auto kind = kinds_.find(name);
    if (kind == kinds_.end()) {
      std::vector<std::string> known;
      for (const auto& [k, unused] : kinds_) known.push_back("--" + k);
      std::string message = "unknown flag --" + name + " for " + instruction_;
      std::string guess = SpellCheck("--" + name, known);
      if (!guess.empty()) message += " (did you mean " + guess + "?)";
      return InvalidArgument(message);
    }
    std::vector<std::string>& slot = values_[name];
    if (kind->second != Kind::kList && !slot.empty()) {
      return InvalidArgument(what + " is given more than once");
    }
    if (kind->second == Kind::kBool) {
      std::string v = value.value_or("true");
      for (char& c : v) c = static_cast<char>(std::tolower(c));
      if (v != "true" && v != "false") {
        return InvalidArgument(what + " takes true or false, not \"" +
                               *value + "\"");
      }
      slot.push_back(v);
      continue;
    }
    if (!value) return InvalidArgument(what + " needs a value");
    slot.push_back(*value);
  }
  return Status::Ok();
}

std::optional<std::string> FlagSet::String(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.front();
}

std::optional<bool> FlagSet::Bool(const std::string& name) const {
  std::optional<std::string> v = String(name);
  if (!v) return std::nullopt;
  return *v == "true";
}

std::vector<std::string> FlagSet::List(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace mybuild::frontend
