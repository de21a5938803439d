// The tree of a POSIX shell script (a RUN body), small enough for lint rules:
// words keep their quoting and expansions as parts, commands nest through
// lists, and command substitutions carry their own parsed bodies.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace mybuild::lint::shell {

struct List;

// One piece of a word, in source order.
struct WordPart {
  enum class Kind {
    kLiteral,       // unquoted text; `text` is the characters
    kEscaped,       // backslash-escaped character; `text` is the character
    kSingleQuoted,  // '...' or $'...'; `text` is the content
    kDoubleQuoted,  // "..."; `parts` are the content
    kParameter,     // $NAME, ${...}, $1, $@; `text` is the source ("${X:-1}")
    kCommandSubst,  // $(...), `...`, <(...); `text` is the source, `body`
    kArithmetic,    // $((...)); `text` is the source
  };
  Kind kind = Kind::kLiteral;
  std::string text;
  std::vector<WordPart> parts;
  std::shared_ptr<const List> body;  // kCommandSubst only
};

// A shell word such as `"$HOME"/bin` or `--opt=x`.
struct Word {
  std::vector<WordPart> parts;
  // The word with quotes removed and escapes resolved; expansions stay as
  // written ("${V}", "$(cmd)"). What rules compare against.
  std::string value;
  size_t begin = 0;  // byte offsets of the word in the parsed text
  size_t end = 0;
  bool has_expansion = false;  // contains a parameter/command/arith part
  bool quoted = false;         // contains a quoted or escaped part
};

// `2>&1`, `> file`, `<<EOF`.
struct Redirect {
  int fd = -1;          // the explicit descriptor, or -1
  std::string op;       // "<", ">", ">>", "<&", ">&", "<>", ">|", "&>", "&>>",
                        // "<<", "<<-", "<<<"
  Word target;          // the file, descriptor or here-doc delimiter
  std::string heredoc;  // here-doc body (without the end line)
  bool heredoc_quoted = false;  // delimiter was quoted: no expansion
};

struct Command {
  enum class Kind {
    kSimple,      // assignments, words, redirects
    kSubshell,    // ( bodies[0] )
    kBraceGroup,  // { bodies[0]; }
    kIf,          // bodies: cond, then, [elif-cond, elif-then]..., [else]
    kWhile,       // bodies: cond, body
    kUntil,       // bodies: cond, body
    kFor,         // name, words (after `in`), bodies[0]
    kCase,        // words[0] is the subject; patterns[i] -> bodies[i]
    kFunction,    // name, bodies[0]
    kArithmetic,  // (( words[0] ))
    kTest,        // [[ words ]]
  };
  Kind kind = Kind::kSimple;
  std::vector<Word> assignments;
  std::vector<Word> words;
  std::vector<Redirect> redirects;
  std::vector<List> bodies;
  std::vector<std::vector<Word>> patterns;
  std::string name;
  bool has_else = false;  // kIf: the last body is the else branch
  size_t begin = 0;
  size_t end = 0;
};

// `a | b | c`, optionally negated with `!`.
struct Pipeline {
  std::vector<Command> commands;
  bool negated = false;
};

// `a && b || c`, optionally run in the background with `&`.
struct AndOr {
  enum class Op { kAnd, kOr };
  std::vector<Pipeline> pipelines;
  std::vector<Op> ops;  // ops[i] joins pipelines[i] and pipelines[i + 1]
  bool background = false;
};

// Commands separated by `;`, `&` or newlines.
struct List {
  std::vector<AndOr> items;
};

struct ParseError {
  size_t offset = 0;
  std::string message;
};

// A parsed script. The parser recovers from errors, so `body` holds what
// could be understood even when `errors` is not empty.
struct Script {
  List body;
  std::vector<ParseError> errors;
};

}  // namespace mybuild::lint::shell
