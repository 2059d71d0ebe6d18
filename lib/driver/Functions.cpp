// Which functions of a translation unit to analyse.
#include "driver/Functions.h"

#include "ast/Spans.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/Support/Regex.h"

using namespace clang;

namespace borrowck {

namespace {
// Which files' function bodies are analysed: the main file's, and with
// --header-filter those of every file whose name matches (decided once per file).
class FileFilter {
public:
  FileFilter(const SourceManager &SM, const SpanMaker &Spans, const llvm::Regex *HeaderFilter)
      : SM(SM), Spans(Spans), HeaderFilter(HeaderFilter) {}
  bool wanted(SourceLocation L) {
    if (Spans.inMainFile(L))
      return true;
    if (!HeaderFilter || L.isInvalid())
      return false;
    FileID F = SM.getFileID(SM.getExpansionLoc(L));
    auto [It, New] = Cache.try_emplace(F, false);
    if (New)
      if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(F))
        It->second = HeaderFilter->match(FE->getName());
    return It->second;
  }
  bool headers() const { return HeaderFilter != nullptr; }

private:
  const SourceManager &SM;
  const SpanMaker &Spans;
  const llvm::Regex *HeaderFilter;
  llvm::DenseMap<FileID, bool> Cache;
};

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(FileFilter &Files) : Files(Files) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    add(FD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *LE) {
    add(LE->getCallOperator());
    // A generic lambda's call operator is a template: analyse the
    // instantiations (the driver reports a finding shared by several once).
    if (FunctionTemplateDecl *T = LE->getDependentCallOperator())
      for (FunctionDecl *Spec : T->specializations())
        add(Spec);
    return true;
  }
  // Namespaces span files: look inside, and walk only the declarations of
  // the files that are analysed.
  void traverseWanted(Decl *D) {
    if (isa<NamespaceDecl, LinkageSpecDecl, ExportDecl>(D)) {
      for (Decl *Inner : cast<DeclContext>(D)->decls())
        traverseWanted(Inner);
      return;
    }
    if (Files.wanted(D->getLocation()))
      TraverseDecl(D);
  }
  std::vector<const FunctionDecl *> Found;

private:
  void add(const FunctionDecl *FD) {
    if (!FD || !FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
        FD->isInvalidDecl() || !Files.wanted(FD->getLocation()) || !Seen.insert(FD).second)
      return;
    Found.push_back(FD);
  }
  FileFilter &Files;
  llvm::DenseSet<const FunctionDecl *> Seen;
};
} // namespace

std::vector<const FunctionDecl *> collectFunctions(ASTContext &Ctx, const SpanMaker &Spans,
                                                   const llvm::Regex *HeaderFilter) {
  // Walk only the main file's top-level declarations (and with a header filter,
  // the matching headers'): the whole standard library would cost more than the
  // analysis itself.
  FileFilter Files(Ctx.getSourceManager(), Spans, HeaderFilter);
  Collector C(Files);
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    if (Files.headers())
      C.traverseWanted(D);
    else if (Spans.inMainFile(D->getLocation()))
      C.TraverseDecl(D);
  }
  return std::move(C.Found);
}

} // namespace borrowck
