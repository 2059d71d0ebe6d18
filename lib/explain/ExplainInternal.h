// Internal to explain/: one function per rule (family files Moves.cpp,
// Lifetimes.cpp, Memory.cpp, Init.cpp, Threads.cpp); Explain.cpp dispatches
// and adds what every rule shares (the lifetimebound hint, Rust / Go notes).
#pragma once

#include "checks/Finding.h"
#include "diag/Diagnostic.h"

#include <string>

namespace borrowck::explain_detail {

inline void addLabel(Diagnostic &D, const Span &S, std::string Text, bool Primary = false) {
  D.Labels.push_back(Label{S, std::move(Text), Primary});
}

// The verdict: undefined behaviour, or only if Condition holds, or Rust-only;
// the note's words and the machine field D.Kind always agree.
inline void verdict(Diagnostic &D, Behaviour K, std::string Text, std::string Condition = "") {
  D.Kind = K;
  D.Condition = K == Behaviour::UndefinedIf ? std::move(Condition) : std::string();
  D.Children.push_back({Level::Note, std::move(Text), {}, Role::Verdict});
}
// "possible, not definite: ...": part of the verdict.
inline void certainty(Diagnostic &D, std::string Text) {
  D.Children.push_back({Level::Note, "possible, not definite: " + std::move(Text), {}, Role::Verdict});
}
// A note rustc prints too, or what this case does at run time: always shown.
inline void note(Diagnostic &D, std::string Text) {
  D.Children.push_back({Level::Note, std::move(Text), {}, Role::Note});
}
// Why, step by step: shown with --teach.
inline void detail(Diagnostic &D, std::string Text) {
  D.Children.push_back({Level::Note, std::move(Text), {}, Role::Detail});
}
// The concrete fix.
inline void fix(Diagnostic &D, std::string Text) {
  D.Children.push_back({Level::Help, std::move(Text), {}, Role::Fix});
}
// The finding is this case of its rule (rule.yaml `cases:`): its Rust, Go and
// C++-runtime lines are the case's.
inline void tag(Diagnostic &D, std::string Case) { D.Cases.push_back(std::move(Case)); }

void explainUseAfterMove(const Finding &F, Diagnostic &D);       // Moves.cpp
void explainDanglingReturn(const Finding &F, Diagnostic &D);     // Lifetimes.cpp
void explainDanglingUse(const Finding &F, Diagnostic &D);        // Lifetimes.cpp
void explainInvalidatedBorrow(const Finding &F, Diagnostic &D);  // Lifetimes.cpp
void explainConflictingBorrows(const Finding &F, Diagnostic &D); // Lifetimes.cpp
void explainUseAfterFree(const Finding &F, Diagnostic &D);       // Memory.cpp
void explainDoubleFree(const Finding &F, Diagnostic &D);         // Memory.cpp
void explainUninitializedUse(const Finding &F, Diagnostic &D);   // Init.cpp
void explainThreadOutlivesBorrow(const Finding &F, Diagnostic &D); // Threads.cpp
void explainDataRace(const Finding &F, Diagnostic &D);           // Threads.cpp

} // namespace borrowck::explain_detail
