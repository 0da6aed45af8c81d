// SPDX-License-Identifier: GPL-2.0-only
/// An offset inside a struct page, and the bound of an access through
/// kmap_local_page() or kmap_local_folio(), which map one struct page at
/// a time, count PG_SIZE: use PG_SIZE, PG_MASK and offset_in_pg().
///
//# Rule "memmap, and pfn/page conversion" of
//# Documentation/mm/page-sizes.rst: one struct page describes PG_SIZE
//# bytes, kmap_local_page() maps all of them, and where a folio is
//# mapped piecewise (folio_test_partial_kmap()) kmap_local_folio() maps
//# the one page that holds the byte asked for. An access through such a
//# mapping is bounded by that page, and an offset that goes with a page
//# is an offset inside it.
//#
//# Every shape is matched whole, statement by statement, so that the
//# value bounded or offset is the one the next statement uses; nothing
//# is followed across other statements. Matched:
//#
//#	f(..., struct page *P, ..., T O, ...)
//#	{
//#		T2 A = kmap_local_page(P);	(first, maybe after others)
//#		VM_BUG_ON(... O + L > PAGE_SIZE ...);
//#		F(..., A + O, ...);
//#		...
//#	}
//#		P and O not used before: the assertion bounds the access
//#		at A + O, the next statement, to the page P
//#
//#	T X = kmap_local_folio(F, O);
//#	T2 C = L;
//#	if (folio_test_partial_kmap(F) && C > PAGE_SIZE - offset_in_page(O))
//#		C = PAGE_SIZE - offset_in_page(O);
//#	memcpy(E1, E2, C);
//#		the length copied is cut to the rest of O's page
//#
//#	if (folio_test_partial_kmap(F)) {
//#		T M = PAGE_SIZE - offset_in_page(O);
//#		while (L > M) {
//#			memset(X, E, M); (or memcpy(X, E, M);)
//#			kunmap_local(X);
//#			L -= M;
//#			[Y += M;]
//#			O += M;
//#			M = PAGE_SIZE;
//#			X = kmap_local_folio(F, O);
//#		}
//#	}
//#		M is always the rest of O's page: first O's, then, once
//#		O is moved to the next page's start, a whole page
//#
//#	T X = kmap_local_folio(F, O);
//#	if (folio_test_partial_kmap(F)) {
//#		O = offset_in_page(O);
//#		L = min_t(T2, L, PAGE_SIZE - O);
//#	} else ...
//#
//#	E->bv_page = B + (X >> PG_SHIFT);
//#	E->bv_offset = X & ~PAGE_MASK;
//#		a bvec's offset is inside its page, whose step
//#		pg_page_step.cocci has made PG_SHIFT (E and X names or
//#		fields, which have no side effects)
//#	T P = folio_page(F, X / PG_SIZE);
//#	return K(P, ...) + X % PAGE_SIZE;
//#		K a mapper of a whole page (kmap_local_page(),
//#		__kmap_local_page_prot(), page_address())
//#	sg_set_page(S, virt_to_page(X), L, offset_in_page(X))
//#	bvec_set_page(B, virt_to_page(X), L, offset_in_page(X))
//#	dma_map_page_attrs(D, virt_to_page(X), offset_in_page(X), ...)
//#		APIs that take a page and an offset inside it, given the
//#		page that holds X (a direct-map address, so the page starts
//#		PG_SIZE-aligned) and X's offset
//#
//# Run it after pg_page_step.cocci, whose PG_SHIFT and PG_SIZE the
//# bvec and folio_page() shapes look for. Everything else is left:
//# kmap_atomic() and kmap(), bounds and offsets in any other shape,
//# and remainders whose page is found elsewhere (bvec_set_folio(),
//# splice).
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PG_SIZE == PAGE_SIZE.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// The match rules put the position of every PAGE_SIZE, PAGE_MASK and
// offset_in_page() to convert in conv; the patch rule and its read-only
// twin (depends on !patch) change or star those, and org and report
// mode list one entry per starred line.

@initialize:python@
@@
import re

msg = "offset in or bound of a struct page: use PG_SIZE, PG_MASK or offset_in_pg()"
seen = set()
# (file, line, column) of every PAGE_SIZE, PAGE_MASK or offset_in_page
# to convert.
conv = set()


def pos(p):
	return (p[0].file, p[0].line, p[0].column)


def add(*ps):
	for p in ps:
		conv.add(pos(p))


def plain(x):
	"""x is a name or a chain of fields of one: no side effects."""
	return re.fullmatch(r"\w+((->|\.)\w+)*", re.sub(r"\s+", "", str(x))) is not None


