// SPDX-License-Identifier: GPL-2.0-only
/// A frame read from a page-table entry and handed to a lookup that
/// takes a PFN goes through pte_pfn_to_pg_pfn() or pte_pfn_to_page().
///
//# Rule "Frame numbers" of Documentation/mm/page-sizes.rst: the frame in
//# a page-table entry counts PTE_SIZE units and a PFN counts PG_SIZE
//# units, and code converts between the two through a helper, not an
//# open-coded shift. Matched:
//#
//#	F(G(entry), ...)
//#		G one of the getters of rule r below, which read the frame
//#		of an entry; F one of its lookups, which take a PFN and
//#		find the one struct page, folio, ptdesc, node, section,
//#		RAM state or device pagemap it names; G(entry) is the
//#		whole first argument, maybe in parentheses or cast
//#
//# pfn_to_page(G(entry)) becomes pte_pfn_to_page(G(entry)), and any other
//# F(G(entry)) F(pte_pfn_to_pg_pfn(G(entry))): the PFN, or the page, of
//# the order-0 page that holds the memory the entry maps. The page is
//# right for a leaf and for a table alike; a caller that then needs the
//# PTE_SIZE piece of it, or the table inside it, must add the piece
//# itself, and where it does so with PAGE_* it keeps failing to build.
//# x86's pte_page() to pgd_page() are such compositions.
//#
//# Nothing on these lines says PAGE_*, so without this conversion they
//# would build and go wrong silently once PTE_SHIFT != PG_SHIFT.
//#
//# Not matched, and not reported either:
//#	- a frame stored in a variable first (the script follows no data
//#	  flow: vm_normal_page() and the other variables that carry both
//#	  kinds of frame are split by hand);
//#	- a frame with something added, masked or compared
//#	  (pfn_to_page(pte_pfn(pte) + i), pte_pfn(pte) == page_to_pfn(page),
//#	  is_zero_pfn(pte_pfn(pte))): the piece, and which piece of a page
//#	  an entry maps, are logic changes;
//#	- swp_offset_pfn(), whose migration and hwpoison entries are still
//#	  written from page_to_pfn(), a PFN;
//#	- consumers that are not lookups of one PFN (page_table_check's
//#	  counts, x86 fault.c's low_pfn(), PFN_PHYS());
//#	- a frame in the condition of an mm debug macro that prints its
//#	  condition (VM_WARN_ON_FOLIO() and the like): the message is the
//#	  condition after macro expansion, so the helper would change it
//#	  and the commit would not be a no-op;
//#	- in a file that defines a getter whose parameter is not an
//#	  entry type, or a function named like a listed lookup whose first
//#	  parameter is not an unsigned long, that name (a macro of such a
//#	  name is not seen).
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PTE_SHIFT == PG_SHIFT.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// r finds the frames in every mode and the script after it puts each in
// conv; d and d2 find the definitions that give a listed name another
// meaning, and v the frames in a printed debug condition; the patch rule
// and its read-only twin (depends on !patch) wrap or star the rest, and
// org and report mode list one entry per starred line.

@initialize:python@
@@
msg = "frame of an entry handed to a PFN lookup: use pte_pfn_to_pg_pfn() or pte_pfn_to_page()"
seen = set()

# The lists of getters and lookups are the identifier sets of rule r,
# and only there.
# The types a getter of an entry takes.
ENTRY_TYPES = {"pte_t", "pmd_t", "pud_t", "p4d_t", "pgd_t"}


def emit(org, *ps):
	for p in ps:
		for q in p:
			if (q.file, q.line) not in seen:
				seen.add((q.file, q.line))
				if org:
					coccilib.org.print_todo(q, msg)
				else:
					coccilib.report.print_report(q, msg)


# (file, line, column) of every frame getter to wrap: (lookup, getter).
conv = {}
# (file, name) of every function a file defines that takes something other
# than an entry (own_get) or than an unsigned long first (own_lookup): a
# getter or a lookup of such a name has another meaning in that file, and
# its uses there are left.
own_get = set()
own_lookup = set()
# Getters inside the condition of a debug macro that prints it: left.
hold = set()


def pos(q):
	return (q[0].file, q[0].line, q[0].column)


