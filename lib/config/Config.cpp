#include "config/Config.h"

#include "catalog/Catalog.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace borrowck {

namespace {

bool equalsIgnoreCase(std::string_view A, std::string_view B) {
  return llvm::StringRef(A).equals_insensitive(llvm::StringRef(B));
}

bool isGlob(llvm::StringRef S) { return S.find_first_of("*?[") != llvm::StringRef::npos; }

// One entry of `rules:`, checked against the catalog as it is read.
struct RulePattern {
  std::string Text;
};
struct LevelValue {
  Level L = Level::Error;
};
using SeverityMap = std::map<std::string, LevelValue>;

// The YAML reader's context: the key being read (for `severity:` values) and
// the text of the last error (YAML I/O keeps only a StringRef to it).
struct ParseContext {
  std::string CurrentKey;
  std::string Error;
};

struct RawConfig {
  std::optional<std::vector<RulePattern>> Rules;
  std::optional<SeverityMap> Severity;
  std::optional<bool> Strict;
  std::optional<ModelConfig> Ownership;
};

} // namespace

bool isRuleName(std::string_view Name) { return !findRules(Name).empty(); }

bool namesRule(std::string_view Name, std::string_view Slug) {
  if (equalsIgnoreCase(Name, Slug))
    return true;
  const RuleInfo *R = findRule(Slug);
  return R && equalsIgnoreCase(Name, R->Code);
}

static bool patternMatches(llvm::StringRef Pattern, std::string_view Slug) {
  if (isGlob(Pattern)) {
    auto G = llvm::GlobPattern::create(Pattern);
    return G && G->match(llvm::StringRef(Slug.data(), Slug.size()));
  }
  return namesRule(std::string_view(Pattern.data(), Pattern.size()), Slug);
}

bool Config::enabled(std::string_view Slug) const {
  bool On = true;
  for (const std::string &P : Rules) {
    llvm::StringRef Pat(P);
    bool Disable = Pat.consume_front("-");
    if (patternMatches(Pat, Slug))
      On = !Disable;
  }
  return On;
}

std::optional<Level> Config::severity(std::string_view Slug) const {
  for (const auto &[Key, L] : Severity)
    if (equalsIgnoreCase(Key, Slug))
      return L;
  for (const auto &[Key, L] : Severity)
    if (namesRule(Key, Slug))
      return L;
  return std::nullopt;
}

} // namespace borrowck

using borrowck::LevelValue;
using borrowck::ModelConfig;
using borrowck::ParseContext;
using borrowck::RawConfig;
using borrowck::RulePattern;
using borrowck::SeverityMap;

LLVM_YAML_IS_FLOW_SEQUENCE_VECTOR(RulePattern)


namespace llvm::yaml {

template <> struct ScalarTraits<RulePattern> {
  static void output(const RulePattern &P, void *, raw_ostream &OS) { OS << P.Text; }
  static StringRef input(StringRef S, void *Ctx, RulePattern &P) {
    auto &C = *static_cast<ParseContext *>(Ctx);
    P.Text = S.str();
    StringRef Name = S;
    Name.consume_front("-");
    if (borrowck::isGlob(Name)) {
      auto G = GlobPattern::create(Name);
      if (!G) {
        C.Error = "bad pattern '" + S.str() + "': " + toString(G.takeError());
        return C.Error;
      }
      for (const borrowck::RuleInfo &R : borrowck::allRules())
        if (G->match(StringRef(R.Slug.data(), R.Slug.size())))
          return {};
      C.Error = "pattern '" + Name.str() + "' matches no rule; see borrowck --list-rules";
      return C.Error;
    }
    if (!borrowck::isRuleName(Name.str())) {
      C.Error = "unknown rule '" + Name.str() + "'; see borrowck --list-rules";
      return C.Error;
    }
    return {};
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::Single; }
};

template <> struct ScalarTraits<LevelValue> {
  static void output(const LevelValue &V, void *, raw_ostream &OS) { OS << borrowck::levelName(V.L); }
  static StringRef input(StringRef S, void *Ctx, LevelValue &V) {
    auto &C = *static_cast<ParseContext *>(Ctx);
    if (!borrowck::isRuleName(C.CurrentKey)) {
      C.Error = "unknown rule '" + C.CurrentKey + "' in 'severity'; see borrowck --list-rules";
      return C.Error;
    }
    if (S == "error")
      V.L = borrowck::Level::Error;
    else if (S == "warning")
      V.L = borrowck::Level::Warning;
    else if (S == "note")
      V.L = borrowck::Level::Note;
    else {
      C.Error = "unknown level '" + S.str() + "'; expected error, warning or note";
      return C.Error;
    }
    return {};
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::None; }
};

template <> struct CustomMappingTraits<SeverityMap> {
  static void inputOne(IO &Io, StringRef Key, SeverityMap &M) {
    static_cast<ParseContext *>(Io.getContext())->CurrentKey = Key.str();
    Io.mapRequired(Key.str().c_str(), M[Key.str()]);
  }
  static void output(IO &Io, SeverityMap &M) {
    for (auto &[Key, V] : M)
      Io.mapRequired(Key.c_str(), V);
  }
};

template <> struct MappingTraits<ModelConfig> {
  static void mapping(IO &Io, ModelConfig &M) {
    if (Io.outputting()) { // --dump-config spells out every key
      Io.mapRequired("owners", M.Owners);
      Io.mapRequired("views", M.Views);
      Io.mapRequired("invalidates", M.Invalidates);
      Io.mapRequired("reinitializes", M.Reinitializes);
      return;
    }
    Io.mapOptional("owners", M.Owners);
    Io.mapOptional("views", M.Views);
    Io.mapOptional("invalidates", M.Invalidates);
    Io.mapOptional("reinitializes", M.Reinitializes);
  }
};

template <> struct MappingTraits<RawConfig> {
  static void mapping(IO &Io, RawConfig &C) {
    Io.mapOptional("rules", C.Rules);
    Io.mapOptional("severity", C.Severity);
    Io.mapOptional("strict", C.Strict);
    Io.mapOptional("ownership", C.Ownership);
  }
};

} // namespace llvm::yaml

