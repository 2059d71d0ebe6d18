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
