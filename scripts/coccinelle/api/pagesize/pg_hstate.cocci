// SPDX-License-Identifier: GPL-2.0-only
/// The order of a hugetlb hstate and the order of a folio count order-0
/// pages: PAGE_SIZE << order and order + PAGE_SHIFT are PG_SIZE << order
/// and order + PG_SHIFT, and an order made from a shift (PUD_SHIFT -
/// PAGE_SHIFT) for hugetlb_add_hstate() or hugetlb_cma_reserve() is
/// PUD_SHIFT - PG_SHIFT.
///
//# Rule "alloc_pages() and get_order(), and PAGE_SIZE << order" of
//# Documentation/mm/page-sizes.rst: an order counts order-0 allocations
//# of PG_SIZE. pg_order.cocci converts PAGE_SIZE << E where E is an
//# order getter or follows to an allocation within one function; it
//# leaves an hstate's order field (class order-unproven). An hstate
//# describes folios of 1 << h->order order-0 pages (huge_page_order(),
//# pages_per_huge_page()), which alloc_contig_pages(), CMA and the buddy
//# allocator hand out or which are carved from memblock, so h->order and
//# h->demote_order are allocation orders by definition, and so are
//# folio_order() and compound_order(). Matched, where h is a struct
//# hstate (pointer or element of hstates[]):
//#
//#	PAGE_SIZE << h->order, (T)PAGE_SIZE << h->demote_order
//#	h->order + PAGE_SHIFT, PAGE_SHIFT + h->order,
//#	PAGE_SHIFT + folio_order(folio), compound_order(page) + PAGE_SHIFT
//#
//# hugetlb_add_hstate(order) and hugetlb_cma_reserve(order) take the
//# order of the hstate to create or reserve for, so an argument written
//# as a shift less PAGE_SHIFT, where the shift is a _SHIFT constant or
//# one ilog2() of a size (PUD_SHIFT - PAGE_SHIFT, ilog2(size) - PAGE_SHIFT),
//# is converted. So is PAGE_SIZE << order in their own bodies, where
//# order is the parameter: only in a file where every definition of the
//# function takes one parameter and names it the same, and none assigns
//# to it in any form, takes its address, hands it on its own to a call
//# (a macro could write it) or declares another variable of its name.
//#
//# Not matched: the orders that only name themselves (HPAGE_PMD_ORDER,
//# PMD_ORDER, HUGETLB_PAGE_ORDER defined from shifts), which a name does
//# not prove to be an allocation order, and an hstate's order copied to
//# a local first.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PG_SIZE == PAGE_SIZE.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// The match rules collect positions in a set (one position may match
// more than one way); the patch rule and its read-only twin (depends on
// !patch) change or star them, and org and report mode list one entry per
// starred line.

@initialize:python@
@@
import re

msg = "hstate or folio order by PAGE_SHIFT or PAGE_SIZE: use PG_SHIFT or PG_SIZE"
seen = set()
# (file, line, column) of every PAGE_* to convert.
conv = set()
# (file, function): the names of the order parameter of each definition
# of hugetlb_add_hstate() and hugetlb_cma_reserve() in the file.
params = {}
# (file, function) of the definitions that change that parameter, take
# its address or declare another variable of its name.
changed = set()


def is_shift(e):
	"""Whether e is a shift: a _SHIFT constant or ilog2() of a size."""
	e = " ".join(str(e).split())
	return re.match(r"^([A-Z][A-Z0-9_]*_SHIFT|ilog2 ?\([^()]*\))$", e) is not None


def pos(q):
	return (q[0].file, q[0].line, q[0].column)


def emit(org, *ps):
	for p in ps:
		for q in p:
			if (q.file, q.line) not in seen:
				seen.add((q.file, q.line))
				if org:
					coccilib.org.print_todo(q, msg)
				else:
					coccilib.report.print_report(q, msg)

// spatch reads only the files that have the tokens every rule needs
// (its grep query). The rules that need no fixed token depend on this
// one, so that a file without what this script changes is skipped
// before it is parsed.
@has_tokens@
@@
\(PAGE_SHIFT\|PAGE_SIZE\)

