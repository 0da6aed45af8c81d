// SPDX-License-Identifier: GPL-2.0-only
/// A shift by PAGE_SHIFT that converts between an address and a frame
/// number that goes into or comes out of a page-table entry counts PTEs:
/// use PTE_SHIFT.
///
//# Rule "Frame numbers" of Documentation/mm/page-sizes.rst: a frame number
//# written into an entry (pfn_pte(), pfn_pmd(), pfn_pud(), remap_pfn_range(),
//# io_remap_pfn_range(), vmf_insert_pfn(), track_pfn_remap()) or read from
//# one (pte_pfn(), pmd_pfn(), pud_pfn(), p4d_pfn(), pgd_pfn(), the pfn of
//# follow_pfnmap_start()) counts PTE_SIZE units. Matched, with FRAME such a
//# frame:
//#
//#	pfn_pte(addr >> PAGE_SHIFT, prot)
//#		(any argument in a frame's place, shifted right)
//#	pte_pfn(pte) << PAGE_SHIFT, (phys_addr_t)args.pfn << PAGE_SHIFT
//#	pmd_pfn(pmd) + ((addr & ~PMD_MASK) >> PAGE_SHIFT)
//#		(a count of PTEs added to or taken from a frame read from an entry)
//#	FRAME = x >> PAGE_SHIFT, FRAME << PAGE_SHIFT,
//#	FRAME += x >> PAGE_SHIFT, FRAME - (x >> PAGE_SHIFT)
//#		(FRAME: a local variable or parameter that the same function
//#		puts in a frame's place or assigns from an entry reader)
//#	return x >> PAGE_SHIFT;
//#		(in the definition of an entry reader)
//#
//# A variable that the same function also hands to an API that takes a
//# struct page frame (pfn_to_page(), pfn_valid(), ...) or assigns from one
//# that returns it (page_to_pfn(), folio_pfn()) carries both kinds of
//# frame at once; at PG_SIZE > PTE_SIZE that needs a logic change, not a
//# rename, so such a function is left alone. So are the frames of
//# migration, hwpoison and device-private entries (swp_offset_pfn()): they
//# count PTE_SIZE too, but their readers turn them into a struct page at
//# once (pfn_swap_entry_to_page()), which needs pte_pfn_to_page() first.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PTE_SHIFT == PAGE_SHIFT.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// The rules up to c5 find the frames and the conversions in every mode;
// the patch rule and its read-only twin (depends on !patch) change or
// star the PAGE_SHIFT of each, and org and report mode list one entry per
// starred line.

@initialize:python@
@@
import re

msg = "PTE frame number shifted by PAGE_SHIFT: use PTE_SHIFT"
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


# Where each API that writes a frame into an entry takes it (1-based).
# The remap_*_range() helpers of mm/memory.c hand the frame down to
# pfn_pte(); an architecture's own pfn_pte() and friends take it first.
FRAME_ARG = {"pfn_pte": 1, "pfn_pmd": 1, "pfn_pud": 1,
	     "remap_pfn_range": 3, "io_remap_pfn_range": 3,
	     "remap_pfn_range_internal": 3, "remap_pfn_range_notrack": 3,
	     "remap_p4d_range": 5, "remap_pud_range": 5, "remap_pmd_range": 5,
	     "remap_pte_range": 5, "vmf_insert_pfn": 3, "vmf_insert_pfn_prot": 3,
	     "track_pfn_remap": 3, "untrack_pfn": 2}
# APIs that take or return the frame of a struct page (PG_SIZE units).
PG_FRAME_API = {"pfn_to_page", "pfn_valid", "pfn_to_online_page", "pfn_folio",
		"__pfn_to_page", "pfn_to_section_nr", "pfn_to_nid", "page_to_pfn",
		"folio_pfn", "early_pfn_to_nid", "pfn_is_map_memory",
		"page_is_ram", "memmap_valid_within", "pfn_ptdesc",
		"get_dev_pagemap", "is_zero_pfn", "PFN_DOWN", "PFN_UP",
		"PHYS_PFN", "PFN_PHYS", "pfn_to_kaddr"}
ARG = {i: {a for a, n in FRAME_ARG.items() if n == i} for i in (1, 2, 3, 5)}
# (file, function, identifier): a frame the function puts in or reads from
# an entry, and one it also uses as a struct page frame.
pte_frames = set()
pg_frames = set()


def key(p, v):
	return (p[0].file, p[0].current_element, str(v))


def is_pte_frame(p, v):
	return key(p, v) in pte_frames and key(p, v) not in pg_frames


# (file, line, column, line_end, column_end) of every argument in a
# frame's place.
frame_args = set()


# (file, line, column) of every PAGE_SHIFT to convert.
conv = set()


def pos(q):
	return (q[0].file, q[0].line, q[0].column)


def span(p):
	return (p[0].file, p[0].line, p[0].column, p[0].line_end, p[0].column_end)

// spatch reads only the files that have the tokens every rule needs
// (its grep query). The rules that need no fixed token depend on this
// one, so that a file without what this script changes is skipped
// before it is parsed.
@has_tokens@
@@
PAGE_SHIFT

