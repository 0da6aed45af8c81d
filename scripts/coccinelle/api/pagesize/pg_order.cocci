// SPDX-License-Identifier: GPL-2.0-only
/// PAGE_SIZE shifted left by an order that reaches the page allocator is
/// the size of an order-N allocation: use PG_SIZE.
///
//# Rule "alloc_pages() and get_order(), and PAGE_SIZE << order" of
//# Documentation/mm/page-sizes.rst: an order counts order-0 allocations,
//# so PAGE_SIZE << order means PG_SIZE << order. That holds only for an
//# order the page allocator sees; an order that counts 4K units (stack
//# sizes mapped PTE by PTE, Xen extent orders, a vmalloc'd buffer's
//# log2) is a byte size in disguise. So the shift count must be one of:
//#
//#	an allocator order by definition: get_order(), folio_order(),
//#	compound_order(), slab_order(), oo_order(), huge_page_order(),
//#	thp_order(), xas_get_order(), folioq_folio_order(),
//#	mapping_max_folio_order(), MAX_PAGE_ORDER,
//#	PAGE_ALLOC_COSTLY_ORDER, pageblock_order;
//#	an identifier that the same function passes as the order
//#	argument of a page allocator call (alloc_pages(),
//#	__get_free_pages(), __free_pages(), free_pages(), folio_alloc(),
//#	vma_alloc_folio(), alloc_pages_node(), split_page(), ...).
//#
//# Everything else stays PAGE_SIZE << order for a human: a named order
//# that is only a function's parameter, a #define of a stack size, a
//# field.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PG_SIZE == PAGE_SIZE.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import re

msg = "PAGE_SIZE << allocation order: use PG_SIZE"
seen = set()

# Allocator API -> 1-based position of its order argument.
ALLOC_ORDER_ARG = {
	"alloc_pages": 2, "__get_free_pages": 2, "get_free_pages": 2,
	"__free_pages": 2, "free_pages": 2, "folio_alloc": 2,
	"__folio_alloc": 2, "vma_alloc_folio": 2, "alloc_pages_mpol": 2,
	"folio_alloc_mpol": 2, "split_page": 2, "__alloc_pages": 2,
	"alloc_pages_node": 3, "__alloc_pages_node": 3,
	"__folio_alloc_node": 3, "dma_alloc_from_contiguous": 3,
}
# The allocation profiling wrappers (alloc_hooks()) of 6.12.
ALLOC_ORDER_ARG.update({k + "_noprof": v for k, v in list(ALLOC_ORDER_ARG.items())})
GETTERS = ("get_order", "folio_order", "compound_order", "slab_order",
	   "oo_order", "huge_page_order", "thp_order", "xas_get_order",
	   "folioq_folio_order", "mapping_max_folio_order")
CONSTS = ("MAX_PAGE_ORDER", "PAGE_ALLOC_COSTLY_ORDER", "pageblock_order")
GETTER_RE = re.compile(r"^(" + "|".join(GETTERS) + r")\(.*\)$")
# (file, function, identifier) of each order an allocator call gets.
alloc_orders = set()


def allocator_order(e, p):
	s = re.sub(r"\s+", "", str(e))
	if GETTER_RE.match(s) or s in CONSTS:
		return True
	return (p[0].file, p[0].current_element, s) in alloc_orders


def emit(org, p):
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
PAGE_SIZE

// The orders that reach the allocator, per function.
@ao depends on has_tokens@
identifier alloc_fn = {alloc_pages, alloc_pages_noprof, __get_free_pages,
	get_free_pages_noprof, __free_pages, free_pages, folio_alloc,
	folio_alloc_noprof, __folio_alloc, __folio_alloc_noprof,
	vma_alloc_folio, vma_alloc_folio_noprof, alloc_pages_mpol,
	alloc_pages_mpol_noprof, folio_alloc_mpol, folio_alloc_mpol_noprof,
	split_page, __alloc_pages, __alloc_pages_noprof, alloc_pages_node,
	alloc_pages_node_noprof, __alloc_pages_node,
	__alloc_pages_node_noprof, __folio_alloc_node,
	__folio_alloc_node_noprof, dma_alloc_from_contiguous};
expression list[n] es;
identifier O;
position p;
@@
  alloc_fn(es, O@p, ...)

@script:python@
alloc_fn << ao.alloc_fn;
n << ao.n;
O << ao.O;
p << ao.p;
@@
if ALLOC_ORDER_ARG[alloc_fn] == int(n) + 1:
	alloc_orders.add((p[0].file, p[0].current_element, O))

// An order assigned from an allocator-order getter in the same function.
@go1 depends on has_tokens@
identifier V, g;
expression list es;
position p;
@@
  V@p = g(es)

@go2 depends on has_tokens@
identifier V, g;
type T;
expression list es;
position p;
@@
  T V@p = g(es);

@script:python@
V << go1.V;
g << go1.g;
p << go1.p;
@@
if g in GETTERS:
	alloc_orders.add((p[0].file, p[0].current_element, V))

@script:python@
V << go2.V;
g << go2.g;
p << go2.p;
@@
if g in GETTERS:
	alloc_orders.add((p[0].file, p[0].current_element, V))

// Every PAGE_SIZE << E; the script below keeps only the allocator orders.
@r@
expression E;
type T;
position p;
@@
(
  (T)PAGE_SIZE@p << E
|
  PAGE_SIZE@p << E
)

@script:python@
E << r.E;
p << r.p;
@@
if not allocator_order(E, p):
	cocci.include_match(False)

// A cast is replaced together with PAGE_SIZE: replacing PAGE_SIZE alone
// makes Coccinelle print a space after the cast.
@depends on patch@
position r.p;
expression r.E;
type T;
@@
(
- (T)PAGE_SIZE@p
+ (T)PG_SIZE
  << E
|
- PAGE_SIZE@p
+ PG_SIZE
  << E
)

@c depends on !patch@
position r.p;
position q;
expression r.E;
type T;
@@
(
* (T)PAGE_SIZE@p@q
  << E
|
* PAGE_SIZE@p@q
  << E
)

@script:python depends on org@
p << c.q;
@@
emit(True, p)

@script:python depends on report@
p << c.q;
@@
emit(False, p)
