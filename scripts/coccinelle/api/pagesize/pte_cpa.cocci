// SPDX-License-Identifier: GPL-2.0-only
/// set_memory and change_page_attr count pages in units of what one PTE
/// maps: convert between such a count and a length with PTE_SHIFT and
/// PTE_SIZE.
///
//# Rule "set_memory and change_page_attr page counts" of
//# Documentation/mm/page-sizes.rst. set_memory_*(addr, numpages) changes
//# the attributes of numpages PTEs' worth of the kernel's address space,
//# and CPA splits and walks the direct map in those units (a 2M page is
//# PMD_SIZE >> PTE_SHIFT of them). Matched, where the count is a variable
//# or field named numpages, num_pages, cur_pages, npg or nrpages:
//#
//#	numpages * PAGE_SIZE, cpa->numpages << PAGE_SHIFT
//#	numpages = len >> PAGE_SHIFT, cur_pages += PMD_SIZE >> PAGE_SHIFT
//#
//# Run it on arch/x86/mm only. Not matched:
//#  - __kernel_map_pages(), whose numpages counts struct pages (order-0
//#    allocations, PG units) that debug_pagealloc maps and unmaps;
//#  - cpa->pfn and the other frame numbers CPA computes from pte_pfn()
//#    and pmd_pfn(). A PTE's frame number is in PTE units while
//#    page_to_pfn() is in PG units once the two sizes differ, and which
//#    of the two pfn_pte() takes is not decided yet.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PTE_SIZE == PAGE_SIZE.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// Each patch rule has one read-only twin (depends on !patch): the same
// pattern with the removed code marked '*' and its position bound, from
// which org and report mode list one entry per starred line.

@initialize:python@
@@
msg = "set_memory/CPA page count with PAGE_*: use PTE_SHIFT/PTE_SIZE"
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

@depends on patch@
identifier n =~ "^(numpages|num_pages|cur_pages|npg|nrpages)$";
expression E, F;
position p : script:python() { p[0].current_element != "__kernel_map_pages" };
@@
(
  n *
- PAGE_SIZE@p
+ PTE_SIZE
|
  E->n *
- PAGE_SIZE@p
+ PTE_SIZE
|
  n <<
- PAGE_SHIFT@p
+ PTE_SHIFT
|
  E->n <<
- PAGE_SHIFT@p
+ PTE_SHIFT
|
  n = F >>
- PAGE_SHIFT@p
+ PTE_SHIFT
|
  n += F >>
- PAGE_SHIFT@p
+ PTE_SHIFT
|
  E->n = F >>
- PAGE_SHIFT@p
+ PTE_SHIFT
)

@r depends on !patch@
identifier n =~ "^(numpages|num_pages|cur_pages|npg|nrpages)$";
expression E, F;
position p : script:python() { p[0].current_element != "__kernel_map_pages" };
@@
(
  n *
* PAGE_SIZE@p
|
  E->n *
* PAGE_SIZE@p
|
  n <<
* PAGE_SHIFT@p
|
  E->n <<
* PAGE_SHIFT@p
|
  n = F >>
* PAGE_SHIFT@p
|
  n += F >>
* PAGE_SHIFT@p
|
  E->n = F >>
* PAGE_SHIFT@p
)

@script:python depends on org@
p << r.p;
@@
emit(True, p)

@script:python depends on report@
p << r.p;
@@
emit(False, p)
