# Golden fact dumps (test/factformat.py): every input's --dump=facts, byte for byte.
import os
import sys

sys.path.insert(0, os.path.join(config.borrowck_src_root, "test"))
from factformat import FactDumpTest  # noqa: E402

config.name = "borrowck-facts"
config.test_format = FactDumpTest()
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.borrowck_obj_root, "test", "facts")