// Every argument in a frame's place, and the frame parameters of the
// definitions of those APIs.
@fa depends on has_tokens@
identifier a1 : script:python () { a1 in ARG[1] };
identifier a2 : script:python () { a2 in ARG[2] };
identifier a3 : script:python () { a3 in ARG[3] };
identifier a5 : script:python () { a5 in ARG[5] };
expression E1, E2, E3, E4, F;
position p;
@@
(
  a1(F@p, ...)
|
  a2(E1, F@p, ...)
|
  a3(E1, E2, F@p, ...)
|
  a5(E1, E2, E3, E4, F@p, ...)
)

@script:python@
F << fa.F;
p << fa.p;
@@
frame_args.add(span(p))
if re.match(r"^[A-Za-z_]\w*$", F):
	pte_frames.add(key(p, F))

@fp depends on has_tokens@
identifier api : script:python () { api in FRAME_ARG };
parameter list[n] before;
type T;
identifier F;
position p;
@@
  api(before, T F@p, ...) { ... }

@script:python@
n << fp.n;
F << fp.F;
p << fp.p;
@@
if FRAME_ARG[p[0].current_element] == int(n) + 1:
	pte_frames.add(key(p, F))

// Frames read from an entry.
@rd1 depends on has_tokens@
identifier get = {pte_pfn, pmd_pfn, pud_pfn, p4d_pfn, pgd_pfn};
identifier V;
expression list es;
position p;
@@
  V@p = get(es)

@rd2 depends on has_tokens@
identifier get = {pte_pfn, pmd_pfn, pud_pfn, p4d_pfn, pgd_pfn};
identifier V;
type T;
expression list es;
position p;
@@
  T V@p = get(es);

@script:python@
V << rd1.V;
p << rd1.p;
@@
pte_frames.add(key(p, V))

@script:python@
V << rd2.V;
p << rd2.p;
@@
pte_frames.add(key(p, V))

// Struct page frames: an identifier handed to or assigned from a PG API.
// (Three rules, not one disjunction: in a disjunction the call branch
// would match the call inside "V = api(...)" first and hide the
// assignment.)
@pg1 depends on has_tokens@
identifier api : script:python () { api in PG_FRAME_API };
identifier V;
position p;
@@
  api(..., V@p, ...)

@pg2 depends on has_tokens@
identifier api : script:python () { api in PG_FRAME_API };
identifier V;
expression list es;
position p;
@@
  V@p = api(es)

@pg3 depends on has_tokens@
identifier api : script:python () { api in PG_FRAME_API };
identifier V;
expression list es;
type T;
position p;
@@
  T V@p = api(es);

@script:python@
V << pg1.V;
p << pg1.p;
@@
pg_frames.add(key(p, V))

@script:python@
V << pg2.V;
p << pg2.p;
@@
pg_frames.add(key(p, V))

@script:python@
V << pg3.V;
p << pg3.p;
@@
pg_frames.add(key(p, V))

// The conversions: every PAGE_SHIFT that c1 to c5 find and the scripts
// after them accept is put in conv.
@c1@
expression E;
position pe, q;
@@
  E@pe >> PAGE_SHIFT@q

@script:python@
pe << c1.pe;
q << c1.q;
@@
if (pe[0].file, pe[0].line, pe[0].column, q[0].line_end, q[0].column_end) in frame_args:
	conv.add(pos(q))

@c2@
identifier get = {pte_pfn, pmd_pfn, pud_pfn, p4d_pfn, pgd_pfn};
struct follow_pfnmap_args A;
expression list es;
expression E;
type T;
position q;
@@
(
  (T)get(es) << PAGE_SHIFT@q
|
  get(es) << PAGE_SHIFT@q
|
  (T)A.pfn << PAGE_SHIFT@q
|
  A.pfn << PAGE_SHIFT@q
|
  get(es) + (E >> PAGE_SHIFT@q)
|
  get(es) - (E >> PAGE_SHIFT@q)
)

@script:python@
q << c2.q;
@@
conv.add(pos(q))

@c3@
identifier V;
expression E;
type T;
position q, p;
@@
(
  V@p = E >> PAGE_SHIFT@q
|
  (T)V@p << PAGE_SHIFT@q
|
  V@p << PAGE_SHIFT@q
|
  V@p += E >> PAGE_SHIFT@q
|
  V@p -= E >> PAGE_SHIFT@q
|
  V@p + (E >> PAGE_SHIFT@q)
|
  V@p - (E >> PAGE_SHIFT@q)
)

@script:python@
V << c3.V;
p << c3.p;
q << c3.q;
@@
if is_pte_frame(p, V):
	conv.add(pos(q))

@c4@
identifier V;
expression E;
type T;
position q, p;
@@
  T V@p = E >> PAGE_SHIFT@q;

@script:python@
V << c4.V;
p << c4.p;
q << c4.q;
@@
if is_pte_frame(p, V):
	conv.add(pos(q))

@c5 depends on has_tokens@
identifier get = {pte_pfn, pmd_pfn, pud_pfn, p4d_pfn, pgd_pfn};
expression E;
position q;
@@
  get(...)
  {
  <...
  return E >> PAGE_SHIFT@q;
  ...>
  }

@script:python@
q << c5.q;
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
