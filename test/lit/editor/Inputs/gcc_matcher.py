# gcc_matcher.py FILE: every error/warning line of FILE must match VS Code's $gcc problem
# matcher (the regular expression below is the one VS Code ships), and every line the
# matcher takes must be one of ours. Prints what the matcher extracts, for FileCheck.
import re, sys
GCC = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
ok = True
for line in lines:
    m = GCC.match(line)
    ours = re.match(r"^\S.*:\d+:\d+: (error|warning|note): ", line)
    if ours and ours.group(1) != "note" and not m:
        print("NOT MATCHED: " + line)
        ok = False
    if m:
        print("file=%s line=%s column=%s severity=%s message=%s" % m.groups())
sys.exit(0 if ok else 1)
