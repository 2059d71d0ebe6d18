// The one reader of the attributes users write about borrows: lifetimebound
// on parameters and on the implicit object parameter. Where a newcomer adds a
// new annotation. (gsl::Owner/Pointer and [[clang::reinitializes]] are read by
// TypeModel; the thread-safety attributes by model/StdThreads.)
#pragma once

namespace clang {
class FunctionDecl;
}

namespace borrowck {

// Does the implicit object parameter carry [[clang::lifetimebound]]?
bool thisIsLifetimeBound(const clang::FunctionDecl *F);
// Does parameter I carry [[clang::lifetimebound]] (on F or on its definition)?
bool paramIsLifetimeBound(const clang::FunctionDecl *F, unsigned I);

} // namespace borrowck