def emit(org, *ps):
	for p in ps:
		for q in p:
			if (q.file, q.line) not in seen:
				seen.add((q.file, q.line))
				if org:
					coccilib.org.print_todo(q, msg)
				else:
					coccilib.report.print_report(q, msg)

// The bound of an access through kmap_local_page(P) at A + O.
@page@
identifier f, P, O, A, F;
type T1, T2;
expression L;
position p;
@@
f(..., struct page *P, ..., T1 O, ...)
{
  ... when != O
      when != P
      when != A
  T2 A = kmap_local_page(P);
  ... when != O
      when != A
      when != P
  VM_BUG_ON(<+... O + L > PAGE_SIZE@p ...+>);
  F(..., A + O, ...);
  ...
}

@script:python@
p << page.p;
@@
add(p)

// A chunk cut to the rest of the page that kmap_local_folio() mapped,
// and copied next.
@chunk@
identifier X, C, L;
expression F, O, E1, E2;
type T, T2;
position p1, p2, p3, p4;
@@
  T X = kmap_local_folio(F, O);
  T2 C = L;
  if (folio_test_partial_kmap(F) && C > PAGE_SIZE@p1 - offset_in_page@p2(O))
	C = PAGE_SIZE@p3 - offset_in_page@p4(O);
  memcpy(E1, E2, C);

@script:python@
p1 << chunk.p1;
p2 << chunk.p2;
p3 << chunk.p3;
p4 << chunk.p4;
@@
add(p1, p2, p3, p4)

// A loop over the pages of a folio that kmap_local_folio() maps one at
// a time, M the rest of O's page; the body is matched whole.
@loop@
identifier M, O, X, L, Y;
expression F, E;
type T;
position p1, p2, p3;
@@
  if (folio_test_partial_kmap(F)) {
	T M = PAGE_SIZE@p1 - offset_in_page@p2(O);

	while (L > M) {
(
		memset(X, E, M);
|
		memcpy(X, E, M);
)
		kunmap_local(X);
		L -= M;
(
		O += M;
|
		Y += M;
		O += M;
)
		M = PAGE_SIZE@p3;
		X = kmap_local_folio(F, O);
	}
  }

@script:python@
p1 << loop.p1;
p2 << loop.p2;
p3 << loop.p3;
@@
add(p1, p2, p3)

// One offset reduced to its page's, and the length cut to that page.
@tail@
identifier X, O, L;
expression F;
type T, T2;
statement S;
position p1, p2;
@@
  T X = kmap_local_folio(F, O);

  if (folio_test_partial_kmap(F)) {
	O = offset_in_page@p1(O);
	L = min_t(T2, L, PAGE_SIZE@p2 - O);
  } else
	S

@script:python@
p1 << tail.p1;
p2 << tail.p2;
@@
add(p1, p2)

// A bvec's offset, set right after its page.
@bv@
expression E : script:python () { plain(E) };
expression X : script:python () { plain(X) };
expression B;
position p;
@@
(
  E->bv_page = B + (X >> PG_SHIFT);
  E->bv_offset = X & ~PAGE_MASK@p;
|
  E.bv_page = B + (X >> PG_SHIFT);
  E.bv_offset = X & ~PAGE_MASK@p;
)

@script:python@
p << bv.p;
@@
add(p)

// The offset added to a mapping of the page folio_page() returned.
@fp@
identifier P, X;
identifier K = {kmap_local_page, __kmap_local_page_prot, page_address};
expression F;
type T;
position p;
@@
  T P = folio_page(F, X / PG_SIZE);
  return K(P, ...) + X % PAGE_SIZE@p;

@script:python@
p << fp.p;
@@
add(p)

// A page and the offset inside it, given together.
@vp@
expression X : script:python () { plain(X) };
expression S, L;
position p;
@@
(
  sg_set_page(S, virt_to_page(X), L, offset_in_page@p(X))
|
  bvec_set_page(S, virt_to_page(X), L, offset_in_page@p(X))
|
  dma_map_page_attrs(S, virt_to_page(X), offset_in_page@p(X), ...)
)

@script:python@
p << vp.p;
@@
add(p)

@depends on patch@
position q : script:python () { pos(q) in conv };
expression X;
@@
(
- PAGE_SIZE@q
+ PG_SIZE
|
- PAGE_MASK@q
+ PG_MASK
|
- offset_in_page@q(X)
+ offset_in_pg(X)
)

@r depends on !patch@
position q : script:python () { pos(q) in conv };
expression X;
@@
(
* PAGE_SIZE@q
|
* PAGE_MASK@q
|
* offset_in_page@q(X)
)

@script:python depends on org@
q << r.q;
@@
emit(True, q)

@script:python depends on report@
q << r.q;
@@
emit(False, q)
