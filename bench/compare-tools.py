#!/usr/bin/env python3
"""Compare borrowck with other C++ lifetime / memory-safety tools, per function.

Usage: python3 bench/compare-tools.py [--no-run | --only=tool1,tool2]
  --no-run   reuse the raw tool outputs already stored in build/compare/raw/
  --only=..  re-run only these tools (ids: borrowck, clang, clang_inf, gcc, gcc3, csa,
             tidy14, cppcheck); the others are read from build/compare/raw/

Writes build/compare/raw/<tool>/<file>.txt (raw output + exit code),
build/compare/results.json and build/compare/comparison-lifetimes.md (copy it to
docs/ when it changes). Tools that are not installed get an empty column.
"""
import concurrent.futures as cf
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "build", "compare")
RAW = os.path.join(OUT, "raw")
BORROWCK = f"{ROOT}/build/bin/borrowck"

FILES = (
    [f"test/lit/lifetimes/{n}.cpp" for n in
     ("dangling-return", "helpers", "holders", "scopes", "temporaries")]
    + [f"test/lit/memory/{n}.cpp" for n in ("use-after-free", "double-free")]
    + [f"rules/{r}/{k}.cpp" for r in
       ("dangling-return", "borrow-outlives-owner", "borrow-of-temporary",
        "use-after-free", "double-free") for k in ("bad", "good")]
)

LS_FLAGS = ["-Xclang", "-fexperimental-lifetime-safety",
            "-Wexperimental-lifetime-safety",
            "-Wexperimental-lifetime-safety-permissive",
            "-Wexperimental-lifetime-safety-strict"]

# tool id -> (column title, command builder)
TOOLS = {
    "borrowck": ("borrowck",
                 lambda f: [BORROWCK, "--format=clang", f, "--", "-std=c++20"]),
    # One clang run: default warnings + -Wall -Wextra + the experimental lifetime analysis.
    "clang": ("clang (LS + warnings)",
              lambda f: ["clang++-22", "-std=c++20", "-fsyntax-only", "-Wall", "-Wextra",
                         "-fno-color-diagnostics", "-fno-caret-diagnostics"] + LS_FLAGS + [f]),
    # Same, with TU-wide lifetimebound inference (Clang 22 cc1 flag) and suggestions.
    "clang_inf": ("clang LS + inference",
                  lambda f: ["clang++-22", "-std=c++20", "-fsyntax-only",
                             "-fno-color-diagnostics", "-fno-caret-diagnostics"] + LS_FLAGS
                  + ["-Xclang", "-fexperimental-lifetime-safety-inference",
                     "-Wexperimental-lifetime-safety-suggestions", f]),
    "gcc": ("g++ 12",
            lambda f: ["g++", "-std=c++20", "-O2", "-Wall", "-Wextra",
                       "-fdiagnostics-color=never", "-fno-diagnostics-show-caret",
                       "-c", "-o", "/dev/null", f]),
    "gcc3": ("g++ 12 (=3 levels)",
             lambda f: ["g++", "-std=c++20", "-O2", "-Wall", "-Wextra",
                        "-Wdangling-pointer=2", "-Wuse-after-free=3",
                        "-fdiagnostics-color=never", "-fno-diagnostics-show-caret",
                        "-c", "-o", "/dev/null", f]),
    "csa": ("clang-analyzer 22",
            lambda f: ["clang++-22", "--analyze", "-std=c++20", "-fno-color-diagnostics",
                       "-fno-caret-diagnostics", "-Xanalyzer", "-analyzer-output=text",
                       "-o", "/dev/null", f]),
    "tidy14": ("clang-tidy 14",
               lambda f: ["clang-tidy", f,
                          "--checks=-*,bugprone-use-after-move,bugprone-dangling-handle",
                          "--", "-std=c++20"]),
    "cppcheck": ("cppcheck 2.10",
                 lambda f: ["cppcheck", "--enable=all", "--inconclusive", "--library=std",
                            "--std=c++20", "-q",
                            "--template={file}:{line}:{column}: {severity}: {message} [{id}]",
                            f]),
}

