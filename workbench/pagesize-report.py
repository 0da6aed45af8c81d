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
"""
import argparse
import collections
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gitfiles  # noqa: E402

NAMES = ["PAGE_SIZE", "PAGE_SHIFT", "PAGE_MASK", "PAGE_ALIGN",
         "PAGE_ALIGN_DOWN", "PAGE_ALIGNED", "offset_in_page"]
# Headers whose job is to define the new names in terms of the old ones.
ALIASES = {"include/asm-generic/pgsize.h"}
SCOPE = ["arch/x86", "mm", "include/linux", "include/asm-generic", "kernel"]
SUFFIXES = (".c", ".h", ".S", ".lds")
ident = re.compile(r"\b(" + "|".join(NAMES) + r")\b")
# Comments and literals, longest first; keep newlines so lines still count.
strip_re = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
define_re = re.compile(r"^\s*#\s*define\s+(" + "|".join(NAMES) + r")\b")


def count(text):
    text = strip_re.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    c = collections.Counter()
    for line in text.splitlines():
        if define_re.match(line):
            line = define_re.sub("", line)
        for m in ident.finditer(line):
            c[m.group(1)] += 1
    return c


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
    a = ap.parse_args()
    revs = a.rev or ["HEAD"]
    per_rev = {}
    for rev in revs:
        per_file = {}
        for path, text in files_at(a.tree, rev, SCOPE):
            if path in ALIASES:
                continue
            c = count(text)
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


if __name__ == "__main__":
    sys.exit(main())
