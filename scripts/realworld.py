#!/usr/bin/env python3
"""scripts/realworld.py - run borrowck, header analysis on, over real C++ that Debian ships.

Inputs (each skipped with a note when its package is not installed):
  googletest   /usr/src/googletest: GoogleTest and GoogleMock sources (package googletest,
               pulled in by libgtest-dev), their headers analysed too
  nlohmann     scripts/realworld/json_driver.cpp   (nlohmann-json3-dev)
  fmt          scripts/realworld/fmt_driver.cpp    (libfmt-dev)
  spdlog       scripts/realworld/spdlog_driver.cpp (libspdlog-dev)
  llvm         scripts/realworld/llvm_driver.cpp   (llvm-22-dev: ADT and Support headers)
The drivers are small programs that instantiate the header-only libraries, which
borrowck then analyses with --header-filter.

Reports translation units, functions analysed, findings per rule, crashes (borrowck
killed by a signal, or an internal error) and hangs (over --timeout), and time.
Every finding is written to --findings FILE (JSON lines) for docs/realworld-triage.md.

usage: scripts/realworld.py [--borrowck BIN] [--only NAME,...] [--timeout S]
                            [--findings FILE] [--jobs N]
Exit: 0 no crash and no hang; 1 some crash, hang or tool error; 2 usage error.
"""
import argparse
import collections
import concurrent.futures
import glob
import json
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GTEST = "/usr/src/googletest"


def suites():
    """(name, package hint, [(file, header filter, compiler flags)])."""
    drv = os.path.join(ROOT, "scripts", "realworld")
    gflags = ["-I" + GTEST + "/googletest/include", "-I" + GTEST + "/googletest",
              "-I" + GTEST + "/googlemock/include", "-I" + GTEST + "/googlemock"]
    gfiles = [f for f in sorted(glob.glob(GTEST + "/googletest/src/*.cc") +
                                glob.glob(GTEST + "/googlemock/src/*.cc"))
              if not f.endswith("-all.cc")]  # -all.cc only #includes the others
    hf = "^" + GTEST + "/"
    yield ("googletest", "googletest", [(f, hf, gflags) for f in gfiles],
           os.path.isdir(GTEST))
    yield ("nlohmann", "nlohmann-json3-dev",
           [(drv + "/json_driver.cpp", "/nlohmann/", [])],
           os.path.isfile("/usr/include/nlohmann/json.hpp"))
    yield ("fmt", "libfmt-dev", [(drv + "/fmt_driver.cpp", "/fmt/", [])],
           os.path.isfile("/usr/include/fmt/format.h"))
    yield ("spdlog", "libspdlog-dev",
           [(drv + "/spdlog_driver.cpp", "/spdlog/", ["-DSPDLOG_FMT_EXTERNAL"])],
           os.path.isfile("/usr/include/spdlog/spdlog.h"))
    inc = "/usr/lib/llvm-22/include"
    yield ("llvm", "llvm-22-dev",
           [(drv + "/llvm_driver.cpp", "/llvm/(ADT|Support)/", ["-I" + inc])],
           os.path.isfile(inc + "/llvm/ADT/DenseMap.h"))


