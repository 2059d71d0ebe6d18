// The one reader of the attributes users write about borrows: lifetimebound
// on parameters and on the implicit object parameter. Where a newcomer adds a
// new annotation. (gsl::Owner/Pointer and [[clang::reinitializes]] are read by
// TypeModel; the thread-safety attributes by model/StdThreads.)
#pragma once

#include <cstdint>
#include <vector>

namespace clang {
class FieldDecl;
class FunctionDecl;
}

namespace borrowck {

// Does the implicit object parameter carry [[clang::lifetimebound]]?
bool thisIsLifetimeBound(const clang::FunctionDecl *F);
// Does parameter I carry [[clang::lifetimebound]] (on F or on its definition)?
bool paramIsLifetimeBound(const clang::FunctionDecl *F, unsigned I);

// Where [[clang::lifetime_capture_by(X)]] on parameter I (on F or its
// definition) sends the argument's borrows.
struct CaptureTarget {
  enum Kind : uint8_t { Global, This, Param } What = Global; // Global: global or unknown state
  unsigned Index = 0; // Param: the parameter
  // This, inferred from the body (summary/Captures.cpp), not written: the
  // member stores a borrow of the argument in a field of *this.
  bool Inferred = false;
  // Inferred: the member overwrites that field on every path, and it is the
  // object's only field holding a borrow: the object's old borrows end.
  bool Replaces = false;
  const clang::FieldDecl *Field = nullptr; // Inferred: the field (`text_`)
};
std::vector<CaptureTarget> captureTargets(const clang::FunctionDecl *F, unsigned I);

} // namespace borrowck
