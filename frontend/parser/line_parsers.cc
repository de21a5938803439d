#include "frontend/parser/line_parsers.h"

#include "frontend/parser/json_array.h"
#include "frontend/parser/split_command.h"
#include "frontend/unicode/classes.h"
#include "frontend/unicode/go_strings.h"
#include "frontend/unicode/utf8.h"

namespace mybuild::frontend::parser {

using unicode::AppendRune;
using unicode::DecodeRune;
using unicode::IsSpace;
using unicode::Quote;
using unicode::Rune;

namespace {

constexpr size_t kNoLimit = static_cast<size_t>(-1);

Status NotStrings() {
  return InvalidArgument(
      "when using JSON array syntax, arrays must be comprised of strings "
      "only");
}

void AddAll(Node* node, const std::vector<std::string_view>& parts) {
  for (std::string_view part : parts) node->args.emplace_back(part);
}

// The JSON form shared by both parseMaybeJSON variants: when `rest` is a
// JSON array of strings, appends them, marks the node and returns true;
// false when `rest` is not a JSON array; an error for non-string items.
Expected<bool> TakeJsonArray(std::string_view rest, Node* node) {
  JsonArray json = ParseJsonArray(rest);
  if (json.status == JsonArrayStatus::kNotStrings) return NotStrings();
  if (json.status != JsonArrayStatus::kOk) return false;
  for (std::string& item : json.items) node->args.push_back(std::move(item));
  node->json = true;
  return true;
}

// parseMaybeJSON (RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK's command).
Status MaybeJson(std::string_view rest, Node* node) {
  if (rest.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(bool json, TakeJsonArray(rest, node));
  if (!json) node->args.emplace_back(rest);
  return Status::Ok();
}

// parseMaybeJSONToList (ADD, COPY, VOLUME).
Status MaybeJsonToList(std::string_view rest, Node* node) {
  ASSIGN_OR_RETURN(bool json, TakeJsonArray(rest, node));
  if (!json && !rest.empty()) {
    AddAll(node, SplitOnSeparators(rest, kNoLimit));
  }
  return Status::Ok();
}

// parseNameVal (ENV, LABEL): `k v` legacy form or `k=v ...`; three args per
// pair: key, value and "" (legacy) or "=".
Status NameVal(std::string_view rest, const char* key, char escape,
               Node* node) {
  std::vector<std::string> words = ParseWords(rest, escape);
  if (words.empty()) return Status::Ok();
  if (words[0].find('=') == std::string::npos) {
    std::vector<std::string_view> parts = SplitOnSeparators(rest, 2);
    if (parts.size() < 2) {
      return InvalidArgument(std::string(key) + " must have two arguments");
    }
    AddAll(node, {parts[0], parts[1], ""});
    return Status::Ok();
  }
  for (const std::string& word : words) {
    size_t eq = word.find('=');
    if (eq == std::string::npos) {
      return InvalidArgument("Syntax error - can't find = in " + Quote(word) +
                             ". Must be of the form: name=value");
    }
    node->args.push_back(word.substr(0, eq));
    node->args.push_back(word.substr(eq + 1));
    node->args.push_back("=");
  }
  return Status::Ok();
}

// parseHealthConfig: the first word (bytes that are not Latin-1 spaces) is
// the type; the remainder is parsed like RUN.
Status HealthConfig(std::string_view rest, Node* node) {
  auto space = [&rest](size_t i) {
    return IsSpace(static_cast<unsigned char>(rest[i]));
  };
  size_t sep = 0;
  while (sep < rest.size() && !space(sep)) ++sep;
  size_t next = sep;
  while (next < rest.size() && space(next)) ++next;
  if (sep == 0) return Status::Ok();
  node->args.emplace_back(rest.substr(0, sep));
  return MaybeJson(rest.substr(next), node);
}

Status Dispatch(const std::string& keyword, std::string_view rest, char escape,
                Node* node) {
  if (keyword == "add" || keyword == "copy" || keyword == "volume") {
    return MaybeJsonToList(rest, node);
  }
  if (keyword == "run" || keyword == "cmd" || keyword == "entrypoint" ||
      keyword == "shell") {
    return MaybeJson(rest, node);
  }
  if (keyword == "from" || keyword == "expose") {
    if (!rest.empty()) AddAll(node, SplitOnSeparators(rest, kNoLimit));
    return Status::Ok();
  }
  if (keyword == "maintainer" || keyword == "user" || keyword == "workdir" ||
      keyword == "stopsignal") {
    if (!rest.empty()) node->args.emplace_back(rest);
    return Status::Ok();
  }
  if (keyword == "arg") {
    node->args = ParseWords(rest, escape);
    return Status::Ok();
  }
  if (keyword == "env") return NameVal(rest, "ENV", escape, node);
  if (keyword == "label") return NameVal(rest, "LABEL", escape, node);
  if (keyword == "healthcheck") return HealthConfig(rest, node);
  if (keyword == "onbuild") {
    if (rest.empty()) return Status::Ok();
    ASSIGN_OR_RETURN(Node child, NodeFromLine(rest, escape));
    node->children.push_back(std::move(child));
    return Status::Ok();
  }
  node->args.emplace_back();  // unknown instruction: one empty argument
  return Status::Ok();
}

}  // namespace

std::vector<std::string> ParseWords(std::string_view rest, char escape) {
  enum { kSpaces, kWord, kQuote } phase = kSpaces;
  std::vector<std::string> words;
  std::string word;
  char32_t quote = 0;
  bool blank_ok = false;
  const char32_t esc = static_cast<unsigned char>(escape);
  Rune r{0, 0};
  for (size_t pos = 0; pos <= rest.size(); pos += r.width) {
    const bool end = pos == rest.size();
    if (!end) r = DecodeRune(rest, pos);
    if (phase == kSpaces) {
      if (end) break;
      if (IsSpace(r.value)) continue;
      phase = kWord;
    }
    if (end) {
      if (blank_ok || !word.empty()) words.push_back(word);
      break;
    }
    const bool at_last = pos + r.width == rest.size();
    if (phase == kWord) {
      if (IsSpace(r.value)) {
        phase = kSpaces;
        if (blank_ok || !word.empty()) words.push_back(word);
        word.clear();
        blank_ok = false;
        continue;
      }
      if (r.value == '\'' || r.value == '"') {
        quote = r.value;
        blank_ok = true;
        phase = kQuote;
      }
      if (r.value == esc) {
        if (at_last) continue;  // an escape at the very end is dropped
        AppendRune(&word, r.value);
        pos += r.width;
        r = DecodeRune(rest, pos);
      }
      AppendRune(&word, r.value);
      continue;
    }
    // kQuote
    if (r.value == quote) phase = kWord;
    if (r.value == esc && quote != '\'') {
      if (at_last) {
        phase = kWord;
        continue;
      }
      pos += r.width;
      AppendRune(&word, r.value);
      r = DecodeRune(rest, pos);
    }
    AppendRune(&word, r.value);
  }
  return words;
}

Expected<Node> NodeFromLine(std::string_view line, char escape) {
  SplitLine split = SplitCommand(line);
  Node node;
  node.value = std::move(split.keyword);
  node.flags = std::move(split.flags);
  node.original = std::string(line);
  RETURN_IF_ERROR(Dispatch(node.value, split.rest, escape, &node));
  return node;
}

}  // namespace mybuild::frontend::parser
