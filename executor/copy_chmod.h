// COPY/ADD --chmod: octal ("755") or symbolic ("u+x,go=rX"), as chmod(1)
// reads them.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::executor {

class ChmodSpec {
 public:
  // Parses `text`. Symbolic clauses are [ugoa]*([-+=]([rwxXst]*|[ugo]))+,
  // comma-separated; no "who" means all (no umask is applied). Fails:
  //   invalid --chmod "u+y": want octal digits or [ugoa][-+=][rwxXst]
  static Expected<ChmodSpec> Parse(const std::string& text);

  // The mode a copied file or directory gets from its mode `old`
  // (permission and set-id/sticky bits only).
  mode_t Apply(mode_t old, bool dir) const;

 private:
  struct Op {
    mode_t who;      // mask of the bits the clause may touch
    char op;         // '+', '-', '='
    mode_t bits;     // rwxst expanded over who
    bool big_x;      // X: execute for dirs or already-executable files
    char copy_from;  // 'u', 'g', 'o' or 0
  };
  bool octal_ = false;
  mode_t mode_ = 0;
  std::vector<Op> ops_;
};

}  // namespace mybuild::executor
