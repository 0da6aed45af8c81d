// SPDX-License-Identifier: GPL-2.0-only
/// Reach the Xen PV pinning state of a page table through its ptdesc.
///
//# Xen PV records that it has pinned a page table in PG_pinned, and that
//# it pinned a PGD for a domain save in PG_savepinned. Both are flags
//# of the table's metadata, but mmu_pv.c reads and writes them with the
//# struct page flag operations (PagePinned(), TestSetPagePinned(), ...)
//# on struct pages it finds with virt_to_page(), pfn_to_page() and
//# pmd_page(), and its page-table walker hands a struct page to its
//# callbacks. Once a ptdesc is allocated apart from its struct page,
//# those flags must be the ptdesc's.
//#
//# The flag operations become the pagetable_*pinned() helpers on the
//# ptdesc, found with the lookup helpers virt_to_ptdesc(), pfn_ptdesc()
//# and pmd_pgtable_ptdesc(). The walker's callbacks, which take
//# (struct mm_struct *, struct page *, enum pt_level), and xen_pte_lock()
//# take the ptdesc instead. A local struct page that is converted must
//# have no other use; the compiler reports one that has.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while a ptdesc overlays its struct page.
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
msg = "Xen PV pinning flag of a page table through its struct page: use the pagetable_*pinned() helpers on its ptdesc"
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

@flags_ptdesc depends on patch@
expression P;
@@
(
- PagePinned(ptdesc_page(P))
+ pagetable_pinned(P)
|
- PageSavePinned(ptdesc_page(P))
+ pagetable_savepinned(P)
|
- SetPageSavePinned(ptdesc_page(P))
+ pagetable_set_savepinned(P)
|
- ClearPageSavePinned(ptdesc_page(P))
+ pagetable_clear_savepinned(P)
)

@rflags_ptdesc depends on !patch@
expression P;
position p;
@@
(
* PagePinned@p(ptdesc_page(P))
|
* PageSavePinned@p(ptdesc_page(P))
|
* SetPageSavePinned@p(ptdesc_page(P))
|
* ClearPageSavePinned@p(ptdesc_page(P))
)

@flags_virt depends on patch@
expression X;
@@
(
- PagePinned(virt_to_page(X))
+ pagetable_pinned(virt_to_ptdesc(X))
|
- SetPagePinned(virt_to_page(X))
+ pagetable_set_pinned(virt_to_ptdesc(X))
|
- ClearPagePinned(virt_to_page(X))
+ pagetable_clear_pinned(virt_to_ptdesc(X))
)

@rflags_virt depends on !patch@
expression X;
position p;
@@
(
* PagePinned@p(virt_to_page(X))
|
* SetPagePinned@p(virt_to_page(X))
|
* ClearPagePinned@p(virt_to_page(X))
)

@flags_local depends on patch@
identifier pg;
expression E;
@@
(
- struct page *pg = virt_to_page(E);
+ struct ptdesc *ptdesc = virt_to_ptdesc(E);
|
- struct page *pg = pfn_to_page(E);
+ struct ptdesc *ptdesc = pfn_ptdesc(E);
)
  <+...
(
- PagePinned(pg)
+ pagetable_pinned(ptdesc)
|
- SetPagePinned(pg)
+ pagetable_set_pinned(ptdesc)
|
- ClearPagePinned(pg)
+ pagetable_clear_pinned(ptdesc)
)
  ...+>

@rflags_local depends on !patch@
identifier pg;
expression E;
position p, q;
@@
(
* struct page *pg@p = virt_to_page(E);
|
* struct page *pg@p = pfn_to_page(E);
)
  <+...
(
* PagePinned@q(pg)
|
* SetPagePinned@q(pg)
|
* ClearPagePinned@q(pg)
)
  ...+>

