# The lit test format for rules/<slug>/ folders (see rules/lit.cfg.py).
# It lives in a module so lit's worker processes can load it.
import os
import re
import shutil
import subprocess
import tempfile

import lit.Test
import lit.formats.base

DIAG = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning): (?P<msg>.*) \[(?P<rule>[\w-]+)\]$")
EXPECT = re.compile(r"//~ (?:ERROR|WARN) (?P<msg>.*?)\s*$")


class RuleFolderTest(lit.formats.base.TestFormat):
    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig, localConfig):
        source = testSuite.getSourcePath(path_in_suite)
        if not os.path.exists(os.path.join(source, "rule.yaml")):
            return
        for name in ("bad.cpp", "good.cpp", "rust.rs"):
            if os.path.exists(os.path.join(source, name)):
                yield lit.Test.Test(testSuite, path_in_suite + (name,), localConfig)

    def execute(self, test, litConfig):
        path = test.getSourcePath()
        folder, name = os.path.split(path)
        slug = os.path.basename(folder)
        if name == "rust.rs":
            return self.rust(folder, path)
        proc = subprocess.run([test.config.borrowck_bin, "--format=clang", name, "--"],
                              cwd=folder, capture_output=True, text=True, timeout=300)
        out = proc.stdout + proc.stderr
        found, problems = set(), []
        for line in proc.stdout.splitlines():
            m = DIAG.match(line)
            if not m:
                continue
            if m["rule"] != slug:
                problems.append("finding of another rule: " + line)
            found.add((int(m["line"]), m["msg"]))
        expected = set()
        with open(path, encoding="utf-8") as f:
            for number, text in enumerate(f, 1):
                m = EXPECT.search(text)
                if m:
                    expected.add((number, m["msg"]))
        if name == "bad.cpp" and not expected:
            problems.append("bad.cpp has no //~ ERROR annotations")
        for line, msg in sorted(expected - found):
            problems.append(f"missing: {name}:{line}: {msg}")
        for line, msg in sorted(found - expected):
            problems.append(f"unexpected: {name}:{line}: {msg}")
        want_status = 1 if expected else 0
        if proc.returncode != want_status:
            problems.append(f"exit status {proc.returncode}, expected {want_status}")
        if problems:
            return lit.Test.FAIL, "\n".join(problems) + "\n--- output ---\n" + out
        return lit.Test.PASS, ""

    def rust(self, folder, path):
        rustc = shutil.which("rustc")
        if not rustc:
            return lit.Test.UNSUPPORTED, "rustc is not installed"
        code = None
        with open(os.path.join(folder, "rule.yaml"), encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^code:\s*\"?(E\d{4})", line)
                if m:
                    code = m.group(1)
        with tempfile.TemporaryDirectory() as tmp:
            proc = subprocess.run([rustc, "--edition", "2024", "--crate-type", "lib", "--emit=metadata",
                                   "-o", os.path.join(tmp, "out.rmeta"), path],
                                  capture_output=True, text=True, timeout=300)
        if proc.returncode == 0:
            return lit.Test.FAIL, "rustc accepted rust.rs; it should fail with " + str(code)
        if code and f"error[{code}]" not in proc.stderr:
            return lit.Test.FAIL, f"rustc failed without error[{code}]:\n" + proc.stderr
        return lit.Test.PASS, ""