DIAG_RE = re.compile(r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):(?P<col>\d+): "
                     r"(?P<sev>error|warning|note|style|performance|portability|"
                     r"information|fatal error): (?P<msg>.*)$")
INLINED_RE = re.compile(r"inlined from .* at (?P<file>[^:]+):(?P<line>\d+):\d+[:,]?$")


# ---------------------------------------------------------------- functions --
def strip_code(text):
    """Blank out comments and string/char literals, keeping newlines and offsets."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            for k in range(i, j):
                out[k] = " "
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                if text[k] != "\n":
                    out[k] = " "
            i = j
        elif c in "\"'":
            # skip digit separators like 1'000 (not used here, but be safe)
            if c == "'" and i > 0 and text[i - 1].isalnum() and text[i - 1] not in "uUL8":
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            for k in range(i + 1, min(j, n)):
                out[k] = " "
            i = j + 1
        else:
            i += 1
    res = "".join(out)
    # blank preprocessor lines
    return re.sub(r"(?m)^[ \t]*#.*$", lambda m: " " * len(m.group(0)), res)


def func_name(head):
    """Name of the function declared by `head` (the text before its body `{`)."""
    angle = paren = 0
    for i, c in enumerate(head):
        if c == "<":
            angle += 1
        elif c == ">" and not head[max(0, i - 1)] == "-":
            angle = max(0, angle - 1)
        elif c == "(":
            if angle == 0 and paren == 0:
                m = re.search(r"((?:[A-Za-z_]\w*::)*~?[A-Za-z_]\w*|operator\s*\S+)\s*$",
                              head[:i])
                return m.group(1) if m else None
            paren += 1
        elif c == ")":
            paren -= 1
    return None


def find_functions(path):
    """Top-level and in-class function definitions: list of dicts
    {name, start, end} with 1-based line numbers (start = first line of the head)."""
    text = open(path).read()
    code = strip_code(text)
    line_of = [0] * (len(code) + 1)
    ln = 1
    for i, c in enumerate(code):
        line_of[i] = ln
        if c == "\n":
            ln += 1
    line_of[len(code)] = ln
    funcs = []
    # stack entries: (kind, name, head_start_offset)
    stack = [("scope", "", 0)]
    head_start = 0
    depth_paren = 0
    for i, c in enumerate(code):
        kind = stack[-1][0]
        if kind in ("func", "block", "init"):
            if c == "{":
                stack.append(("block", "", i))
            elif c == "}":
                top = stack.pop()
                if top[0] == "func":
                    funcs.append({"name": top[1], "start": line_of[top[2]],
                                  "end": line_of[i]})
                    head_start = i + 1
            continue
        # in a namespace / class / top-level scope
        if c == "(":
            depth_paren += 1
        elif c == ")":
            depth_paren -= 1
        elif c == ";" and depth_paren == 0:
            head_start = i + 1
        elif c == "{" and depth_paren == 0:
            head = code[head_start:i]
            hs = head_start + (len(head) - len(head.lstrip()))
            h = " ".join(head.split())
            h_noacc = re.sub(r"^(public|private|protected)\s*:\s*", "", h)
            prefix = stack[-1][1]
            m = re.match(r"^(?:template\s*<[^{]*>\s*)?(struct|class|union)\s+([A-Za-z_]\w*)",
                         h_noacc)
            if m and "(" not in h_noacc.split(m.group(2), 1)[0]:
                stack.append(("scope", prefix + m.group(2) + "::", hs))
            elif h_noacc.startswith("namespace") or h_noacc.startswith("extern"):
                stack.append(("scope", prefix, hs))
            elif "(" in h_noacc and not re.search(r"(?<![<>!=])=(?!=)", h_noacc.replace(
                    "operator=", "")):
                name = func_name(h_noacc)
                stack.append(("func", prefix + (name or "?"), hs))
            else:
                stack.append(("init", "", hs))
        elif c == "}":
            if len(stack) > 1:
                stack.pop()
            head_start = i + 1
    return funcs


def classify(path, funcs):
    """Mark each function 'bug', 'ok' or 'helper'."""
    lines = open(path).read().split("\n")
    is_rule = "/rules/" in path
    neg_line = None
    for k, l in enumerate(lines, 1):
        if "--- negative cases ---" in l:
            neg_line = k
    for f in funcs:
        body = lines[f["start"] - 1:f["end"]]
        if is_rule:
            if path.endswith("bad.cpp"):
                f["kind"] = "bug" if any("//~ ERROR" in l for l in body) else "helper"
            else:
                f["kind"] = "ok"
        else:
            has_check = any(re.search(r"//\s*CHECK:", l) for l in body)
            if has_check:
                f["kind"] = "bug"
            elif neg_line is not None and f["start"] > neg_line:
                f["kind"] = "ok"
            else:
                f["kind"] = "helper"
    return funcs


# -------------------------------------------------------------- run & parse --
def run_tool(tool, rel):
    path = os.path.join(ROOT, rel)
    cmd = TOOLS[tool][1](path)
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=OUT)
    d = os.path.join(RAW, tool)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, rel.replace("/", "__") + ".txt"), "w") as fh:
        fh.write("$ " + " ".join(cmd) + "\n")
        fh.write(f"# exit code {p.returncode}\n")
        fh.write("# --- stdout ---\n" + p.stdout + "# --- stderr ---\n" + p.stderr)
    return p.returncode


def read_raw(tool, rel):
    with open(os.path.join(RAW, tool, rel.replace("/", "__") + ".txt")) as fh:
        return fh.read()


def relevant(tool, flag, sev, msg):
    """Is this primary diagnostic a lifetime / memory-safety finding?"""
    if tool == "borrowck":
        return True
    if tool in ("clang", "clang_inf"):
        if tool == "clang_inf" and "lifetime-safety" not in flag:
            return False
        if "suggestions" in flag:
            return False
        return bool(re.search(r"lifetime-safety|dangling|return-stack-address|"
                              r"return-local-addr|free-nonheap|mismatched-new-delete|"
                              r"-Wuninitialized|sometimes-uninitialized", flag))
    if tool in ("gcc", "gcc3"):
        return bool(re.search(r"dangling|use-after-free|return-local-addr|free-nonheap|"
                              r"mismatched-new-delete|-Wuninitialized|maybe-uninitialized",
                              flag))
    if tool == "csa":
        if re.search(r"deadcode|Leak", flag) or "leak" in msg.lower():
            return False
        return True
    if tool == "tidy14":
        return "bugprone" in flag or "clang-analyzer" in flag
    if tool == "cppcheck":
        if sev not in ("error", "warning"):
            return False
        # uninitdata: "Memory is allocated but not initialized" (reported at `delete[] a`
        # in use-after-free.cpp array_delete): not about the lifetime bug, so not counted.
        if re.search(r"leak|missingInclude|unusedFunction|syntaxError|uninitdata|"
                     r"internalAstError|checkersReport", flag, re.I):
            return False
        return True
    return True


def short_flag(tool, flag):
    f = flag.strip("[]")
    f = f.replace("-Wexperimental-lifetime-safety", "LS").replace("clang-analyzer-", "")
    return f


def parse(tool, rel, funcs):
    """Return list of primary diagnostics: dict(line, func, flag, msg, relevant, via)."""
    main = os.path.join(ROOT, rel)
    raw = read_raw(tool, rel)
    lines = raw.split("\n")
    diags = []
    context = []  # gcc: lines since the last primary diagnostic
    last = None
    for l in lines:
        m = DIAG_RE.match(l)
        if not m:
            context.append(l)
            continue
        file_, line, sev, msg = m["file"], int(m["line"]), m["sev"], m["msg"]
        if sev == "note":
            # attach a header diagnostic to the first note in the main file (clang/CSA)
            if last is not None and last["line"] is None and os.path.abspath(file_) == main:
                last["line"] = line
                last["via"] = "note"
            context.append(l)
            continue
        if sev in ("information",):
            continue
        fm = re.search(r"\[([^\]]+)\]\s*$", msg)
        flag = fm.group(1) if fm else ""
        d = {"line": None, "flag": flag, "msg": msg, "sev": sev, "via": ""}
        if os.path.abspath(file_) == main:
            d["line"] = line
        else:
            # gcc: "inlined from ... at MAIN:LINE" in the preceding context
            for c in reversed(context):
                im = INLINED_RE.search(c.strip())
                if im and os.path.abspath(im["file"]) == main:
                    d["line"] = int(im["line"])
                    d["via"] = "inlined"
                    break
        d["relevant"] = relevant(tool, flag, sev, msg)
        diags.append(d)
        last = d
        context = []
    for d in diags:
        d["func"] = None
        if d["line"] is not None:
            for f in funcs:
                if f["start"] <= d["line"] <= f["end"]:
                    d["func"] = f["name"]
    return diags


# -------------------------------------------------------------------- main --
COLS = ["borrowck", "clang_ls", "clang_def", "gcc", "csa", "tidy14", "cppcheck"]
COL_TITLE = {
    "borrowck": "borrowck",
    "clang_ls": "clang LS",
    "clang_def": "clang warnings",
    "gcc": "g++ 12",
    "csa": "clang-analyzer",
    "tidy14": "clang-tidy 14",
    "cppcheck": "cppcheck",
}


def cell_hits(diags, fname, col):
    """Relevant and other flags reported inside function fname for a table column."""
    if col == "clang_ls":
        src = [d for d in diags["clang"] if "lifetime-safety" in d["flag"]]
        inf = [d for d in diags["clang_inf"] if "lifetime-safety" in d["flag"]
               and "suggestions" not in d["flag"]]
    elif col == "clang_def":
        src = [d for d in diags["clang"] if "lifetime-safety" not in d["flag"]]
        inf = []
    elif col == "gcc":
        src = diags["gcc"]
        inf = diags["gcc3"]
    else:
        src = diags[col]
        inf = []
    rel = sorted({short_flag(col, d["flag"]) for d in src if d["func"] == fname and d["relevant"]})
    oth = sorted({short_flag(col, d["flag"]) for d in src
                  if d["func"] == fname and not d["relevant"]})
    extra = sorted({short_flag(col, d["flag"]) for d in inf if d["func"] == fname
                    and d["relevant"]} - set(rel))
    return rel, oth, extra


def fmt_cell(rel, oth, extra, col):
    s = ""
    if rel:
        s = "✓ " + ", ".join(rel) if col != "borrowck" else "✓ " + ", ".join(rel)
    elif extra:
        s = "(✓ " + ", ".join(extra) + ")"
    else:
        s = "–"
    if oth:
        s += " [other: " + ", ".join(oth) + "]"
    return s


def main():
    norun = "--no-run" in sys.argv
    os.makedirs(RAW, exist_ok=True)
    only = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--only=")]
    if not norun:
        tools = only[0].split(",") if only else list(TOOLS)
        jobs = [(t, f) for t in tools for f in FILES]
        with cf.ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as ex:
            list(ex.map(lambda a: run_tool(*a), jobs))
    results = {}
    for rel in FILES:
        path = os.path.join(ROOT, rel)
        funcs = classify(path, find_functions(path))
        diags = {t: parse(t, rel, funcs) for t in TOOLS}
        results[rel] = {"funcs": funcs, "diags": diags}
    json.dump(results, open(os.path.join(OUT, "results.json"), "w"), indent=1)
    write_md(results)


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.split("\n")[0]
    except Exception as e:  # noqa
        return str(e)


def write_md(results):
    md = []
    tot = {c: {"tp": 0, "fp": 0, "tp_x": 0, "fp_x": 0} for c in COLS}
    npos = nneg = 0
    misses = []
    bfps = []
    unmapped = []
    only_b, ofps, gcc_uninit = [], [], []
    for rel in FILES:
        r = results[rel]
        md.append(f"\n### `{rel}`\n")
        md.append("| case | bug? | " + " | ".join(COL_TITLE[c] for c in COLS) + " |")
        md.append("|---|---|" + "---|" * len(COLS))
        for f in r["funcs"]:
            cells = {}
            for c in COLS:
                rel_, oth, extra = cell_hits(r["diags"], f["name"], c)
                cells[c] = (rel_, oth, extra)
            bug = {"bug": "bug", "ok": "no", "helper": "helper"}[f["kind"]]
            md.append(f"| `{f['name']}` (L{f['start']}) | {bug} | "
                      + " | ".join(fmt_cell(*cells[c], c) for c in COLS) + " |")
            if f["kind"] == "bug":
                npos += 1
            elif f["kind"] == "ok":
                nneg += 1
            for c in COLS:
                hit = bool(cells[c][0])
                hit_x = hit or bool(cells[c][2])
                if f["kind"] == "bug":
                    tot[c]["tp"] += hit
                    tot[c]["tp_x"] += hit_x
                elif f["kind"] == "ok":
                    tot[c]["fp"] += hit
                    tot[c]["fp_x"] += hit_x
            if f["kind"] == "bug" and not cells["borrowck"][0]:
                others = []
                for c in COLS[1:]:
                    if cells[c][0] or cells[c][2]:
                        src = {"clang_ls": ["clang", "clang_inf"], "clang_def": ["clang"],
                               "gcc": ["gcc", "gcc3"]}.get(c, [c])
                        for t in src:
                            for d in r["diags"][t]:
                                if d["func"] == f["name"] and d["relevant"] and (
                                        c != "clang_ls" or "lifetime-safety" in d["flag"]) and (
                                        c != "clang_def" or "lifetime-safety" not in d["flag"]):
                                    others.append((TOOLS[t][0], d["line"], d["msg"]))
                misses.append((rel, f["name"], others))
            if f["kind"] == "ok" and cells["borrowck"][0]:
                bfps.append((rel, f["name"], [d for d in r["diags"]["borrowck"]
                                              if d["func"] == f["name"]]))
        for f in r["funcs"]:
            hits = {t: [d for d in r["diags"][t] if d["func"] == f["name"] and d["relevant"]
                        and (t != "clang_inf" or "lifetime-safety" in d["flag"])]
                    for t in TOOLS}
            if f["kind"] == "bug" and not any(hits[t] for t in TOOLS if t != "borrowck"):
                only_b.append((rel, f["name"]))
            if f["kind"] == "ok":
                for t in TOOLS:
                    if t == "borrowck":
                        continue
                    for d in hits[t]:
                        ofps.append((rel, f["name"], TOOLS[t][0], d["line"], d["msg"]))
            if f["kind"] == "bug" and hits["gcc"] and all(
                    "uninitialized" in d["flag"] for d in hits["gcc"]):
                gcc_uninit.append((rel, f["name"], [d["msg"] for d in hits["gcc"]]))
        for t in TOOLS:
            for d in r["diags"][t]:
                if d["relevant"] and d["func"] is None:
                    unmapped.append((rel, t, d))
    head = []
    head.append("# borrowck compared with other tools on lifetime and memory bugs\n")
    head.append("Generated by `bench/compare-tools.py`; the raw output of every run is in "
                "`build/compare/raw/<tool>/`. The cases are borrowck's own lit tests and rule "
                "examples, so borrowck's column is what those tests already assert; the other "
                "columns are the point of this table.\n")
    head.append("## Tools and commands\n")
    head.append("| tool | version | command |")
    head.append("|---|---|---|")
    sha = subprocess.run(["sha256sum", BORROWCK], capture_output=True, text=True).stdout.split()[0]
    mtime = subprocess.run(["stat", "-c", "%y", BORROWCK], capture_output=True,
                           text=True).stdout.strip()[:19]
    git = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%h"], capture_output=True,
                         text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--short", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    head.append(f"| borrowck | build of {mtime} UTC, sha256 `{sha[:16]}…`, repository at `{git}`"
                f"{' plus uncommitted changes' if dirty else ''} | `borrowck --format=clang FILE -- -std=c++20` |")
    head.append(f"| clang | {version(['clang++-22', '--version'])} | `clang++-22 -std=c++20 -fsyntax-only -Wall -Wextra "
                "-Xclang -fexperimental-lifetime-safety -Wexperimental-lifetime-safety "
                "-Wexperimental-lifetime-safety-permissive -Wexperimental-lifetime-safety-strict FILE` |")
    head.append("| clang LS + inference | same | `clang++-22 -std=c++20 -fsyntax-only -Xclang -fexperimental-lifetime-safety "
                "-Wexperimental-lifetime-safety{,-permissive,-strict} -Xclang -fexperimental-lifetime-safety-inference "
                "-Wexperimental-lifetime-safety-suggestions FILE` |")
    head.append(f"| g++ | {version(['g++', '--version'])} | `g++ -std=c++20 -O2 -Wall -Wextra -c -o /dev/null FILE`; "
                "second run adding `-Wdangling-pointer=2 -Wuse-after-free=3` |")
    head.append("| Clang Static Analyzer | Clang 22.1.8 | `clang++-22 --analyze -std=c++20 -Xanalyzer -analyzer-output=text -o /dev/null FILE` "
                "(default checkers: core, cplusplus, unix, deadcode, …) |")
    head.append(f"| clang-tidy | {version(['clang-tidy', '--version']) or 'LLVM 14.0.6'} (clang-tidy-22 is not installed) | "
                "`clang-tidy FILE --checks=-*,bugprone-use-after-move,bugprone-dangling-handle -- -std=c++20` |")
    head.append(f"| cppcheck | {version(['cppcheck', '--version'])} | `cppcheck --enable=all --inconclusive --library=std --std=c++20 -q FILE` |")
    head.append("""
