// SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: one run, the rule catalog as
// tool.driver.rules, one result per diagnostic. Written with llvm::json::OStream.
//
//  - regions carry line/column (columnKind "unicodeCodePoints", end exclusive), charOffset /
//    charLength in code points and byteOffset / byteLength, plus the covered text as snippet;
//  - the primary label is locations[0] (its text is the location's message); the others are
//    relatedLocations; with two labels or more, codeFlows holds one threadFlow visiting every
//    label in source order;
//  - partialFingerprints["borrowck/v1"] ignores line numbers (see fingerprintBase), so inserting
//    lines above a finding keeps it the same alert;
//  - fix-its become fixes[] (one per child that has them), children's notes are not carried.
#include "render/MachineRender.h"

#include "render/MachineCommon.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace borrowck {

namespace json = llvm::json;
using namespace machine;

namespace {

std::string utf8(std::string_view S) {
  llvm::StringRef R(S.data(), S.size());
  return json::isUTF8(R) ? std::string(S) : json::fixUTF8(R);
}

const char *sarifLevel(Level L) {
  switch (L) {
  case Level::Error: return "error";
  case Level::Warning: return "warning";
  default: return "note";
  }
}

// RFC 3986 path characters stay, everything else is percent-encoded (bytes of UTF-8).
std::string percentEncode(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/!$&'()*+,;=:@").contains(C))
      Out += static_cast<char>(C);
    else
      Out += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

// A file as SARIF names it: relative to %SRCROOT% (BaseDir) when it is under it.
struct FileUri {
  std::string Uri;
  bool UnderBase = false;
};

class Uris {
public:
  explicit Uris(const std::string &BaseDir) : Base(BaseDir) {
    llvm::sys::path::remove_dots(Base, /*remove_dot_dot=*/true, llvm::sys::path::Style::posix);
    while (Base.size() > 1 && Base.back() == '/')
      Base.pop_back();
  }
  std::string baseUri() const {
    std::string B = "file://" + percentEncode(Base);
    return B.back() == '/' ? B : B + "/";
  }
  bool hasBase() const { return !Base.empty() && llvm::sys::path::is_absolute(Base, llvm::sys::path::Style::posix); }

  const FileUri &of(const std::string &File) {
    auto [It, New] = Cache.try_emplace(File);
    if (!New)
      return It->second;
    llvm::SmallString<256> Abs(File);
    if (!llvm::sys::path::is_absolute(Abs, llvm::sys::path::Style::posix) && hasBase()) {
      Abs = Base;
      llvm::sys::path::append(Abs, llvm::sys::path::Style::posix, File);
    }
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true, llvm::sys::path::Style::posix);
    llvm::StringRef A = Abs;
    if (!hasBase()) {
      It->second = {percentEncode(A), !llvm::sys::path::is_absolute(A, llvm::sys::path::Style::posix)};
    } else if (A.consume_front(Base) && (Base == "/" || A.consume_front("/"))) {
      It->second = {percentEncode(A), true};
    } else {
      It->second = {"file://" + percentEncode(Abs), false};
    }
    return It->second;
  }

private:
  llvm::SmallString<256> Base;
  std::map<std::string, FileUri> Cache;
};

class Writer {
public:
  Writer(json::OStream &J, const RunReport &Run, Uris &U, const std::map<std::string, size_t> &Artifacts)
      : J(J), Run(Run), U(U), Artifacts(Artifacts) {}

  void artifactLocation(const std::string &File) {
    const FileUri &F = U.of(File);
    J.attributeObject("artifactLocation", [&] {
      J.attribute("uri", F.Uri);
      if (F.UnderBase)
        J.attribute("uriBaseId", "%SRCROOT%");
      auto It = Artifacts.find(File);
      if (It != Artifacts.end())
        J.attribute("index", static_cast<int64_t>(It->second));
    });
  }

