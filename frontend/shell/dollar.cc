// The '$' half of WordScanner: names, ${...} forms and their modifiers.
#include <utility>

#include "frontend/shell/pattern.h"
#include "frontend/shell/word_scanner.h"
#include "frontend/unicode/classes.h"
#include "frontend/unicode/utf8.h"

namespace mybuild::frontend::shell::internal {

using unicode::AppendRune;
using unicode::IsDigit;
using unicode::IsLetter;

namespace {

constexpr int kMaxDepth = 100;

bool IsSpecialParameter(char32_t r) {
  switch (r) {
    case '@':
    case '*':
    case '#':
    case '?':
    case '-':
    case '$':
    case '!':
    case '0':
      return true;
    default:
      return false;
  }
}

Status MissingBrace() { return InvalidArgument("syntax error: missing '}'"); }

Status Unsupported(const std::string& op) {
  return InvalidArgument("unsupported modifier (" + op + ") in substitution");
}

Status BadPattern(const std::string& pattern, const Status& why) {
  return InvalidArgument("invalid pattern (" + pattern +
                         ") in substitution: " + why.message());
}

}  // namespace

std::optional<std::string> WordScanner::GetEnv(const std::string& name) {
  std::optional<std::string> value = env_.Lookup(name);
  (value ? out_->matched : out_->unmatched).insert(name);
  return value;
}

std::string WordScanner::Name() {
  // A digit starts a positional parameter (all of the digits); a special
  // character is a parameter by itself; otherwise letters, digits and _.
  std::string name;
  for (char32_t ch = Peek(); ch != kEof; ch = Peek()) {
    if (name.empty() && IsDigit(ch)) {
      while (Peek() != kEof && IsDigit(Peek())) AppendRune(&name, Next());
      return name;
    }
    if (name.empty() && IsSpecialParameter(ch)) {
      AppendRune(&name, Next());
      return name;
    }
    if (!IsLetter(ch) && !IsDigit(ch) && ch != '_') break;
    AppendRune(&name, Next());
  }
  return name;
}

Status WordScanner::Dollar(std::string* result) {
  Next();  // the '$'
  if (Peek() != '{') {
    const std::string name = Name();
    if (name.empty()) {
      result->push_back('$');  // "$" before anything else is literal
      return Status::Ok();
    }
    const std::optional<std::string> value = GetEnv(name);
    if (!value && options_.skip_unset_env) {
      result->append("$" + name);
    } else if (value) {
      result->append(*value);
    }
    return Fits(*result);
  }
  Next();  // the '{'
  if (depth_ >= kMaxDepth) {
    return InvalidArgument("syntax error: substitutions nested too deeply");
  }
  ++depth_;
  Status status = Braced(result);
  --depth_;
  RETURN_IF_ERROR(status);
  return Fits(*result);
}

Status WordScanner::Braced(std::string* result) {
  const char32_t first = Peek();
  if (first == kEof) return MissingBrace();
  if (first == '{' || first == '}' || first == ':') {
    return InvalidArgument("syntax error: bad substitution");
  }
  const std::string name = Name();
  const char32_t ch = Next();
  std::string shown;
  AppendRune(&shown, ch);
  switch (ch) {
    case kEof:
      return MissingBrace();
    case '}': {
      const std::optional<std::string> value = GetEnv(name);
      if (!value && options_.skip_unset_env) {
        result->append("${" + name + "}");
      } else if (value) {
        result->append(*value);
      }
      return Status::Ok();
    }
    case ':': {
      const char32_t op = Next();
      if (op != kEof) AppendRune(&shown, op);
      return Modifier(name, op, /*null_is_unset=*/true, shown, result);
    }
    case '+':
    case '-':
    case '?':
    case '#':
    case '%':
      return Modifier(name, ch, /*null_is_unset=*/false, shown, result);
    case '/':
      return Substitute(name, result);
    default:
      return Unsupported(shown);
  }
}

Status WordScanner::Modifier(const std::string& name, char32_t op,
                             bool null_is_unset, const std::string& shown_op,
                             std::string* result) {
  const bool is_pattern = op == '#' || op == '%';
  if (null_is_unset && is_pattern) return Unsupported(shown_op);
  std::string word;
  WordSplitter unused;
  if (Status st = ProcessStopOn('}', is_pattern, &word, &unused); !st.ok()) {
    return Peek() == kEof ? MissingBrace() : st;
  }
  const std::optional<std::string> value = GetEnv(name);
  if (!value && options_.skip_unset_env) {
    result->append("${" + name + shown_op + word + "}");
    return Status::Ok();
  }
  const bool empty = !value || (null_is_unset && value->empty());
  switch (op) {
    case '-':
      result->append(empty ? word : *value);
      return Status::Ok();
    case '+':
      if (!empty) result->append(word);
      return Status::Ok();
    case '?':
      if (empty) {
        const char* fallback =
            value ? "is not allowed to be empty" : "is not allowed to be unset";
        return InvalidArgument(name + ": " + (word.empty() ? fallback : word));
      }
      result->append(*value);
      return Status::Ok();
    case '#':
    case '%': {
      // A doubled operator (## or %%) asks for the longest match.
      const bool longest = !word.empty() && word[0] == static_cast<char>(op);
      if (longest) word.erase(0, 1);
      Expected<ShellPattern> pattern = ShellPattern::Parse(word);
      if (!pattern.ok()) return BadPattern(word, pattern.status());
      const std::string v = value.value_or("");
      result->append(op == '#' ? pattern->TrimPrefix(v, longest)
                               : pattern->TrimSuffix(v, longest));
      return Status::Ok();
    }
    default:
      return Unsupported(shown_op);
  }
}

Status WordScanner::Substitute(const std::string& name, std::string* result) {
  const bool all = Peek() == '/';
  if (all) Next();
  std::string pattern, replacement;
  WordSplitter unused;
  if (Status st = ProcessStopOn('/', true, &pattern, &unused); !st.ok()) {
    return Peek() == kEof ? InvalidArgument("syntax error: missing '/' in ${}")
                          : st;
  }
  if (Status st = ProcessStopOn('}', true, &replacement, &unused); !st.ok()) {
    return Peek() == kEof ? MissingBrace() : st;
  }
  const std::optional<std::string> value = GetEnv(name);
  if (!value && options_.skip_unset_env) {
    result->append("${" + name + (all ? "//" : "/") + pattern + "/" +
                   replacement + "}");
    return Status::Ok();
  }
  Expected<ShellPattern> compiled = ShellPattern::Parse(pattern);
  if (!compiled.ok()) return BadPattern(pattern, compiled.status());
  const std::string v = value.value_or("");
  if (!all) {
    result->append(compiled->ReplaceFirst(v, replacement));
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(std::string replaced, compiled->ReplaceAll(v, replacement));
  result->append(replaced);
  return Status::Ok();
}

}  // namespace mybuild::frontend::shell::internal
