// Facet: where a function keeps the borrows of its arguments, from
// [[clang::lifetime_capture_by(X)]] (model/Attributes.h reads it).
#include "summary/SummaryCache.h"
#include "summary/SummaryCacheImpl.h"

namespace borrowck {

const std::vector<std::vector<CaptureTarget>> &SummaryCache::captures(const clang::FunctionDecl *F) {
  F = F->getCanonicalDecl();
  auto [It, New] = P->Captures.try_emplace(F);
  if (New) {
    It->second.resize(F->getNumParams());
    for (unsigned I = 0; I < F->getNumParams(); ++I)
      It->second[I] = captureTargets(F, I);
  }
  return It->second;
}

} // namespace borrowck
