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

@depends on context@
identifier f =~ "^set_memory_(ro|rw|x|nx|rox|np|p|4k|uc|wc|wb|encrypted|decrypted|global|nonglobal)$";
expression A, L;
position p;
@@
(
* f(A, L >> PAGE_SHIFT@p)
|
* f(A, DIV_ROUND_UP(L, PAGE_SIZE@p))
|
* f(A, L / PAGE_SIZE@p)
|
* f(A, PAGE_ALIGN(L) >> PAGE_SHIFT@p)
)

@r depends on org || report@
identifier f =~ "^set_memory_(ro|rw|x|nx|rox|np|p|4k|uc|wc|wb|encrypted|decrypted|global|nonglobal)$";
expression A, L;
position p;
@@
(
  f(A, L >> PAGE_SHIFT@p)
|
  f(A, DIV_ROUND_UP(L, PAGE_SIZE@p))
|
  f(A, L / PAGE_SIZE@p)
|
  f(A, PAGE_ALIGN(L) >> PAGE_SHIFT@p)
)

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "set_memory_*() page count from a length with PAGE_*: use PTE_SHIFT/PTE_SIZE")

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "set_memory_*() page count from a length with PAGE_*: use PTE_SHIFT/PTE_SIZE")
