#include "model/Attributes.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
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

std::vector<CaptureTarget> captureTargets(const FunctionDecl *F, unsigned I) {
  std::vector<CaptureTarget> Out;
  const auto *A = F->getParamDecl(I)->getAttr<LifetimeCaptureByAttr>();
  if (!A)
    if (const FunctionDecl *Def = F->getDefinition(); Def && I < Def->getNumParams())
      A = Def->getParamDecl(I)->getAttr<LifetimeCaptureByAttr>();
  if (!A)
    return Out;
  const auto *MD = dyn_cast<CXXMethodDecl>(F);
  const bool Instance = MD && MD->isImplicitObjectMemberFunction();
  for (int Idx : A->params()) {
    if (Idx == LifetimeCaptureByAttr::Global || Idx == LifetimeCaptureByAttr::Unknown)
      Out.push_back({CaptureTarget::Global, 0});
    else if (Idx == LifetimeCaptureByAttr::Invalid)
      continue;
    else if (Instance && Idx == LifetimeCaptureByAttr::This)
      Out.push_back({CaptureTarget::This, 0});
    else
      Out.push_back({CaptureTarget::Param, static_cast<unsigned>(Instance ? Idx - 1 : Idx)});
  }
  return Out;
}

} // namespace borrowck
