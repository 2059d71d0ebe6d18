#include "facts/FactDump.h"

#include "llvm/Support/raw_ostream.h"

namespace borrowck {

namespace {

const char *name(FactKind K) {
  switch (K) {
  case FactKind::Init: return "init";
  case FactKind::Move: return "move";
  case FactKind::Reinit: return "reinit";
  case FactKind::Use: return "use";
  }
  return "?";
}

const char *name(UseKind K) {
  switch (K) {
  case UseKind::Borrow: return "borrow";
  case UseKind::Copy: return "copy";
  case UseKind::Move: return "move";
  case UseKind::Deref: return "deref";
  case UseKind::Value: return "value";
  }
  return "?";
}

const char *name(StorageKind K) {
  switch (K) {
  case StorageKind::Local: return "local";
  case StorageKind::Parameter: return "parameter";
  case StorageKind::Temporary: return "temporary";
  case StorageKind::Heap: return "heap";
  case StorageKind::Pointee: return "pointee";
  case StorageKind::Referent: return "referent";
  }
  return "?";
}

const char *name(EndReason R) {
  switch (R) {
  case EndReason::ScopeEnd: return "scope-end";
  case EndReason::Reset: return "reset";
  case EndReason::Reassigned: return "reassigned";
  case EndReason::MovedOut: return "moved-out";
  case EndReason::Reallocated: return "reallocated";
  case EndReason::Erased: return "erased";
  case EndReason::Destroyed: return "destroyed";
  case EndReason::IteratorsInvalidated: return "iterators-invalidated";
  case EndReason::Rehashed: return "rehashed";
  case EndReason::MovedAway: return "moved-away";
  case EndReason::ErasedElement: return "erased-element";
  case EndReason::MutablyBorrowed: return "mutably-borrowed";
  case EndReason::ElementReplaced: return "element-replaced";
  case EndReason::ElementErased: return "element-erased";
  }
  return "?";
}

const char *name(LoanFactKind K) {
  switch (K) {
  case LoanFactKind::Flow: return "flow";
  case LoanFactKind::Use: return "use";
  case LoanFactKind::Expire: return "expire";
  case LoanFactKind::Return: return "return";
  case LoanFactKind::Free: return "free";
  case LoanFactKind::Adopt: return "adopt";
  case LoanFactKind::Release: return "release";
  case LoanFactKind::Forget: return "forget";
  }
  return "?";
}

const char *name(SkipKind K) {
  switch (K) {
  case SkipKind::Condition: return "condition";
  case SkipKind::Case: return "case";
  case SkipKind::Default: return "default";
  case SkipKind::RangeNotEmpty: return "range-not-empty";
  case SkipKind::NoCaseMatches: return "no-case-matches";
  case SkipKind::LoopNotRun: return "loop-not-run";
  case SkipKind::MissingElse: return "missing-else";
  }
  return "?";
}

const char *name(InitFactKind K) {
  switch (K) {
  case InitFactKind::Declare: return "declare";
  case InitFactKind::Write: return "write";
  case InitFactKind::MaybeWrite: return "maybe-write";
  case InitFactKind::Forget: return "forget";
  case InitFactKind::NoWrite: return "no-write";
  case InitFactKind::Read: return "read";
  }
  return "?";
}

const char *name(HandleKind K) {
  switch (K) {
  case HandleKind::Thread: return "thread";
  case HandleKind::JThread: return "jthread";
  case HandleKind::Future: return "future";
  }
  return "?";
}

const char *name(ThreadFactKind K) {
  switch (K) {
  case ThreadFactKind::Spawn: return "spawn";
  case ThreadFactKind::Join: return "join";
  case ThreadFactKind::Escape: return "escape";
  case ThreadFactKind::Transfer: return "transfer";
  case ThreadFactKind::HandleEnd: return "handle-end";
  case ThreadFactKind::VarEnd: return "var-end";
  case ThreadFactKind::Access: return "access";
  }
  return "?";
}

const char *name(EscapeKind K) {
  switch (K) {
  case EscapeKind::Detached: return "detached";
  case EscapeKind::Returned: return "returned";
  case EscapeKind::Stored: return "stored";
  case EscapeKind::MovedAway: return "moved-away";
  }
  return "?";
}

class Dumper {
public:
  Dumper(const FunctionFacts &F, const std::string &Main, llvm::raw_ostream &OS)
      : F(F), Main(Main), OS(OS) {}

