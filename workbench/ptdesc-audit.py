#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""ptdesc-audit.py (--tree TREE [--rev REV] | --dir DIR) [--quiet]

List every place in arch/x86, mm, include/linux and include/asm-generic that
reaches page-table metadata (lock, pt_mm, pt_list, THP deposit list, RCU
head, pinning state, accounting) through struct page or folio instead of
struct ptdesc, with a count per rule. Once ptdescs live outside struct
page, each of these is a use-after-free or a silent corruption; the goal
is 0.

Each rule is a regular expression over one line of C (comments and string
literals removed first), limited to some paths. The rules and the reason
for each are in RULES below; Documentation is the README of the workbench.
"""
import argparse
import collections
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gitfiles  # noqa: E402

SCOPE = ["arch/x86", "mm", "include/linux", "include/asm-generic"]

# (id, path prefixes, regex, what it catches)
RULES = [
    ("pgd-list-page", SCOPE,
     r"list_for_each_entry\(\s*\w+\s*,\s*&pgd_list\s*,\s*lru\s*\)",
     "pgd_list is linked through ptdesc->pt_list but walked as struct page via page->lru"),
    ("pgd-get-mm-page", SCOPE,
     r"pgd_page_get_mm\(\s*(struct\s+page\s*\*\s*)?page\b",
     "pgd_page_get_mm() takes a struct page to find the PGD's mm (ptdesc->pt_mm)"),
    ("pgtable-t-page", SCOPE,
     r"typedef\s+struct\s+page\s*\*\s*pgtable_t\b",
     "pgtable_t is struct page *: PTE tables are passed around as pages"),
    ("deposit-lru", ["mm/pgtable-generic.c", "arch/x86"],
     r"(pgtable|pmd_huge_pte\([^)]*\))\s*->\s*lru\b",
     "the THP deposit list chains PTE tables through page->lru"),
    ("rcu-head-page", SCOPE,
     r"(\bpage\s*->\s*rcu_head\b|container_of\(\s*\w+\s*,\s*struct\s+page\s*,\s*rcu_head\s*\))",
     "a page table freed by RCU through page->rcu_head instead of ptdesc->pt_rcu_head"),
    ("lock-via-page", SCOPE,
     r"page_ptdesc\(\s*(pmd_page|pud_page|virt_to_page|pfn_to_page)\(",
     "a table's ptdesc (and so its lock) found by way of its struct page"),
    ("pmd-pgtable-page", SCOPE,
     r"struct\s+page\s*\*\s*pmd_pgtable_page\s*\(",
     "pmd_pgtable_page() returns the struct page of a PMD table"),
    # In x86's page-table code (arch/x86/mm and asm/pgalloc.h) every page
    # taken straight from the buddy allocator is a page table, and every
    # page given straight back to it was one: the only exception is
    # pud_free_pmd_page()'s pmd_sv, a scratch copy of the PMD entries it
    # is about to clear, never installed in a page-table entry (and, in
    # EXEMPT below, memory hot-remove's free_vmemmap_pages()). So any
    # such call there is a table without a ptdesc constructor (or
    # destructor). Tables taken from memblock before the buddy allocator
    # runs (boot page tables, KASAN's shadow tables) are not counted:
    # there is no ptdesc API yet when they are made (see
    # Documentation/mm/ptdesc-first.rst). In arch/x86/xen, where the buddy
    # allocator also serves other data, only a page cast to a table type
    # counts.
    ("raw-table-alloc", ["arch/x86/mm", "arch/x86/include/asm/pgalloc.h"],
     r"^(?!.*\bpmd_sv\s*=).*\b(get_zeroed_page|__get_free_pages?|alloc_pages?|alloc_pages_node)\s*\(",
     "a page table allocated straight from the buddy allocator: no ptdesc ctor, no accounting"),
    ("raw-table-free", ["arch/x86/mm", "arch/x86/include/asm/pgalloc.h"],
     r"^(?!.*\bpmd_sv\b).*\b(free_pages?|__free_pages?)\s*\(",
     "a page table freed straight to the buddy allocator: no ptdesc dtor"),
    ("xen-raw-table", ["arch/x86/xen"],
     r"(\(\s*(pte|pmd|pud|p4d|pgd)_t\s*\*\s*\)\s*(get_zeroed_page|__get_free_pages?)\s*\(|\bfree_pages?\s*\(\s*\(unsigned long\)\s*(pte|pmd|pud|p4d|pgd|user_pgd)\b)",
     "Xen PV allocates or frees a page table straight from or to the buddy allocator"),
    ("xen-pinned-page", ["arch/x86/xen", "include/linux/page-flags.h"],
     r"\b(TestSet|TestClear|Set|Clear)?Page(Save)?Pinned\s*\(",
     "Xen PV pinning state kept in the page flags of a page table's struct page"),
    ("xen-pte-lock-page", ["arch/x86/xen"],
     r"\bxen_pte_lock\s*\(\s*struct\s+page\b",
     "xen_pte_lock() finds a table's lock from its struct page"),
    ("xen-user-pgd-private", ["arch/x86/xen"],
     r"\bpage\s*->\s*private\b",
     "Xen PV keeps a PGD's user PGD in page->private of the PGD's struct page"),
    ("tlb-table-page", SCOPE,
     r"\b(paravirt_)?tlb_remove_table\s*\(\s*\w+\s*,\s*(virt_to_page|ptdesc_page)\s*\(",
     "a page table handed to the TLB table-freeing path as a struct page (also ptdesc_page())"),
    ("tlb-free-page", ["arch/x86/include/asm/tlb.h"],
     r"\bfree_page_and_swap_cache\s*\(",
     "__tlb_remove_table() frees a page table as a (swap cache) page, not with pagetable_free()"),
]

# Functions in which a rule's pattern is not a page table, with the
# reason. Their hits are listed but not counted, like the helpers' below.
EXEMPT = {
    ("raw-table-free", "free_vmemmap_pages"):
        "memory hot-remove freeing the struct pages vmemmap maps, not a table",
    ("raw-table-free", "free_vmemmap_table"):
        "with CONFIG_PT_PACK, hot-remove freeing a table that is not packed: vmemmap's, "
        "which vmemmap_populate() takes from the page allocator (ptdesc-first.rst, What is left)",
}
# A function definition starts in column 0 and its line has no ";"; its
# body ends at the first "}" in column 0.
func_def_re = re.compile(r"^[A-Za-z_][\w\s\*]*?\b(\w+)\s*\([^;]*$")

# The lookup helpers of Documentation/mm/ptdesc-first.rst: the one place
# where going from a struct page to a ptdesc is allowed, so that moving
# ptdescs out of struct page changes only them. Lookups in their bodies
# are listed but not counted; each must be defined exactly once in scope
# for each layout of struct ptdesc: once where it overlays struct page
# (outside "#ifdef CONFIG_PT_PACK", or in its #else), and at most once
# for packed page tables (inside it, or outside any such block, where one
# definition serves both). The row "helper-defs" counts every helper
# defined more or fewer times (a second definition would be a second
# place to change).
HELPERS = ("virt_to_ptdesc", "pmd_ptdesc", "pmd_pgtable_ptdesc", "pfn_ptdesc", "pgtable_ptdesc")
# A helper is a static inline function (its body ends at the first "}"
# in column 0) or a function-like macro (its body ends with the first line
# that does not end in a backslash).
helper_def_re = re.compile(r"^(?:static\s+inline\s+struct\s+ptdesc\s*\*\s*|#\s*define\s+)(\w+)\s*\(")

SUFFIXES = (".c", ".h")
strip_re = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"', re.S)


def strip(text):
    return strip_re.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def files_from_git(tree, rev):
    return gitfiles.files_at(tree, rev, SCOPE, SUFFIXES)


def files_from_dir(top):
    for d in SCOPE:
        for root, _, files in os.walk(os.path.join(top, d)):
            for f in files:
                if f.endswith(SUFFIXES):
                    full = os.path.join(root, f)
                    yield os.path.relpath(full, top), open(full, errors="replace").read()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree")
    ap.add_argument("--rev", default="HEAD")
    ap.add_argument("--dir")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args()
    src = files_from_dir(a.dir) if a.dir else files_from_git(a.tree, a.rev)
    compiled = [(rid, paths, re.compile(rx), why) for rid, paths, rx, why in RULES]
    hits = collections.defaultdict(list)
    allowed = []
    defs = collections.defaultdict(list)
    for path, text in src:
        lines = strip(text).splitlines()
        # Lines inside the body of a lookup helper: from its definition
        # to the first closing brace in column 0.
        inside, helper, macro = {}, None, False
        in_func, func = {}, None
        # The #if nesting: for each level, whether it is the CONFIG_PT_PACK
        # test and which branch we are in ("packed" or "overlay").
        conds = []
        for n, line in enumerate(lines, 1):
            pm = re.match(r"\s*#\s*(ifdef|ifndef|if|elif|else|endif)\b(.*)", line)
            if pm:
                kw, rest = pm.group(1), pm.group(2).strip()
                if kw in ("ifdef", "ifndef", "if"):
                    pt = rest in ("CONFIG_PT_PACK", "defined(CONFIG_PT_PACK)")
                    neg = kw == "ifndef"
                    conds.append(("overlay" if neg else "packed") if pt else None)
                elif kw in ("else", "elif") and conds and conds[-1]:
                    conds[-1] = "overlay" if conds[-1] == "packed" else "packed"
                elif kw == "endif" and conds:
                    conds.pop()
            layout = next((c for c in reversed(conds) if c), "both")
            fm = func_def_re.match(line)
            if fm:
                func = fm.group(1)
            if func:
                in_func[n] = func
                if line.startswith("}"):
                    func = None
            m = helper_def_re.match(line)
            if m and m.group(1) in HELPERS:
                helper = m.group(1)
                macro = line.lstrip().startswith("#")
                defs[helper].append((layout, f"{path}:{n}"))
            if helper:
                inside[n] = helper
                if (macro and not line.rstrip().endswith("\\")) or \
                        (not macro and line.startswith("}")):
                    helper = None
        for rid, paths, rx, why in compiled:
            if not any(path == p or path.startswith(p.rstrip("/") + "/") for p in paths):
                continue
            for n, line in enumerate(lines, 1):
                if rx.search(line):
                    if n in inside:
                        allowed.append(f"{path}:{n}: [{rid}] in {inside[n]}(): {line.strip()}")
                    elif (rid, in_func.get(n)) in EXEMPT:
                        allowed.append(f"{path}:{n}: [{rid}] in {in_func[n]}(), "
                                       f"{EXEMPT[(rid, in_func[n])]}: {line.strip()}")
                    else:
                        hits[rid].append(f"{path}:{n}: {line.strip()}")
    for h in HELPERS:
        overlay = [w for lay, w in defs[h] if lay in ("both", "overlay")]
        packed = [w for lay, w in defs[h] if lay in ("both", "packed")]
        if len(overlay) != 1 or len(packed) > 1:
            where = ", ".join(w for _, w in defs[h]) or "nowhere"
            hits["helper-defs"].append(f"{h}() defined {len(overlay)} times for struct page's "
                                       f"layout (want 1) and {len(packed)} for packed tables "
                                       f"(want at most 1): {where}")
    total = 0
    print(f"{'rule':<20} {'count':>5}  what it catches")
    print(f"{'-' * 20} {'-' * 5}  {'-' * 40}")
    rows = [(rid, why) for rid, _, _, why in RULES]
    rows.append(("helper-defs", "a lookup helper not defined exactly once"))
    for rid, why in rows:
        print(f"{rid:<20} {len(hits[rid]):>5}  {why}")
        total += len(hits[rid])
    print(f"{'total':<20} {total:>5}")
    if not a.quiet:
        for rid, _ in rows:
            for h in hits[rid]:
                print(f"  [{rid}] {h}")
        for h in allowed:
            print(f"  (not counted) {h}")
    print(f"ptdesc-audit: {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
