// SPDX-License-Identifier: GPL-2.0-only
/// ioremap() and early_ioremap() map a physical range with PTEs: they
/// align it, and count and step the fixmap slots they use, in units of
/// what one PTE maps. Use PTE_MASK, PTE_ALIGN(), offset_in_pte(),
/// PTE_SHIFT and PTE_SIZE.
///
//# Rule "ioremap, vmap, vmalloc, fixmap and kmap mappings" of
//# Documentation/mm/page-sizes.rst, for ioremap. An I/O range is mapped
//# into the kernel's address space one PTE at a time (or a fixmap slot,
//# which is one PTE, at a time), so its start is rounded down and its end
//# up to PTE_SIZE, and the offset of the start within its PTE is added back
//# to the address returned:
//#
//#	offset = phys_addr & ~PAGE_MASK;	->	~PTE_MASK
//#	phys_addr &= PAGE_MASK;	->	PTE_MASK
//#	size = PAGE_ALIGN(last_addr + 1) - phys_addr;	->	PTE_ALIGN()
//#	offset = offset_in_page(virt_addr);	->	offset_in_pte()
//#	nrpages = size >> PAGE_SHIFT;	->	PTE_SHIFT (fixmap slots)
//#	phys_addr += PAGE_SIZE;	->	PTE_SIZE (the next slot)
//#	memremap(start, PAGE_SIZE, ...)	->	PTE_SIZE
//#
//# Only in the functions listed below: generic and x86 ioremap/iounmap,
//# early_ioremap/early_iounmap, copy_from_early_mem() and x86's
//# /dev/mem translation. ioremap_change_attr(), which counts the pages
//# of the direct map whose cache mode follows the mapping, is not one of
//# them: that is a set_memory page count, a rule of its own.
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
msg = "ioremap range aligned or counted with PAGE_*: use PTE_*"
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

// spatch reads only the files that have the tokens every rule needs
// (its grep query). The rules that need no fixed token depend on this
// one, so that a file without what this script changes is skipped
// before it is parsed.
@has_tokens@
@@
\(PAGE_SHIFT\|PAGE_SIZE\|PAGE_MASK\|PAGE_ALIGN(...)\|offset_in_page(...)\)

@fns@
identifier fn = {generic_ioremap_prot, generic_iounmap, __ioremap_caller,
		 iounmap, __early_ioremap, early_iounmap, copy_from_early_mem,
		 xlate_dev_mem_ptr, unxlate_dev_mem_ptr};
@@
fn(...) { ... }

@depends on patch@
identifier fns.fn;
expression E, F;
@@
fn(...) { <...
(
  E & ~
- PAGE_MASK
+ PTE_MASK
|
  E & (~
- PAGE_MASK
+ PTE_MASK
  )
|
  E &
- PAGE_MASK
+ PTE_MASK
|
- PAGE_MASK
+ PTE_MASK
  & E
|
  E &=
- PAGE_MASK
+ PTE_MASK
|
- PAGE_ALIGN
+ PTE_ALIGN
  (E)
|
- offset_in_page
+ offset_in_pte
  (E)
|
  E >>
- PAGE_SHIFT
+ PTE_SHIFT
|
  E +=
- PAGE_SIZE
+ PTE_SIZE
|
  memremap(E,
- PAGE_SIZE
+ PTE_SIZE
  , F)
)
...> }

@r1 depends on has_tokens && !patch@
identifier fns.fn;
expression E, F;
position p;
@@
fn(...) { <...
(
  E & ~
* PAGE_MASK@p
|
  E & (~
* PAGE_MASK@p
  )
|
  E &
* PAGE_MASK@p
|
* PAGE_MASK@p
  & E
|
  E &=
* PAGE_MASK@p
|
* PAGE_ALIGN@p
  (E)
|
* offset_in_page@p
  (E)
|
  E >>
* PAGE_SHIFT@p
|
  E +=
* PAGE_SIZE@p
|
  memremap(E,
* PAGE_SIZE@p
  , F)
)
...> }

// Once more, for a use nested in one converted above:
// PAGE_ALIGN(offset + size) >> PAGE_SHIFT. The read-only twin skips what
// the first one marks, as patch mode no longer sees it.
@depends on patch@
identifier fns.fn;
expression E, F;
@@
fn(...) { <...
(
  E & ~
- PAGE_MASK
+ PTE_MASK
|
  E & (~
- PAGE_MASK
+ PTE_MASK
  )
|
  E &
- PAGE_MASK
+ PTE_MASK
|
- PAGE_MASK
+ PTE_MASK
  & E
|
  E &=
- PAGE_MASK
+ PTE_MASK
|
- PAGE_ALIGN
+ PTE_ALIGN
  (E)
|
- offset_in_page
+ offset_in_pte
  (E)
|
  E >>
- PAGE_SHIFT
+ PTE_SHIFT
|
  E +=
- PAGE_SIZE
+ PTE_SIZE
|
  memremap(E,
- PAGE_SIZE
+ PTE_SIZE
  , F)
)
...> }

@r2 depends on has_tokens && !patch@
identifier fns.fn;
expression E, F;
position p != r1.p;
@@
fn(...) { <...
(
  E & ~
* PAGE_MASK@p
|
  E & (~
* PAGE_MASK@p
  )
|
  E &
* PAGE_MASK@p
|
* PAGE_MASK@p
  & E
|
  E &=
* PAGE_MASK@p
|
* PAGE_ALIGN@p
  (E)
|
* offset_in_page@p
  (E)
|
  E >>
* PAGE_SHIFT@p
|
  E +=
* PAGE_SIZE@p
|
  memremap(E,
* PAGE_SIZE@p
  , F)
)
...> }

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
