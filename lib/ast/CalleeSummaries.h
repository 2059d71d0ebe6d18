// What the expression evaluator needs to know of a callee, declared in the AST
// layer so the evaluator can ask; the summary layer (summary/SummaryCache.h)
// answers, memoised per translation unit.
#pragma once

#include <string>
#include <vector>

namespace clang {
class FieldDecl;
class FunctionDecl;
} // namespace clang

namespace borrowck {

class TypeModel;

// Which inputs a function's result borrows from: [[clang::lifetimebound]], a
// table of std functions (model/StdCalls.h), the owner rule for members, or
// inferred from the body when it is in the translation unit.
struct ResultBorrows {
  bool This = false;               // the result borrows from the object
  bool ThisValue = false;          // the result is a copy of a field: what the object holds
  std::vector<const clang::FieldDecl *> ThisFields; // those fields (ThisValue)
  std::vector<bool> Params;        // the result borrows from these arguments
  bool Inferred = false;           // from the body rather than annotations
};

// Which element of a container a summary speaks of: the caller's argument
// Param (a key or index parameter), or a constant ("1", "\"a\""); neither: unknown.
struct ElementKeyRef {
  int Param = -1;
  std::string Constant;
  bool known() const { return Param >= 0 || !Constant.empty(); }
  bool operator==(const ElementKeyRef &O) const { return Param == O.Param && Constant == O.Constant; }
};

// The result of a member function is the object a std::unique_ptr element of
// its container field Field owns (`return items_[k].get();`), element Key.
struct ElementResult {
  const clang::FieldDecl *Field = nullptr;
  ElementKeyRef Key;
};

class CalleeSummaries {
public:
  virtual ~CalleeSummaries() = default;
  virtual const ResultBorrows &resultBorrows(const clang::FunctionDecl *F, const TypeModel &Model) = 0;
  virtual const ElementResult &elementResult(const clang::FunctionDecl *F) = 0;
};

} // namespace borrowck
