#include "catalog/Catalog.h"

#include <cctype>

namespace borrowck {

namespace {
#include "Catalog.inc" // const RuleInfo Rules[] = {...};
}

std::span<const RuleInfo> allRules() { return Rules; }

static bool equalsIgnoreCase(std::string_view A, std::string_view B) {
  if (A.size() != B.size())
    return false;
  for (size_t I = 0; I < A.size(); ++I)
    if (std::tolower(static_cast<unsigned char>(A[I])) !=
        std::tolower(static_cast<unsigned char>(B[I])))
      return false;
  return true;
}

const RuleInfo *findRule(std::string_view Key) {
  for (const RuleInfo &R : Rules)
    if (equalsIgnoreCase(R.Slug, Key))
      return &R;
  for (const RuleInfo &R : Rules)
    if (equalsIgnoreCase(R.Code, Key))
      return &R;
  return nullptr;
}

std::vector<const RuleInfo *> findRules(std::string_view Key) {
  std::vector<const RuleInfo *> Out;
  for (const RuleInfo &R : Rules)
    if (equalsIgnoreCase(R.Slug, Key))
      return {&R};
  for (const RuleInfo &R : Rules)
    for (std::string_view C : R.Codes)
      if (equalsIgnoreCase(C, Key)) {
        Out.push_back(&R);
        break;
      }
  return Out;
}

std::string explainKey(const RuleInfo &R, std::string_view Code) {
  return explainsAlone(R, Code) ? std::string(Code) : std::string(R.Slug);
}

bool explainsAlone(const RuleInfo &R, std::string_view Code) {
  std::vector<const RuleInfo *> Rs = findRules(Code);
  return Rs.size() == 1 && Rs.front() == &R && !equalsIgnoreCase(R.Slug, Code);
}

} // namespace borrowck
