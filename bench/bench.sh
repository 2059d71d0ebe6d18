#!/usr/bin/env bash
# bench/bench.sh - time and peak RSS of borrowck against `clang-22 -fsyntax-only`
# on the same inputs, reported as ratios (borrowck / clang).  Benchmarks live
# here, never in the timed test suite.
#
# usage: bench/bench.sh [-n N] [-o FILE] [-k] [-s] [FILE...]
#   -n N     runs per tool and input (default 5), alternating borrowck / clang
#   -o FILE  also write the markdown table to FILE
#   -k       keep the generated stress inputs (their directory is printed)
#   -s       add the scaling inputs: 50k statements, 1,000 functions, 100 nested
#            loops, 5,000 locals, 1k/10k/50k statements moving struct fields
#   FILE...  bench only these files (default: rules/*/{bad,good}.cpp,
#            examples/*.cpp and generated stress inputs)
# env: BORROWCK (default <repo>/build/bin/borrowck), CLANG (default /usr/bin/clang-22)
# Needs only bash and python3 (wall time via perf_counter, peak RSS via wait4).
# Exit: 0 all ran; 1 borrowck exited 2 or crashed on some input; 2 usage/setup error.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BORROWCK=${BORROWCK:-$ROOT/build/bin/borrowck}
CLANG=${CLANG:-/usr/bin/clang-22}
RUNS=5 OUT="" KEEP=0 STRESS=0

usage() { sed -n '6,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while getopts "n:o:ksh" opt; do
  case $opt in
    n) RUNS=$OPTARG ;; o) OUT=$OPTARG ;; k) KEEP=1 ;; s) STRESS=1 ;; *) usage ;;
  esac
done
shift $((OPTIND - 1))
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: -n needs a positive integer" >&2; exit 2; }
[[ -x $BORROWCK ]] || { echo "bench.sh: borrowck not found at $BORROWCK (set BORROWCK=)" >&2; exit 2; }
[[ -x $CLANG ]] || { echo "bench.sh: clang not found at $CLANG (set CLANG=)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench.sh: python3 is required" >&2; exit 2; }

# ---- generated stress inputs ------------------------------------------------
gen_headers() {  # (a) common std headers + 200 small functions moving strings / unique_ptrs
  printf '#include <%s>\n' string vector memory map optional functional thread utility
  for ((i = 0; i < 200; i++)); do cat <<EOF
std::string f$i(std::string a, std::unique_ptr<int> p, bool c) {
  std::vector<std::string> v;
  std::string b = std::move(a);
  for (int k = 0; k < $((i % 5 + 1)); ++k) {
    if (c && k % 2 == 0) v.push_back(b);
    else { a = b + "x"; v.push_back(std::move(a)); }
  }
  if (p && *p > $i) { auto q = std::move(p); b += std::to_string(*q); }
  std::optional<std::string> o = std::move(b);
  std::map<int, std::string> m;
  m[$i] = o.value_or("none");
  std::function<std::size_t()> fn = [s = std::move(m[$i])] { return s.size(); };
  $( ((i % 10 == 0)) && echo 'return b + std::to_string(fn());  // use after move (finding)' \
                     || echo 'return v.empty() ? std::string() : v.back() + std::to_string(fn());')
}
EOF
  done
}

gen_linear() {  # (b) one function with $1 statements over a few std::string locals
  printf '#include <string>\n#include <utility>\nstd::size_t linear(std::string s0) {\n'
  printf '  std::string s1 = "a", s2 = "b", s3;\n  std::size_t n = 0;\n'
  local pat=('s1 = std::move(s0);' 'n += s1.size();' 's0 = s1 + "x";' 's3 = std::move(s1);'
             'n += s0.size() + s3.size();' 's1 = s3;' 's2 = std::move(s3);' 's3 = s2 + s0;'
             'if (n % 3 == 0) s0 = std::move(s2); else s0 = s2;' 's2 = s0;')
  for ((i = 0; i < $1; i++)); do printf '  %s\n' "${pat[i % ${#pat[@]}]}"; done
  printf '  return n + s0.size() + s1.size() + s2.size() + s3.size();\n}\n'
}

