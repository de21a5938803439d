#include "lint/shell/walk.h"

namespace mybuild::lint::shell {
namespace {

struct Visitor {
  const std::function<void(const Command&)>* on_command = nullptr;
  const std::function<void(const Pipeline&)>* on_pipeline = nullptr;

  void VisitParts(const std::vector<WordPart>& parts) const {
    for (const WordPart& p : parts) {
      if (p.body) Visit(*p.body);
      VisitParts(p.parts);
    }
  }

  void VisitWords(const std::vector<Word>& words) const {
    for (const Word& w : words) VisitParts(w.parts);
  }

  void Visit(const Command& c) const {
    if (on_command) (*on_command)(c);
    VisitWords(c.assignments);
    VisitWords(c.words);
    for (const Redirect& r : c.redirects) VisitParts(r.target.parts);
    for (const auto& patterns : c.patterns) VisitWords(patterns);
    for (const List& body : c.bodies) Visit(body);
  }

  void Visit(const List& list) const {
    for (const AndOr& item : list.items) {
      for (const Pipeline& p : item.pipelines) {
        if (on_pipeline) (*on_pipeline)(p);
        for (const Command& c : p.commands) Visit(c);
      }
    }
  }
};

}  // namespace

void ForEachCommand(const List& list,
                    const std::function<void(const Command&)>& fn) {
  Visitor v;
  v.on_command = &fn;
  v.Visit(list);
}

void ForEachPipeline(const List& list,
                     const std::function<void(const Pipeline&)>& fn) {
  Visitor v;
  v.on_pipeline = &fn;
  v.Visit(list);
}

}  // namespace mybuild::lint::shell
