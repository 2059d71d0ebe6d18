// The element facets' shared pieces (summary/Elements.cpp): container fields
// of *this whose std::unique_ptr elements own objects a caller may point to,
// and which element a key expression of a member function names.
#pragma once

#include "ast/CalleeSummaries.h"

namespace clang {
class Expr;
class FieldDecl;
class FunctionDecl;
} // namespace clang

namespace borrowck {

// `items_` (through `this`), a std container of std::unique_ptr elements
// (`std::map<K, std::unique_ptr<T>>`, `std::vector<std::unique_ptr<T>>`).
const clang::FieldDecl *uniqueElementsField(const clang::Expr *Container);

// Key names, in Def: a parameter Def never assigns (by value or const
// reference), or a constant. Else unknown.
ElementKeyRef elementKeyRef(const clang::Expr *Key, const clang::FunctionDecl *Def);

} // namespace borrowck
