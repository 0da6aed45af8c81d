// SPDX-License-Identifier: GPL-2.0-only
/// Free a page table by RCU through ptdesc->pt_rcu_head, not through
/// page->rcu_head.
///
//# The generic pte_free_defer() frees a PTE table after a grace period
//# with call_rcu() on page->rcu_head, and its callback finds the table
//# again with container_of(head, struct page, rcu_head). The RCU head
//# belongs to the table's ptdesc (pt_rcu_head); it is reached through
//# struct page only because a ptdesc overlays its struct page today
//# (TABLE_MATCH(rcu_head, pt_rcu_head) in mm_types.h). Once a ptdesc is
//# allocated apart from its struct page, call_rcu() would queue a head
//# that nothing owns.
//#
//# The local struct page becomes a struct ptdesc, found with
//# page_ptdesc() from the pgtable_t, and the callback's container_of()
//# yields the ptdesc; where it hands the table on, it passes
//# ptdesc_page(ptdesc). pgtable_t itself is not changed here.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while a ptdesc overlays its struct page.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

@rcu_cb depends on patch@
identifier pg, head;
typedef pgtable_t;
@@
- struct page *pg;
+ struct ptdesc *ptdesc;
  ... when != pg
- pg = container_of(head, struct page, rcu_head);
+ ptdesc = container_of(head, struct ptdesc, pt_rcu_head);
  <...
(
- (pgtable_t)pg
+ ptdesc_page(ptdesc)
|
- pg
+ ptdesc_page(ptdesc)
)
  ...>

@rcu_defer depends on patch@
identifier pg;
pgtable_t E;
expression F;
@@
- struct page *pg;
+ struct ptdesc *ptdesc;
  ... when != pg
- pg = E;
+ ptdesc = page_ptdesc(E);
  ... when != pg
- call_rcu(&pg->rcu_head, F);
+ call_rcu(&ptdesc->pt_rcu_head, F);

// Context: '*' marks what patch mode changes.
@depends on context@
identifier head;
struct page *p;
expression F;
@@
(
* container_of(head, struct page, rcu_head)
|
* call_rcu(&p->rcu_head, F)
)

// Org and report: positions only.
@r depends on org || report@
identifier head;
struct page *p;
expression F;
position pos;
@@
(
  container_of@pos(head, struct page, rcu_head)
|
  call_rcu@pos(&p->rcu_head, F)
)

@script:python depends on org@
pos << r.pos;
@@
coccilib.org.print_todo(pos[0], "page table freed by RCU through page->rcu_head: use its ptdesc's pt_rcu_head")

@script:python depends on report@
pos << r.pos;
@@
coccilib.report.print_report(pos[0], "page table freed by RCU through page->rcu_head: use its ptdesc's pt_rcu_head")
