"""The whole protocol on `borrowck --lsp`, printed as a transcript for FileCheck.

Usage: protocol.py BORROWCK WORKDIR
WORKDIR holds compile_commands.json and .borrowck.yaml (made by the RUN lines);
the document `buffer.cpp` exists only in the editor, never on disk.
"""
import json
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(__file__))
from lspclient import Client, apply_edits, show_diagnostics, uri, rng, frame  # noqa: E402

borrowck, work = sys.argv[1], os.path.abspath(sys.argv[2])
path = os.path.join(work, "buffer.cpp")
doc = uri(path)
out = []

BUGGY = """#include <string>
#include <utility>
const std::string &first_word(const std::string &s) { return s; }
std::string make();
void take(std::string);
std::size_t dangle() {
  const std::string &r = first_word(make());
  return r.size();
}
int moved() {
  std::string s = "x";
  take(std::move(s));
#ifdef FROM_COMPILE_COMMANDS
  return (int)s.size();
#else
  return 0;
#endif
}
"""

c = Client([borrowck, "--lsp"], cwd=work)

# Before initialize: requests get ServerNotInitialized, notifications are dropped.
early = c.request("textDocument/hover", {})
r = c.response(early)
out.append("before initialize: error %d" % r["error"]["code"])

# Framing: two messages in one write, and one message split over three writes.
init = {"jsonrpc": "2.0", "id": 100, "method": "initialize",
        "params": {"processId": None, "rootUri": uri(work), "capabilities": {},
                   "initializationOptions": {"debounceMs": 300, "docsUrl": "https://example.invalid/borrowck"}}}
data = frame(init)
c.raw(data[:10])
time.sleep(0.05)
c.raw(data[10:40])
time.sleep(0.05)
c.raw(data[40:])
r = c.response(100)
caps = r["result"]["capabilities"]
out.append("initialize: server=%s sync=%s hover=%s codeAction=%s commands=%s" % (
    r["result"]["serverInfo"]["name"], json.dumps(caps["textDocumentSync"], sort_keys=True),
    caps["hoverProvider"], json.dumps(caps["codeActionProvider"]),
    caps["executeCommandProvider"]["commands"]))
c.raw(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}) +
      frame({"jsonrpc": "2.0", "method": "textDocument/didOpen",
             "params": {"textDocument": {"uri": doc, "languageId": "cpp", "version": 1, "text": BUGGY}}}))

# Unsaved-buffer diagnostics: the flags come from compile_commands.json (-D), the
# severity of dangling-return... from .borrowck.yaml.
text = BUGGY
d = c.diagnostics(doc)
show_diagnostics(d, out)
diags = d["diagnostics"]

# Hover on the first finding.
h = c.request("textDocument/hover", {"textDocument": {"uri": doc}, "position": diags[0]["range"]["start"]})
r = c.response(h)
out.append("hover %s:" % rng(r["result"]["range"]))
out.extend("  > " + line for line in r["result"]["contents"]["value"].split("\n"))
h = c.request("textDocument/hover", {"textDocument": {"uri": doc}, "position": {"line": 0, "character": 0}})
out.append("hover elsewhere: %s" % c.response(h)["result"])

# Code actions on the first finding; apply its quick fix (the fix-it).
a = c.request("textDocument/codeAction", {"textDocument": {"uri": doc}, "range": diags[0]["range"],
                                          "context": {"diagnostics": [diags[0]]}})
actions = c.response(a)["result"]
for act in actions:
    what = "edit" if "edit" in act else "command %s %s" % (act["command"]["command"], act["command"]["arguments"])
    out.append("action: %s [%s%s] %s" % (act["title"], act["kind"], ", preferred" if act.get("isPreferred") else "", what))
fix = actions[0]["edit"]["changes"][doc]
out.append("fix edits: %s" % json.dumps(fix))
text = apply_edits(text, fix)
c.notify("textDocument/didChange", {"textDocument": {"uri": doc, "version": 2},
                                    "contentChanges": [{"range": e["range"], "text": e["newText"]} for e in fix]})