How to read the tables:

* A case is one function (member functions are named `Struct::f`). **bug?**: `bug` = a
  function with `// CHECK:` lines (lit files) or a `//~ ERROR` annotation (`rules/*/bad.cpp`);
  `no` = correct code (after `// --- negative cases ---` in lit files without CHECK lines, and every
  function in `rules/*/good.cpp`, including `main` and helpers); `helper` = other functions before
  the negative marker or in `bad.cpp` (e.g. `main`); helpers are shown but not counted.
* A cell is ✓ when the tool reports a warning or error (notes not counted) whose location is inside
  the function. The flag/check id is given. A diagnostic located in a system header is attributed
  to the function named in GCC's `inlined from … at FILE:LINE` chain, or to the first note in the
  analysed file (clang/CSA).
* Only lifetime and memory findings count: for clang the `-Wexperimental-lifetime-safety*`,
  `-Wdangling*`, `-Wreturn-stack-address` and uninitialized-use groups; for g++
  `-Wdangling-pointer`, `-Wuse-after-free`, `-Wreturn-local-addr`, `-Wfree-nonheap-object`,
  `-Wmismatched-new-delete` and `-W(maybe-)uninitialized` (g++ reports some dangling reads as
  uninitialized reads); for CSA everything except leak and dead-store checkers; for cppcheck
  severities error/warning except leaks and `uninitdata` (in `use-after-free.cpp`
  `array_delete` it says "Memory is allocated but not initialized: a" at `delete[] a`, which is
  not the use after free). Other diagnostics in the same function are listed as
  `[other: …]` and not counted.