  void run() {
    OS << "function " << F.Name << "\n";
    OS << "  stats: " << F.Blocks.size() << " blocks, " << F.Places.size() << " places, "
       << F.Storages.size() << " storages, " << F.Loans.size() << " loans, " << F.Origins.size()
       << " origins\n";
    if (F.ReturnsReference || F.HasBorrowedParameter)
      OS << "  signature:" << (F.ReturnsReference ? " returns-reference" : "")
         << (F.HasBorrowedParameter ? " borrowed-parameter" : "") << "\n";
    graph();
    moves();
    loans();
    init();
    threads();
  }

private:
  void span(const Span &S) {
    OS << " @";
    if (S.File != Main)
      OS << S.File << ":";
    OS << S.Begin << "-" << S.End;
  }
  void span(const std::optional<Span> &S) {
    if (S)
      span(*S);
  }
  void quoted(const std::string &S) { OS << " `" << S << "`"; }
  void list(const char *What, const std::vector<uint32_t> &Ids) {
    if (Ids.empty())
      return;
    OS << " " << What << "[";
    for (size_t I = 0; I < Ids.size(); ++I)
      OS << (I ? " " : "") << Ids[I];
    OS << "]";
  }
  void flag(bool On, const char *What) {
    if (On)
      OS << " " << What;
  }
  void text(const char *What, const std::string &S) {
    if (!S.empty())
      OS << " " << What << "=`" << S << "`";
  }

  void graph() {
    OS << "  graph: entry " << F.Graph.Entry << ", exit " << F.Graph.Exit << "\n";
    for (uint32_t B = 0; B < F.Graph.size(); ++B) {
      OS << "    block " << B << " ->";
      for (uint32_t S : F.Graph.Succs[B])
        OS << " " << S;
      OS << "\n";
    }
    if (F.MoveGraph) {
      OS << "  move graph (with exception edges):\n";
      for (uint32_t B = 0; B < F.MoveGraph->size(); ++B) {
        OS << "    block " << B << " ->";
        for (uint32_t S : F.MoveGraph->Succs[B])
          OS << " " << S << (F.ThrowEdges.count({B, S}) ? "!" : "");
        OS << "\n";
      }
    }
  }

  void fact(const Fact &Fa) {
    OS << name(Fa.Kind);
    if (Fa.Kind == FactKind::Use)
      OS << "(" << name(Fa.Use) << ")";
    OS << " " << Fa.Place;
    quoted(F.Places[Fa.Place].Name);
    span(Fa.Where);
    if (Fa.Loop) {
      OS << " loop";
      span(Fa.Loop);
    }
    if (Fa.Unsequenced)
      OS << " unsequenced";
    OS << "\n";
  }

  void moves() {
    if (F.Places.empty())
      return;
    OS << "  moves:\n";
    for (uint32_t P = 0; P < F.Places.size(); ++P) {
      const Place &Pl = F.Places[P];
      OS << "    place " << P;
      quoted(Pl.Name);
      OS << ": " << Pl.TypeName << (Pl.Kind == ValueKind::SmartPointer ? " (smart pointer)" : "");
      if (Pl.Parent != NoPlace)
        OS << " field-of " << Pl.Parent;
      span(Pl.Declared);
      text("moved-from", Pl.MovedFrom);
      OS << "\n";
    }
    for (uint32_t B = 0; B < F.Blocks.size(); ++B) {
      if (F.Blocks[B].empty())
        continue;
      OS << "    block " << B << ":\n";
      for (const Fact &Fa : F.Blocks[B]) {
        OS << "      ";
        fact(Fa);
      }
    }
    for (const auto &[Edge, Facts] : F.EdgeFacts)
      for (const Fact &Fa : Facts) {
        OS << "    edge " << Edge.first << "->" << Edge.second << ": ";
        fact(Fa);
      }
  }

  void loanFact(const LoanFact &L) {
    OS << name(L.Kind);
    switch (L.Kind) {
    case LoanFactKind::Flow:
    case LoanFactKind::Use:
      OS << " origin " << L.Dst;
      break;
    case LoanFactKind::Expire:
    case LoanFactKind::Release:
    case LoanFactKind::Forget:
      OS << " storage " << L.Dies;
      break;
    case LoanFactKind::Adopt:
      if (L.Dies == NoStorage)
        OS << " storage none";
      else
        OS << " storage " << L.Dies;
      break;
    case LoanFactKind::Return:
      if (L.HandsOver != NoStorage)
        OS << " hands-over " << L.HandsOver;
      break;
    case LoanFactKind::Free:
      break;
    }
    if (L.Kind == LoanFactKind::Expire)
      OS << " " << name(L.Reason);
    flag(L.ContentsOnly, "contents-only");
    flag(L.IteratorsOnly, "iterators-only");
    flag(L.Overwrite, "overwrite");
    if (L.OneElement)
      OS << " one-element" << (L.ElementKey.empty() ? std::string("=?") : "=" + L.ElementKey);
    flag(L.NodeElements, "node-elements");
    flag(L.SomePaths, "some-paths");
    flag(L.Shifts, "shifts");
    flag(L.Kill, "kill");
    flag(L.Element, "element");
    flag(L.ReadThrough, "read-through");
    list("loans", L.Loans);
    list("srcs", L.Srcs);
    list("may-loans", L.MayLoans);
    list("may-srcs", L.MaySrcs);
    text("name", L.Name);
    text("inner", L.Inner);
    text("stored-twice-in", L.Container);
    flag(L.StrictOnly, "strict-only");
    if (L.Kind == LoanFactKind::Use) {
      flag(!L.Deref, "no-deref");
      flag(L.PassedOn, "passed-on");
      flag(L.ElementValue, "element-value");
    }
    span(L.Where);
    OS << "\n";
  }

