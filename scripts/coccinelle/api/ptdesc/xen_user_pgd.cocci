// SPDX-License-Identifier: GPL-2.0-only
/// Keep Xen PV's user-mode PGD pointer in the kernel PGD's ptdesc, not in
/// page->private.
///
//# A 64-bit Xen PV guest runs user mode on a PGD of its own. mmu_pv.c
//# keeps a pointer to it in page->private of the struct page of the
//# kernel PGD (found with virt_to_page()), and reads it back from there.
//# The pointer is metadata of the kernel PGD; struct ptdesc has the field
//# pt_user_pgd for it, which overlays page->private today
//# (TABLE_MATCH(private, pt_user_pgd) in mm_types.h).
//#
//# A local struct page that only serves to reach ->private becomes the
//# PGD's ptdesc, found with virt_to_ptdesc(), and ->private becomes
//# ->pt_user_pgd, dropping the casts between unsigned long and pgd_t *.
//# The local must have no other use; the compiler reports one that has.
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
msg = "Xen PV user PGD kept in page->private of the PGD's struct page: use its ptdesc's pt_user_pgd"
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

@user_pgd depends on patch@
identifier pg;
expression E, V;
typedef pgd_t;
@@
- struct page *pg = virt_to_page(E);
+ struct ptdesc *ptdesc = virt_to_ptdesc(E);
  <+...
(
- (pgd_t *)pg->private
+ ptdesc->pt_user_pgd
|
- pg->private != 0
+ ptdesc->pt_user_pgd
|
- pg->private = (unsigned long)V
+ ptdesc->pt_user_pgd = V
)
  ...+>

@r depends on !patch@
identifier pg;
expression E, V;
typedef pgd_t;
position p, q;
@@
* struct page *pg@p = virt_to_page(E);
  <+...
(
* (pgd_t *)pg@q->private
|
* pg@q->private != 0
|
* pg@q->private = (unsigned long)V
)
  ...+>

@script:python depends on org@
p << r.p;
q << r.q = [];
@@
emit(True, p, q)

@script:python depends on report@
p << r.p;
q << r.q = [];
@@
emit(False, p, q)
