#include "model/Attributes.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/TypeLoc.h"

using namespace clang;

namespace borrowck {

bool thisIsLifetimeBound(const FunctionDecl *F) {
  const TypeSourceInfo *TSI = F->getTypeSourceInfo();
  if (!TSI)
    return false;
  for (TypeLoc TL = TSI->getTypeLoc(); TL;) {
    if (auto ATL = TL.getAs<AttributedTypeLoc>()) {
      if (ATL.getAttrAs<LifetimeBoundAttr>())
        return true;
      TL = ATL.getModifiedLoc();
      continue;
    }
    if (auto PTL = TL.getAs<ParenTypeLoc>()) {
      TL = PTL.getInnerLoc();
      continue;
    }
    break;
  }
  return false;
}

bool paramIsLifetimeBound(const FunctionDecl *F, unsigned I) {
  const FunctionDecl *Def = F->getDefinition() ? F->getDefinition() : F;
  return F->getParamDecl(I)->hasAttr<LifetimeBoundAttr>() ||
         Def->getParamDecl(I)->hasAttr<LifetimeBoundAttr>();
}

} // namespace borrowck