  void loans() {
    if (F.Storages.empty() && F.Origins.empty() && F.ContainerCalls.empty())
      return;
    OS << "  loans:\n";
    for (uint32_t S = 0; S < F.Storages.size(); ++S) {
      const Storage &St = F.Storages[S];
      OS << "    storage " << S << " " << name(St.Kind);
      quoted(St.Name);
      flag(St.SmartOwner, "smart-owner");
      span(St.Declared);
      OS << "\n";
    }
    for (uint32_t L = 0; L < F.Loans.size(); ++L) {
      const Loan &Lo = F.Loans[L];
      OS << "    loan " << L << " of " << Lo.Of;
      flag(Lo.Contents, "contents");
      flag(Lo.Iterator, "iterator");
      flag(Lo.Mutable, "mutable");
      flag(Lo.Shared, "shared");
      flag(Lo.MemberPointee, "member-pointee");
      flag(Lo.ElementPointee, "element-pointee");
      flag(Lo.NodeElement, "node-element");
      if (!Lo.ElementKey.empty())
        OS << " key=" << Lo.ElementKey;
      if (!Lo.CopyOf.empty())
        OS << " copy-of=`" << Lo.CopyOf << "` (" << Lo.CopyHow << ")";
      span(Lo.BorrowedAt);
      if (Lo.Hint) {
        OS << " hint " << Lo.Hint->Function << "(" << Lo.Hint->Parameter << ")";
        span(Lo.Hint->InsertAt);
      }
      OS << "\n";
    }
    for (uint32_t O = 0; O < F.Origins.size(); ++O) {
      const Origin &Or = F.Origins[O];
      OS << "    origin " << O << (Or.Kind == OriginKind::Escaped ? " escaped" : " local");
      quoted(Or.Name);
      flag(Or.IsReference, "reference");
      flag(Or.Hidden, "hidden");
      flag(Or.GlobalState, "global-state");
      OS << "\n";
    }
    for (uint32_t B = 0; B < F.LoanBlocks.size(); ++B) {
      if (F.LoanBlocks[B].empty())
        continue;
      OS << "    block " << B << ":\n";
      for (const LoanFact &L : F.LoanBlocks[B]) {
        OS << "      ";
        loanFact(L);
      }
    }
    for (const ContainerCall &C : F.ContainerCalls) {
      OS << "    container-call";
      text("callee", C.Callee);
      flag(C.Precondition, "precondition");
      span(C.Call);
      OS << "\n";
      for (const ContainerArg &A : C.Args) {
        OS << "      arg container " << A.Container;
        quoted(A.Name);
        flag(A.Mutable, "mutable");
        text("param", A.Param);
        flag(A.Object, "object");
        flag(A.Invalidates, "invalidates");
        text("method", A.Method);
        flag(A.Writes, "writes");
        flag(A.Reads, "reads");
        span(A.Arg);
        OS << "\n";
      }
    }
  }

  void init() {
    if (F.UninitReads.empty() && F.InitVars.empty())
      return;
    OS << "  init:\n";
    for (const UninitRead &R : F.UninitReads) {
      OS << "    uninit-read";
      quoted(R.Name);
      OS << ": " << R.TypeName;
      flag(R.Always, "always");
      span(R.Declared);
      OS << " use";
      span(R.Use);
      OS << "\n";
      for (const SkipPath &S : R.Skips) {
        OS << "      skip " << name(S.Kind);
        text("construct", S.Construct);
        if (S.Kind == SkipKind::Condition)
          OS << (S.Value ? " true" : " false");
        span(S.Where);
        OS << "\n";
      }
    }
    if (!F.InitVars.empty())
      OS << "    slots: " << F.NumInitSlots << "\n";
    for (uint32_t V = 0; V < F.InitVars.size(); ++V) {
      const InitVar &IV = F.InitVars[V];
      OS << "    var " << V;
      quoted(IV.Name);
      OS << ": " << IV.TypeName << " slots " << IV.FirstSlot << "+" << IV.NumSlots;
      flag(IV.Aggregate, "aggregate");
      text("heap", IV.Heap);
      span(IV.Declared);
      OS << "\n";
      if (!IV.SlotNames.empty()) {
        OS << "     ";
        for (const std::string &S : IV.SlotNames)
          quoted(S);
        OS << "\n";
      }
    }
    for (uint32_t B = 0; B < F.InitBlocks.size(); ++B) {
      if (F.InitBlocks[B].empty())
        continue;
      OS << "    block " << B << ":\n";
      for (const InitFact &I : F.InitBlocks[B]) {
        OS << "      " << name(I.Kind) << " var " << I.Var << " slots " << I.First << "+" << I.Count;
        text("what", I.What);
        flag(I.WholeCopy, "whole-copy");
        flag(I.AnyElement, "any-element");
        span(I.Where);
        OS << "\n";
      }
    }
  }

