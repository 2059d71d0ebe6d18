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
#else
#define BORROWCK_INVALIDATES
#endif
