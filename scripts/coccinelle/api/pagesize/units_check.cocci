// SPDX-License-Identifier: GPL-2.0-only
/// Report counts passed to an API that counts in the other unit: a count
/// of order-0 pages (PG_SIZE units) where the API counts PTEs (PTE_SIZE
/// units), and a count of PTEs where the API counts pages.
///
//# Units check for Documentation/mm/page-sizes.rst. Once PG_SIZE >
//# PTE_SIZE, a PTE count that is really a page count covers 1/PTES_PER_PG
//# of the memory, and a page count that is really a PTE count walks
//# PTES_PER_PG times too far. Neither fails to build, so this script
//# lists them. It only reports: there is no patch mode, because the fix
//# depends on the site (PTES_PER_PG << order, DIV_ROUND_UP(size, PTE_SIZE),
//# folio_nr_ptes(), or a change of logic).
//#
//# PG-unit counts (pg_unit()): PFN_UP(), PFN_DOWN(), PHYS_PFN(),
//# folio_nr_pages(), compound_nr(), thp_nr_pages(), 1 << E, 1U/1UL/1ULL << E,
//# HPAGE_PMD_NR, HPAGE_PUD_NR, pageblock_nr_pages, MAX_ORDER_NR_PAGES, and
//# the same behind a cast or a unary minus.
//# PTE-unit counts (pte_unit()): E >> PTE_SHIFT, E / PTE_SIZE,
//# DIV_ROUND_UP(E, PTE_SIZE), PTRS_PER_PTE, 1 << (E - PTE_SHIFT), an order
//# E - PTE_SHIFT, 1 << E->pt_order (the pgtable-4k cache), folio_nr_ptes(),
//# and what folio_pte_batch(), swap_pte_batch(), madvise_folio_pte_batch()
//# and folio_mlock_step() return.
//# The APIs and the position of their count argument are the tables
//# PTE_API and PG_API below; a function that takes struct pages and a
//# count (set_pages_*(), set_direct_map_*_noflush(), __kernel_map_pages())
//# counts pages, and must scale the count before it reaches set_memory.
//#
//# Rules, each read-only (depends on !patch) with the count starred; the
//# first word of each message names the kind of hit:
//#   pg_pte, pg_pte_var   pg_to_pte: a PG-unit count is the count argument
//#                        of a PTE API, directly or through a variable
//#                        assigned one or two statements before;
//#   pte_pg, pte_pg_var   pte_to_pg: a PTE-unit count is the count
//#                        argument of a PG API;
//#   impl_pg              page_api_body: a struct-page API hands its count
//#                        to a PTE API without scaling it by PTES_PER_PG;
//#   impl_pte             pte_body: a function whose nr counts PTEs hands
//#                        it to a PG API;
//#   cmp                  batch_cmp: a PTE batch length compared with
//#                        folio_nr_pages().
//# Not found: literal counts (set_memory_ro(page_address, 1)), mixed frame
//# arithmetic (folio_pfn() + folio_nr_pages() - pte_pfn()), and counts
//# that reach the API through a struct field or a function pointer.
//
// Confidence: Moderate (a name-based unit guess; every hit needs a reader)
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: Report only; no patch mode. Documentation/mm/page-sizes.rst,
// "Units check", lists what it reports at the head of the series.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// No rule depends on patch: MODE=patch prints nothing. Every rule is
// read-only and stars the count, from which org and report mode list one
// entry per starred line.

@initialize:python@
@@
import re

msg_pg_pte = "pg_to_pte: a count of pages passed where PTEs are counted (scale by PTES_PER_PG, or count PTEs)"
msg_pte_pg = "pte_to_pg: a count of PTEs passed where pages are counted"
msg_impl_pg = "page_api_body: a struct-page API passes its page count on as a PTE count (multiply by PTES_PER_PG)"
msg_impl_pte = "pte_body: a function that counts PTEs passes its count on where pages are counted"
msg_cmp = "batch_cmp: a PTE batch length compared with folio_nr_pages()"
seen = set()


