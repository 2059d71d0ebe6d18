// Path questions the summary facets ask of a body, without a CFG: does a
// statement run on every pass through the function, or on some paths only?
#pragma once

namespace clang {
class ParentMap;
class Stmt;
class ValueDecl;
} // namespace clang

namespace borrowck {

// Does S run on some paths through Body only: under a branch or a loop, or
// after a `return` or `throw` that may leave first (`if (shutdown_) return;`)?
// A branch that only tests whether NullTested is null (`if (p) delete p;`,
// `if (!buf_) return;`) does not count: on the paths it skips, the pointer
// is null and there is nothing to free.
bool onSomePaths(const clang::Stmt *S, const clang::ParentMap &PM, const clang::Stmt *Body,
                 const clang::ValueDecl *NullTested = nullptr);

} // namespace borrowck
