#include "analysis/ThreadAnalysis.h"

#include <algorithm>

namespace borrowck {

ThreadAnalysis::ThreadAnalysis(const FunctionFacts &F) : F(F) {
  const auto &Blocks = F.Threads.Blocks;
  EscapeIndex.resize(Blocks.size());
  for (uint32_t B = 0; B < Blocks.size(); ++B) {
    EscapeIndex[B].assign(Blocks[B].size(), NotEscaped);
    for (uint32_t I = 0; I < Blocks[B].size(); ++I)
      if (Blocks[B][I].Kind == ThreadFactKind::Escape) {
        EscapeIndex[B][I] = static_cast<uint32_t>(Escapes.size());
        Escapes.push_back({B, I});
      }
  }
}

ThreadState ThreadAnalysis::bottom() const {
  const size_t N = F.Threads.Spawns.size();
  ThreadState S;
  S.MayRun.resize(N);
  S.MustRun.resize(N);
  S.OrderedSince.resize(N);
  S.Holds.assign(F.Threads.Handles.size(), llvm::BitVector(N));
  S.EscapedAt.assign(N, NotEscaped);
  return S;
}

void ThreadAnalysis::join(State &Into, const State &From) const {
  // The engine copies the first reached predecessor and joins the others.
  Into.MayRun |= From.MayRun;
  Into.MustRun &= From.MustRun;
  Into.OrderedSince |= From.OrderedSince;
  for (size_t H = 0; H < Into.Holds.size(); ++H)
    Into.Holds[H] |= From.Holds[H];
  for (size_t S = 0; S < Into.EscapedAt.size(); ++S)
    Into.EscapedAt[S] = std::min(Into.EscapedAt[S], From.EscapedAt[S]);
}

void ThreadAnalysis::apply(uint32_t Block, uint32_t Index, State &S) const {
  const ThreadFact &Fa = F.Threads.Blocks[Block][Index];
  auto Spawns = [&]() {
    llvm::BitVector Of(F.Threads.Spawns.size());
    if (Fa.Handle != NoThreadHandle)
      Of = S.Holds[Fa.Handle];
    else
      Of.set(Fa.Spawn);
    return Of;
  };
  switch (Fa.Kind) {
  case ThreadFactKind::Spawn:
    S.MayRun.set(Fa.Spawn);
    S.MustRun.set(Fa.Spawn);
    S.OrderedSince.reset(Fa.Spawn);
    S.EscapedAt[Fa.Spawn] = NotEscaped;
    if (Fa.Handle != NoThreadHandle)
      S.Holds[Fa.Handle].set(Fa.Spawn);
    break;
  case ThreadFactKind::HandleEnd:
    if (F.Threads.Handles[Fa.Handle].Kind == HandleKind::Thread)
      break; // ~thread does not join
    [[fallthrough]];
  case ThreadFactKind::Join: {
    llvm::BitVector Of = Spawns();
    S.MayRun.reset(Of);
    S.MustRun.reset(Of);
    if (Fa.Handle != NoThreadHandle)
      S.Holds[Fa.Handle].reset();
    break;
  }
  case ThreadFactKind::Access: {
    if (!Fa.Access.Orders)
      break;
    auto Overlaps = [&](uint32_t X, uint32_t Y) { return overlap(F.Threads, X, Y); };
    for (unsigned Sp : S.MayRun.set_bits())
      for (const ThreadAccess &A : F.Threads.Spawns[Sp].Accesses)
        if (A.Orders && Overlaps(A.Var, Fa.Access.Var)) {
          S.OrderedSince.set(Sp);
          break;
        }
    break;
  }
  case ThreadFactKind::Escape: {
    // Not `Spawns().set_bits()`: in C++20 the temporary dies before the loop
    // runs (found by ASan; E0716 in borrowck's own terms).
    llvm::BitVector Of = Spawns();
    for (unsigned Sp : Of.set_bits())
      S.EscapedAt[Sp] = EscapeIndex[Block][Index];
    if (Fa.Handle != NoThreadHandle)
      S.Holds[Fa.Handle].reset();
    break;
  }
  case ThreadFactKind::Transfer:
    S.Holds[Fa.To] |= S.Holds[Fa.Handle];
    S.Holds[Fa.Handle].reset();
    break;
  case ThreadFactKind::VarEnd:
    break;
  }
}

ThreadState ThreadAnalysis::transfer(uint32_t Block, State In) const {
  for (uint32_t I = 0; I < F.Threads.Blocks[Block].size(); ++I)
    apply(Block, I, In);
  return In;
}

} // namespace borrowck