def emit(org, msg, *ps):
	for p in ps:
		for q in p:
			if (q.file, q.line) not in seen:
				seen.add((q.file, q.line))
				if org:
					coccilib.org.print_todo(q, msg)
				else:
					coccilib.report.print_report(q, msg)

# API -> 1-based position of the argument that counts PTEs.
PTE_API = {
	"set_ptes": 5, "update_mmu_cache_range": 5, "folio_pte_batch": 5,
	"set_pte_range": 4, "clear_full_ptes": 4, "get_and_clear_full_ptes": 4,
	"clear_not_present_full_ptes": 4, "wrprotect_ptes": 4,
	"clear_young_dirty_ptes": 4,
	"can_swapin_thp": 3, "tlb_remove_tlb_entries": 3, "add_mm_counter": 3,
	"may_expand_vm": 3, "vm_stat_account": 3,
	"pte_range_none": 2, "swap_pte_batch": 2, "account_locked_vm": 2,
	"snp_set_memory_shared": 2, "snp_set_memory_private": 2,
	"__set_memory_prot": 2, "__set_pages_p": 2, "__set_pages_np": 2,
	"get_user_pages": 2, "pin_user_pages": 2, "pin_user_pages_fast": 2,
}
# set_memory_*() and _set_memory_*(): the count is argument 2.
SET_MEMORY = re.compile(r"^_?set_memory_(ro|rw|x|nx|rox|np|p|4k|uc|wc|wt|wb|"
			r"encrypted|decrypted|global|nonglobal|np_noalias)$")

# API -> 1-based position of the argument that counts pages (or is an
# order of order-0 pages).
PG_API = {
	"totalram_pages_add": 1, "alloc_contig_pages": 1,
	"vmap": 2, "vm_map_ram": 2, "vm_unmap_ram": 2,
	"adjust_managed_page_count": 2, "page_counter_charge": 2,
	"set_pages_uc": 2, "set_pages_wb": 2, "set_pages_ro": 2, "set_pages_rw": 2,
	"set_pages_array_uc": 2, "set_pages_array_wc": 2, "set_pages_array_wb": 2,
	"debug_pagealloc_map_pages": 2, "debug_pagealloc_unmap_pages": 2,
	"__kernel_map_pages": 2,
	"arch_kexec_post_alloc_pages": 2, "arch_kexec_pre_free_pages": 2,
	"dma_alloc_from_contiguous": 2, "cma_alloc": 2,
	"alloc_pages": 2, "__get_free_pages": 2, "__free_pages": 2,
	"free_pages": 2, "split_page": 2, "folio_alloc": 2, "alloc_pages_node": 3,
	"mod_zone_page_state": 3, "__mod_zone_page_state": 3,
	"mod_node_page_state": 3, "__mod_node_page_state": 3,
	"mod_lruvec_page_state": 3,
	"mod_lruvec_state": 3, "__mod_lruvec_state": 3, "mod_lruvec_kmem_state": 3,
	"lruvec_stat_mod_folio": 3, "__lruvec_stat_mod_folio": 3,
	"node_stat_mod_folio": 3,
	"folio_add_anon_rmap_ptes": 3, "folio_add_file_rmap_ptes": 3,
	"folio_remove_rmap_ptes": 3, "folio_dup_file_rmap_ptes": 3,
	"folio_try_dup_anon_rmap_ptes": 3, "__tlb_remove_folio_pages": 3,
	"flush_icache_pages": 3, "cma_release": 3,
	"dma_release_from_contiguous": 3, "try_charge": 3,
}

# Functions that take struct pages and count pages (decided in
# plans/units-check.md) and whose bodies call a PTE API.
STRUCT_PAGE_BODIES = {
	"set_pages_uc", "set_pages_wb", "set_pages_ro", "set_pages_rw",
	"set_direct_map_invalid_noflush", "set_direct_map_default_noflush",
	"__kernel_map_pages", "arch_kexec_post_alloc_pages",
	"arch_kexec_pre_free_pages",
}
# Functions whose nr parameter counts PTEs.
PTE_BODIES = {"set_pte_range", "zap_present_folio_ptes", "__copy_present_ptes"}

