#!/usr/bin/env python3
"""Time from an edit (textDocument/didChange) to the new diagnostics, on borrowck --lsp.

Usage: bench/lsp-latency.py [--borrowck build/bin/borrowck] [--runs 10] [--debounce MS] [FILE]
FILE (default: test/lit/lsp/Inputs/nvim-bad.cpp, which includes <string> and <vector>) is
opened from a scratch folder with compile_flags.txt = -std=c++20; each edit toggles a fix
of its last finding (so the diagnostics change), and the time is taken from writing the
didChange to reading the publishDiagnostics of that version. Prints min / median / max.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, "test", "lit", "lsp", "Inputs"))
from lspclient import Client, uri  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--borrowck", default=os.path.join(ROOT, "build", "bin", "borrowck"))
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--debounce", type=int, default=200, help="initializationOptions.debounceMs")
    ap.add_argument("file", nargs="?", default=os.path.join(ROOT, "test", "lit", "lsp", "Inputs", "nvim-bad.cpp"))
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="borrowck-lsp-")
    try:
        path = os.path.join(work, os.path.basename(a.file))
        shutil.copy(a.file, path)
        with open(os.path.join(work, "compile_flags.txt"), "w") as f:
            f.write("-std=c++20\n")
        text = open(path).read()
        lines = text.split("\n")
        # The edit: comment out the last line that a finding points to, and back.
        c = Client([a.borrowck, "--lsp"], cwd=work)
        c.response(c.request("initialize", {"processId": None, "capabilities": {},
                                            "initializationOptions": {"debounceMs": a.debounce}}))
        c.notify("initialized", {})
        doc = uri(path)
        t0 = time.monotonic()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": doc, "languageId": "cpp", "version": 1, "text": text}})
        first = c.diagnostics(doc)
        opened = time.monotonic() - t0
        last = max(d["range"]["start"]["line"] for d in first["diagnostics"])
        edited = lines[:last] + ["  // " + lines[last].strip()] + lines[last + 1:]
        times, counts = [], set()
        for i in range(a.runs):
            version = i + 2
            new = "\n".join(edited if i % 2 == 0 else lines)
            t0 = time.monotonic()
            c.notify("textDocument/didChange", {"textDocument": {"uri": doc, "version": version},
                                                "contentChanges": [{"text": new}]})
            d = c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                           and m["params"].get("version") == version)
            times.append(time.monotonic() - t0)
            counts.add(len(d["params"]["diagnostics"]))
        c.response(c.request("shutdown", None))
        c.notify("exit", None)
        c.proc.wait(60)
        print("file: %s (%d lines); open -> diagnostics %.0f ms" % (os.path.basename(a.file), len(lines), opened * 1000))
        print("edit -> diagnostics, debounce %d ms, %d edits: min %.0f ms, median %.0f ms, max %.0f ms (diagnostics per version: %s)" % (
            a.debounce, a.runs, min(times) * 1000, statistics.median(times) * 1000, max(times) * 1000, sorted(counts)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