* `(✓ …)` in the *clang LS* column: reported only with `-fexperimental-lifetime-safety-inference`;
  in the *g++* column: reported only with `-Wuse-after-free=3` / `-Wdangling-pointer=2`.
  These are counted separately in the totals ("with extra flags").
* `LS` abbreviates `-Wexperimental-lifetime-safety`.
""")
    tails = []
    tails.append("\n## Totals\n")
    tails.append(f"{npos} positive cases (bugs), {nneg} negative cases (correct code).\n")
    tails.append("| tool | true positives | false positives | with extra flags: TP | with extra flags: FP |")
    tails.append("|---|---|---|---|---|")
    for c in COLS:
        t = tot[c]
        tails.append(f"| {COL_TITLE[c]} | {t['tp']}/{npos} | {t['fp']}/{nneg} | "
                     f"{t['tp_x']}/{npos} | {t['fp_x']}/{nneg} |")
    any_other = sum(1 for rel in FILES for f in results[rel]["funcs"] if f["kind"] == "bug") - len(only_b)
    tails.append(f"| any tool other than borrowck (union of all columns, all flags) | {any_other}/{npos} | | | |")
    tails.append("""
Caveats:

* The test cases were written for borrowck (they are its own lit tests and rule examples, and
  every `CHECK` line matches its output exactly), so borrowck's 79/79 and 0/129 measure
  conformance to its own specification, not detection on independent code. The other tools'
  scores show which of these bug shapes they also cover; they are not a ranking on real code.
