#include "analysis/InitAnalysis.h"

namespace borrowck {

void InitAnalysis::apply(const InitFact &Fa, State &S) const {
  uint32_t End = Fa.First + Fa.Count;
  switch (Fa.Kind) {
  case InitFactKind::Declare:
    S.MustInit.reset(Fa.First, End);
    S.MayInit.reset(Fa.First, End);
    break;
  case InitFactKind::Write:
    S.MustInit.set(Fa.First, End);
    S.MayInit.set(Fa.First, End);
    break;
  case InitFactKind::MaybeWrite:
    S.MayInit.set(Fa.First, End);
    break;
  case InitFactKind::Forget: // "not ours": a value on every path and on none
    S.MustInit.set(Fa.First, End);
    S.MayInit.reset(Fa.First, End);
    break;
  case InitFactKind::NoWrite:
  case InitFactKind::Read:
    break;
  }
}

} // namespace borrowck
