// Per translation unit: what each function does, memoised. Every fact
// generator asks here what a callee does; none guesses on its own.
#pragma once

#include "ast/CalleeSummaries.h"
#include "model/Attributes.h"

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CXXRecordDecl;
class FieldDecl;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace borrowck {

class SpanMaker;
class TypeModel;
struct MethodSummary; // summary/MemberThreads.h
struct ThisThread;
struct CalleeAccesses; // summary/SharedAccesses.h
struct ParamUse;
struct FreeSummary; // summary/Frees.h

// Per translation unit: what each function does, one facet at a time, each
// computed lazily and once (recursion gets a conservative answer).
class SummaryCache : public CalleeSummaries {
public:
  SummaryCache();
  ~SummaryCache() override;

  // ---- borrows
  // Which inputs the result borrows (summary/ResultBorrows.cpp).
  const ResultBorrows &resultBorrows(const clang::FunctionDecl *F, const TypeModel &Model) override;
  // Does member F return a pointer to what a unique_ptr element of a container
  // field of *this owns, and which element (summary/Elements.cpp)?
  const ElementResult &elementResult(const clang::FunctionDecl *F) override;

  // What a function defined in the translation unit does to the containers its
  // non-const reference parameters refer to: the strongest invalidation among
  // its member calls on them, directly or through helpers (summary/Mutations.cpp).
  struct Mutation {
    uint8_t What = 0;   // TypeModel::Invalidation
    std::string Method; // the member function that invalidates ("push_back")
  };
  const std::vector<Mutation> &mutations(const clang::FunctionDecl *F, const TypeModel &Model);

  // Where each parameter's borrows go ([[clang::lifetime_capture_by]]): one
  // list of targets per parameter, empty for most (summary/Captures.cpp).
  // Without the attribute, a member storing a parameter's borrow in a field
  // of *this captures it by this (inferred; Model says which types are views).
  const std::vector<std::vector<CaptureTarget>> &captures(const clang::FunctionDecl *F, const TypeModel &Model);

  // ---- ownership (summary/Frees.h, summary/Frees.cpp)
  // What F frees that its caller still holds: its pointer parameters, the
  // pointers a lambda captured, the fields of *this; on every path or some;
  // whether it also resets the pointer. Recursion, no body here, std's and
  // system headers' functions answer "nothing".
  const FreeSummary &frees(const clang::FunctionDecl *F);

  // ---- threads (summary/MemberThreads.h, summary/MemberThreads.cpp)
  // Which threads member function (or constructor) F starts that borrow *this
  // and outlive the call, which member threads it joins, whether it calls
  // members of *this we cannot see. Recursion (F reached again while being
  // summarised) answers an empty summary. Spans: where `this` is captured, and
  // where the thread is detached or stored.
  const MethodSummary &memberThreads(const clang::FunctionDecl *F, const SpanMaker &Spans);
  // Is the member thread T (started on an object of class RD) joined before
  // anything it uses dies, when the object is destroyed? Late: set to the
  // field it uses that dies first (a jthread or future member declared before it).
  bool joinedOnDestroy(const clang::CXXRecordDecl *RD, const ThisThread &T,
                       const clang::FieldDecl *&Late, const SpanMaker &Spans);
  // What the function defined by Def (a helper called from a thread body)
  // touches of shared state: globals, and the fields of *this when ThisShared
  // (the caller's *this is shared with a thread and the call is on it). Deep:
  // also the helpers it calls, one level down, except itself (the two-calls-deep
  // bound: the thread body's call is the first level).
  const CalleeAccesses &sharedAccesses(const clang::FunctionDecl *Def, bool ThisShared, bool Deep);
  // The uses of Def's parameter Param in its body, each read or written.
  const std::vector<ParamUse> &paramAccesses(const clang::FunctionDecl *Def, unsigned Param);
  // What calling member function Def on a shared object touches of it: the
  // fields of *this its body (and the members it calls on *this, to any depth)
  // reads or writes, and the globals, each under the locks held there (guards
  // on the object's own mutexes, REQUIRES()). Atomics, mutexes and const
  // fields are not accesses: a member touching only those is `&self` on a
  // `Sync` type. Opaque when the body does what cannot be followed
  // (summary/SharedAccesses.h). Recursion through other members adds nothing
  // (the same accesses under more locks) and is cut, not Opaque.
  // Dynamic: the class of the complete object when it is known (a local or
  // field held by value): virtual members called on *this run its final
  // overriders instead of making the summary Opaque.
  // Self >= 0: Def is a helper `*this` is handed to (`redirect(*this, ...)`),
  // as its parameter Self (a reference, or a pointer for `this`): what the
  // helper touches through that parameter, as a member would.
  const CalleeAccesses &memberAccesses(const clang::FunctionDecl *Def,
                                       const clang::CXXRecordDecl *Dynamic = nullptr, int Self = -1);
  // Does F write (or move from) the object its reference parameter I refers
  // to? From the body (summary/ParamWrites.cpp): assignments, non-const member
  // calls, and what the callees it passes the parameter to do, through
  // std::forward and std::move. A const reference or by-value parameter: no;
  // no body here, variadic, or recursion: yes (conservative). Memoised per (F, I).
  bool writesThroughParam(const clang::FunctionDecl *F, unsigned I);
  // Does the body of F read the object its parameter I names: any mention
  // but as the left side of a plain `=`? No body here: false (not shown).
  bool readsParam(const clang::FunctionDecl *F, unsigned I);
  // The local handles (threads, futures, containers of them) the body of the
  // callable F (a lambda's operator()) joins on every pass through it:
  // `t.join()`, `if (t.joinable()) t.join()`, `for (auto &t : ts) t.join()`
  // (summary/Joins.cpp). Declarations of the enclosing function (captured by
  // reference).
  const std::set<const clang::VarDecl *> &callableJoins(const clang::FunctionDecl *F);
  // Does destroying an object of class RD call a callable it holds (a
  // std::function or closure member called in the destructor, directly or in
  // a member it calls): a scope guard (summary/Joins.cpp).
  bool runsCallableOnDestroy(const clang::CXXRecordDecl *RD);

  // ---- initialisation (summary/OutParams.cpp) ----
  // Does F write through its pointer / reference parameter I (of non-const
  // scalar pointee) on every path that returns, on some, or on none? Unknown:
  // no body in the translation unit, virtual, variadic, not such a parameter,
  // or the analysis gave up. Memoised per (F, I).
  enum class OutParamWrites : uint8_t { Always, Sometimes, Never, Unknown };
  OutParamWrites outParamWrites(const clang::FunctionDecl *F, unsigned I, clang::ASTContext &Ctx);

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace borrowck
