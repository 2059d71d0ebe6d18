// borrowck's annotations for your own types, in one header that compiles to
// nothing for other compilers. Prefer the attributes Clang already knows
// ([[clang::lifetimebound]], [[clang::lifetime_capture_by(X)]],
// [[gsl::Owner]], [[gsl::Pointer]], [[clang::reinitializes]]); these cover
// what they do not.
#pragma once

#if defined(__clang__)
// Before a member function declaration (`BORROWCK_INVALIDATES void grow();`): calling it invalidates every reference, pointer,
// iterator and view into the object's contents (like std::vector::push_back).
#define BORROWCK_INVALIDATES [[clang::annotate("borrowck::invalidates")]]
// Rust's full discipline (as --strict) for one function, class or namespace:
// `BORROWCK_STRICT void f();`, `struct BORROWCK_STRICT Parser {...};`,
// `namespace BORROWCK_STRICT core {...}`. borrowck then also reports what is
// valid C++ but breaks "one mutable borrow XOR many shared ones".
#define BORROWCK_STRICT [[clang::annotate("borrowck::strict")]]
#else
#define BORROWCK_INVALIDATES
#define BORROWCK_STRICT
#endif
