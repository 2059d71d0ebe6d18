// TypeModel::elementArg: which arguments of a std container's inserting
// member functions become (part of) the new elements, and how.
#include "model/TypeModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace borrowck {

namespace {

// `const_iterator pos`, `iterator hint`: the container's own position type.
bool positionType(QualType T) {
  // The parameter's own spelling only: `const value_type&` of a vector of
  // iterators is an element, even though value_type names an iterator.
  T = T.getNonReferenceType();
  const auto *TT = dyn_cast<TypedefType>(T.getTypePtr());
  if (!TT)
    return false;
  const IdentifierInfo *Id = TT->getDecl()->getIdentifier();
  return Id && (Id->getName() == "iterator" || Id->getName() == "const_iterator");
}

// `InputIt first`: a by-value parameter whose type is a template parameter of
// the member function template itself (not of the container).
bool rangeIterator(const CXXMethodDecl *MD, QualType T) {
  const FunctionTemplateDecl *FT = MD->getPrimaryTemplate();
  if (!FT || T->isReferenceType())
    return false;
  const auto *ST = T->getAs<SubstTemplateTypeParmType>();
  return ST && ST->getReplacedParameter()->getDepth() == FT->getTemplateParameters()->getDepth();
}

QualType valueType(const CXXRecordDecl *RD) {
  ASTContext &Ctx = RD->getASTContext();
  for (const NamedDecl *D : RD->lookup(DeclarationName(&Ctx.Idents.get("value_type"))))
    if (const auto *TD = dyn_cast<TypedefNameDecl>(D))
      return TD->getUnderlyingType().getCanonicalType();
  return QualType();
}

// A pair's or tuple's element types; otherwise just T.
llvm::SmallVector<QualType, 2> parts(QualType T) {
  llvm::SmallVector<QualType, 2> Out;
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
      Spec && Spec->isInStdNamespace() && Spec->getIdentifier() &&
      (Spec->getName() == "pair" || Spec->getName() == "tuple")) {
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray()) {
      if (A.getKind() == TemplateArgument::Type)
        Out.push_back(A.getAsType());
      else if (A.getKind() == TemplateArgument::Pack)
        for (const TemplateArgument &P : A.pack_elements())
          if (P.getKind() == TemplateArgument::Type)
            Out.push_back(P.getAsType());
    }
    return Out;
  }
  Out.push_back(T);
  return Out;
}

} // namespace

TypeModel::ElementArg TypeModel::elementArg(const CXXMethodDecl *MD, unsigned I,
                                            unsigned NumArgs) const {
  ElementArg R;
  if (!MD || MD->isConst() || !MD->getParent()->isInStdNamespace() || I >= MD->getNumParams() ||
      ownership(QualType(MD->getASTContext().getCanonicalTypeDeclType(MD->getParent()))) !=
          Ownership::Owner)
    return R;
  QualType VT = valueType(MD->getParent());
  if (VT.isNull())
    return R;
  QualType PT = MD->getParamDecl(I)->getType();
  if (positionType(PT)) {
    R.What = ElementArg::Position;
    return R;
  }
  if (rangeIterator(MD, PT)) {
    R.What = ElementArg::Range;
    return R;
  }
  R.What = ElementArg::Stored;
  auto Borrows = [&](QualType Part) {
    return Part->isReferenceType() || ownership(Part) == Ownership::View;
  };
  // `const value_type&`, `value_type&&`: the whole element.
  if (PT.getNonReferenceType().getCanonicalType().getUnqualifiedType() == VT.getUnqualifiedType()) {
    R.BorrowsOwner = Borrows(VT);
    return R;
  }
  // The element's constructor arguments (emplace, try_emplace): the part this
  // one makes, when they map one to one onto a pair's or tuple's parts.
  unsigned Positions = 0, Index = 0;
  for (unsigned J = 0; J < MD->getNumParams() && J < NumArgs; ++J)
    if (positionType(MD->getParamDecl(J)->getType()))
      Positions += 1, Index += J < I;
  unsigned K = I - Index, Count = NumArgs - Positions;
  llvm::SmallVector<QualType, 2> P = parts(VT);
  if (Count == 1 && P.size() != 1)
    R.BorrowsOwner = Borrows(VT); // the whole element, converted
  else if (Count == P.size() && K < P.size())
    R.BorrowsOwner = Borrows(P[K]);
  else
    R.BorrowsOwner = llvm::any_of(P, Borrows); // piecewise and the like: cannot tell
  return R;
}

} // namespace borrowck
