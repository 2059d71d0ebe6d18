# lit tests: each .cpp/.test file has RUN lines; diagnostics are checked with
# FileCheck --implicit-check-not so any unexpected finding fails the test.
import os
import lit.formats

config.name = "borrowck"
config.test_format = lit.formats.ShTest(True)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.borrowck_obj_root, "test", "lit")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, os.path.dirname(config.borrowck_bin), config.environment.get("PATH", "")])
config.environment.pop("NO_COLOR", None)
config.substitutions.append(("%borrowck", config.borrowck_bin))
# The usual way to check findings: one line each, unexpected ones fail.
config.substitutions.append(
    ("%check-findings", "FileCheck --implicit-check-not='{{error|warning}}:' --match-full-lines"))
import sys
config.substitutions.append(("%python", sys.executable))
# Real-world inputs (nocrash/realworld.test): googletest's sources come with libgtest-dev.
if os.path.isdir("/usr/src/googletest/googletest/src"):
    config.available_features.add("googletest")
config.substitutions.append(("%repo", config.borrowck_src_root))
# The editor test (lsp/neovim.test) needs Neovim; ./setup.sh test installs Debian's package.
import shutil
if shutil.which("nvim"):
    config.available_features.add("nvim")
else:
    lit_config.note("nvim not found: lsp/neovim.test is skipped (./setup.sh test installs neovim)")
