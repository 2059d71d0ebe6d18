#include "model/TypeModel.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringSwitch.h"

#include <cstring>

using namespace clang;

namespace borrowck {

static const CXXRecordDecl *stdRecord(const CXXRecordDecl *R, llvm::StringRef &Name) {
  if (!R || !R->isInStdNamespace() || !R->getIdentifier())
    return nullptr;
  Name = R->getName();
  return R;
}

TypeModel::TypeModel(const ModelConfig &User) {
  UserOwners.insert(User.Owners.begin(), User.Owners.end());
  UserViews.insert(User.Views.begin(), User.Views.end());
  UserInvalidates.insert(User.Invalidates.begin(), User.Invalidates.end());
  UserReinitializes.insert(User.Reinitializes.begin(), User.Reinitializes.end());
}

// "ns::Class::member", the class named without template arguments.
bool TypeModel::userMarked(const CXXMethodDecl *M, const llvm::StringSet<> &Names) const {
  if (Names.empty() || !M->getIdentifier())
    return false;
  return Names.contains(M->getParent()->getQualifiedNameAsString() + "::" + M->getName().str());
}

std::optional<Movable> TypeModel::movable(QualType T) const {
  T = T.getNonReferenceType();
  const Type *Key = T.getCanonicalType().getTypePtrOrNull();
  if (!Key)
    return std::nullopt;
  auto It = TypeCache.find(Key);
  if (It != TypeCache.end())
    return It->second;

  std::optional<Movable> Result;
  const CXXRecordDecl *R = T->getAsCXXRecordDecl();
  if (R && R->hasDefinition() && !R->isDependentType()) {
    llvm::StringRef Name;
    if (stdRecord(R, Name) && (Name == "unique_ptr" || Name == "shared_ptr"))
      Result = Movable::SmartPointer;
    else if (!R->isTriviallyCopyable())
      Result = Movable::Owner;
  }
  TypeCache[Key] = Result;
  return Result;
}

MethodEffect TypeModel::methodEffect(const CXXMethodDecl *M) const {
  auto It = MethodCache.find(M);
  if (It != MethodCache.end())
    return It->second;

  MethodEffect E = MethodEffect::Use;
  if (M->hasAttr<ReinitializesAttr>() || userMarked(M, UserReinitializes)) {
    E = MethodEffect::Reinit;
  } else if (const auto *Op = dyn_cast<CXXMethodDecl>(M);
             Op && (Op->isCopyAssignmentOperator() || Op->isMoveAssignmentOperator() ||
                    Op->getOverloadedOperator() == OO_Equal)) {
    E = MethodEffect::Reinit;
  } else if (M->getIdentifier() && M->getName() == "swap" && M->getNumParams() == 1 &&
             M->getParamDecl(0)->getType()->isLValueReferenceType() &&
             !M->getParamDecl(0)->getType()->getPointeeType().isConstQualified() &&
             M->getParamDecl(0)->getType()->getPointeeType()->getAsCXXRecordDecl() ==
                 M->getParent()) {
    // a.swap(b) of any class gives a the other one's value, like std::swap(a, b).
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

std::string TypeModel::movedFromState(QualType T) {
  const CXXRecordDecl *R = T.getNonReferenceType()->getAsCXXRecordDecl();
  llvm::StringRef Name;
  if (!stdRecord(R, Name))
    return {};
  return llvm::StringSwitch<std::string>(Name)
      .Cases({"unique_ptr", "shared_ptr"}, "is null")
      .Case("weak_ptr", "is empty (expired)")
      .Cases({"unique_lock", "shared_lock"}, "holds no mutex")
      .Cases({"thread", "jthread"}, "is not joinable")
      .Cases({"promise", "future", "shared_future", "packaged_task"}, "has no shared state")
      .Default({});
}

// libstdc++ names std types that own or borrow without gsl attributes on some
// of them; Clang adds [[gsl::Owner]]/[[gsl::Pointer]] to most std templates.
static bool isStdView(llvm::StringRef Name) {
  return Name == "basic_string_view" || Name == "span" || Name == "initializer_list" || Name == "reference_wrapper" ||
         Name.ends_with("iterator") || Name == "__normal_iterator" || Name == "_Rb_tree_iterator" ||
         Name == "_Rb_tree_const_iterator" || Name == "_List_iterator" ||
         Name == "_List_const_iterator" || Name == "_Deque_iterator" ||
         Name == "_Node_iterator" || Name == "_Node_const_iterator";
}

TypeModel::Ownership TypeModel::ownership(QualType T) const {
  if (T.isNull())
    return Ownership::Value;
  if (T->isReferenceType() || T->isPointerType())
    return Ownership::View;
  T = T.getCanonicalType();
  const Type *Key = T.getTypePtr();
  auto It = OwnershipCache.find(Key);
  if (It != OwnershipCache.end())
    return It->second;
  Ownership O = Ownership::Value;
  if (const CXXRecordDecl *R = T->getAsCXXRecordDecl()) {
    const CXXRecordDecl *Def = R->getDefinition() ? R->getDefinition() : R;
    const CXXRecordDecl *Pattern = Def;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Def))
      Pattern = Spec->getSpecializedTemplate()->getTemplatedDecl();
    llvm::StringRef Name;
    std::string Qualified =
        UserOwners.empty() && UserViews.empty() && UserInvalidates.empty() ? std::string()
                                                                           : Def->getQualifiedNameAsString();
    if (!Qualified.empty() && UserViews.contains(Qualified))
      O = Ownership::View;
    else if (!Qualified.empty() && UserOwners.contains(Qualified))
      O = Ownership::Owner;
    else if (Def->hasAttr<PointerAttr>() || Pattern->hasAttr<PointerAttr>() ||
        (stdRecord(Def, Name) && isStdView(Name)) ||
        (Def->isInStdNamespace() && Def->getIdentifier() && isStdView(Def->getName())))
      O = Ownership::View;
    else if (Def->hasAttr<OwnerAttr>() || Pattern->hasAttr<OwnerAttr>() ||
             (stdRecord(Def, Name) &&
              (Name == "basic_string" || Name == "vector" || Name == "unique_ptr" ||
               Name == "shared_ptr" || Name == "optional" || Name == "array" ||
               Name == "deque" || Name == "list" || Name == "map" || Name == "set" ||
               Name == "unordered_map" || Name == "unordered_set" || Name == "multimap" ||
               Name == "multiset" || Name == "function" || Name == "any" || Name == "variant")))
      O = Ownership::Owner;
    else if (Def->hasDefinition())
      // A class with a member marked BORROWCK_INVALIDATES owns what it hands out.
      for (const CXXMethodDecl *M : Def->methods())
        for (const auto *A : M->specific_attrs<AnnotateAttr>())
          if (A->getAnnotation() == "borrowck::invalidates")
            O = Ownership::Owner;
    if (O == Ownership::Value && !Qualified.empty() && Def->hasDefinition())
      for (const CXXMethodDecl *M : Def->methods())
        if (userMarked(M, UserInvalidates))
          O = Ownership::Owner;
  }
  OwnershipCache[Key] = O;
  return O;
}

bool TypeModel::holdsBorrow(QualType T) const {
  if (T.isNull())
    return false;
  if (ownership(T) == Ownership::View)
    return true;
  T = T.getCanonicalType();
  if (const auto *AT = dyn_cast<ArrayType>(T.getTypePtr()))
    return holdsBorrow(AT->getElementType());
  const CXXRecordDecl *R = T->getAsCXXRecordDecl();
  if (!R || !R->hasDefinition())
    return false;
  const Type *Key = T.getTypePtr();
  auto It = HoldsCache.find(Key);
  if (It != HoldsCache.end())
    return It->second;
  HoldsCache[Key] = false; // recursion guard
  bool Holds = false;
  llvm::StringRef Name;
  if (R->isLambda()) {
    for (const LambdaCapture &C : R->captures())
      if (C.capturesVariable() && (C.getCaptureKind() == LCK_ByRef ||
                                   (C.getCapturedVar() && holdsBorrow(C.getCapturedVar()->getType()))))
        Holds = true;
    for (const FieldDecl *F : R->fields())
      Holds |= holdsBorrow(F->getType());
  } else if (stdRecord(R, Name) && Name == "function") {
    Holds = true; // may hold any callable, including one capturing by reference
  } else {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(R))
      for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
        if (A.getKind() == TemplateArgument::Type && holdsBorrow(A.getAsType()))
          Holds = true;
    if (!Holds && !R->isInStdNamespace())
      for (const FieldDecl *F : R->fields())
        if (holdsBorrow(F->getType())) {
          Holds = true;
          break;
        }
  }
  HoldsCache[Key] = Holds;
  return Holds;
}

