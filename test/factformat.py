# The lit test format for test/facts/ (see test/facts/lit.cfg.py): one test per
# input (rules/*/bad.cpp and good.cpp, test/lit/**/*.cpp, examples/*.cpp), which
# runs `borrowck --dump=facts` on it and compares every byte with its golden
# dump test/facts/<input path>.facts. The goldens are the safety net of every
# refactoring of the fact generators: a change that alters them must say so.
# BORROWCK_UPDATE_FACTS=1 in the environment rewrites the goldens instead.
import difflib
import glob
import os
import subprocess

import lit.Test
import lit.formats.base


def inputs(root):
    found = []
    for pattern in ("rules/*/bad.cpp", "rules/*/good.cpp", "test/lit/**/*.cpp", "examples/*.cpp"):
        for path in glob.glob(os.path.join(root, pattern), recursive=True):
            rel = os.path.relpath(path, root)
            if "/Inputs/" not in rel:
                found.append(rel)
    return sorted(found)


class FactDumpTest(lit.formats.base.TestFormat):
    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig, localConfig):
        if path_in_suite:
            return
        root = localConfig.borrowck_src_root
        for rel in inputs(root):
            yield lit.Test.Test(testSuite, tuple(rel.split("/")), localConfig)

    def execute(self, test, litConfig):
        root = test.config.borrowck_src_root
        rel = "/".join(test.path_in_suite)
        golden = os.path.join(root, "test", "facts", rel + ".facts")
        proc = subprocess.run([test.config.borrowck_bin, "--dump=facts", "--color=never", rel, "--",
                               "-std=c++20", "-Iinclude"],
                              cwd=root, capture_output=True, text=True, timeout=300)
        if proc.returncode not in (0, 1):
            return lit.Test.FAIL, f"exit status {proc.returncode}\n" + proc.stderr
        got = proc.stderr
        if os.environ.get("BORROWCK_UPDATE_FACTS") == "1":
            os.makedirs(os.path.dirname(golden), exist_ok=True)
            with open(golden, "w", encoding="utf-8") as f:
                f.write(got)
            return lit.Test.PASS, ""
        if not os.path.exists(golden):
            return lit.Test.FAIL, (f"no golden dump {os.path.relpath(golden, root)}: run the suite with "
                                   "BORROWCK_UPDATE_FACTS=1 and review it\n")
        with open(golden, encoding="utf-8") as f:
            want = f.read()
        if got == want:
            return lit.Test.PASS, ""
        diff = difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                    os.path.relpath(golden, root), "borrowck --dump=facts " + rel, n=2)
        return lit.Test.FAIL, "".join(list(diff)[:400])