PG_RE = re.compile(r"^(PFN_UP|PFN_DOWN|PHYS_PFN|folio_nr_pages|compound_nr|"
		   r"thp_nr_pages)\(|^1(U|UL|ULL)?<<|"
		   r"^(HPAGE_PMD_NR|HPAGE_PUD_NR|pageblock_nr_pages|MAX_ORDER_NR_PAGES)$")
PTE_RE = re.compile(r">>PTE_SHIFT$|/PTE_SIZE$|^DIV_ROUND_UP\(.*,PTE_SIZE\)$|"
		    r"^PTRS_PER_PTE$|-PTE_SHIFT\)?$|1(U|UL|ULL)?<<[^,]*pt_order|"
		    r"^(folio_nr_ptes|folio_pte_batch|swap_pte_batch|"
		    r"madvise_folio_pte_batch|folio_mlock_step)\(")
CAST = re.compile(r"^\((unsigned |signed )?(char|short|int|long|long long|"
		  r"size_t|u32|u64)\)\s*")


def balanced(s):
	d = 0
	for c in s:
		d += {"(": 1, ")": -1}.get(c, 0)
		if d < 0:
			return False
	return d == 0


def norm(e):
	s = re.sub(r"^-\s*", "", str(e).strip())
	s = CAST.sub("", s)
	s = re.sub(r"\s+", "", s)
	while s.startswith("(") and s.endswith(")") and balanced(s[1:-1]):
		s = s[1:-1]
	return s


def pg_unit(e):
	s = norm(e)
	return (PG_RE.search(s) is not None and "PTE_" not in s and
		"PTES_PER_PG" not in s and "pt_order" not in s)


def pte_unit(e):
	return PTE_RE.search(norm(e)) is not None


def unscaled(e):
	return "PTES_PER_PG" not in str(e)


def pte_arg(f, n):
	if SET_MEMORY.match(f):
		return n == 2
	return PTE_API.get(f) == n


def pg_arg(f, n):
	return PG_API.get(f) == n

// ---------------------------------------------------------------------
// Direction 1: PG-unit count into a PTE API. One disjunction branch per
// position of the count argument (2 to 5); split the rule into one rule
// per position if spatch rejects metavariables bound in one branch only.

@pg_pte depends on !patch@
identifier f2 : script:python () { pte_arg(f2, 2) };
identifier f3 : script:python () { pte_arg(f3, 3) };
identifier f4 : script:python () { pte_arg(f4, 4) };
identifier f5 : script:python () { pte_arg(f5, 5) };
expression C : script:python () { pg_unit(C) };
expression A1, A2, A3, A4;
position p;
@@
(
  f2(A1,
* C@p
  , ...)
|
  f3(A1, A2,
* C@p
  , ...)
|
  f4(A1, A2, A3,
* C@p
  , ...)
|
  f5(A1, A2, A3, A4,
* C@p
  , ...)
)

// nr = folio_nr_pages(folio); ... set_ptes(..., nr), also one copy
// further back (nr = folio_nr_pages(folio); nr_pages = nr; ...), as in
// do_swap_page(). The statement-less call pattern at the end also
// matches inside an if condition.
@pg_pte_var depends on !patch exists@
identifier f2 : script:python () { pte_arg(f2, 2) };
identifier f3 : script:python () { pte_arg(f3, 3) };
identifier f4 : script:python () { pte_arg(f4, 4) };
identifier f5 : script:python () { pte_arg(f5, 5) };
expression G : script:python () { pg_unit(G) };
identifier V, V1;
type T, T1;
expression A1, A2, A3, A4, E1, E2;
position p;
@@
(
  T V = G;
|
  V = G;
|
  T1 V1 = G;
  ... when != V1 = E1
      when any
  V = V1;
|
  V1 = G;
  ... when != V1 = E1
      when any
  V = V1;
)
  ... when != V = E2
      when any
(
  f2(A1,
* V@p
  , ...)
|
  f3(A1, A2,
* V@p
  , ...)
|
  f4(A1, A2, A3,
* V@p
  , ...)
|
  f5(A1, A2, A3, A4,
* V@p
  , ...)
)

// ---------------------------------------------------------------------
// Direction 2: PTE-unit count into a PG API (count at position 1 to 3).

