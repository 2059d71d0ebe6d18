// Internal to the initialisation fact builder (factgen/InitBuilder.cpp): the
// slots of locals declared without an initialiser, and the adapter to Clang's
// uninitialized-values analysis for scalars.
#pragma once

#include "facts/Facts.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Type.h"

#include <cstdint>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
}

namespace borrowck {

class ParentIndex;
class SpanMaker;

namespace init {

// ---- slots (init/Slots.cpp)

// Small arrays get one slot per element; larger ones one slot for the whole
// array (any write fills it: we under-claim).
constexpr uint64_t MaxElementSlots = 16;
constexpr uint32_t MaxSlotsPerVar = 64;

// Is VD a local the analysis cares about: declared in FD itself, without an
// initialiser (or with a trivial default constructor, which leaves the fields
// indeterminate)?
bool declaredUninitialised(const clang::VarDecl *VD, const clang::FunctionDecl &FD);
// How many slots a value of type T takes; 0: not tracked.
uint32_t slotCount(clang::QualType T);
// The slots' names: `s.a`, `a[1]`.
void slotNames(clang::QualType T, const std::string &Prefix, std::vector<std::string> &Out);
// Offset of field F within its record's slots.
uint32_t fieldOffset(const clang::FieldDecl *F);

// ---- Clang's analysis for scalars (init/ClangUninit.cpp)

// Runs Clang's uninitialized-values analysis (as Sema does for
// -Wuninitialized) and adds an UninitRead to Out for each of Scalars it
// reports, with the branches that skip every write.
void addClangUninitReads(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                         const SpanMaker &Spans, const ParentIndex &Parents,
                         const std::vector<const clang::VarDecl *> &Scalars, FunctionFacts &Out);

} // namespace init
} // namespace borrowck