  // A region's members; deleted regions of fix-its get no snippet.
  void regionMembers(const Span &S, bool Snippet) {
    Extent E = extentOf(S, Run.Sources);
    if (E.Known) {
      J.attribute("startLine", E.Begin.Line);
      J.attribute("startColumn", E.Begin.Col);
      J.attribute("endLine", E.End.Line);
      J.attribute("endColumn", E.End.Col);
      J.attribute("charOffset", E.CharBegin);
      J.attribute("charLength", E.CharLen);
    }
    J.attribute("byteOffset", E.ByteBegin);
    J.attribute("byteLength", E.ByteEnd - E.ByteBegin);
    if (Snippet && E.Known && E.ByteEnd > E.ByteBegin)
      J.attributeObject("snippet", [&] {
        J.attribute("text", utf8(std::string_view(Run.Sources.find(S.File)->text())
                                     .substr(E.ByteBegin, E.ByteEnd - E.ByteBegin)));
      });
  }

  void physicalLocation(const Span &S) {
    J.attributeObject("physicalLocation", [&] {
      artifactLocation(S.File);
      J.attributeObject("region", [&] { regionMembers(S, true); });
    });
  }

  // A location object's members: optional id, physical location, message.
  void locationBody(const Label &L, int Id = -1) {
    if (Id >= 0)
      J.attribute("id", Id);
    physicalLocation(L.Where);
    if (!L.Text.empty())
      J.attributeObject("message", [&] { J.attribute("text", utf8(L.Text)); });
  }

  void fixes(const Diagnostic &D) {
    J.attributeArray("fixes", [&] {
      for (const Child &Ch : D.Children) {
        if (Ch.Fixes.empty())
          continue;
        J.object([&] {
          J.attributeObject("description", [&] { J.attribute("text", utf8(Ch.Text)); });
          // One artifactChange per file, in the order the files first appear.
          std::vector<std::string> Files;
          for (const FixIt &F : Ch.Fixes)
            if (std::find(Files.begin(), Files.end(), F.Where.File) == Files.end())
              Files.push_back(F.Where.File);
          J.attributeArray("artifactChanges", [&] {
            for (const std::string &File : Files)
              J.object([&] {
                artifactLocation(File);
                J.attributeArray("replacements", [&] {
                  for (const FixIt &F : Ch.Fixes)
                    if (F.Where.File == File)
                      J.object([&] {
                        J.attributeObject("deletedRegion", [&] { regionMembers(F.Where, false); });
                        J.attributeObject("insertedContent", [&] { J.attribute("text", utf8(F.Text)); });
                      });
                });
              });
          });
        });
      }
    });
  }

private:
  json::OStream &J;
  const RunReport &Run;
  Uris &U;
  const std::map<std::string, size_t> &Artifacts;
};

std::string collapseSpaces(std::string_view S) {
  std::string Out;
  bool Space = false;
  for (char C : S) {
    if (C == ' ' || C == '\t' || C == '\r' || C == '\n' || C == '\f' || C == '\v') {
      Space = !Out.empty();
      continue;
    }
    if (Space)
      Out += ' ';
    Space = false;
    Out += C;
  }
  return Out;
}

} // namespace

std::string fingerprintBase(std::string_view Rule, std::string_view Uri, std::string_view Message,
                            std::string_view PrimaryLine) {
  llvm::SHA256 H;
  std::string Msg = collapseSpaces(Message), Line = collapseSpaces(PrimaryLine);
  for (std::string_view Part : {Rule, Uri, std::string_view(Msg), std::string_view(Line)}) {
    H.update(llvm::StringRef(Part.data(), Part.size()));
    H.update(llvm::StringRef("\0", 1));
  }
  std::array<uint8_t, 32> Digest = H.final();
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest.data(), 16), /*LowerCase=*/true);
}

