// What a check found: structured events, no text. explain/ turns a Finding
// into a Diagnostic with the rule's words.
#pragma once

#include "diag/Diagnostic.h"
#include "facts/Facts.h"

#include <string>
#include <string_view>
#include <vector>

namespace borrowck {

enum class EventKind : uint8_t {
  Declared,  // the binding's declaration
  Moved,     // a move that reaches the use
  Used,      // the offending use (primary)
  LoopHead,  // the loop a move repeats in
};

struct Event {
  EventKind Kind;
  Span Where;
  bool PreviousIteration = false; // Moved: reaches the use through a loop back edge
  bool Partial = false;           // Moved: a field of the used value was moved
  std::string Place;              // Moved: the moved place ("p.name")
  std::string TypeName;           // Moved: its type
};

struct Finding {
  std::string_view Rule; // the rule's slug, from the generated table
  Confidence Certainty = Confidence::Definite;
  Behaviour Kind = Behaviour::BreaksRustRulesOnly;
  std::string Subject;     // the value the finding is about: "s", "p"
  std::string SubjectType; // its type as written
  ValueKind SubjectKind = ValueKind::Owner;
  UseKind Use = UseKind::Borrow;
  bool Partial = false;
  std::vector<Event> Events;

  const Event *primary() const {
    for (const Event &E : Events)
      if (E.Kind == EventKind::Used)
        return &E;
    return nullptr;
  }
};

} // namespace borrowck
