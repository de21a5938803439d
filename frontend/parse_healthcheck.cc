// HEALTHCHECK [flags] CMD ... | HEALTHCHECK NONE
#include <cctype>
#include <limits>
#include <optional>

#include "frontend/duration.h"
#include "frontend/flags.h"
#include "frontend/instruction_parser.h"

namespace mybuild::frontend {
namespace {

constexpr int64_t kMinimumDurationNs = 1000000;  // 1ms, as Docker requires

// An optional duration flag: 0 when absent; at least 1ms when given.
Expected<int64_t> Interval(const FlagSet& flags, const std::string& name) {
  std::optional<std::string> value = flags.String(name);
  if (!value || value->empty()) return int64_t{0};
  Expected<int64_t> ns = ParseDuration(*value);
  if (!ns.ok()) {
    return InvalidArgument("invalid HEALTHCHECK --" + name + ": " +
                           ns.status().message());
  }
  if (*ns < kMinimumDurationNs) {
    return InvalidArgument("HEALTHCHECK --" + name + " cannot be less than 1ms");
  }
  return *ns;
}

Expected<int> Retries(const FlagSet& flags) {
  std::optional<std::string> value = flags.String("retries");
  if (!value || value->empty()) return 0;
  const std::string& v = *value;
  size_t i = (v[0] == '-' || v[0] == '+') ? 1 : 0;
  int64_t n = 0;
  bool ok = i < v.size();
  for (; ok && i < v.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(v[i])) || n > (1LL << 32)) {
      ok = false;
    } else {
      n = n * 10 + (v[i] - '0');
    }
  }
  if (v[0] == '-') n = -n;
  if (!ok || n > std::numeric_limits<int32_t>::max() ||
      n < std::numeric_limits<int32_t>::min()) {
    return InvalidArgument("invalid HEALTHCHECK --retries=" + v +
                           ": not a number");
  }
  if (n < 1) {
    return InvalidArgument("HEALTHCHECK --retries must be at least 1 (not " +
                           std::to_string(n) + ")");
  }
  return static_cast<int>(n);
}

}  // namespace

Expected<Instruction> ParseHealthcheck(const parser::Node& node) {
  if (node.args.empty()) {
    return InvalidArgument("HEALTHCHECK requires at least one argument");
  }
  HealthcheckInstruction hc;
  static_cast<InstructionBase&>(hc) = BaseOf(node);
  std::string type = node.args[0];
  for (char& c : type) c = static_cast<char>(std::toupper(c));
  if (type == "NONE") {
    if (node.args.size() != 1 || !node.flags.empty()) {
      return InvalidArgument("HEALTHCHECK NONE takes no arguments");
    }
    hc.none = true;
    hc.test = {"NONE"};
    return Instruction(std::move(hc));
  }
  FlagSet flags("HEALTHCHECK");
  for (const char* f :
       {"interval", "timeout", "start-period", "start-interval", "retries"}) {
    flags.AddString(f);
  }
  RETURN_IF_ERROR(flags.Parse(node.flags));
  if (type != "CMD") {
    return InvalidArgument("unknown type \"" + node.args[0] +
                           "\" in HEALTHCHECK (try CMD)");
  }
  if (node.args.size() < 2) {
    return InvalidArgument("missing command after HEALTHCHECK CMD");
  }
  hc.test.push_back(node.json ? "CMD" : "CMD-SHELL");
  hc.test.insert(hc.test.end(), node.args.begin() + 1, node.args.end());
  ASSIGN_OR_RETURN(hc.interval_ns, Interval(flags, "interval"));
  ASSIGN_OR_RETURN(hc.timeout_ns, Interval(flags, "timeout"));
  ASSIGN_OR_RETURN(hc.start_period_ns, Interval(flags, "start-period"));
  ASSIGN_OR_RETURN(hc.start_interval_ns, Interval(flags, "start-interval"));
  ASSIGN_OR_RETURN(hc.retries, Retries(flags));
  return Instruction(std::move(hc));
}

}  // namespace mybuild::frontend
