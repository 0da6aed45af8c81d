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

// Each patch rule has one read-only twin (depends on !patch): the same
// pattern with the removed code marked '*' and its position bound, from
// which org and report mode list one entry per starred line.

@initialize:python@
@@
import re

msg = "PAGE_SIZE << order: use PG_SIZE"
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

@r depends on !patch@
expression E : script:python () { is_order(E) };
type T;
position p;
@@
(
* (T)PAGE_SIZE@p
  << E
|
* PAGE_SIZE@p
  << E
)

@script:python depends on org@
p << r.p;
@@
emit(True, p)

@script:python depends on report@
p << r.p;
@@
emit(False, p)
