"""Checks borrowck's --format=json and --format=sarif documents field by field.

  check_output.py json DOC --human HUMAN            the report for moved.cpp + dangling.cpp
  check_output.py sarif DOC --json JSON --rules FILE  the same run as SARIF, against the JSON
                                                    and the catalog (--list-rules output)
  check_output.py errors-json DOC / errors-sarif DOC   a run with tool errors
  check_output.py clean-json DOC / clean-sarif DOC     a run with no findings
  check_output.py same-fingerprints A --other B --shift N   B: A's run, N lines inserted on top

Positions are recomputed from the sources in the current directory, so every
offset, line and column is checked against the text, not against a copy of it.
Exits non-zero with a message on the first failed check.
"""
import json
import os
import re
import sys


def fail(msg):
    sys.exit("check_output: FAIL: " + msg)


def eq(actual, expected, what):
    if actual != expected:
        fail(f"{what}: expected {expected!r}, got {actual!r}")


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        fail(f"{path} is not valid JSON: {e}")


def source(path):
    with open(path, "rb") as f:
        return f.read()


def position(src, offset):
    """(line, character column), 1-based, of a byte offset."""
    before = src[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    col = len(src[start:offset].decode("utf-8")) + 1
    return line, col


def chars(src, begin, end):
    return len(src[begin:end].decode("utf-8"))


def expected_span(file, needle, nth=0, length=None):
    """The byte range of the nth occurrence of needle in file."""
    src = source(file)
    at = -1
    for _ in range(nth + 1):
        at = src.index(needle.encode(), at + 1)
    return at, at + (len(needle.encode()) if length is None else length)


# ---------------------------------------------------------------- JSON

JSON_DIAG_KEYS = ["rule", "code", "level", "message", "confidence", "behaviour", "labels",
                  "children", "fixits", "rendered"]
POS_KEYS = ["file", "byte_start", "byte_end", "line_start", "column_start", "line_end", "column_end"]


def check_json_positions(obj, what):
    src = source(obj["file"])
    for k in POS_KEYS[1:]:
        if not isinstance(obj[k], int):
            fail(f"{what}.{k} is not an integer")
    eq((obj["line_start"], obj["column_start"]), position(src, obj["byte_start"]), what + " start")
    eq((obj["line_end"], obj["column_end"]), position(src, obj["byte_end"]), what + " end")


def check_json_shape(doc):
    eq(list(doc.keys()), ["version", "tool", "exit_status", "files", "diagnostics", "errors", "warnings", "notes"],
       "top-level keys")
    eq(doc["version"], 1, "version")
    eq(doc["tool"]["name"], "borrowck", "tool.name")
    if not re.fullmatch(r"\d+\.\d+\.\d+", doc["tool"]["version"]):
        fail("tool.version is not x.y.z: " + doc["tool"]["version"])
    for i, d in enumerate(doc["diagnostics"]):
        what = f"diagnostics[{i}]"
        eq(list(d.keys()), JSON_DIAG_KEYS, what + " keys")
        eq(sum(1 for l in d["labels"] if l["primary"]), 1, what + " primary labels")
        for j, l in enumerate(d["labels"]):
            eq(list(l.keys()), ["primary"] + POS_KEYS + ["text"], f"{what}.labels[{j}] keys")
            check_json_positions(l, f"{what}.labels[{j}]")
        keys = [(l["file"], l["byte_start"]) for l in d["labels"]]
        eq(keys, sorted(keys), what + " labels in source order")
        flat = []
        for c in d["children"]:
            eq(list(c.keys()), ["level", "message", "suggestions"], what + " child keys")
            for s in c["suggestions"]:
                check_json_positions(s, what + " suggestion")
                flat.append(dict(s, message=c["message"]))
        eq(d["fixits"], flat, what + " fixits = the children's suggestions")


def check_json(doc, human):
    check_json_shape(doc)
    eq(doc["exit_status"], 1, "exit_status")
    eq(doc["files"], ["moved.cpp", "dangling.cpp"], "files")
    eq(doc["errors"], [], "errors")
    eq(doc["warnings"], [], "warnings")
    eq(doc["notes"], [], "notes")
    diags = doc["diagnostics"]
    eq(len(diags), 2, "number of diagnostics")

    m = diags[0]
    eq((m["rule"], m["code"], m["level"]), ("use-after-move", "E0382", "error"), "moved: rule, code, level")
    eq(m["message"], "borrow of moved value: `s`", "moved: message")
    eq((m["confidence"], m["behaviour"]), ("definite", "rust-only"), "moved: confidence, behaviour")
    eq(len(m["labels"]), 3, "moved: labels")
    decl, move, use = m["labels"]
    eq((decl["primary"], move["primary"], use["primary"]), (False, False, True), "moved: primary flags")
    eq((decl["byte_start"], decl["byte_end"]), expected_span("moved.cpp", "s =", length=1), "moved: declaration span")
    eq((move["byte_start"], move["byte_end"]), expected_span("moved.cpp", "std::move(s)"), "moved: move span")
    eq((use["byte_start"], use["byte_end"]), expected_span("moved.cpp", "s.size", length=1), "moved: use span")
    # "  /*é*/ return s.size();": the é is two bytes, one character.
    eq((use["line_start"], use["column_start"], use["line_end"], use["column_end"]), (7, 16, 7, 17),
       "moved: use line/columns (characters)")
    eq(use["text"], "value borrowed here after move", "moved: primary text")
    eq(move["text"], "value moved here", "moved: move text")
    eq([c["level"] for c in m["children"]], ["note", "help", "note", "note", "note", "help"], "moved: child levels")
    eq(m["fixits"], [], "moved: fixits")

    d = diags[1]
    eq((d["rule"], d["code"], d["message"]), ("borrow-of-temporary", "E0716", "temporary value dropped while borrowed"),
       "dangling: rule, code, message")
    eq((d["confidence"], d["behaviour"]), ("definite", "undefined-behaviour"), "dangling: confidence, behaviour")
    eq([l["text"] for l in d["labels"]],
       ["creates a temporary value which is freed while still in use",
        "temporary value is freed at the end of this statement", "borrow later used here"], "dangling: label texts")
    eq(len(d["fixits"]), 1, "dangling: fixits")
    f = d["fixits"][0]
    at = expected_span("dangling.cpp", "&s)")[0] + 2
    eq((f["file"], f["byte_start"], f["byte_end"]), ("dangling.cpp", at, at), "dangling: fix-it insertion point")
    eq((f["line_start"], f["column_start"]), (2, 51), "dangling: fix-it line/column")
    eq(f["replacement"], " [[clang::lifetimebound]]", "dangling: fix-it replacement")

    # rendered is the human text without colour; the human run adds only the trailer.
    rendered = "".join(x["rendered"] for x in diags)
    if "\x1b" in rendered:
        fail("rendered contains escape sequences")
    if not human.startswith(rendered):
        fail("the human output does not start with the rendered texts")
    if not human[len(rendered):].startswith("error: found 2 errors\n"):
        fail("after the rendered texts the human output is not the trailer: " + human[len(rendered):][:60])


# ---------------------------------------------------------------- SARIF

def check_region(region, file, what):
    src = source(file)
    b, n = region["byteOffset"], region["byteLength"]
    eq((region["startLine"], region["startColumn"]), position(src, b), what + " start")
    eq((region["endLine"], region["endColumn"]), position(src, b + n), what + " end")
    eq(region["charOffset"], chars(src, 0, b), what + " charOffset")
    eq(region["charLength"], chars(src, b, b + n), what + " charLength")
    if n:
        eq(region["snippet"]["text"], src[b:b + n].decode("utf-8"), what + " snippet")


def check_sarif_shape(doc, cwd):
    """The SARIF 2.1.0 schema's required properties, and our own invariants."""
    eq(doc["$schema"], "https://json.schemastore.org/sarif-2.1.0.json", "$schema")
    eq(doc["version"], "2.1.0", "version")
    eq(len(doc["runs"]), 1, "runs")
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    eq(driver["name"], "borrowck", "tool.driver.name")
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    eq(len(set(ids)), len(ids), "rule ids unique")
    for r in rules:
        for k in ("shortDescription", "fullDescription", "help"):
            if not r[k]["text"]:
                fail(f"rule {r['id']}: empty {k}.text")
        if not r["help"]["markdown"].startswith("# "):
            fail(f"rule {r['id']}: help.markdown is not explain.md")
        if r["defaultConfiguration"]["level"] not in ("error", "warning", "note"):
            fail(f"rule {r['id']}: defaultConfiguration.level")
        if not re.fullmatch(r"E\d{4}", r["properties"]["tags"][0]):
            fail(f"rule {r['id']}: first tag is not a Rust code")
        if "helpUri" in r and not re.match(r"[a-z]+:", r["helpUri"]):
            fail(f"rule {r['id']}: helpUri is not absolute")
    eq(run["columnKind"], "unicodeCodePoints", "columnKind")
    eq(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file://" + cwd.rstrip("/") + "/", "%SRCROOT%")
    inv = run["invocations"]
    eq(len(inv), 1, "invocations")
    if not isinstance(inv[0]["executionSuccessful"], bool):
        fail("invocations[0].executionSuccessful is not a boolean")
    for n in inv[0]["toolExecutionNotifications"]:
        if not n["message"]["text"]:
            fail("notification without message text")
    artifacts = run["artifacts"]

    def check_artifact_location(loc, what):
        if loc.get("uriBaseId") == "%SRCROOT%" and re.match(r"[a-z]+:", loc["uri"]):
            fail(what + ": absolute uri with a uriBaseId")
        if "index" in loc:
            eq(artifacts[loc["index"]]["location"]["uri"], loc["uri"], what + " artifact index")

    def check_location(loc, what):
        phys = loc["physicalLocation"]
        check_artifact_location(phys["artifactLocation"], what)
        check_region(phys["region"], phys["artifactLocation"]["uri"], what + " region")

    for i, res in enumerate(run["results"]):
        what = f"results[{i}]"
        if not res["message"]["text"]:
            fail(what + ": empty message.text")
        eq(rules[res["ruleIndex"]]["id"], res["ruleId"], what + " ruleId = rules[ruleIndex].id")
        if res["level"] not in ("error", "warning", "note"):
            fail(what + ": level")
        eq(len(res["locations"]), 1, what + " locations")
        check_location(res["locations"][0], what + ".locations[0]")
        related = res.get("relatedLocations", [])
        eq(len({r["id"] for r in related}), len(related), what + " relatedLocations ids unique")
        for j, r in enumerate(related):
            check_location(r, f"{what}.relatedLocations[{j}]")
        if related:
            eq(len(res["codeFlows"]), 1, what + " codeFlows")
            flows = res["codeFlows"][0]["threadFlows"]
            eq(len(flows), 1, what + " threadFlows")
            steps = flows[0]["locations"]
            eq(len(steps), len(related) + 1, what + " threadFlow visits every label")
            starts = [s["location"]["physicalLocation"]["region"]["byteOffset"] for s in steps]
            eq(starts, sorted(starts), what + " threadFlow in source order")
            for s in steps:
                check_location(s["location"], what + " threadFlow location")
        if not re.fullmatch(r"[0-9a-f]{32}:\d+", res["partialFingerprints"]["borrowck/v1"]):
            fail(what + ": partialFingerprints")
        for fix in res.get("fixes", []):
            if not fix["description"]["text"]:
                fail(what + ": fix without description")
            for ch in fix["artifactChanges"]:
                check_artifact_location(ch["artifactLocation"], what + " fix")
                if not ch["replacements"]:
                    fail(what + ": artifactChange without replacements")
                for rep in ch["replacements"]:
                    check_region(rep["deletedRegion"], ch["artifactLocation"]["uri"], what + " deletedRegion")
        if res["properties"]["confidence"] not in ("definite", "maybe"):
            fail(what + ": properties.confidence")
        if res["properties"]["behaviour"] not in ("undefined-behaviour", "rust-only"):
            fail(what + ": properties.behaviour")


def check_sarif(doc, jdoc, nrules, cwd):
    check_sarif_shape(doc, cwd)
    run = doc["runs"][0]
    eq(len(run["tool"]["driver"]["rules"]), nrules, "rules = the catalog (--list-rules)")
    eq(run["invocations"][0]["executionSuccessful"], True, "executionSuccessful")
    eq(run["invocations"][0]["toolExecutionNotifications"], [], "notifications")
    eq([a["location"]["uri"] for a in run["artifacts"]], ["moved.cpp", "dangling.cpp"], "artifacts")
    results = run["results"]
    eq(len(results), len(jdoc["diagnostics"]), "one result per JSON diagnostic")
    for res, d in zip(results, jdoc["diagnostics"]):
        what = "result for " + d["rule"]
        eq((res["ruleId"], res["message"]["text"], res["level"]), (d["rule"], d["message"], d["level"]), what)
        eq((res["properties"]["confidence"], res["properties"]["behaviour"], res["properties"]["rustCode"]),
           (d["confidence"], d["behaviour"], d["code"]), what + " properties")
        primary = next(l for l in d["labels"] if l["primary"])
        loc = res["locations"][0]
        reg = loc["physicalLocation"]["region"]
        eq(loc["physicalLocation"]["artifactLocation"]["uri"], primary["file"], what + " uri")
        eq(loc["physicalLocation"]["artifactLocation"]["uriBaseId"], "%SRCROOT%", what + " uriBaseId")
        eq((reg["byteOffset"], reg["byteOffset"] + reg["byteLength"]), (primary["byte_start"], primary["byte_end"]),
           what + " primary bytes")
        eq((reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]),
           (primary["line_start"], primary["column_start"], primary["line_end"], primary["column_end"]),
           what + " primary line/columns")
        eq(loc["message"]["text"], primary["text"], what + " primary label text")
        secondary = [l["text"] for l in d["labels"] if not l["primary"]]
        eq([r["message"]["text"] for r in res["relatedLocations"]], secondary, what + " relatedLocations")
        eq([s["location"]["message"]["text"] for s in res["codeFlows"][0]["threadFlows"][0]["locations"]],
           [l["text"] for l in d["labels"]], what + " threadFlow messages")
        fixes = res.get("fixes", [])
        eq(len(fixes), len(d["fixits"]), what + " fixes")
        for fix, f in zip(fixes, d["fixits"]):
            eq(fix["description"]["text"], f["message"], what + " fix description")
            rep = fix["artifactChanges"][0]["replacements"][0]
            eq((rep["deletedRegion"]["byteOffset"], rep["deletedRegion"]["byteLength"]),
               (f["byte_start"], f["byte_end"] - f["byte_start"]), what + " deletedRegion")
            eq(rep["insertedContent"]["text"], f["replacement"], what + " insertedContent")
    fps = [r["partialFingerprints"]["borrowck/v1"] for r in results]
    eq(len(set(fps)), len(fps), "fingerprints distinct")


def check_errors_json(doc):
    check_json_shape(doc)
    eq(doc["exit_status"], 2, "exit_status")
    eq(doc["files"], ["missing.cpp", "broken.cpp", "moved.cpp"], "files")
    eq(doc["errors"], [
        {"level": "error", "file": "missing.cpp", "message": "no such file: 'missing.cpp'"},
        {"level": "error", "file": "broken.cpp", "message": "'broken.cpp' has compile errors; not analysed"},
    ], "errors")
    eq([d["rule"] for d in doc["diagnostics"]], ["use-after-move"], "the other file is still analysed")


def check_errors_sarif(doc, cwd):
    check_sarif_shape(doc, cwd)
    run = doc["runs"][0]
    inv = run["invocations"][0]
    eq(inv["executionSuccessful"], False, "executionSuccessful")
    eq(inv["exitCode"], 2, "exitCode")
    notes = inv["toolExecutionNotifications"]
    eq([(n["level"], n["message"]["text"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for n in notes],
       [("error", "no such file: 'missing.cpp'", "missing.cpp"),
        ("error", "'broken.cpp' has compile errors; not analysed", "broken.cpp")], "notifications")
    eq([r["ruleId"] for r in run["results"]], ["use-after-move"], "results")


def check_clean_json(doc):
    check_json_shape(doc)
    eq((doc["exit_status"], doc["diagnostics"], doc["errors"]), (0, [], []), "clean run")


def check_clean_sarif(doc, cwd):
    check_sarif_shape(doc, cwd)
    run = doc["runs"][0]
    eq((run["results"], run["invocations"][0]["executionSuccessful"]), ([], True), "clean run")
    eq([a["location"]["uri"] for a in run["artifacts"]], ["clean.cpp"], "artifacts")


def same_fingerprints(a, b, shift):
    ra, rb = a["runs"][0]["results"], b["runs"][0]["results"]
    eq(len(ra), len(rb), "result counts")
    if not ra:
        fail("no results to compare")
    for x, y in zip(ra, rb):
        la = x["locations"][0]["physicalLocation"]["region"]["startLine"]
        lb = y["locations"][0]["physicalLocation"]["region"]["startLine"]
        eq(lb, la + shift, "the finding moved down")
        eq(y["partialFingerprints"], x["partialFingerprints"], "fingerprint after inserting lines")


def main(argv):
    mode, doc = argv[1], load(argv[2])
    opts = dict(zip(argv[3::2], argv[4::2]))
    cwd = os.getcwd()
    if mode == "json":
        with open(opts["--human"], encoding="utf-8") as f:
            check_json(doc, f.read())
    elif mode == "sarif":
        with open(opts["--rules"], encoding="utf-8") as f:
            nrules = sum(1 for line in f if line.strip())
        check_sarif(doc, load(opts["--json"]), nrules, cwd)
    elif mode == "errors-json":
        check_errors_json(doc)
    elif mode == "errors-sarif":
        check_errors_sarif(doc, cwd)
    elif mode == "clean-json":
        check_clean_json(doc)
    elif mode == "clean-sarif":
        check_clean_sarif(doc, cwd)
    elif mode == "same-fingerprints":
        same_fingerprints(doc, load(opts["--other"]), int(opts["--shift"]))
    else:
        fail("unknown mode " + mode)
    print("check_output: ok")


if __name__ == "__main__":
    main(sys.argv)