@pte_pg depends on !patch@
identifier g1 : script:python () { pg_arg(g1, 1) };
identifier g2 : script:python () { pg_arg(g2, 2) };
identifier g3 : script:python () { pg_arg(g3, 3) };
expression C : script:python () { pte_unit(C) };
expression A1, A2;
position p;
@@
(
  g1(
* C@p
  , ...)
|
  g2(A1,
* C@p
  , ...)
|
  g3(A1, A2,
* C@p
  , ...)
)

@pte_pg_var depends on !patch exists@
identifier g1 : script:python () { pg_arg(g1, 1) };
identifier g2 : script:python () { pg_arg(g2, 2) };
identifier g3 : script:python () { pg_arg(g3, 3) };
expression G : script:python () { pte_unit(G) };
identifier V;
type T;
expression A1, A2, E2;
position p;
@@
(
  T V = G;
|
  V = G;
)
  ... when != V = E2
      when any
(
  g1(
* V@p
  , ...)
|
  g2(A1,
* V@p
  , ...)
|
  g3(A1, A2,
* V@p
  , ...)
)

// ---------------------------------------------------------------------
// API bodies: a struct-page API that hands its count (or a literal) to a
// PTE API unscaled, and a PTE-count function that hands its nr to a PG API.

@impl_pg depends on !patch exists@
identifier fn : script:python () { fn in STRUCT_PAGE_BODIES };
identifier f : script:python () { pte_arg(f, 2) };
expression C : script:python () { unscaled(C) };
expression A;
position p;
@@
  fn(...)
  {
  <...
  f(A,
* C@p
  , ...)
  ...>
  }

@impl_pte depends on !patch exists@
identifier fn : script:python () { fn in PTE_BODIES };
identifier nr : script:python () { nr in ("nr", "nr_ptes") };
identifier g : script:python () { pg_arg(g, 3) };
type T;
expression A1, A2;
position p;
@@
  fn(..., T nr, ...)
  {
  <...
  g(A1, A2,
* nr@p
  , ...)
  ...>
  }

// ---------------------------------------------------------------------
// A batch of PTEs measured against the folio's page count
// (mm/madvise.c "nr < folio_nr_pages(folio)").

@cmp depends on !patch exists@
expression B : script:python () { pte_unit(B) };
identifier V;
type T;
expression F, E2;
position p;
@@
(
  T V = B;
|
  V = B;
)
  ... when != V = E2
      when any
(
* V@p < folio_nr_pages(F)
|
* V@p != folio_nr_pages(F)
|
* V@p == folio_nr_pages(F)
|
* V@p > folio_nr_pages(F)
)

// ---------------------------------------------------------------------

@script:python depends on org@
p << pg_pte.p;
@@
emit(True, msg_pg_pte, p)

@script:python depends on report@
p << pg_pte.p;
@@
emit(False, msg_pg_pte, p)

@script:python depends on org@
p << pg_pte_var.p;
@@
emit(True, msg_pg_pte, p)

@script:python depends on report@
p << pg_pte_var.p;
@@
emit(False, msg_pg_pte, p)

@script:python depends on org@
p << pte_pg.p;
@@
emit(True, msg_pte_pg, p)

@script:python depends on report@
p << pte_pg.p;
@@
emit(False, msg_pte_pg, p)

@script:python depends on org@
p << pte_pg_var.p;
@@
emit(True, msg_pte_pg, p)

@script:python depends on report@
p << pte_pg_var.p;
@@
emit(False, msg_pte_pg, p)

@script:python depends on org@
p << impl_pg.p;
@@
emit(True, msg_impl_pg, p)

@script:python depends on report@
p << impl_pg.p;
@@
emit(False, msg_impl_pg, p)

@script:python depends on org@
p << impl_pte.p;
@@
emit(True, msg_impl_pte, p)

@script:python depends on report@
p << impl_pte.p;
@@
emit(False, msg_impl_pte, p)

@script:python depends on org@
p << cmp.p;
@@
emit(True, msg_cmp, p)

@script:python depends on report@
p << cmp.p;
@@
emit(False, msg_cmp, p)
