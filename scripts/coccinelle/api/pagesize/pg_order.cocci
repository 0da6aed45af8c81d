// SPDX-License-Identifier: GPL-2.0-only
/// PAGE_SIZE shifted left by an allocation order is the size of an
/// order-N allocation: use PG_SIZE.
///
//# Rule "alloc_pages() and get_order(), and PAGE_SIZE << order" of
//# Documentation/mm/page-sizes.rst: an order counts order-0 allocations,
//# so PAGE_SIZE << order means PG_SIZE << order, whatever the order's
//# value. The shift count must look like an order: an expression that
//# mentions "order" (order, h->order, compound_order(page),
//# THREAD_SIZE_ORDER, get_order(size), ...). Other shifts of PAGE_SIZE
//# (PAGE_SIZE << 8, PAGE_SIZE << KASAN_SHADOW_SCALE_SHIFT) are left for
//# other rules or a human.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PG_SIZE == PAGE_SIZE.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import re


def is_order(e):
	return re.search(r"order", e, re.I) is not None

// A cast is replaced together with PAGE_SIZE: replacing PAGE_SIZE alone
// makes Coccinelle print a space after the cast.
@depends on patch@
expression E : script:python () { is_order(E) };
type T;
@@
(
- (T)PAGE_SIZE
+ (T)PG_SIZE
  << E
|
- PAGE_SIZE
+ PG_SIZE
  << E
)

@depends on context@
expression E : script:python () { is_order(E) };
type T;
@@
(
* PAGE_SIZE << E
|
* (T)PAGE_SIZE << E
)

@r depends on org || report@
expression E : script:python () { is_order(E) };
type T;
position p;
@@
(
  PAGE_SIZE@p << E
|
  (T)PAGE_SIZE@p << E
)

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "PAGE_SIZE << order: use PG_SIZE")

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "PAGE_SIZE << order: use PG_SIZE")
