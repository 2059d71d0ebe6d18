# Runs the GoogleTest binary through lit, so one command runs every test.
import os
import lit.formats

config.name = "borrowck-unit"
config.test_format = lit.formats.GoogleTest(".", "unittests")
config.test_source_root = os.path.join(config.borrowck_obj_root, "bin")
config.test_exec_root = config.test_source_root