def run_one(borrowck, suite, path, hfilter, flags, timeout):
    cmd = [borrowck, "--format=json", "--function-stats", "--header-filter=" + hfilter, path,
           "--", "-std=c++20"] + flags
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    try:
        out, err = p.communicate(timeout=timeout)
        hung = False
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        hung = True
    wall = time.perf_counter() - t0
    err = err.decode(errors="replace")
    r = {"suite": suite, "file": path, "cmd": cmd, "wall": wall, "exit": p.returncode,
         "hung": hung, "functions": 0, "with_facts": 0, "skipped": 0,
         "internal_errors": [l for l in err.splitlines() if "internal error" in l],
         "tool_errors": [l for l in err.splitlines() if l.startswith("borrowck: error")],
         "findings": []}
    for line in err.splitlines():
        if line.startswith("borrowck: stats: "):
            nums = [int(w) for w in line.split(":", 3)[3].replace(",", " ").split() if w.isdigit()]
            if len(nums) >= 3:
                r["functions"], r["with_facts"], r["skipped"] = nums[:3]
    if not hung and p.returncode in (0, 1, 2):
        try:
            doc = json.loads(out)
            for d in doc.get("diagnostics", []):
                prim = next((l for l in d.get("labels", []) if l.get("primary")), {})
                r["findings"].append({"rule": d.get("rule"), "message": d.get("message"),
                                      "file": prim.get("file"), "line": prim.get("line_start"),
                                      "column": prim.get("column_start"), "tu": path,
                                      "rendered": d.get("rendered")})
        except ValueError:
            r["tool_errors"].append("borrowck: output is not JSON")
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--borrowck", default=os.environ.get("BORROWCK",
                                                         os.path.join(ROOT, "build/bin/borrowck")))
    ap.add_argument("--only", default="", help="comma-separated suite names")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per TU (a hang)")
    ap.add_argument("--findings", default="", help="write every finding here (JSON lines)")
    ap.add_argument("--jobs", type=int, default=1, help="TUs in parallel (time is per TU)")
    a = ap.parse_args()
    if not os.access(a.borrowck, os.X_OK):
        print(f"realworld.py: no borrowck at {a.borrowck} (use --borrowck)", file=sys.stderr)
        return 2
    only = set(filter(None, a.only.split(",")))
    jobs = []
    for name, pkg, files, present in suites():
        if only and name not in only:
            continue
        if not present:
            print(f"note: {name}: not installed (apt-get install {pkg}); skipped", file=sys.stderr)
            continue
        jobs += [(name, f, hf, fl) for f, hf, fl in files]

    t0 = time.perf_counter()
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        futs = [ex.submit(run_one, a.borrowck, s, f, hf, fl, a.timeout) for s, f, hf, fl in jobs]
        for fu in futs:
            r = fu.result()
            results.append(r)
            status = ("HANG" if r["hung"] else "CRASH" if r["exit"] < 0 or r["internal_errors"]
                      else f"exit {r['exit']}")
            print(f"  {os.path.relpath(r['file'], '/') if r['file'].startswith('/usr') else os.path.basename(r['file'])}:"
                  f" {r['functions']} functions, {len(r['findings'])} findings, {r['wall']:.1f} s, {status}",
                  file=sys.stderr, flush=True)
    total = time.perf_counter() - t0
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)

    by_suite = collections.OrderedDict()
    for r in results:
        s = by_suite.setdefault(r["suite"], {"tus": 0, "functions": 0, "with_facts": 0,
                                             "skipped": 0, "findings": 0, "crashes": 0,
                                             "hangs": 0, "errors": 0, "wall": 0.0})
        s["tus"] += 1
        for k in ("functions", "with_facts", "skipped"):
            s[k] += r[k]
        s["findings"] += len(r["findings"])
        s["crashes"] += (r["exit"] < 0 and not r["hung"]) + len(r["internal_errors"])
        s["hangs"] += r["hung"]
        s["errors"] += r["exit"] == 2 and not r["internal_errors"]
        s["wall"] += r["wall"]
    rules = collections.Counter(f["rule"] for r in results for f in r["findings"])

    print("| suite | TUs | functions analysed | with facts | skipped | findings | crashes | hangs "
          "| tool errors | time s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    tot = collections.Counter()
    for name, s in by_suite.items():
        print(f"| {name} | {s['tus']} | {s['functions']} | {s['with_facts']} | {s['skipped']} "
              f"| {s['findings']} | {s['crashes']} | {s['hangs']} | {s['errors']} | {s['wall']:.1f} |")
        tot.update({k: v for k, v in s.items()})
    print(f"| **total** | {tot['tus']} | {tot['functions']} | {tot['with_facts']} | {tot['skipped']} "
          f"| {tot['findings']} | {tot['crashes']} | {tot['hangs']} | {tot['errors']} "
          f"| {tot['wall']:.1f} |")
    print()
    print("findings per rule: " + (", ".join(f"{k} {v}" for k, v in sorted(rules.items())) or "none"))
    print(f"wall {total:.1f} s, CPU {cpu.ru_utime + cpu.ru_stime:.1f} s, "
          f"peak RSS of one borrowck {cpu.ru_maxrss / 1024:.0f} MiB")
    for r in results:
        for l in r["internal_errors"] + r["tool_errors"]:
            print(f"{r['file']}: {l}", file=sys.stderr)
        if r["hung"]:
            print(f"{r['file']}: hung (over {a.timeout:.0f} s): {' '.join(r['cmd'])}", file=sys.stderr)
        elif r["exit"] < 0:
            print(f"{r['file']}: killed by signal {-r['exit']}: {' '.join(r['cmd'])}", file=sys.stderr)
    if a.findings:
        with open(a.findings, "w") as fh:
            for r in results:
                for f in r["findings"]:
                    fh.write(json.dumps(f) + "\n")
    bad = tot["crashes"] + tot["hangs"] + tot["errors"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
