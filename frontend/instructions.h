// The typed Dockerfile: one struct per instruction, grouped into stages.
// Everything here is a value; nothing after the frontend sees the raw tree.
// Words are kept as written (unexpanded, quotes kept where BuildKit keeps
// them): the planner expands them with frontend/shell, which also removes
// quotes, as BuildKit does when it dispatches an instruction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "frontend/mount.h"

namespace mybuild::frontend {

struct SourceRange {
  int start_line = 0;  // 1-based, first physical line
  int end_line = 0;    // last physical line (continuations, heredoc bodies)
};

// A here-document: RUN's inline script or COPY/ADD's inline file.
struct Heredoc {
  std::string name;     // the delimiter, quotes removed: "EOF"
  std::string content;  // the body; leading tabs already removed for `<<-`
  bool expand = true;   // false when the delimiter was quoted (`<<'EOF'`)
  bool chomp = false;   // written as `<<-`
  uint64_t fd = 0;      // `3<<EOF` gives 3
};

// Fields every instruction has.
struct InstructionBase {
  SourceRange range;
  std::string original;  // the logical line as written (continuations joined)
};

enum class RunNetwork { kDefault, kNone, kHost };
enum class RunSecurity { kSandbox, kInsecure };

struct RunInstruction : InstructionBase {
  std::vector<std::string> args;  // shell form: one string; JSON: the array
  bool json_form = false;
  std::vector<Heredoc> heredocs;
  std::vector<MountSpec> mounts;
  RunNetwork network = RunNetwork::kDefault;
  RunSecurity security = RunSecurity::kSandbox;
};

// COPY and ADD.
struct CopyInstruction : InstructionBase {
  bool is_add = false;
  std::vector<std::string> sources;  // paths/URLs; heredoc sources excluded
  std::vector<Heredoc> heredocs;     // inline files, in marker order
  std::string dest;
  bool json_form = false;
  std::string from;    // COPY --from
  std::string chown;   // user[:group], as written
  std::string chmod;   // octal ("755") or symbolic ("u+x,go=r"), as written
  bool link = false;
  bool parents = false;                 // COPY --parents
  std::vector<std::string> excludes;    // --exclude, in order
  std::string checksum;                 // ADD --checksum
  bool keep_git_dir = false;            // ADD --keep-git-dir
  std::optional<bool> unpack;           // ADD --unpack
};

// ENV and LABEL pairs. Legacy `ENV k v w` gives one pair ("k", "v w").
struct KeyValue {
  std::string key;
  std::string value;  // unexpanded, quotes kept
};
struct EnvInstruction : InstructionBase {
  std::vector<KeyValue> vars;
};
struct LabelInstruction : InstructionBase {
  std::vector<KeyValue> labels;
};

struct ArgDecl {
  std::string name;
  std::optional<std::string> default_value;  // unexpanded, quotes kept
};
struct ArgInstruction : InstructionBase {
  std::vector<ArgDecl> args;
};

// CMD, ENTRYPOINT and SHELL (SHELL is always JSON).
struct CmdInstruction : InstructionBase {
  std::vector<std::string> args;
  bool json_form = false;
};
struct EntrypointInstruction : InstructionBase {
  std::vector<std::string> args;
  bool json_form = false;
};
struct ShellInstruction : InstructionBase {
  std::vector<std::string> args;
};

struct WorkdirInstruction : InstructionBase {
  std::string path;
};
struct UserInstruction : InstructionBase {
  std::string user;  // user[:group]
};
struct ExposeInstruction : InstructionBase {
  std::vector<std::string> ports;  // "80", "53/udp", "${PORT}", source order
};
struct VolumeInstruction : InstructionBase {
  std::vector<std::string> paths;
  bool json_form = false;
};
struct StopSignalInstruction : InstructionBase {
  std::string signal;
};
struct MaintainerInstruction : InstructionBase {
  std::string maintainer;
};

struct HealthcheckInstruction : InstructionBase {
  bool none = false;  // HEALTHCHECK NONE: disable the base image's check
  // As in the image config: {"CMD-SHELL", "cmd"} or {"CMD", "a", "b"}; {"NONE"}.
  std::vector<std::string> test;
  int64_t interval_ns = 0;  // 0: not set
  int64_t timeout_ns = 0;
  int64_t start_period_ns = 0;
  int64_t start_interval_ns = 0;
  int retries = 0;          // 0: not set
};

// ONBUILD: the trigger is stored as text for the image config; it has been
// parsed and validated as an instruction of its own.
struct OnbuildInstruction : InstructionBase {
  std::string expression;  // "RUN echo hi" (heredoc bodies appended)
  std::string trigger;     // upper-cased trigger keyword: "RUN"
};

using Instruction =
    std::variant<RunInstruction, CopyInstruction, EnvInstruction,
                 LabelInstruction, ArgInstruction, CmdInstruction,
                 EntrypointInstruction, ShellInstruction, WorkdirInstruction,
                 UserInstruction, ExposeInstruction, VolumeInstruction,
                 StopSignalInstruction, HealthcheckInstruction,
                 OnbuildInstruction, MaintainerInstruction>;

// The range of any instruction.
const SourceRange& RangeOf(const Instruction& instruction);

}  // namespace mybuild::frontend