  void access(const ThreadAccess &A) {
    OS << " var " << A.Var << (A.Write ? " write" : " read");
    flag(A.Element, "element");
    flag(A.Orders, "orders");
    list("locks", A.Locks);
    text("via", A.Via);
    span(A.Where);
  }

  void threads() {
    const ThreadFacts &T = F.Threads;
    if (T.Vars.empty() && T.Spawns.empty() && T.Handles.empty())
      return;
    OS << "  threads:\n";
    for (uint32_t V = 0; V < T.Vars.size(); ++V) {
      const SharedVar &SV = T.Vars[V];
      OS << "    var " << V;
      quoted(SV.Name);
      flag(SV.Local, "local");
      flag(SV.Guarded, "guarded");
      if (SV.Of != NoThreadVar)
        OS << " of " << SV.Of;
      span(SV.Declared);
      OS << "\n";
    }
    for (uint32_t H = 0; H < T.Handles.size(); ++H) {
      const ThreadHandle &Ha = T.Handles[H];
      OS << "    handle " << H << " " << name(Ha.Kind);
      quoted(Ha.Name);
      flag(Ha.Container, "container");
      span(Ha.Declared);
      OS << "\n";
    }
    for (uint32_t S = 0; S < T.Spawns.size(); ++S) {
      const SpawnSite &Sp = T.Spawns[S];
      OS << "    spawn " << S << " " << Sp.Api << " " << name(Sp.Kind);
      flag(Sp.Lambda, "lambda");
      span(Sp.Call);
      OS << " callable";
      span(Sp.Callable);
      OS << "\n";
      for (const ThreadBorrow &B : Sp.Borrows) {
        OS << "      borrow var " << B.Var;
        flag(B.AsThis, "as-this");
        flag(B.Maybe, "maybe");
        text("via", B.Via);
        span(B.At);
        OS << "\n";
      }
      for (const ThreadAccess &A : Sp.Accesses) {
        OS << "      access";
        access(A);
        OS << "\n";
      }
      if (const auto &M = Sp.Member) {
        OS << "      member";
        text("method", M->Method);
        flag(M->Constructor, "constructor");
        text("class", M->Class);
        flag(M->Detached, "detached");
        flag(M->Conditional, "conditional");
        text("field", M->Field);
        text("late-field", M->LateField);
        if (M->Escape) {
          OS << " escape";
          span(M->Escape);
        }
        OS << "\n";
      }
    }
    for (uint32_t B = 0; B < T.Blocks.size(); ++B) {
      if (T.Blocks[B].empty())
        continue;
      OS << "    block " << B << ":\n";
      for (const ThreadFact &Fa : T.Blocks[B]) {
        OS << "      " << name(Fa.Kind);
        switch (Fa.Kind) {
        case ThreadFactKind::Spawn:
          OS << " spawn " << Fa.Spawn;
          if (Fa.Handle != NoThreadHandle)
            OS << " handle " << Fa.Handle;
          break;
        case ThreadFactKind::Escape:
          OS << " " << name(Fa.How);
          if (Fa.Handle != NoThreadHandle)
            OS << " handle " << Fa.Handle;
          else
            OS << " spawn " << Fa.Spawn;
          break;
        case ThreadFactKind::Transfer:
          OS << " handle " << Fa.Handle << " to " << Fa.To;
          break;
        case ThreadFactKind::Join:
        case ThreadFactKind::HandleEnd:
          OS << " handle " << Fa.Handle;
          break;
        case ThreadFactKind::VarEnd:
          OS << " var " << Fa.Var;
          break;
        case ThreadFactKind::Access:
          access(Fa.Access);
          break;
        }
        span(Fa.Where);
        OS << "\n";
      }
    }
  }

  const FunctionFacts &F;
  const std::string &Main;
  llvm::raw_ostream &OS;
};

} // namespace

void dumpFacts(const FunctionFacts &F, const std::string &MainFile, llvm::raw_ostream &OS) {
  Dumper(F, MainFile, OS).run();
}

} // namespace borrowck
