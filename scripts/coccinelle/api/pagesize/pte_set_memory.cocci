// SPDX-License-Identifier: GPL-2.0-only
/// The page count a caller hands to set_memory_*() is a number of PTEs'
/// worth of address space: compute it from a length with PTE_SHIFT or
/// PTE_SIZE.
///
//# Rule "set_memory and change_page_attr page counts" of
//# Documentation/mm/page-sizes.rst, on the callers' side. pte_cpa.cocci
//# converts the counts inside CPA; set_memory_*(addr, numpages) changes
//# the attributes of [addr, addr + numpages * PTE_SIZE), so a caller that
//# turns the length of a range into that count divides by PTE_SIZE.
//# Matched, as the second argument of set_memory_ro(), _rw(), _x(), _nx(),
//# _rox(), _np(), _p(), _4k(), _uc(), _wc(), _wb(), _encrypted(),
//# _decrypted(), _global() and _nonglobal():
//#
//#	len >> PAGE_SHIFT		->	len >> PTE_SHIFT
//#	DIV_ROUND_UP(len, PAGE_SIZE)	->	DIV_ROUND_UP(len, PTE_SIZE)
//#	len / PAGE_SIZE			->	len / PTE_SIZE
//#	PAGE_ALIGN(len) >> PAGE_SHIFT	->	PTE_ALIGN(len) >> PTE_SHIFT
//#
//# Not matched: set_pages_*() and set_direct_map_*(), which take struct
//# pages (order-0 allocations, PG units); set_memory_*() counts built
//# from an allocation order (1 << order), which count order-0 pages.
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
msg = "set_memory_*() page count from a length with PAGE_*: use PTE_SHIFT/PTE_SIZE"
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
identifier f =~ "^set_memory_(ro|rw|x|nx|rox|np|p|4k|uc|wc|wb|encrypted|decrypted|global|nonglobal)$";
expression A, L;
@@
  f(A,
(
  L >>
- PAGE_SHIFT
+ PTE_SHIFT
|
  DIV_ROUND_UP(L,
- PAGE_SIZE
+ PTE_SIZE
  )
|
  L /
- PAGE_SIZE
+ PTE_SIZE
|
- PAGE_ALIGN
+ PTE_ALIGN
  (L) >>
- PAGE_SHIFT
+ PTE_SHIFT
)
  )

@r depends on !patch@
identifier f =~ "^set_memory_(ro|rw|x|nx|rox|np|p|4k|uc|wc|wb|encrypted|decrypted|global|nonglobal)$";
expression A, L;
position p, q;
@@
  f(A,
(
  L >>
* PAGE_SHIFT@p
|
  DIV_ROUND_UP(L,
* PAGE_SIZE@p
  )
|
  L /
* PAGE_SIZE@p
|
* PAGE_ALIGN@p
  (L) >>
* PAGE_SHIFT@q
)
  )

@script:python depends on org@
p << r.p;
q << r.q = [];
@@
emit(True, p, q)

@script:python depends on report@
p << r.p;
q << r.q = [];
@@
emit(False, p, q)