d = c.diagnostics(doc)
show_diagnostics(d, out)
out.append("line 3 now: " + text.split("\n")[2])

# explain this rule: the command.
cmd = [x for x in actions if "command" in x][0]["command"]
e = c.request("workspace/executeCommand", {"command": cmd["command"], "arguments": cmd["arguments"]})
log = []
r = c.response(e, log)
out.append("explain: %s" % r["result"].split("\n")[0])
out.append("explain shown: %s" % [m["params"]["message"].split("\n")[0] for m in log if m.get("method") == "window/showMessage"])

# Suppress the use-after-move finding: its action inserts the comment; after that edit
# (sent as a full-text change) the finding is gone.
moved = [x for x in d["diagnostics"] if x["code"] == "E0382"][0]
a = c.request("textDocument/codeAction", {"textDocument": {"uri": doc}, "range": moved["range"], "context": {"diagnostics": []}})
sup = [x for x in c.response(a)["result"] if x["title"].startswith("Suppress")][0]
out.append("suppress edits: %s" % json.dumps(sup["edit"]["changes"][doc]))
text = apply_edits(text, sup["edit"]["changes"][doc])
c.notify("textDocument/didChange", {"textDocument": {"uri": doc, "version": 3}, "contentChanges": [{"text": text}]})
show_diagnostics(c.diagnostics(doc), out)

# Clearing: fix the dangling reference by hand (incremental edit: `&r` -> `r`).
line = text.split("\n").index("  const std::string &r = first_word(make());")
c.notify("textDocument/didChange", {"textDocument": {"uri": doc, "version": 4}, "contentChanges": [
    {"range": {"start": {"line": line, "character": 20}, "end": {"line": line, "character": 21}}, "text": ""}]})
text = text.replace("const std::string &r = first_word", "const std::string r = first_word")
show_diagnostics(c.diagnostics(doc), out)

# Malformed messages: each gets its error answer (or none), the server lives on.
c.raw(b"Content-Length: twelve\r\n\r\n")
c.raw(b"Content-Length: 9\r\n\r\n{not json")
c.send([1, 2])
c.send({"jsonrpc": "2.0", "id": 77})
c.send({"jsonrpc": "2.0", "method": "borrowck/unknownNotification", "params": {}})
u = c.request("borrowck/unknownRequest", {})
for _ in range(5):
    m = c.next()
    out.append("malformed: id=%s error %d %s" % (m.get("id"), m["error"]["code"], m["error"]["message"]))

# Cancellation by a quick second change: v5 brings a bug back, v6 (50 ms later,
# inside the debounce window) another one; only v6 is analysed and published.
text5 = text.replace("const std::string r = first_word", "const std::string &r = first_word")
c.notify("textDocument/didChange", {"textDocument": {"uri": doc, "version": 5}, "contentChanges": [{"text": text5}]})
time.sleep(0.05)
text6 = text5.replace("return r.size();", "return r.size() + 1;")
c.notify("textDocument/didChange", {"textDocument": {"uri": doc, "version": 6}, "contentChanges": [{"text": text6}]})
# Requests are answered while the file waits or is analysed.
h = c.request("textDocument/hover", {"textDocument": {"uri": doc}, "position": {"line": 6, "character": 40}})
log = []
r = c.response(h, log)
out.append("hover while analysing: %s, %d publish before it" % (r["result"], len(log)))
d = c.diagnostics(doc, log)
out.append("published versions: %s" % ([m["params"]["version"] for m in log if m.get("method") == "textDocument/publishDiagnostics"] + [d["version"]]))
show_diagnostics(d, out)

# Closing clears the file's diagnostics.
c.notify("textDocument/didClose", {"textDocument": {"uri": doc}})
d = c.diagnostics(doc)
out.append("after close: version=%s diagnostics=%s" % (d.get("version"), d["diagnostics"]))

