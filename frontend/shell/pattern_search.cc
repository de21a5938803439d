// The matching engine of ShellPattern: a Thompson NFA in which each live
// state remembers the smallest start position of the threads that reached
// it. Threads in one state have the same future, so the smallest start is
// the only one worth keeping; that gives leftmost-then-longest matches in a
// single pass, without the backtracking that made `*a*a*a...` patterns slow.
#include <cstdint>

#include "frontend/shell/pattern.h"

namespace mybuild::frontend::shell {
namespace {

constexpr size_t kDead = SIZE_MAX;

}  // namespace

std::optional<ShellPattern::Match> ShellPattern::Search(
    const std::vector<Token>& tokens, const std::vector<char32_t>& runes,
    size_t from, bool anchored, bool longest) {
  const size_t m = tokens.size();
  std::vector<size_t> live(m + 1, kDead), next(m + 1, kDead);
  auto close = [&](std::vector<size_t>& set) {
    for (size_t i = 0; i < m; ++i) {
      if (set[i] != kDead && tokens[i].kind == Kind::kAnyRun) {
        set[i + 1] = std::min(set[i + 1], set[i]);
      }
    }
  };
  std::optional<Match> best;
  for (size_t k = from;; ++k) {
    if (!best && (k == from || !anchored)) {
      live[0] = std::min(live[0], k);  // a thread starting here
      close(live);
    }
    if (const size_t s = live[m]; s != kDead) {
      if (!best || s < best->start || (s == best->start && k > best->end)) {
        best = Match{s, k};
      }
      if (!longest) return best;
    }
    if (k == runes.size()) break;
    const char32_t r = runes[k];
    std::fill(next.begin(), next.end(), kDead);
    bool alive = false;
    for (size_t i = 0; i < m; ++i) {
      const size_t s = live[i];
      if (s == kDead || (best && s > best->start)) continue;
      const Token& t = tokens[i];
      size_t target = kDead;
      if (t.kind == Kind::kAnyRun) {
        if (r != '\n') target = i;
      } else if (t.kind == Kind::kAnyOne ? r != '\n' : r == t.rune) {
        target = i + 1;
      }
      if (target == kDead) continue;
      next[target] = std::min(next[target], s);
      alive = true;
    }
    close(next);
    live.swap(next);
    if (!alive && (best || anchored)) break;
  }
  return best;
}

}  // namespace mybuild::frontend::shell
