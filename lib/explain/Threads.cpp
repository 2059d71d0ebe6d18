// The words of the thread rules: thread-outlives-borrow, data-race.
#include "explain/ExplainInternal.h"

#include <fmt/format.h>

#include <algorithm>

namespace borrowck::explain_detail {

static bool sameSpan(const Span &A, const Span &B) {
  return A.File == B.File && A.Begin == B.Begin && A.End == B.End;
}

// "`a`", "`a` and `b`", "`a`, `b` and `c`".
static std::string listOf(const std::vector<std::string> &Names, const char *And = "and") {
  std::string Out;
  for (size_t I = 0; I < Names.size(); ++I) {
    if (I > 0)
      Out += I + 1 == Names.size() ? fmt::format(" {} ", And) : ", ";
    Out += Names[I];
  }
  return Out;
}

// The thread a spawn runs, for labels: "the thread `t`", "a thread in `ts`".
static std::string threadName(const Event &E) {
  if (E.Spawner)
    return "the spawning thread";
  if (E.SameSpawn)
    return E.Container ? fmt::format("the threads in `{}` (one per iteration)", E.Place)
                       : "the threads this spawn starts (one per iteration)";
  if (E.Place.empty())
    return fmt::format("a `{}` thread", E.TypeName.empty() ? "std::thread" : E.TypeName);
  return E.Container ? fmt::format("a thread in `{}`", E.Place) : fmt::format("the thread `{}`", E.Place);
}

void explainThreadOutlivesBorrow(const Finding &F, Diagnostic &D) {
  D.Message = fmt::format("closure may outlive the current function, but it borrows `{}`, which is "
                          "owned by the current function", F.Subject);
  const Event *Spawn = F.find(EventKind::Spawned);
  const bool Future = F.SubjectType == "std::async";
  const char *What = Future ? "future (and its task)" : "thread";
  const Event *Late = nullptr, *Member = nullptr;
  std::string Escape;
  for (const Event &E : F.Events) {
    switch (E.Kind) {
    case EventKind::Spawned:
      if (!E.Detail.empty() && E.Value)
        addLabel(D, E.Where, fmt::format("constructing `{}` starts a thread that may outlive it",
                                         F.Subject), /*Primary=*/true);
      else if (!E.Detail.empty())
        addLabel(D, E.Where, fmt::format("`{}.{}()` starts a thread that may outlive borrowed value `{}`",
                                         F.Subject, E.Detail, F.Subject), /*Primary=*/true);
      else
        addLabel(D, E.Where, fmt::format("may outlive borrowed value `{}`", F.Subject), /*Primary=*/true);
      break;
    case EventKind::Borrowed:
      if (E.Detail == "this")
        addLabel(D, E.Where, fmt::format("`{}` is borrowed here, as `this`", E.Place));
      else if (!E.Detail.empty())
        addLabel(D, E.Where, fmt::format("`{}` is borrowed here, through `{}`{}", E.Place, E.Detail,
                                         E.Partial ? " (on some paths)" : ""));
      else
        addLabel(D, E.Where, fmt::format("`{}` is borrowed here", E.Place));
      break;
    case EventKind::Escaped:
      Escape = E.TypeName;
      if (E.TypeName == "member") {
        Member = &E;
        addLabel(D, E.Where, fmt::format("the {} is stored in `{}` here, and `~{}` does not {} it",
                                         What, E.Place, E.Detail, Future ? "wait for" : "join"));
      } else if (E.TypeName == "member-late") {
        Member = &E;
        addLabel(D, E.Where, fmt::format("the {} is stored in `{}` here, which {} only when destroyed: "
                                         "after `{}`, declared after it", What, E.Place,
                                         Future ? "waits" : "joins", E.Slot));
      } else if (E.TypeName == "late") {
        Late = &E;
        addLabel(D, E.Where, fmt::format("`{}` is declared before `{}`, so it is destroyed (and "
                                         "{}) only after `{}`", E.Place, F.Subject,
                                         Future ? "waits" : "joins", F.Subject));
      } else if (E.TypeName == "detached") {
        addLabel(D, E.Where, "the thread is detached here: nothing waits for it");
      } else if (E.TypeName == "returned") {
        addLabel(D, E.Where, fmt::format("the {} is returned here, still running", What));
      } else if (E.TypeName == "stored") {
        addLabel(D, E.Where, fmt::format("the {} is stored here, where it outlives the function", What));
      } else {
        addLabel(D, E.Where, fmt::format("the {} is moved away here: this function no longer {} it",
                                         What, Future ? "waits for" : "joins"));
      }
      break;
    case EventKind::Dropped: {
      // Several borrowed variables dying at one place: one label naming them all.
      if (std::any_of(F.Events.data(), &E, [&](const Event &O) {
            return O.Kind == EventKind::Dropped && sameSpan(O.Where, E.Where);
          }))
        break;
      std::vector<std::string> Names;
      for (const Event &O : F.Events)
        if (O.Kind == EventKind::Dropped && sameSpan(O.Where, E.Where))
          Names.push_back(fmt::format("`{}`", O.Place));
      if (E.Partial)
        addLabel(D, E.Where, fmt::format("{} dropped here while the thread may still be running: "
                                         "`{}` is not joined before this point", listOf(Names), E.TypeName));
      else
        addLabel(D, E.Where, fmt::format("{} dropped here while the thread may still be running",
                                         listOf(Names)));
      break;
    }
    default:
      break;
    }
  }
  std::vector<std::string> Borrowed;
  for (const Event &E : F.Events)
    if (E.Kind == EventKind::Borrowed &&
        std::find(Borrowed.begin(), Borrowed.end(), fmt::format("`{}`", E.Place)) == Borrowed.end())
      Borrowed.push_back(fmt::format("`{}`", E.Place));
  if (Borrowed.size() <= 1)
    Borrowed = {fmt::format("`{}`", F.Subject)};
  verdict(D, Behaviour::UndefinedIf, fmt::format(
      "undefined behaviour in C++ if the thread touches {} after this point: it reads or writes "
      "a dead stack object", listOf(Borrowed, "or")),
      fmt::format("the thread touches {} after it dies", listOf(Borrowed, "or")));
  const Event *Through = F.find(EventKind::Borrowed);
  if (F.Certainty == Confidence::Maybe && Through && Through->Partial)
    certainty(D, fmt::format("`{}` points into `{}` on some paths only", Through->Detail, F.Subject));
  else if (F.Certainty == Confidence::Maybe && Member && Member->Value)
    certainty(D, fmt::format(
        "{} starts the thread on some paths only",
        !Spawn || Spawn->Detail.empty() ? std::string("the member function")
        : Spawn->Value                  ? fmt::format("the constructor of `{}`", Spawn->Detail)
                                        : fmt::format("`{}.{}()`", F.Subject, Spawn->Detail)));
  else if (F.Certainty == Confidence::Maybe)
    certainty(D, "the thread is joined on some paths to this point, not on all");
  if (Escape.empty() && F.find(EventKind::Dropped) && F.find(EventKind::Dropped)->Partial)
    note(D, "a `std::thread` destroyed while still joinable calls `std::terminate`");
  if (Member && Member->TypeName == "member" && F.SubjectType != "std::async")
    note(D, fmt::format("a `std::thread` member still joinable when `~{}` ends calls `std::terminate`",
                        Member->Detail));
  if (Future)
    tag(D, "async");
  if (Member && Member->TypeName == "member")
    fix(D, fmt::format(
        "join `{}` in `~{}` or before `{}` dies (`{}`); a "
        "`std::jthread` member declared after the fields its thread uses joins it for you",
        Member->Place, Member->Detail, F.Subject,
        Member->Container ? fmt::format("for (auto &t : {}) t.join();", Member->Place)
                          : fmt::format("if ({0}.joinable()) {0}.join();", Member->Place)));
  else if (Member)
    fix(D, fmt::format(
        "declare `{}` after `{}` (members are destroyed in reverse order of declaration), or join "
        "it in `~{}`", Member->Place, Member->Slot, Member->Detail));
  else if (Spawn && !Spawn->Detail.empty())
    fix(D, fmt::format(
        "do not detach a thread that uses `this`: keep it in a member and join it in the "
        "destructor, or join it before `{}` dies", F.Subject));
  else if (Late)
    fix(D, fmt::format(
        "declare `{}` after `{}` (a scoped thread: it joins before the data it borrows dies), or "
        "join it before `{}` dies", Late->Place, F.Subject, F.Subject));
  else
    fix(D, fmt::format(
        "{} or join the thread on every path before `{}` dies (a `std::jthread` declared after "
        "`{}` does it for you, like `std::thread::scope`)",
        F.Partial ? fmt::format("capture `{}` by value (`[{}]`, or move it in: `[{} = std::move({})]`),",
                                F.Subject, F.Subject, F.Subject, F.Subject)
                  : fmt::format("pass `{}` by value,", F.Subject),
        F.Subject, F.Subject));
}

void explainDataRace(const Finding &F, Diagnostic &D) {
  const Event *A = nullptr, *B = nullptr;
  for (const Event &E : F.Events)
    if (E.Kind == EventKind::Accessed)
      (A ? B : A) = &E;
  if (!A || !B)
    return;
  const bool BothWrite = A->Write && B->Write;
  if (BothWrite) {
    D.RustCode = "E0499";
    D.Message = fmt::format("cannot borrow `{}` as mutable more than once at a time", F.Subject);
  } else {
    D.RustCode = "E0502";
    D.Message = fmt::format("cannot borrow `{}` as {} because it is also borrowed as {}", F.Subject,
                            B->Write ? "mutable" : "immutable", B->Write ? "immutable" : "mutable");
  }
  auto Text = [&](const Event &E, bool First) {
    std::string Who = threadName(E);
    std::string Lock = E.Lock.empty() ? "" : fmt::format(" with `{}` locked", E.Lock);
    const char *Verb = E.SameSpawn ? (E.Write ? "write" : "read") : (E.Write ? "writes" : "reads");
    std::string In = E.Detail.empty() ? "" : fmt::format(", in `{}()`", E.Detail);
    return fmt::format("{} {} `{}` here{}{}", Who, Verb, F.Subject, In, Lock) +
           (First ? "" : ", at the same time");
  };
  // One access racing with itself (`seen[w] += 1` in every iteration's
  // thread): one label, not two with almost the same words on one span.
  if (A->Where.File == B->Where.File && A->Where.Begin == B->Where.Begin && A->Where.End == B->Where.End) {
    std::string Who = threadName(*B);
    std::string Lock = B->Lock.empty() ? "" : fmt::format(" with `{}` locked", B->Lock);
    std::string In = B->Detail.empty() ? "" : fmt::format(", in `{}()`", B->Detail);
    const char *Verb = A->Write != B->Write ? (B->SameSpawn ? "read and write" : "reads and writes")
                       : B->SameSpawn       ? (B->Write ? "write" : "read")
                                            : (B->Write ? "writes" : "reads");
    addLabel(D, B->Where, fmt::format("{} {} `{}` here{}{}, at the same time", Who, Verb, F.Subject, In, Lock),
             /*Primary=*/true);
  } else {
    addLabel(D, A->Where, Text(*A, true));
    addLabel(D, B->Where, Text(*B, false), /*Primary=*/true);
  }
  std::string Held = !A->Lock.empty() ? A->Lock : B->Lock;
  tag(D, F.Global ? "mutable-global" : "local");
  if (F.Partial) {
    tag(D, "elements");
    verdict(D, Behaviour::BreaksRustRulesOnly,
        "reported because of --strict: each thread may write its own element, which is valid C++ "
        "when the indices differ; Rust rejects two mutable borrows of one container (split it "
        "with `split_at_mut` / `chunks_mut` and scoped threads)");
  } else if (!F.OrderedBy.empty()) {
    verdict(D, Behaviour::UndefinedIf, fmt::format(
        "possibly valid C++: since starting the thread, this thread touched `{}`{}, which the thread "
        "touches too; if the thread writes `{}` before it stores there and this thread reads after "
        "it loads, the accesses are ordered and there is no data race. Rust rejects the two borrows "
        "all the same (the thread's closure borrows `{}` mutably while this thread uses it)",
        F.OrderedBy, F.OrderedVia.empty() ? std::string() : fmt::format(" (in `{}()`)", F.OrderedVia), F.Subject,
        F.Subject), fmt::format("the accesses to `{}` are not ordered through `{}`", F.Subject, F.OrderedBy));
  } else
    verdict(D, Behaviour::UndefinedInCxx, fmt::format(
        "undefined behaviour in C++ (a data race): both threads may run at once, {} and {}",
        BothWrite ? "both write" : "one writes",
        Held.empty() ? "no lock protects these accesses"
                     : fmt::format("`{}` is not locked on both sides", Held)));
  if (F.Certainty == Confidence::Maybe && F.OrderedBy.empty())
    certainty(D, "the threads overlap on some paths only");
  fix(D, fmt::format("lock the same `std::mutex` around every access to `{}` (`std::lock_guard`), make "
                     "it `std::atomic`, or join the thread before touching `{}`", F.Subject, F.Subject));
}

} // namespace borrowck::explain_detail