TypeModel::Smart TypeModel::smart(QualType T) const {
  llvm::StringRef Name;
  const CXXRecordDecl *R = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!R || !stdRecord(R, Name))
    return Smart::None;
  return Name == "unique_ptr" ? Smart::Unique : Name == "shared_ptr" ? Smart::Shared : Smart::None;
}

// Following the standard: vector and basic_string on any growth, insertion,
// erasure or reassignment; deque on insertion or erasure in the middle (end
// insertion keeps references: left out); node-based and unordered containers
// only when cleared or reassigned (insertion keeps references; erase ends only
// the erased element; rehash ends only iterators: left out). Const members
// never do. A user's member function opts in with BORROWCK_INVALIDATES
// (include/borrowck.h).
TypeModel::Invalidation TypeModel::invalidation(const CXXMethodDecl *MD) const {
  if (!MD || MD->isConst() || isa<CXXConstructorDecl>(MD) || isa<CXXDestructorDecl>(MD))
    return Invalidation::None;
  for (const auto *A : MD->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == "borrowck::invalidates")
      return Invalidation::Destroys;
  if (userMarked(MD, UserInvalidates))
    return Invalidation::Destroys;
  llvm::StringRef Class;
  // [optional.mod], [optional.assign], [variant.mod], [variant.assign]: what
  // ends the contained value a reference from `*o`, `o.value()` or
  // `std::get<T>(v)` designates.
  if (stdRecord(MD->getParent(), Class) && (Class == "optional" || Class == "variant")) {
    llvm::StringRef Name = MD->getIdentifier() ? MD->getName() : "";
    if (Name == "reset" || Name == "emplace")
      return Invalidation::Destroys;
    if (MD->getOverloadedOperator() != OO_Equal || MD->getNumParams() != 1)
      return Invalidation::None; // swap: the values are exchanged in place
    if (Class == "variant")
      return Invalidation::MayDestroy;
    llvm::StringRef From;
    const auto *RD = MD->getParamDecl(0)->getType().getNonReferenceType()->getAsCXXRecordDecl();
    if (RD && RD->isInStdNamespace() && RD->getIdentifier() && RD->getName() == "nullopt_t")
      return Invalidation::Reassigns; // destroys the value, as an assignment (E0506)
    if (RD && stdRecord(RD, From) && From == "optional")
      return Invalidation::MayDestroy;
    return Invalidation::AssignsInPlace;
  }
  if (!stdRecord(MD->getParent(), Class) ||
      !llvm::StringSwitch<bool>(Class)
           .Cases({"vector", "basic_string", "deque", "list", "forward_list", "map", "multimap",
                   "set", "multiset", "unordered_map", "unordered_multimap", "unordered_set",
                   "unordered_multiset"},
                  true)
           .Default(false))
    return Invalidation::None;
  OverloadedOperatorKind Op = MD->getOverloadedOperator();
  llvm::StringRef Name = MD->getIdentifier() ? MD->getName() : "";
  if (Op == OO_Equal)
    return Invalidation::Reassigns;
  if (Name == "clear" || Name == "assign" || Name == "assign_range")
    return Invalidation::Destroys;
  const bool Sequence = Class == "vector" || Class == "basic_string" || Class == "deque";
  if (Sequence && Name == "erase")
    return Invalidation::Erases;
  if (Class == "vector" || Class == "basic_string")
    return Op == OO_PlusEqual ||
                   llvm::StringSwitch<bool>(Name)
                       .Cases({"push_back", "emplace_back", "insert", "emplace", "resize", "reserve",
                               "shrink_to_fit", "append", "replace", "insert_range",
                               "append_range", "resize_and_overwrite"},
                              true)
                       .Default(false)
               ? Invalidation::Reallocates
               : Invalidation::None;
  if (Class == "deque") {
    // [deque.modifiers]: insertion in the middle invalidates everything; at
    // either end, every iterator but no reference. Growing by resize() is
    // insertion at the end.
    if (llvm::StringSwitch<bool>(Name)
            .Cases({"push_back", "push_front", "emplace_back", "emplace_front", "prepend_range",
                    "append_range", "resize"},
                   true)
            .Default(false))
      return Invalidation::Iterators;
    return llvm::StringSwitch<bool>(Name)
                   .Cases({"insert", "emplace", "shrink_to_fit", "insert_range"}, true)
                   .Default(false)
               ? Invalidation::Reallocates
               : Invalidation::None;
  }
  if (Class.starts_with("unordered_"))
    // [unord.req.general]: rehashing invalidates iterators, never references;
    // insertion may rehash.
    return Op == OO_Subscript ||
                   llvm::StringSwitch<bool>(Name)
                       .Cases({"insert", "emplace", "emplace_hint", "try_emplace", "insert_or_assign",
                               "insert_range", "rehash", "reserve", "merge"},
                              true)
                       .Default(false)
               ? Invalidation::Rehashes
               : Invalidation::None;
  return Invalidation::None; // node-based and unordered: only clear, assign, = (above)
}

