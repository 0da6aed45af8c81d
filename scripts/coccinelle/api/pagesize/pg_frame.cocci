// SPDX-License-Identifier: GPL-2.0-only
/// A frame number given to or taken from an API that numbers struct
/// pages counts order-0 allocations: its shift by PAGE_SHIFT is PG_SHIFT.
///
//# Rule "memmap and pfn/page conversion" of Documentation/mm/page-sizes.rst:
//# a PFN numbers the memory that one struct page describes, PG_SIZE bytes.
//# pg_pfn.cocci decides by name, in core code only; this script decides by
//# the API at the other end of the shift, so it also runs on arch/x86:
//#
//#	F(addr >> PAGE_SHIFT, ...)
//#		F one of the list of rule r below, which looks up the
//#		one struct page (or its node, section or RAM state) that a
//#		frame names; the shift is its whole first argument
//#	G(...) << PAGE_SHIFT, (T)G(...) << PAGE_SHIFT
//#		G one of the list of rule ro below, which returns the
//#		frame of the page or folio it is given: the shift is the
//#		physical address of that page or folio
//#
//# The unit is right whatever addr is: addr >> PG_SHIFT is the frame of
//# the order-0 page that holds byte addr, and a struct page frame shifted
//# left by PG_SHIFT is the address of the first byte of its page. Whether
//# the code around needs the page or a PTE_SIZE piece of it is a question
//# for the offsets next to it, which stay PAGE_* and so keep failing to
//# build once PAGE_* goes. Where no offset is there to keep failing, the
//# shift is left PAGE_SHIFT too, because the code assumes an alignment
//# that is a decision at PG_SIZE > PTE_SIZE, not a rename:
//#
//#	kmap_local_page(pfn_to_page(addr >> PAGE_SHIFT)), and kmap(),
//#	kmap_atomic(), page_address() and lowmem_page_address() of it,
//#		with no offset that says PAGE_* added to what they return
//#	__pte(... page_to_pfn(page) << PAGE_SHIFT ...), and __pmd() to
//#		__pgd() and native_make_*(): an entry's frame counts
//#		PTE_SIZE units and goes through page_to_pte_pfn()
//#
//# Not matched: a shift stored in a variable first (the script follows no
//# data flow); a shift inside a larger first argument; the frames of APIs
//# that take a range (free_contig_range(), register_nosave_region()),
//# because whether the end of a range rounds down or up starts to matter
//# once PG_SIZE is larger than the alignment of the range; virt_to_pfn(),
//# whose only x86 definition is Xen's (asm/xen/page.h); and APIs whose
//# frame counts PTE_SIZE units (pte_pfn.cocci, is_zero_pfn(), paravirt's
//# page-table frames) or x86 hardware units (Xen's mfn_to_pfn()). In a
//# file that defines a function named like a listed API, the shifts next
//# to that name are left (a macro of such a name is not seen). A function
//# that Coccinelle cannot parse is not converted (x86's
//# do_machine_check(), whose DECLARE_BITMAP() initialiser it rejects).
//# Other ways to map a page from its start (page_to_virt(),
//# folio_address(), kmap_local_folio()) are not held back; none takes
//# such a shift in the tree.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PG_SHIFT == PAGE_SHIFT.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// r and ro find the conversions in every mode and the scripts after them
// put each in conv; d finds the functions a file defines, r2 and r2m the
// shifts to hold back and r3 those a PAGE_* offset releases again; the
// patch rule and its read-only twin (depends on !patch) change or star
// what is left, and org and report mode list one entry per starred line.

@initialize:python@
@@
msg = "struct page frame shifted by PAGE_SHIFT: use PG_SHIFT"
seen = set()

# The lists of APIs are the identifier sets of rules r and ro, and only
# there; the rules after them take any name, since only the positions
# that r and ro put in conv can be converted.


def emit(org, *ps):
	for p in ps:
		for q in p:
			if (q.file, q.line) not in seen:
				seen.add((q.file, q.line))
				if org:
					coccilib.org.print_todo(q, msg)
				else:
					coccilib.report.print_report(q, msg)


# (file, line, column) of every PAGE_SHIFT to convert: the API name.
conv = {}
# (file, name) of every function that a file defines: a file that defines
# a listed API itself may give the name another meaning, so the shifts
# next to that name are left there.
own = set()
# Of those, the ones whose page is mapped or put in an entry with no offset
# added: the code assumes the address is page aligned, which at
# PG_SIZE > PTE_SIZE is a decision, not a rename. Left PAGE_SHIFT, so
# that the site keeps failing to build.
hold = set()


