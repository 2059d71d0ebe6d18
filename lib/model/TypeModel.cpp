#include "model/TypeModel.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace borrowck {

static const CXXRecordDecl *stdRecord(const CXXRecordDecl *R, llvm::StringRef &Name) {
  if (!R || !R->isInStdNamespace() || !R->getIdentifier())
    return nullptr;
  Name = R->getName();
  return R;
}

std::optional<ValueKind> TypeModel::movable(QualType T) const {
  T = T.getNonReferenceType();
  const Type *Key = T.getCanonicalType().getTypePtrOrNull();
  if (!Key)
    return std::nullopt;
  auto It = TypeCache.find(Key);
  if (It != TypeCache.end())
    return It->second;

  std::optional<ValueKind> Result;
  const CXXRecordDecl *R = T->getAsCXXRecordDecl();
  if (R && R->hasDefinition() && !R->isDependentType()) {
    llvm::StringRef Name;
    if (stdRecord(R, Name) && (Name == "unique_ptr" || Name == "shared_ptr"))
      Result = ValueKind::SmartPointer;
    else if (!R->isTriviallyCopyable())
      Result = ValueKind::Owner;
  }
  TypeCache[Key] = Result;
  return Result;
}

MethodEffect TypeModel::methodEffect(const CXXMethodDecl *M) const {
  auto It = MethodCache.find(M);
  if (It != MethodCache.end())
    return It->second;

  MethodEffect E = MethodEffect::Use;
  if (M->hasAttr<ReinitializesAttr>()) {
    E = MethodEffect::Reinit;
  } else if (const auto *Op = dyn_cast<CXXMethodDecl>(M);
             Op && (Op->isCopyAssignmentOperator() || Op->isMoveAssignmentOperator() ||
                    Op->getOverloadedOperator() == OO_Equal)) {
    E = MethodEffect::Reinit;
  } else {
    llvm::StringRef Class;
    if (stdRecord(M->getParent(), Class)) {
      std::string Name = M->getNameAsString();
      // libstdc++ puts shared_ptr's members in __shared_ptr / __shared_ptr_access.
      bool Smart = Class == "unique_ptr" || Class == "shared_ptr" || Class == "__shared_ptr" ||
                   Class == "__shared_ptr_access";
      bool Optional = Class == "optional" || Class == "any" || Class == "variant";
      // swap() gives the object the other one's (specified) value.
      if (Name == "clear" || Name == "assign" || Name == "reset" || Name == "swap" ||
          (Optional && Name == "emplace"))
        E = MethodEffect::Reinit;
      else if (Smart && (Name == "get" || Name == "use_count" || Name == "owner_before" ||
                         isa<CXXConversionDecl>(M)))
        E = MethodEffect::NullCheck;
    }
  }
  MethodCache[M] = E;
  return E;
}

bool TypeModel::isMoveFunction(const FunctionDecl *F) {
  if (!F || !F->isInStdNamespace() || !F->getIdentifier() || F->getNumParams() != 1)
    return false;
  return llvm::StringSwitch<bool>(F->getName())
      .Cases({"move", "forward", "move_if_noexcept"}, true)
      .Default(false);
}

} // namespace borrowck
