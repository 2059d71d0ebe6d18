// The slots of a local declared without an initialiser: one per scalar
// field or element.
#include "factgen/init/Init.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace borrowck::init {

bool declaredUninitialised(const VarDecl *VD, const FunctionDecl &FD) {
  if (!VD->isLocalVarDecl() || VD->hasGlobalStorage() || VD->isExceptionVariable() ||
      VD->isImplicit() || VD->getDeclContext() != &FD || isa<DecompositionDecl>(VD))
    return false;
  QualType T = VD->getType();
  if (T.isVolatileQualified() || T->isReferenceType())
    return false;
  const Expr *Init = VD->getInit();
  if (!Init)
    return T->isScalarType() || T->isConstantArrayType();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit()))
    if (const CXXConstructorDecl *Ctor = CE->getConstructor())
      return Ctor->isDefaultConstructor() && Ctor->isTrivial() && CE->getNumArgs() == 0 &&
             !CE->requiresZeroInitialization() &&
             (T->isRecordType() || (T->isConstantArrayType() && T->getBaseElementTypeUnsafe()->isRecordType()));
  return false;
}

uint32_t slotCount(QualType T) {
  T = T.getCanonicalType();
  if (T->isScalarType())
    return 1;
  if (const auto *AT = dyn_cast<ConstantArrayType>(T.getTypePtr())) {
    uint32_t K = slotCount(AT->getElementType());
    if (!K || AT->getSize().getZExtValue() == 0)
      return 0;
    return arrayCollapsed(T) ? 1 : static_cast<uint32_t>(AT->getSize().getZExtValue()) * K;
  }
  if (const auto *RD = T->getAsCXXRecordDecl()) {
    if (!RD->hasDefinition() || RD->isUnion() || RD->getNumBases() || RD->isLambda() ||
        RD->isPolymorphic() || !RD->hasTrivialDefaultConstructor())
      return 0;
    uint32_t N = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (F->isAnonymousStructOrUnion() || F->isUnnamedBitField() || F->hasInClassInitializer())
        return 0;
      uint32_t C = slotCount(F->getType());
      if (!C)
        return 0;
      N += C;
      if (N > MaxSlotsPerVar)
        return 0;
    }
    return N;
  }
  return 0;
}

bool arrayCollapsed(QualType T) {
  const auto *AT = dyn_cast<ConstantArrayType>(T.getCanonicalType().getTypePtr());
  if (!AT)
    return false;
  uint64_t N = AT->getSize().getZExtValue();
  uint32_t K = slotCount(AT->getElementType());
  return N > MaxElementSlots || N * K > MaxSlotsPerVar;
}

void slotNames(QualType T, const std::string &Prefix, std::vector<std::string> &Out) {
  T = T.getCanonicalType();
  if (T->isScalarType()) {
    Out.push_back(Prefix);
  } else if (const auto *AT = dyn_cast<ConstantArrayType>(T.getTypePtr())) {
    uint64_t N = AT->getSize().getZExtValue();
    if (!arrayCollapsed(T))
      for (uint64_t I = 0; I < N; ++I)
        slotNames(AT->getElementType(), Prefix + "[" + std::to_string(I) + "]", Out);
    else
      Out.push_back(Prefix);
  } else if (const auto *RD = T->getAsCXXRecordDecl()) {
    for (const FieldDecl *F : RD->fields())
      slotNames(F->getType(), Prefix + "." + F->getNameAsString(), Out);
  }
}

uint32_t fieldOffset(const FieldDecl *F) {
  uint32_t Off = 0;
  for (const FieldDecl *G : F->getParent()->fields()) {
    if (G == F)
      break;
    Off += slotCount(G->getType());
  }
  return Off;
}

} // namespace borrowck::init