def pos(q):
	return (q[0].file, q[0].line, q[0].column)


def ok(q):
	k = pos(q)
	return k in conv and k not in hold and (k[0], conv[k]) not in own

// spatch reads only the files that have the tokens every rule needs
// (its grep query). The rules that need no fixed token depend on this
// one, so that a file without what this script changes is skipped
// before it is parsed.
@has_tokens@
@@
PAGE_SHIFT

// Generic APIs that look up the one struct page, node, section or RAM
// state that their first argument, a struct page frame number, names.
@r@
identifier api = {pfn_valid, pfn_to_page, pfn_to_online_page, pfn_folio,
		  early_pfn_to_nid, pfn_to_nid, page_is_ram, pfn_to_section_nr,
		  memory_failure, boot_pfn_to_page, __pfn_to_page};
expression E;
expression list L;
position ps;
@@
(
  api(E >> PAGE_SHIFT@ps, L)
|
  api((E >> PAGE_SHIFT@ps), L)
|
  api(E >> (PAGE_SHIFT@ps), L)
)

@script:python@
ps << r.ps;
fn << r.api;
@@
conv[pos(ps)] = fn

// Generic APIs that return the struct page frame of what they are given.
// Not virt_to_pfn(): on x86 its only definition is the Xen one
// (asm/xen/page.h), whose callers use it as a Xen (XEN_PAGE_SIZE) frame.
@ro@
identifier api = {page_to_pfn, folio_pfn, __page_to_pfn, page_to_boot_pfn};
expression list M;
type T;
position ps;
@@
(
  api(M) << PAGE_SHIFT@ps
|
  (api(M)) << PAGE_SHIFT@ps
|
  (T)api(M) << PAGE_SHIFT@ps
|
  ((T)api(M)) << PAGE_SHIFT@ps
|
  (T)(api(M)) << PAGE_SHIFT@ps
)

@script:python@
ps << ro.ps;
fn << ro.api;
@@
conv[pos(ps)] = fn

@d depends on has_tokens@
identifier api;
position p;
@@
  api@p(...) { ... }

@script:python@
p << d.p;
fn << d.api;
@@
own.add((p[0].file, fn))

@r2@
identifier fi;
identifier k = {kmap_local_page, kmap, kmap_atomic, page_address,
		lowmem_page_address};
expression E;
expression list L;
position ps;
@@
  k(<+... fi(\(E >> PAGE_SHIFT@ps\|(E >> PAGE_SHIFT@ps)\|E >> (PAGE_SHIFT@ps)\), L) ...+>)

@script:python@
ps << r2.ps;
@@
hold.add(pos(ps))

@r2m@
identifier fo;
identifier mk = {__pte, __pmd, __pud, __p4d, __pgd, native_make_pte,
		 native_make_pmd, native_make_pud, native_make_p4d,
		 native_make_pgd};
expression list M;
type T;
position ps;
@@
  mk(<+... \(fo(M)\|(fo(M))\|(T)fo(M)\|((T)fo(M))\|(T)(fo(M))\) << PAGE_SHIFT@ps ...+>)

@script:python@
ps << r2m.ps;
@@
hold.add(pos(ps))

@r3@
identifier fi;
identifier k = {kmap_local_page, kmap, kmap_atomic, page_address,
		lowmem_page_address};
expression E, X;
expression list L;
position ps;
@@
  k(fi(\(E >> PAGE_SHIFT@ps\|(E >> PAGE_SHIFT@ps)\|E >> (PAGE_SHIFT@ps)\), L)) + \(X \& <+... \(PAGE_MASK\|PAGE_SIZE\|offset_in_page(...)\) ...+>\)

@script:python@
ps << r3.ps;
@@
hold.discard(pos(ps))

@depends on patch@
position q : script:python () { ok(q) };
@@
- PAGE_SHIFT@q
+ PG_SHIFT

@c depends on !patch@
position q : script:python () { ok(q) };
@@
* PAGE_SHIFT@q

@script:python depends on org@
p << c.q;
@@
emit(True, p)

@script:python depends on report@
p << c.q;
@@
emit(False, p)