std::string renderSarif(const RunReport &Run, std::span<const RuleInfo> Rules, const ToolInfo &Tool,
                        const std::string &BaseDir) {
  Uris U(BaseDir);

  // Artifacts: the files named (when they were read), then every other file a label or
  // fix-it points into, in the order of the report.
  std::vector<std::string> ArtifactList;
  std::map<std::string, size_t> Artifacts;
  auto AddArtifact = [&](const std::string &F) {
    if (Artifacts.try_emplace(F, ArtifactList.size()).second)
      ArtifactList.push_back(F);
  };
  for (const std::string &F : Run.Files)
    if (Run.Sources.find(F))
      AddArtifact(F);
  for (const Diagnostic &D : Run.Diags) {
    for (const Label &L : D.Labels)
      AddArtifact(L.Where.File);
    for (const Child &Ch : D.Children)
      for (const FixIt &F : Ch.Fixes)
        AddArtifact(F.Where.File);
  }
  auto IsNamed = [&](const std::string &F) {
    return std::find(Run.Files.begin(), Run.Files.end(), F) != Run.Files.end();
  };

  std::string Out;
  llvm::raw_string_ostream OS(Out);
  json::OStream J(OS, /*IndentSize=*/2);
  Writer W(J, Run, U, Artifacts);
  std::map<std::string, unsigned> Seen; // fingerprint base -> results so far

  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attribute("version", "2.1.0");
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attributeObject("tool", [&] {
          J.attributeObject("driver", [&] {
            J.attribute("name", Tool.Name);
            if (!Tool.InformationUri.empty())
              J.attribute("informationUri", Tool.InformationUri);
            J.attribute("version", Tool.Version);
            J.attribute("semanticVersion", Tool.Version);
            J.attributeArray("rules", [&] {
              for (const RuleInfo &R : Rules)
                J.object([&] {
                  std::string Slug(R.Slug);
                  J.attribute("id", Slug);
                  // SARIF suggests a PascalCase name: use-after-move -> UseAfterMove.
                  std::string Name;
                  bool Up = true;
                  for (char C : Slug) {
                    if (C == '-') {
                      Up = true;
                      continue;
                    }
                    Name += Up ? llvm::toUpper(C) : C;
                    Up = false;
                  }
                  J.attribute("name", Name);
                  J.attributeObject("shortDescription", [&] { J.attribute("text", utf8(R.Title)); });
                  J.attributeObject("fullDescription", [&] { J.attribute("text", utf8(R.Summary)); });
                  std::string Help = std::string(R.Summary) + "\n\nRust: " + std::string(R.Rust) +
                                     "\nGo: " + std::string(R.Go) + "\nC++: " + std::string(R.Cxx) +
                                     "\n\nMore: borrowck --explain " + Slug;
                  J.attributeObject("help", [&] {
                    J.attribute("text", utf8(Help));
                    J.attribute("markdown", utf8(R.Explain));
                  });
                  if (!Tool.DocsUri.empty())
                    J.attribute("helpUri", Tool.DocsUri + "rules/" + Slug + "/explain.md");
                  J.attributeObject("defaultConfiguration", [&] {
                    J.attribute("level", R.Severity == "warning" ? "warning" : R.Severity == "error" ? "error" : "note");
                  });
                  J.attributeObject("properties", [&] {
                    J.attributeArray("tags", [&] {
                      J.value(utf8(R.Code));
                      J.value(utf8(R.Family));
                    });
                    J.attribute("rustCode", utf8(R.Code));
                    J.attribute("documentation", "rules/" + Slug + "/explain.md");
                  });
                });
            });
          });
        });

        J.attributeArray("invocations", [&] {
          J.object([&] {
            J.attribute("executionSuccessful", Run.ExitStatus != 2);
            J.attribute("exitCode", Run.ExitStatus);
            if (U.hasBase())
              J.attributeObject("workingDirectory", [&] { J.attribute("uri", U.baseUri()); });
            J.attributeArray("toolExecutionNotifications", [&] {
              for (const ToolMessage &M : Run.Messages)
                J.object([&] {
                  J.attribute("level", sarifLevel(M.Kind));
                  J.attributeObject("message", [&] { J.attribute("text", utf8(M.Text)); });
                  if (!M.File.empty())
                    J.attributeArray("locations", [&] {
                      J.object([&] {
                        J.attributeObject("physicalLocation", [&] { W.artifactLocation(M.File); });
                      });
                    });
                });
            });
          });
        });

        if (U.hasBase())
          J.attributeObject("originalUriBaseIds", [&] {
            J.attributeObject("%SRCROOT%", [&] { J.attribute("uri", U.baseUri()); });
          });

        J.attributeArray("artifacts", [&] {
          for (const std::string &F : ArtifactList)
            J.object([&] {
              const FileUri &FU = U.of(F);
              J.attributeObject("location", [&] {
                J.attribute("uri", FU.Uri);
                if (FU.UnderBase)
                  J.attribute("uriBaseId", "%SRCROOT%");
              });
              if (const SourceText *Src = Run.Sources.find(F))
                J.attribute("length", static_cast<int64_t>(Src->text().size()));
              if (IsNamed(F))
                J.attributeArray("roles", [&] { J.value("analysisTarget"); });
              J.attribute("sourceLanguage", "cplusplus");
            });
        });

        J.attributeArray("results", [&] {
          for (const Diagnostic &D : Run.Diags) {
            const Label *P = D.primary();
            J.object([&] {
              J.attribute("ruleId", utf8(D.Rule));
              for (size_t I = 0; I < Rules.size(); ++I)
                if (Rules[I].Slug == D.Rule) {
                  J.attribute("ruleIndex", static_cast<int64_t>(I));
                  break;
                }
              J.attribute("level", sarifLevel(D.Severity));
              J.attributeObject("message", [&] { J.attribute("text", utf8(D.Message)); });
              J.attributeArray("locations", [&] {
                if (P)
                  J.object([&] { W.locationBody(*P); });
              });
              std::vector<const Label *> Ordered = labelsInSourceOrder(D);
              if (Ordered.size() > 1)
                J.attributeArray("relatedLocations", [&] {
                  int Id = 0;
                  for (const Label *L : Ordered)
                    if (L != P)
                      J.object([&] { W.locationBody(*L, ++Id); });
                });
              if (Ordered.size() > 1)
                J.attributeArray("codeFlows", [&] {
                  J.object([&] {
                    J.attributeArray("threadFlows", [&] {
                      J.object([&] {
                        J.attributeArray("locations", [&] {
                          for (const Label *L : Ordered)
                            J.object([&] {
                              J.attributeObject("location", [&] { W.locationBody(*L); });
                              J.attribute("importance", L == P ? "essential" : "important");
                            });
                        });
                      });
                    });
                  });
                });
              if (P) {
                const SourceText *Src = Run.Sources.find(P->Where.File);
                std::string_view Line = Src ? Src->line(Src->lineCol(P->Where.Begin).Line) : std::string_view();
                std::string Base = fingerprintBase(D.Rule, U.of(P->Where.File).Uri, D.Message, Line);
                unsigned N = ++Seen[Base];
                J.attributeObject("partialFingerprints", [&] {
                  J.attribute("borrowck/v1", Base + ":" + std::to_string(N));
                });
              }
              if (std::any_of(D.Children.begin(), D.Children.end(), [](const Child &C) { return !C.Fixes.empty(); }))
                W.fixes(D);
              J.attributeObject("properties", [&] {
                J.attribute("confidence", confidenceName(D.Certainty));
                J.attribute("behaviour", behaviourName(D.Kind));
                if (D.Kind == Behaviour::UndefinedIf)
                  J.attribute("condition", utf8(D.Condition));
                if (!D.RustCode.empty())
                  J.attribute("rustCode", utf8(D.RustCode));
              });
            });
          }
        });
        J.attribute("columnKind", "unicodeCodePoints");
      });
    });
  });
  OS << '\n';
  return Out;
}

} // namespace borrowck
