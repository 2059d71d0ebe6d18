// The closed vocabulary the fact builder extracts from Clang's CFG. Everything
// downstream (dataflow, checks, explain) works on these facts and never on the AST.
#pragma once

#include "diag/Diagnostic.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace borrowck {

using PlaceId = uint32_t;
constexpr PlaceId NoPlace = ~0u;

// What the type model says a tracked value is.
enum class ValueKind : uint8_t {
  Owner,        // std containers, strings, user classes with non-trivial moves
  SmartPointer, // std::unique_ptr / std::shared_ptr: null after a move
};

// A memory location the analysis tracks: a local variable, a parameter, a
// field of either (p.name), or a field of *this in a member function.
struct Place {
  PlaceId Parent = NoPlace;  // p for p.name
  std::string Name;          // source spelling: "s", "p.name", "data_"
  std::string TypeName;      // as written where possible: "std::string"
  ValueKind Kind = ValueKind::Owner;
  std::optional<Span> Declared; // the declarator's name, when in the main file
};

enum class FactKind : uint8_t {
  Init,   // the variable's declaration runs (again, in a loop)
  Move,   // the value is moved out (std::move/forward/T&& consumed by a move)
  Reinit, // assignment, clear(), reset(), [[clang::reinitializes]], out-parameter
  Use,    // any other read, call, reference binding or dereference
};

enum class UseKind : uint8_t {
  Borrow, // reads through a reference: method call, operator, reference binding
  Copy,   // by-value copy: the value itself is used
  Move,   // moved again
  Deref,  // *p, p-> on a smart pointer
};

struct Fact {
  FactKind Kind;
  UseKind Use = UseKind::Borrow; // for Use (and Move: UseKind::Move)
  PlaceId Place;
  Span Where;                    // the expression: `std::move(s)`, `s`
  std::optional<Span> Loop;      // keyword of the innermost loop around it
};

// The function's control-flow graph, reduced to what dataflow needs.
struct FlowGraph {
  uint32_t Entry = 0;
  uint32_t Exit = 0;
  std::vector<std::vector<uint32_t>> Succs;
  std::vector<std::vector<uint32_t>> Preds;
  uint32_t size() const { return static_cast<uint32_t>(Succs.size()); }
};

struct FunctionFacts {
  std::string Name; // qualified name, for --dump and internal errors
  FlowGraph Graph;
  std::vector<Place> Places;
  std::vector<std::vector<Fact>> Blocks; // indexed like Graph
  // Facts that hold on one edge only, applied after the source block.
  std::map<std::pair<uint32_t, uint32_t>, std::vector<Fact>> EdgeFacts;

  // Is A the same place as B or one of B's ancestors (B is a field of A)?
  bool isPrefixOf(PlaceId A, PlaceId B) const {
    for (; B != NoPlace; B = Places[B].Parent)
      if (A == B)
        return true;
    return false;
  }
};

} // namespace borrowck
