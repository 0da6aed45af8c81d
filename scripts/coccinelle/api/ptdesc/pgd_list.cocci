// SPDX-License-Identifier: GPL-2.0-only
/// Walk the x86 pgd_list as the ptdescs it links, and find a PGD's mm
/// from its ptdesc.
///
//# pgd_list_add() links each PGD through ptdesc->pt_list, but the walkers
//# iterate it as struct page through page->lru and hand that page to
//# pgd_page_get_mm() and page_address(). The two fields overlay today
//# (TABLE_MATCH(lru, pt_list) in mm_types.h); once a ptdesc is allocated
//# apart from its struct page they do not, and such a walk reads garbage.
//#
//# The walker's cursor becomes a struct ptdesc, the list member pt_list,
//# page_address() ptdesc_address(), and pgd_page_get_mm() takes the
//# ptdesc. Any other use of the cursor inside the loop is kept as
//# ptdesc_page(ptdesc), so that it stays visible for a later conversion.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while a ptdesc overlays its struct page.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

@walk depends on patch@
identifier page;
iterator name list_for_each_entry;
statement S;
@@
- struct page *page;
+ struct ptdesc *ptdesc;
  ... when != page
- list_for_each_entry(page, &pgd_list, lru)
+ list_for_each_entry(ptdesc, &pgd_list, pt_list)
  S

@uses depends on walk@
identifier walk.page;
iterator name list_for_each_entry;
type T;
@@
  list_for_each_entry(ptdesc, &pgd_list, pt_list)
  {
  <...
(
- (T)page_address(page)
+ (T)ptdesc_address(ptdesc)
|
- page_address(page)
+ ptdesc_address(ptdesc)
|
- pgd_page_get_mm(page)
+ pgd_page_get_mm(ptdesc)
|
- page
+ ptdesc_page(ptdesc)
)
  ...>
  }

@def depends on patch@
identifier page;
@@
  struct mm_struct *pgd_page_get_mm(
- struct page *page
+ struct ptdesc *ptdesc
  )
  {
- return page_ptdesc(page)->pt_mm;
+ return ptdesc->pt_mm;
  }

@proto depends on patch@
identifier page;
@@
  struct mm_struct *pgd_page_get_mm(
- struct page *page
+ struct ptdesc *ptdesc
  );

@depends on context@
identifier page;
iterator name list_for_each_entry;
statement S;
@@
* list_for_each_entry(page, &pgd_list, lru) S

@r depends on org || report@
identifier page;
iterator name list_for_each_entry;
statement S;
position pos;
@@
  list_for_each_entry@pos(page, &pgd_list, lru) S

@script:python depends on org@
pos << r.pos;
@@
coccilib.org.print_todo(pos[0], "pgd_list walked as struct page: iterate its ptdescs through pt_list")

@script:python depends on report@
pos << r.pos;
@@
coccilib.report.print_report(pos[0], "pgd_list walked as struct page: iterate its ptdescs through pt_list")
