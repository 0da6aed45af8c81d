// SPDX-License-Identifier: GPL-2.0-only
/// Reach a PTE table passed as pgtable_t through pgtable_ptdesc(),
/// ptdesc_pgtable() and pgtable_list(), not as a struct page.
///
//# pgtable_t is how core mm passes PTE tables around: pte_alloc_one(),
//# pmd_populate(), pte_free(), the THP deposit. On most architectures,
//# x86 included, it is the table's struct page, and the code that
//# handles it treats it as one: it chains deposited tables through
//# page->lru, turns a pgtable_t into its ptdesc with page_ptdesc() and a
//# ptdesc back into a pgtable_t with ptdesc_page(), and takes struct
//# page * parameters where it means a pgtable_t. Each of those only
//# works while pgtable_t is a struct page and a ptdesc overlays it.
//#
//# This makes that code independent of what pgtable_t is: the ptdesc of
//# a pgtable_t comes from pgtable_ptdesc(), a pgtable_t from a ptdesc
//# from ptdesc_pgtable(), the deposit list is the ptdesc's pt_list
//# through pgtable_list(), and pte_free(), pmd_populate() and
//# ___pte_free_tlb()/__pte_free_tlb() take a pgtable_t. Where the page
//# frame number of such a table is needed it comes from the ptdesc's
//# page. An architecture can then make pgtable_t a struct ptdesc *.
//#
//# Not handled: pgtable_trans_huge_withdraw()'s
//# list_first_entry_or_null(&pgtable->lru, struct page, lru), converted
//# by hand in its own commit, since the new statement cannot be laid out
//# on the original two lines from here (Coccinelle writes the leading
//# tabs of an added line as spaces); such a use is still reported.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while pgtable_t is a struct page * and
//  a ptdesc overlays its struct page.
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
msg = "pgtable_t used as a struct page: use pgtable_ptdesc(), ptdesc_pgtable() or pgtable_list()"
seen = set()
pgtable_at = set()


def where(q):
	return (q.file, q.line, q.column, q.line_end, q.column_end)


def emit(org, *ps):
	for p in ps:
		for q in p:
			if (q.file, q.line) not in seen:
				seen.add((q.file, q.line))
				if org:
					coccilib.org.print_todo(q, msg)
				else:
					coccilib.report.print_report(q, msg)

// The functions that take a PTE table as a pgtable_t, but declare the
// parameter as struct page *.
@params depends on patch@
identifier fn =~ "^(pte_free|pmd_populate|___pte_free_tlb|__pte_free_tlb)$";
identifier p;
type T;
@@
T fn(...,
- struct page *p
+ pgtable_t p
 ,...) { ... }

@rparams depends on !patch@
identifier fn =~ "^(pte_free|pmd_populate|___pte_free_tlb|__pte_free_tlb)$";
identifier p;
type T;
position pos;
@@
T fn(...,
* struct page *p@pos
 ,...) { ... }

@params_proto depends on patch@
identifier fn =~ "^(pte_free|pmd_populate|___pte_free_tlb|__pte_free_tlb)$";
identifier p;
type T;
@@
T fn(...,
- struct page *p
+ pgtable_t p
 ,...);

@rparams_proto depends on !patch@
identifier fn =~ "^(pte_free|pmd_populate|___pte_free_tlb|__pte_free_tlb)$";
identifier p;
type T;
position pos;
@@
T fn(...,
* struct page *p@pos
 ,...);

@conv depends on patch@
typedef pgtable_t;
pgtable_t E;
expression M, P, Q;
@@
(
- page_ptdesc(E)
+ pgtable_ptdesc(E)
|
- page_to_pfn(E)
+ page_to_pfn(ptdesc_page(pgtable_ptdesc(E)))
|
- &E->lru
+ pgtable_list(E)
|
- &pmd_huge_pte(M, P)->lru
+ pgtable_list(pmd_huge_pte(M, P))
|
  pte_free(M,
- ptdesc_page(Q)
+ ptdesc_pgtable(Q)
  )
)

// conv's read-only twin. Patch mode's conv runs after params, and sees
// the parameters params retypes as pgtable_t; here they are still struct
// page *. So E is not declared pgtable_t but is one of the expressions
// conv would take as one: those of that type (pt_typed) and the uses of
// those parameters (pt_param), kept as a set of positions. (An inherited
// position would run rconv once per binding.)
@pt_typed depends on !patch@
pgtable_t E;
position u;
@@
E@u

@pt_param depends on !patch@
identifier fn =~ "^(pte_free|pmd_populate|___pte_free_tlb|__pte_free_tlb)$";
identifier p;
type T;
position u;
@@
T fn(..., struct page *p, ...) { <... p@u ...> }

@script:python@
u << pt_typed.u;
@@
pgtable_at.update(where(q) for q in u)

@script:python@
u << pt_param.u;
@@
pgtable_at.update(where(q) for q in u)

@rconv depends on !patch@
expression E;
position u : script:python () { where(u[0]) in pgtable_at };
expression M, P, Q;
position pos;
@@
(
* page_ptdesc@pos(E@u)
|
* page_to_pfn@pos(E@u)
|
* &E@u@pos->lru
|
* &pmd_huge_pte@pos(M, P)->lru
|
  pte_free(M,
* ptdesc_page@pos(Q)
  )
)

// A function that returns a pgtable_t hands on a ptdesc as one.
@ret depends on patch@
identifier fn;
expression E;
@@
pgtable_t fn(...)
{
<...
- return ptdesc_page(E);
+ return ptdesc_pgtable(E);
...>
}

@rret depends on !patch@
identifier fn;
expression E;
position pos;
@@
pgtable_t fn(...)
{
<...
* return ptdesc_page@pos(E);
...>
}

@script:python depends on org@
pos << rparams.pos;
@@
emit(True, pos)

@script:python depends on report@
pos << rparams.pos;
@@
emit(False, pos)

@script:python depends on org@
pos << rparams_proto.pos;
@@
emit(True, pos)

@script:python depends on report@
pos << rparams_proto.pos;
@@
emit(False, pos)

@script:python depends on org@
pos << rconv.pos;
@@
emit(True, pos)

@script:python depends on report@
pos << rconv.pos;
@@
emit(False, pos)

@script:python depends on org@
pos << rret.pos;
@@
emit(True, pos)

@script:python depends on report@
pos << rret.pos;
@@
emit(False, pos)
