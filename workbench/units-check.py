#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""units-check.py: run scripts/coccinelle/api/pagesize/units_check.cocci.

  units-check.py selftest SCRIPT TESTFILE
      run the script on TESTFILE in report, org and context mode; the
      reported lines must be exactly the lines marked "HIT <rule>", each
      with its rule, and patch mode must print nothing.
  units-check.py apis SCRIPT TREE REV
      every API named in the script's tables is defined at REV (a name
      that no longer exists would make the check silently blind).
  units-check.py tree SCRIPT TREE REV KNOWN DOC [--list FILE]
      run the script in report mode over the scope at REV; every hit must
      have an entry in KNOWN (path, function, code, rule, category, note),
      every entry must match a hit, and every category must be listed in
      DOC (Documentation/mm/page-sizes.rst at REV, "Units check") with the
      number of entries KNOWN gives it.

A hit is named by its file, function and the code of its line, not by
its line number, so that entries survive rebases.
"""
import collections
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pagesize_classes  # noqa: E402

SPATCH = ["spatch", "--very-quiet", "--include-headers", "--smpl-spacing",
          "--max-width", "200"]
REPORT_RE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):\d+-\d+: (?P<rule>\w+): ")
ORG_RE = re.compile(r"^\* TODO \[\[view:(?P<path>[^:]+)::face=ovl-face1::linb=(?P<line>\d+)"
                    r"::colb=\d+::cole=\d+\]\[(?P<rule>\w+): ")
HIT_RE = re.compile(r"/\* HIT (\w+) \*/")
KNOWN_COLS = ["path", "function", "code", "rule", "category", "note"]


def spatch(script, mode, files, cwd=None, diff=False):
    cmd = SPATCH + ["--sp-file", script, "-D", mode]
    if not diff:
        cmd.append("--no-show-diff")
    r = subprocess.run(cmd + files, cwd=cwd, capture_output=True, text=True)
    if mode == "patch" and r.returncode != 0 and "No rules apply" in r.stderr:
        return ""  # the script has no patch mode: it only reports
    if r.returncode != 0:
        sys.exit(f"error: spatch -D {mode} failed (exit {r.returncode}):\n{r.stderr[-2000:]}")
    return r.stdout


def parse(out, regex):
    hits = []
    for line in out.splitlines():
        m = regex.match(line)
        if m:
            hits.append((m["path"], int(m["line"]), m["rule"]))
        elif line.strip():
            sys.exit(f"error: unexpected spatch output: {line!r}")
    return hits


def minus_lines(diff):
    """(path, old line) of every '-' line of a unified diff."""
    out, path, old = set(), None, 0
    for line in diff.splitlines():
        if line.startswith("--- "):
            path = line[4:].split("\t")[0]
            continue
        if line.startswith("+++ ") or line.startswith("diff "):
            continue
        m = re.match(r"@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@", line)
        if m:
            old = int(m.group(1))
        elif line.startswith("-"):
            out.add((path, old))
            old += 1
        elif line.startswith(" ") or line == "":
            old += 1
    return out


def selftest(script, test):
    d = tempfile.mkdtemp()
    src = os.path.join(d, "t.c")
    with open(test) as f, open(src, "w") as g:
        text = f.read()
        g.write(text)
    want = {}
    for n, line in enumerate(text.splitlines(), 1):
        m = HIT_RE.search(line)
        if m:
            want[n] = m.group(1)
    ok = True
    kinds = sorted(set(want.values()))
    for mode, regex in (("report", REPORT_RE), ("org", ORG_RE)):
        got = {}
        for path, line, rule in parse(spatch(script, mode, ["t.c"], cwd=d), regex):
            if line in got:
                print(f"FAILED: {mode}: line {line} reported twice")
                ok = False
            got[line] = rule
        if got != want:
            print(f"FAILED: {mode} mode: reported {sorted(got.items())}, expected {sorted(want.items())}")
            ok = False
        else:
            print(f"ok: {mode} mode reports exactly the {len(want)} HIT lines, each with its rule")
    ctx = {line for _, line in minus_lines(spatch(script, "context", ["t.c"], cwd=d, diff=True))}
    if ctx != set(want):
        print(f"FAILED: context mode stars lines {sorted(ctx)}, expected {sorted(want)}")
        ok = False
    else:
        print(f"ok: context mode stars exactly the {len(want)} HIT lines")
    out = spatch(script, "patch", ["t.c"], cwd=d, diff=True)
    if out.strip():
        print(f"FAILED: patch mode printed something (the script only reports):\n{out}")
        ok = False
    else:
        print("ok: patch mode changes nothing")
    print(f"self-test: {len(want)} HIT lines of {len(kinds)} rules ({', '.join(kinds)})")
    subprocess.run(["rm", "-rf", d])
    return ok


def tables(script):
    """The API names of the script's PTE_API and PG_API tables and its sets."""
    text = open(script).read()
    names = set()
    for table in ("PTE_API", "PG_API"):
        m = re.search(table + r" = \{(.*?)\n\}", text, re.S)
        if not m:
            sys.exit(f"error: {script} has no {table} table")
        names |= set(re.findall(r'"(\w+)":', m.group(1)))
    for table in ("STRUCT_PAGE_BODIES", "PTE_BODIES"):
        m = re.search(table + r" = \{(.*?)\}", text, re.S)
        if not m:
            sys.exit(f"error: {script} has no {table} set")
        names |= set(re.findall(r'"(\w+)"', m.group(1)))
    m = re.search(r'SET_MEMORY = re\.compile\(r"\^_\?set_memory_\((.*?)\)\$"\)', text, re.S)
    if not m:
        sys.exit(f"error: {script} has no SET_MEMORY pattern")
    suffixes = re.sub(r'"\s*r"', "", m.group(1)).split("|")
    # _?set_memory_X: either form must exist.
    names |= {"set_memory_" + s for s in suffixes}
    return names


