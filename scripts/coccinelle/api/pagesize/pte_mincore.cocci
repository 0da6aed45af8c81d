// SPDX-License-Identifier: GPL-2.0-only
/// mincore() reports one byte for each page user space sees, which is
/// what one PTE maps: count and step its vector in PTE_SIZE units.
///
//# Rule "the page size user space sees" of Documentation/mm/page-sizes.rst.
//# The vector mincore(2) fills in has one byte per page of the range, in
//# units of sysconf(_SC_PAGESIZE), so in mm/mincore.c every conversion
//# between a length of address space and a number of vector entries is in
//# PTE units:
//#
//#	nr = (end - addr) >> PAGE_SHIFT	->	>> PTE_SHIFT
//#	addr + (pages << PAGE_SHIFT)	->	<< PTE_SHIFT
//#	DIV_ROUND_UP(end - addr, PAGE_SIZE)	->	PTE_SIZE
//#	vec++, addr += PAGE_SIZE	->	PTE_SIZE
//#	__mincore_unmapped_range(addr, addr + PAGE_SIZE, ...)	->	PTE_SIZE
//#
//# Not matched: min(pages, PAGE_SIZE) in mincore(), the size of the
//# buffer __get_free_page() returned, and the page-cache index that
//# mincore_page() looks up (its unit is undecided).
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
msg = "mincore vector counted in PAGE_* units: use PTE_SHIFT/PTE_SIZE"
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

// spatch reads only the files that have the tokens every rule needs
// (its grep query). The rules that need no fixed token depend on this
// one, so that a file without what this script changes is skipped
// before it is parsed.
@has_tokens@
@@
\(PAGE_SHIFT\|PAGE_SIZE\)

@fns@
identifier fn = {mincore, do_mincore, mincore_pte_range, mincore_hugetlb,
		 __mincore_unmapped_range};
@@
fn(...) { ... }

@depends on patch@
identifier fns.fn;
expression E;
unsigned char *v;
@@
fn(...) { <...
(
  E >>
- PAGE_SHIFT
+ PTE_SHIFT
|
  E <<
- PAGE_SHIFT
+ PTE_SHIFT
|
  DIV_ROUND_UP(E,
- PAGE_SIZE
+ PTE_SIZE
  )
|
  v++, E +=
- PAGE_SIZE
+ PTE_SIZE
|
  __mincore_unmapped_range(E, E +
- PAGE_SIZE
+ PTE_SIZE
  , ...)
)
...> }

@r depends on has_tokens && !patch@
identifier fns.fn;
expression E;
unsigned char *v;
position p;
@@
fn(...) { <...
(
  E >>
* PAGE_SHIFT@p
|
  E <<
* PAGE_SHIFT@p
|
  DIV_ROUND_UP(E,
* PAGE_SIZE@p
  )
|
  v++, E +=
* PAGE_SIZE@p
|
  __mincore_unmapped_range(E, E +
* PAGE_SIZE@p
  , ...)
)
...> }

@script:python depends on org@
p << r.p;
@@
emit(True, p)

@script:python depends on report@
p << r.p;
@@
emit(False, p)