s = c.request("shutdown", None)
out.append("shutdown: %s" % c.response(s))
after = c.request("textDocument/hover", {})
out.append("after shutdown: error %d" % c.response(after)["error"]["code"])
c.notify("exit", None)
out.append("exit status: %d" % c.proc.wait(60))

# Session 2: no debounce; a change that arrives while the first analysis runs (both
# messages in one write) drops that analysis' result: only version 2 is published.
# The build folder is configured: WORKDIR/other's database, without -DFROM_COMPILE_COMMANDS.
c = Client([borrowck, "--lsp"], cwd=work)
c.response(c.request("initialize", {"processId": None, "capabilities": {},
                                    "initializationOptions": {"debounceMs": 0, "compilationDatabasePath": "other"}}))
c.notify("initialized", {})
c.raw(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen",
             "params": {"textDocument": {"uri": doc, "languageId": "cpp", "version": 1, "text": BUGGY}}}) +
      frame({"jsonrpc": "2.0", "method": "textDocument/didChange",
             "params": {"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"text": text}]}}))
# The loop answers while the worker analyses (an analysis takes a few hundred ms).
h = c.request("textDocument/hover", {"textDocument": {"uri": doc}, "position": {"line": 6, "character": 40}})
log = []
r = c.response(h, log)
out.append("session 2 hover during the analysis: %s, after %d messages" % (r["result"], len(log)))
d = c.diagnostics(doc, log)
out.append("session 2 published versions: %s" % ([m["params"]["version"] for m in log if m.get("method") == "textDocument/publishDiagnostics"] + [d["version"]]))
show_diagnostics(d, out)
# A text that does not compile: no diagnostics (clangd shows the errors), Clang's
# output and borrowck's note in the log.
c.notify("textDocument/didChange", {"textDocument": {"uri": doc, "version": 3}, "contentChanges": [{"text": "int f( {\n"}]})
log = []
d = c.diagnostics(doc, log)
out.extend("session 2 log: type=%d %s" % (m["params"]["type"], m["params"]["message"].split("\n")[0])
           for m in log if m.get("method") == "window/logMessage")
out.append("session 2 v%d: %s" % (d["version"], d["diagnostics"]))
# Saving analyses again (the same version).
c.notify("textDocument/didChange", {"textDocument": {"uri": doc, "version": 4}, "contentChanges": [{"text": BUGGY}]})
d = c.diagnostics(doc)
c.notify("textDocument/didSave", {"textDocument": {"uri": doc}})
d2 = c.diagnostics(doc)
out.append("session 2 v%d: %d diagnostics; after didSave v%d: %d" % (d["version"], len(d["diagnostics"]), d2["version"], len(d2["diagnostics"])))
c.response(c.request("shutdown", None))
c.notify("exit", None)
out.append("session 2 exit status: %d" % c.proc.wait(60))

# Session 3: a crash in an analysis (--debug-crash-in='*' crashes every one) leaves the
# file without diagnostics and is logged; the server answers on. Exit without
# shutdown: status 1.
c = Client([borrowck, "--lsp", "--debug-crash-in=*"], cwd=work)
c.response(c.request("initialize", {"processId": None, "capabilities": {}}))
c.notify("initialized", {})
c.notify("textDocument/didOpen", {"textDocument": {"uri": doc, "languageId": "cpp", "version": 1, "text": BUGGY}})
log = []
d = c.diagnostics(doc, log)
out.extend("session 3 log: type=%d %s" % (m["params"]["type"], m["params"]["message"]) for m in log if m.get("method") == "window/logMessage")
out.append("session 3 v%d: %s" % (d["version"], d["diagnostics"]))
h = c.request("textDocument/hover", {"textDocument": {"uri": doc}, "position": {"line": 6, "character": 40}})
out.append("session 3 hover after crash: %s" % c.response(h)["result"])
c.notify("exit", None)
out.append("session 3 exit status: %d" % c.proc.wait(60))
print("\n".join(out))