namespace borrowck {

namespace {
struct DiagState {
  std::string Path;
  std::string First;
};

void onYamlDiag(const llvm::SMDiagnostic &D, void *Ctx) {
  auto &S = *static_cast<DiagState *>(Ctx);
  if (!S.First.empty() || D.getKind() != llvm::SourceMgr::DK_Error)
    return;
  S.First = S.Path + ":" + std::to_string(D.getLineNo()) + ":" + std::to_string(D.getColumnNo() + 1) +
            ": " + D.getMessage().str();
}

// Qualified names are written without a leading "::".
void normalise(std::vector<std::string> &Names) {
  for (std::string &N : Names)
    if (llvm::StringRef(N).starts_with("::"))
      N.erase(0, 2);
}
} // namespace

std::string findConfigFile(llvm::StringRef SourceFile) {
  llvm::SmallString<256> Dir(SourceFile);
  if (llvm::sys::fs::make_absolute(Dir))
    return {};
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  llvm::sys::path::remove_filename(Dir);
  for (;;) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, ConfigFileName);
    if (llvm::sys::fs::exists(Candidate))
      return std::string(Candidate);
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent.empty() || Parent == Dir)
      return {};
    Dir = Parent;
  }
}

llvm::Expected<Config> parseConfig(llvm::StringRef Text, llvm::StringRef Path) {
  ParseContext Ctx;
  DiagState Diags{Path.str(), {}};
  RawConfig Raw;
  llvm::yaml::Input In(llvm::MemoryBufferRef(Text, Path), &Ctx, onYamlDiag, &Diags);
  In >> Raw;
  if (In.error() || !Diags.First.empty())
    return llvm::createStringError(Diags.First.empty() ? Path.str() + ": " + In.error().message()
                                                       : Diags.First);
  Config C;
  C.Source = Path.str();
  if (Raw.Rules)
    for (RulePattern &P : *Raw.Rules)
      C.Rules.push_back(std::move(P.Text));
  if (Raw.Severity)
    for (auto &[Key, V] : *Raw.Severity)
      C.Severity.emplace_back(Key, V.L);
  C.Strict = Raw.Strict;
  if (Raw.Ownership) {
    C.Ownership = std::move(*Raw.Ownership);
    normalise(C.Ownership.Owners);
    normalise(C.Ownership.Views);
    normalise(C.Ownership.Invalidates);
    normalise(C.Ownership.Reinitializes);
  }
  return C;
}

llvm::Expected<Config> loadConfigFile(llvm::StringRef Path) {
  if (llvm::sys::fs::is_directory(Path))
    return llvm::createStringError("cannot read '" + Path.str() + "': it is a directory");
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return llvm::createStringError("cannot read '" + Path.str() + "': " + Buf.getError().message());
  return parseConfig((*Buf)->getBuffer(), Path);
}

void dumpConfig(const Config &C, llvm::raw_ostream &OS) {
  OS << "# borrowck configuration, from "
     << (C.Source.empty() ? std::string("the built-in defaults") : "'" + C.Source + "'") << "\n";
  RawConfig Raw;
  Raw.Rules.emplace();
  if (C.Rules.empty() || C.Rules.front() != "*")
    Raw.Rules->push_back({"*"});
  for (const std::string &P : C.Rules)
    Raw.Rules->push_back({P});
  Raw.Severity.emplace();
  for (const auto &[Key, L] : C.Severity)
    (*Raw.Severity)[Key] = LevelValue{L};
  Raw.Strict = C.Strict.value_or(false);
  Raw.Ownership = C.Ownership;
  llvm::yaml::Output Out(OS);
  Out << Raw;
}

} // namespace borrowck
