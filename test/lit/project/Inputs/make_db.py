# make_db.py SRC DEST [--twice NAME]: copy SRC's .cpp and .h files to DEST and write
# DEST/build/compile_commands.json with one entry per .cpp file (NAME: two entries,
# built with different macros, as a file compiled into two targets).
import json, os, shutil, sys
src, dest = sys.argv[1], os.path.abspath(sys.argv[2])
twice = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--twice" else None
os.makedirs(os.path.join(dest, "build"), exist_ok=True)
entries = []
for name in sorted(os.listdir(src)):
    if name.endswith((".cpp", ".h")):
        shutil.copy(os.path.join(src, name), dest)
    if name.endswith(".cpp"):
        for variant in (["-DVARIANT=1", "-DVARIANT=2"] if name == twice else ["-DVARIANT=0"]):
            entries.append({"directory": dest, "file": os.path.join(dest, name),
                            "arguments": ["clang++", "-std=c++20", variant, "-c", name]})
with open(os.path.join(dest, "build", "compile_commands.json"), "w") as f:
    json.dump(entries, f, indent=1)
