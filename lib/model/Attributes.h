// The one reader of the attributes users write about borrows: lifetimebound
// on parameters and on the implicit object parameter. Where a newcomer adds a
// new annotation. (gsl::Owner/Pointer and [[clang::reinitializes]] are read by
// TypeModel; the thread-safety attributes by model/StdThreads.)
#pragma once

#include <cstdint>
#include <vector>

namespace clang {
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
};
std::vector<CaptureTarget> captureTargets(const clang::FunctionDecl *F, unsigned I);

} // namespace borrowck
