// SPDX-License-Identifier: GPL-2.0-only
/// memmap_pages_add() and memmap_boot_pages_add() count, in order-0
/// pages, the memory that struct pages and page_ext take: a byte size
/// rounded up to such pages is DIV_ROUND_UP(size, PG_SIZE).
///
//# Rule "zone, memblock and buddy accounting in pages, the vmstat items
//# and the memcg and hugetlb page_counters" of
//# Documentation/mm/page-sizes.rst: the two functions add to
//# nr_memmap_pages and nr_memmap_boot_pages (mm/vmstat.c), the vmstat
//# items NR_MEMMAP_PAGES and NR_MEMMAP_BOOT_PAGES, which count the memory
//# the memmap and page_ext take from the buddy and from the boot
//# allocator, in order-0 pages. So a size in bytes handed to them is
//# rounded up to PG_SIZE. Matched, where A is one of the two functions
//# and the count is its whole argument:
//#
//#	A(DIV_ROUND_UP(E, PAGE_SIZE))
//#	A(-1L * (DIV_ROUND_UP(E, PAGE_SIZE)))
//#
//# Only in a file that uses the two names for nothing else: one that
//# #defines either (or takes it as a macro parameter), defines a
//# function of that name, or names it other than as a callee (a function
//# pointer, a variable, a parameter) is not converted. The test is on the
//# text of the file without comments, so that code Coccinelle cannot
//# parse counts too; a header it includes is not read.
//#
//# Not matched: counts made another way, such as the vmemmap page counts
//# of hugetlb_vmemmap.c (one per page) and sparse-vmemmap.c
//# (section_nr_vmemmap_pages()). The counter has one unit, so those
//# must deliver order-0 pages too; how vmemmap pieces mapped by 4K PTEs
//# are allocated from larger order-0 pages is the open "Early page-table
//# allocators" question of page-sizes.rst, and they keep PAGE_* until
//# it is decided.
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PG_SIZE == PAGE_SIZE.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// The patch rule and its read-only twin (depends on !patch) change or
// star the matches in the files that ok() admits, and org and report
// mode list one entry per starred line.

@initialize:python@
@@
import re

msg = "bytes rounded up to the order-0 pages that the memmap counters count: use PG_SIZE"
seen = set()
NAMES = r"(memmap_pages_add|memmap_boot_pages_add)"
# A #define of either name, or a macro that takes it as a parameter.
DEFINES = re.compile(r"^\s*#\s*define\s+(\w+\s*\([^)]*\b)?" + NAMES + r"\b", re.M)
# A definition of a function of either name.
TEXTDEF = re.compile(r"^[A-Za-z_][^;{}\n]*\b" + NAMES + r"\s*\([^;{}]*\)[^;{}]*\{", re.M)
# Either name other than as a callee.
NONCALL = re.compile(r"(?<![\w>.])" + NAMES + r"\b(?!\s*\()")
# file -> whether it uses the names only to call the two functions.
files = {}


def ok(q):
	f = q[0].file
	if f not in files:
		t = open(f, errors="replace").read()
		t = re.sub(r"/\*.*?\*/", " ", t, flags=re.S)
		t = re.sub(r"//[^\n]*", " ", t)
		files[f] = not (DEFINES.search(t) or TEXTDEF.search(t) or NONCALL.search(t))
	return files[f]


def emit(org, *ps):
	for p in ps:
		for q in p:
			if (q.file, q.line) not in seen:
				seen.add((q.file, q.line))
				if org:
					coccilib.org.print_todo(q, msg)
				else:
					coccilib.report.print_report(q, msg)

@depends on patch@
identifier a = {memmap_pages_add, memmap_boot_pages_add};
expression E;
position q : script:python () { ok(q) };
@@
(
  a(DIV_ROUND_UP(E,
- PAGE_SIZE@q
+ PG_SIZE
  ))
|
  a(-1L * (DIV_ROUND_UP(E,
- PAGE_SIZE@q
+ PG_SIZE
  )))
)

@r depends on !patch@
identifier a = {memmap_pages_add, memmap_boot_pages_add};
expression E;
position q : script:python () { ok(q) };
@@
(
  a(DIV_ROUND_UP(E,
* PAGE_SIZE@q
  ))
|
  a(-1L * (DIV_ROUND_UP(E,
* PAGE_SIZE@q
  )))
)

@script:python depends on org@
q << r.q;
@@
emit(True, q)

@script:python depends on report@
q << r.q;
@@
emit(False, q)