@ord@
struct hstate *h;
struct hstate s;
expression F;
type T;
position p;
@@
(
  PAGE_SHIFT@p + \(h->order\|h->demote_order\|s.order\|s.demote_order\|folio_order(F)\|compound_order(F)\)
|
  \(h->order\|h->demote_order\|s.order\|s.demote_order\|folio_order(F)\|compound_order(F)\) + PAGE_SHIFT@p
|
  PAGE_SIZE@p << \(h->order\|h->demote_order\|s.order\|s.demote_order\)
|
  (T)PAGE_SIZE@p << \(h->order\|h->demote_order\|s.order\|s.demote_order\)
)

@script:python@
p << ord.p;
@@
conv.add(pos(p))

// An order made from a shift: a _SHIFT constant or ilog2() of a size.
@arg@
identifier fn = {hugetlb_add_hstate, hugetlb_cma_reserve};
expression E : script:python () { is_shift(E) };
position p;
@@
  fn(E - PAGE_SHIFT@p)

@script:python@
p << arg.p;
@@
conv.add(pos(p))

// The order parameter of each definition of the two functions.
@par depends on has_tokens@
identifier fn = {hugetlb_add_hstate, hugetlb_cma_reserve};
identifier o;
type T;
position pf;
@@
fn@pf(T o) { ... }

@script:python@
fn << par.fn;
o << par.o;
pf << par.pf;
@@
params.setdefault((pf[0].file, str(fn)), set()).add(str(o))

// A definition that changes its parameter, takes its address, hands it
// to a call on its own (a macro such as swap() or do_div() may write it)
// or declares another variable of that name.
@asg depends on has_tokens@
identifier fn = {hugetlb_add_hstate, hugetlb_cma_reserve};
identifier o, f;
type T;
expression E;
position pf;
@@
fn@pf(T o) { <+...
(
  o = E
|
  o += E
|
  o -= E
|
  o *= E
|
  o /= E
|
  o %= E
|
  o <<= E
|
  o >>= E
|
  o |= E
|
  o &= E
|
  o ^= E
|
  o++
|
  o--
|
  ++o
|
  --o
|
  &o
|
  f(..., o, ...)
)
...+> }

@script:python@
fn << asg.fn;
pf << asg.pf;
@@
changed.add((pf[0].file, str(fn)))

@decl depends on has_tokens@
identifier fn = {hugetlb_add_hstate, hugetlb_cma_reserve};
identifier o;
type T, T2;
position pf;
@@
fn@pf(T o) { <+... T2 o; ...+> }

@script:python@
fn << decl.fn;
pf << decl.pf;
@@
changed.add((pf[0].file, str(fn)))

@decl2 depends on has_tokens@
identifier fn = {hugetlb_add_hstate, hugetlb_cma_reserve};
identifier o;
type T, T2;
expression E;
position pf;
@@
fn@pf(T o) { <+... T2 o = E; ...+> }

@script:python@
fn << decl2.fn;
pf << decl2.pf;
@@
changed.add((pf[0].file, str(fn)))

@shl@
identifier o;
position p;
@@
  PAGE_SIZE@p << o

@script:python@
o << shl.o;
p << shl.p;
@@
key = (p[0].file, p[0].current_element)
if key not in changed and params.get(key) == {str(o)}:
	conv.add(pos(p))

// A cast is replaced whole, so that no space is put after it.
@depends on patch@
type T;
position q : script:python () { pos(q) in conv };
@@
- (T)PAGE_SIZE@q
+ (T)PG_SIZE

@depends on patch@
position q : script:python () { pos(q) in conv };
@@
(
- PAGE_SHIFT@q
+ PG_SHIFT
|
- PAGE_SIZE@q
+ PG_SIZE
)

@c depends on !patch@
position q : script:python () { pos(q) in conv };
@@
(
* PAGE_SHIFT@q
|
* PAGE_SIZE@q
)

@script:python depends on org@
p << c.q;
@@
emit(True, p)

@script:python depends on report@
p << c.q;
@@
emit(False, p)
