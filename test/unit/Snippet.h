// Parsing a C++ snippet in memory with the real libstdc++ headers, for the unit
// tests of the AST-reading layers (evaluator, summaries): its definitions and
// variables by qualified name, one SpanMaker and one SummaryCache, as the
// driver has per translation unit.
#pragma once

#include "ast/Spans.h"
#include "summary/SummaryCache.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

namespace borrowck::test {

struct Snippet {
  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<SpanMaker> Spans;
  SummaryCache Cache;
  std::map<std::string, const clang::FunctionDecl *> Functions; // "Worker::start", "f"
  std::map<std::string, const clang::ValueDecl *> Vars; // globals, fields, locals ("g", "Worker::n", "f::x")

  clang::ASTContext &ctx() { return AST->getASTContext(); }
  const clang::FunctionDecl *fn(const std::string &Name) {
    auto It = Functions.find(Name);
    EXPECT_NE(It, Functions.end()) << "no function " << Name;
    return It == Functions.end() ? nullptr : It->second;
  }
  const clang::ValueDecl *var(const std::string &Name) {
    auto It = Vars.find(Name);
    EXPECT_NE(It, Vars.end()) << "no variable " << Name;
    return It == Vars.end() ? nullptr : It->second;
  }
  const clang::CXXRecordDecl *record(const std::string &Name) {
    const auto *F = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(fn(Name));
    return F ? F->getParent() : nullptr;
  }

  // Parses Prelude + Body into *this; false (with a test failure) when it does not compile.
  bool parse(const std::string &Prelude, const std::string &Body) {
    AST = clang::tooling::buildASTFromCodeWithArgs(
        Prelude + Body, {"-std=c++20", "-w", "-resource-dir", BORROWCK_RESOURCE_DIR}, "input.cc");
    if (!AST || AST->getDiagnostics().hasErrorOccurred()) {
      ADD_FAILURE() << "snippet does not compile:\n" << Body;
      return false;
    }
    Spans = std::make_unique<SpanMaker>(ctx().getSourceManager(), ctx().getLangOpts(), "input.cc");
    Collect(*this).TraverseDecl(ctx().getTranslationUnitDecl());
    return true;
  }

private:
  struct Collect : clang::RecursiveASTVisitor<Collect> {
    Snippet &T;
    explicit Collect(Snippet &T) : T(T) {}
    bool main(clang::SourceLocation L) const { return T.AST->getSourceManager().isInMainFile(L); }
    bool VisitFunctionDecl(clang::FunctionDecl *F) {
      if (F->isThisDeclarationADefinition() && !F->isInStdNamespace() && main(F->getLocation()))
        T.Functions[F->getQualifiedNameAsString()] = F;
      return true;
    }
    bool VisitVarDecl(clang::VarDecl *V) {
      if (!main(V->getLocation()))
        return true;
      if (V->hasGlobalStorage())
        T.Vars[V->getQualifiedNameAsString()] = V;
      else if (const auto *F = llvm::dyn_cast<clang::FunctionDecl>(V->getDeclContext()))
        T.Vars[F->getQualifiedNameAsString() + "::" + V->getNameAsString()] = V;
      return true;
    }
    bool VisitFieldDecl(clang::FieldDecl *F) {
      if (main(F->getLocation()))
        T.Vars[F->getQualifiedNameAsString()] = F;
      return true;
    }
  };
};

} // namespace borrowck::test