bool TypeModel::strictDiscipline(const FunctionDecl &F) {
  auto Marked = [](const Decl *D) {
    for (const auto *A : D->specific_attrs<AnnotateAttr>())
      if (A->getAnnotation() == "borrowck::strict")
        return true;
    return false;
  };
  for (const FunctionDecl *R : F.redecls())
    if (Marked(R))
      return true;
  if (const FunctionDecl *P = F.getTemplateInstantiationPattern(); P && Marked(P))
    return true;
  for (const DeclContext *DC = F.getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC)) {
      if (Marked(RD))
        return true;
      if (const auto *P = RD->getTemplateInstantiationPattern(); P && Marked(P))
        return true;
    } else if (const auto *ND = dyn_cast<NamespaceDecl>(DC)) {
      if (Marked(ND) || Marked(ND->getFirstDecl()))
        return true;
    }
  }
  return false;
}

bool TypeModel::isMoveFunction(const FunctionDecl *F) {
  if (!F || !F->isInStdNamespace() || !F->getIdentifier() || F->getNumParams() != 1)
    return false;
  return llvm::StringSwitch<bool>(F->getName())
      .Cases({"move", "forward", "move_if_noexcept"}, true)
      .Default(false);
}

int TypeModel::strength(Invalidation W) {
  switch (W) {
  case Invalidation::None: return 0;
  case Invalidation::Iterators:
  case Invalidation::Rehashes:
  case Invalidation::AssignsInPlace: return 1;
  case Invalidation::MayDestroy: return 2;
  case Invalidation::Erases: return 2;
  case Invalidation::Reallocates: return 3;
  case Invalidation::Reassigns: return 4;
  case Invalidation::Destroys: return 5;
  }
  return 0;
}

