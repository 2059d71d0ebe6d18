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
  bool OfThis = false; // a field of *this (in Rust, behind `&mut self`: E0507 to move out)
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
  // p.get(), `if (p)`, p == nullptr on a smart pointer: well-defined after a
  // move (null), so only a finding when another argument of the same call
  // moves p, and the result depends on the order the arguments are evaluated in.
  Value,
};

struct Fact {
  FactKind Kind;
  UseKind Use = UseKind::Borrow; // for Use (and Move: UseKind::Move)
  PlaceId Place;
  Span Where;                    // the expression: `std::move(s)`, `s`
  std::optional<Span> Loop;      // keyword of the innermost loop around it
  // Move: a copy of a move made by another argument of the same call, placed
  // before a use in this argument. C++ evaluates a call's arguments in an
  // unspecified order, so the value may or may not be moved yet here (the
  // move itself follows the call's arguments).
  bool Unsequenced = false;
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
  // The container a reference parameter, a reference local or a field of *this
  // designates: it outlives the function; only invalidation ends what points into it.
  Referent,
};

// Storage that only `delete`/`free()` ends.
inline bool isFreeable(StorageKind K) { return K == StorageKind::Heap || K == StorageKind::Pointee; }
// Storage that the function's return does not end.
inline bool outlivesFunction(StorageKind K) { return isFreeable(K) || K == StorageKind::Referent; }

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
  // IteratorsOnly: iterators die, references to elements stay valid
  IteratorsInvalidated, // deque growth at either end (push_back, push_front)
  Rehashed,             // unordered containers: insertion that may rehash, rehash, reserve
  MovedAway,            // ContentsOnly: the container was moved from; its elements went with it
  ErasedElement,        // node-based erase(it): the erased element and `it` itself
  MutablyBorrowed,      // --strict: a new `T&`/`T*` to a local ends its earlier borrows
  // ContentsOnly with OneElement: one element of the container (LoanFact::ElementKey)
  ElementReplaced, // a unique_ptr element assigned or reset (`v[0] = ...`): what it owned is freed
  ElementErased,   // node-based erase by key or iterator: the element and what it owned
};

// The loan reached the result of a call only through a summary inferred from
// the callee's body: the callee's declaration could say so with an attribute.
struct LifetimeBoundHint {
  Span InsertAt;         // just after the parameter's name
  std::string Function;  // "pick"
  std::string Parameter; // "a"
  // The function keeps the borrow in *this ([[clang::lifetime_capture_by(this)]]),
  // rather than returning it ([[clang::lifetimebound]]).
  bool CaptureByThis = false;
};

struct Loan {
  StorageId Of;
  Span BorrowedAt; // `&x`, `s`, `s.c_str()`, `[&s]`
  std::optional<LifetimeBoundHint> Hint;
  // A borrow of what an owner holds (an element, an iterator, its buffer:
  // `v[0]`, `v.begin()`, `s.c_str()`, `std::string_view(s)`), not of the owner
  // object itself (`&v`, `const auto& r = v`): mutating the owner can end it.
  bool Contents = false;
  // A Contents borrow made as an iterator (`v.begin()`, `m.find(k)`, a range-for's
  // hidden iterator), not a reference or pointer: deque growth and rehashing end it.
  bool Iterator = false;
  bool Mutable = false; // made by binding a `T&` or `T*` to a local (strict mode's E0499)
  // Of the object a std::shared_ptr (the storage, or a member of it) owns,
  // which other copies may keep alive: the storage's end breaks Rust's rule
  // (an Rc's borrow), not surely C++'s. Not set when the storage is surely
  // the only owner (made by make_shared here, never copied or moved).
  bool Shared = false;
  // Of the object a smart-pointer member of the storage owns (`h.owned.get()`):
  // returning or moving the whole storage hands that object over with it.
  bool MemberPointee = false;
  // Contents: of the object a unique_ptr element of the container owns
  // (`v.front().get()`). Growth, rehashing or moving the container moves
  // the unique_ptrs, not the objects: only erasing, clearing or reassigning
  // the element ends it.
  bool ElementPointee = false;
  // Contents: a reference or iterator to one element of a node-based container
  // (map, set, list, unordered_*): erasing another element leaves it valid.
  bool NodeElement = false;
  // Contents: the element borrowed, when the code names it by a constant key
  // or index (`v[0]`, `m.at(1)`, `m["a"]`: "0", "1", "\"a\""); empty: unknown.
  std::string ElementKey;
  // Made by a member-wise copy of an object whose destructor frees what the
  // field points to (`File b = a;` with the implicit copy constructor): both
  // objects now own it (rule of three). CopyOf: the class ("File"); CopyHow:
  // "copy constructor", "copy assignment", "move constructor"...
  std::string CopyOf;
  std::string CopyHow;
};

