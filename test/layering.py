#!/usr/bin/env python3
"""The layering of lib/ and tool/ (docs/architecture.md), checked on every file:

- an include of Clang ("clang/...") in a Clang-free layer;
- an include of a layer above the including file's own layer;
- a source file over 800 lines.

Violations listed in the allow-list (test/layering-allowlist.txt, one
`kind path detail` per line) are tolerated; the list may only shrink: an entry
that is no longer a violation is an error too, so it must be removed.
Usage: layering.py SOURCE_ROOT   (exit 0: clean, 1: violations)
"""
import os
import re
import sys

# Lowest first: a layer may include itself and any layer before it.
LAYERS = ["diag", "facts", "dataflow", "analysis", "checks", "catalog", "explain", "render",
          "config", "model", "ast", "summary", "factgen", "driver", "lsp", "tool"]
# Only these read Clang's headers (the model, the AST helpers, the summaries, the
# fact generators, and the driver and CLI that run Clang).
CLANG_LAYERS = {"model", "ast", "summary", "factgen", "driver", "lsp", "tool"}
MAX_LINES = 800
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')


def layer_of(rel):
    parts = rel.split("/")
    if parts[0] == "tool":
        return "tool"
    return parts[1] if parts[0] == "lib" and len(parts) > 2 else None


def violations(root):
    found = set()
    for top in ("lib", "tool"):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if not name.endswith((".cpp", ".h", ".inc")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                layer = layer_of(rel)
                with open(path, encoding="utf-8") as f:
                    lines = f.readlines()
                if len(lines) > MAX_LINES:
                    found.add(("size", rel, "over-%d-lines" % MAX_LINES))
                if layer not in LAYERS:
                    found.add(("layer", rel, "not-a-layer"))
                    continue
                for text in lines:
                    m = INCLUDE.match(text)
                    if not m:
                        continue
                    inc = m.group(1)
                    head = inc.split("/")[0]
                    if head in ("clang", "clang-c") and layer not in CLANG_LAYERS:
                        found.add(("clang", rel, inc))
                    elif head in LAYERS and LAYERS.index(head) > LAYERS.index(layer):
                        found.add(("upward", rel, inc))
    return found


def main():
    root = sys.argv[1]
    allow_path = os.path.join(root, "test", "layering-allowlist.txt")
    allowed = set()
    if os.path.exists(allow_path):
        with open(allow_path, encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if line:
                    allowed.add(tuple(line.split()))
    found = violations(root)
    status = 0
    for kind, rel, detail in sorted(found - allowed):
        print(f"error: {kind}: {rel}: {detail}")
        status = 1
    for kind, rel, detail in sorted(allowed - found):
        print(f"error: fixed, remove from test/layering-allowlist.txt: {kind} {rel} {detail}")
        status = 1
    if status == 0:
        print(f"layering: ok ({len(allowed)} allowed)")
    return status


if __name__ == "__main__":
    sys.exit(main())
