#include "model/StdCalls.h"

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace borrowck {

bool isCFunction(const FunctionDecl *F, std::initializer_list<llvm::StringRef> Names) {
  if (!F || !F->getIdentifier())
    return false;
  const DeclContext *DC = F->getDeclContext()->getRedeclContext();
  if (!DC->isTranslationUnit() && !F->isInStdNamespace() && !DC->isExternCContext())
    return false;
  for (llvm::StringRef N : Names)
    if (F->getName() == N)
      return true;
  return false;
}

bool isAllocation(const FunctionDecl *F) {
  return isCFunction(F, {"malloc", "calloc", "realloc", "aligned_alloc", "strdup", "strndup"});
}

bool isDeallocation(const FunctionDecl *F) { return isCFunction(F, {"free"}); }

bool isStdName(const FunctionDecl *F, std::initializer_list<llvm::StringRef> Names) {
  if (!F || !F->isInStdNamespace() || !F->getIdentifier())
    return false;
  for (llvm::StringRef N : Names)
    if (F->getName() == N)
      return true;
  return false;
}

StdResultBorrow stdResultBorrow(const FunctionDecl *F) {
  if (isStdName(F, {"min", "max", "clamp"}))
    return StdResultBorrow::ReferenceParams;
  if (isStdName(F, {"move", "forward", "as_const", "addressof", "begin", "end", "cbegin", "cend",
                    "rbegin", "rend", "data", "get", "move_if_noexcept"}))
    return StdResultBorrow::FirstParam;
  const auto *MD = dyn_cast<CXXMethodDecl>(F);
  if (MD && MD->getIdentifier() && MD->getName() == "release" && MD->getParent()->isInStdNamespace())
    return StdResultBorrow::Nothing;
  return StdResultBorrow::Unknown;
}

bool stdTakesReferenceOnlyToLook(const FunctionDecl *F) {
  if (!F || !F->isInStdNamespace() || !F->getIdentifier())
    return false;
  return llvm::StringSwitch<bool>(F->getName())
      .Cases({"as_const", "forward", "addressof", "ref", "cref", "begin", "end"}, true)
      .Cases({"cbegin", "cend", "rbegin", "rend", "crbegin", "crend", "size"}, true)
      .Cases({"ssize", "data", "empty", "get", "back_inserter", "front_inserter"}, true)
      .Cases({"inserter", "make_move_iterator", "launder", "visit"}, true)
      .Default(false);
}

bool isStdExchange(const FunctionDecl *F) { return isStdName(F, {"exchange"}); }
bool isStdMoveOnly(const FunctionDecl *F) { return isStdName(F, {"move"}); }

MemberKind memberKind(const CXXMethodDecl *MD) {
  if (!MD || !MD->getIdentifier())
    return MemberKind::Other;
  return llvm::StringSwitch<MemberKind>(MD->getName())
      .Case("reset", MemberKind::Reset)
      .Case("release", MemberKind::Release)
      .Case("erase", MemberKind::Erase)
      .Case("insert", MemberKind::Insert)
      .Case("assign", MemberKind::Assign)
      .Cases({"size", "length", "empty", "size_bytes", "max_size"}, MemberKind::Length)
      .Default(MemberKind::Other);
}

bool requiresForeignIterators(const CXXMethodDecl *MD) {
  MemberKind K = memberKind(MD);
  if (K != MemberKind::Insert && K != MemberKind::Assign)
    return false;
  const auto *RD = MD->getParent();
  return RD->getIdentifier() && (RD->getName() == "vector" || RD->getName() == "deque");
}

bool isStdMakeShared(const FunctionDecl *F) {
  return F && isStdName(F, {"make_shared", "allocate_shared", "make_shared_for_overwrite",
                            "allocate_shared_for_overwrite"});
}

bool stdSharedMemberKeepsSole(const CXXMethodDecl *MD) {
  if (!MD || !MD->getParent()->isInStdNamespace())
    return false;
  if (isa<CXXConversionDecl>(MD))
    return true; // explicit operator bool
  switch (MD->getOverloadedOperator()) {
  case OO_Star:
  case OO_Arrow:
  case OO_Subscript:
    return true;
  case OO_None:
    break;
  default:
    return false;
  }
  if (!MD->getIdentifier())
    return false;
  return llvm::StringSwitch<bool>(MD->getName())
      .Cases({"get", "use_count", "unique", "owner_before", "owner_hash", "owner_equal", "reset"}, true)
      .Default(false);
}

} // namespace borrowck
