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

// Each patch rule has one read-only twin (depends on !patch): the same
// pattern with the removed code marked '*' and its position bound, from
// which org and report mode list one entry per starred line.

@initialize:python@
@@
msg = "pgd_list walked as struct page: iterate its ptdescs through pt_list"
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

@rwalk depends on !patch@
identifier page;
iterator name list_for_each_entry;
statement S;
position p, q;
@@
* struct page *page@p;
  ... when != page
* list_for_each_entry@q(page, &pgd_list, lru)
  S

// Patch mode's uses rule matches the loop that walk has converted; its
// read-only twin matches the loop as it is (the same loop, found by the
// unconverted header that rwalk starred).
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

@ruses depends on rwalk@
identifier rwalk.page;
iterator name list_for_each_entry;
type T;
position p;
@@
  list_for_each_entry(page, &pgd_list, lru)
  {
  <...
(
* (T)page_address@p(page)
|
* page_address@p(page)
|
* pgd_page_get_mm@p(page)
|
* page@p
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

@rdef depends on !patch@
identifier page;
position p, q;
@@
  struct mm_struct *pgd_page_get_mm(
* struct page *page@p
  )
  {
* return page_ptdesc@q(page)->pt_mm;
  }

@proto depends on patch@
identifier page;
@@
  struct mm_struct *pgd_page_get_mm(
- struct page *page
+ struct ptdesc *ptdesc
  );

@rproto depends on !patch@
identifier page;
position p;
@@
  struct mm_struct *pgd_page_get_mm(
* struct page *page@p
  );

@script:python depends on org@
p << rwalk.p;
q << rwalk.q = [];
@@
emit(True, p, q)

@script:python depends on report@
p << rwalk.p;
q << rwalk.q = [];
@@
emit(False, p, q)

@script:python depends on org@
p << ruses.p;
@@
emit(True, p)

@script:python depends on report@
p << ruses.p;
@@
emit(False, p)

@script:python depends on org@
p << rdef.p;
q << rdef.q = [];
@@
emit(True, p, q)

@script:python depends on report@
p << rdef.p;
q << rdef.q = [];
@@
emit(False, p, q)

@script:python depends on org@
p << rproto.p;
@@
emit(True, p)

@script:python depends on report@
p << rproto.p;
@@
emit(False, p)
