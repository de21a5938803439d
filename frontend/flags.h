// The `--name=value` flags of one instruction: which exist, and their values.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::frontend {

class FlagSet {
 public:
  // `instruction` names the instruction in messages ("COPY").
  explicit FlagSet(std::string instruction)
      : instruction_(std::move(instruction)) {}

  void AddString(const std::string& name) { kinds_[name] = Kind::kString; }
  void AddBool(const std::string& name) { kinds_[name] = Kind::kBool; }
  void AddList(const std::string& name) { kinds_[name] = Kind::kList; }

  // Reads flag words as the raw parser gives them ("--from=build",
  // "--link"). A bool flag without a value is true. Fails (InvalidArgument):
  //   unknown flag --chwon for COPY (did you mean --chown?)
  //   flag --from for COPY is given more than once
  //   flag --from for COPY needs a value
  //   flag --link for COPY takes true or false, not "yes"
  Status Parse(const std::vector<std::string>& words);

  // The value of a string flag, or nullopt when it was not given.
  std::optional<std::string> String(const std::string& name) const;
  // The value of a bool flag, or nullopt when it was not given.
  std::optional<bool> Bool(const std::string& name) const;
  // Every value of a list flag, in order.
  std::vector<std::string> List(const std::string& name) const;

 private:
  enum class Kind { kString, kBool, kList };
  std::string instruction_;
  std::map<std::string, Kind> kinds_;
  std::map<std::string, std::vector<std::string>> values_;
};

}  // namespace mybuild::frontend
