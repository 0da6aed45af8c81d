#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""objcmp.py A B: compare two kernel build folders. vmlinux must be
byte-identical, and so must every kernel .o, except for debug sections
(.debug_*, which record the build folder's path for assembler files).
Objects of host tools (tools/) are not part of the kernel and are not
compared. For each object that differs, name it and the first function
whose disassembly differs. Exit 1 on any difference.

With OBJCMP_LINE_SYMBOLS=1 (noop.sh's option-off proof), an object whose
only difference is in the names of its symbols that encode __LINE__
(initcalls: __initcall__kmod_<mod>__<counter>_<line>_<fn>) counts as
identical and is listed: every other section, and the symbol table with
those line numbers masked, must be the same.

With OBJCMP_KNOWN=FILE and OBJCMP_TAG=TAG (noop.sh: workbench/noop-known.tsv
and its NOOP_TAG; OBJCMP_PATCHES, the numbers of the run's patches, keeps
the entries that name one of them), an object that FILE lists for TAG may
differ, but only
in the functions listed with it: every function whose disassembly differs
(or that only one side has) must be listed, and a listed object that does
not differ is a stale entry and fails. vmlinux and the images made from
it (LINKED) may then differ too, as the objects linked into them do, if
the linker script is identical; any other difference still fails."""
import os
import re
import subprocess
import sys

a_dir, b_dir = sys.argv[1:3]


def objects(top):
    out = set()
    for root, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if d not in ("source",)]
        for f in files:
            if f.endswith(".o") or f == "vmlinux":
                out.add(os.path.relpath(os.path.join(root, f), top))
    return out


def same(p, q):
    with open(p, "rb") as f, open(q, "rb") as g:
        while True:
            x, y = f.read(1 << 20), g.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def functions(path):
    """Map function name -> disassembly lines with addresses dropped.

    Layout is dropped too: an instruction's own address, the absolute
    address of a target that objdump also names (<sym+off>), and a
    relocation against a section offset (.text+0x7b0) is written as the
    function there and the offset into it. A function that calls or takes
    the address of one that moved is not itself different."""
    text = subprocess.run(["objdump", "-d", "--no-show-raw-insn", "-r", path],
                          capture_output=True, text=True).stdout
    starts, sec = {}, None
    for line in text.splitlines():
        m = re.match(r"^Disassembly of section (\S+):$", line)
        if m:
            sec = m.group(1)
        m = re.match(r"^([0-9a-f]+) <(.+)>:$", line)
        if m and sec:
            starts.setdefault(sec, []).append((int(m.group(1), 16), m.group(2)))

    def symbolic(m):
        off = int(m.group(2), 16)
        best = None
        for addr, name in starts.get(m.group(1), []):
            if addr <= off and (best is None or addr >= best[0]):
                best = (addr, name)
        return m.group(0) if best is None else f"<{best[1]}+{off - best[0]:#x}>"

    funcs, cur = {}, None
    for line in text.splitlines():
        m = re.match(r"^[0-9a-f]+ <(.+)>:$", line)
        if m:
            cur = m.group(1)
            funcs[cur] = []
        elif cur and line.strip():
            line = re.sub(r"^\s*[0-9a-f]+:\s*", "", line)
            line = re.sub(r"\b[0-9a-f]+ <", "<", line)
            funcs[cur].append(re.sub(r"(\.[\w.]+)\+0x([0-9a-f]+)", symbolic, line))
    return funcs


def sections(path):
    """Map section name -> bytes, for every section but debug info."""
    out = subprocess.run(["readelf", "-S", "-W", path], capture_output=True, text=True).stdout
    data = open(path, "rb").read()
    secs = {}
    for line in out.splitlines():
        t = line.replace("[ ", "[").split()
        if len(t) > 6 and t[0].startswith("[") and t[0] != "[Nr]":
            name = t[1]
            if re.match(r"^\.(rela?\.)?debug", name):
                continue
            off, size = int(t[4], 16), int(t[5], 16)
            secs[name] = data[off:off + size] if t[2] != "NOBITS" else size
    return secs


LINE_SYM = re.compile(r"(__initcall__kmod_\w+?__\d+_)\d+(_)")


def symbols(path):
    """The symbol table, with line numbers in symbol names masked."""
    out = subprocess.run(["readelf", "-s", "-W", path], capture_output=True, text=True).stdout
    return [LINE_SYM.sub(r"\1L\2", line) for line in out.splitlines()]


def line_symbols_only(p, q):
    sa, sb = sections(p), sections(q)
    if sa.keys() != sb.keys():
        return False
    differ = {k for k in sa if sa[k] != sb[k]}
    return differ <= {".strtab", ".symtab"} and symbols(p) == symbols(q)


def diff_functions(p, q):
    fa, fb = functions(p), functions(q)
    return {n for n in fa.keys() | fb.keys() if fa.get(n) != fb.get(n)}


def load_known(path, tag, patches):
    """The entries of FILE for TAG; with PATCHES (the numbers of the run's
    commits, comma-separated), only those that name one of them."""
    known = {}
    run = set(patches.split(",")) if patches else None
    if not path:
        return known
    for line in open(path):
        if not line.strip() or line.startswith("#"):
            continue
        t = line.rstrip("\n").split("\t")
        if len(t) != 5:
            sys.exit(f"{path}: expected TAG OBJECT FUNCTIONS PATCHES REASON, tab-separated: {line!r}")
        if t[0] == tag and (run is None or run & set(t[3].split(","))):
            known[t[1]] = (set(t[2].split(",")), t[3], t[4])
    return known


def first_diff(p, q):
    fa, fb = functions(p), functions(q)
    for name in fa:
        if name not in fb:
            return f"{name} (only in A)"
        if fa[name] != fb[name]:
            return name
    for name in fb:
        if name not in fa:
            return f"{name} (only in B)"
    return "no function differs: data or metadata sections differ"


# vmlinux, and what is made from it: the partial link, the compressed
# image and the setup header that records its size.
LINKED = {"vmlinux", "vmlinux.o", "arch/x86/boot/compressed/vmlinux",
          "arch/x86/boot/compressed/piggy.o", "arch/x86/boot/header.o"}

oa, ob = objects(a_dir), objects(b_dir)
host = {o for o in oa | ob if o.startswith("tools/")}
oa, ob = oa - host, ob - host
bad = []
debug_only = []
line_only = []
lines_ok = os.environ.get("OBJCMP_LINE_SYMBOLS") == "1"
known = load_known(os.environ.get("OBJCMP_KNOWN"), os.environ.get("OBJCMP_TAG", ""),
                   os.environ.get("OBJCMP_PATCHES"))
known_ok = []
vmlinux_differs = False
linked_differ = []
for rel in sorted(oa ^ ob):
    bad.append(f"{rel}: built only in {'A' if rel in oa else 'B'}")
n = 0
for rel in sorted(oa & ob):
    n += 1
    pa, pb = os.path.join(a_dir, rel), os.path.join(b_dir, rel)
    if same(pa, pb):
        continue
    if rel != "vmlinux" and sections(pa) == sections(pb):
        debug_only.append(rel)
        continue
    if lines_ok and line_symbols_only(pa, pb):
        line_only.append(rel)
        continue
    if rel in LINKED and known:
        vmlinux_differs = vmlinux_differs or rel == "vmlinux"
        linked_differ.append(rel)
        continue
    if rel in known:
        fns, patches, reason = known[rel]
        d = diff_functions(pa, pb)
        if d and d <= fns:
            known_ok.append(f"{rel}: {len(d)} functions differ, all listed ({', '.join(sorted(d))}); "
                            f"patches {patches}: {reason}")
            continue
        bad.append(f"{rel}: differs outside its known functions: {', '.join(sorted(d - fns)) or 'no function: data'}")
        continue
    bad.append(f"{rel}: differs; first differing function: {first_diff(pa, pb)}")
for rel in sorted(known):
    if not any(k.startswith(rel + ":") for k in known_ok + bad):
        bad.append(f"{rel}: listed as a known difference ({os.environ.get('OBJCMP_KNOWN')}) but "
                   f"{'identical' if rel in oa & ob else 'not built'}: a stale entry")
if linked_differ:
    lds = "arch/x86/kernel/vmlinux.lds"
    la, lb = os.path.join(a_dir, lds), os.path.join(b_dir, lds)
    if not known_ok or bad:
        bad += [f"{rel}: differs (and not every other difference is a known one)" for rel in linked_differ]
    elif os.path.exists(la) != os.path.exists(lb) or (os.path.exists(la) and not same(la, lb)):
        bad.append(f"vmlinux: differs, and so does {lds}")
print(f"compared {n} objects (vmlinux included); {len(host)} host-tool objects not compared")
if debug_only:
    print(f"{len(debug_only)} objects differ only in debug sections (build paths):")
    for rel in debug_only:
        print("  " + rel)
if line_only:
    print(f"{len(line_only)} objects differ only in symbol names that encode __LINE__ (initcalls):")
    for rel in line_only:
        print("  " + rel)
if known_ok:
    print(f"{len(known_ok)} objects differ in known functions only (OBJCMP_KNOWN; proven by review, not here):")
    for k in known_ok:
        print("  " + k)
    if linked_differ and not bad:
        print(f"linked images that differ with them: {', '.join(linked_differ)}")
if "vmlinux" in oa & ob:
    print("vmlinux: " + ("differs, as the known objects linked into it do" if vmlinux_differs and not bad else
                         "DIFFERS" if vmlinux_differs else "DIFFERS" if any(b.startswith("vmlinux:") for b in bad) else
                         "identical but for initcall symbol names" if "vmlinux" in line_only else "identical"))
bad.sort(key=lambda b: not b.startswith("vmlinux:"))
if bad:
    print(f"{len(bad)} differences:")
    for b in bad[:50]:
        print("  " + b)
    if len(bad) > 50:
        print(f"  ... and {len(bad) - 50} more")
    sys.exit(1)
print("identical but for the known differences above" if known_ok else "all identical")
