// What a type is and what a member function does, from a built-in table of
// the standard library plus the attributes users already write. Memoised.
// With the fact builder, the only code that reads the AST.
#pragma once

#include "config/ModelConfig.h"

#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

#include <optional>
#include <string>

namespace clang {
class CXXMethodDecl;
class CXXRecordDecl;
class FunctionDecl;
} // namespace clang

namespace borrowck {

enum class MethodEffect : uint8_t {
  Use,       // reads or mutates the current value
  Reinit,    // gives the object a new, specified value (clear, reset, assign, ...)
  NullCheck, // smart pointer: operator bool, get(), comparisons: fine after a move
};

// How moves of a value are tracked (factgen turns it into the fact vocabulary's ValueKind).
enum class Movable : uint8_t {
  Owner,        // std containers, strings, user classes with non-trivial moves
  SmartPointer, // std::unique_ptr / std::shared_ptr: null after a move
};

class TypeModel {
public:
  TypeModel() = default;
  // With the user's extensions (`ownership:` in .borrowck.yaml), by qualified name.
  explicit TypeModel(const ModelConfig &User);

  // How moves of a value of type T are tracked; nullopt when moving T is a
  // copy (trivially copyable: ints, raw pointers, trivial structs) or unknown.
  std::optional<Movable> movable(clang::QualType T) const;

  MethodEffect methodEffect(const clang::CXXMethodDecl *M) const;

  // The state the standard specifies for a moved-from T, as a predicate
  // ("is null", "is not joinable", "has no shared state"); empty when it is
  // only "valid but unspecified".
  static std::string movedFromState(clang::QualType T);
  // A canonical type's spelling with the usual std aliases put back
  // ("std::basic_string<char>" -> "std::string").
  static std::string withStdAliases(std::string TypeName);

  // The ownership model for lifetimes.
  enum class Ownership : uint8_t {
    Value,   // trivially copyable or unknown: holds no borrow
    Owner,   // owns what it points to: std containers, strings, smart pointers, [[gsl::Owner]]
    View,    // borrows: pointers, references, string_view, span, iterators, [[gsl::Pointer]]
  };
  Ownership ownership(clang::QualType T) const;
  // May a value of this type hold a borrow? Views, and owners or aggregates
  // that contain views (std::vector<std::string_view>, a struct with a
  // pointer member, a lambda capturing by reference, std::function).
  bool holdsBorrow(clang::QualType T) const;

  // std::unique_ptr or std::shared_ptr (a reference to one counts).
  enum class Smart : uint8_t { None, Unique, Shared };
  Smart smart(clang::QualType T) const;

  // What a member function does to the references, pointers, iterators and
  // views into its object's contents.
  enum class Invalidation : uint8_t {
    None,        // keeps them: const members, insertion into node-based containers, ...
    Reallocates, // may move the buffer: vector/string growth, insertion, shrink_to_fit
    Erases,      // erase: the erased element and everything after it
    Destroys,    // clear, assign: every element
    Reassigns,   // operator=
    Iterators,   // deque growth at either end: every iterator, but no reference
    Rehashes,    // unordered insertion (may rehash), rehash, reserve: every iterator, no reference
    MayDestroy,  // optional = optional (destroys the value when the right side is empty),
                 // variant = x (destroys it when x is another alternative): on some paths
    AssignsInPlace, // optional = value: assigns the contained value in place (valid C++; E0506 in Rust)
  };
  Invalidation invalidation(const clang::CXXMethodDecl *M) const;
  // A node-based std container (map, set, list, unordered_*): erase(it)
  // ends only `it`'s element.
  static bool nodeBased(clang::QualType T);
  // How strong an invalidation is, to keep the strongest of several.
  static int strength(Invalidation W);

  // What a std container's member function that adds elements (insert,
  // emplace, push_back, assign, try_emplace ...) does with its argument I.
  struct ElementArg {
    enum Kind : uint8_t {
      Unknown,  // not a std container's member: the caller keeps its own rule
      Stored,   // copied, moved or forwarded into the new element
      Position, // a position or hint (`v.insert(v.end(), x)`): consumed, not kept
      Range,    // an iterator of the range inserted: the elements are copies of `*first`
    } What = Unknown;
    // Stored: the element (or the part of it this argument makes: a pair's
    // half, with emplace) is a view or reference, so an owner given here is
    // borrowed (`emplace_back(s)` into a vector<string_view>); otherwise an
    // owner is copied or moved in, and the element keeps no borrow of it.
    bool BorrowsOwner = false;
  };
  ElementArg elementArg(const clang::CXXMethodDecl *MD, unsigned I, unsigned NumArgs) const;

  // Is F, or a class or namespace around it, marked BORROWCK_STRICT?
  static bool strictDiscipline(const clang::FunctionDecl &F);

  // std::move, std::forward, std::move_if_noexcept.
  static bool isMoveFunction(const clang::FunctionDecl *F);

private:
  bool userMarked(const clang::CXXMethodDecl *M, const llvm::StringSet<> &Names) const;
  llvm::StringSet<> UserOwners, UserViews, UserInvalidates, UserReinitializes;
  mutable llvm::DenseMap<const clang::Type *, std::optional<Movable>> TypeCache;
  mutable llvm::DenseMap<const clang::CXXMethodDecl *, MethodEffect> MethodCache;
  mutable llvm::DenseMap<const clang::Type *, Ownership> OwnershipCache;
  mutable llvm::DenseMap<const clang::Type *, bool> HoldsCache;
};

} // namespace borrowck
