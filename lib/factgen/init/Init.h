// Internal to the initialisation fact builder (factgen/InitBuilder.cpp): the
// slots of locals declared without an initialiser, and the adapter to Clang's
// uninitialized-values analysis for scalars.
#pragma once

#include "facts/Facts.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Type.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
}

namespace borrowck {

class ParentIndex;
class SpanMaker;

namespace init {

// ---- slots (init/Slots.cpp)

// Small arrays get one slot per scalar of each element (`a[1]`, `a[1].x`);
// larger ones one slot for the whole array (any write fills it: we
// under-claim).
constexpr uint64_t MaxElementSlots = 16;
constexpr uint32_t MaxSlotsPerVar = 64;

// Is VD a local the analysis cares about: declared in FD itself, without an
// initialiser (or with a trivial default constructor, which leaves the fields
// indeterminate)?
bool declaredUninitialised(const clang::VarDecl *VD, const clang::FunctionDecl &FD);
// How many slots a value of type T takes; 0: not tracked.
uint32_t slotCount(clang::QualType T);
// An array too large for a slot per element: one slot for all of it.
bool arrayCollapsed(clang::QualType T);
// The slots' names: `s.a`, `a[1]`.
void slotNames(clang::QualType T, const std::string &Prefix, std::vector<std::string> &Out);
// Offset of field F within its record's slots.
uint32_t fieldOffset(const clang::FieldDecl *F);

// ---- heap memory (init/Heap.cpp)

// An allocation that leaves its memory indeterminate.
struct HeapAlloc {
  clang::QualType Elem; // canonical element type
  bool Array = false;   // new[], malloc, alloca
  uint64_t Count = 0;   // elements; 0: not known
  const char *How = ""; // "new[]", "new", "malloc", "alloca"
};
// E (through parentheses and casts) as such an allocation of a type with slots.
std::optional<HeapAlloc> uninitialisedAllocation(const clang::Expr *E, clang::ASTContext &Ctx);
// The type whose slots the memory has: the object, an array of Count
// elements, or null (count unknown: one slot).
clang::QualType heapLayout(const HeapAlloc &A, clang::ASTContext &Ctx);
// The slots' names through pointer Ptr: `*p`, `p->x`, `p[1]`, `p[1].x`.
void heapSlotNames(clang::QualType Layout, const std::string &Ptr, std::vector<std::string> &Out);

// ---- Clang's analysis for scalars (init/ClangUninit.cpp)

// Runs Clang's uninitialized-values analysis (as Sema does for
// -Wuninitialized) and adds an UninitRead to Out for each of Scalars it
// reports, with the branches that skip every write.
void addClangUninitReads(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                         const SpanMaker &Spans, const ParentIndex &Parents,
                         const std::vector<const clang::VarDecl *> &Scalars, FunctionFacts &Out);

} // namespace init
} // namespace borrowck