bool TypeModel::nodeBased(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return false;
  return llvm::StringSwitch<bool>(RD->getName())
      .Cases({"map", "multimap", "set", "multiset", "unordered_map", "unordered_multimap",
              "unordered_set", "unordered_multiset", "list"},
             true)
      .Default(false);
}

std::string TypeModel::withStdAliases(std::string TypeName) {
  static const std::pair<const char *, const char *> Aliases[] = {
      {"std::basic_string<char>", "std::string"},
      {"std::basic_string<wchar_t>", "std::wstring"},
      {"std::basic_string<char8_t>", "std::u8string"},
      {"std::basic_string<char16_t>", "std::u16string"},
      {"std::basic_string<char32_t>", "std::u32string"},
      {"std::basic_string_view<char>", "std::string_view"},
      {"std::basic_string_view<wchar_t>", "std::wstring_view"},
      {"std::basic_ostream<char>", "std::ostream"},
      {"std::basic_istream<char>", "std::istream"},
      {"std::basic_stringstream<char>", "std::stringstream"},
      {"std::basic_ostringstream<char>", "std::ostringstream"},
      {"std::basic_istringstream<char>", "std::istringstream"},
  };
  for (auto [Long, Short] : Aliases)
    for (size_t At; (At = TypeName.find(Long)) != std::string::npos;)
      TypeName.replace(At, strlen(Long), Short);
  return TypeName;
}

} // namespace borrowck
