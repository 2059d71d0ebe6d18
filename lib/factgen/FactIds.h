// One owner of the ids in a function's facts. The generator that creates an
// origin or a storage for a variable registers it here; the others read it
// back by declaration. Nothing finds a variable again by name or span.
#pragma once

#include "facts/Facts.h"

#include "llvm/ADT/DenseMap.h"

#include <optional>

namespace clang {
class ValueDecl;
class VarDecl;
}

namespace borrowck {

struct FactIds {
  llvm::DenseMap<const clang::VarDecl *, OriginId> Origins;     // a variable's own origin
  llvm::DenseMap<const clang::VarDecl *, StorageId> VarStorage; // a local's or by-value parameter's storage

  llvm::DenseMap<const clang::ValueDecl *, uint32_t> Containers; // ContainerArg::Container

  uint32_t containerId(const clang::ValueDecl *D) {
    return Containers.try_emplace(D, static_cast<uint32_t>(Containers.size())).first->second;
  }
  std::optional<OriginId> originOf(const clang::VarDecl *V) const {
    auto It = Origins.find(V);
    return It == Origins.end() ? std::nullopt : std::optional<OriginId>(It->second);
  }
  // The variable whose storage St is, or null (temporaries, heap, referents).
  const clang::VarDecl *varOf(StorageId St) const {
    for (const auto &[V, Id] : VarStorage)
      if (Id == St)
        return V;
    return nullptr;
  }
};

} // namespace borrowck
