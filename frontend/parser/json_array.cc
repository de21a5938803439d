#include "frontend/parser/json_array.h"

#include "frontend/unicode/go_strings.h"
#include "frontend/unicode/utf8.h"

namespace mybuild::frontend::parser {

using unicode::AppendRune;
using unicode::DecodeRune;
using unicode::Rune;
using unicode::TrimLeftSpace;
using unicode::kRuneError;

namespace {

constexpr size_t kMaxDepth = 10000;  // encoding/json's maxNestingDepth

bool IsJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A single pass that validates the whole text and decodes the top-level
// array's string elements. Containers are tracked on an explicit stack so
// deep nesting cannot overflow the C++ stack.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  JsonArray Run();

 private:
  void SkipSpace() {
    while (i_ < s_.size() && IsJsonSpace(s_[i_])) ++i_;
  }
  bool At(char c) const { return i_ < s_.size() && s_[i_] == c; }
  bool Value();           // one value; containers only opened
  bool String(std::string* out);
  bool Unicode4(char32_t* out);
  bool Number();
  bool Literal(std::string_view word);
  bool AfterValue();      // closes containers and consumes separators
  bool ObjectKey();       // `"key" :` inside an object

  std::string_view s_;
  size_t i_ = 0;
  std::string stack_;     // '[' or '{' per open container
  bool expect_value_ = true;
  JsonArray result_;
  bool non_string_ = false;
};

JsonArray Scanner::Run() {
  s_ = TrimLeftSpace(s_);
  if (!At('[')) return result_;
  while (true) {
    if (expect_value_) {
      if (!Value()) return JsonArray{};
    } else {
      if (!AfterValue()) return JsonArray{};
      if (stack_.empty()) break;
    }
  }
  SkipSpace();
  if (i_ != s_.size()) return JsonArray{};
  result_.status =
      non_string_ ? JsonArrayStatus::kNotStrings : JsonArrayStatus::kOk;
  if (non_string_) result_.items.clear();
  return result_;
}

bool Scanner::Value() {
  SkipSpace();
  if (i_ >= s_.size()) return false;
  const bool element = stack_.size() == 1;  // a member of the top array
  const char c = s_[i_];
  if (element && c != '"') non_string_ = true;
  if (c == '[' || c == '{') {
    if (stack_.size() >= kMaxDepth) return false;
    stack_.push_back(c);
    ++i_;
    SkipSpace();
    if (At(c == '[' ? ']' : '}')) {
      expect_value_ = false;  // AfterValue closes the empty container
      return true;
    }
    if (c == '{') return ObjectKey();
    return true;
  }
  expect_value_ = false;
  if (c == '"') {
    std::string decoded;
    if (!String(&decoded)) return false;
    if (element) result_.items.push_back(std::move(decoded));
    return true;
  }
  if (c == 't') return Literal("true");
  if (c == 'f') return Literal("false");
  if (c == 'n') return Literal("null");
  return Number();
}

bool Scanner::AfterValue() {
  SkipSpace();
  if (stack_.empty()) return true;
  if (i_ >= s_.size()) return false;
  const char open = stack_.back();
  const char c = s_[i_++];
  if (c == (open == '[' ? ']' : '}')) {
    stack_.pop_back();
    return true;
  }
  if (c != ',') return false;
  expect_value_ = true;
  return open == '[' || ObjectKey();
}

bool Scanner::ObjectKey() {
  SkipSpace();
  std::string key;
  if (!At('"') || !String(&key)) return false;
  SkipSpace();
  if (!At(':')) return false;
  ++i_;
  expect_value_ = true;
  return true;
}

bool Scanner::Literal(std::string_view word) {
  if (s_.substr(i_, word.size()) != word) return false;
  i_ += word.size();
  return true;
}

bool Scanner::Number() {
  auto digits = [this] {
    size_t start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > start;
  };
  if (At('-')) ++i_;
  if (At('0')) {
    ++i_;
  } else if (!digits()) {
    return false;
  }
  if (At('.')) {
    ++i_;
    if (!digits()) return false;
  }
  if (At('e') || At('E')) {
    ++i_;
    if (At('+') || At('-')) ++i_;
    if (!digits()) return false;
  }
  return true;
}

bool Scanner::Unicode4(char32_t* out) {
  if (i_ + 4 > s_.size()) return false;
  char32_t v = 0;
  for (int k = 0; k < 4; ++k) {
    int h = HexValue(s_[i_ + k]);
    if (h < 0) return false;
    v = v << 4 | static_cast<char32_t>(h);
  }
  i_ += 4;
  *out = v;
  return true;
}

bool Scanner::String(std::string* out) {
  ++i_;  // opening quote
  while (i_ < s_.size()) {
    const auto c = static_cast<unsigned char>(s_[i_]);
    if (c == '"') {
      ++i_;
      return true;
    }
    if (c < 0x20) return false;
    if (c >= 0x80) {
      Rune r = DecodeRune(s_, i_);
      AppendRune(out, r.value);
      i_ += r.width;
      continue;
    }
    ++i_;
    if (c != '\\') {
      out->push_back(static_cast<char>(c));
      continue;
    }
    if (i_ >= s_.size()) return false;
    const char e = s_[i_++];
    switch (e) {
      case '"': case '\\': case '/': out->push_back(e); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'u': {
        char32_t r;
        if (!Unicode4(&r)) return false;
        if (r >= 0xD800 && r < 0xE000) {
          // A high surrogate pairs only with an immediately following low
          // one; anything else decodes as U+FFFD and is left in place.
          char32_t low = 0;
          size_t save = i_;
          if (r < 0xDC00 && s_.substr(i_, 2) == "\\u" && (i_ += 2, true) &&
              Unicode4(&low) && low >= 0xDC00 && low < 0xE000) {
            r = 0x10000 + ((r - 0xD800) << 10) + (low - 0xDC00);
          } else {
            i_ = save;
            r = kRuneError;
          }
        }
        AppendRune(out, r);
        break;
      }
      default:
        return false;
    }
  }
  return false;
}

}  // namespace

JsonArray ParseJsonArray(std::string_view text) {
  return Scanner(text).Run();
}

}  // namespace mybuild::frontend::parser