enum class OriginKind : uint8_t {
  Local,   // a local variable or parameter
  Escaped, // a global or a field of *this: still reachable after the function returns
};

struct Origin {
  OriginKind Kind = OriginKind::Local;
  std::string Name;
  bool IsReference = false;
  bool Hidden = false; // a variable the compiler made: a range-for's `__range`, `__begin`, `__end`
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
  // A reference local is bound anew (its declaration runs again in a loop): the
  // loans of its Referent storage taken before now designate another object.
  Forget,
};

struct LoanFact {
  LoanFactKind Kind;
  OriginId Dst = 0;             // Flow, Use
  StorageId Dies = 0;           // Expire; Adopt: the adopting smart pointer (or NoStorage)
  EndReason Reason = EndReason::ScopeEnd; // Expire
  bool ContentsOnly = false;    // Expire: only the Contents loans of Dies end (invalidation)
  bool IteratorsOnly = false;   // Expire with ContentsOnly: only the Iterator ones
  bool Overwrite = false;       // Expire with ContentsOnly: every loan of Dies (a scalar assigned)
  // Expire: only one element of Dies ends, the one ElementKey names (empty:
  // unknown, so every element may). Loans of another constant key stay,
  // loans of an unknown element (or of an unknown key) may end: "possible".
  // With ContentsOnly, ElementReplaced ends the ElementPointee loans,
  // ElementErased those and the loans of a known key.
  bool OneElement = false;
  // OneElement: references and iterators to a node of a map, set, list or
  // unordered container end too (Loan::NodeElement): erase(k), or erase(it)
  // of an iterator whose key is known. Not for `erase(it++)` of unknown keys:
  // the loop's own iterator holds such a loan.
  bool NodeElements = false;
  std::string ElementKey;
  bool SomePaths = false; // Expire: on some paths through the callee only: the loans may end
  // Expire with ContentsOnly: an insertion that moves elements to other
  // indices (`insert`, `emplace`, `push_front` of a vector or deque): element
  // loans keyed by index no longer surely name their element.
  bool Shifts = false;
  bool Kill = false;            // Flow: an assignment replaces the old loans
  bool Element = false;         // Flow, Free: the value is one element of several (`*it`, `v[0]`, a
                                // range-for variable): which element's loans it holds is unknown
  bool ReadThrough = false;     // Flow: the value is read through a borrow (`*it`, `v[0]`): the
                                // Contents loans that made the borrow do not flow into it
  std::vector<LoanId> Loans;    // Flow, Return
  std::vector<OriginId> Srcs;   // Flow, Return
  // Held on some paths only (the arms of `c ? a : b`, a call whose result may
  // borrow from several arguments): they count for "may", not for "must".
  std::vector<LoanId> MayLoans;
  std::vector<OriginId> MaySrcs;
  std::string Name;             // Free, Adopt: the pointer as written ("p", "u.get()");
                                // Expire: the invalidating call ("push_back", "grow")
  std::string Inner;            // Expire by a helper: the member call inside it ("push_back")
  // Free of one element per loop iteration: the container (`v`) holds this
  // pointer twice, from these two initialisers (`{p, q, p}`).
  std::string Container;
  Span StoredAt, StoredAgainAt;
  bool StrictOnly = false;      // Expire: valid C++, but Rust rejects it (reported with --strict)
  Span Where;                   // the statement, use, `}` or end of statement
  bool Deref = true;            // Use: reads through the borrow (UB when dead)
  bool PassedOn = false;        // Use: only hands the borrow to a function
  bool ElementValue = false;    // Use: reads a pointer element's value (`v[i] != nullptr`), not its pointee
  // Return: the returned value is this local storage itself, by value (`return h;`,
  // `return std::move(h);`): what its smart-pointer members own goes with it.
  StorageId HandsOver = NoStorage;
};

// A call given one container (a local owner, or what a reference parameter or
// field designates) in two arguments, one of them mutably: `append_all(v, v)`,
// `v.insert(v.end(), v.begin(), v.end())`. conflicting-borrows decides.
struct ContainerArg {
  uint32_t Container = 0;   // equal ids: the same container
  std::string Name;         // "v"
  Span Arg;
  bool Mutable = false;     // a `T&` parameter, or the object of a mutating member
  std::string Param;        // the callee's parameter ("dst"; "*this" for the object), if known
  bool Object = false;      // the object the member function is called on
  bool Invalidates = false; // the callee's summary: it may erase or reallocate through this parameter
  std::string Method;       // the invalidating member call inside the callee ("push_back")
  // What the callee's body shows it does through this parameter (false when
  // there is no body): writes the object, reads it. `swap_xor(x, x)`.
  bool Writes = false;
  bool Reads = false;
};