* Granularity is the function: a tool gets credit for a positive case if any counted diagnostic is
  inside the function, even if it points at a different line than borrowck (e.g. the use instead
  of the borrow, or the closing `}` where a `unique_ptr` destructor runs).
* No `-Wexperimental-lifetime-safety-strict` diagnostic appeared in any file; every clang LS
  finding is from the `-permissive` group.
* Every counted clang warning is from a default-on group (`-Wreturn-stack-address`,
  `-Wdangling`, `-Wdangling-gsl`, `-Wdangling-assignment-gsl`); a second run without
  `-Wall -Wextra` gives the same 20 warnings.
* clang-tidy-22 is not installed here; only clang-tidy 14 is, and its `bugprone-dangling-handle`
  and `bugprone-use-after-move` report nothing in these files. The CSA column is
  `clang++-22 --analyze`. cppcheck 2.10 *is* installed and is included.
* g++ needs `-O2` for `-Wuse-after-free`/`-Wdangling-pointer`; `-Wall` already sets
  `-Wuse-after-free=2` and `-Wdangling-pointer=2`; `-Wuse-after-free=3` only adds one false
  positive (a freed pointer compared with `==`).
""")
    tails.append("\n## Bugs borrowck misses\n")
    if not misses:
        tails.append("None: borrowck reports every positive case.\n")
    for rel, fn, others in misses:
        tails.append(f"* `{rel}` `{fn}`:")
        if not others:
            tails.append("  no other tool reports it either.")
        for tool, line, msg in others:
            tails.append(f"  * {tool}, line {line}: `{msg}`")
    tails.append("\n## Bugs only borrowck reports\n")
    tails.append("Positive cases that no other tool reports, with any of the flags above "
                 f"({len(only_b)} of {npos}):\n")
    for rel, fn in only_b:
        tails.append(f"* `{rel}` `{fn}`")
    tails.append("\n## False positives of the other tools\n")
    if not ofps:
        tails.append("None.")
    for rel, fn, tool, line, msg in ofps:
        tails.append(f"* {tool}: `{rel}` `{fn}`, line {line}: `{msg}`")
    tails.append("\n## g++ cases found only through `-Wuninitialized`\n")
    tails.append("In these positive cases the only g++ diagnostic is `-Wuninitialized` on the read "
                 "of the destroyed object (counted above as a g++ true positive):\n")
    for rel, fn, msgs in gcc_uninit:
        tails.append(f"* `{rel}` `{fn}`: " + "; ".join(f"`{m}`" for m in msgs))
    tails.append("\n## borrowck false positives\n")
    if not bfps:
        tails.append("None: borrowck reports nothing in any negative case.\n")
    for rel, fn, ds in bfps:
        tails.append(f"* `{rel}` `{fn}`: " + "; ".join(f"line {d['line']}: `{d['msg']}`"
                                                       for d in ds))
    if unmapped:
        tails.append("\n## Relevant diagnostics not mapped to a function\n")
        for rel, t, d in unmapped:
            tails.append(f"* `{rel}` {t}: line {d['line']}: `{d['msg']}`")
    open(os.path.join(OUT, "comparison-lifetimes.md"), "w").write(
        "\n".join(head) + "\n## Per-file results\n" + "\n".join(md) + "\n" + "\n".join(tails) + "\n")
    summary = {COL_TITLE[c]: tot[c] for c in COLS}
    print(json.dumps({"npos": npos, "nneg": nneg, "totals": summary}, indent=1))


if __name__ == "__main__":
    main()
