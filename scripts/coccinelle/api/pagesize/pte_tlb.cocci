// SPDX-License-Identifier: GPL-2.0-only
/// TLB flush strides, and the ranges a flush or an mmu_gather records
/// one PTE at a time, are in units of what one PTE maps: use PTE_SHIFT
/// and PTE_SIZE.
///
//# Rule "TLB flush ranges and strides" of Documentation/mm/page-sizes.rst.
//# A TLB entry caches one translation, and the smallest translation is
//# one PTE, which maps PTE_SIZE of address space. Matched:
//#
//#	flush_tlb_mm_range(mm, start, end, PAGE_SHIFT, freed)
//#		the stride argument (x86), also as the last branch of a
//#		conditional that picks the huge page shift otherwise; and
//#		end = start + PAGE_SIZE or start + n * PAGE_SIZE once the
//#		stride is PTE_SHIFT (n PTEs from start)
//#	tlb_change_page_size(tlb, PAGE_SIZE)
//#		the mmu_gather is about to clear PTEs
//#	tlb_flush_{pte,pmd,pud,p4d}_range(tlb, addr, PAGE_SIZE [* n]),
//#	__tlb_adjust_range(tlb, addr, PAGE_SIZE)
//#		the address range an mmu_gather records for a cleared entry
//#	return PAGE_SHIFT; in tlb_get_unmap_shift()
//#		the stride of a flush after PTEs were cleared
//#	x86's kernel range flush: the loop that invalidates one PTE's
//#	address at a time with flush_tlb_one_kernel(), the ceiling
//#	tlb_single_page_flush_ceiling << PAGE_SHIFT, and the number of
//#	PTEs a remote flush covers in trace_tlb_flush()
//#
//# Not matched: flush_tlb_kernel_range(addr, addr + PAGE_SIZE) after the
//# direct map of a struct page was changed (secretmem, hibernation). That
//# range is the memory of one page, PG_SIZE, and a rule for it belongs
//# with the direct map, not here.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PTE_SIZE == PAGE_SIZE.
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
msg = "TLB flush stride or range in PAGE_* units: use PTE_SHIFT/PTE_SIZE"
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

@depends on patch@
expression m, s, e, f, c, h;
@@
flush_tlb_mm_range(m, s, e,
(
- PAGE_SHIFT
+ PTE_SHIFT
|
  c ? h :
- PAGE_SHIFT
+ PTE_SHIFT
)
  , f)

@r1 depends on !patch@
expression m, s, e, f, c, h;
position p;
@@
flush_tlb_mm_range(m, s, e,
(
* PAGE_SHIFT@p
|
  c ? h :
* PAGE_SHIFT@p
)
  , f)

// The stride is PTE_SHIFT, or PAGE_SHIFT, which the rule above makes
// PTE_SHIFT in patch mode (so that both modes match the same calls).
@depends on patch@
expression m, s, f, n;
@@
flush_tlb_mm_range(m, s, s +
(
- PAGE_SIZE
+ PTE_SIZE
|
  n *
- PAGE_SIZE
+ PTE_SIZE
|
  (n) *
- PAGE_SIZE
+ PTE_SIZE
)
  , \(PTE_SHIFT\|PAGE_SHIFT\), f)

@r2 depends on !patch@
expression m, s, f, n;
position p;
@@
flush_tlb_mm_range(m, s, s +
(
* PAGE_SIZE@p
|
  n *
* PAGE_SIZE@p
|
  (n) *
* PAGE_SIZE@p
)
  , \(PTE_SHIFT\|PAGE_SHIFT\), f)

@depends on patch@
expression t, a, n;
identifier fn = {tlb_flush_pte_range, tlb_flush_pmd_range, tlb_flush_pud_range, tlb_flush_p4d_range, __tlb_adjust_range};
@@
(
  tlb_change_page_size(t,
- PAGE_SIZE
+ PTE_SIZE
  )
|
  fn(t, a,
- PAGE_SIZE
+ PTE_SIZE
  )
|
  fn(t, a,
- PAGE_SIZE
+ PTE_SIZE
  * n)
)

@r3 depends on !patch@
expression t, a, n;
identifier fn = {tlb_flush_pte_range, tlb_flush_pmd_range, tlb_flush_pud_range, tlb_flush_p4d_range, __tlb_adjust_range};
position p;
@@
(
  tlb_change_page_size(t,
* PAGE_SIZE@p
  )
|
  fn(t, a,
* PAGE_SIZE@p
  )
|
  fn(t, a,
* PAGE_SIZE@p
  * n)
)

@depends on patch@
@@
tlb_get_unmap_shift(...)
{
<...
  return
- PAGE_SHIFT
+ PTE_SHIFT
  ;
...>
}

@r4 depends on !patch@
position p;
@@
tlb_get_unmap_shift(...)
{
<...
  return
* PAGE_SHIFT@p
  ;
...>
}

@depends on patch@
expression a, s, e, r;
symbol tlb_single_page_flush_ceiling;
@@
(
  for (a = s; a < e; a +=
- PAGE_SIZE
+ PTE_SIZE
  )
    flush_tlb_one_kernel(a);
|
  tlb_single_page_flush_ceiling <<
- PAGE_SHIFT
+ PTE_SHIFT
|
  trace_tlb_flush(r, (e - s) >>
- PAGE_SHIFT
+ PTE_SHIFT
  )
)

@r5 depends on !patch@
expression a, s, e, r;
symbol tlb_single_page_flush_ceiling;
position p;
@@
(
  for (a = s; a < e; a +=
* PAGE_SIZE@p
  )
    flush_tlb_one_kernel(a);
|
  tlb_single_page_flush_ceiling <<
* PAGE_SHIFT@p
|
  trace_tlb_flush(r, (e - s) >>
* PAGE_SHIFT@p
  )
)

@script:python depends on org@
p << r1.p;
@@
emit(True, p)

@script:python depends on report@
p << r1.p;
@@
emit(False, p)

@script:python depends on org@
p << r2.p;
@@
emit(True, p)

@script:python depends on report@
p << r2.p;
@@
emit(False, p)

@script:python depends on org@
p << r3.p;
@@
emit(True, p)

@script:python depends on report@
p << r3.p;
@@
emit(False, p)

@script:python depends on org@
p << r4.p;
@@
emit(True, p)

@script:python depends on report@
p << r4.p;
@@
emit(False, p)

@script:python depends on org@
p << r5.p;
@@
emit(True, p)

@script:python depends on report@
p << r5.p;
@@
emit(False, p)
