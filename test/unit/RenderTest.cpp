// Golden tests for the renderers. Expected outputs marked "rustc 1.95" are copied from
// rustc's own output in /work/shared/reference/rust-teaching-map.md (sections 2 and 3).
#include "render/Render.h"

#include <gtest/gtest.h>

using namespace borrowck;

namespace {

// Byte offset of a 1-based line and 1-based byte column.
uint32_t offsetOf(const std::string &Text, uint32_t Line, uint32_t Col) {
  size_t Off = 0;
  for (uint32_t L = 1; L < Line; ++L)
    Off = Text.find('\n', Off) + 1;
  return static_cast<uint32_t>(Off + Col - 1);
}

// A label on Line, byte columns [Col, EndCol), as rustc's JSON writes them.
Label at(const std::string &File, const std::string &Text, uint32_t Line, uint32_t Col, uint32_t EndCol,
         std::string Msg, bool Primary = false) {
  return Label{{File, offsetOf(Text, Line, Col), offsetOf(Text, Line, EndCol)}, std::move(Msg), Primary};
}

// A label on the N-th occurrence of Needle.
Label on(const std::string &File, const std::string &Text, std::string_view Needle, std::string Msg,
         bool Primary = false, int N = 0) {
  size_t Off = Text.find(Needle);
  while (N-- > 0)
    Off = Text.find(Needle, Off + 1);
  return Label{{File, uint32_t(Off), uint32_t(Off + Needle.size())}, std::move(Msg), Primary};
}

Diagnostic diag(Level Sev, std::string Code, std::string Msg, std::vector<Label> Labels,
                std::vector<Child> Children = {}) {
  Diagnostic D;
  D.Severity = Sev;
  D.Rule = "test-rule";
  D.RustCode = std::move(Code);
  D.Message = std::move(Msg);
  D.Labels = std::move(Labels);
  D.Children = std::move(Children);
  return D;
}

// Writes ESC as the two characters `\e`, like section 3.2 of the reference.
std::string esc(std::string S) {
  for (size_t I; (I = S.find("\\e")) != std::string::npos;)
    S.replace(I, 2, "\x1b");
  return S;
}

const RenderOptions Plain{false}, Color{true};

const std::string UamFile = "01_use_after_move.rs";
const std::string UamText = R"X(fn main() {
    let s = String::from("hello");
    let t = s;
    println!("{s} {t}");
}
)X";

Diagnostic useAfterMove() {
  return diag(Level::Error, "E0382", "borrow of moved value: `s`",
              {at(UamFile, UamText, 4, 16, 17, "value borrowed here after move", true),
               at(UamFile, UamText, 2, 9, 10,
                  "move occurs because `s` has type `String`, which does not implement the `Copy` trait"),
               at(UamFile, UamText, 3, 13, 14, "value moved here")},
              {{Level::Help, "consider cloning the value if the performance cost is acceptable"}});
}

SourceSet sources(const std::string &File, const std::string &Text) {
  SourceSet S;
  S.add(File, Text);
  return S;
}

} // namespace

TEST(SourceText, LinesAndColumns) {
  SourceText S("ab\r\ncd\n\tx\xC3\xA9y\nlast");
  ASSERT_EQ(S.lineCount(), 4u);
  EXPECT_EQ(S.line(1), "ab");
  EXPECT_EQ(S.line(2), "cd");
  EXPECT_EQ(S.line(3), "\tx\xC3\xA9y");
  EXPECT_EQ(S.line(4), "last");
  EXPECT_EQ(S.line(0), "");
  EXPECT_EQ(S.line(5), "");
  EXPECT_EQ(S.lineStart(3), 7u);
  auto LC = [&](uint32_t Off) { LineCol X = S.lineCol(Off); return std::make_pair(X.Line, X.Col); };
  EXPECT_EQ(LC(0), std::make_pair(1u, 1u));
  EXPECT_EQ(LC(1), std::make_pair(1u, 2u));
  EXPECT_EQ(LC(4), std::make_pair(2u, 1u));
  EXPECT_EQ(LC(8), std::make_pair(3u, 2u));  // after the tab: one column
  EXPECT_EQ(LC(11), std::make_pair(3u, 4u)); // 'y' after the two-byte 'é': one column
  EXPECT_EQ(LC(17), std::make_pair(4u, 5u)); // end of text
  EXPECT_EQ(LC(999), std::make_pair(4u, 5u)); // clamped
}

