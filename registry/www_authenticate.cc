#include "registry/www_authenticate.h"

#include <cctype>

namespace mybuild::registry {
namespace {

bool IsTokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-.^_`|~/:").find(c) !=
             std::string_view::npos;
}

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  void SkipSpaces() {
    while (!done() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
  }
  void SkipSpacesAndCommas() {
    while (!done() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == ',')) ++i_;
  }
  bool Peek(char c) const { return !done() && s_[i_] == c; }
  std::string Token() {
    size_t start = i_;
    while (!done() && IsTokenChar(s_[i_])) ++i_;
    return std::string(s_.substr(start, i_ - start));
  }
  std::string Quoted() {  // at the opening quote
    std::string out;
    for (++i_; !done() && s_[i_] != '"'; ++i_) {
      if (s_[i_] == '\\' && i_ + 1 < s_.size()) ++i_;
      out += s_[i_];
    }
    if (!done()) ++i_;
    return out;
  }
  size_t pos() const { return i_; }
  void Rewind(size_t pos) { i_ = pos; }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(c));
  return s;
}

// Reads `name=value` pairs until the next challenge's scheme or the end.
void ReadParams(Scanner* in, AuthChallenge* challenge) {
  for (;;) {
    in->SkipSpacesAndCommas();
    size_t start = in->pos();
    std::string name = in->Token();
    in->SkipSpaces();
    if (name.empty() || !in->Peek('=')) {
      in->Rewind(start);  // a new scheme (or junk) begins here
      return;
    }
    in->Rewind(in->pos() + 1);
    in->SkipSpaces();
    std::string value = in->Peek('"') ? in->Quoted() : in->Token();
    challenge->params[Lower(name)] = value;
  }
}

}  // namespace

std::string AuthChallenge::Param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

std::vector<AuthChallenge> ParseWwwAuthenticate(std::string_view value) {
  std::vector<AuthChallenge> out;
  Scanner in(value);
  for (;;) {
    in.SkipSpacesAndCommas();
    std::string scheme = in.Token();
    if (scheme.empty()) break;
    AuthChallenge challenge;
    challenge.scheme = Lower(scheme);
    ReadParams(&in, &challenge);
    out.push_back(std::move(challenge));
  }
  return out;
}

}  // namespace mybuild::registry
