"""A small Language Server Protocol client for the tests (stdlib only).

Client(argv) starts the server; send() / request() / notify() write framed
messages; next() / wait_for() read them (a reader thread queues every message,
so a test can wait with a timeout and a hung server fails instead of hanging).
"""
import json
import os
import queue
import subprocess
import threading
import time
import urllib.parse

TIMEOUT = float(os.environ.get("LSP_TEST_TIMEOUT", "60"))


def uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def frame(obj):
    body = json.dumps(obj).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Client:
    def __init__(self, argv, cwd=None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd)
        self.messages = queue.Queue()
        self.next_id = 1
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.decode("ascii").rstrip("\r\n")
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers["content-length"])
            body = out.read(length)
            self.messages.put((time.monotonic(), json.loads(body.decode("utf-8"))))

    def _read_stderr(self):
        self.stderr = self.proc.stderr.read()

    def raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, obj):
        self.raw(frame(obj))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        i = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        return i

    def next(self, timeout=TIMEOUT):
        try:
            item = self.messages.get(timeout=timeout)
        except queue.Empty:
            raise SystemExit("lsp test: no message from the server within %ss" % timeout)
        if item is None:
            raise SystemExit("lsp test: the server closed its output")
        return item[1]

    def wait_for(self, pred, log=None, timeout=TIMEOUT):
        """The first message pred accepts; the others are appended to log (if given)."""
        deadline = time.monotonic() + timeout
        while True:
            msg = self.next(max(0.01, deadline - time.monotonic()))
            if pred(msg):
                return msg
            if log is not None:
                log.append(msg)

    def response(self, i, log=None):
        return self.wait_for(lambda m: m.get("id") == i and "method" not in m, log)

    def diagnostics(self, doc_uri, log=None):
        return self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == doc_uri, log)["params"]

    def quiet(self, seconds):
        """Every message that arrives within seconds."""
        got = []
        end = time.monotonic() + seconds
        while True:
            try:
                item = self.messages.get(timeout=max(0.0, end - time.monotonic()))
            except queue.Empty:
                return got
            if item is None:
                return got
            got.append(item[1])

    def close(self, timeout=TIMEOUT):
        self.proc.stdin.close()
        return self.proc.wait(timeout)


def pos(p):
    return "%d:%d" % (p["line"] + 1, p["character"] + 1)


def rng(r):
    return "%s-%s" % (pos(r["start"]), pos(r["end"]))


def show_diagnostics(params, out):
    """One line per diagnostic, then its message lines and related information."""
    out.append("diagnostics v%s: %d" % (params.get("version"), len(params["diagnostics"])))
    for d in params["diagnostics"]:
        lines = d["message"].split("\n")
        href = d.get("codeDescription", {}).get("href")
        out.append("  %s severity=%d code=%s source=%s%s" % (
            rng(d["range"]), d["severity"], d.get("code"), d.get("source"),
            " href=" + href if href else ""))
        for line in lines:
            out.append("    | " + line)
        for r in d.get("relatedInformation", []):
            out.append("    related %s %s: %s" % (os.path.basename(urllib.parse.unquote(r["location"]["uri"])),
                                                  rng(r["location"]["range"]), r["message"]))


def apply_edits(text, edits):
    """TextEdits (UTF-16 positions; the tests use ASCII) applied to text, last first."""
    lines_start = [0]
    for i, c in enumerate(text):
        if c == "\n":
            lines_start.append(i + 1)

    def off(p):
        return min(lines_start[p["line"]] + p["character"], len(text)) if p["line"] < len(lines_start) else len(text)

    for e in sorted(edits, key=lambda e: off(e["range"]["start"]), reverse=True):
        text = text[:off(e["range"]["start"])] + e["newText"] + text[off(e["range"]["end"]):]
    return text
