// SPDX-License-Identifier: GPL-2.0-only
/// The index of the page that holds byte off of a folio, a bvec, a
/// scatterlist entry or a huge leaf mapping is off >> PG_SHIFT (or
/// off / PG_SIZE): struct pages step by PG_SIZE.
///
//# Rule "memmap, and pfn/page conversion" of
//# Documentation/mm/page-sizes.rst ("Frame numbers": page + i,
//# nth_page() and folio_page() step by PG_SIZE). One struct page
//# describes PG_SIZE bytes, so the page that holds byte off of a run of
//# pages is page off >> PG_SHIFT of the run, if off is counted from the
//# first byte of the run's first page. Where off is counted from
//# somewhere else (virt_to_page(buf) + (off >> PAGE_SHIFT), with off an
//# offset into buf), the old code is right only because that somewhere
//# is 4K-aligned, which a larger PG_SIZE does not keep; so only bases
//# that are the first page of a run and offsets that are counted from
//# it by definition are matched:
//#
//#	folio_page(F, off >> PAGE_SHIFT), folio_page(F, off / PAGE_SIZE)
//#		folio_page()'s index counts pages from the folio's first,
//#		so off counts bytes from there
//#	B->bv_page + (B->bv_offset >> PAGE_SHIFT), and B.bv_page,
//#	/ PAGE_SIZE
//#		a bvec's own offset counts from its bv_page
//#	sg_page(S) + (S->offset >> PAGE_SHIFT),
//#	sg_page(W->sg) + (W->offset >> PAGE_SHIFT),
//#	sg_page(W->sg) + ((W->offset - 1) >> PAGE_SHIFT),
//#	S a struct scatterlist *, W a struct scatter_walk *
//#		a scatterlist entry's offset counts from its sg_page(), and
//#		so does a scatter_walk's, which starts at it
//#	pmd_page(E) + ((A & ~PMD_MASK) >> PAGE_SHIFT), and the same for
//#	pud_page()/PUD_MASK, p4d_page()/P4D_MASK and pgd_page()/PGDIR_MASK,
//#	A a name
//#		a leaf entry maps a naturally aligned region whose first
//#		byte is its first page's
//#
//# In folio_page(), off must not name a PAGE_*, PTE_*, PTRS_PER_*, PFN or
//# SZ_* macro nor a number other than 0 and 1, decimal or hexadecimal,
//# which could round by 4K (the test reads
//# the text of off, so a macro that hides PAGE_SIZE is not seen). Only
//# the step is converted: what remains of off inside the page
//# (off % PAGE_SIZE, offset_in_page(off)) is the same offset only until
//# off is assigned again, which a pattern does not see across
//# statements.
//#
//# Not matched: a base whose first byte the rule cannot prove to be the
//# origin of off (a struct page * variable or parameter, nth_page(),
//# virt_to_page(), pfn_to_page(), vmalloc_to_page() and pte_page(),
//# which return the page that holds an address); a step written in a
//# macro (bvec_iter_page(), skb_frag_foreach_page()), which is in no
//# function; and an offset held in a local variable first (iterate_bvec()
//# adds bv_offset to its skip in one), whose origin the rule does not
//# follow.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PG_SIZE == PAGE_SIZE.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// The match rules collect the steps' positions in a set (one position may
// match more than one way); the patch rule and its read-only twin
// (depends on !patch) change or star them, and org and report mode list
// one entry per starred line.

@initialize:python@
@@
import re

msg = "page index of a byte offset into a folio, bvec, scatterlist or leaf: use PG_SHIFT or PG_SIZE"
seen = set()
MIXED = re.compile(r"(\bPAGE_\w+|\bPTE_\w+|\bPTRS_PER_\w+|\bPFN_\w+|\bPHYS_PFN|\bSZ_\w+"
		   r"|\boffset_in_page|_PAGE_\w*)\b")
# (file, line, column) of every step's PAGE_SHIFT or PAGE_SIZE.
conv = set()


def plain(x):
	"""Whether x names no PAGE_*, PTE_*, PTRS_PER_*, PFN or SZ_* macro and
	no number but 0 and 1 (a number could round by 4K)."""
	x = str(x)
	if MIXED.search(x):
		return False
	for n in re.findall(r"\b(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\b", x):
		if int(n, 0) not in (0, 1):
			return False
	return True


def pos(q):
	return (q[0].file, q[0].line, q[0].column)


def emit(org, *ps):
	for p in ps:
		for q in p:
			if (q.file, q.line) not in seen:
				seen.add((q.file, q.line))
				if org:
					coccilib.org.print_todo(q, msg)
				else:
					coccilib.report.print_report(q, msg)

@folio@
expression F;
expression X : script:python () { plain(X) };
position p;
@@
(
  folio_page(F, X >> PAGE_SHIFT@p)
|
  folio_page(F, X / PAGE_SIZE@p)
)

@script:python@
p << folio.p;
@@
conv.add(pos(p))

// A bvec's own offset, counted from its bv_page.
@bvec@
expression B;
position p;
@@
(
  B->bv_page + (B->bv_offset >> PAGE_SHIFT@p)
|
  B->bv_page + B->bv_offset / PAGE_SIZE@p
|
  B.bv_page + (B.bv_offset >> PAGE_SHIFT@p)
|
  B.bv_page + B.bv_offset / PAGE_SIZE@p
)

@script:python@
p << bvec.p;
@@
conv.add(pos(p))

// A scatterlist entry's offset, or a scatter_walk's, which starts at its
// entry's offset and counts from the same sg_page(); the last byte of a
// step is offset - 1.
@sg@
struct scatterlist *S;
struct scatter_walk *W;
position p;
@@
(
  sg_page(S) + (S->offset >> PAGE_SHIFT@p)
|
  sg_page(W->sg) + (W->offset >> PAGE_SHIFT@p)
|
  sg_page(W->sg) + ((W->offset - 1) >> PAGE_SHIFT@p)
)

@script:python@
p << sg.p;
@@
conv.add(pos(p))

// An address inside a leaf's naturally aligned region.
@leaf@
expression E;
identifier A;
position p;
@@
(
  pmd_page(E) + ((A & ~PMD_MASK) >> PAGE_SHIFT@p)
|
  pud_page(E) + ((A & ~PUD_MASK) >> PAGE_SHIFT@p)
|
  p4d_page(E) + ((A & ~P4D_MASK) >> PAGE_SHIFT@p)
|
  pgd_page(E) + ((A & ~PGDIR_MASK) >> PAGE_SHIFT@p)
)

@script:python@
p << leaf.p;
@@
conv.add(pos(p))

@depends on patch@
position q : script:python () { pos(q) in conv };
@@
(
- PAGE_SHIFT@q
+ PG_SHIFT
|
- PAGE_SIZE@q
+ PG_SIZE
)

@c depends on !patch@
position q : script:python () { pos(q) in conv };
@@
(
* PAGE_SHIFT@q
|
* PAGE_SIZE@q
)

@script:python depends on org@
p << c.q;
@@
emit(True, p)

@script:python depends on report@
p << c.q;
@@
emit(False, p)
