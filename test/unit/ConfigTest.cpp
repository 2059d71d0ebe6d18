// .borrowck.yaml: rule selection, levels, and errors with their positions.
#include "config/Config.h"

#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace borrowck;

namespace {

Config parse(llvm::StringRef Text) {
  llvm::Expected<Config> C = parseConfig(Text, "cfg.yaml");
  if (!C) {
    ADD_FAILURE() << llvm::toString(C.takeError());
    return {};
  }
  return std::move(*C);
}

std::string error(llvm::StringRef Text) {
  llvm::Expected<Config> C = parseConfig(Text, "cfg.yaml");
  if (C)
    return "(no error)";
  return llvm::toString(C.takeError());
}

TEST(Config, EmptyEnablesEverything) {
  Config C = parse("");
  EXPECT_TRUE(C.enabled("use-after-move"));
  EXPECT_TRUE(C.enabled("double-free"));
  EXPECT_FALSE(C.severity("use-after-move"));
  EXPECT_FALSE(C.Strict);
}

TEST(Config, RulesApplyInOrderOnTopOfAll) {
  Config C = parse("rules: ['-double-free']");
  EXPECT_TRUE(C.enabled("use-after-move"));
  EXPECT_FALSE(C.enabled("double-free"));

  C = parse("rules: ['-*', 'use-after-*', '-use-after-free']");
  EXPECT_TRUE(C.enabled("use-after-move"));
  EXPECT_FALSE(C.enabled("use-after-free"));
  EXPECT_FALSE(C.enabled("dangling-return"));

  // A Rust code names every rule reporting it.
  C = parse("rules:\n  - -E0382\n");
  EXPECT_FALSE(C.enabled("use-after-move"));
  EXPECT_FALSE(C.enabled("use-after-free"));
  EXPECT_FALSE(C.enabled("double-free"));
  EXPECT_TRUE(C.enabled("dangling-return"));
}

TEST(Config, SeverityBySlugWinsOverCode) {
  Config C = parse("severity:\n  E0382: note\n  use-after-move: warning\n");
  EXPECT_EQ(C.severity("use-after-move"), Level::Warning);
  EXPECT_EQ(C.severity("double-free"), Level::Note);
  EXPECT_FALSE(C.severity("dangling-return"));
}

TEST(Config, OwnershipNamesLoseTheirLeadingColons) {
  Config C = parse("ownership:\n  owners: ['::a::Buf']\n  views: [a::View]\n"
                   "  invalidates: [a::Buf::grow]\n  reinitializes: [a::Buf::reset]\nstrict: true\n");
  ASSERT_EQ(C.Ownership.Owners.size(), 1u);
  EXPECT_EQ(C.Ownership.Owners[0], "a::Buf");
  EXPECT_EQ(C.Ownership.Views[0], "a::View");
  EXPECT_EQ(C.Ownership.Invalidates[0], "a::Buf::grow");
  EXPECT_EQ(C.Ownership.Reinitializes[0], "a::Buf::reset");
  EXPECT_EQ(C.Strict, true);
}

TEST(Config, ErrorsCarryLineAndColumn) {
  EXPECT_EQ(error("strict: true\nrulez: []\n"), "cfg.yaml:2:1: unknown key 'rulez'");
  EXPECT_EQ(error("rules: ['nope']"), "cfg.yaml:1:9: unknown rule 'nope'; see borrowck --list-rules");
  EXPECT_EQ(error("severity:\n  use-after-move: loud\n"),
            "cfg.yaml:2:19: unknown level 'loud'; expected error, warning or note");
  EXPECT_EQ(error("rules: 'use-after-move'"), "cfg.yaml:1:8: not a sequence");
}

TEST(Config, DumpReadsBack) {
  Config C = parse("rules: ['-double-free']\nseverity: {E0597: warning}\n");
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  dumpConfig(C, OS);
  Config D = parse(Text);
  EXPECT_EQ(D.Rules, (std::vector<std::string>{"*", "-double-free"}));
  EXPECT_EQ(D.severity("borrow-outlives-owner"), Level::Warning);
  EXPECT_EQ(D.Strict, false);
}

} // namespace
