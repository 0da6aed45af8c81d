// SPDX-License-Identifier: GPL-2.0-only
/// vm_pgoff and the bounds of a VMA count PTE_SIZE units: shifts by
/// PAGE_SHIFT of vm_pgoff, of a VMA's bounds, and of an offset added to
/// vm_pgoff use PTE_SHIFT.
///
//# Rule "vm_pgoff and per-mm counters" of Documentation/mm/page-sizes.rst:
//# vm_pgoff and mmap offsets are in the units of the user ABI, PTE_SIZE,
//# and a VMA (or a nommu region) starts and ends on a PTE_SIZE boundary.
//# Matched, with X and Y VMAs or regions (their fields vm_start, vm_end
//# and vm_pgoff), only where the value lands in or is compared with
//# vm_pgoff itself, or is a VMA's length:
//#
//#	X->vm_pgoff << PAGE_SHIFT, (loff_t)X->vm_pgoff << PAGE_SHIFT
//#		(vm_pgoff turned into a byte offset)
//#	X->vm_pgoff = a >> PAGE_SHIFT, X->vm_pgoff += a >> PAGE_SHIFT
//#	X->vm_pgoff + (a >> PAGE_SHIFT) == Y->vm_pgoff (and the other
//#		comparisons, either way round)
//#	(X->vm_start >> PAGE_SHIFT) - Y->vm_pgoff
//#	(X->vm_end - Y->vm_start) >> PAGE_SHIFT
//#		(a VMA's length, as vma_pages() computes it)
//#
//# Not matched: an offset into a VMA, (addr - vma->vm_start) >> PAGE_SHIFT,
//# added to vm_pgoff anywhere else, and the difference between a page
//# cache index and vm_pgoff ((index - vma->vm_pgoff) << PAGE_SHIFT, as in
//# vma_address()). Such a sum is often a page cache index
//# (linear_page_index(), shmem's shared policy, hugetlb's fault mutex),
//# and whether that index counts PTE_SIZE or PG_SIZE units is still open
//# ("Page cache index" in page-sizes.rst): with PG_SIZE it needs a
//# conversion, not a rename. Nor is a shift by PAGE_SHIFT plus an order.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PTE_SHIFT == PAGE_SHIFT.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// c1 finds the conversions in every mode and the script after it puts
// each PAGE_SHIFT to convert in conv; the patch rule and its read-only
// twin (depends on !patch) change or star those, and org and report mode
// list one entry per starred line.

@initialize:python@
@@
msg = "vm_pgoff or VMA bound shifted by PAGE_SHIFT: use PTE_SHIFT"
seen = set()


def emit(org, *ps):
	for p in ps:
		for q in p:
			if (q.file, q.line) not in seen:
				seen.add((q.file, q.line))
				if org:
					coccilib.org.print_todo(q, msg)
				else:
					coccilib.report.print_report(q, msg)


# (file, line, column) of every PAGE_SHIFT to convert.
conv = set()


def pos(q):
	return (q[0].file, q[0].line, q[0].column)

@c1@
expression X, Y, E;
type T;
position q;
@@
(
  X->vm_pgoff << PAGE_SHIFT@q
|
  (T)X->vm_pgoff << PAGE_SHIFT@q
|
  X->vm_pgoff = E >> PAGE_SHIFT@q
|
  X->vm_pgoff += E >> PAGE_SHIFT@q
|
  X->vm_pgoff -= E >> PAGE_SHIFT@q
|
  X->vm_pgoff += (E >> PAGE_SHIFT@q)
|
  X->vm_pgoff -= (E >> PAGE_SHIFT@q)
|
  Y->vm_pgoff == X->vm_pgoff + (E >> PAGE_SHIFT@q)
|
  Y->vm_pgoff != X->vm_pgoff + (E >> PAGE_SHIFT@q)
|
  X->vm_pgoff + (E >> PAGE_SHIFT@q) == Y->vm_pgoff
|
  X->vm_pgoff + (E >> PAGE_SHIFT@q) != Y->vm_pgoff
|
  X->vm_pgoff + (E >> PAGE_SHIFT@q) < Y->vm_pgoff
|
  X->vm_pgoff + (E >> PAGE_SHIFT@q) <= Y->vm_pgoff
|
  X->vm_pgoff + (E >> PAGE_SHIFT@q) > Y->vm_pgoff
|
  X->vm_pgoff + (E >> PAGE_SHIFT@q) >= Y->vm_pgoff
|
  (X->vm_start >> PAGE_SHIFT@q) - Y->vm_pgoff
|
  (X->vm_end - Y->vm_start) >> PAGE_SHIFT@q
)

@script:python@
q << c1.q;
@@
conv.add(pos(q))

@depends on patch@
position q1 : script:python () { pos(q1) in conv };
@@
- PAGE_SHIFT@q1
+ PTE_SHIFT

@c depends on !patch@
position q1 : script:python () { pos(q1) in conv };
@@
* PAGE_SHIFT@q1

@script:python depends on org@
p << c.q1;
@@
emit(True, p)

@script:python depends on report@
p << c.q1;
@@
emit(False, p)
