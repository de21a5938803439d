#include "cache/step_history.h"

#include <nlohmann/json.hpp>

#include "base/fd.h"
#include "base/sha256.h"
#include "planner/step_inputs.h"

namespace mybuild::cache {
namespace {

// 2: values sealed (planner::SealInputs). Files of version 1 held the
// values themselves; they are read as no record.
constexpr int kInputsVersion = 2;

}  // namespace

std::string StepHistory::BuildId(const std::string& context_abs,
                                 const std::string& dockerfile) {
  return Sha256Hex(context_abs + '\0' + dockerfile);
}

Status StepHistory::SaveInputs(const std::string& key,
                               const std::vector<planner::StepInput>& inputs) {
  return SaveSealedInputs(key, planner::SealInputs(inputs));
}

Status StepHistory::SaveSealedInputs(const std::string& key,
                                     const std::vector<planner::StepInput>& sealed) {
  RETURN_IF_ERROR(MakeDirs(paths_.InputsDir()));
  nlohmann::json list = nlohmann::json::array();
  for (const planner::StepInput& in : sealed) {
    list.push_back({in.name, in.value});
  }
  nlohmann::json j = {{"v", kInputsVersion}, {"key", key}, {"inputs", list}};
  // File names are bytes; one that is no UTF-8 is stored with U+FFFD in
  // place of its bad bytes, which only makes explain call it added.
  return WriteFileAtomic(paths_.Inputs(key),
                         j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

std::optional<std::vector<planner::StepInput>> StepHistory::LoadInputs(
    const std::string& key) const {
  Expected<std::string> text = ReadFile(paths_.Inputs(key));
  if (!text.ok()) return std::nullopt;
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("key", "") != key ||
      j.value("v", 0) != kInputsVersion ||
      !j["inputs"].is_array()) {
    return std::nullopt;
  }
  std::vector<planner::StepInput> out;
  for (const nlohmann::json& e : j["inputs"]) {
    if (!e.is_array() || e.size() != 2 || !e[0].is_string() || !e[1].is_string()) {
      return std::nullopt;
    }
    out.push_back({e[0].get<std::string>(), e[1].get<std::string>()});
  }
  return out;
}

BuildHistory StepHistory::Load(const std::string& build_id) const {
  BuildHistory out;
  Expected<std::string> text = ReadFile(paths_.History(build_id));
  if (!text.ok()) return out;
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return out;
  for (const auto& [slot, key] : j.items()) {
    if (key.is_string()) out[slot] = key.get<std::string>();
  }
  return out;
}

Status StepHistory::Save(const std::string& build_id,
                         const BuildHistory& history) {
  RETURN_IF_ERROR(MakeDirs(paths_.HistoryDir()));
  nlohmann::json j(history);
  return WriteFileAtomic(paths_.History(build_id), j.dump() + "\n");
}

}  // namespace mybuild::cache
