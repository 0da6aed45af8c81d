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

// Each patch rule has one read-only twin (depends on !patch): the same
// pattern with the removed code marked '*' and its position bound, from
// which org and report mode list one entry per starred line.

@initialize:python@
@@
msg = "page table freed by RCU through page->rcu_head: use its ptdesc's pt_rcu_head"
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

@rcb depends on !patch@
identifier pg, head;
typedef pgtable_t;
position p, q, u;
@@
* struct page *pg@p;
  ... when != pg
* pg = container_of@q(head, struct page, rcu_head);
  <...
(
* (pgtable_t)pg@u
|
* pg@u
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

@rdefer depends on !patch@
identifier pg;
pgtable_t E;
expression F;
position p, q, u;
@@
* struct page *pg@p;
  ... when != pg
* pg@q = E;
  ... when != pg
* call_rcu@u(&pg->rcu_head, F);

@script:python depends on org@
p << rcb.p;
q << rcb.q = [];
u << rcb.u = [];
@@
emit(True, p, q, u)

@script:python depends on report@
p << rcb.p;
q << rcb.q = [];
u << rcb.u = [];
@@
emit(False, p, q, u)

@script:python depends on org@
p << rdefer.p;
q << rdefer.q = [];
u << rdefer.u = [];
@@
emit(True, p, q, u)

@script:python depends on report@
p << rdefer.p;
q << rdefer.q = [];
u << rdefer.u = [];
@@
emit(False, p, q, u)