def apis(script, tree, rev):
    names = tables(script)
    r = subprocess.run(["git", "-C", tree, "grep", "-h", "-o", "-E",
                        r"\b_?(" + "|".join(sorted(names)) + r")\s*\(", rev, "--",
                        "*.h", "*.c"], capture_output=True, text=True)
    found = set(re.findall(r"(\w+)\s*\(", r.stdout))
    found |= {n[1:] for n in found if n.startswith("_set_memory_")}
    missing = sorted(names - found)
    print(f"{len(names)} APIs in the script's tables; {len(names) - len(missing)} called or "
          f"declared at {rev}")
    for n in missing:
        print(f"FAILED: {n}() is named in the script but does not occur at {rev}")
    return not missing


def function_of(lines, n):
    """The name of the function whose body holds line n (1-based), or '-'."""
    i = n - 1
    while i >= 0 and not (lines[i] == "{" or lines[i].startswith("}")):
        i -= 1
    if i < 0 or lines[i] != "{":
        return "-"
    for j in range(i - 1, max(i - 8, -1), -1):
        m = re.match(r"^(?:[A-Za-z_].*?[\s*])?([A-Za-z_]\w*)\s*\(", lines[j])
        if m and not lines[j].startswith((" ", "\t")):
            return m.group(1)
    return "-"


def norm_code(line):
    return re.sub(r"\s+", " ", line.strip())


def read_known(path):
    known = {}
    for n, line in enumerate(open(path), 1):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) != len(KNOWN_COLS) or not all(cols):
            sys.exit(f"error: {path}:{n}: expected {len(KNOWN_COLS)} non-empty tab-separated "
                     f"columns ({', '.join(KNOWN_COLS)})")
        e = dict(zip(KNOWN_COLS, cols))
        key = (e["path"], e["function"], e["code"], e["rule"])
        if key in known:
            sys.exit(f"error: {path}:{n}: duplicate entry")
        known[key] = e
    return known


def doc_counts(tree, rev, doc):
    """Category -> count from the doc's units-check table."""
    text = subprocess.run(["git", "-C", tree, "show", f"{rev}:{doc}"], capture_output=True,
                          text=True, check=True).stdout
    sec = text[text.find("\nUnits check\n"):]
    counts = {}
    for m in re.finditer(r"^``([a-z0-9-]+)``\s+(\d+)\s", sec, re.M):
        counts[m.group(1)] = int(m.group(2))
    return counts


def tree_run(script, tree, rev, known_path, doc, listing):
    d = tempfile.mkdtemp()
    scope = pagesize_classes.SCOPE
    a = subprocess.Popen(["git", "-C", tree, "archive", rev, "--"] + scope, stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", d], stdin=a.stdout, check=True)
    if a.wait() != 0:
        sys.exit(f"error: git archive {rev} failed")
    hits = []
    for s in scope:
        hits += parse(spatch(script, "report", ["--dir", s], cwd=d), REPORT_RE)
    found = {}
    for path, n, rule in sorted(set(hits)):
        lines = open(os.path.join(d, path), errors="replace").read().split("\n")
        key = (path, function_of(lines, n), norm_code(lines[n - 1]), rule)
        found.setdefault(key, []).append(n)
    subprocess.run(["rm", "-rf", d])
    known = read_known(known_path)
    ok = True
    new = sorted(set(found) - set(known))
    stale = sorted(set(known) - set(found))
    for k in new:
        print(f"FAILED: unexplained hit {k[0]}:{found[k][0]} in {k[1]}(): [{k[3]}] {k[2]}")
        print("        (fix it, or add it to workbench/units-check.known with its category)")
        ok = False
    for k in stale:
        print(f"FAILED: stale entry in units-check.known: {k[0]} {k[1]}(): [{k[3]}] {k[2]}")
        ok = False
    per_cat = collections.Counter(e["category"] for e in known.values())
    per_rule = collections.Counter(k[3] for k in found)
    listed = doc_counts(tree, rev, doc)
    if listed != dict(per_cat):
        print(f"FAILED: {doc} lists categories {sorted(listed.items())}, "
              f"units-check.known has {sorted(per_cat.items())}")
        ok = False
    print(f"\n{'category':24} {'hits':>5}")
    for c, v in sorted(per_cat.items(), key=lambda x: (-x[1], x[0])):
        print(f"{c:24} {v:5}")
    print(f"\n{'rule':24} {'hits':>5}")
    for r, v in sorted(per_rule.items()):
        print(f"{r:24} {v:5}")
    explained = len(set(found) & set(known))
    print(f"\nunits check at {rev}: {len(found)} hits in {', '.join(scope)}; "
          f"{explained} listed with a reason, {len(new)} unexplained, {len(stale)} stale entries")
    if listing:
        with open(listing, "w") as f:
            for k in sorted(found):
                e = known.get(k, {})
                f.write("\t".join([f"{k[0]}:{found[k][0]}", k[1], k[3],
                                   e.get("category", "UNEXPLAINED"), k[2]]) + "\n")
    return ok


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "selftest" and len(args) == 2:
        ok = selftest(*args)
    elif cmd == "apis" and len(args) == 3:
        ok = apis(*args)
    elif cmd == "tree" and len(args) in (5, 7):
        listing = args[6] if len(args) == 7 and args[5] == "--list" else None
        ok = tree_run(*args[:5], listing)
    else:
        sys.exit(__doc__)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