def ok(q, lookup):
	k = pos(q)
	if k not in conv or (conv[k][0] == "pfn_to_page") != lookup:
		return False
	fn, gn = conv[k]
	return (k not in hold and (k[0], fn) not in own_lookup and
		(k[0], gn) not in own_get)

// spatch reads only the files that have the tokens every rule needs
// (its grep query). The rules that need no fixed token depend on this
// one, so that a file without what this script changes is skipped
// before it is parsed.
@has_tokens@
@@
\(pte_pfn\|pmd_pfn\|pud_pfn\|p4d_pfn\|pgd_pfn\)(...)

// api: lookups that take a PFN as their first argument and find the one
// struct page, folio, ptdesc, node, section, RAM state or device pagemap
// it names; get: the generic readers of the frame in an entry.
@r depends on has_tokens@
identifier api = {pfn_valid, pfn_to_page, pfn_to_online_page, pfn_folio,
		  early_pfn_to_nid, pfn_to_nid, page_is_ram, pfn_to_section_nr,
		  memory_failure, __pfn_to_page, pfn_ptdesc, get_dev_pagemap,
		  damon_get_folio};
identifier get = {pte_pfn, pmd_pfn, pud_pfn, p4d_pfn, pgd_pfn};
expression E;
expression list L;
type T;
position p;
@@
(
  api(get@p(E), L)
|
  api((get@p(E)), L)
|
  api((T)get@p(E), L)
)

@script:python@
p << r.p;
fn << r.api;
gn << r.get;
@@
conv[pos(p)] = (fn, gn)

@d depends on has_tokens@
identifier g, x;
type R, A;
position p;
@@
  R g@p(A x) { ... }

@script:python@
p << d.p;
gn << d.g;
an << d.A;
@@
if an.strip() not in ENTRY_TYPES:
	own_get.add((p[0].file, gn))

@d2 depends on has_tokens@
identifier f, x;
type R, A;
position p;
@@
  R f@p(A x, ...) { ... }

@script:python@
p << d2.p;
fn << d2.f;
an << d2.A;
@@
if an.strip() != "unsigned long":
	own_lookup.add((p[0].file, fn))

// The mm debug macros that print their condition do so after macro
// expansion: a helper in the condition changes the message, so the
// commit would not be a no-op. Those frames are left for a logic change.
@v depends on has_tokens@
identifier m = {VM_BUG_ON_PAGE, VM_BUG_ON_FOLIO, VM_WARN_ON_ONCE_PAGE,
		VM_WARN_ON_FOLIO, VM_WARN_ON_ONCE_FOLIO, VM_BUG_ON_PGFLAGS};
identifier get;
expression E, X;
position p;
@@
  m(<+... get@p(E) ...+>, X)

@script:python@
p << v.p;
@@
hold.add(pos(p))

@depends on patch@
identifier get;
expression E;
type T;
position q : script:python () { ok(q, True) };
position q2 : script:python () { ok(q2, False) };
@@
(
- pfn_to_page
+ pte_pfn_to_page
  (get@q(E))
|
- pfn_to_page
+ pte_pfn_to_page
  ((get@q(E)))
|
- pfn_to_page
+ pte_pfn_to_page
  ((T)get@q(E))
|
- (T)get@q2
+ (T)pte_pfn_to_pg_pfn(get
  (E
+ )
  )
|
+ pte_pfn_to_pg_pfn(
  get@q2(E
+ )
  )
)

@c depends on has_tokens && !patch@
identifier get;
expression E;
type T;
position q : script:python () { ok(q, True) };
position q2 : script:python () { ok(q2, False) };
position s;
@@
(
* pfn_to_page@s
  (get@q(E))
|
* pfn_to_page@s
  ((get@q(E)))
|
* pfn_to_page@s
  ((T)get@q(E))
|
* (T)get@q2
  (E)
|
* get@q2
  (E)
)

@script:python depends on org@
p << c.s;
@@
emit(True, p)

@script:python depends on org@
p << c.q2;
@@
emit(True, p)

@script:python depends on report@
p << c.s;
@@
emit(False, p)

@script:python depends on report@
p << c.q2;
@@
emit(False, p)