TEST(SourceText, TrailingNewlineAndEmpty) {
  SourceText S("a\n");
  ASSERT_EQ(S.lineCount(), 2u);
  EXPECT_EQ(S.line(1), "a");
  EXPECT_EQ(S.line(2), "");
  EXPECT_EQ(S.lineCol(2).Line, 2u);
  EXPECT_EQ(S.lineCol(2).Col, 1u);
  SourceText E("");
  EXPECT_EQ(E.lineCount(), 1u);
  EXPECT_EQ(E.line(1), "");
  EXPECT_EQ(E.lineCol(0).Line, 1u);
}

// rustc 1.95, section 2.1 (the help suggestion block replaced by a `= help:` child).
TEST(HumanRender, UseAfterMoveE0382) {
  EXPECT_EQ(renderHuman(useAfterMove(), sources(UamFile, UamText), Plain),
            R"X(error[E0382]: borrow of moved value: `s`
 --> 01_use_after_move.rs:4:16
  |
2 |     let s = String::from("hello");
  |         - move occurs because `s` has type `String`, which does not implement the `Copy` trait
3 |     let t = s;
  |             - value moved here
4 |     println!("{s} {t}");
  |                ^ value borrowed here after move
  |
  = help: consider cloning the value if the performance cost is acceptable

)X");
}

// rustc 1.95, section 2.1, exactly: the help with a machine-applicable suggestion.
TEST(HumanRender, SuggestionAsRustc) {
  Diagnostic D = useAfterMove();
  uint32_t At = offsetOf(UamText, 3, 14);
  D.Children = {{Level::Help, "consider cloning the value if the performance cost is acceptable",
                 {FixIt{{UamFile, At, At}, ".clone()"}}}};
  EXPECT_EQ(renderHuman(D, sources(UamFile, UamText), Plain),
            R"X(error[E0382]: borrow of moved value: `s`
 --> 01_use_after_move.rs:4:16
  |
2 |     let s = String::from("hello");
  |         - move occurs because `s` has type `String`, which does not implement the `Copy` trait
3 |     let t = s;
  |             - value moved here
4 |     println!("{s} {t}");
  |                ^ value borrowed here after move
  |
help: consider cloning the value if the performance cost is acceptable
  |
3 |     let t = s.clone();
  |              ++++++++

)X");
}

TEST(ClangRender, FixItsAsClangParseableFixits) {
  Diagnostic D = useAfterMove();
  uint32_t At = offsetOf(UamText, 3, 14);
  D.Children = {{Level::Help, "consider cloning", {FixIt{{UamFile, At, At}, ".clone(\"x\")"}}}};
  EXPECT_EQ(renderClang(D, sources(UamFile, UamText)),
            "01_use_after_move.rs:4:16: error: borrow of moved value: `s` [test-rule]\n"
            "01_use_after_move.rs:2:9: note: move occurs because `s` has type `String`, which does "
            "not implement the `Copy` trait\n"
            "01_use_after_move.rs:3:13: note: value moved here\n"
            "fix-it:\"01_use_after_move.rs\":{3:14-3:14}:\".clone(\\\"x\\\")\"\n");
}