gen_nested() {  # (c) 200 nested if/for blocks in one function, moves at every level
  printf '#include <string>\n#include <utility>\nstd::size_t nested(std::string s, bool c) {\n'
  printf '  std::string t;\n  std::size_t n = 0;\n'
  for ((i = 0; i < 200; i++)); do
    if ((i % 2)); then printf 'for (int i%d = 0; i%d < 2; ++i%d) {\n' $i $i $i
    else printf 'if (c || n > %d) {\n' $i; fi
    printf 't = std::move(s); n += t.size(); s = t + "%d";\n' $i
  done
  for ((i = 0; i < 200; i++)); do printf '}\n'; done
  printf '  return n + s.size();\n}\n'
}

gen_functions() {  # (d) $1 small functions, each moving and reinitialising a string
  printf '#include <string>\n#include <utility>\nvoid sink(std::string);\n'
  for ((i = 0; i < $1; i++)); do
    printf 'std::size_t g%d(std::string s, bool c) { std::string t = std::move(s); if (c) s = t; else { s = "y"; sink(std::move(t)); } return s.size(); }\n' $i
  done
}

gen_loops() {  # (e) $1 nested loops, a move and a reinitialisation in each
  printf '#include <string>\n#include <utility>\nvoid sink(std::string);\nvoid loops(std::string s, int n) {\n'
  for ((i = 0; i < $1; i++)); do
    printf 'for (int i%d = 0; i%d < n; ++i%d) { sink(std::move(s)); s = "x";\n' $i $i $i
  done
  for ((i = 0; i < $1; i++)); do printf '}\n'; done
  printf '}\n'
}

gen_locals() {  # (f) one function with $1 string locals, half of them moved
  printf '#include <string>\n#include <utility>\nvoid sink(std::string);\nstd::size_t locals() {\n  std::size_t n = 0;\n'
  for ((i = 0; i < $1; i++)); do
    printf '  std::string v%d = "x";\n' $i
    if ((i % 2)); then printf '  sink(std::move(v%d));\n' $((i - 1)); printf '  n += v%d.size();\n' $i; fi
  done
  printf '  return n;\n}\n'
}

gen_fields() {  # (g) one function of $1 statements moving and refilling struct fields
  printf '#include <string>\n#include <utility>\nvoid sink(std::string);\n'
  printf 'struct Rec { std::string a, b, c, d; };\nstd::size_t fields(Rec r, Rec q) {\n  std::size_t n = 0;\n'
  local pat=('sink(std::move(r.a));' 'r.a = q.b;' 'n += r.b.size();' 'q.c = std::move(r.c);'
             'r.c = "x";' 'sink(std::move(q.d));' 'q.d = r.a + r.b;' 'n += q.c.size() + r.d.size();'
             '{ Rec t = std::move(q); q = std::move(t); }' 'n += q.a.size();')
  for ((i = 0; i < $1; i++)); do printf '  %s\n' "${pat[i % ${#pat[@]}]}"; done
  printf '  return n;\n}\n'
}