struct ContainerCall {
  std::string Callee;        // "append_all", "insert"
  Span Call;                 // the callee's name
  // vector/deque insert(pos, first, last) / assign(first, last): the standard
  // requires iterators into another container ([sequence.reqmts]).
  bool Precondition = false;
  std::vector<ContainerArg> Args;
};

// ---------------------------------------------------------------- initialisation
// Reads of a local before it holds a value (uninitialized-use). Scalars come
// from Clang's own uninitialized-values analysis, one UninitRead each; struct
// fields, array elements and variables passed to out-parameters that may not
// write them are tracked per slot (x, s.a, a[1]) by InitFacts and InitAnalysis.

// A branch after which the read always sees no value (Clang's UninitUse
// branches), or the construct that skips every initialisation.
enum class SkipKind : uint8_t {
  Condition,     // `if`, `?:`, `&&`, `||`, loop condition: Construct names it, Value is the outcome
  Case,          // this `case` label is taken
  Default,       // the `default` label is taken
  RangeNotEmpty, // a range-for runs its body
  NoCaseMatches, // a switch without `default` whose cases hold every initialisation
  LoopNotRun,    // a loop whose body holds every initialisation may not run
  MissingElse,   // the `}` of an `if` without `else` (after a Condition skip on `false`)
};

struct SkipPath {
  SkipKind Kind = SkipKind::Condition;
  std::string Construct; // "if", "&&", "||", "?:", "while", "for", "do", "switch"
  bool Value = false;    // Condition: the outcome that skips the initialisation
  Span Where;
};

struct UninitRead {
  std::string Name;
  std::string TypeName;
  std::optional<Span> Declared; // the declarator's name
  Span Use;
  bool Always = false;          // uninitialised on every path to the use
  std::vector<SkipPath> Skips;
};

// A tracked variable and its slots (leaves): one for a scalar or a large
// array, one per scalar field (recursively) or per element of a small array.
struct InitVar {
  std::string Name;
  std::string TypeName;
  std::optional<Span> Declared;
  uint32_t FirstSlot = 0, NumSlots = 0;
  bool Aggregate = false;            // a struct or an array
  std::vector<std::string> SlotNames; // "s.a", "a[1]"
  // Heap memory a local pointer holds: how it was allocated ("new[]", "new",
  // "malloc", "alloca") and the allocation as written (Declared is its span).
  std::string Heap;
  std::string Allocation;
};

enum class InitFactKind : uint8_t {
  Declare,    // the declaration runs: every slot of Var is uninitialised
  Write,      // the slots get a value (or escape to code that may write them)
  MaybeWrite, // a call to a function that writes its out-parameter on some paths only
  Forget,     // heap memory: the pointer now holds something else; its slots are no longer ours
  NoWrite,    // a call to a function that never writes its out-parameter: nothing changes
  Read,       // the slots are read
};

struct InitFact {
  InitFactKind Kind;
  uint32_t Var = 0;
  uint32_t First = 0, Count = 0; // the slots, absolute: [First, First + Count)
  Span Where;
  std::string What;     // Read: the place read ("s.b", "a[1]", "s"); MaybeWrite/NoWrite: the callee
  bool WholeCopy = false; // Read: a copy of the whole struct, not a scalar read
  bool AnyElement = false; // Read: `a[i]`, i not a constant: uninitialised only if every slot is
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
  std::vector<ContainerCall> ContainerCalls;
  bool ReturnsReference = false;    // the return type is T& or T*: "reference to" wording
  bool HasBorrowedParameter = false; // some parameter is a reference or pointer (else rustc says E0106)
  std::string ReturnType;            // as written, for the help: return `std::string`, not a view
  ThreadFacts Threads;               // threads spawned here (ThreadBuilder.cpp)

  // Initialisation (uninitialized-use): Clang's findings for scalars, and slot
  // facts for fields, elements and out-parameters, laid out like Blocks.
  std::vector<UninitRead> UninitReads;
  std::vector<InitVar> InitVars;
  uint32_t NumInitSlots = 0;
  std::vector<std::vector<InitFact>> InitBlocks;

  // Is A the same place as B or one of B's ancestors (B is a field of A)?
  bool isPrefixOf(PlaceId A, PlaceId B) const {
    for (; B != NoPlace; B = Places[B].Parent)
      if (A == B)
        return true;
    return false;
  }
};

} // namespace borrowck
