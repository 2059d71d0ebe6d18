# The lit test format for rules/<slug>/ folders (see rules/lit.cfg.py).
# It lives in a module so lit's worker processes can load it.
import json
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
        # Every code a finding prints is one rule.yaml's `codes` lists.
        codes = self.codes(folder)
        report = subprocess.run([test.config.borrowck_bin, "--format=json", name, "--"],
                                cwd=folder, capture_output=True, text=True, timeout=300)
        for d in json.loads(report.stdout)["diagnostics"]:
            if d["code"] not in codes:
                problems.append(f"code {d['code']} of '{d['message']}' is not in rule.yaml's codes {codes}")
        if problems:
            return lit.Test.FAIL, "\n".join(problems) + "\n--- output ---\n" + out
        return lit.Test.PASS, ""

    @staticmethod
    def codes(folder):
        with open(os.path.join(folder, "rule.yaml"), encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^codes:\s*\[(.*)\]", line)
                if m:
                    return [c.strip() for c in m.group(1).split(",")]
        return []

    def rust(self, folder, path):
        rustc = shutil.which("rustc") or shutil.which(os.path.expanduser("~/.cargo/bin/rustc"))
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
                                   "-o", os.path.join(tmp, "out.rmeta"), "rust.rs"],
                                  cwd=folder, capture_output=True, text=True, timeout=300)
        if proc.returncode == 0:
            return lit.Test.FAIL, "rustc accepted rust.rs; it should fail with " + str(code)
        if code and f"error[{code}]" not in proc.stderr:
            return lit.Test.FAIL, f"rustc failed without error[{code}]:\n" + proc.stderr
        # rust.stderr is rustc's output, shown by `borrowck --explain`: it must stay true.
        stored = os.path.join(folder, "rust.stderr")
        if os.environ.get("BORROWCK_UPDATE_RUSTC"):
            with open(stored, "w", encoding="utf-8") as f:
                f.write(proc.stderr)
        with open(stored, encoding="utf-8") as f:
            want = f.read()
        if want != proc.stderr:
            import difflib
            diff = "".join(difflib.unified_diff(want.splitlines(True), proc.stderr.splitlines(True),
                                                "rust.stderr", "rustc"))
            return lit.Test.FAIL, ("rust.stderr differs from rustc's output (BORROWCK_UPDATE_RUSTC=1 "
                                   "rewrites it):\n" + diff)
        return lit.Test.PASS, ""
