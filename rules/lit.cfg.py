# Every folder in rules/ is tested as rustc's compile_fail doctests are:
#   bad.cpp  - borrowck --format=clang reports exactly the `//~ ERROR <message>`
#              annotations (same lines, same messages), all of this rule, exit 1;
#   good.cpp - nothing reported, exit 0;
#   rust.rs  - rustc (when installed) rejects it with the rule's error code.
import os
import sys

sys.path.insert(0, os.path.join(config.borrowck_src_root, "test"))
from ruleformat import RuleFolderTest  # noqa: E402

config.name = "borrowck-rules"
config.test_format = RuleFolderTest()
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.borrowck_obj_root, "rules")