FILES=("$@")
if ((${#FILES[@]} == 0)); then
  shopt -s nullglob
  FILES=("$ROOT"/rules/*/bad.cpp "$ROOT"/rules/*/good.cpp "$ROOT"/examples/*.cpp)
  GEN=$(mktemp -d "${TMPDIR:-/tmp}/borrowck-bench.XXXXXX")
  if ((KEEP)); then echo "generated inputs kept in $GEN" >&2
  else trap 'rm -rf "$GEN"' EXIT; fi
  gen_headers      >"$GEN/stress_std_headers.cpp"
  gen_linear 1000  >"$GEN/stress_linear_1k.cpp"
  gen_linear 10000 >"$GEN/stress_linear_10k.cpp"
  gen_nested       >"$GEN/stress_nested_200.cpp"
  FILES+=("$GEN"/stress_{std_headers,linear_1k,linear_10k,nested_200}.cpp)
  if ((STRESS)); then  # -s: the scaling inputs (docs/performance.md, "Stress")
    gen_linear 50000   >"$GEN/stress_linear_50k.cpp"
    gen_functions 1000 >"$GEN/stress_functions_1k.cpp"
    gen_loops 100      >"$GEN/stress_loops_100.cpp"
    gen_locals 5000    >"$GEN/stress_locals_5k.cpp"
    gen_fields 1000    >"$GEN/stress_fields_1k.cpp"
    gen_fields 10000   >"$GEN/stress_fields_10k.cpp"
    gen_fields 50000   >"$GEN/stress_fields_50k.cpp"
    FILES+=("$GEN"/stress_{linear_50k,functions_1k,loops_100,locals_5k,fields_1k,fields_10k,fields_50k}.cpp)
  fi
fi
for f in "${FILES[@]}"; do [[ -f $f ]] || { echo "bench.sh: no such file: $f" >&2; exit 2; }; done

# ---- measurement and report (python3 only: no /usr/bin/time needed) ---------
read -r -d '' PY <<'PYEOF' || true
import math, os, signal, statistics, subprocess, sys, time
borrowck, clang, runs, out, root, *files = sys.argv[1:]
runs = int(runs)

def run(cmd):
    """Run cmd; return (wall seconds, peak RSS KiB, exit code or -signal, stderr tail)."""
    for attempt in range(20):      # the binary may be mid-relink (EACCES/ETXTBSY): wait
        try:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
            break
        except OSError as e:
            if attempt == 19: sys.exit(f"bench.sh: cannot run {cmd[0]}: {e}")
            time.sleep(1)
    err = p.stderr.read()          # drain so the child never blocks on a full pipe
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_maxrss, p.returncode, err.decode(errors="replace")[-2000:]

def exitname(rc):
    return signal.Signals(-rc).name if rc < 0 else str(rc)

def name(f):
    f = os.path.abspath(f)
    if "/borrowck-bench." in f: return "gen/" + os.path.basename(f)
    return os.path.relpath(f, root) if f.startswith(root + "/") else f

rows, tratios, mratios, failures, notes = [], [], [], [], []
for f in files:
    f = os.path.abspath(f)         # absolute, so the repro command works from anywhere
    bcmd = [borrowck, "--format=clang", f, "--", "-std=c++20"]
    ccmd = [clang, "-fsyntax-only", "-w", "-std=c++20", f]
    bt, bm, ct, cm, brc, crc = [], [], [], [], set(), set()
    print(f"  {name(f)} ...", file=sys.stderr, flush=True)
    for _ in range(runs):          # alternate the two tools so drift hits both alike
        w, m, rc, err = run(bcmd); bt.append(w); bm.append(m)
        if rc not in (0, 1) and rc not in brc:   # report each bad exit code once
            failures.append(f"{name(f)}: borrowck exit {exitname(rc)}\n  repro: "
                            + " ".join(bcmd) + "\n  stderr tail:\n" + err[-800:])
        brc.add(rc)
        w, m, rc, _ = run(ccmd); ct.append(w); cm.append(m); crc.add(rc)
    if crc != {0}:
        notes.append(f"{name(f)}: clang exit {sorted(crc)} (input does not compile?)")
    if len(brc) > 1:
        notes.append(f"{name(f)}: borrowck exit code varied between runs: {sorted(brc)}")
    b_med, c_med = statistics.median(bt), statistics.median(ct)
    b_rss, c_rss = max(bm), max(cm)
    ok = brc <= {0, 1}             # failed inputs are shown but kept out of the means
    if ok: tratios.append(b_med / c_med); mratios.append(b_rss / c_rss)
    rows.append((name(f), b_med, c_med, b_med / c_med, b_rss / 1024, c_rss / 1024,
                 b_rss / c_rss, ",".join(map(exitname, sorted(brc))) + ("" if ok else " **FAIL**")))

geo = lambda xs: math.exp(sum(map(math.log, xs)) / len(xs))
lines = [f"borrowck vs clang-22 -fsyntax-only, -std=c++20, {runs} run(s) each, "
         "median wall time, max peak RSS",
         "",
         "| input | borrowck s | clang s | time ratio | borrowck MiB | clang MiB | RSS ratio | borrowck exit |",
         "|---|---:|---:|---:|---:|---:|---:|---:|"]
lines += [f"| {r[0]} | {r[1]:.3f} | {r[2]:.3f} | {r[3]:.2f}x | {r[4]:.1f} | {r[5]:.1f} "
          f"| {r[6]:.2f}x | {r[7]} |" for r in rows]
gm = lambda xs: f"**{geo(xs):.2f}x**" if xs else "n/a"
lines += [f"| **geometric mean** ({len(tratios)} inputs) | | | {gm(tratios)} | | | {gm(mratios)} | |"]
table = "\n".join(lines) + "\n"
print(table)
if out:
    with open(out, "w") as fh: fh.write(table)
for n in notes: print("note: " + n, file=sys.stderr)
for fl in failures: print("FAIL: " + fl, file=sys.stderr)
sys.exit(1 if failures else 0)
PYEOF

python3 -c "$PY" "$BORROWCK" "$CLANG" "$RUNS" "$OUT" "$ROOT" "${FILES[@]}"
