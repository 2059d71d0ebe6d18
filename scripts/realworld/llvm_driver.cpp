// Instantiates LLVM's ADT and Support headers (llvm-22-dev) for scripts/realworld.py.
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"
#include "llvm/ADT/iterator_range.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>

using namespace llvm;

static Expected<int> parse(StringRef S) {
  int V;
  if (S.getAsInteger(10, V))
    return createStringError(inconvertibleErrorCode(), "not a number: %s", S.str().c_str());
  return V;
}

int main(int argc, char **argv) {
  SmallVector<std::string, 4> Words;
  for (int I = 0; I < argc; ++I)
    Words.push_back(argv[I]);
  DenseMap<int, std::string> DM;
  DenseSet<unsigned> DS;
  StringMap<unsigned> SM;
  MapVector<StringRef, int> MV;
  SetVector<int> SV;
  SmallPtrSet<const void *, 8> Ptrs;
  StringSet<> Set;
  BitVector BV(128);
  BumpPtrAllocator Alloc;
  for (auto [I, W] : enumerate(Words)) {
    DM[static_cast<int>(I)] = W;
    DS.insert(static_cast<unsigned>(W.size()));
    SM[W] += 1;
    MV.insert({W, static_cast<int>(I)});
    SV.insert(static_cast<int>(I));
    Ptrs.insert(W.data());
    Set.insert(W);
    BV.set(I % 128);
    (void)Alloc.Allocate<char>(W.size() + 1);
  }
  SmallString<64> Buf;
  raw_svector_ostream OS(Buf);
  OS << formatv("{0} words, {1} distinct", Words.size(), SM.size());
  ArrayRef<std::string> AR(Words);
  std::string Joined = join(AR, ",");
  Twine T = Twine(Joined) + "/" + Buf;
  json::Object Obj{{"n", static_cast<int64_t>(Words.size())}, {"s", T.str()}};
  json::Value V(std::move(Obj));
  std::string Out;
  raw_string_ostream JS(Out);
  JS << V;
  int Total = 0;
  if (Expected<int> N = parse("42"))
    Total += *N;
  else
    consumeError(N.takeError());
  if (auto Buffer = MemoryBuffer::getMemBuffer("abc"))
    Total += static_cast<int>(Buffer->getBufferSize());
  llvm::sort(Words);
  auto It = find_if(Words, [](const std::string &S) { return S.empty(); });
  return (Total + static_cast<int>(Out.size()) + static_cast<int>(It == Words.end()) +
          static_cast<int>(BV.count())) & 1;
}
