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

@direct depends on patch@
identifier cb.fn;
expression mm, X, L;
@@
  fn(mm,
- virt_to_page(X)
+ virt_to_ptdesc(X)
  , L)

// Context: '*' marks what patch mode changes.
@depends on context@
struct page *pg;
@@
(
* PagePinned(pg)
|
* SetPagePinned(pg)
|
* ClearPagePinned(pg)
|
* TestSetPagePinned(pg)
|
* TestClearPagePinned(pg)
|
* PageSavePinned(pg)
|
* SetPageSavePinned(pg)
|
* ClearPageSavePinned(pg)
)

@depends on context@
identifier fn, func, mm;
@@
  fn(...,
*    void (*func)(struct mm_struct *mm, struct page *, enum pt_level),
     ...)
  {
  ...
  }

// Org and report: positions only.
@r depends on org || report@
struct page *pg;
position pos;
@@
(
  PagePinned@pos(pg)
|
  SetPagePinned@pos(pg)
|
  ClearPagePinned@pos(pg)
|
  TestSetPagePinned@pos(pg)
|
  TestClearPagePinned@pos(pg)
|
  PageSavePinned@pos(pg)
|
  SetPageSavePinned@pos(pg)
|
  ClearPageSavePinned@pos(pg)
)

@script:python depends on org@
pos << r.pos;
@@
coccilib.org.print_todo(pos[0], "Xen PV pinning flag of a page table through its struct page: use the pagetable_*pinned() helpers on its ptdesc")

@script:python depends on report@
pos << r.pos;
@@
coccilib.report.print_report(pos[0], "Xen PV pinning flag of a page table through its struct page: use the pagetable_*pinned() helpers on its ptdesc")
