// User extensions of the type model, by qualified name (from `.borrowck.yaml`'s
// `ownership:` key). Plain data: no Clang, so lib/config can fill it in.
#pragma once

#include <string>
#include <vector>

namespace borrowck {

struct ModelConfig {
  std::vector<std::string> Owners;        // "mylib::Buffer": owns what it hands out, like [[gsl::Owner]]
  std::vector<std::string> Views;         // "mylib::Slice": borrows, like [[gsl::Pointer]]
  std::vector<std::string> Invalidates;   // "mylib::Buffer::grow": like BORROWCK_INVALIDATES
  std::vector<std::string> Reinitializes; // "mylib::Buffer::reset": like [[clang::reinitializes]]
  bool empty() const {
    return Owners.empty() && Views.empty() && Invalidates.empty() && Reinitializes.empty();
  }
};

} // namespace borrowck