@cb depends on patch@
identifier fn, pg, mm, level;
@@
  fn(struct mm_struct *mm,
-    struct page
+    struct ptdesc
     *
-    pg
+    ptdesc
     , enum pt_level level)
  {
  <...
(
- TestSetPagePinned(pg)
+ pagetable_test_set_pinned(ptdesc)
|
- TestClearPagePinned(pg)
+ pagetable_test_clear_pinned(ptdesc)
|
- SetPagePinned(pg)
+ pagetable_set_pinned(ptdesc)
|
- lowmem_page_address(pg)
+ ptdesc_address(ptdesc)
|
- page_to_pfn(pg)
+ page_to_pfn(ptdesc_page(ptdesc))
|
- xen_pte_lock(pg, mm)
+ xen_pte_lock(ptdesc, mm)
)
  ...>
  }

@rcb depends on !patch@
identifier fn, pg, mm, level;
position p, q;
@@
  fn(struct mm_struct *mm,
*    struct page
     *
*    pg@p
     , enum pt_level level)
  {
  <...
(
* TestSetPagePinned@q(pg)
|
* TestClearPagePinned@q(pg)
|
* SetPagePinned@q(pg)
|
* lowmem_page_address@q(pg)
|
* page_to_pfn@q(pg)
|
* xen_pte_lock@q(pg, mm)
)
  ...>
  }

@lock depends on patch@
identifier pg, mm;
@@
  xen_pte_lock(
-    struct page
+    struct ptdesc
     *
-    pg
+    ptdesc
     , struct mm_struct *mm)
  {
  <...
- ptlock_ptr(page_ptdesc(pg))
+ ptlock_ptr(ptdesc)
  ...>
  }

@rlock depends on !patch@
identifier pg, mm;
position p, q;
@@
  xen_pte_lock(
*    struct page
     *
*    pg@p
     , struct mm_struct *mm)
  {
  <...
* ptlock_ptr@q(page_ptdesc(pg))
  ...>
  }

@walker depends on patch@
identifier fn, func, mm;
@@
  fn(...,
     void (*func)(struct mm_struct *mm,
-        struct page
+        struct ptdesc
         *, enum pt_level),
     ...)
  {
  <...
(
  (*func)(...,
- virt_to_page
+ virt_to_ptdesc
  (...), ...)
|
  (*func)(...,
- pmd_page
+ pmd_pgtable_ptdesc
  (...), ...)
)
  ...>
  }

@rwalker depends on !patch@
identifier fn, func, mm;
position p, q;
@@
  fn(...,
     void (*func)(struct mm_struct *mm,
*        struct page@p
         *, enum pt_level),
     ...)
  {
  <...
(
  (*func)(...,
* virt_to_page@q
  (...), ...)
|
  (*func)(...,
* pmd_page@q
  (...), ...)
)
  ...>
  }

@direct depends on patch@
identifier cb.fn;
expression mm, X, L;
@@
  fn(mm,
- virt_to_page(X)
+ virt_to_ptdesc(X)
  , L)

@rdirect depends on !patch@
identifier rcb.fn;
expression mm, X, L;
position p;
@@
  fn(mm,
* virt_to_page@p(X)
  , L)

@script:python depends on org@
p << rflags_ptdesc.p;
@@
emit(True, p)

@script:python depends on report@
p << rflags_ptdesc.p;
@@
emit(False, p)

@script:python depends on org@
p << rflags_virt.p;
@@
emit(True, p)

@script:python depends on report@
p << rflags_virt.p;
@@
emit(False, p)

@script:python depends on org@
p << rflags_local.p;
q << rflags_local.q = [];
@@
emit(True, p, q)

@script:python depends on report@
p << rflags_local.p;
q << rflags_local.q = [];
@@
emit(False, p, q)

@script:python depends on org@
p << rcb.p;
q << rcb.q = [];
@@
emit(True, p, q)

@script:python depends on report@
p << rcb.p;
q << rcb.q = [];
@@
emit(False, p, q)

@script:python depends on org@
p << rlock.p;
q << rlock.q = [];
@@
emit(True, p, q)

@script:python depends on report@
p << rlock.p;
q << rlock.q = [];
@@
emit(False, p, q)

@script:python depends on org@
p << rwalker.p;
q << rwalker.q = [];
@@
emit(True, p, q)

@script:python depends on report@
p << rwalker.p;
q << rwalker.q = [];
@@
emit(False, p, q)

@script:python depends on org@
p << rdirect.p;
@@
emit(True, p)

@script:python depends on report@
p << rdirect.p;
@@
emit(False, p)
