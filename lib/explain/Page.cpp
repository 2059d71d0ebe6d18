// The `borrowck --explain` pages: the same sections for every rule, from the
// rule's explain.md, rule.yaml, rust.rs and rustc's own output (rust.stderr),
// and its examples without the test suite's markers.
#include "explain/Page.h"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace borrowck {

namespace {

struct Section {
  std::string Title; // without "## "
  std::string Body;  // up to the next "## " heading, trimmed
};

std::string trim(std::string_view S) {
  while (!S.empty() && (S.front() == '\n' || S.front() == ' '))
    S.remove_prefix(1);
  while (!S.empty() && (S.back() == '\n' || S.back() == ' '))
    S.remove_suffix(1);
  return std::string(S);
}

std::vector<Section> sections(std::string_view Md, std::string &Intro) {
  std::vector<Section> Out;
  std::string *Into = &Intro;
  bool InCode = false;
  while (!Md.empty()) {
    size_t NL = Md.find('\n');
    std::string_view Line = Md.substr(0, NL);
    Md.remove_prefix(NL == std::string_view::npos ? Md.size() : NL + 1);
    if (Line.rfind("```", 0) == 0)
      InCode = !InCode;
    if (!InCode && Line.rfind("## ", 0) == 0) {
      Out.push_back({std::string(Line.substr(3)), ""});
      Into = &Out.back().Body;
      continue;
    }
    if (!InCode && Line.rfind("# ", 0) == 0 && Into == &Intro && Intro.empty())
      continue; // the title: the page prints its own
    *Into += Line;
    *Into += '\n';
  }
  Intro = trim(Intro);
  for (Section &S : Out)
    S.Body = trim(S.Body);
  return Out;
}

// The body of the first section whose title starts with one of Titles; taken
// out of Rest so it is printed once.
std::string take(std::vector<Section> &Rest, std::initializer_list<std::string_view> Titles) {
  for (std::string_view T : Titles)
    for (auto It = Rest.begin(); It != Rest.end(); ++It)
      if (It->Title.rfind(T, 0) == 0) {
        std::string Body = It->Body;
        Rest.erase(It);
        return Body;
      }
  return "";
}

// bad.cpp without its `//~ ERROR` markers.
std::string withoutMarkers(std::string_view Src) {
  std::string Out;
  while (!Src.empty()) {
    size_t NL = Src.find('\n');
    std::string Line(Src.substr(0, NL));
    Src.remove_prefix(NL == std::string_view::npos ? Src.size() : NL + 1);
    if (size_t M = Line.find("//~"); M != std::string::npos) {
      Line.erase(M);
      while (!Line.empty() && Line.back() == ' ')
        Line.pop_back();
    }
    Out += Line + "\n";
  }
  return trim(Out) + "\n";
}

// good.cpp without the section of patterns that only a naive checker flags,
// and without a heading comment that speaks of one.
std::string withoutNaive(std::string_view Src) {
  if (size_t Cut = Src.find("// ---- Patterns a naive checker"); Cut != std::string_view::npos)
    Src = Src.substr(0, Cut);
  std::string Out;
  bool Head = true;
  while (!Src.empty()) {
    size_t NL = Src.find('\n');
    std::string_view Line = Src.substr(0, NL);
    Src.remove_prefix(NL == std::string_view::npos ? Src.size() : NL + 1);
    if (Head && Line.rfind("//", 0) == 0 && Line.find("naive") != std::string_view::npos)
      continue;
    if (Head && Line.rfind("// ---- Fixed versions", 0) == 0)
      continue;
    Head = Head && Line.rfind("//", 0) == 0;
    Out += std::string(Line) + "\n";
  }
  return trim(Out) + "\n";
}

void section(std::string &Out, std::string_view Title, const std::string &Body) {
  if (!Body.empty())
    Out += fmt::format("## {}\n\n{}\n\n", Title, Body);
}

} // namespace

std::string explainPage(const RuleInfo &R) {
  std::string Intro;
  std::vector<Section> Rest = sections(R.Explain, Intro);
  std::string Out = fmt::format("{}: {} [{}]\n\n", fmt::join(R.Codes, ", "), R.Title, R.Slug);
  Out += Intro.empty() ? std::string(R.Summary) : Intro;
  Out += "\n\n";
  std::string Happened = take(Rest, {"What happened"});
  section(Out, "What happened", Happened.empty() ? std::string(R.Summary) : Happened);
  section(Out, "Why C++ allows it", take(Rest, {"Why C++ allows it"}));
  std::string Rust = take(Rest, {"What Rust does"});
  if (Rust.empty())
    Rust = std::string(R.Rust);
  Rust += fmt::format("\n\nrules/{}/rust.rs:\n\n```rust\n{}```\n\nrustc 1.95 says:\n\n```text\n{}```",
                      R.Slug, R.RustSource, R.RustcOutput);
  section(Out, "What Rust does", Rust);
  std::string Go = take(Rest, {"What Go does"});
  section(Out, "What Go does", Go.empty() ? std::string(R.Go) : Go);
  std::string Cxx = take(Rest, {"What the C++ runtime"});
  section(Out, "What the C++ runtime and tools do", Cxx.empty() ? std::string(R.Cxx) : Cxx);
  section(Out, "How to fix", take(Rest, {"How to fix"}));
  section(Out, "Examples",
          fmt::format("Reported (rules/{0}/bad.cpp):\n\n```cpp\n{1}```\n\nFixed (rules/{0}/good.cpp):\n\n"
                      "```cpp\n{2}```",
                      R.Slug, withoutMarkers(R.Bad), withoutNaive(R.Good)));
  // What borrowck tracks and does not, and the rule's other sections.
  for (const Section &S : Rest)
    section(Out, S.Title, S.Body);
  while (Out.size() > 1 && Out[Out.size() - 1] == '\n' && Out[Out.size() - 2] == '\n')
    Out.pop_back();
  return Out;
}

std::string explainMenu(std::string_view Code, const std::vector<const RuleInfo *> &Rules) {
  std::string Out = fmt::format("{} is printed by {} rules; run `borrowck --explain <rule>` for one:\n\n",
                                Code, Rules.size());
  for (const RuleInfo *R : Rules)
    Out += fmt::format("  {:<22} {}\n", R->Slug, R->Title);
  return Out;
}

} // namespace borrowck
