#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""pagesize-report.py TREE [--rev REV ...] [--build DIR] [--files N]

Count the remaining uses of the legacy page-size names (PAGE_SIZE,
PAGE_SHIFT, PAGE_MASK, PAGE_ALIGN, PAGE_ALIGN_DOWN, PAGE_ALIGNED,
offset_in_page) in the scope of the PTE_SIZE/PG_SIZE conversion, per
directory and per file, at one or more git revisions of TREE. Comments
and string literals do not count; #define lines of the names themselves
do not count either (they are the legacy definitions).

With --build DIR (a kernel O= folder), also count them over every source
and header file compiled into that kernel, taken from the .cmd files.

At the last revision, every use in the goal's scope (arch/x86, mm,
include/linux, include/asm-generic) gets the reason it is left alone,
from pagesize_classes.py, or none ("unclassified"); --list FILE writes
them all, one per line, and --ceiling N fails when more than N uses are
unclassified.
"""
import argparse
import collections
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gitfiles  # noqa: E402
import pagesize_classes  # noqa: E402

NAMES = ["PAGE_SIZE", "PAGE_SHIFT", "PAGE_MASK", "PAGE_ALIGN",
         "PAGE_ALIGN_DOWN", "PAGE_ALIGNED", "offset_in_page"]
# Headers whose job is to define the new names in terms of the old ones.
ALIASES = {"include/asm-generic/pgsize.h"}
SCOPE = pagesize_classes.SCOPE
# Where the goal is zero unclassified uses.
GOAL = SCOPE[:4]
SUFFIXES = (".c", ".h", ".S", ".lds")
# The function-like names count only where they are called: a field or a
# parameter named offset_in_page (edac.h, mtd/rawnand.h) is not a use.
FUNCS = ["PAGE_ALIGN", "PAGE_ALIGN_DOWN", "PAGE_ALIGNED", "offset_in_page"]
ident = re.compile(r"\b(" + "|".join(n for n in NAMES if n not in FUNCS) + r")\b"
                   r"|\b(" + "|".join(FUNCS) + r")\b(?=\s*\()")
# Comments and literals, longest first; keep newlines so lines still count.
strip_re = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
define_re = re.compile(r"^\s*#\s*define\s+(" + "|".join(NAMES) + r")\b")


def uses(text):
    """(line number, name, code of the line) for every use in text."""
    text = strip_re.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for n, line in enumerate(text.splitlines(), 1):
        if define_re.match(line):
            line = define_re.sub("", line)
        for m in ident.finditer(line):
            yield n, m.group(1) or m.group(2), line


def count(text):
    return collections.Counter(name for _n, name, _l in uses(text))


def files_at(tree, rev, paths):
    return gitfiles.files_at(tree, rev, paths, SUFFIXES)


def compiled_files(build):
    """Source and header paths (relative to the tree) used by a build."""
    out = set()
    for root, dirs, files in os.walk(build):
        for f in files:
            if not f.endswith(".cmd"):
                continue
            try:
                text = open(os.path.join(root, f), errors="replace").read()
            except OSError:
                continue
            for tok in re.split(r"[\s\\]+", text):
                if tok.startswith("$(wildcard"):
                    continue
                if tok.startswith("../"):
                    tok = tok[3:]
                elif tok.startswith(("/", "include/generated", "arch/x86/include/generated")):
                    continue
                if tok.endswith(SUFFIXES) and not tok.startswith("-"):
                    out.add(os.path.normpath(tok))
    return out


def table(rows, header):
    w = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    fmt = "  ".join("{:<%d}" % w[0:1][0] if i == 0 else "{:>%d}" % w[i] for i in range(len(header)))
    print(fmt.format(*header))
    print(fmt.format(*["-" * x for x in w]))
    for r in rows:
        print(fmt.format(*r))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tree")
    ap.add_argument("--rev", action="append")
    ap.add_argument("--build")
    ap.add_argument("--files", type=int, default=15)
    ap.add_argument("--list", help="write every use in the goal's scope with its reason")
    ap.add_argument("--ceiling", type=int, help="fail if more uses are unclassified")
    a = ap.parse_args()
    revs = a.rev or ["HEAD"]
    per_rev = {}
    listed = []
    seen = set()
    for rev in revs:
        per_file = {}
        for path, text in files_at(a.tree, rev, SCOPE):
            if path in ALIASES:
                continue
            c = collections.Counter()
            nth = {}
            for n, name, line in uses(text):
                c[name] += 1
                if rev == revs[-1] and path.startswith(tuple(d + "/" for d in GOAL)):
                    key = (path, pagesize_classes.norm(line))
                    # Which line of this file with this code it is (1, 2, ...).
                    lines = nth.setdefault(key, [])
                    if n not in lines:
                        lines.append(n)
                    k = len(lines)
                    listed.append((path, n, name, pagesize_classes.classify(path, line, k)))
                    seen.add(key)
                    seen.add(key + (k,))
            if c:
                per_file[path] = c
        per_rev[rev] = per_file

    print("Remaining legacy page-size uses in scope (comments, strings, the")
    print("legacy #defines themselves and the alias header", ", ".join(sorted(ALIASES)), "excluded):\n")
    rows = []
    for d in SCOPE:
        row = [d]
        for rev in revs:
            row.append(sum(sum(c.values()) for p, c in per_rev[rev].items() if p.startswith(d + "/")))
        rows.append(row)
    rows.append(["total"] + [sum(sum(c.values()) for c in per_rev[r].values()) for r in revs])
    table(rows, ["directory"] + revs)

    last = revs[-1]
    print(f"\nBy name at {last}:\n")
    byname = collections.Counter()
    for c in per_rev[last].values():
        byname.update(c)
    table([[n, byname[n]] for n in NAMES], ["name", "uses"])

    print(f"\nFiles with the most uses at {last} (of {len(per_rev[last])} files):\n")
    top = sorted(per_rev[last].items(), key=lambda kv: -sum(kv[1].values()))[: a.files]
    table([[p, sum(c.values())] for p, c in top], ["file", "uses"])

    print(f"\nWhy the {len(listed)} uses in {', '.join(GOAL)} at {last} are left alone")
    print("(first matching class of workbench/pagesize_classes.py; the classes are")
    print("patterns for review, see build/pagesize-remaining.txt):\n")
    byclass = collections.Counter(cid for *_x, cid in listed)
    rows = [[cid, verdict, byclass[cid]] for cid, verdict, *_r in pagesize_classes.CLASSES]
    rows.sort(key=lambda r: (r[1], -r[2]))
    rows.append(["(none)", "unclassified", byclass[None]])
    table(rows, ["class", "verdict", "uses"])
    dead = [r[0] for r in rows[:-1] if r[2] == 0]
    if a.list:
        with open(a.list, "w") as f:
            for path, n, name, cid in sorted(listed):
                f.write(f"{path}:{n}: {name} {cid or 'unclassified'}\n")
        print(f"\nEvery use with its class: {a.list}")
    failed = False
    stale = sorted(k + ((f"line {nth} of those",) if nth else ())
                   for k, d in pagesize_classes.REASONS.items() for nth in d
                   if (k + (nth,) if nth else k) not in seen)
    if stale:
        print(f"FAIL: {len(stale)} entries of workbench/pagesize-reasons.tsv match no use at {last}:")
        for path, code, *which in stale[:20]:
            print(f"    {path}: {code}", *which)
        print("    (the line changed or went away: give it its new code, or drop the entry)")
        failed = True
    if dead:
        print(f"FAIL: classes that match nothing at {last}: {', '.join(dead)}")
        failed = True
    if a.ceiling is not None:
        if byclass[None] > a.ceiling:
            print(f"FAIL: {byclass[None]} unclassified uses, more than the ceiling of {a.ceiling}")
            failed = True
        else:
            print(f"{byclass[None]} unclassified uses (ceiling {a.ceiling}; the goal is 0)")

    if a.build:
        tracked = set(subprocess.run(["git", "-C", a.tree, "ls-tree", "-r", "-z", "--name-only", last],
                                     capture_output=True, check=True).stdout.decode().split("\0"))
        used = compiled_files(a.build) & tracked
        n_in = [p for p in per_rev[last] if p in used]
        print(f"\nCompiled into the kernel in {a.build}: {len(used)} source and header files;")
        print(f"{len(n_in)} of them in scope with {sum(sum(per_rev[last][p].values()) for p in n_in)} uses at {last}.")
        everywhere = collections.Counter()
        for path, text in files_at(a.tree, last, sorted(used)):
            if path in used:
                c = count(text)
                if c:
                    everywhere[path.split("/")[0] if not path.startswith("arch/") else "/".join(path.split("/")[:2])] += sum(c.values())
        print("All compiled-in files, in and out of scope:\n")
        table([[d, n] for d, n in sorted(everywhere.items(), key=lambda kv: -kv[1])] +
              [["total", sum(everywhere.values())]], ["directory", "uses"])


    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