// rustc 1.95 colour capture, section 3.2, with the same `= help:` adaptation.
TEST(HumanRender, UseAfterMoveColors) {
  EXPECT_EQ(renderHuman(useAfterMove(), sources(UamFile, UamText), Color), esc(R"X(\e[1m\e[91merror[E0382]\e[0m\e[1m: borrow of moved value: `s`\e[0m
 \e[1m\e[94m--> \e[0m01_use_after_move.rs:4:16
  \e[1m\e[94m|\e[0m
\e[1m\e[94m2\e[0m \e[1m\e[94m|\e[0m     let s = String::from("hello");
  \e[1m\e[94m|\e[0m         \e[1m\e[94m-\e[0m \e[1m\e[94mmove occurs because `s` has type `String`, which does not implement the `Copy` trait\e[0m
\e[1m\e[94m3\e[0m \e[1m\e[94m|\e[0m     let t = s;
  \e[1m\e[94m|\e[0m             \e[1m\e[94m-\e[0m \e[1m\e[94mvalue moved here\e[0m
\e[1m\e[94m4\e[0m \e[1m\e[94m|\e[0m     println!("{s} {t}");
  \e[1m\e[94m|\e[0m                \e[1m\e[91m^\e[0m \e[1m\e[91mvalue borrowed here after move\e[0m
  \e[1m\e[94m|\e[0m
  \e[1m\e[94m= \e[0m\e[1mhelp\e[0m: consider cloning the value if the performance cost is acceptable

)X"));
}

// rustc 1.95, sections 2.5 and 3.1: four labels over four lines.
TEST(HumanRender, RefOutlivesOwnerE0597) {
  std::string F = "05_ref_outlives_owner.rs", T = R"X(fn main() {
    let r: &str;
    {
        let s = String::from("hello");
        r = &s;
    }
    println!("{r}");
}
)X";
  Diagnostic D = diag(Level::Error, "E0597", "`s` does not live long enough",
                      {at(F, T, 5, 13, 15, "borrowed value does not live long enough", true),
                       at(F, T, 4, 13, 14, "binding `s` declared here"),
                       at(F, T, 6, 5, 6, "`s` dropped here while still borrowed"),
                       at(F, T, 7, 16, 17, "borrow later used here")});
  EXPECT_EQ(renderHuman(D, sources(F, T), Plain), R"X(error[E0597]: `s` does not live long enough
 --> 05_ref_outlives_owner.rs:5:13
  |
4 |         let s = String::from("hello");
  |             - binding `s` declared here
5 |         r = &s;
  |             ^^ borrowed value does not live long enough
6 |     }
  |     - `s` dropped here while still borrowed
7 |     println!("{r}");
  |                - borrow later used here

)X");
}

// Three labels on one line: the rightmost inline, the others on stems, further left lower.
TEST(HumanRender, StemsForLabelsOnOneLine) {
  std::string F = "m.rs", T = "fn main() {\n    let mut v = vec![1];\n    let n = 0;\n    v.push(v[0]);\n}\n";
  Diagnostic D = diag(Level::Error, "E0502",
                      "cannot borrow `v` as immutable because it is also borrowed as mutable",
                      {at(F, T, 4, 12, 13, "immutable borrow occurs here", true),
                       at(F, T, 4, 5, 6, "mutable borrow occurs here"),
                       at(F, T, 4, 7, 11, "mutable borrow later used by call")});
  EXPECT_EQ(renderHuman(D, sources(F, T), Plain),
            R"X(error[E0502]: cannot borrow `v` as immutable because it is also borrowed as mutable
 --> m.rs:4:12
  |
4 |     v.push(v[0]);
  |     - ---- ^ immutable borrow occurs here
  |     | |
  |     | mutable borrow later used by call
  |     mutable borrow occurs here

)X");
}

// rustc 1.95, section 2.8 (08b).
TEST(HumanRender, TwoMutableBorrowsInOneCallE0499) {
  std::string F = "08b_two_mut_borrows_call.rs", T = R"X(fn append_all(dst: &mut Vec<i32>, src: &mut Vec<i32>) {
    for x in src.iter() {
        dst.push(*x);
    }
}
fn main() {
    let mut v = vec![1, 2, 3];
    append_all(&mut v, &mut v);
}
)X";
  Diagnostic D = diag(Level::Error, "E0499", "cannot borrow `v` as mutable more than once at a time",
                      {at(F, T, 8, 24, 30, "second mutable borrow occurs here", true),
                       at(F, T, 8, 16, 22, "first mutable borrow occurs here"),
                       at(F, T, 8, 5, 15, "first borrow later used by call")});
  EXPECT_EQ(renderHuman(D, sources(F, T), Plain),
            R"X(error[E0499]: cannot borrow `v` as mutable more than once at a time
 --> 08b_two_mut_borrows_call.rs:8:24
  |
8 |     append_all(&mut v, &mut v);
  |     ---------- ------  ^^^^^^ second mutable borrow occurs here
  |     |          |
  |     |          first mutable borrow occurs here
  |     first borrow later used by call

)X");
}

// rustc 1.95, section 2.7 (07a): two labels on one span share a stem.
TEST(HumanRender, TwoLabelsOnOneSpanE0502) {
  std::string F = "07a_iter_invalidation_loop.rs",
              T = "fn main() {\n    let mut v = vec![1, 2, 3];\n    for x in &v {\n        v.push(*x);\n    }\n}\n";
  Diagnostic D = diag(Level::Error, "E0502",
                      "cannot borrow `v` as mutable because it is also borrowed as immutable",
                      {at(F, T, 4, 9, 19, "mutable borrow occurs here", true),
                       at(F, T, 3, 14, 16, "immutable borrow occurs here"),
                       at(F, T, 3, 14, 16, "immutable borrow later used here")});
  EXPECT_EQ(renderHuman(D, sources(F, T), Plain),
            R"X(error[E0502]: cannot borrow `v` as mutable because it is also borrowed as immutable
 --> 07a_iter_invalidation_loop.rs:4:9
  |
3 |     for x in &v {
  |              --
  |              |
  |              immutable borrow occurs here
  |              immutable borrow later used here
4 |         v.push(*x);
  |         ^^^^^^^^^^ mutable borrow occurs here

)X");
}

// rustc 1.95, section 2.13 (without the two `note:` blocks): a secondary inside the
// primary is drawn over it, and both labels hang below.
TEST(HumanRender, SecondaryInsidePrimaryE0277) {
  std::string F = "13_rc_across_threads.rs", T = R"X(use std::rc::Rc;
use std::thread;
fn main() {
    let rc = Rc::new(5);
    let h = thread::spawn(move || println!("{rc}"));
    h.join().unwrap();
}
)X";
  Diagnostic D = diag(
      Level::Error, "E0277", "`Rc<i32>` cannot be sent between threads safely",
      {at(F, T, 5, 27, 51, "`Rc<i32>` cannot be sent between threads safely", true),
       at(F, T, 5, 13, 26, "required by a bound introduced by this call"),
       at(F, T, 5, 27, 34, "within this `{closure@13_rc_across_threads.rs:5:27: 5:34}`")},
      {{Level::Help, "within `{closure@13_rc_across_threads.rs:5:27: 5:34}`, the trait `Send` is not "
                     "implemented for `Rc<i32>`"}});
  EXPECT_EQ(renderHuman(D, sources(F, T), Plain), R"X(error[E0277]: `Rc<i32>` cannot be sent between threads safely
 --> 13_rc_across_threads.rs:5:27
  |
5 |     let h = thread::spawn(move || println!("{rc}"));
  |             ------------- -------^^^^^^^^^^^^^^^^^
  |             |             |
  |             |             `Rc<i32>` cannot be sent between threads safely
  |             |             within this `{closure@13_rc_across_threads.rs:5:27: 5:34}`
  |             required by a bound introduced by this call
  |
  = help: within `{closure@13_rc_across_threads.rs:5:27: 5:34}`, the trait `Send` is not implemented for `Rc<i32>`

)X");
}

// rustc 1.95, section 2.4 (d03): a warning without code, an unlabelled primary, several notes.
TEST(HumanRender, WarningWithUnlabelledPrimary) {
  std::string F = "d03_raw_ptr_to_local_safe.rs", T = R"X(fn dangling() -> *const i32 {
    let x = 5;
    &x as *const i32 // creating a dangling raw pointer is safe; deref needs unsafe
}
)X";
  Diagnostic D = diag(Level::Warning, "", "function returns a dangling pointer to dropped local variable `x`",
                      {at(F, T, 3, 5, 21, "", true), at(F, T, 3, 5, 7, "dangling pointer created here"),
                       at(F, T, 1, 18, 28, "return type is `*const i32`"),
                       at(F, T, 2, 9, 10, "local variable `x` is dropped at the end of the function")},
                      {{Level::Note, "a dangling pointer is safe, but dereferencing one is undefined behavior"},
                       {Level::Note, "for more information, see <https://doc.rust-lang.org/reference/destructors.html>"},
                       {Level::Note, "`#[warn(dangling_pointers_from_locals)]` on by default"}});
  EXPECT_EQ(renderHuman(D, sources(F, T), Plain),
            R"X(warning: function returns a dangling pointer to dropped local variable `x`
 --> d03_raw_ptr_to_local_safe.rs:3:5
  |
1 | fn dangling() -> *const i32 {
  |                  ---------- return type is `*const i32`
2 |     let x = 5;
  |         - local variable `x` is dropped at the end of the function
3 |     &x as *const i32 // creating a dangling raw pointer is safe; deref needs unsafe
  |     --^^^^^^^^^^^^^^
  |     |
  |     dangling pointer created here
  |
  = note: a dangling pointer is safe, but dereferencing one is undefined behavior
  = note: for more information, see <https://doc.rust-lang.org/reference/destructors.html>
  = note: `#[warn(dangling_pointers_from_locals)]` on by default

)X");
}

// rustc 1.95, section 2.15 (15b): a single unannotated line between two annotated ones
// is printed; an empty span gets one mark.
TEST(HumanRender, SingleGapLineAndEmptySpan) {
  std::string F = "rs/15b_maybe_uninit.rs", T = R"X(fn main() {
    let x: i32;
    if std::env::args().count() > 5 {
        x = 1;
    }
    if x > 0 {
        println!("positive");
    }
}
)X";
  Diagnostic D = diag(Level::Error, "E0381", "used binding `x` is possibly-uninitialized",
                      {at(F, T, 6, 8, 9, "`x` used here but it is possibly-uninitialized", true),
                       at(F, T, 2, 9, 10, "binding declared here but left uninitialized"),
                       at(F, T, 3, 8, 36, "if this `if` condition is `false`, `x` is not initialized"),
                       at(F, T, 5, 6, 6, "an `else` arm might be missing here, initializing `x`")});
  EXPECT_EQ(renderHuman(D, sources(F, T), Plain), R"X(error[E0381]: used binding `x` is possibly-uninitialized
 --> rs/15b_maybe_uninit.rs:6:8
  |
2 |     let x: i32;
  |         - binding declared here but left uninitialized
3 |     if std::env::args().count() > 5 {
  |        ---------------------------- if this `if` condition is `false`, `x` is not initialized
4 |         x = 1;
5 |     }
  |      - an `else` arm might be missing here, initializing `x`
6 |     if x > 0 {
  |        ^ `x` used here but it is possibly-uninitialized

)X");
}

// Lines 6, 9, 11 annotated: `...` for two hidden lines, line 10 printed, gutter of width 2.
TEST(HumanRender, ElisionAndWideGutter) {
  std::string F = "gap.cpp", T;
  for (int I = 1; I <= 12; ++I)
    T += "    int v" + std::to_string(I) + " = 0;\n";
  Diagnostic D = diag(Level::Error, "E0499", "two mutable borrows",
                      {at(F, T, 11, 9, 12, "second borrow", true), at(F, T, 6, 9, 11, "first borrow"),
                       at(F, T, 9, 9, 11, "")},
                      {{Level::Note, "a note"}});
  EXPECT_EQ(renderHuman(D, sources(F, T), Plain), R"X(error[E0499]: two mutable borrows
  --> gap.cpp:11:9
   |
 6 |     int v6 = 0;
   |         -- first borrow
...
 9 |     int v9 = 0;
   |         --
10 |     int v10 = 0;
11 |     int v11 = 0;
   |         ^^^ second borrow
   |
   = note: a note

)X");
  EXPECT_EQ(renderHuman(D, sources(F, T), Color), esc(R"X(\e[1m\e[91merror[E0499]\e[0m\e[1m: two mutable borrows\e[0m
  \e[1m\e[94m--> \e[0mgap.cpp:11:9
   \e[1m\e[94m|\e[0m
 \e[1m\e[94m6\e[0m \e[1m\e[94m|\e[0m     int v6 = 0;
   \e[1m\e[94m|\e[0m         \e[1m\e[94m--\e[0m \e[1m\e[94mfirst borrow\e[0m
\e[1m\e[94m...\e[0m
 \e[1m\e[94m9\e[0m \e[1m\e[94m|\e[0m     int v9 = 0;
   \e[1m\e[94m|\e[0m         \e[1m\e[94m--\e[0m
\e[1m\e[94m10\e[0m \e[1m\e[94m|\e[0m     int v10 = 0;
\e[1m\e[94m11\e[0m \e[1m\e[94m|\e[0m     int v11 = 0;
   \e[1m\e[94m|\e[0m         \e[1m\e[91m^^^\e[0m \e[1m\e[91msecond borrow\e[0m
   \e[1m\e[94m|\e[0m
   \e[1m\e[94m= \e[0m\e[1mnote\e[0m: a note

)X"));
}

// Tabs display as 4 spaces, marks stay aligned, and `-->` counts a tab as one column.
TEST(HumanRender, Tabs) {
  std::string F = "t.cpp", T = "int main() {\n\tint y = 0;\n\treturn\ty;\n}\n";
  Diagnostic D = diag(Level::Error, "", "use of `y`",
                      {on(F, T, "y;", "used here", true), on(F, T, "y =", "declared here")});
  D.Labels[0].Where.End -= 1; // just `y`
  D.Labels[1].Where.End -= 2;
  EXPECT_EQ(renderHuman(D, sources(F, T), Plain), "error: use of `y`\n"
                                                  " --> t.cpp:3:9\n"
                                                  "  |\n"
                                                  "2 |     int y = 0;\n"
                                                  "  |         - declared here\n"
                                                  "3 |     return    y;\n"
                                                  "  |               ^ used here\n"
                                                  "\n");
}

// Columns count code points: `é` is one column in `-->` and under the line.
TEST(HumanRender, Utf8Columns) {
  std::string F = "u.cpp", T = "auto s = \"h\xC3\xA9llo\"; use(s);\n";
  Diagnostic D = diag(Level::Error, "", "use of `s`",
                      {on(F, T, "s)", "used here", true), on(F, T, "\"h\xC3\xA9llo\"", "borrowed here")});
  D.Labels[0].Where.End -= 1;
  EXPECT_EQ(renderHuman(D, sources(F, T), Plain), "error: use of `s`\n"
                                                  " --> u.cpp:1:23\n"
                                                  "  |\n"
                                                  "1 | auto s = \"h\xC3\xA9llo\"; use(s);\n"
                                                  "  |          -------      ^ used here\n"
                                                  "  |          |\n"
                                                  "  |          borrowed here\n"
                                                  "\n");
}

// Simplification: a multi-line span is underlined on its first line, to the line's end.
TEST(HumanRender, MultiLineSpanOnFirstLine) {
  std::string F = "ml.cpp", T = "int f() {\n  return g(1,\n           2);\n}\n";
  Label L = on(F, T, "g(1,\n           2)", "call here", true);
  Diagnostic D = diag(Level::Error, "", "multi", {L});
  EXPECT_EQ(renderHuman(D, sources(F, T), Plain), R"X(error: multi
 --> ml.cpp:2:10
  |
2 |   return g(1,
  |          ^^^^ call here

)X");
}

// A label in another file gets its own ` ::: ` block, as in rustc.
TEST(HumanRender, LabelInOtherFile) {
  std::string A = "a.cpp", AT = "#include \"b.h\"\nvoid f(int x) {\n    take(x);\n}\n";
  std::string B = "b.h", BT = "void take(int);\n";
  SourceSet S;
  S.add(A, AT);
  S.add(B, BT);
  Diagnostic D = diag(Level::Error, "E0505", "cannot move out of `x`",
                      {on(B, BT, "take", "declared here"), on(A, AT, "take", "moved here", true)});
  EXPECT_EQ(renderHuman(D, S, Plain), R"X(error[E0505]: cannot move out of `x`
 --> a.cpp:3:5
  |
3 |     take(x);
  |     ^^^^ moved here
  |
 ::: b.h:1:6
  |
1 | void take(int);
  |      ---- declared here

)X");
}

// A file missing from the SourceSet: header, `-->` with 0:0, children; no crash.
TEST(HumanRender, MissingFile) {
  Diagnostic D = diag(Level::Error, "E0382", "use of moved value",
                      {Label{{"nowhere.cpp", 10, 12}, "here", true}, Label{{"gone.h", 3, 4}, "there", false}},
                      {{Level::Note, "first line\nsecond line"}});
  EXPECT_EQ(renderHuman(D, SourceSet{}, Plain), R"X(error[E0382]: use of moved value
 --> nowhere.cpp:0:0
  |
  = note: first line
          second line

)X");
  // Offsets past the end of a known file are clamped.
  SourceSet S = sources("short.cpp", "x;\n");
  Diagnostic E = diag(Level::Error, "", "far", {Label{{"short.cpp", 100, 200}, "end", true}});
  EXPECT_EQ(renderHuman(E, S, Plain), "error: far\n --> short.cpp:2:1\n  |\n2 |\n  | ^ end\n\n");
}

// A secondary on exactly the primary's span: `^` wins, labels stack in label order.
TEST(HumanRender, SameSpanPrimaryWins) {
  std::string F = "s.cpp", T = "int x;\n";
  Diagnostic D = diag(Level::Error, "", "same", {on(F, T, "x", "first", true), on(F, T, "x", "second")});
  EXPECT_EQ(renderHuman(D, sources(F, T), Plain), R"X(error: same
 --> s.cpp:1:5
  |
1 | int x;
  |     ^
  |     |
  |     first
  |     second

)X");
}

TEST(HumanRender, WarningColors) {
  std::string F = "w.cpp", T = "int x;\n";
  Diagnostic D = diag(Level::Warning, "", "unused", {on(F, T, "x", "never read", true)});
  EXPECT_EQ(renderHuman(D, sources(F, T), Color), esc(R"X(\e[1m\e[33mwarning\e[0m\e[1m: unused\e[0m
 \e[1m\e[94m--> \e[0mw.cpp:1:5
  \e[1m\e[94m|\e[0m
\e[1m\e[94m1\e[0m \e[1m\e[94m|\e[0m int x;
  \e[1m\e[94m|\e[0m     \e[1m\e[33m^\e[0m \e[1m\e[33mnever read\e[0m

)X"));
}

TEST(ClangRender, OneLinePerLabel) {
  Diagnostic D = useAfterMove();
  D.Rule = "use-after-move";
  D.Labels.push_back(at(UamFile, UamText, 1, 4, 8, "")); // no text: no note
  EXPECT_EQ(renderClang(D, sources(UamFile, UamText)),
            "01_use_after_move.rs:4:16: error: borrow of moved value: `s` [use-after-move]\n"
            "01_use_after_move.rs:2:9: note: move occurs because `s` has type `String`, which does not "
            "implement the `Copy` trait\n"
            "01_use_after_move.rs:3:13: note: value moved here\n");
  Diagnostic W = diag(Level::Warning, "", "maybe moved", {Label{{"gone.cpp", 1, 2}, "here", true}});
  W.Rule = "";
  EXPECT_EQ(renderClang(W, SourceSet{}), "gone.cpp:0:0: warning: maybe moved\n");
}

TEST(HumanTrailer, Variants) {
  auto D = [](Level L, std::string Code) { return diag(L, std::move(Code), "m", {}); };
  EXPECT_EQ(renderHumanTrailer({}, Plain), "");
  EXPECT_EQ(renderHumanTrailer({D(Level::Note, "E0382")}, Plain), "");
  EXPECT_EQ(renderHumanTrailer({D(Level::Error, "E0382")}, Plain),
            "error: found 1 error\n\nFor more information about this error, try `borrowck --explain E0382`.\n");
  EXPECT_EQ(renderHumanTrailer({D(Level::Error, "E0505"), D(Level::Error, "E0382"), D(Level::Error, "E0505"),
                                D(Level::Warning, "")},
                               Plain),
            "error: found 3 errors; 1 warning emitted\n\n"
            "Some errors have detailed explanations: E0382, E0505.\n"
            "For more information about an error, try `borrowck --explain E0382`.\n");
  EXPECT_EQ(renderHumanTrailer({D(Level::Warning, ""), D(Level::Warning, "")}, Plain),
            "warning: 2 warnings emitted\n\n");
  EXPECT_EQ(renderHumanTrailer({D(Level::Error, "")}, Plain), "error: found 1 error\n\n");
  EXPECT_EQ(renderHumanTrailer({D(Level::Error, "E0382"), D(Level::Warning, ""), D(Level::Warning, "")}, Color),
            esc("\\e[1m\\e[91merror\\e[0m\\e[1m: found 1 error; 2 warnings emitted\\e[0m\n\n"
                "\\e[1mFor more information about this error, try `borrowck --explain E0382`.\\e[0m\n"));
  EXPECT_EQ(renderHumanTrailer({D(Level::Warning, "")}, Color),
            esc("\\e[1m\\e[33mwarning\\e[0m\\e[1m: 1 warning emitted\\e[0m\n\n"));
}
