#include "executor/copy_chmod.h"

#include <sys/stat.h>

namespace mybuild::executor {
namespace {

constexpr mode_t kUser = S_ISUID | S_IRWXU;
constexpr mode_t kGroup = S_ISGID | S_IRWXG;
constexpr mode_t kOther = S_ISVTX | S_IRWXO;

// rwx bits of `perm` (in "other" position, 0-7) spread over `who`.
mode_t Spread(mode_t perm, mode_t who) {
  mode_t out = 0;
  if (who & kUser) out |= perm << 6;
  if (who & kGroup) out |= perm << 3;
  if (who & kOther) out |= perm;
  return out;
}

// The rwx of the `from` class of `mode`, in "other" position.
mode_t ClassBits(mode_t mode, char from) {
  return from == 'u'   ? (mode >> 6) & 7
         : from == 'g' ? (mode >> 3) & 7
                       : mode & 7;
}

}  // namespace

Expected<ChmodSpec> ChmodSpec::Parse(const std::string& text) {
  ChmodSpec spec;
  auto bad = [&] {
    return InvalidArgument("invalid --chmod \"" + text +
                           "\": want octal digits or [ugoa][-+=][rwxXst]");
  };
  if (!text.empty() &&
      text.find_first_not_of("01234567") == std::string::npos) {
    if (text.size() > 4) return bad();
    spec.octal_ = true;
    spec.mode_ = static_cast<mode_t>(std::stoul(text, nullptr, 8));
    return spec;
  }
  size_t i = 0;
  while (i <= text.size()) {
    mode_t who = 0;
    for (; i < text.size() &&
           std::string("ugoa").find(text[i]) != std::string::npos;
         ++i) {
      who |= text[i] == 'u'   ? kUser
             : text[i] == 'g' ? kGroup
             : text[i] == 'o' ? kOther
                              : kUser | kGroup | kOther;
    }
    if (who == 0) who = kUser | kGroup | kOther;
    if (i >= text.size() ||
        std::string("+-=").find(text[i]) == std::string::npos)
      return bad();
    while (i < text.size() &&
           std::string("+-=").find(text[i]) != std::string::npos) {
      Op op{who, text[i++], 0, false, 0};
      if (i < text.size() &&
          std::string("ugo").find(text[i]) != std::string::npos) {
        op.copy_from = text[i++];
      } else {
        for (; i < text.size() &&
               std::string("rwxXst").find(text[i]) != std::string::npos;
             ++i) {
          switch (text[i]) {
            case 'r':
              op.bits |= Spread(4, who);
              break;
            case 'w':
              op.bits |= Spread(2, who);
              break;
            case 'x':
              op.bits |= Spread(1, who);
              break;
            case 'X':
              op.big_x = true;
              break;
            case 's':
              op.bits |= who & (S_ISUID | S_ISGID);
              break;
            case 't':
              op.bits |= who & S_ISVTX;
              break;
          }
        }
      }
      spec.ops_.push_back(op);
    }
    if (i < text.size() && text[i] != ',') return bad();
    ++i;
  }
  return spec;
}

mode_t ChmodSpec::Apply(mode_t old, bool dir) const {
  if (octal_) return mode_;
  mode_t mode = old & 07777;
  for (const Op& op : ops_) {
    mode_t bits = op.bits;
    if (op.copy_from) bits |= Spread(ClassBits(mode, op.copy_from), op.who);
    if (op.big_x && (dir || (mode & 0111))) bits |= Spread(1, op.who);
    if (op.op == '+') mode |= bits;
    if (op.op == '-') mode &= ~bits;
    if (op.op == '=') mode = (mode & ~op.who) | bits;
  }
  return mode;
}

}  // namespace mybuild::executor
