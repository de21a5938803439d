// The recursive-descent parser behind ParseScript. Internal to lint/shell:
// parser.cc and compound_parser.cc hold the grammar, lexer.cc blanks,
// operators, redirections and here-docs, word_parser.cc words.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "lint/shell/ast.h"

namespace mybuild::lint::shell::internal {

// Characters that end a word: blanks, newline and the operator characters.
inline bool IsMetaChar(char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case ';':
    case '&':
    case '|':
    case '(':
    case ')':
    case '<':
    case '>':
      return true;
    default:
      return false;
  }
}

class Parser {
 public:
  Parser(std::string_view src, std::vector<ParseError>* errors, int depth)
      : src_(src), errors_(errors), depth_(depth) {}

  // Parses commands until the end of input, or (nested) until `)`, `;;` or
  // one of `stops` as a reserved word at command position.
  List ParseList(std::initializer_list<std::string_view> stops);

 private:
  // Grammar (parser.cc).
  bool AtListEnd(std::initializer_list<std::string_view> stops);
  bool ParseAndOr(AndOr* out);
  bool ParsePipeline(Pipeline* out);
  bool ParseCommand(Command* out);
  void ParseSimple(Command* out);
  bool ParseCompound(std::string_view word, Command* out);
  void ParseIf(Command* out);
  void ParseLoop(Command* out);
  void ParseFor(Command* out);
  void ParseCase(Command* out);
  void ParseFunction(Command* out, std::string name);
  void ParseDoubleBracket(Command* out);
  void ParseRedirects(Command* out);
  List ParseBody(std::initializer_list<std::string_view> stops);
  void Expect(std::string_view reserved);
  void SkipSeparators();

  // Lexing (lexer.cc) and words (word_parser.cc).
  void SkipBlanks();
  bool SkipNewline();
  bool AtEnd() const { return pos_ >= src_.size(); }
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0';
  }
  bool StartsWith(std::string_view s) const {
    return src_.substr(pos_, s.size()) == s;
  }
  // The plain word at the cursor when it is a possible reserved word.
  std::string_view PeekReserved() const;
  bool ConsumeReserved(std::string_view word);
  // The control operator at the cursor ("&&", "|", ";;", ...) or "".
  std::string_view PeekOperator() const;
  // A redirection at the cursor (with its optional fd prefix), or false.
  bool TryRedirect(Redirect* out);
  bool AtWordStart() const;
  Word ParseWord();
  void ParseWordPart(Word* w, std::vector<WordPart>* parts);
  void ParseDoubleQuoted(Word* w, std::vector<WordPart>* parts);
  void ParseDollar(Word* w, std::vector<WordPart>* parts);
  void ParseBackquote(Word* w, std::vector<WordPart>* parts);
  void ParseSubstitution(Word* w, std::vector<WordPart>* parts, size_t start,
                         size_t open_len);
  std::string ScanBalanced(char open, char close);
  void ReadHeredoc(Redirect* r);
  void Error(size_t offset, std::string message);

  std::string_view src_;
  size_t pos_ = 0;
  std::vector<ParseError>* errors_;
  int depth_;              // nesting of command substitutions
  int paren_depth_ = 0;    // open subshells/substitutions: `)` ends a list
  size_t heredoc_at_ = 0;  // where the next here-doc body starts (0: unset)
  size_t heredoc_line_end_ = 0;  // the newline those bodies follow
};

// A word of one literal part spanning [begin, begin + text.size()).
Word LiteralWord(size_t begin, std::string_view text);

// Appends `part` to `parts`, merging adjacent literal text.
void AppendLiteral(std::vector<WordPart>* parts, WordPart::Kind kind,
                   std::string_view text);

}  // namespace mybuild::lint::shell::internal
