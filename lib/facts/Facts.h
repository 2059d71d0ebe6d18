// The closed vocabulary the fact builder extracts from Clang's CFG. Everything
// downstream (dataflow, checks, explain) works on these facts and never on the AST.
#pragma once

#include "diag/Diagnostic.h"
#include "facts/ThreadFacts.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
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
  // The moved-from state when the standard specifies it ("is null", "is not
  // joinable"); empty: valid but unspecified.
  std::string MovedFrom;
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

// ---------------------------------------------------------------- loans
// A loan is a borrow of some storage (a local variable, a by-value parameter
// or a temporary) made at one place in the code; an origin is a variable
// whose value may hold loans (a pointer, reference, view, iterator, a lambda
// capturing by reference, a container or struct of such). The loan dies when
// its storage ends; an error is a use of an origin that may hold a dead loan.
using LoanId = uint32_t;
using OriginId = uint32_t;
using StorageId = uint32_t;
constexpr StorageId NoStorage = UINT32_MAX;

enum class StorageKind : uint8_t {
  Local,
  Parameter,
  Temporary,
  Heap,    // allocated by a `new` or malloc() in this function
  Pointee, // what a pointer of unknown origin points to (a parameter, a call's result)
};

// Storage that only `delete`/`free()` ends.
inline bool isFreeable(StorageKind K) { return K == StorageKind::Heap || K == StorageKind::Pointee; }

struct Storage {
  StorageKind Kind = StorageKind::Local;
  std::string Name;             // "s"; empty for temporaries; the pointer for heap/pointee
  std::optional<Span> Declared; // declarator name, or the temporary's / allocation's expression
  bool SmartOwner = false;      // a local std::unique_ptr / std::shared_ptr: frees what it owns
};

// Why a storage's loans died (Expire facts).
enum class EndReason : uint8_t {
  ScopeEnd,   // the variable's scope or the temporary's full expression ended
  Reset,      // unique_ptr::reset(): the owned object is freed
  Reassigned, // a unique_ptr assigned a new value: the old object is freed
  MovedOut,   // a unique_ptr moved into another owner
  // ContentsOnly: a member function invalidated what points into a container
  Reallocated, // growth or insertion that may move the buffer (push_back, +=, insert)
  Erased,      // erase
  Destroyed,   // clear, assign: every element
};

// The loan reached the result of a call only through a summary inferred from
// the callee's body: the callee's declaration could say so with an attribute.
struct LifetimeBoundHint {
  Span InsertAt;         // just after the parameter's name
  std::string Function;  // "pick"
  std::string Parameter; // "a"
};

struct Loan {
  StorageId Of;
  Span BorrowedAt; // `&x`, `s`, `s.c_str()`, `[&s]`
  std::optional<LifetimeBoundHint> Hint;
  // A borrow of what an owner holds (an element, an iterator, its buffer:
  // `v[0]`, `v.begin()`, `s.c_str()`, `std::string_view(s)`), not of the owner
  // object itself (`&v`, `const auto& r = v`): mutating the owner can end it.
  bool Contents = false;
};

enum class OriginKind : uint8_t {
  Local,   // a local variable or parameter
  Escaped, // a global or a field of *this: still reachable after the function returns
};

struct Origin {
  OriginKind Kind = OriginKind::Local;
  std::string Name;
  bool IsReference = false;
  bool GlobalState = false; // Escaped: what [[clang::lifetime_capture_by(global)]] of Name keeps
};

enum class LoanFactKind : uint8_t {
  Flow,   // Dst := (Kill ? {} : Dst) + Loans (issued afresh here) + contents of Srcs
  Use,    // the value of Dst is used: read through, called, passed on
  Expire, // the storage ends: every loan of it is dead from here on
  Return, // the function returns a value holding Loans + contents of Srcs
  Free,   // delete / free() of the value holding Loans + contents of Srcs: its heap storage ends
  Adopt,  // a smart pointer (Dies, or NoStorage) takes ownership of the value holding Loans + Srcs
  Release, // the smart pointer Dies gives up ownership without freeing (release())
};

struct LoanFact {
  LoanFactKind Kind;
  OriginId Dst = 0;             // Flow, Use
  StorageId Dies = 0;           // Expire; Adopt: the adopting smart pointer (or NoStorage)
  EndReason Reason = EndReason::ScopeEnd; // Expire
  bool ContentsOnly = false;    // Expire: only the Contents loans of Dies end (invalidation)
  bool Kill = false;            // Flow: an assignment replaces the old loans
  bool Element = false;         // Flow: the value is one element of several (`*it`, `v[0]`, a
                                // range-for variable): which element's loans it holds is unknown
  bool ReadThrough = false;     // Flow: the value is read through a borrow (`*it`, `v[0]`): the
                                // Contents loans that made the borrow do not flow into it
  std::vector<LoanId> Loans;    // Flow, Return
  std::vector<OriginId> Srcs;   // Flow, Return
  // Held on some paths only (the arms of `c ? a : b`, a call whose result may
  // borrow from several arguments): they count for "may", not for "must".
  std::vector<LoanId> MayLoans;
  std::vector<OriginId> MaySrcs;
  std::string Name;             // Free, Adopt: the pointer as written ("p", "u.get()")
  Span Where;                   // the statement, use, `}` or end of statement
  bool Deref = true;            // Use: reads through the borrow (UB when dead)
  bool PassedOn = false;        // Use: only hands the borrow to a function
};

struct FunctionFacts {
  std::string Name; // qualified name, for --dump and internal errors
  FlowGraph Graph;
  std::vector<Place> Places;
  std::vector<std::vector<Fact>> Blocks; // indexed like Graph
  // Facts that hold on one edge only, applied after the source block.
  std::map<std::pair<uint32_t, uint32_t>, std::vector<Fact>> EdgeFacts;
  // For the move analysis only: Graph plus edges into each try statement's
  // dispatch block (which leads to its handlers, unreachable in Graph): from
  // every block of the try body and from the blocks entering it. An edge in
  // ThrowEdges leaves from within its source block: the exception may come
  // from any point in it, not only the end. Unset when there is no try.
  std::optional<FlowGraph> MoveGraph;
  std::set<std::pair<uint32_t, uint32_t>> ThrowEdges;
  const FlowGraph &moveGraph() const { return MoveGraph ? *MoveGraph : Graph; }

  // Loans (lifetimes), laid out like Blocks.
  std::vector<Storage> Storages;
  std::vector<Loan> Loans;
  std::vector<Origin> Origins;
  std::vector<std::vector<LoanFact>> LoanBlocks;
  bool ReturnsReference = false;    // the return type is T& or T*: "reference to" wording
  bool HasBorrowedParameter = false; // some parameter is a reference or pointer (else rustc says E0106)
  ThreadFacts Threads;               // threads spawned here (ThreadBuilder.cpp)

  // Is A the same place as B or one of B's ancestors (B is a field of A)?
  bool isPrefixOf(PlaceId A, PlaceId B) const {
    for (; B != NoPlace; B = Places[B].Parent)
      if (A == B)
        return true;
    return false;
  }
};

} // namespace borrowck
