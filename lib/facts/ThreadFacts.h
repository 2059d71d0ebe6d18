// Thread facts: threads spawned in a function (std::thread, std::jthread,
// std::async), what their callables borrow and touch, and the points where
// they are joined, escape (detach, return, store, move away) or where what
// they borrow dies. Built by ThreadBuilder.cpp; no Clang here.
#pragma once

#include "diag/Diagnostic.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace borrowck {

constexpr uint32_t NoThreadHandle = UINT32_MAX;
constexpr uint32_t NoThreadVar = UINT32_MAX;

enum class HandleKind : uint8_t {
  Thread,  // std::thread: its destructor does not join (std::terminate if joinable)
  JThread, // std::jthread: its destructor joins
  Future,  // std::future from std::async: its destructor waits
};

// A variable two threads may share (captured by reference, passed by
// std::ref, a global, a field of *this), or a mutex / once_flag.
struct SharedVar {
  std::string Name;
  std::optional<Span> Declared;
  bool Local = false;   // owned by the function: a local or by-value parameter
  bool Guarded = false; // [[clang::guarded_by]]: Clang's -Wthread-safety checks it
  bool Global = false;  // a namespace-scope or static variable (in Rust a `static mut`)
  // A field of the shared object Of ("k.n"), touched through a member
  // function called on it (`k.inc()`): it overlaps Of, not Of's other fields.
  uint32_t Of = NoThreadVar;
};

struct ThreadAccess {
  uint32_t Var = 0;
  Span Where;
  bool Write = false;
  bool Element = false;        // one element of a container (`v[i]`), not the container
  // Not an access that races: a touch of an object that orders threads (an
  // atomic field, `k.ready_`, in `k.wait()`); the other thread's accesses may
  // be ordered by it (checks/Threads.cpp).
  bool Orders = false;
  std::vector<uint32_t> Locks; // the mutexes (Vars) held, sorted
  std::string Via;             // made inside this callee, called at Where ("inc")
};

struct ThreadBorrow {
  uint32_t Var = 0;
  Span At; // the capture (`[&x]`, the first use for `[&]`), `std::ref(x)`, `&x`
  bool AsThis = false; // `this` captured in a member function called on the local Var
  bool Maybe = false;  // through a pointer or view that may point into Var (on some paths)
  std::string Via;     // that pointer or view ("p")
};

// A spawn made by a member function called on a local object (`w.start()`),
// from the callee's summary: the thread borrows *this and outlives the call.
struct MemberSpawn {
  std::string Method;         // "start" (the class, for a constructor)
  bool Constructor = false;   // started by the constructor of the local (`Worker w;`)
  std::string Class;          // "Worker"
  std::optional<Span> Escape; // the callee's detach, or where it stores the thread
  bool Detached = false;
  std::string Field;          // the member holding the thread ("worker")
  std::string LateField;      // a field the thread uses, destroyed before the jthread joins
  bool Conditional = false;   // the member starts it on some paths only: a possible finding
  bool InContainer = false;   // Field is a container of threads (`std::vector<std::thread>`)
};

struct SpawnSite {
  Span Call;            // `std::thread t(...)`, `std::async(...)`, `ts.emplace_back(...)`
  Span Callable;        // the lambda's introducer, or the callable argument
  std::string Api;      // "std::thread", "std::jthread", "std::async"
  HandleKind Kind = HandleKind::Thread;
  bool Lambda = false;  // the callable is a lambda (`move`-style fix: capture by value)
  std::vector<ThreadBorrow> Borrows;
  std::vector<ThreadAccess> Accesses; // what the callable's body does to shared variables
  std::optional<MemberSpawn> Member;  // started inside a member function of a local object
};

struct ThreadHandle {
  std::string Name; // "t", "workers"
  HandleKind Kind = HandleKind::Thread;
  bool Container = false; // a container of threads / futures
  std::optional<Span> Declared;
};

enum class ThreadFactKind : uint8_t {
  Spawn,     // Spawn starts, held by Handle (or NoThreadHandle)
  Join,      // join() / get() / wait() on Handle: its threads have finished
  Escape,    // Handle's threads (or Spawn's, without a handle) outlive the function's control
  Transfer,  // Handle's threads move into handle To (a local container, another local)
  HandleEnd, // Handle is destroyed: jthread / future / containers of them join
  VarEnd,    // the variable Var (a SharedVar owned by the function) dies
  Access,    // the spawning thread touches a shared variable
};

enum class EscapeKind : uint8_t { Detached, Returned, Stored, MovedAway };

struct ThreadFact {
  ThreadFactKind Kind = ThreadFactKind::Spawn;
  uint32_t Spawn = 0;
  uint32_t Handle = NoThreadHandle;
  uint32_t To = NoThreadHandle; // Transfer
  uint32_t Var = 0;             // VarEnd
  EscapeKind How = EscapeKind::Detached;
  ThreadAccess Access;          // Access
  Span Where;
};

struct ThreadFacts;
// One variable contains the other (`k`, `k.n`, `k.f_.n`), or they are the same.
bool overlap(const ThreadFacts &T, uint32_t X, uint32_t Y);

struct ThreadFacts {
  std::vector<SharedVar> Vars;
  std::vector<SpawnSite> Spawns;
  std::vector<ThreadHandle> Handles;
  std::vector<std::vector<ThreadFact>> Blocks; // indexed like FunctionFacts::Graph
  bool empty() const { return Spawns.empty(); }
};

} // namespace borrowck
